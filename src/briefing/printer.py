"""The PDF stage in a process of its own, so that it overlaps the rest of the build.

``build()`` starts the printer first thing: a worker process (``python -m
briefing.printer``, see ``workers``) that imports WeasyPrint, the slowest
import of the build, while the main process parses, groups and draws the
charts. It then takes the finished HTML and lays it out while the main process
writes the DOCX, sends back the page of each element id (the DOCX contents
show them) and writes the PDF while the main process saves the DOCX. The
worker runs the same code as the one-process build (``render.lay_out`` and
``render.write_pdf``), so the bytes are the same.

When the worker cannot be started or dies, the PDF is printed in the main
process instead; a template or font error in the worker is raised in the
main process as if it had happened there.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
from typing import Any, BinaryIO

from . import render, workers
from .models import Chart


class Printer(workers.Client):
    """Prints one HTML page to PDF: ``submit()`` hands the page over, ``pages()`` gives the page of
    each element id once the layout is done, ``pdf()`` the PDF bytes. In a worker process when one
    was started (``Printer.start()``), else here."""

    module = "briefing.printer"

    def __init__(self, worker: subprocess.Popen | None = None):
        super().__init__(worker)
        self.job: tuple[str, Path, tuple[Path, ...], tuple[str, ...]] | None = None
        self.document: Any = None

    def submit(self, html: str, base: Path, allowed: tuple[Path, ...], stylesheets: tuple[str, ...]) -> None:
        """Hand the page over: the worker lays it out while this process goes on."""
        self.job = (html, base, allowed, stylesheets)
        self.send(self.job)

    def pages(self) -> dict[str, int]:
        """The page (from 1) each element id of the submitted page starts on."""
        if self.job is None:
            raise RuntimeError("Printer.pages() before Printer.submit()")
        pages = self.receive()
        if pages is workers.GONE_AWAY:  # the worker is gone: print here
            self.document, pages = render.lay_out(*self.job)
        return pages

    def pdf(self) -> bytes:
        """The PDF bytes of the submitted page (after ``pages()``)."""
        if self.job is None:
            raise RuntimeError("Printer.pdf() before Printer.submit()")
        pdf = self.receive()
        if pdf is workers.GONE_AWAY:
            if self.document is None:
                self.document, _ = render.lay_out(*self.job)
            pdf = render.write_pdf(self.document, self.job[0])
        return pdf


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


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The worker: import WeasyPrint at once, then print the one page it is sent."""
    import weasyprint  # noqa: F401  the slow import, made while the build parses and draws

    try:
        html, base, allowed, stylesheets = workers.receive(stdin)
    except EOFError:  # the build needed no PDF (an error, or a PDF reused)
        return
    try:
        document, pages = render.lay_out(html, base, allowed, stylesheets)
        workers.send(stdout, ("pages", pages))
        workers.send(stdout, ("pdf", render.write_pdf(document, html)))
    except Exception as exc:  # sent to the build, which raises it
        workers.send(stdout, workers.error(exc))


if __name__ == "__main__":
    workers.main(serve)
