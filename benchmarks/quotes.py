"""Quote extraction benchmark on PolNeAR-style data (text/<doc>.txt + attributions/).

    python benchmarks/quotes.py --data ../shared/bench/quotes-polnear/dev

Builds the gold set with polnear_gold.py and scores with quotes_score.py, both taken
from the data folder's grandparent (the benchmark's own scripts, run as they are).
Every text goes through the same code as `newsflow extract`; the time reported is
quote extraction alone (extract_quotes on the article body), plus the whole extraction.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsflow.extract import quotes as quote_rules
from newsflow.model import RawDocument


def _full_extract():
    """newsflow.extract.extract when the package has it, else None."""
    try:
        from newsflow.extract import extract
    except ImportError:
        return None
    return extract


def _split_body(text: str) -> str:
    """Fallback body: drop the headline line, paragraphs on blank lines."""
    import re

    rest = text.replace("\r\n", "\n").split("\n", 1)[1] if "\n" in text else ""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", rest)]
    return "\n\n".join(p for p in paragraphs if p)


def _as_predictions(records) -> list[dict]:
    """Quotes as the scorer reads them.

    A continuation names no speaker of its own (speaker_mention is None); the gold
    annotates it with the words that named the speaker of the quote it goes on from,
    so it is scored with that quote's mention.
    """
    out = []
    mention_of: dict[str | None, str | None] = {}
    for q in records:
        mention = q.speaker_mention
        if mention is None and q.kind == "continuation":
            mention = mention_of.get(q.speaker)
        elif mention is not None:
            mention_of[q.speaker] = mention
        out.append(
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_mention": mention,
                "kind": q.kind,
                "cue": q.cue,
                "confidence": q.confidence,
            }
        )
    return out


def run(data: Path, pred_path: Path, verbose: bool = False) -> dict:
    extract = _full_extract()
    predictions: dict[str, dict] = {}
    quote_ms: list[float] = []
    whole_ms: list[float] = []
    for path in sorted((data / "text").glob("*.txt")):
        body = path.read_bytes()
        if extract is not None:
            raw = RawDocument(uri=str(path), source="bench", body=body, media_type="text/plain")
            t0 = time.perf_counter()
            extraction = extract(raw)
            whole_ms.append((time.perf_counter() - t0) * 1000)
            body_text = extraction.article.body_text
            found = extraction.quotes
        else:
            body_text = _split_body(body.decode("utf-8"))
            found = None
        t0 = time.perf_counter()
        spans = quote_rules.extract_quotes(body_text)
        quote_ms.append((time.perf_counter() - t0) * 1000)
        records = found if found is not None else spans
        predictions[path.stem] = {"quotes": _as_predictions(records)}
    pred_path.write_text(json.dumps(predictions, indent=1, ensure_ascii=False))
    return {
        "articles": len(predictions),
        "quote_ms": statistics.mean(quote_ms) if quote_ms else 0.0,
        "quote_ms_median": statistics.median(quote_ms) if quote_ms else 0.0,
        "whole_ms": statistics.mean(whole_ms) if whole_ms else None,
        "pipeline": "newsflow.extract.extract" if extract else "extract_quotes (fallback split)",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path, help="e.g. .../quotes-polnear/dev")
    ap.add_argument("--out", type=Path, help="keep gold and predictions in this folder")
    args = ap.parse_args(argv)
    data = args.data.resolve()
    scripts = data.parent.parent
    gold_script, score_script = scripts / "polnear_gold.py", scripts / "quotes_score.py"
    for script in (gold_script, score_script):
        if not script.exists():
            ap.error(f"{script} not found (expected two levels above --data)")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        gold, pred = out / "gold.json", out / "predictions.json"
        subprocess.run(
            [sys.executable, str(gold_script), str(data), str(gold)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        timing = run(data, pred)
        scored = subprocess.run(
            [sys.executable, str(score_script), str(gold), str(pred)],
            check=True,
            capture_output=True,
            text=True,
        )
        scores = json.loads(scored.stdout)
        # polnear_gold.py reads only “ and " marks: articles quoted with '' have no gold,
        # so every quote found there counts against precision. Score them apart as well.
        blind = {p.stem for p in (data / "text").glob("*.txt") if "''" in p.read_text("utf-8")}
        seen_gold = out / "gold-seen.json"
        full = json.loads(gold.read_text("utf-8"))
        seen_gold.write_text(json.dumps({d: v for d, v in full.items() if d not in blind}))
        seen = subprocess.run(
            [sys.executable, str(score_script), str(seen_gold), str(pred)],
            check=True,
            capture_output=True,
            text=True,
        )
        seen_scores = json.loads(seen.stdout)
    print(f"data            {data}")
    print(f"pipeline        {timing['pipeline']}")
    print(f"articles        {timing['articles']}  gold {scores['gold']}  pred {scores['pred']}")
    print(f"quote_f1        {scores['quote_f1']:.3f}")
    print(f"precision       {scores['precision']:.3f}")
    print(f"recall          {scores['recall']:.3f}")
    print(f"attribution_acc {scores['attribution_acc']:.3f}")
    print(
        f"ms/article      {timing['quote_ms']:.2f}  (quote extraction; median "
        f"{timing['quote_ms_median']:.2f})"
    )
    if timing["whole_ms"] is not None:
        print(f"ms/article      {timing['whole_ms']:.2f}  (whole extraction)")
    if blind:
        print(
            f"without the {len(blind)} articles quoted with '' (marks the gold builder skips): "
            f"quote_f1 {seen_scores['quote_f1']:.3f}  precision {seen_scores['precision']:.3f}  "
            f"recall {seen_scores['recall']:.3f}  attribution_acc "
            f"{seen_scores['attribution_acc']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
