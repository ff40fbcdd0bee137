"""The README's set-up: `make lab` serves the notebooks, a wheel carries the data."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .helpers import REPO

STAMP = Path(sys.prefix) / ".interview-lab-installed"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make(*args: str, **kwargs) -> subprocess.Popen[str]:
    # -o: use the environment this test runs in as it is; never reinstall it here.
    return subprocess.Popen(
        ["make", "-s", "-C", str(REPO), f"VENV={sys.prefix}", "-o", str(STAMP), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def test_make_lab_passes_allow_root_exactly_when_run_as_root():
    dry = make("-n", "lab")
    out, _ = dry.communicate(timeout=30)
    assert "jupyter lab notebooks/compare_offers.ipynb" in out
    assert ("--allow-root" in out) == (os.geteuid() == 0)


@pytest.mark.slow
def test_make_lab_serves_the_notebooks(tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    lab = make(
        "lab",
        f"LAB_ARGS=--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token=",
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=2) as reply:
                    assert reply.status == 200
                    break
            except OSError:
                if lab.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"JupyterLab did not start:\n{lab.stdout.read() if lab.stdout else ''}"
                    )
                time.sleep(0.5)
        with urllib.request.urlopen(f"{base}/api/contents/compare_offers.ipynb") as reply:
            notebook = json.load(reply)
        assert notebook["type"] == "notebook"
        with urllib.request.urlopen(f"{base}/lab") as reply:
            assert reply.status == 200
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)


@pytest.mark.slow
def test_a_wheel_install_finds_the_example_data_and_presets(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("interview_lab-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "interview_lab/_bundled_data/offers_example.csv" in names
        assert "interview_lab/_bundled_data/presets.toml" in names
        archive.extractall(tmp_path / "site")
    code = (
        "import interview_lab as il, pathlib, sys;"
        "assert pathlib.Path(il.__file__).is_relative_to(sys.argv[1]), il.__file__;"
        "print(len(il.load_example_offers()), len(il.load_presets()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "site")],
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(tmp_path / "site")),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["8", "5"]
