"""output/index.html: every week built, with links to its three formats."""

from __future__ import annotations

import lxml.html

from briefing import archive
from look_support import WEEK, built, config, project


def test_the_archive_lists_every_week_with_its_three_formats(tmp_path):
    b = built()
    index = b.root / "output" / "index.html"
    page = lxml.html.fromstring(index.read_bytes())
    links = page.xpath(f"//li[@id='week-{WEEK}']//a/@href")
    assert links == [f"{WEEK}/briefing-{WEEK}.{ext}" for ext in ("html", "pdf", "docx")]
    assert all((index.parent / link).is_file() for link in links)
    assert page.get("lang") == "en" and page.xpath("//h1")


def test_weeks_built_earlier_stay_listed_newest_first_and_the_write_is_atomic(tmp_path):
    root = project(tmp_path, extra=False)
    cfg = config(root)
    for week, formats in (("2024-09", ("html", "pdf", "docx")), ("2025-46", ("pdf",)), ("2025-47", ())):
        folder = cfg.output_dir / week
        folder.mkdir()
        for ext in formats:
            (folder / f"briefing-{week}.{ext}").write_bytes(b"x")
    (cfg.output_dir / "2024-09" / "items.json").write_text('{"title": "Weekly Hot: March"}', encoding="utf-8")
    (cfg.output_dir / "notes").mkdir()  # not a week
    archive.write_index(cfg)
    page = lxml.html.fromstring((cfg.output_dir / "index.html").read_bytes())
    assert page.xpath("//li/@id") == ["week-2025-46", "week-2024-09"]  # a folder without any format is left out
    assert page.xpath("//li[@id='week-2025-46']//a/text()") == ["PDF"]
    assert "Weekly Hot: March" in page.xpath("//li[@id='week-2024-09']")[0].text_content()
    assert sorted(p.name for p in cfg.output_dir.iterdir() if p.is_file()) == ["index.html"]  # no temporary left
