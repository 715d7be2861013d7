"""CI runs the fuzz target for a bounded number of iterations from a seed corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytest.importorskip("atheris")

TARGET = Path(__file__).with_name("fuzz_extract.py")
RUNS = 1500


def test_fuzz_target_runs_clean(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed").write_bytes(b"\x00" + SEED.read_bytes())
    for i, page in enumerate(sorted((ROOT / "include" / "sample" / "inbox").rglob("*.html"))):
        (corpus / f"page{i}").write_bytes(b"\x01" + page.read_bytes())
    result = subprocess.run(
        [
            sys.executable,
            str(TARGET),
            f"-runs={RUNS}",
            "-max_len=20000",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    finding = result.stderr[result.stderr.find("=== Uncaught") :][:6000]
    assert result.returncode == 0, finding or result.stderr[-4000:]
    assert f"Done {RUNS} runs" in result.stderr
