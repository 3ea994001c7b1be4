"""Template overrides, the sandbox, escaping, check-templates, docs/templates.md and the PDF's URL fetcher."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import lxml.html
import pytest

from briefing import cli, printing, render, templatedocs
from briefing.errors import TemplateError
from look_support import IMG_TEXT, REPO, SCRIPT_HEADLINE, built, config, grouped, pdf_text, project


def _override(root: Path, name: str, text: str) -> Path:
    path = root / "templates" / "overrides" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _html(root: Path) -> str:
    cfg = config(root)
    return render.render_html(grouped(root), cfg.templates_dir, cfg.language, cfg.overrides_dir)


def test_an_override_replaces_one_block_and_keeps_the_rest(tmp_path):
    root = project(tmp_path)
    _override(root, "briefing.html",
              '{% extends "base/briefing.html" %}\n'
              '{% block sources %}<section id="sources"><h2>Where this came from</h2></section>{% endblock %}\n')
    page = lxml.html.fromstring(_html(root))
    assert page.xpath("//section[@id='sources']/h2/text()") == ["Where this came from"]
    assert page.xpath("//section[@id='highlights']/h2/text()") == ["Highlights"]  # other blocks untouched
    assert len(page.xpath("//article[contains(@class, 'item')]")) == 12


def test_an_override_can_call_super_and_extend_the_stylesheet(tmp_path):
    root = project(tmp_path)
    _override(root, "briefing.html",
              '{% extends "base/briefing.html" %}\n{% block statement %}{{ super() }}<p id="extra">Forward it.</p>{% endblock %}\n')
    _override(root, "briefing.css", '{% include "base/briefing.css" %}\n.extra-rule { color: #000; }\n')
    html = _html(root)
    page = lxml.html.fromstring(html)
    assert page.xpath("//footer[@id='statement']/h2/text()") == ["Data source statement"]
    assert page.xpath("//p[@id='extra']/text()") == ["Forward it."]
    assert ".extra-rule" in html and "--accent: #b5472b" in html


def test_templates_run_in_the_sandbox(tmp_path):
    root = project(tmp_path)
    path = _override(root, "briefing.html",
                     '{% extends "base/briefing.html" %}\n'
                     '{% block toc %}{{ briefing.__class__.__init__.__globals__ }}{% endblock %}\n')
    with pytest.raises(TemplateError) as caught:
        _html(root)
    assert str(path) in str(caught.value) and "unsafe" in str(caught.value)


def test_item_text_is_text_in_html_pdf_and_docx():
    from docx import Document

    b = built()
    html = b.html.read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert page.xpath("//script") == [] and page.xpath("//img") == [] and page.xpath("//article//b") == []
    headlines = [h.text_content() for h in page.xpath("//article/h4")]
    assert any(SCRIPT_HEADLINE in h for h in headlines)
    assert IMG_TEXT in page.text_content()
    text = " ".join(pdf_text(b.pdf))
    assert "<script>alert(1)</script>" in text and 'src="file:///etc/passwd"' in text
    docx = "\n".join(p.text for p in Document(str(b.docx)).paragraphs)
    assert SCRIPT_HEADLINE in docx and IMG_TEXT in docx


def _tiny_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#b5472b").save(out, format="PNG")
    return out.getvalue()


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("markup, named", [
    ('<img src="file:///etc/passwd" alt="x">', "/etc/passwd"),
    ('<link rel="stylesheet" href="http://127.0.0.1:{port}/evil.css">', "http://127.0.0.1:{port}/evil.css"),
    ('<img src="../../outside.png" alt="x">', "outside.png"),
])
def test_the_pdf_reads_nothing_from_the_network_or_elsewhere_on_disk(tmp_path, markup, named):
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    (tmp_path / "outside.png").write_bytes(_tiny_png())
    base = tmp_path / "a" / "templates"
    base.mkdir(parents=True)
    try:
        with pytest.raises(TemplateError) as caught:
            printing.render_pdf(f"<html lang='en'><head>{markup.format(port=port)}</head><body><p>x</p></body></html>", base)
    finally:
        server.shutdown()
    assert named.format(port=port) in str(caught.value)
    assert _CountingHandler.hits == []


def test_the_pdf_reads_images_from_the_templates_and_output_folders(tmp_path):
    import pypdf

    templates, output = tmp_path / "templates", tmp_path / "output"
    templates.mkdir()
    output.mkdir()
    png = _tiny_png()
    (templates / "logo.png").write_bytes(png)
    (output / "chart.png").write_bytes(png)
    html = (f'<html lang="en"><body><img src="logo.png" alt="logo"><img src="{(output / "chart.png").as_uri()}" alt="chart">'
            "</body></html>")
    pdf = printing.render_pdf(html, templates, (output,))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    images = [name for page in reader.pages for name in page.images]
    assert len(images) == 2


def test_check_templates_lists_unprovided_variables_with_file_and_line(tmp_path, capsys):
    root = project(tmp_path, extra=False)
    path = _override(root, "briefing.html",
                     '{% extends "base/briefing.html" %}\n'
                     '{% block toc %}\n'
                     '<p>{{ briefing.titel }}</p>\n'
                     '{% for section in briefing.sections %}{% for item in section.items %}'
                     '{{ item.headline }}{{ item.summary }}{% endfor %}{% endfor %}\n'
                     '{{ subscriber_name }}\n'
                     '{% endblock %}\n')
    code = cli.main(["--config", str(root / "briefing.toml"), "check-templates"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.strip().splitlines()
    assert lines == [
        f"{path.relative_to(root)}:3: briefing.titel: Briefing has no attribute 'titel' (it has: " + lines[0].split("(it has: ")[1],
        f"{path.relative_to(root)}:4: item.summary: Item has no attribute 'summary' (it has: " + lines[1].split("(it has: ")[1],
        f"{path.relative_to(root)}:5: subscriber_name: not a variable the briefing provides (see docs/templates.md)",
    ]
    assert "headline" in lines[1]  # the attributes it does have are named
    assert err.startswith("briefing: error: 3 uses of variables") and err.count("\n") == 1


def test_check_templates_passes_on_the_shipped_templates(capsys):
    assert cli.main(["--config", str(REPO / "briefing.toml"), "check-templates"]) == 0
    assert "every variable they use is provided" in capsys.readouterr().out


def test_the_variables_declared_are_the_variables_given():
    from briefing import archive

    briefing = grouped(project(extra=False))
    assert set(render.context(briefing, "en")) == set(render.CONTEXT)
    assert set(archive.variables(config(REPO))) == set(archive.CONTEXT)


def test_docs_templates_md_is_current():
    expected = templatedocs.document(config(REPO))
    current = (REPO / templatedocs.DOC_PATH).read_text(encoding="utf-8")
    assert current == expected, "docs/templates.md is out of date: run 'make template-docs'"
    for name in ("briefing", "charts", "Item", "`id`", "`editor_note`", "`title_block`"):
        assert name in current


def test_a_symlink_out_of_the_templates_folder_is_refused(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "passwd.css").symlink_to("/etc/passwd")
    with pytest.raises(TemplateError, match=r"passwd.css \(which is /etc/passwd\): outside the folders"):
        printing.render_pdf("<html lang='en'><head><link rel='stylesheet' href='passwd.css'></head>"
                          "<body><p>x</p></body></html>", templates)


def test_check_templates_reports_a_syntax_error_with_its_line(tmp_path, capsys):
    root = project(tmp_path, extra=False)
    _override(root, "briefing.html", '{% extends "base/briefing.html" %}\n{% block toc %}\n{% if %}\n{% endblock %}\n')
    assert cli.main(["--config", str(root / "briefing.toml"), "check-templates"]) == 1
    assert capsys.readouterr().out.startswith("templates/overrides/briefing.html:3: syntax: ")
