"""The PDF stage in a process of its own, so that it overlaps the rest of the build.

``build()`` starts the printer first thing: a worker process (``python -m
briefing.printer``) that imports WeasyPrint, the slowest import of the build,
while the main process parses, groups and draws the charts. It then takes
the finished HTML, lays it out, sends back the page of each element id (the
DOCX contents need them) and writes the PDF while the main process writes the
DOCX. The worker runs the same code as the one-process build
(``render.lay_out`` and ``render.write_pdf``), so the bytes are the same.

When the worker cannot be started or dies, the PDF is printed in the main
process instead; a template or font error in the worker is raised in the
main process as if it had happened there. Messages on the pipes are pickles,
each after its length.
"""

from __future__ import annotations

import base64
import os
import pickle
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any, BinaryIO

from . import render
from .models import Chart

_HEAD = struct.Struct("<Q")


def _send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEAD.pack(len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise EOFError("the PDF worker ended without an answer")
    (size,) = _HEAD.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the PDF worker ended in the middle of an answer")
    return pickle.loads(data)


class Printer:
    """Prints one HTML page to PDF: ``pages()`` gives the page of each element id as soon as the
    layout is done, ``pdf()`` the PDF bytes. In a worker process when one was started, else here."""

    def __init__(self, worker: subprocess.Popen | None = None):
        self.worker = worker
        self.job: tuple[str, Path, tuple[Path, ...], tuple[str, ...]] | None = None
        self.document: Any = None

    @classmethod
    def start(cls) -> Printer:
        """A printer with its worker process started (importing WeasyPrint); in-process when it cannot start."""
        package = str(Path(__file__).resolve().parents[1])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": package + (os.pathsep + path if path else "")}
        try:
            worker = subprocess.Popen([sys.executable, "-m", "briefing.printer"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, env=env)
        except OSError:
            worker = None
        return cls(worker)

    def pages(self, html: str, base: Path, allowed: tuple[Path, ...], stylesheets: tuple[str, ...]) -> dict[str, int]:
        """Lay the HTML out; the page (from 1) each element id starts on."""
        self.job = (html, base, allowed, stylesheets)
        if self.worker is not None:
            try:
                _send(self.worker.stdin, self.job)
                return _answer(_receive(self.worker.stdout))
            except (OSError, EOFError, pickle.UnpicklingError):
                self.close()  # the worker is gone: print here
        self.document, pages = render.lay_out(*self.job)
        return pages

    def pdf(self) -> bytes:
        """The PDF bytes of the HTML given to ``pages()``."""
        if self.job is None:
            raise RuntimeError("Printer.pdf() before Printer.pages()")
        if self.worker is not None:
            try:
                return _answer(_receive(self.worker.stdout))
            except (OSError, EOFError, pickle.UnpicklingError):
                self.close()
        if self.document is None:
            self.document, _ = render.lay_out(*self.job)
        return render.write_pdf(self.document, self.job[0])

    def close(self) -> None:
        """End the worker (it may still be importing when the build did not need it)."""
        worker, self.worker = self.worker, None
        if worker is None:
            return
        for stream in (worker.stdin, worker.stdout):
            try:
                stream.close()
            except OSError:
                pass
        if worker.poll() is None:
            worker.kill()
        worker.wait()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def for_print(html: str, charts: tuple[Chart, ...]) -> str:
    """The page as the PDF prints it: each chart as its PNG (the picture the DOCX holds, at
    ``charts.PNG_DPI``) instead of its inline SVG, which WeasyPrint draws many times slower;
    the alternative text stays the chart's."""
    for chart in charts:
        if chart.svg and chart.png and chart.svg in html:
            data = base64.b64encode(chart.png).decode("ascii")
            alt = render.html_lib.escape(chart.alt, quote=True)
            html = html.replace(chart.svg, f'<img class="chart-picture" src="data:image/png;base64,{data}" alt="{alt}">', 1)
    return html


def _answer(message: tuple[str, Any]) -> Any:
    kind, value = message
    if kind == "error":
        raise value
    return value


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The worker: import WeasyPrint at once, then print the one page it is sent."""
    import weasyprint  # noqa: F401  the slow import, made while the build parses and draws

    try:
        html, base, allowed, stylesheets = _receive(stdin)
    except EOFError:  # the build needed no PDF (an error, or a PDF reused)
        return
    try:
        document, pages = render.lay_out(html, base, allowed, stylesheets)
        _send(stdout, ("pages", pages))
        _send(stdout, ("pdf", render.write_pdf(document, html)))
    except Exception as exc:  # sent to the build, which raises it
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        _send(stdout, ("error", exc))


if __name__ == "__main__":
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the pipe
    try:
        serve(sys.stdin.buffer, out)
    except BrokenPipeError:  # the build ended first
        pass
