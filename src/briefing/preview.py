"""Preview: serve one week's briefing on 127.0.0.1 and rebuild it as the editor works.

A watcher polls the templates (and overrides), the week's editorial file, the
seeds and briefing.toml. A template or stylesheet change re-renders only the
HTML from the briefing already in memory (a fraction of a second); a change
to the seeds, the editorial file or the settings re-reads and regroups the
week and redraws the charts first. The browser holds an EventSource open on
``/events`` and reloads when a new build is ready. The PDF and DOCX of the
build on screen are made when first asked for (``/briefing-<week>.pdf``) and
kept until the next rebuild, so editing stays fast.

A broken template, editorial file or seed shows its one-line error in the
page; the server keeps running and recovers with the next good save.
The preview's bar and script are added to the served page only: the built
files never contain them.
"""

from __future__ import annotations

import html
import json
import tempfile
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import config as config_mod
from . import dates
from .config import Config
from .errors import BriefingError
from .models import Briefing

POLL_SECONDS = 0.2
HOST = "127.0.0.1"

_BAR = """<div id="preview-bar" role="region" aria-label="Preview" style="position:fixed;bottom:0;left:0;right:0;
padding:.4rem 1rem;background:#1f2a37;color:#fff;font:13px/1.4 'DejaVu Sans',Arial,sans-serif;z-index:9">
Preview of {week} &middot; build {generation} {status} &middot;
<a style="color:#fff" href="/briefing-{week}.pdf">PDF</a> &middot;
<a style="color:#fff" href="/briefing-{week}.docx">DOCX</a></div>
<script>
(function () {{
  var shown = {generation};
  var source = new EventSource("/events");
  source.onmessage = function (event) {{ if (Number(event.data) !== shown) {{ location.reload(); }} }};
}})();
</script>
"""

_ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: build failed</title></head>
<body style="font:15px/1.5 'DejaVu Sans',Arial,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
<h1 style="color:#b5472b">The briefing could not be built</h1>
<pre style="white-space:pre-wrap;background:#f6f4f1;padding:1rem;border-left:4px solid #b5472b">{message}</pre>
<p>Fix it and save: this page reloads by itself.</p>
</body></html>
"""


@dataclass
class Build:
    """What the preview shows: the page of one build, or its error."""

    generation: int
    html: str  # the page as built (without the preview bar); "" when the build failed
    error: str  # the one-line error, "" when the build worked
    seconds: float
    briefing: Briefing | None


class Preview:
    """The state of one week's preview: the latest build, and the files it was built from."""

    def __init__(self, config: Config, week: str, log=print, config_path: Path | None = None) -> None:
        self.config = config
        self.config_path = config_path or config.root / config_mod.CONFIG_NAME
        self.week = dates.parse_week(week)[0]
        self.log = log
        self.briefing: Briefing | None = None
        self.current = Build(0, "", "", 0.0, None)
        self.changed = threading.Condition()
        self.render_lock = threading.Lock()
        self.files_cache: dict[tuple[int, str], bytes] = {}
        self.stamps = self._stamps()
        self.stopping = threading.Event()

    # --- watching ---------------------------------------------------------------

    def _watched(self) -> dict[str, list[Path]]:
        """The files a build reads, by kind: templates re-render, data rebuilds."""
        def files(folder: Path) -> list[Path]:
            return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []

        cfg = self.config
        return {
            "template": files(cfg.templates_dir) + files(cfg.overrides_dir),
            "data": files(cfg.seeds_dir) + files(cfg.editorial_dir) + [self.config_path],
        }

    def _stamps(self) -> dict[Path, tuple[str, int, int]]:
        stamps = {}
        for kind, paths in self._watched().items():
            for path in paths:
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamps[path] = (kind, st.st_mtime_ns, st.st_size)
        return stamps

    def poll(self) -> str | None:
        """Which kind of input changed since the last poll ("template", "data"), if any."""
        stamps = self._stamps()
        changed = {stamps.get(p, self.stamps.get(p))[0] for p in set(stamps) ^ set(self.stamps)}
        changed |= {stamps[p][0] for p in set(stamps) & set(self.stamps) if stamps[p] != self.stamps[p]}
        self.stamps = stamps
        if not changed:
            return None
        return "data" if "data" in changed else "template"

    def watch(self) -> None:
        """Rebuild whenever an input changes, until ``stop()``."""
        while not self.stopping.wait(POLL_SECONDS):
            kind = self.poll()
            if kind:
                self.rebuild(reread=kind == "data")
                threading.Thread(target=self.print_ahead, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()

    # --- building ---------------------------------------------------------------

    def rebuild(self, reread: bool = True) -> Build:
        """Make a new build: re-read the week when ``reread`` (or nothing is in memory), then render HTML."""
        from . import build, corpus, documents

        started = time.perf_counter()
        page, error, briefing = "", "", self.briefing
        try:
            if reread or briefing is None:
                cfg, _ = config_mod.load(self.config.root, self.config_path)
                self.config = cfg
                week, start, end = dates.parse_week(self.week)
                articles, available, _ = corpus.read_week(cfg, week)
                if week not in available:
                    raise BriefingError(f"week {week}: no article in {cfg.seeds_dir} belongs to it; "
                                        f"add one or preview another week")
                briefing, _, _ = build.week_briefing(cfg, week, start, end, articles)  # the preview stores nothing
                self.briefing = briefing
            page = documents.page_html(self.config, briefing)
        except BriefingError as exc:
            error = str(exc)
        except Exception as exc:  # the preview must survive anything an edit can cause
            error = f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        with self.changed:
            self.current = Build(self.current.generation + 1, page, error, seconds,
                                 briefing if not error else None)
            self.files_cache.clear()
            self.changed.notify_all()
        what = f"failed: {error}" if error else f"{'rebuilt' if reread else 're-rendered'} in {seconds:.2f} s"
        self.log(f"preview {self.week}: build {self.current.generation} {what}")
        return self.current

    def page(self) -> str:
        """The page to serve: the build's HTML (or its error) with the preview bar and reload script."""
        current = self.current
        status = "failed" if current.error else f"built in {current.seconds:.2f} s"
        bar = _BAR.format(week=self.week, generation=current.generation, status=status)
        body = current.html if not current.error else _ERROR_PAGE.format(message=html.escape(current.error))
        at = body.rfind("</body>")
        return body[:at] + bar + body[at:] if at >= 0 else body + bar

    def document(self, kind: str) -> bytes:
        """The PDF or DOCX of the build on screen, made on first request (the PDF is printed ahead,
        right after each build, by ``print_ahead``)."""
        from . import documents, word

        current = self.current
        if current.error or current.briefing is None:
            raise BriefingError(f"build {current.generation} failed, so it has no {kind.upper()}: {current.error}")
        with self.render_lock:
            key = (current.generation, kind)
            if key not in self.files_cache:
                printed = self.files_cache.get((current.generation, "printed"))
                if printed is None:
                    with tempfile.TemporaryDirectory(prefix="briefing-print-") as folder:
                        printed = documents.print_pdf(self.config, current.html, current.briefing.charts, Path(folder))
                if kind == "pdf":
                    data = printed.pdf
                else:  # the contents' page numbers are the PDF's
                    data = word.render_docx(current.briefing, self.config.templates_dir, self.config.language,
                                            printed.pages)
                if self.current.generation == current.generation:
                    self.files_cache[key] = data
                    self.files_cache[(current.generation, "printed")] = printed
                return data
            return self.files_cache[key]

    def print_ahead(self) -> None:
        """Print the PDF of the build on screen now, so that its link is ready when it is clicked."""
        try:
            self.document("pdf")
        except Exception:  # the page shows the build's error; the link says it again when clicked
            pass

    def wait_for_change(self, generation: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.current.generation != generation or self.stopping.is_set(),
                                  timeout)
            return self.current.generation


_TYPES = {"pdf": "application/pdf",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def handler_for(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # requests are not worth a line each
            pass

        def send(self, status: HTTPStatus, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html", f"/briefing-{preview.week}.html"):
                self.send(HTTPStatus.OK, preview.page().encode("utf-8"), "text/html; charset=utf-8")
            elif path == "/status":
                current = preview.current
                body = json.dumps({"generation": current.generation, "error": current.error,
                                   "seconds": current.seconds})
                self.send(HTTPStatus.OK, body.encode("utf-8"), "application/json")
            elif path == "/events":
                self.events()
            elif path in (f"/briefing-{preview.week}.pdf", f"/briefing-{preview.week}.docx"):
                kind = path.rsplit(".", 1)[1]
                try:
                    data = preview.document(kind)
                except BriefingError as exc:
                    self.send(HTTPStatus.CONFLICT, str(exc).encode("utf-8"), "text/plain; charset=utf-8")
                    return
                self.send(HTTPStatus.OK, data, _TYPES[kind],
                          {"Content-Disposition": f'inline; filename="briefing-{preview.week}.{kind}"'})
            elif path == "/favicon.ico":
                self.send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            else:
                self.send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")

        def events(self) -> None:
            """Server-sent events: the build number now, then each new one."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            generation = preview.current.generation
            try:
                self.wfile.write(f"data: {generation}\n\n".encode())
                self.wfile.flush()
                while not preview.stopping.is_set():
                    now = preview.wait_for_change(generation, 15)
                    message = f"data: {now}\n\n" if now != generation else ": still here\n\n"
                    generation = now
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

    return Handler


def serve(preview: Preview, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``preview`` bound to 127.0.0.1 (port 0: any free port); not yet serving."""
    server = ThreadingHTTPServer((HOST, port), handler_for(preview))
    server.daemon_threads = True
    return server


def run(config: Config, week: str, port: int, config_path: Path | None = None) -> None:
    """Build, serve and watch until interrupted."""
    preview = Preview(config, week, config_path=config_path)
    preview.rebuild()
    server = serve(preview, port)
    watcher = threading.Thread(target=preview.watch, name="preview-watch", daemon=True)
    watcher.start()
    print(f"preview of {preview.week} at http://{HOST}:{server.server_address[1]}/ "
          f"(rebuilds on save; Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(f"preview of {preview.week} stopped", flush=True)
    finally:
        preview.stop()
        server.server_close()
