"""PostgreSQL and Redis on loopback for the tests that need real services: installed from
the Debian packages when missing (the tests run as root on a fresh machine), started in a
temporary folder on free ports, stopped afterwards. Nothing is persisted."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("postgresql", "redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{what} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} is not listening on {port}") from None
            time.sleep(0.3)


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def ensure_installed() -> None:
    """apt-get install PostgreSQL and Redis when their binaries are missing."""
    if _postgres_bin() and shutil.which("redis-server"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *PACKAGES]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    # the packages may start their own services; ours run on their own ports regardless
    if not (_postgres_bin() and shutil.which("redis-server")):
        raise RuntimeError(f"installing {PACKAGES} did not provide initdb and redis-server")


@dataclass(frozen=True, slots=True)
class Services:
    postgres_url: str  # SQLAlchemy URL of an empty database `airflow`
    redis_url: str


def _as_postgres(args: list[str], **kwargs) -> subprocess.Popen | subprocess.CompletedProcess:
    command = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args
    if kwargs.pop("background", False):
        return subprocess.Popen(command, **kwargs)
    done = subprocess.run(command, capture_output=True, **kwargs)
    if done.returncode:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.decode(errors='replace')}")
    return done


@contextmanager
def running() -> Iterator[Services]:
    """PostgreSQL and Redis on free loopback ports, their data in a temporary folder."""
    ensure_installed()
    bin_ = _postgres_bin()
    assert bin_ is not None
    folder = Path(tempfile.mkdtemp(prefix="newsflow-services-"))
    folder.chmod(0o755)  # the postgres user works in it
    data = folder / "pg"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    _as_postgres([str(bin_ / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"])
    pg_port, redis_port = free_port(), free_port()
    postgres = _as_postgres(
        [str(bin_ / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(pg_port)]
        + ["-k", str(data), "-c", "fsync=off", "-c", "max_connections=200"],
        background=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    redis = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", ""]
        + ["--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(pg_port, postgres, "postgres")
        wait_for_port(redis_port, redis, "redis-server")
        for _ in range(50):  # listening is not yet accepting queries
            done = subprocess.run(
                [str(bin_ / "psql"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "postgres"]
                + ["-c", "CREATE DATABASE airflow"],
                capture_output=True,
            )
            if done.returncode == 0:
                break
            time.sleep(0.3)
        else:
            raise RuntimeError(f"could not create the database: {done.stderr!r}")
        yield Services(
            postgres_url=f"postgresql+psycopg2://postgres@127.0.0.1:{pg_port}/airflow",
            redis_url=f"redis://127.0.0.1:{redis_port}/0",
        )
    finally:
        for process in (redis, postgres):
            process.terminate()
        for process in (redis, postgres):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def airflow_cli(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """Run an `airflow` CLI command of this venv; its output, or an AssertionError."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise AssertionError(f"airflow {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def tail_logs(logs: Path, lines: int = 30) -> str:
    """The last lines of every *.log in a folder, for a failing test's message."""
    return "\n".join(
        f"== {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        for path in sorted(logs.glob("*.log"))
    )


@contextmanager
def airflow_processes(
    commands: dict[str, list[str]],
    env: dict[str, str],
    logs: Path,
    api_port: int,
    extra_env: dict[str, dict[str, str]] | None = None,
) -> Iterator[dict[str, subprocess.Popen]]:
    """Start long-running `airflow` commands (each logging to logs/<name>.log, with its
    own extra environment if any), wait for the api-server, stop them all on exit."""
    airflow_bin = str(Path(sys.executable).parent / "airflow")
    processes: dict[str, subprocess.Popen] = {}
    try:
        for name, args in commands.items():
            processes[name] = subprocess.Popen(
                [airflow_bin, *args],
                env={**env, **(extra_env or {}).get(name, {})},
                stdout=open(logs / f"{name}.log", "wb"),  # noqa: SIM115 - closed below
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(api_port, processes["api-server"], "the api-server", timeout=180)
        yield processes
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stdout and process.stdout.close()
