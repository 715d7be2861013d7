"""Two runs for different days at the same time, in separate processes, one lake."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from newsflow.store import catalog
from tests.conftest import SEED, write_inbox, write_sources

INGEST = textwrap.dedent(
    """
    import sys
    from datetime import date
    from newsflow.config import Settings
    from newsflow.pipeline import ingest
    settings = Settings.from_env({}, home=sys.argv[1], data_root=sys.argv[2],
                                 sources_file=sys.argv[3], batch_size=1)
    ingest(settings, date.fromisoformat(sys.argv[4]))
    """
)


def test_two_days_ingested_at_once_do_not_touch_each_other(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    days = {
        f"2026-02-0{d}": {f"{i}.txt": seed.replace("Tokayev", f"Tokayev{d}{i}") for i in range(6)}
        for d in (5, 6)
    }
    inbox = tmp_path / "inbox"
    for day, files in days.items():
        write_inbox(inbox, day, files)
    sources = write_sources(tmp_path / "s.yaml", inbox)
    lake = tmp_path / "lake"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", INGEST, str(tmp_path), str(lake), str(sources), day],
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-3000:]
    con = catalog.connect(lake)
    counts = con.sql("select dt::varchar, count(*) from articles group by 1 order by 1").fetchall()
    assert counts == [("2026-02-05", 6), ("2026-02-06", 6)]
    mixed = con.sql(
        "select count(*) from articles where (dt = '2026-02-05' and title like '%Tokayev6%')"
        " or (dt = '2026-02-06' and title like '%Tokayev5%')"
    ).fetchall()
    assert mixed == [(0,)]
    assert not any((lake / "_staging").glob("*/*")), "each run cleans its own staging"
