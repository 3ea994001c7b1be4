"""The PDF laid out while the charts are drawn: a chart's picture is a blank of its planned size during
the layout, and the PDF holds the drawn picture; the planned size is the PNG's; a template that does
not print the chart's SVG as it is gets the charts drawn first; the bytes stay those of one process."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader

from briefing import drawing, printer, printing
from briefing.build import build
from briefing.printer import Printer

from .conftest import EPOCH, copy_project, load_config
from .weekgen import WEEK, write_week

PAGE = ("<html lang='en'><body><h1 id='top'>Weekly</h1><p>text</p>"
        "<img class='chart-picture' src='picture:chart-x.png' alt='a chart'></body></html>")
SIZE = (600, 300)


def _png(drawn: bool) -> bytes:
    image = Image.new("RGB", SIZE, "white")
    if drawn:
        ImageDraw.Draw(image).rectangle((50, 40, 400, 260), fill="#b5472b")
    out = io.BytesIO()
    image.save(out, format="png")
    return out.getvalue()


def _pictures_in(pdf: bytes) -> list[Image.Image]:
    return [picture.image.convert("RGB") for page in PdfReader(io.BytesIO(pdf)).pages for picture in page.images]


def _same(a: Image.Image, b: bytes) -> bool:
    return ImageChops.difference(a, Image.open(io.BytesIO(b)).convert("RGB")).getbbox() is None


def _folder(tmp_path: Path) -> tuple[Path, tuple[tuple[str, Path], ...]]:
    folder = tmp_path / "print"
    folder.mkdir()
    (folder / "chart-x.png").write_bytes(_png(drawn=False))
    return folder, (("picture:chart-x.png", folder / "chart-x.png"),)


def test_a_page_laid_out_before_its_picture_is_drawn_prints_the_drawn_picture(tmp_path):
    folder, pictures = _folder(tmp_path)
    with Printer.start() as worker:
        assert worker.worker is not None
        worker.submit(PAGE, folder, (), (), pictures, late=True)
        assert worker.pages()["top"] == 1  # laid out with the blank
        (folder / "chart-x.png").write_bytes(_png(drawn=True))
        worker.go()
        pdf = worker.pdf()
    [picture] = _pictures_in(pdf)
    assert _same(picture, _png(drawn=True)) and not _same(picture, _png(drawn=False))


def test_this_weasyprint_reads_a_local_picture_when_it_writes(tmp_path):
    folder, pictures = _folder(tmp_path)
    images: dict = {}
    document, _ = printing.lay_out(PAGE, folder, (), (), pictures, images=images)
    assert printing.reads_late(images, pictures)  # so the build lays out once
    assert not printing.reads_late({}, pictures)
    (folder / "chart-x.png").write_bytes(_png(drawn=True))
    [picture] = _pictures_in(printing.write_pdf(document, PAGE))
    assert _same(picture, _png(drawn=True))


def test_a_weasyprint_that_read_the_blank_lays_the_page_out_again(tmp_path, monkeypatch):
    """The worker's own loop, given the job and the go: when the pixels were read during the layout,
    the page is laid out again once the pictures are drawn."""
    from briefing import workers

    folder, pictures = _folder(tmp_path)
    layouts = []
    lay_out = printing.lay_out
    monkeypatch.setattr(printing, "lay_out", lambda *a, **k: layouts.append(1) or lay_out(*a, **k))

    def drawn_meanwhile(images, given):
        (folder / "chart-x.png").write_bytes(_png(drawn=True))
        return False
    monkeypatch.setattr(printing, "reads_late", drawn_meanwhile)
    stdin, stdout = io.BytesIO(), io.BytesIO()
    workers.send(stdin, ((PAGE, folder, (), (), pictures), True))
    workers.send(stdin, "go")
    stdin.seek(0)
    printer.serve(stdin, stdout)
    stdout.seek(0)
    assert workers.answer(workers.receive(stdout))["top"] == 1
    pdf = workers.answer(workers.receive(stdout))
    assert len(layouts) == 2
    assert _same(_pictures_in(pdf)[0], _png(drawn=True))


def test_every_chart_is_the_size_its_plan_gave_the_layout(tmp_path):
    root = copy_project(tmp_path / "p")
    write_week(root / "seeds" / WEEK, 30)
    from briefing import corpus, dates
    from briefing.build import week_facts

    cfg = load_config(root)
    week, start, end = dates.parse_week(WEEK)
    articles, _, _ = corpus.read_week(cfg, week, False)
    briefing, _ = week_facts(cfg, week, start, end, articles)
    plans, _ = drawing.plan_all(briefing)
    drawn = drawing.paint_all(plans, None, {})
    assert {p.key for p in plans} >= {"sections", "timeline", "companies", "prices"}
    for plan, chart in zip(plans, drawn):
        assert Image.open(io.BytesIO(chart.png)).size == plan.pixels(), plan.key
        assert (chart.title, chart.alt, chart.source) == (plan.title, plan.alt, plan.source)


def test_a_template_that_prints_the_svg_otherwise_gets_the_charts_drawn_first(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    built = {}
    for name, process in (("two", "true"), ("one", "false")):
        root = copy_project(tmp_path / name)
        toml = root / "briefing.toml"
        toml.write_text(toml.read_text("utf-8").replace("pdf_process = true", f"pdf_process = {process}"), "utf-8")
        macros = root / "templates" / "macros.html"
        text = macros.read_text("utf-8")
        assert "{{ c.svg | safe }}" in text
        macros.write_text(text.replace("{{ c.svg | safe }}", '{% if "<svg" in c.svg %}{{ c.svg | safe }}{% endif %}'),
                          "utf-8")
        built[name] = build(load_config(root), WEEK)
    two, one = built["two"].out_dir, built["one"].out_dir
    html = (two / f"briefing-{WEEK}.html").read_text("utf-8")
    assert "briefing chart" not in html and html.count('<svg role="img"') == len(list(two.glob("chart-*.svg")))
    pdf = (two / f"briefing-{WEEK}.pdf").read_bytes()
    assert pdf == (one / f"briefing-{WEEK}.pdf").read_bytes()
    pictures = list({p.tobytes(): p for p in _pictures_in(pdf)}.values())  # pages share the pictures
    assert len(pictures) == len(list(two.glob("chart-*.png"))) >= 3
    for png in two.glob("chart-*.png"):
        assert any(_same(p, png.read_bytes()) for p in pictures), png.name
