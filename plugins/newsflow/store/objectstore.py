"""Where an object-store lake lives: `s3://bucket/prefix` and how to reach it.

Credentials come from the environment as boto does it (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, instance roles) unless given here;
the endpoint of an S3-compatible server (MinIO, a local test server) from
NEWSFLOW_S3_ENDPOINT_URL or AWS_ENDPOINT_URL. The DAG can fill them from an Airflow
connection instead (NEWSFLOW_LAKE_CONN_ID); this module knows nothing of Airflow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
SCHEMES = ("s3://",)
# how long a superseded file stays readable after a publish replaced it (seconds)
DEFAULT_RETAIN_SECONDS = 3600
OPTIONS = frozenset({"endpoint_url", "region", "key", "secret", "token", "retain_seconds"})


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SCHEMES)


@dataclass(frozen=True, slots=True)
class ObjectStore:
    """An S3 bucket and key prefix holding the lake, with what it takes to reach it."""

    bucket: str
    prefix: str = ""  # without leading or trailing slashes; "" is the bucket's top
    endpoint_url: str | None = None
    region: str | None = None
    key: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    retain_seconds: int = DEFAULT_RETAIN_SECONDS

    @classmethod
    def from_url(
        cls, url: str, env: Mapping[str, str], options: Mapping[str, Any] | None = None
    ) -> ObjectStore:
        """`s3://bucket/prefix` plus endpoint, region and retention from the environment
        (NEWSFLOW_S3_ENDPOINT_URL or AWS_ENDPOINT_URL, AWS_REGION or AWS_DEFAULT_REGION,
        NEWSFLOW_LAKE_RETAIN_SECONDS); `options` (e.g. from an Airflow connection) win."""
        from newsflow.config import ConfigError

        if not url.startswith("s3://"):
            raise ConfigError(f"data root {url!r}: only s3:// object stores are supported")
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        if not _BUCKET.match(bucket):
            raise ConfigError(f"data root {url!r}: {bucket!r} is not a valid bucket name")
        prefix = prefix.strip("/")
        if prefix and any(part in ("", ".", "..") for part in prefix.split("/")):
            raise ConfigError(f"data root {url!r}: the prefix has empty or dot segments")
        values: dict[str, Any] = {
            "endpoint_url": env.get("NEWSFLOW_S3_ENDPOINT_URL") or env.get("AWS_ENDPOINT_URL"),
            "region": env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"),
        }
        retain = env.get("NEWSFLOW_LAKE_RETAIN_SECONDS")
        if retain:
            values["retain_seconds"] = retain
        values.update({k: v for k, v in (options or {}).items() if v not in (None, "")})
        unknown = set(values) - OPTIONS
        if unknown:
            raise ConfigError(f"unknown object store options: {sorted(unknown)}")
        try:
            values["retain_seconds"] = int(values.get("retain_seconds", DEFAULT_RETAIN_SECONDS))
        except ValueError:
            raise ConfigError("NEWSFLOW_LAKE_RETAIN_SECONDS must be a number of seconds") from None
        if values["retain_seconds"] < 0:
            raise ConfigError("NEWSFLOW_LAKE_RETAIN_SECONDS must not be negative")
        return cls(bucket=bucket, prefix=prefix, **values)

    def __str__(self) -> str:
        return self.url()

    def path(self, *parts: str) -> str:
        """A key as the filesystem names it: `bucket/prefix/part/...` (no scheme)."""
        return "/".join(p for p in (self.bucket, self.prefix, *parts) if p)

    def url(self, *parts: str) -> str:
        return "s3://" + self.path(*parts)

    def filesystem(self) -> Any:
        """The s3fs filesystem (one per store and process). Directory listings are not
        cached: other processes and machines write the same prefix."""
        return _filesystem(self)


@functools.lru_cache(maxsize=8)
def _filesystem(store: ObjectStore) -> Any:
    try:
        import s3fs
    except ImportError as exc:  # a broken install: fail the run, loudly
        raise ImportError("an s3:// data root needs s3fs: pip install 'newsflow[s3]'") from exc
    client_kwargs = {"region_name": store.region} if store.region else {}
    return s3fs.S3FileSystem(
        key=store.key,
        secret=store.secret,
        token=store.token,
        endpoint_url=store.endpoint_url,
        client_kwargs=client_kwargs,
        use_listings_cache=False,
        skip_instance_cache=True,
    )
