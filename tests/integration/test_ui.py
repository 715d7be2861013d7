"""The newsflow page in the Airflow UI: a real api-server, a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from newsflow import pipeline
from tests import sample_lake
from tests.conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = ROOT / "test-output"
DAY = date(2026, 2, 5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`airflow api-server` on 127.0.0.1 with its own home, over a sample lake."""
    root = tmp_path_factory.mktemp("ui")
    settings = sample_lake.build(root)
    pipeline.write_reports(settings, [DAY])
    home = root / "airflow"
    port = _free_port()
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        "NEWSFLOW_DATA_ROOT": str(settings.data_root),
        "NEWSFLOW_SOURCES": str(settings.sources_file),
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    }
    airflow = [sys.executable, "-m", "airflow"]
    subprocess.run([*airflow, "db", "migrate"], env=env, check=True, capture_output=True)
    log = (root / "api-server.log").open("wb")
    proc = subprocess.Popen(
        [*airflow, "api-server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"api-server exited: {(root / 'api-server.log').read_text()[-3000:]}")
            try:
                if _get(f"{base}/newsflow/health.json")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            pytest.fail(f"api-server not up: {(root / 'api-server.log').read_text()[-3000:]}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def _screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_health_json(server):
    status, body = _get(f"{server}/newsflow/health.json")
    assert status == 200
    health = json.loads(body)
    assert [s["source"] for s in health["sources"]] == ["astana", "coast"]
    assert health["reports"] == ["2026-02-05"]


def test_newsflow_page_shows_lake_health_and_reports(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/newsflow/")
    page.get_by_role("heading", name="Lake health").wait_for()
    cells = page.locator("table tr").all_inner_texts()
    assert any(c.startswith("astana\t2026-02-05") for c in cells), cells
    assert any(c.startswith("coast\t2026-02-05") for c in cells), cells
    link = page.get_by_role("link", name="News report for 2026-02-05")
    assert link.is_visible()
    _screenshot(page, "newsflow-page.png")

    with page.context.expect_page() as opened:
        link.click()
    report = opened.value
    report.wait_for_load_state()
    assert report.get_by_role("heading", name="News report for 2026-02-05").is_visible()
    assert report.get_by_text("Kassym-Jomart Tokayev").first.is_visible()
    assert report.locator("svg").count() >= 4  # the charts are inline
    _screenshot(report, "newsflow-report.png")
    page.close()


def test_airflow_navigation_has_the_newsflow_entry(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/plugin/newsflow")
    entry = page.get_by_role("link", name="Newsflow").or_(
        page.get_by_role("button", name="Newsflow")
    )
    entry.first.wait_for(timeout=60_000)
    frame = page.frame_locator("iframe").first
    frame.get_by_role("heading", name="Lake health").wait_for(timeout=60_000)
    assert frame.get_by_text("astana").first.is_visible()
    _screenshot(page, "airflow-newsflow.png")
    page.close()


def test_screenshots_are_kept_out_of_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "test-output/x.png"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0 or shutil.which("git") is None
