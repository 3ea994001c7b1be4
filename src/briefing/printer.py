"""The PDF stage in a process of its own, so that it overlaps the rest of the build.

``build()`` starts the printer first thing: a worker process (``python -m
briefing.printer``, see ``workers``) that imports WeasyPrint, the slowest
import of the build, while the main process parses and groups. It then takes
the page and lays it out while the main process draws the charts (their
pictures are read when the PDF is written: see ``documents``) and writes the
DOCX, sends back the page of each element id (the DOCX contents
show them) and writes the PDF while the main process saves the DOCX. The
worker runs the same code as the one-process build (``printing.lay_out`` and
``printing.write_pdf``), so the bytes are the same.

When the worker cannot be started or dies, the PDF is printed in the main
process instead; a template or font error in the worker is raised in the
main process as if it had happened there.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, BinaryIO

from . import printing, workers


class Printer(workers.Client):
    """Prints one HTML page to PDF: ``submit()`` hands the page over, ``pages()`` gives the page of
    each element id once the layout is done, ``pdf()`` the PDF bytes. A page submitted ``late``
    is laid out at once but written only after ``go()``: its pictures are still being drawn. In a
    worker process when one was started (``Printer.start()``), else here."""

    module = "briefing.printer"

    def __init__(self, worker: subprocess.Popen | None = None):
        super().__init__(worker)
        self.job: tuple | None = None
        self.late = False
        self.document: Any = None

    def submit(self, html: str, base: Path, allowed: tuple[Path, ...], stylesheets: tuple[str, ...],
               pictures: tuple[tuple[str, Path], ...] = (), late: bool = False) -> None:
        """Hand the page over: the worker lays it out while this process goes on."""
        self.job, self.late = (html, base, allowed, stylesheets, pictures), late
        self.send((self.job, late))

    def go(self) -> None:
        """The pictures of a page submitted ``late`` are in place: the PDF may be written."""
        if self.job is not None and self.late:
            self.send("go")

    def pages(self) -> dict[str, int]:
        """The page (from 1) each element id of the submitted page starts on."""
        if self.job is None:
            raise RuntimeError("Printer.pages() before Printer.submit()")
        pages = self.receive()
        if pages is workers.GONE_AWAY:  # the worker is gone: print here (the pictures are in place)
            self.document, pages = printing.lay_out(*self.job)
        return pages

    def pdf(self) -> bytes:
        """The PDF bytes of the submitted page (after ``pages()``)."""
        if self.job is None:
            raise RuntimeError("Printer.pdf() before Printer.submit()")
        pdf = self.receive()
        if pdf is workers.GONE_AWAY:
            if self.document is None:
                self.document, _ = printing.lay_out(*self.job)
            pdf = printing.write_pdf(self.document, self.job[0])
        return pdf


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The worker: import WeasyPrint at once, then print the one page it is sent. A page sent
    ``late`` is written after the build says its pictures are drawn, and laid out again first if
    this WeasyPrint read the pictures' pixels during the layout (``printing.reads_late``)."""
    import weasyprint  # noqa: F401  the slow import, made while the build parses and draws

    try:
        job, late = workers.receive(stdin)
    except EOFError:  # the build needed no PDF (an error, or a PDF reused)
        return
    try:
        images: dict = {}
        document, pages = printing.lay_out(*job, images=images)
        workers.send(stdout, ("pages", pages))
        if late:
            try:
                workers.receive(stdin)  # the pictures are drawn
            except EOFError:  # the build stopped (a chart could not be drawn)
                return
            if not printing.reads_late(images, job[4]):
                document, _ = printing.lay_out(*job)
        workers.send(stdout, ("pdf", printing.write_pdf(document, job[0])))
    except Exception as exc:  # sent to the build, which raises it
        workers.send(stdout, workers.error(exc))


if __name__ == "__main__":
    workers.main(serve)
