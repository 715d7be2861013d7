"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts."""

from __future__ import annotations

from html import escape

from newsflow.report import charts
from newsflow.report.data import TREND_DAYS, ReportData, Speaker

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827;
       max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #e5e7eb; }
.muted { color: #6b7280; } .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { border: 1px solid #e5e7eb; border-radius: 8px; padding: .6rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left;
        padding: .35rem .5rem; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
blockquote { margin: .2rem 0 .4rem; padding-left: .7rem; border-left: 3px solid #93c5fd; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
svg { width: 100%; height: auto; }
"""


def _speaker_rows(speakers: tuple[Speaker, ...]) -> str:
    rows = []
    for s in speakers:
        titles = f' <span class="muted">({escape(", ".join(s.titles))})</span>' if s.titles else ""
        lines = "".join(
            f"<blockquote>“{escape(text)}” <span class='muted'>— {escape(where)}</span>"
            "</blockquote>"
            for text, where in s.lines
        )
        rows.append(
            f"<tr><td><b>{escape(s.name)}</b>{titles}</td><td>{s.quotes}</td>"
            f"<td>{s.articles}</td><td>{lines}</td></tr>"
        )
    head = "<tr><th>speaker</th><th>quotes</th><th>articles</th><th>most quoted lines</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _section(title: str, body: str, empty: bool, note: str) -> str:
    return f"<h2>{escape(title)}</h2>" + (f"<p class='muted'>{escape(note)}</p>" if empty else body)


def render(data: ReportData) -> str:
    """The whole page for one news day."""
    day = data.dt.isoformat()
    cards = "".join(
        f"<div class='card'><b>{value}</b>{escape(name)}</div>"
        for name, value in data.totals.items()
    )
    mentions = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(kind)}</td><td>{n}</td></tr>"
        for name, kind, n in data.top_mentions
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsflow report {day}</title><style>{CSS}</style></head><body>",
        f"<h1>News report for {day}</h1>",
        "<p class='muted'>What the newsflow lake holds for this news day.</p>",
        f"<div class='cards'>{cards}</div>",
        _section(
            f"Articles per source and day (last {TREND_DAYS} days)",
            charts.articles_per_source_and_day(data.by_source_day, data.dt, TREND_DAYS),
            not data.by_source_day,
            "No articles in the last 30 days.",
        ),
        _section(
            "Top speakers",
            _speaker_rows(data.top_speakers),
            not data.top_speakers,
            "Nobody was quoted on this day.",
        ),
        _section(
            "New speakers today",
            _speaker_rows(data.new_speakers),
            not data.new_speakers,
            "No one quoted today who had not been quoted before.",
        ),
        "<div class='grid'><div>",
        _section(
            "Languages",
            charts.horizontal_bars(data.languages, "articles"),
            not data.languages,
            "No articles.",
        ),
        "</div><div>",
        _section(
            "Reject reasons",
            charts.horizontal_bars(data.reject_reasons, "documents"),
            not data.reject_reasons,
            "No document was rejected.",
        ),
        "</div></div>",
        _section(
            "Most named",
            f"<table><tr><th>name</th><th>kind</th><th>articles</th></tr>{mentions}</table>",
            not data.top_mentions,
            "No people, organisations or places found.",
        ),
        _section(
            f"Trend (last {TREND_DAYS} days)",
            charts.trend(data.by_source_day, data.dt, TREND_DAYS),
            not data.by_source_day,
            "Nothing landed in the last 30 days.",
        ),
        "</body></html>",
    ]
    return "\n".join(parts)
