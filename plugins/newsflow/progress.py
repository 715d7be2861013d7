"""How far a run got, for people: a progress bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from newsflow.pipeline import Progress

STEPS = {
    "extract": "extracting",
    "publish": "publishing",
    "catalog": "refreshing the catalog",
    "check": "checking",
}


@contextmanager
def reporter(stream: TextIO = sys.stderr, *, tty: bool | None = None) -> Iterator[Progress]:
    """A `Progress` callback: a rich progress bar when `stream` is a terminal, else one
    plain line per change of step and per extracted batch."""
    if stream.isatty() if tty is None else tty:
        with _bar(stream) as progress:
            yield progress
    else:
        yield _lines(stream)


@contextmanager
def _bar(stream: TextIO) -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=False,
    )
    task = bar.add_task("starting", total=None)

    def update(step: str, done: int, total: int) -> None:
        bar.update(task, description=STEPS.get(step, step), completed=done, total=total or 1)

    with bar:
        yield update
        bar.update(task, description="done")


def _lines(stream: TextIO) -> Progress:
    last: list[tuple[str, int]] = []

    def update(step: str, done: int, total: int) -> None:
        if last and last[-1] == (step, done):
            return
        last.append((step, done))
        stamp = time.strftime("%H:%M:%S")
        print(f"{stamp} newsflow: {STEPS.get(step, step)} {done}/{total} documents", file=stream)
        stream.flush()

    return update
