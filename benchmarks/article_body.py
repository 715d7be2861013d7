"""Article-body benchmark: newsflow's extractor (and optionally a peer) on annotated pages.

usage:
    python benchmarks/article_body.py --data DIR [--out FILE] [--peer trafilatura]
                                      [--repeat N] [--no-process] [--per-page] [--worst N]

DIR holds ``html/<key>.html.gz`` and ``ground-truth.json`` (``{key: {"articleBody"}}``);
the scorer is ``body_f1.py`` in DIR's parent folder.

In one process: each extractor is first run on one page (imports, compiled patterns and
caches are not timed), then over all pages `--repeat` times, the extractors taking turns
so that both see the same load; ms/page is the median of the rounds (wall clock, and CPU
time of this process). Only the extraction is timed: the files are read and decompressed
first, the same way for every extractor. newsflow runs its whole ``extract`` (decode,
parse, metadata, main content, quotes, mentions), as ``newsflow extract`` does.

Whole process (with ``--peer``): ``newsflow extract`` over all the page files (gzip, one
JSON line per page) against a Python process that does the same with the peer
(decompress, extract, one JSON line per page), both with start-up and imports, output
discarded; wall and CPU time (``getrusage(RUSAGE_CHILDREN)``), median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
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
) -> tuple[dict[str, dict[str, str]], float, float]:
    """Predictions, wall seconds and CPU seconds of one round over all pages."""
    predictions = {}
    wall = cpu = 0.0
    for key, (path, body) in pages.items():
        start, start_cpu = time.perf_counter(), time.process_time()
        text = extractor(path, body)
        wall += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        predictions[key] = {"articleBody": text}
    return predictions, wall, cpu


# The peer's whole process: what `newsflow extract` does, with the peer's extractor.
PEER_PROCESS = {
    "trafilatura": """
import gzip, json, sys
import trafilatura
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        html = gzip.decompress(f.read()).decode("utf-8", errors="replace")
    text = trafilatura.extract(html) or ""
    print(json.dumps({"path": path, "body_text": text}, ensure_ascii=False), flush=True)
""",
}


def newsflow_command() -> list[str]:
    """`newsflow` installed next to this Python, else the same module run with -m."""
    script = Path(sys.executable).with_name("newsflow")
    if script.is_file():
        return [str(script)]
    found = shutil.which("newsflow")
    return [found] if found else [sys.executable, "-m", "newsflow.cli"]


def time_process(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def whole_process(paths: list[Path], peer: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of `newsflow extract` and of the peer over `paths`."""
    files = [str(p) for p in paths]
    commands = {
        "newsflow": [*newsflow_command(), "extract", *files],
        peer: [sys.executable, "-c", PEER_PROCESS[peer], *files],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(time_process(command))
    return {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in times.items()
    }


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
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed rounds (and process runs); median shown"
    )
    parser.add_argument(
        "--no-process", action="store_true", help="skip the whole-process comparison"
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
    repeat = max(1, args.repeat)
    first = next(iter(pages.values()))
    for _, extractor in runs:
        extractor(*first)  # warm-up: imports, compiled patterns, caches
    rounds: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in runs}
    predicted: dict[str, dict[str, dict[str, str]]] = {}
    for _ in range(repeat):
        for name, extractor in runs:  # taking turns: both see the same load
            predictions, wall, cpu = run_all(extractor, pages)
            rounds[name].append((wall, cpu))
            predicted[name] = predictions

    results = {}
    for name, _ in runs:
        predictions = predicted[name]
        scores = scorer.score(truth, predictions, keys)
        wall = statistics.median(w for w, _ in rounds[name]) * 1000 / len(pages)
        cpu = statistics.median(c for _, c in rounds[name]) * 1000 / len(pages)
        results[name] = (scores, wall, cpu, predictions)
        target = out if name == "newsflow" else out.with_name(f"{out.stem}.{name}{out.suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")

    print(
        f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'ms/page':>8} {'cpu ms':>7}"
        f"  ({len(pages)} pages, median of {repeat} rounds)"
    )
    for name, (scores, wall, cpu, _) in results.items():
        print(
            f"{name:<12} {scores['f1']:6.3f} {scores['precision']:6.3f} "
            f"{scores['recall']:6.3f} {wall:8.2f} {cpu:7.2f}"
        )
    peer = next((name for name in results if name != "newsflow"), None)
    if peer:
        wall_ratio = results["newsflow"][1] / results[peer][1]
        cpu_ratio = results["newsflow"][2] / results[peer][2]
        print(f"time ratio newsflow/{peer}, in process: {wall_ratio:.3f} (cpu {cpu_ratio:.3f})")
        if not args.no_process:
            paths = [path for path, _ in pages.values()]
            totals = whole_process(paths, peer, repeat)
            for name, (wall, cpu) in totals.items():
                label = "newsflow extract" if name == "newsflow" else f"python + {name}"
                print(f"whole process, {label:<20} {wall:7.2f} s wall {cpu:7.2f} s cpu")
            nf_wall, nf_cpu = totals["newsflow"]
            peer_wall, peer_cpu = totals[peer]
            print(
                f"time ratio newsflow/{peer}, whole process: {nf_wall / peer_wall:.3f} wall, "
                f"{nf_cpu / peer_cpu:.3f} cpu"
            )
    print(f"predictions: {out}")

    if args.per_page:
        predictions = results["newsflow"][3]
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
