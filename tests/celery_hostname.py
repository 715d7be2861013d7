"""`[core] hostname_callable` for the Celery test: each worker names itself from its
environment, so the task instances it ran record which worker that was."""

from __future__ import annotations

import os
import socket


def hostname() -> str:
    return os.environ.get("NEWSFLOW_TEST_WORKER_NAME") or socket.getfqdn()
