"""Editorial notes for a week: title, highlights, note, pin, hide, order, move; and their errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from briefing import cli, editorial
from briefing.errors import EditorialError
from look_support import (EDITED_HIGHLIGHT, EDITED_TITLE, EDITOR_NOTE, WEEK, built, config, grouped, pdf_text,
                          project)


def _apply(root, text: str):
    (root / "editorial").mkdir(exist_ok=True)
    (root / "editorial" / f"{WEEK}.toml").write_text(text, encoding="utf-8")
    cfg = config(root)
    return editorial.apply(grouped(root), editorial.load(cfg, WEEK), cfg)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return project(tmp_path_factory.mktemp("editorial"))


@pytest.fixture(scope="module")
def before(root):
    return grouped(root)


def test_no_file_changes_nothing(root, before):
    assert editorial.load(config(root), "2025-46") is None
    assert editorial.apply(before, None, config(root)) is before


def test_title_highlights_and_note(root):
    after = _apply(root, f'title = "{EDITED_TITLE}"\nhighlights = ["One.", "Two."]\nnote = """{EDITOR_NOTE}"""\n')
    assert after.title == EDITED_TITLE
    assert after.highlights == ("One.", "Two.")
    assert after.editor_note == EDITOR_NOTE


def test_pin_hide_order_and_move(root, before):
    sections = {s.key: s.items for s in before.sections}
    products, equipment = sections["products"], sections["equipment"]
    pinned, hidden, moved = products[-1], equipment[0], sections["overseas"][0]
    wanted = [equipment[2].id, equipment[1].id]
    after = _apply(root, f'pin = ["{pinned.id}"]\nhide = ["{hidden.id}"]\n'
                         f'[move]\n"{moved.id}" = "materials"\n'
                         f'[order]\nequipment = {json.dumps(wanted)}\n')
    now = {s.key: s.items for s in after.sections}
    assert now["products"][0] == pinned and after.pinned == (pinned.id,)
    assert [i.id for i in now["products"][1:]] == [i.id for i in products[:-1]]
    assert hidden not in after.items and len(after.items) == len(before.items) - 1
    assert [i.id for i in now["equipment"]] == wanted  # the hidden one is gone, the rest in the order given
    assert moved in now["materials"] and "overseas" not in now  # an emptied section is dropped
    assert [s.key for s in after.sections] == [k for k in ("projects", "cooperation", "products", "equipment",
                                                          "materials", "standards")]


def test_move_into_a_section_emptied_by_hide(root, before):
    overseas = next(s for s in before.sections if s.key == "overseas").items
    item = before.sections[0].items[0]
    after = _apply(root, f'hide = {json.dumps([i.id for i in overseas])}\n[move]\n"{item.id}" = "overseas"\n')
    assert next(s for s in after.sections if s.key == "overseas").items == (item,)


def test_an_unknown_item_is_a_one_line_error_naming_it(root):
    with pytest.raises(EditorialError) as caught:
        _apply(root, 'pin = ["deadbeef"]\n[move]\n"0badf00d" = "materials"\n')
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"editorial/{WEEK}.toml: pin: no item 'deadbeef' in week {WEEK}")
    assert "move.0badf00d: no item '0badf00d'" in message
    assert f"briefing items --week {WEEK}" in message


def test_unknown_sections_keys_and_contradictions_are_errors(root, before):
    item = before.items[0].id
    with pytest.raises(EditorialError) as caught:
        _apply(root, f'[move]\n"{item}" = "gossip"\n')
    assert "no section 'gossip'" in str(caught.value) and "projects" in str(caught.value)
    with pytest.raises(EditorialError, match="headline: unknown entry"):
        _apply(root, 'headline = "x"\n')
    with pytest.raises(EditorialError, match="is in both"):
        _apply(root, f'pin = ["{item}"]\nhide = ["{item}"]\n')
    with pytest.raises(EditorialError, match="pin: expected a list of strings"):
        _apply(root, f'pin = "{item}"\n')
    with pytest.raises(EditorialError, match="not valid TOML"):
        _apply(root, 'pin = [\n')


def test_a_bad_editorial_file_stops_the_build_and_writes_nothing(tmp_path, capsys):
    root = project(tmp_path, extra=False)
    (root / "editorial").mkdir()
    (root / "editorial" / f"{WEEK}.toml").write_text('hide = ["deadbeef"]\n', encoding="utf-8")
    code = cli.main(["--config", str(root / "briefing.toml"), "build", "--week", WEEK])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"briefing: error: editorial/{WEEK}.toml: hide: no item 'deadbeef'") and err.count("\n") == 1
    assert list((root / "output").iterdir()) == []


def test_items_shows_the_ids_editors_use(root, before, capsys):
    assert cli.main(["--config", str(root / "briefing.toml"), "items", "--week", WEEK, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == [i.id for i in before.items]
    assert all(len(r["id"]) == 8 for r in rows) and len({r["id"] for r in rows}) == len(rows)
    assert cli.main(["--config", str(root / "briefing.toml"), "items", "--week", WEEK]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [i.id for i in before.items]


def test_ids_are_stable_across_runs_and_grouping(root, before, tmp_path):
    again = grouped(project(tmp_path))
    assert [i.id for i in again.items] == [i.id for i in before.items]


def test_the_build_uses_the_editorial_file_in_every_format():
    from docx import Document
    import lxml.html

    b = built()
    pages = pdf_text(b.pdf)
    assert EDITED_TITLE in pages[0] and EDITOR_NOTE in pages[0]
    text = " ".join(pages)
    assert EDITED_HIGHLIGHT in text and b.hidden not in text
    page = lxml.html.fromstring(b.html.read_text(encoding="utf-8"))
    assert page.xpath("//h1/text()") == [EDITED_TITLE]
    first_products = page.xpath("//section[@id='section-products']/article")[0]
    assert first_products.get("id") == f"item-{b.pinned}" and "pinned" in first_products.get("class")
    standards = page.xpath("//section[@id='section-standards']//h4")
    assert any(b.moved in h.text_content() for h in standards)
    docx = "\n".join(p.text for p in Document(str(b.docx)).paragraphs)
    assert EDITED_TITLE in docx and EDITOR_NOTE in docx and b.hidden not in docx
    items = json.loads((b.html.parent / "items.json").read_text(encoding="utf-8"))
    assert items["title"] == EDITED_TITLE


def test_the_example_file_is_valid_for_2025_47(tmp_path):
    from look_support import REPO

    root = project(tmp_path, extra=False)
    after = _apply(root, (REPO / "editorial" / "example.toml").read_text(encoding="utf-8"))
    sections = {s.key: [i.id for i in s.items] for s in after.sections}
    assert after.title == "Weekly Hot: semi-solid-state goes first" and len(after.highlights) == 2
    assert sections["equipment"] == ["d555d72f", "39ee8558", "61a67662"]  # pinned first, then the order given
    assert "7e56370f" in sections["products"] and "overseas" not in sections
