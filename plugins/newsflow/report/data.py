"""What the daily report shows, read from the lake's DuckDB views into typed records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

TREND_DAYS = 30
TOP_SPEAKERS = 10
LINES_PER_SPEAKER = 2


@dataclass(frozen=True, slots=True)
class SourceDay:
    dt: date
    source: str
    articles: int
    quotes: int
    rejects: int


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    quotes: int
    articles: int
    titles: tuple[str, ...]
    lines: tuple[tuple[str, str], ...]  # (quote text, publisher or source), most repeated first


@dataclass(frozen=True, slots=True)
class ReportData:
    dt: date
    totals: dict[str, int]  # articles, quotes, rejects, sources, mentions of the day
    by_source_day: tuple[SourceDay, ...]  # the last TREND_DAYS news days
    top_speakers: tuple[Speaker, ...]  # of the day
    new_speakers: tuple[Speaker, ...]  # quoted today and never before
    languages: tuple[tuple[str, int], ...]  # of the day's articles
    reject_reasons: tuple[tuple[str, int], ...]  # "stage/error_type" of the day
    top_mentions: tuple[tuple[str, str, int], ...]  # (name, kind, articles) of the day

    @property
    def empty(self) -> bool:
        return not any(self.totals.values())


def _speakers(con: duckdb.DuckDBPyConnection, dt: date, names: list[str]) -> list[Speaker]:
    if not names:
        return []
    stats = {
        row[0]: row[1:]
        for row in con.execute(
            """
            select speaker, count(*), count(distinct article_id),
                   coalesce(list(distinct speaker_title order by speaker_title)
                            filter (where speaker_title is not null), [])
            from quotes_all where dt = ? and speaker in (select unnest(?)) group by speaker
            """,
            [dt, names],
        ).fetchall()
    }
    lines: dict[str, list[tuple[str, str]]] = {}
    for speaker, text, where, _ in con.execute(
        """
        select q.speaker, q.text, min(coalesce(a.publisher, q.source)) as outlet, count(*) as n
        from quotes_all q join articles_all a using (article_id, dt, source)
        where q.dt = ? and q.speaker in (select unnest(?)) and q.kind <> 'partial'
        group by q.speaker, q.text
        order by q.speaker, n desc, length(q.text) desc, q.text
        """,
        [dt, names],
    ).fetchall():
        if len(lines.setdefault(speaker, [])) < LINES_PER_SPEAKER:
            lines[speaker].append((text, where))
    return [
        Speaker(
            name=name,
            quotes=stats[name][0],
            articles=stats[name][1],
            titles=tuple(stats[name][2]),
            lines=tuple(lines.get(name, ())),
        )
        for name in names
        if name in stats
    ]


def gather(con: duckdb.DuckDBPyConnection, dt: date) -> ReportData:
    """Everything the report for news day `dt` shows (con: a connection with the views)."""
    since = dt - timedelta(days=TREND_DAYS - 1)
    by_source_day = tuple(
        SourceDay(*row)
        for row in con.execute(
            "select dt, source, articles, quotes, rejects from daily_stats "
            "where dt between ? and ? order by dt, source",
            [since, dt],
        ).fetchall()
    )
    today = [d for d in by_source_day if d.dt == dt]
    mentions = con.execute("select count(*) from mentions_all where dt = ?", [dt]).fetchall()[0][0]
    totals = {
        "articles": sum(d.articles for d in today),
        "quotes": sum(d.quotes for d in today),
        "rejects": sum(d.rejects for d in today),
        "sources": len(today),
        "mentions": mentions,
    }
    top = [
        r[0]
        for r in con.execute(
            "select speaker from quotes_all where dt = ? and speaker is not null "
            "group by speaker order by count(*) desc, speaker limit ?",
            [dt, TOP_SPEAKERS],
        ).fetchall()
    ]
    new = [
        r[0]
        for r in con.execute(
            """
            select speaker from quotes_all where speaker is not null and dt <= ?
            group by speaker having min(dt) = ?
            order by count(*) filter (where dt = ?) desc, speaker
            """,
            [dt, dt, dt],
        ).fetchall()
    ]
    languages = con.execute(
        "select coalesce(language, 'unknown'), count(*) from articles_all where dt = ? "
        "group by all order by 2 desc, 1",
        [dt],
    ).fetchall()
    reasons = con.execute(
        "select stage || '/' || error_type, count(*) from rejects where dt = ? "
        "group by all order by 2 desc, 1",
        [dt],
    ).fetchall()
    top_mentions = con.execute(
        "select name, kind, count(distinct article_id) from mentions_all where dt = ? "
        "group by all order by 3 desc, sum(count) desc, name limit 15",
        [dt],
    ).fetchall()
    return ReportData(
        dt=dt,
        totals=totals,
        by_source_day=by_source_day,
        top_speakers=tuple(_speakers(con, dt, top)),
        new_speakers=tuple(_speakers(con, dt, new)),
        languages=tuple(languages),
        reject_reasons=tuple(reasons),
        top_mentions=tuple(top_mentions),
    )
