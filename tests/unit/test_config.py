from pathlib import Path

import pytest

from newsflow.config import ConfigError, Settings, load_sources


@pytest.mark.parametrize(
    "yaml_text, error",
    [
        ("", "top-level 'sources:' list"),
        ("sources: {}", "top-level 'sources:' list"),
        ("sources:\n  - name: Bad Name\n    kind: inbox\n", "must be a slug"),
        ("sources:\n  - name: ../../etc\n    kind: inbox\n", "must be a slug"),
        ("sources:\n  - name: a\n    kind: ftp\n", "unknown kind"),
        ("sources:\n  - name: a\n    kind: inbox\n  - name: a\n    kind: inbox\n", "twice"),
        ("sources: [", "not valid YAML"),
        ("sources:\n  - just-a-string\n", "not a mapping"),
    ],
)
def test_bad_sources_file_raises(tmp_path, yaml_text, error):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml_text)
    with pytest.raises(ConfigError, match=error):
        load_sources(path)


def test_missing_sources_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_sources(tmp_path / "nope.yaml")


def test_default_sources_file_has_the_sample_inbox():
    (source,) = load_sources(Path(__file__).parents[2] / "include" / "sources.yaml")
    assert (source.name, source.kind, source.options["path"]) == (
        "sample",
        "inbox",
        "include/sample/inbox",
    )


def test_settings_resolve_relative_paths_against_home(tmp_path):
    env = {"NEWSFLOW_DATA_ROOT": "lake", "NEWSFLOW_SOURCES": "conf/s.yaml"}
    settings = Settings.from_env(env, home=tmp_path)
    assert settings.data_root == tmp_path / "lake"
    assert settings.sources_file == tmp_path / "conf" / "s.yaml"
    assert settings.batch_size == 100


def test_settings_overrides_win_and_unknown_ones_fail(tmp_path):
    settings = Settings.from_env({}, home=tmp_path, data_root="/x", batch_size=5)
    assert settings.data_root == Path("/x") and settings.batch_size == 5
    with pytest.raises(ConfigError, match="unknown settings"):
        Settings.from_env({}, home=tmp_path, colour="red")
    with pytest.raises(ConfigError, match="at least 1"):
        Settings.from_env({"NEWSFLOW_BATCH_SIZE": "0"}, home=tmp_path)


def test_only_filters_sources_and_rejects_unknown_names(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "sources:\n  - {name: a, kind: inbox, path: x}\n  - {name: b, kind: inbox, path: y}\n"
    )
    settings = Settings.from_env({}, home=tmp_path, sources_file=path)
    assert [s.name for s in settings.sources(["b"])] == ["b"]
    with pytest.raises(ConfigError, match="unknown sources"):
        settings.sources(["c"])
