"""Drawing the week's charts, in processes of their own, or reusing them.

A chart whose data and style did not change comes from the cache folder
(``reuse``); when every chart does, matplotlib is not imported here. The
others are shared out among worker processes (``python -m briefing.drawing``,
one per core, at most two) that ``build()`` starts first thing, so that
matplotlib, the build's second slowest import, loads while the main process
parses and groups. A worker runs ``charts.draw_one`` as this process would, so
the bytes are the same; when none can be started or one dies, its charts are
drawn here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from . import charts, reuse, workers
from .models import Briefing, Chart


class _Worker(workers.Client):
    module = "briefing.drawing"


class Drawer:
    """Draws the charts a briefing needs: shared out among its workers when they were started
    (``Drawer.start()``: one per core, at most two), else here."""

    def __init__(self, clients: Iterable[workers.Client] = ()):
        self.clients = list(clients)

    @classmethod
    def start(cls, count: int = 0) -> Drawer:
        """A drawer with ``count`` worker processes started (0: one per core, at most two)."""
        return cls(_Worker.start() for _ in range(count or min(2, os.cpu_count() or 1)))

    def draw(self, briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
        """Every chart that has data, in ``charts.CHARTS`` order, and the reasons the others were skipped."""
        keys = {key: reuse.chart_key(briefing, key) if cache_dir is not None else "" for key, _ in charts.CHARTS}
        results: dict[str, Chart | str] = {}
        for key, kept in keys.items():
            found = reuse.load(cache_dir, reuse.CHARTS, kept) if kept else None
            if isinstance(found, (Chart, str)):
                results[key] = found
        drawn = self._drawn(briefing, [key for key in keys if key not in results])
        for key, result in drawn.items():
            if keys[key]:
                reuse.store(cache_dir, reuse.CHARTS, keys[key], result)
        results.update(drawn)
        self.close()
        return (tuple(results[key] for key in keys if isinstance(results[key], Chart)),
                tuple(f"chart {key}: {results[key]}" for key in keys if isinstance(results[key], str)))

    def _drawn(self, briefing: Briefing, keys: list[str]) -> dict[str, Chart | str]:
        """The charts of ``keys``, each worker drawing every n-th; a worker that is gone, here."""
        clients = [c for c in self.clients if c.worker is not None] or [workers.Client()]
        shares = [(client, keys[n::len(clients)]) for n, client in enumerate(clients)]
        for client, share in shares:
            if share:
                client.send((briefing, share))
        out: dict[str, Chart | str] = {}
        for client, share in shares:
            drawn = client.receive() if share else []
            if drawn is workers.GONE_AWAY:
                drawn = [charts.draw_one(key, briefing) for key in share]
            out.update(zip(share, drawn))
        return out

    def close(self) -> None:
        for client in self.clients:
            client.close()

    def __enter__(self) -> Drawer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def draw_all(briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
    """The charts drawn in this process (or reused)."""
    return Drawer().draw(briefing, cache_dir)


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The worker: import matplotlib at once, then draw the charts it is sent."""
    charts.pyplot()  # the slow import, made while the build parses and groups
    try:
        briefing, keys = workers.receive(stdin)
    except EOFError:  # the build needed no chart drawn (an error, or every chart reused)
        return
    try:
        workers.send(stdout, ("charts", [charts.draw_one(key, briefing) for key in keys]))
    except Exception as exc:  # sent to the build, which raises it
        workers.send(stdout, workers.error(exc))


if __name__ == "__main__":
    workers.main(serve)
