"""Shared test set-up: an isolated Airflow home and small inboxes built per test."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "astana-times-tokayev-pakistan.txt"
SEED_GOLD = FIXTURES / "seed" / "astana-times-tokayev-pakistan.gold.json"

# Airflow reads its configuration at import: point it at a throw-away home first, and
# drop whatever the calling shell set (the Makefile exports its own Airflow settings).
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="newsflow-airflow-"))
for _name in [n for n in os.environ if n.startswith(("AIRFLOW__", "NEWSFLOW_"))]:
    del os.environ[_name]
os.environ.update(
    {
        "AIRFLOW_HOME": str(_AIRFLOW_HOME),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_AIRFLOW_HOME}/airflow.db?timeout=60",
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "NEWSFLOW_HOME": str(ROOT),
    }
)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def airflow_db():
    """The throw-away Airflow home's metadata database, migrated once per session."""
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        check=True,
        capture_output=True,
        env=os.environ,
    )


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def write_inbox(root: Path, day: str, files: dict[str, bytes | str]) -> Path:
    """An inbox folder <root>/<day>/<name> with the given files; text given for a .gz name
    is gzipped, bytes are written as they are."""
    folder = root / day
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
            if name.endswith(".gz"):
                content = gzip.compress(content, mtime=0)
        path.write_bytes(content)
    return root


def write_sources(path: Path, inbox: Path, name: str = "test") -> Path:
    path.write_text(f"sources:\n  - name: {name}\n    kind: inbox\n    path: {inbox}\n")
    return path
