"""A web site on 127.0.0.1 for tests: routes map paths to responses, some misbehave."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between body chunks of 16 bytes


Route = Reply | Callable[["Site", BaseHTTPRequestHandler], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up early (size and time limits) are expected here


class Site:
    """Serve `routes` on a loopback port; counts hits per path."""

    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the http.server API
                path = self.path
                site.hits[path] += 1
                site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(path) or site.routes.get(path.split("?")[0])
                reply = route(site, self) if callable(route) else route
                if reply is None:
                    reply = Reply(404, "not found", content_type="text/plain")
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if reply.drip:
                        for i in range(0, len(body), 16):
                            self.wfile.write(body[i : i + 16])
                            self.wfile.flush()
                            time.sleep(reply.drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def flaky(failures: int, reply: Reply, status: int = 503) -> Route:
    """Fails `failures` times (status, Retry-After: 1 on 429/503), then answers `reply`."""
    count = {"n": 0}

    def route(site: Site, handler) -> Reply:
        count["n"] += 1
        if count["n"] <= failures:
            headers = {"Retry-After": "1"} if status in (429, 503) else {}
            return Reply(status, "busy", headers=headers, content_type="text/plain")
        return reply

    return route


def gzipped(reply: Reply) -> Reply:
    body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
    return Reply(
        reply.status,
        gzip.compress(body, mtime=0),
        {**reply.headers, "Content-Encoding": "gzip"},
        reply.content_type,
    )


def article(title: str, day: str, paragraphs: int = 3) -> str:
    """An article page dated `day` with enough prose to be one."""
    prose = "".join(
        f"<p>{title} paragraph {i}: the council met on Thursday and agreed a plan for the "
        "harbour, the schools and the roads, which officials said would take two years "
        "to finish and cost less than the previous estimate.</p>"
        for i in range(paragraphs)
    )
    return (
        f'<html lang="en"><head><title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{day}T09:00:00+00:00"></head>'
        f"<body><article><h1>{title}</h1>{prose}</article></body></html>"
    )
