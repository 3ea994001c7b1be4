"""make preview: served on 127.0.0.1, rebuilt on every save, reloaded by the browser, errors in the page."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
import zipfile

import pytest

from briefing import preview as preview_mod
from browser import Browser
from look_support import WEEK, config, project

OVERRIDE = '{% extends "base/briefing.html" %}\n{% block editor_note %}<p id="marker">MARK</p>{% endblock %}\n'


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = project(tmp_path_factory.mktemp("preview"), extra=False)
    lines: list[str] = []
    preview = preview_mod.Preview(config(root), WEEK, log=lines.append)
    preview.rebuild()
    server = preview_mod.serve(preview, 0)
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=preview.watch, daemon=True)]
    for thread in threads:
        thread.start()
    yield root, preview, f"http://127.0.0.1:{server.server_address[1]}", lines
    preview.stop()
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def _status(base: str) -> dict:
    return json.loads(_get(f"{base}/status")[2])


def _after(base: str, generation: int, timeout: float = 20) -> dict:
    """Wait for the build after ``generation``."""
    deadline = time.monotonic() + timeout
    while (status := _status(base))["generation"] <= generation:
        assert time.monotonic() < deadline, "the preview did not rebuild"
        time.sleep(0.05)
    return status


def _write(root, text: str | None) -> None:
    path = root / "templates" / "overrides" / "briefing.html"
    path.parent.mkdir(exist_ok=True)
    if text is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(text, encoding="utf-8")


def test_serves_the_page_with_reload_script_and_links_on_loopback(live):
    root, preview, base, _ = live
    assert base.startswith("http://127.0.0.1:")
    status, kind, body = _get(f"{base}/")
    page = body.decode("utf-8")
    assert status == 200 and kind.startswith("text/html")
    assert 'new EventSource("/events")' in page and 'id="preview-bar"' in page
    assert f'href="/briefing-{WEEK}.pdf"' in page and f'href="/briefing-{WEEK}.docx"' in page
    assert page.replace(page[page.index('<div id="preview-bar"'):page.rindex("</body>")], "") == preview.current.html
    assert "preview-bar" not in preview.current.html and "EventSource" not in preview.current.html


def test_the_pdf_and_docx_links_give_the_build_on_screen(live):
    _, preview, base, _ = live
    status, kind, pdf = _get(f"{base}/briefing-{WEEK}.pdf")
    assert status == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF")
    status, kind, docx = _get(f"{base}/briefing-{WEEK}.docx")
    assert status == 200 and "wordprocessingml" in kind
    core = zipfile.ZipFile(io.BytesIO(docx)).read("docProps/core.xml").decode("utf-8")
    assert preview.current.briefing.title.replace("'", "&apos;").split(":")[0] in core
    assert _get(f"{base}/briefing-{WEEK}.pdf")[2] == pdf  # made once per build


def test_a_template_edit_rerenders_only_the_html_and_tells_the_browser(live):
    root, preview, base, lines = live
    before = _status(base)["generation"]
    briefing = preview.briefing
    events = urllib.request.urlopen(f"{base}/events", timeout=30)
    assert events.readline().decode().strip() == f"data: {before}"
    events.readline()
    _write(root, OVERRIDE)
    status = _after(base, before)
    assert status["error"] == ""
    assert b'<p id="marker">MARK</p>' in _get(f"{base}/")[2]
    assert preview.briefing is briefing  # the week was not read again for a template edit
    assert events.readline().decode().strip() == f"data: {status['generation']}"
    events.close()
    assert any("re-rendered in" in line for line in lines)
    _write(root, None)
    _after(base, status["generation"])


def test_a_broken_template_shows_its_error_and_the_server_recovers(live):
    root, preview, base, _ = live
    before = _status(base)["generation"]
    _write(root, '{% extends "base/briefing.html" %}\n{% block toc %}{{ briefing.nope }}{% endblock %}\n')
    status = _after(base, before)
    assert "overrides/briefing.html:2" in status["error"] and "nope" in status["error"]
    code, _, body = _get(f"{base}/")
    assert code == 200 and b"The briefing could not be built" in body and b"overrides/briefing.html:2" in body
    assert b"EventSource" in body  # it will reload when fixed
    code, _, body = _get(f"{base}/briefing-{WEEK}.pdf")
    assert code == 409 and b"nope" in body
    _write(root, OVERRIDE)
    status = _after(base, status["generation"])
    assert status["error"] == "" and b"MARK" in _get(f"{base}/")[2]
    _write(root, None)
    _after(base, status["generation"])


def test_an_editorial_edit_rebuilds_the_week(live):
    root, preview, base, _ = live
    before = _status(base)["generation"]
    (root / "editorial").mkdir(exist_ok=True)
    (root / "editorial" / f"{WEEK}.toml").write_text('title = "Edited in the preview"\n', encoding="utf-8")
    _after(base, before)
    assert b"<h1 class=\"doc-title\">Edited in the preview</h1>" in _get(f"{base}/")[2]
    (root / "editorial" / f"{WEEK}.toml").write_text('hide = ["deadbeef"]\n', encoding="utf-8")
    status = _after(base, _status(base)["generation"])
    assert "no item 'deadbeef'" in status["error"]
    (root / "editorial" / f"{WEEK}.toml").unlink()
    assert _after(base, status["generation"])["error"] == ""


def test_the_browser_reloads_by_itself(live):
    root, _, base, _ = live
    browser = Browser()
    try:
        browser.open(f"{base}/")
        browser.wait_for("return document.getElementById('preview-bar') !== null")
        browser.run("window.sameDocument = true; return 1")
        _write(root, OVERRIDE)
        browser.wait_for("return document.getElementById('marker') !== null")
        assert browser.run("return window.sameDocument === undefined")  # a new page, not a script edit
        errors = [e for e in browser.logs("browser") if e["level"] == "SEVERE"]
    finally:
        browser.close()
        _write(root, None)
    assert errors == []
