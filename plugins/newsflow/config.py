"""Settings and source configuration: built once, validated, passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from newsflow.store.objectstore import ObjectStore, is_url

SOURCE_KINDS = frozenset({"inbox"})
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class ConfigError(ValueError):
    """The configuration is wrong: the run must fail, not skip documents."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    name: str  # a slug: the partition value source=<name>
    kind: str
    options: Mapping[str, Any] = field(default_factory=dict)

    def path(self, key: str, base: Path) -> Path:
        value = self.options.get(key)
        if not value:
            raise ConfigError(f"source {self.name!r}: option {key!r} is required")
        path = Path(str(value)).expanduser()
        return path if path.is_absolute() else base / path


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path  # relative paths in settings and sources resolve against this
    data_root: Path | ObjectStore  # the lake: a local folder, or s3://bucket/prefix
    sources_file: Path
    batch_size: int = 100
    state_dir: Path | None = None  # NEWSFLOW_STATE_ROOT; see state_root

    @property
    def state_root(self) -> Path:
        """The local (or shared) folder for what sources keep between runs (source state,
        HTTP cache, raw zone): the data root when the lake is a folder, else
        NEWSFLOW_STATE_ROOT (default `<home>/state`)."""
        if self.state_dir is not None:
            return self.state_dir
        return self.data_root if isinstance(self.data_root, Path) else self.home / "state"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if env is None else env
        home = Path(overrides.pop("home", None) or env.get("NEWSFLOW_HOME") or Path.cwd())
        home = home.expanduser().resolve()

        def resolve(value: str | Path) -> Path:
            path = Path(value).expanduser()
            return path if path.is_absolute() else home / path

        data_root = overrides.pop("data_root", None) or env.get("NEWSFLOW_DATA_ROOT") or "data"
        # credentials or an endpoint for an object-store data root (an Airflow connection)
        lake_options = overrides.pop("lake_options", None)
        state = overrides.pop("state_dir", None) or env.get("NEWSFLOW_STATE_ROOT")
        sources = (
            overrides.pop("sources_file", None)
            or env.get("NEWSFLOW_SOURCES")
            or "include/sources.yaml"
        )
        batch_size = int(overrides.pop("batch_size", None) or env.get("NEWSFLOW_BATCH_SIZE") or 100)
        if overrides:
            raise ConfigError(f"unknown settings: {sorted(overrides)}")
        if batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        return cls(
            home=home,
            data_root=(
                ObjectStore.from_url(data_root, env, lake_options)
                if is_url(data_root)
                else resolve(data_root)
            ),
            sources_file=resolve(sources),
            batch_size=batch_size,
            state_dir=resolve(state) if state else None,
        )

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def sources(self, only: list[str] | None = None) -> tuple[SourceConfig, ...]:
        sources = load_sources(self.sources_file)
        if only:
            unknown = set(only) - {s.name for s in sources}
            if unknown:
                raise ConfigError(f"unknown sources {sorted(unknown)} in {self.sources_file}")
            sources = tuple(s for s in sources if s.name in only)
        return sources


def load_sources(path: Path) -> tuple[SourceConfig, ...]:
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"sources file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from None
    entries = (doc or {}).get("sources") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a top-level 'sources:' list")
    seen: set[str] = set()
    sources = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: source #{i + 1} is not a mapping")
        name, kind = str(entry.get("name", "")), str(entry.get("kind", ""))
        if not _SLUG.match(name):
            raise ConfigError(
                f"{path}: source name {name!r} must be a slug (lower-case letters, digits, - and _)"
            )
        if name in seen:
            raise ConfigError(f"{path}: source {name!r} is listed twice")
        if kind not in SOURCE_KINDS:
            raise ConfigError(f"{path}: source {name!r} has unknown kind {kind!r}")
        seen.add(name)
        options = {k: v for k, v in entry.items() if k not in ("name", "kind")}
        sources.append(SourceConfig(name=name, kind=kind, options=options))
    return tuple(sources)
