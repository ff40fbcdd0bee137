"""The app server's kernel manager keeps a page's new kernel until the page connects."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

import pytest

pytest.importorskip("jupyter_server")

from interview_lab.apps.serving import PageKernelManager


def run(step: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine that never waits (the page's event loop may be running already)."""
    try:
        step.send(None)
    except StopIteration:
        return
    raise AssertionError("the cull check waited on something")


def test_a_kernel_no_page_has_connected_to_is_kept_within_its_grace(monkeypatch) -> None:
    manager = PageKernelManager(unconnected_grace=50.0)
    culled: list[str] = []

    async def cull(self, kernel_id: str) -> None:
        culled.append(kernel_id)

    base = PageKernelManager.__mro__[1]
    monkeypatch.setattr(base, "cull_kernel_if_idle", cull)
    manager._kernels["handed-out"] = object()
    manager._kernels["closed-page"] = object()
    manager._kernel_connections["closed-page"] = 0
    manager._connected_once.add("closed-page")  # a page was connected, then closed

    run(manager.cull_kernel_if_idle("handed-out"))
    run(manager.cull_kernel_if_idle("closed-page"))
    assert culled == ["closed-page"]  # the usual idle rules decide for a closed page

    now = [1000.0]
    monkeypatch.setattr("interview_lab.apps.serving.time.monotonic", lambda: now[0])
    manager._first_unconnected.clear()
    run(manager.cull_kernel_if_idle("handed-out"))  # first seen now
    now[0] += 49.0
    run(manager.cull_kernel_if_idle("handed-out"))  # within its grace: kept
    assert culled == ["closed-page"]
    now[0] += 2.0
    run(manager.cull_kernel_if_idle("handed-out"))  # past its grace: the usual rules
    assert culled == ["closed-page", "handed-out"]
