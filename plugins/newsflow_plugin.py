"""Airflow plugin: the newsflow page (lake health, latest reports) in the Airflow UI, and
newsflow's settings as every Airflow process builds them.

Mounts the app of `newsflow.ui` under /newsflow in the api-server and adds a
"Newsflow" entry to the UI's navigation. Nothing heavy is imported here: the plugin
loader imports this file in every Airflow process, and the app (FastAPI, DuckDB) is only
built on its first request.

`newsflow_settings()` is the one place where Airflow's processes (the DAGs' tasks, the
UI) build newsflow's Settings: from the environment, with an `s3://` lake's credentials
and endpoint from the Airflow connection NEWSFLOW_LAKE_CONN_ID names. The DAG files
import it inside their tasks: Airflow puts the plugins folder on `sys.path` when it
starts (airflow.settings.initialize), in the scheduler, dag-processor, workers and
`airflow dags test` alike, and the venv's editable install of newsflow does too.
"""

from __future__ import annotations

import os
from pathlib import Path

from airflow.plugins_manager import AirflowPlugin

PROJECT_HOME = Path(__file__).resolve().parent.parent
URL_PREFIX = "/newsflow"


def lake_options() -> dict | None:
    """Credentials and endpoint of an s3:// lake from the Airflow connection that
    NEWSFLOW_LAKE_CONN_ID names (an `aws` connection: login and password, extra
    `endpoint_url`, `region_name` and `aws_session_token`); None when no connection is
    named: boto's environment and profiles provide them."""
    conn_id = os.environ.get("NEWSFLOW_LAKE_CONN_ID")
    if not conn_id:
        return None
    from airflow.sdk import BaseHook

    conn = BaseHook.get_connection(conn_id)
    extra = conn.extra_dejson
    return {
        "key": conn.login,
        "secret": conn.password,
        "token": extra.get("aws_session_token"),
        "endpoint_url": extra.get("endpoint_url"),
        "region": extra.get("region_name"),
    }


def newsflow_settings():
    """newsflow's Settings in an Airflow process: the environment (NEWSFLOW_HOME, else the
    project folder this plugins folder is in), plus the lake connection's options."""
    from newsflow.config import Settings

    return Settings.from_env(
        home=os.environ.get("NEWSFLOW_HOME") or PROJECT_HOME, lake_options=lake_options()
    )


class _LazyApp:
    """An ASGI app that builds newsflow's FastAPI app when first called."""

    def __init__(self) -> None:
        self._app = None

    async def __call__(self, scope, receive, send) -> None:
        if self._app is None:
            from newsflow.ui import create_app

            self._app = create_app(newsflow_settings)
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
