"""Article-body benchmark: newsflow's extractor (and optionally a peer) on annotated pages.

usage:
    python benchmarks/article_body.py --data DIR [--out FILE] [--peer trafilatura]
                                      [--per-page] [--worst N]

DIR holds ``html/<key>.html.gz`` and ``ground-truth.json`` (``{key: {"articleBody"}}``);
the scorer is ``body_f1.py`` in DIR's parent folder. Only the extraction is timed (the
files are read and decompressed first), the same way for every extractor, in one process.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from newsflow.model import ExtractError, RawDocument


def load_scorer(data_dir: Path) -> ModuleType:
    path = (data_dir / ".." / "body_f1.py").resolve()
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location("body_f1", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(data_dir: Path, keys: list[str]) -> dict[str, tuple[Path, bytes]]:
    pages = {}
    for key in keys:
        path = data_dir / "html" / f"{key}.html.gz"
        if path.is_file():
            pages[key] = (path, gzip.decompress(path.read_bytes()))
    return pages


def newsflow_extractor(direct: bool = False) -> Callable[[Path, bytes], str]:
    """The code path ``newsflow extract`` uses when it exists, else parse + main content."""
    extract = None
    if not direct:
        try:
            from newsflow.extract import extract  # type: ignore[attr-defined]
        except ImportError:
            extract = None

    if extract is not None:

        def run(path: Path, body: bytes) -> str:
            raw = RawDocument(uri=str(path), source="bench", body=body, media_type="text/html")
            try:
                return extract(raw).article.body_text
            except ExtractError:
                return ""

        return run

    from newsflow.extract.html import main_content, parse_html

    def run_direct(path: Path, body: bytes) -> str:
        text = body.decode("utf-8", errors="replace")
        try:
            return main_content(parse_html(text)).body_text
        except ExtractError:
            return ""

    return run_direct


def trafilatura_extractor() -> Callable[[Path, bytes], str]:
    import trafilatura

    def run(path: Path, body: bytes) -> str:
        return trafilatura.extract(body.decode("utf-8", errors="replace")) or ""

    return run


def run_all(
    extractor: Callable[[Path, bytes], str], pages: dict[str, tuple[Path, bytes]]
) -> tuple[dict[str, dict[str, str]], float]:
    predictions = {}
    elapsed = 0.0
    for key, (path, body) in pages.items():
        start = time.perf_counter()
        text = extractor(path, body)
        elapsed += time.perf_counter() - start
        predictions[key] = {"articleBody": text}
    return predictions, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="benchmark folder")
    parser.add_argument("--out", type=Path, default=None, help="predictions JSON to write")
    parser.add_argument("--peer", choices=["trafilatura"], default=None)
    parser.add_argument(
        "--direct",
        action="store_true",
        help="call parse_html + main_content only, not the whole newsflow.extract.extract",
    )
    parser.add_argument("--per-page", action="store_true", help="print per-page F1, worst first")
    parser.add_argument("--worst", type=int, default=15, help="pages shown with --per-page")
    args = parser.parse_args(argv)

    data_dir: Path = args.data
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    scorer = load_scorer(data_dir)
    pages = load_pages(data_dir, keys)
    if not pages:
        raise SystemExit(f"no pages under {data_dir / 'html'}")

    runs: list[tuple[str, Callable[[Path, bytes], str]]] = [
        ("newsflow", newsflow_extractor(args.direct))
    ]
    if args.peer == "trafilatura":
        try:
            runs.append(("trafilatura", trafilatura_extractor()))
        except ImportError:
            print("trafilatura is not installed; running newsflow only", file=sys.stderr)

    out: Path = args.out or Path("bench-out") / f"article-body-{data_dir.resolve().name}.json"
    results = {}
    for name, extractor in runs:
        predictions, elapsed = run_all(extractor, pages)
        scores = scorer.score(truth, predictions, keys)
        results[name] = (scores, elapsed * 1000 / len(pages), predictions)
        target = out if name == "newsflow" else out.with_name(f"{out.stem}.{name}{out.suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")

    print(f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'ms/page':>8}  ({len(pages)} pages)")
    for name, (scores, ms, _) in results.items():
        print(
            f"{name:<12} {scores['f1']:6.3f} {scores['precision']:6.3f} "
            f"{scores['recall']:6.3f} {ms:8.2f}"
        )
    if "trafilatura" in results:
        ratio = results["newsflow"][1] / results["trafilatura"][1]
        print(f"time ratio newsflow/trafilatura: {ratio:.3f}")
    print(f"predictions: {out}")

    if args.per_page:
        predictions = results["newsflow"][2]
        rows = []
        for key in keys:
            tp, fp, fn = scorer.page_counts(
                truth[key].get("articleBody", ""), predictions.get(key, {}).get("articleBody", "")
            )
            p, r = scorer.prec(tp, fp, fn), scorer.rec(tp, fp, fn)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((f1, p, r, key))
        rows.sort()
        for f1, p, r, key in rows[: args.worst]:
            print(f"  {f1:.3f} P={p:.3f} R={r:.3f} {key[:16]} {truth[key].get('url', '')[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
