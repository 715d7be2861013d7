import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from newsflow.model import Reject
from newsflow.store import lake, schema

DT = date(2026, 2, 5)


def rejects(*uris):
    return schema.to_table(
        "rejects",
        [Reject(u, "0" * 64, "read", "empty", "the document is empty", "s") for u in uris],
    )


def stage(tmp_path, run_id, batches):
    staging = lake.Staging(tmp_path, run_id)
    for index, uris in enumerate(batches):
        staging.write("rejects", DT, "s", index, rejects(*uris))
    return staging


def published_uris(tmp_path):
    folder = lake.partition(tmp_path, "rejects", DT, "s")
    return pq.read_table(folder / "part-00000.parquet").column("raw_uri").to_pylist()


def test_partition_path_is_hive_style_and_safe(tmp_path):
    assert lake.partition(tmp_path, "articles", DT, "news") == (
        tmp_path / "articles" / "dt=2026-02-05" / "source=news"
    )
    evil = lake.partition(tmp_path, "articles", DT, "../../etc")
    assert evil.parent == tmp_path / "articles" / "dt=2026-02-05"
    assert ".." not in evil.name


def test_publish_compacts_batches_and_drops_repeated_keys(tmp_path):
    staging = stage(tmp_path, "run1", [["a", "b"], ["b", "c"], []])
    manifest = lake.publish_partition(staging, "rejects", DT, "s")
    assert published_uris(tmp_path) == ["a", "b", "c"]
    assert (manifest["rows"], manifest["duplicates_dropped"]) == (3, 1)
    folder = lake.partition(tmp_path, "rejects", DT, "s")
    assert sorted(p.name for p in folder.iterdir()) == ["_manifest.json", "part-00000.parquet"]
    assert json.loads((folder / "_manifest.json").read_text())["rows"] == 3


def test_republish_replaces_the_partition(tmp_path):
    lake.publish_partition(stage(tmp_path, "run1", [["a", "b"]]), "rejects", DT, "s")
    lake.publish_partition(stage(tmp_path, "run2", [["z"]]), "rejects", DT, "s")
    assert published_uris(tmp_path) == ["z"]
    leftovers = [p.name for p in lake.partition(tmp_path, "rejects", DT, "s").parent.iterdir()]
    assert leftovers == ["source=s"]


def test_publishing_nothing_removes_the_partition(tmp_path):
    lake.publish_partition(stage(tmp_path, "run1", [["a"]]), "rejects", DT, "s")
    lake.publish_partition(stage(tmp_path, "run2", []), "rejects", DT, "s")
    assert not lake.partition(tmp_path, "rejects", DT, "s").exists()


def test_leftovers_of_a_crashed_publish_are_hidden_and_cleaned(tmp_path):
    lake.publish_partition(stage(tmp_path, "run1", [["a"]]), "rejects", DT, "s")
    target = lake.partition(tmp_path, "rejects", DT, "s")
    crashed = target.parent / f".{target.name}.publishing-run2"
    crashed.mkdir()
    (crashed / "part-00000.parquet").write_bytes(b"half written")
    assert published_uris(tmp_path) == ["a"]  # readers glob source=*: the leftover is hidden
    lake.publish_partition(stage(tmp_path, "run3", [["b"]]), "rejects", DT, "s")
    assert not crashed.exists() and published_uris(tmp_path) == ["b"]


def test_same_input_gives_byte_identical_parquet(tmp_path):
    outputs = []
    for run in ("r1", "r2"):
        lake.publish_partition(stage(tmp_path, run, [["a", "b"], ["c"]]), "rejects", DT, "s")
        outputs.append(
            (lake.partition(tmp_path, "rejects", DT, "s") / "part-00000.parquet").read_bytes()
        )
    assert outputs[0] == outputs[1]


def test_written_files_match_the_declared_schema(tmp_path):
    lake.publish_partition(stage(tmp_path, "run1", [["a"]]), "rejects", DT, "s")
    path = lake.partition(tmp_path, "rejects", DT, "s") / "part-00000.parquet"
    file_schema = pq.read_schema(path)
    assert file_schema.equals(schema.DATASETS["rejects"], check_metadata=False)
    assert file_schema.metadata[b"newsflow.schema_version"] == schema.SCHEMA_VERSION.encode()
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


def test_schema_rejects_records_with_missing_required_values():
    with pytest.raises(ValueError, match="rejects.raw_uri is required"):
        schema.to_table("rejects", [Reject(None, None, "read", "x", "m", "s")])


def test_timestamps_are_utc_microseconds():
    field = schema.DATASETS["articles"].field("published_at")
    assert str(field.type) == "timestamp[us, tz=UTC]"
