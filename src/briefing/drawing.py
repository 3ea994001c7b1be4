"""Drawing the week's charts, in a process of their own, or reusing them.

A chart whose data and style did not change comes from the cache folder
(``reuse``); when every chart does, matplotlib is not imported here. The
others are drawn by a worker process (``python -m briefing.drawing``) that
``build()`` starts first thing, so that matplotlib, the build's second
slowest import, loads while the main process parses and groups. The worker
runs ``charts.draw_one`` as this process would, so the bytes are the same;
when it cannot be started or dies, the charts are drawn here.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from . import charts, reuse, workers
from .models import Briefing, Chart


class Drawer(workers.Client):
    """Draws the charts a briefing needs: in its worker when one was started (``Drawer.start()``),
    else here."""

    module = "briefing.drawing"

    def draw(self, briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
        """Every chart that has data, in ``charts.CHARTS`` order, and the reasons the others were skipped."""
        keys = {key: reuse.chart_key(briefing, key) if cache_dir is not None else "" for key, _ in charts.CHARTS}
        results: dict[str, Chart | str] = {}
        for key, kept in keys.items():
            found = reuse.load(cache_dir, reuse.CHARTS, kept) if kept else None
            if isinstance(found, (Chart, str)):
                results[key] = found
        missing = [key for key in keys if key not in results]
        for key, result in zip(missing, self._drawn(briefing, missing) if missing else ()):
            results[key] = result
            if keys[key]:
                reuse.store(cache_dir, reuse.CHARTS, keys[key], result)
        self.close()
        drawn = tuple(results[key] for key in keys if isinstance(results[key], Chart))
        skipped = tuple(f"chart {key}: {results[key]}" for key in keys if isinstance(results[key], str))
        return drawn, skipped

    def _drawn(self, briefing: Briefing, keys: list[str]) -> list[Chart | str]:
        self.send((briefing, keys))
        drawn = self.receive()
        if drawn is workers.GONE_AWAY:  # the worker is gone: draw here
            drawn = [charts.draw_one(key, briefing) for key in keys]
        return drawn


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
