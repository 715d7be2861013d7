"""Airflow plugin: the newsflow page (lake health, latest reports) in the Airflow UI.

Mounts the app of `newsflow.ui` under /newsflow in the api-server and adds a
"Newsflow" entry to the UI's navigation. Nothing heavy is imported here: the plugin
loader imports this file in every Airflow process, and the app (FastAPI, DuckDB) is only
built on its first request.
"""

from __future__ import annotations

import os
from pathlib import Path

from airflow.plugins_manager import AirflowPlugin

PROJECT_HOME = Path(__file__).resolve().parent.parent
URL_PREFIX = "/newsflow"


class _LazyApp:
    """An ASGI app that builds newsflow's FastAPI app when first called."""

    def __init__(self) -> None:
        self._app = None

    def _settings(self):
        from newsflow.config import Settings

        return Settings.from_env(home=os.environ.get("NEWSFLOW_HOME") or PROJECT_HOME)

    async def __call__(self, scope, receive, send) -> None:
        if self._app is None:
            from newsflow.ui import create_app

            self._app = create_app(self._settings)
        await self._app(scope, receive, send)

    def __repr__(self) -> str:
        return "newsflow.ui:create_app"


class NewsflowPlugin(AirflowPlugin):
    name = "newsflow"
    fastapi_apps = [{"app": _LazyApp(), "url_prefix": URL_PREFIX, "name": "newsflow"}]
    external_views = [
        {
            "name": "Newsflow",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "url_route": "newsflow",
        }
    ]
