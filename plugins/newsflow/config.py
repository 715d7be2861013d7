"""Settings and source configuration: built once, validated, passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from newsflow.store.objectstore import ObjectStore, is_url

SOURCE_KINDS = frozenset({"inbox", "rss", "sitemap", "urls", "warc"})
WEB_KINDS = frozenset({"rss", "sitemap", "urls"})  # fetched over HTTP, one request per article
RAW_KINDS = WEB_KINDS | {"warc"}  # documents kept in the raw zone, re-extractable from it
# the options each kind takes besides the fetch options (FetchOptions) of web and warc kinds
KIND_OPTIONS = {
    "inbox": frozenset({"path"}),
    "rss": frozenset({"url"}),
    "sitemap": frozenset({"url"}),
    "urls": frozenset({"urls", "file"}),
    "warc": frozenset({"paths"}),
}
DEFAULT_USER_AGENT = "newsflow/0.1 (news archiver; respects robots.txt)"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class ConfigError(ValueError):
    """The configuration is wrong: the run must fail, not skip documents."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How a web or WARC source fetches: politeness, limits and safety, validated once."""

    rate_limit: float = 1.0  # requests per second per host
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 30.0  # seconds for a whole request: connect, headers and body
    max_bytes: int = 10 * 1024 * 1024  # bodies longer than this (decompressed) are refused
    respect_robots: bool = True
    allow_private_networks: bool = False  # loopback, private, link-local, metadata addresses
    max_articles: int | None = None  # per run and source, after sorting
    retries: int = 3  # attempts after the first, on timeouts, connection errors, 429 and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time, with jitter
    max_redirects: int = 5
    host_group: str | None = None  # sources of one group share a fetch pool (default: host)

    @classmethod
    def parse(cls, where: str, options: Mapping[str, Any]) -> FetchOptions:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in options.items() if k in names}
        checks: dict[str, tuple[type, Any]] = {
            "rate_limit": (float, lambda v: v > 0),
            "timeout": (float, lambda v: v > 0),
            "max_bytes": (int, lambda v: v > 0),
            "max_articles": (int, lambda v: v > 0),
            "retries": (int, lambda v: 0 <= v <= 10),
            "backoff": (float, lambda v: 0 <= v <= 600),
            "max_redirects": (int, lambda v: 0 <= v <= 20),
            "respect_robots": (bool, None),
            "allow_private_networks": (bool, None),
            "user_agent": (str, lambda v: bool(v.strip()) and "\n" not in v),
            "host_group": (str, lambda v: bool(v.strip())),
        }
        for key, value in values.items():
            kind, valid = checks[key]
            number = kind in (int, float) and not isinstance(value, bool)
            if kind is float and number and isinstance(value, int):
                value = values[key] = float(value)
            if not isinstance(value, kind) or (kind is bool) != isinstance(value, bool):
                raise ConfigError(f"{where}: option {key!r} must be {kind.__name__}, not {value!r}")
            if valid and not valid(value):
                raise ConfigError(f"{where}: option {key!r} has a bad value: {value!r}")
        return cls(**values)


@dataclass(frozen=True, slots=True)
class SourceConfig:
    name: str  # a slug: the partition value source=<name>
    kind: str
    options: Mapping[str, Any] = field(default_factory=dict)
    fetch: FetchOptions = field(default_factory=FetchOptions)

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
        where = f"{path}: source {name!r}"
        allowed = KIND_OPTIONS[kind] | (FETCH_OPTIONS if kind in RAW_KINDS else frozenset())
        unknown = sorted(set(options) - allowed)
        if unknown:
            raise ConfigError(f"{where}: unknown options {unknown} for kind {kind!r}")
        fetch = FetchOptions.parse(where, options) if kind in RAW_KINDS else FetchOptions()
        _check_kind_options(where, kind, options)
        sources.append(SourceConfig(name=name, kind=kind, options=options, fetch=fetch))
    return tuple(sources)


FETCH_OPTIONS = frozenset(f.name for f in fields(FetchOptions))


def _check_kind_options(where: str, kind: str, options: Mapping[str, Any]) -> None:
    def need(key: str, valid: bool, what: str) -> None:
        if not valid:
            raise ConfigError(f"{where}: option {key!r} must be {what}")

    if kind in ("rss", "sitemap"):
        url = options.get("url")
        need(
            "url",
            isinstance(url, str) and url.startswith(("http://", "https://")),
            "an http(s) URL",
        )
    elif kind == "urls":
        need("urls", ("urls" in options) != ("file" in options), "given, or 'file', not both")
        if "urls" in options:
            value = options["urls"]
            need(
                "urls",
                isinstance(value, list) and all(isinstance(u, str) for u in value),
                "a list of URLs",
            )
    elif kind == "warc":
        paths = options.get("paths")
        paths = [paths] if isinstance(paths, str) else paths
        need(
            "paths",
            bool(paths) and all(isinstance(p, str) and p for p in paths),
            "a list of paths or URLs",
        )
