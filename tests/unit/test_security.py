"""Security basics of the repository: no credentials in it, the UI of `make airflow` bound
to 127.0.0.1, every dependency pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest

from tests.conftest import ROOT

# what real credentials look like (cloud keys, tokens, private keys, passwords in URLs)
SECRET_PATTERNS = {
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@'\"]+:[^\s/@'\"]+@[\w.-]+"),
}
# local-only defaults of the docker-compose stack (the official Airflow file's database
# user), each overridable from the environment; a test may make up its own
ALLOWED = {
    ("docker-compose.yaml", "airflow:airflow@postgres"),
}


def _tracked_files() -> list[str]:
    done = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    )
    return [name for name in done.stdout.split("\0") if name]


def test_no_credentials_are_committed():
    found = []
    for name in _tracked_files():
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for what, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                value = match.group(0)
                if any(name == f and part in value for f, part in ALLOWED):
                    continue
                if name.startswith("tests/") and what == "password in a URL":
                    continue  # throw-away services the tests start on loopback
                found.append(f"{name}: {what}: {value[:40]}")
    assert not found, found


def test_the_patterns_find_what_they_look_for():
    samples = {
        # put together here so that this file holds no credential-shaped text itself
        "AWS access key": "key = AKIA" + "IOSFODNN7EXAMPLE",
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "password in a URL": "postgresql://user:hunter2@db.example.org/x",
    }
    for what, sample in samples.items():
        assert SECRET_PATTERNS[what].search(sample), what


def test_compose_secrets_come_from_the_environment():
    """Every secret of the docker-compose stack can be set from the environment."""
    text = (ROOT / "docker-compose.yaml").read_text()
    for line in text.splitlines():
        key = re.match(r"\s*(\w*(?:SECRET|PASSWORD|FERNET_KEY)\w*):\s*(.+)", line)
        if key and key.group(1) != "POSTGRES_PASSWORD":  # the local database's, as upstream
            assert key.group(2).startswith("${"), line


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_airflow_serves_the_ui_on_localhost_only():
    # the variables `make airflow` exports, read through make itself
    show = "show:\n\t@echo $$AIRFLOW__API__HOST $$AIRFLOW__API__PORT\n"
    done = subprocess.run(
        ["make", "--no-print-directory", "-f", "Makefile", "-f", "-", "show"],
        cwd=ROOT,
        input=show,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["127.0.0.1", "8080"]
    # and nothing in the target binds elsewhere
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "airflow"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "airflow standalone" in dry
    assert "0.0.0.0" not in dry and "--host" not in dry and "--hostname" not in dry


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned_in_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and version.strip(), f"not pinned: {line}"
            pins[name.strip().lower().replace("_", "-")] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted += extra
    missing = sorted({_name(r) for r in wanted} - set(pins))
    assert not missing, f"not in constraints.txt: {missing}"


def test_fetching_takes_no_credentials_from_the_environment(monkeypatch):
    from newsflow.config import FetchOptions
    from newsflow.sources.fetch import Fetcher

    monkeypatch.setenv("HTTP_PROXY", "http://user:secret@proxy.example.org:3128")
    session = Fetcher(FetchOptions()).session
    assert session.trust_env is False and "Authorization" not in session.headers
