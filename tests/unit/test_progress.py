"""`newsflow ingest` progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from newsflow import pipeline
from newsflow.progress import reporter
from tests import sample_lake


def test_ingest_reports_every_step(tmp_path):
    settings = sample_lake.build(tmp_path)  # two days: the 5th has five documents
    heard = []
    pipeline.ingest(settings, sample_lake.DAYS[1], progress=lambda *a: heard.append(a))
    steps = [step for step, _, _ in heard]
    assert steps[0] == "extract" and steps[-3:] == ["publish", "catalog", "check"]
    assert heard[-1][1:] == (5, 5)
    assert [done for step, done, _ in heard if step == "extract"] == sorted(
        done for step, done, _ in heard if step == "extract"
    )


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    with reporter(out) as progress:
        progress("extract", 0, 4)
        progress("extract", 4, 4)
        progress("extract", 4, 4)  # no change: no line
        progress("publish", 4, 4)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[1].endswith("newsflow: extracting 4/4 documents")
    assert "\x1b[" not in out.getvalue()


def test_a_bar_on_a_terminal():
    out = io.StringIO()
    with reporter(out, tty=True) as progress:
        progress("extract", 2, 4)
        progress("check", 4, 4)
    assert "4/4" in out.getvalue() and "documents" in out.getvalue()
