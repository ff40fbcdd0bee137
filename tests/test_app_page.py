"""The coach's app page (app/coach.ipynb) and how ``make app`` serves it (issue 15).

The page shows the app and nothing else; the Voilà configuration preheats kernels and
shuts down those of closed pages within a minute; ``make app`` takes the port once.
What the page does in a browser: tests/browser/test_app_page.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.helpers import REPO

APP = REPO / "app"
PAGE = APP / "coach.ipynb"


def test_the_page_is_one_thin_code_cell_committed_without_outputs():
    notebook = json.loads(PAGE.read_text(encoding="utf-8"))
    assert "widgets" not in notebook["metadata"]
    assert notebook["metadata"]["title"]  # the browser tab's name
    (cell,) = notebook["cells"]  # no titles, no instructions, no printed tables
    assert cell["cell_type"] == "code"
    assert cell["outputs"] == []
    assert cell["execution_count"] is None
    source = "".join(cell["source"])
    assert "load_example_offers()" in source
    assert "print(" not in source


@pytest.mark.slow
def test_the_page_shows_only_the_app_when_run():
    import nbclient
    import nbformat

    notebook = nbformat.read(PAGE, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=120, resources={"metadata": {"path": str(APP)}}
    ).execute()
    (outputs,) = [cell.outputs for cell in notebook.cells]
    assert [out["output_type"] for out in outputs] == ["display_data"]  # the app, once
    assert "application/vnd.jupyter.widget-view+json" in outputs[0]["data"]


def test_voila_preheats_the_page_and_shuts_down_kernels_of_closed_pages_within_a_minute():
    config = json.loads((APP / "voila.json").read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["template"] == "interview_lab"
    assert voila["preheat_kernel"] is True
    assert voila["default_pool_size"] >= 1
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] + culling["cull_interval"] <= 60
    assert culling["cull_connected"] is False  # an open page keeps its kernel
    template = APP / "share" / "voila" / "templates" / "interview_lab"
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("arguments", "port"),
    [
        ([], "8866"),
        (["APP_PORT=9000"], "9000"),
        (["VOILA_ARGS=--port=9001 --no-browser"], "9001"),
        (["VOILA_ARGS=--Voila.port=9002"], "9002"),
    ],
)
def test_make_app_gives_voila_the_port_once(arguments, port):
    # STAMP= leaves out the environment's prerequisite: only the app's own command.
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "app", "STAMP=", *arguments],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    command = printed.strip().splitlines()[-1].split()
    assert "scripts/serve-app" in command
    ports = [word for word in command if "port=" in word]
    assert len(ports) == 1
    assert ports[0].endswith(f"port={port}")
