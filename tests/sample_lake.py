"""A small lake with two sources over two news days, built by the tests that read one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsflow import pipeline
from newsflow.config import Settings
from tests.conftest import SEED, write_inbox

DAYS = (date(2026, 2, 4), date(2026, 2, 5))

HARBOUR = """<html lang="en"><head><title>Harbour reopens | Coast Post</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="Coast Post">
<link rel="canonical" href="https://coastpost.example/harbour-reopens">
<meta property="article:published_time" content="2026-02-04T09:30:00+02:00"></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour of Port Lina reopened on Wednesday after a week of repairs to the sea wall,
the port authority said in a statement that thanked the crews who worked through the night.</p>
<p>“We are open for business again, and every berth is in use,” said Maria Ostrowska, the
director of the port authority. She added that the fishing fleet had already returned.</p>
<p>Engineers will keep inspecting the wall every month until the spring tides have passed,
according to the authority, which has set aside funds for further work this year.</p>
</article></body></html>"""

TRADE = """<html lang="en"><head><title>Kazakhstan courts port investors | Coast Post</title>
<meta property="og:site_name" content="Coast Post">
<link rel="canonical" href="https://coastpost.example/kazakhstan-ports">
<meta property="article:published_time" content="2026-02-05T11:00:00+00:00"></head>
<body><article><h1>Kazakhstan courts port investors</h1>
<p>President Kassym-Jomart Tokayev told shipping executives in Almaty that Kazakhstan wants
new rail links to the Caspian Sea ports, a plan the World Bank has studied for two years.</p>
<p>“Connectivity is the backbone of our trade with Europe and Asia,” Tokayev said, adding
that freight through the Middle Corridor had doubled since 2022.</p>
<p>“We will judge the plan by the cargo it moves, not by the speeches,” said Maria Ostrowska,
who runs the port authority in Port Lina and attended the meeting as a guest.</p>
</article></body></html>"""


def build(
    root: Path, data_root: Path | str | None = None, lake_options: dict | None = None
) -> Settings:
    """Ingest the sample days into `root/lake` (or `data_root`, e.g. an s3:// URL with
    its `lake_options`); returns the settings that point at it."""
    astana = write_inbox(root / "astana", "2026-02-05", {"seed.txt": SEED.read_text("utf-8")})
    write_inbox(root / "astana", "2026-02-05", {"empty.html": b""})
    coast = write_inbox(root / "coast", "2026-02-04", {"harbour.html": HARBOUR})
    write_inbox(
        root / "coast",
        "2026-02-05",
        {"harbour.html": HARBOUR, "trade.html": TRADE, "junk.html": bytes(range(256)) * 40},
    )
    sources = root / "sources.yaml"
    sources.write_text(
        "sources:\n"
        f"  - name: astana\n    kind: inbox\n    path: {astana}\n"
        f"  - name: coast\n    kind: inbox\n    path: {coast}\n",
        encoding="utf-8",
    )
    settings = Settings.from_env(
        {},
        home=root,
        data_root=data_root or root / "lake",
        sources_file=sources,
        lake_options=lake_options,
    )
    for day in DAYS:
        pipeline.ingest(settings, day)
    return settings
