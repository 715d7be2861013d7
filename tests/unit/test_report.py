"""The daily report: data gathered from the views, one self-contained HTML page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from newsflow import pipeline, report
from newsflow.store.catalog import connect
from tests import sample_lake

DAY = date(2026, 2, 5)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return sample_lake.build(tmp_path_factory.mktemp("report"))


def test_gather(settings):
    data = report.gather(connect(settings.data_root), DAY)
    assert data.totals["articles"] == 3 and data.totals["rejects"] == 2
    assert data.totals["sources"] == 2
    top = data.top_speakers[0]
    assert top.name == "Kassym-Jomart Tokayev" and top.quotes >= 11
    assert top.lines and "President" in top.titles
    # Maria Ostrowska was quoted on the 4th already
    assert [s.name for s in data.new_speakers] == ["Kassym-Jomart Tokayev"]
    assert dict(data.languages) == {"en": 3}
    assert dict(data.reject_reasons) == {"read/empty": 1, "decode/binary": 1}
    assert {d.dt for d in data.by_source_day} == {date(2026, 2, 4), DAY}


def test_report_page_is_self_contained(settings):
    (path,) = pipeline.write_reports(settings, [DAY])
    assert path == str(settings.data_root / "reports" / "dt=2026-02-05" / "index.html")
    html = Path(path).read_text(encoding="utf-8")
    assert "Kassym-Jomart Tokayev" in html and "Connectivity" in html
    assert html.count("<svg") >= 4  # per source and day, languages, rejects, trend
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing to fetch
    assert "<script" not in html
    assert not list(settings.data_root.glob("reports/*/.*.tmp"))


def test_same_data_same_page(settings):
    first = report.render(report.gather(connect(settings.data_root), DAY))
    second = report.render(report.gather(connect(settings.data_root), DAY))
    assert first == second


def test_a_day_without_data_still_gets_a_page(settings):
    html = report.render(report.gather(connect(settings.data_root), date(2026, 3, 1)))
    assert "Nobody was quoted on this day." in html


def test_no_days_means_the_newest(settings):
    assert report.latest_day(settings.data_root) == DAY
    assert pipeline.write_reports(settings, []) == [
        str(report.report_path(settings.data_root, DAY))
    ]
    assert [d for d, _ in report.list_reports(settings.data_root)] == [DAY]
