"""`ingest --workers N`: batches extracted in a process pool land exactly as in one process."""

from datetime import date

from newsflow import pipeline
from newsflow.cli import main
from newsflow.config import Settings
from tests.conftest import SEED, write_inbox, write_sources

DT = date(2026, 2, 5)


def _settings(tmp_path, lake: str) -> Settings:
    seed = SEED.read_text(encoding="utf-8")
    headline, _, body = seed.partition("\n")
    files = {f"story-{i}.txt": f"{headline} ({i})\n\nDispatch {i}.\n\n{body}" for i in range(5)}
    files["empty.html"] = b""
    inbox = write_inbox(tmp_path / "inbox", DT.isoformat(), files)
    return Settings.from_env(
        {},
        home=tmp_path,
        data_root=tmp_path / lake,
        sources_file=write_sources(tmp_path / "sources.yaml", inbox),
        batch_size=2,
    )


def _parquet(settings: Settings) -> dict:
    """The data's files (not the runs rows, which record times)."""
    root = settings.data_root
    return {
        p.relative_to(root): p.read_bytes()
        for p in sorted(root.rglob("*.parquet"))
        if p.relative_to(root).parts[0] != "runs"
    }


def test_a_pool_of_workers_publishes_the_same_bytes_as_one_process(tmp_path):
    one = _settings(tmp_path, "one")
    two = one.with_(data_root=tmp_path / "two")
    report_one = pipeline.ingest(one, DT, workers=1)
    report_two = pipeline.ingest(two, DT, workers=2)
    assert report_one == report_two
    assert report_two["test"]["articles"] == 5 and report_two["test"]["rejects"] == 1
    assert _parquet(one) == _parquet(two) and _parquet(two)


def test_cli_takes_a_worker_count(tmp_path, capsys, monkeypatch):
    settings = _settings(tmp_path, "lake")
    monkeypatch.setenv("NEWSFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("NEWSFLOW_SOURCES", str(settings.sources_file))
    args = ["ingest", "--date", DT.isoformat(), "--data-root", str(settings.data_root)]
    assert main([*args, "--workers", "2"]) == 0
    assert '"articles": 5' in capsys.readouterr().out
    try:
        main([*args, "--workers", "0"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("--workers 0 must be refused")
