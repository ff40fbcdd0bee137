"""The app server's kernel manager: idle kernels of closed pages go, a page's new kernel stays.

Voilà hands a page a preheated kernel that may have waited in its pool for a long
time, so its last activity is old; until the page's websocket connects, the idle
culler would see an old, unconnected kernel and shut it down under the page (the
page then never shows its app). :class:`PageKernelManager` culls a kernel that no
page has connected to yet only after ``unconnected_grace`` seconds (50) from the first
time the culler sees it; once a page has connected, the usual rules apply (idle for
``cull_idle_timeout`` seconds with no connection). ``app/voila.json`` selects it.

Only the Voilà server imports this module (never ``import interview_lab``).
"""

from __future__ import annotations

import time
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float


class PageKernelManager(AsyncMappingKernelManager):
    """Cull idle kernels, but never a kernel handed to a page that has not connected yet."""

    unconnected_grace = Float(
        50.0,
        config=True,
        help="Seconds a kernel that no page has connected to yet is kept from culling.",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]
        self._connected_once: set[str] = set()
        self._first_unconnected: dict[str, float] = {}

    def notify_connect(self, kernel_id: str) -> None:
        """Record that a page connected to ``kernel_id``."""
        self._connected_once.add(kernel_id)
        self._first_unconnected.pop(kernel_id, None)
        super().notify_connect(kernel_id)  # type: ignore[no-untyped-call]

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Cull as usual, except a kernel no page has connected to within its grace."""
        for gone in [k for k in self._first_unconnected if k not in self._kernels]:
            del self._first_unconnected[gone]
        self._connected_once &= set(self._kernels)
        if kernel_id not in self._connected_once:
            first = self._first_unconnected.setdefault(kernel_id, time.monotonic())
            if time.monotonic() - first < self.unconnected_grace:
                return
        await super().cull_kernel_if_idle(kernel_id)  # type: ignore[no-untyped-call]
