"""`newsflow extract | ingest | query | summary`, run through the CLI's own entry point."""

import json

import pytest

from newsflow.cli import main
from newsflow.store.schema import DATASETS
from tests.conftest import SEED, SEED_GOLD, write_inbox, write_sources

ARTICLE_FIELDS = DATASETS["articles"].names  # the data contract
QUOTE_FIELDS = [name for name in DATASETS["quotes"].names if name != "article_id"]


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, out


@pytest.fixture(scope="module")
def gold():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture
def seed_line(capsys):
    code, out = run(capsys, "extract", str(SEED), "--date", "2026-02-05")
    assert code == 0
    (line,) = out.splitlines()
    return json.loads(line)


def test_extract_prints_every_contract_field(seed_line):
    assert set(ARTICLE_FIELDS) <= set(seed_line)
    assert seed_line["path"] == str(SEED)
    for quote in seed_line["quotes"]:
        assert set(QUOTE_FIELDS) <= set(quote)


def test_seed_article_fields_match_the_gold(seed_line, gold):
    expected = gold["article"]
    for field in ("title", "dateline", "language", "publisher", "headings", "captions"):
        assert seed_line[field] == expected[field], field
    body = seed_line["body_text"]
    for text in expected["body_must_contain"]:
        assert text in body
    for text in expected["body_must_not_contain"]:
        assert text not in body
    # nothing in the text dates it ("Feb. 5" has no year): the inbox folder's date does
    assert seed_line["published_at"] == "2026-02-05T00:00:00Z"
    assert seed_line["published_at_source"] == "listing"
    assert seed_line["authors"] == []
    assert seed_line["quote_count"] == len(seed_line["quotes"])


def test_seed_quotes_match_the_gold(seed_line, gold):
    quotes = seed_line["quotes"]
    assert len(quotes) == len(gold["quotes"]) == 10
    body = seed_line["body_text"]
    for got, want in zip(quotes, gold["quotes"], strict=True):
        assert got["text"].startswith(want["starts_with"]), want["starts_with"]
        assert got["text"].rstrip(".,").endswith(want["ends_with"]), want["ends_with"]
        for field in ("speaker", "speaker_mention", "cue", "kind"):
            assert got[field] == want[field], (field, want["starts_with"])
        assert body[got["start_char"] : got["end_char"]] == got["text"]
        assert got["speaker_title"] == gold["speaker_titles"][got["speaker"]]


def test_extract_reports_a_bad_file_and_goes_on(capsys, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"")
    code, out = run(capsys, "extract", str(bad), str(SEED), str(tmp_path / "missing.txt"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [sorted(line)[:2] for line in lines[::2]] == [["error", "path"], ["error", "path"]]
    assert "empty" in lines[0]["error"] and lines[1]["title"].startswith("Tokayev")
    assert code == 0  # some inputs worked


def test_extract_reads_stdin_and_gzip(capsys, tmp_path, monkeypatch):
    import gzip
    import io
    import sys

    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress(SEED.read_bytes()))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    _, out = run(capsys, "extract", str(gz), "-")
    a, b = (json.loads(line) for line in out.splitlines())
    assert a["body_text"] == b["body_text"] and a["quote_count"] == 10


def test_ingest_then_query_and_summary(capsys, tmp_path):
    inbox = write_inbox(tmp_path / "inbox", "2026-02-05", {"seed.txt": SEED.read_text()})
    sources = write_sources(tmp_path / "s.yaml", inbox, name="wire")
    root = str(tmp_path / "lake")
    code, out = run(
        capsys, "ingest", "--date", "2026-02-05", "--sources", str(sources), "--data-root", root
    )
    assert code == 0 and json.loads(out)["sources"]["wire"]["articles"] == 1
    code, out = run(
        capsys,
        "query",
        "select speaker, count(*) n from quotes group by 1",
        "--data-root",
        root,
        "--format",
        "json",
    )
    assert json.loads(out.splitlines()[0]) == {"speaker": "Kassym-Jomart Tokayev", "n": 10}
    code, out = run(capsys, "summary", "--date", "2026-02-05", "--data-root", root)
    assert "Tokayev Says Connectivity" in out and "The Astana Times" in out


def test_bad_config_is_a_clear_error(capsys, tmp_path):
    code = main(
        [
            "ingest",
            "--date",
            "2026-02-05",
            "--sources",
            str(tmp_path / "none.yaml"),
            "--data-root",
            str(tmp_path),
        ]
    )
    assert code == 2
    assert "sources file not found" in capsys.readouterr().err


def test_cli_does_not_import_airflow():
    import subprocess
    import sys

    code = "import sys, newsflow.cli, newsflow.pipeline; print('airflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extract_takes_the_listing_date_from_an_inbox_folder(capsys, tmp_path):
    inbox = write_inbox(tmp_path / "inbox", "2026-03-01", {"a/seed.txt": SEED.read_text()})
    loose = tmp_path / "seed.txt"
    loose.write_bytes(SEED.read_bytes())
    _, out = run(capsys, "extract", str(inbox / "2026-03-01" / "a" / "seed.txt"), str(loose))
    dated, undated = (json.loads(line) for line in out.splitlines())
    assert (dated["published_at"], dated["published_at_source"]) == (
        "2026-03-01T00:00:00Z",
        "listing",
    )
    assert (undated["published_at"], undated["published_at_source"]) == (None, None)
