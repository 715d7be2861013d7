"""`newsflow extract | ingest | query`: the library from the shell, without Airflow."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _record(value: object) -> dict:
    names = _FIELDS.get(type(value))
    if names is None:
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: getattr(value, name) for name in names}


def _folder_date(path: Path) -> date | None:
    """The date of an inbox folder (<inbox>/<YYYY-MM-DD>/...) the file lies in, if any
    (`path` resolved)."""
    for parent in path.parents:
        try:
            return date.fromisoformat(parent.name)
        except ValueError:
            continue
    return None


def cmd_extract(args: argparse.Namespace) -> int:
    from newsflow.extract import extract
    from newsflow.model import RawDocument

    failed = 0
    for path in args.paths:
        try:
            if path == "-":
                body, uri, listing_date = sys.stdin.buffer.read(), "stdin", args.date
            else:
                resolved = Path(path).resolve()
                body, uri = Path(path).read_bytes(), str(resolved)
                listing_date = args.date or _folder_date(resolved)
            raw = RawDocument(
                uri=uri,
                source="cli",
                body=body,
                url=args.url,
                media_type=args.media_type,
                listing_date=listing_date,
            )
            result = extract(raw, run_date=args.date)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            failed += 1
            line = {"path": path, "error": f"{type(exc).__name__}: {exc}"}
        else:
            quotes = [
                {k: v for k, v in _record(q).items() if k != "article_id"} for q in result.quotes
            ]
            line = {"path": path, **_record(result.article), "quotes": quotes}
        print(json.dumps(line, ensure_ascii=False, default=_json_default), flush=True)
    return 1 if failed and failed == len(args.paths) else 0


def _settings(args: argparse.Namespace):
    from newsflow.config import Settings

    overrides = {}
    if args.data_root:
        overrides["data_root"] = args.data_root
    if getattr(args, "sources", None):
        overrides["sources_file"] = args.sources
    if getattr(args, "batch_size", None):
        overrides["batch_size"] = args.batch_size
    return Settings.from_env(**overrides)


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsflow.pipeline import ingest
    from newsflow.progress import reporter

    settings = _settings(args)
    with reporter(sys.stderr) as progress:
        report = ingest(
            settings,
            args.date,
            only=args.source or None,
            from_raw=args.from_raw,
            workers=args.workers,
            progress=progress,
        )
    print(
        json.dumps(
            {"dt": args.date.isoformat(), "data_root": str(settings.data_root), "sources": report},
            indent=1,
        )
    )
    if any(c.get("fetch_failures") or c.get("listing_failures") for c in report.values()):
        _print_fetch_failures(settings, args.date)
    return 0


FETCH_FAILURES_SQL = """
    select source, kind, error_type, count(*) as documents, min(error) as example
    from fetch_log
    where dt = ? and kind in ('article', 'listing') and error_type is not null
    group by all order by source, kind, documents desc, error_type"""


def _print_fetch_failures(settings, dt: date) -> None:
    """Why documents were not fetched and listings not read, on stderr: one line per
    source and reason."""
    from newsflow.store.catalog import connect

    for source, kind, error_type, documents, example in (
        connect(settings.data_root).sql(FETCH_FAILURES_SQL, params=[dt]).fetchall()
    ):
        what = "not fetched" if kind == "article" else f"{kind}s refused"
        print(
            f"newsflow: source {source}: {documents} {what} ({error_type}), e.g. {example}",
            file=sys.stderr,
        )


def cmd_query(args: argparse.Namespace) -> int:
    from newsflow.store.catalog import connect

    con = connect(_settings(args).data_root)
    relation = con.sql(args.sql)
    if relation is None:
        return 0
    if args.format == "json":
        columns = relation.columns
        for row in relation.fetchall():
            print(
                json.dumps(
                    dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_json_default
                )
            )
    elif args.format == "csv":
        relation.to_df().to_csv(sys.stdout, index=False)
    else:
        relation.show(max_width=args.width, max_rows=args.max_rows)
    return 0


SUMMARY_SQL = {
    "articles": """
        select source, title, publisher, cast(published_at as date) as published,
               published_at_source as dated_by, quote_count as quotes
        from articles where dt = ? order by source, published_at, title""",
    "quotes": """
        select q.speaker, count(*) as quotes, any_value(a.publisher) as publisher,
               min(q.text) as example
        from quotes q join articles a using (article_id, dt, source)
        where q.dt = ? group by q.speaker order by quotes desc, q.speaker nulls last""",
    "rejects": """
        select source, stage, error_type, count(*) as documents from rejects where dt = ?
        group by all order by documents desc""",
}


def cmd_summary(args: argparse.Namespace) -> int:
    """What landed for a day, read back from the Parquet with DuckDB."""
    from newsflow.store.catalog import connect

    settings = _settings(args)
    con = connect(settings.data_root)
    print(f"newsflow lake {settings.data_root}, news day {args.date}")
    for name, sql in SUMMARY_SQL.items():
        print(f"\n{name}:")
        con.sql(sql, params=[args.date]).show(max_width=args.width)
    return 0


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsflow", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("extract", help="extract articles; one JSON line per input")
    p.add_argument("paths", nargs="+", help=".txt/.html/.htm files (or .gz), - for stdin")
    p.add_argument("--url", help="the article's web address (for ids and relative links)")
    p.add_argument(
        "--date",
        type=_date,
        help="listing date used when nothing dates the text "
        "(default: the YYYY-MM-DD folder the file is in, as in an inbox)",
    )
    p.add_argument(
        "--media-type",
        choices=["text/html", "text/plain"],
        help="override the type guessed from the name and bytes",
    )
    p.set_defaults(func=cmd_extract)

    p = commands.add_parser("ingest", help="run the pipeline for one news day")
    p.add_argument("--date", type=_date, required=True)
    p.add_argument("--sources", help="sources file (default $NEWSFLOW_SOURCES)")
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--data-root", help="lake folder (default $NEWSFLOW_DATA_ROOT or data/)")
    p.add_argument("--batch-size", type=int)
    p.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="processes extracting batches in parallel (default 1: this process)",
    )
    p.add_argument(
        "--from-raw",
        action="store_true",
        help="re-extract web and WARC sources from the raw zone, fetching nothing",
    )
    p.set_defaults(func=cmd_ingest)

    p = commands.add_parser("summary", help="what landed for a news day")
    p.add_argument("--date", type=_date, required=True)
    p.add_argument("--data-root")
    p.add_argument("--width", type=int, default=160)
    p.set_defaults(func=cmd_summary)

    p = commands.add_parser("query", help="run SQL on the lake's DuckDB views")
    p.add_argument("sql")
    p.add_argument("--data-root")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--width", type=int, default=160)
    p.add_argument("--max-rows", type=int, default=100)
    p.set_defaults(func=cmd_query)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.func is cmd_extract:
        return cmd_extract(args)  # reads no settings: nothing else to import
    from newsflow.config import ConfigError
    from newsflow.sources import SourceError

    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"newsflow: configuration error: {exc}", file=sys.stderr)
        return 2
    except SourceError as exc:
        print(f"newsflow: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
