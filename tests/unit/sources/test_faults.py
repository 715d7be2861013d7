"""Faults while fetching, from a raw TCP server on 127.0.0.1 that misbehaves on purpose:
connection resets, a stall after the headers, endless bodies, a 429 storm, and a host
name that does not resolve. Each fetch ends within its limits, is retried as configured,
and is recorded with its reason (also in fetch_log, through `newsflow ingest`)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest

from newsflow.cli import main
from newsflow.config import FetchOptions
from newsflow.sources.fetch import Fetcher, FetchError
from newsflow.store.catalog import connect

DNS_FAILURE = "http://no-such-host.newsflow.invalid/a"  # .invalid never resolves (RFC 2606)


def _read_request(conn: socket.socket) -> str:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    return line.split(" ")[1] if " " in line else ""


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()  # RST instead of FIN


def _stall(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n")
    time.sleep(5)  # the headers, then nothing


def _endless(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"<p>" + b"more " * 2000 + b"</p>"
    with_size = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        conn.sendall(with_size)


def _endless_slowly(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")  # no length
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        conn.sendall(b"<p>word</p>")
        time.sleep(0.02)


def _too_many(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 4\r\nConnection: close\r\n\r\nslow"
    )


def _robots(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


BEHAVIOURS: dict[str, Callable[[socket.socket], None]] = {
    "/reset": _reset,
    "/stall": _stall,
    "/endless": _endless,
    "/endless-slowly": _endless_slowly,
    "/429": _too_many,
    "/robots.txt": _robots,
}


class RudeServer:
    """Each connection: read one request, then misbehave as its path says."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.hits: Counter[str] = Counter()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            path = _read_request(conn)
            self.hits[path] += 1
            BEHAVIOURS.get(path, _robots)(conn)
        except OSError:
            pass  # the client hung up: expected when it stops reading
        finally:
            conn.close()

    def __enter__(self) -> RudeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sock.close()


def options(**changes) -> FetchOptions:
    base = dict(
        allow_private_networks=True,
        rate_limit=100.0,
        timeout=0.5,
        backoff=0.01,
        retries=2,
        max_bytes=256 * 1024,
    )
    return FetchOptions(**{**base, **changes})


def failure(url: str, **changes) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        Fetcher(options(**changes)).get(url)
    return caught.value, time.monotonic() - started


@pytest.fixture(scope="module")
def rude():
    with RudeServer() as server:
        yield server


@pytest.mark.parametrize(
    "path, error_type, attempts",
    [
        ("/reset", "connection", 3),  # retried: retries=2 -> three attempts
        ("/stall", "timeout", 3),  # the read times out after the headers, retried
        ("/endless-slowly", "timeout", 3),  # the whole-body deadline, retried
        ("/endless", "too-large", 1),  # cut at max_bytes: the same next time, not retried
        ("/429", "http-429", 3),  # a storm: bounded attempts, then given up
    ],
)
def test_a_misbehaving_server_ends_in_a_bounded_recorded_failure(rude, path, error_type, attempts):
    before = rude.hits[path]
    error, elapsed = failure(rude.url(path))
    record = error.record
    assert (record.error_type, record.attempts) == (error_type, attempts), record.error
    assert rude.hits[path] - before == attempts
    assert record.bytes == 0 and record.error and record.url == rude.url(path)
    # bounded: attempts x (timeout + the deadline's last chunk) + backoffs; a hang would not
    # return at all (pytest-timeout), this only guards against unbounded retrying
    assert elapsed < attempts * 2 * options().timeout + 5


def test_a_name_that_does_not_resolve_is_recorded_without_a_connection():
    error, _ = failure(DNS_FAILURE, allow_private_networks=False)
    assert error.record.error_type == "dns" and error.record.attempts == 0
    assert "no-such-host.newsflow.invalid" in error.record.error


def test_a_name_that_does_not_resolve_is_a_dns_failure_when_private_networks_are_allowed():
    # the guard does not resolve names then; the connection's own lookup fails and retries
    error, _ = failure(DNS_FAILURE, allow_private_networks=True, retries=1)
    assert (error.record.error_type, error.record.attempts) == ("dns", 2)


def test_every_fault_is_a_fetch_log_row_and_the_run_succeeds(rude, tmp_path, capsys):
    urls = [rude.url(p) for p in ("/reset", "/stall", "/endless", "/429")] + [DNS_FAILURE]
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - name: rude\n    kind: urls\n    allow_private_networks: true\n"
        "    timeout: 0.5\n    backoff: 0.01\n    retries: 1\n    rate_limit: 100\n"
        "    max_bytes: 262144\n    urls:\n" + "".join(f"      - {u}\n" for u in urls)
    )
    lake = tmp_path / "lake"
    code = main(
        ["ingest", "--date", "2026-02-05", "--sources", str(sources), "--data-root", str(lake)]
    )
    assert code == 0
    con = connect(lake)
    rows = dict(con.sql("select url, error_type from fetch_log where kind = 'article'").fetchall())
    assert rows == {
        rude.url("/reset"): "connection",
        rude.url("/stall"): "timeout",
        rude.url("/endless"): "too-large",
        rude.url("/429"): "http-429",
        DNS_FAILURE: "dns",
    }
    ((discovered, failures, articles),) = con.sql(
        "select discovered, fetch_failures, articles from runs"
    ).fetchall()
    assert (discovered, failures, articles) == (5, 5, 0)
    assert "not fetched (timeout)" in capsys.readouterr().err
