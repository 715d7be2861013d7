"""The report's charts: matplotlib figures rendered to inline SVG (no files, no server)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta

from newsflow.report.data import SourceDay

PALETTE = ("#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#84cc16")
WIDTH, HEIGHT = 7.0, 2.8  # inches


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "path",  # glyphs as paths: renders the same without the fonts
            "svg.hashsalt": "newsflow",  # stable ids: same data, same bytes
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    import matplotlib.pyplot as plt

    return plt


def _integers():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    fig.clf()
    _pyplot().close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # inline: drop the XML prolog and doctype


def articles_per_source_and_day(days: Sequence[SourceDay], until: date, span: int) -> str:
    """Stacked bars: articles per news day, one colour per source, over `span` days."""
    plt = _pyplot()
    dates = [until - timedelta(days=span - 1 - i) for i in range(span)]
    sources = sorted({d.source for d in days})
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    bottom = [0] * span
    for i, source in enumerate(sources):
        counts = {d.dt: d.articles for d in days if d.source == source}
        values = [counts.get(day, 0) for day in dates]
        ax.bar(range(span), values, bottom=bottom, label=source, color=PALETTE[i % len(PALETTE)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ticks = list(range(0, span, max(1, span // 6))) + [span - 1]
    ax.set_xticks(ticks, [dates[t].strftime("%b %d") for t in ticks])
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(_integers())
    if sources:
        ax.legend(frameon=False, fontsize=8, ncols=min(4, len(sources)))
    return _svg(fig)


def trend(days: Sequence[SourceDay], until: date, span: int) -> str:
    """Lines: articles, quotes and rejects per news day over `span` days."""
    plt = _pyplot()
    dates = [until - timedelta(days=span - 1 - i) for i in range(span)]
    fig, ax = plt.subplots(figsize=(WIDTH, HEIGHT))
    for i, field in enumerate(("articles", "quotes", "rejects")):
        per_day = {day: 0 for day in dates}
        for d in days:
            if d.dt in per_day:
                per_day[d.dt] += getattr(d, field)
        ax.plot(dates, [per_day[day] for day in dates], marker=".", label=field, color=PALETTE[i])
    ax.legend(frameon=False, fontsize=8, ncols=3)
    ax.yaxis.set_major_locator(_integers())
    fig.autofmt_xdate()
    return _svg(fig)


def horizontal_bars(items: Sequence[tuple[str, int]], xlabel: str) -> str:
    """One bar per label, largest on top."""
    plt = _pyplot()
    items = list(items)[:12]
    fig, ax = plt.subplots(figsize=(WIDTH / 1.6, 0.35 * max(len(items), 2) + 0.6))
    labels = [label for label, _ in items][::-1]
    values = [value for _, value in items][::-1]
    ax.barh(labels, values, color=PALETTE[0])
    for y, value in enumerate(values):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(_integers())
    return _svg(fig)
