"""``docs/parse.schema.json`` is the contract of ``briefing parse``: what the command prints validates against it.

The real command runs in-process (``cli.main``) on every fixture in tests/fixtures/formats, both seeds, pages
written here (no date at all, a week folder, a sidecar, files that are skipped), the example of
docs/parse-output.md and, when ``../shared/realworld/pages`` is there, every real page. The schema documents
every key (``additionalProperties: false`` everywhere), so a field added to the output without documenting
it, or a value of another type, fails here; the last tests show that the schema does reject such output.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from briefing import cli, models

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "docs" / "parse.schema.json"
DOC_PATH = ROOT / "docs" / "parse-output.md"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
FORMATS = ROOT / "tests" / "fixtures" / "formats"
EXAMPLE = ROOT / "tests" / "fixtures" / "parse" / "lithium_daily.txt"
REAL_PAGES = ROOT.parent / "shared" / "realworld" / "pages"
DEFS = {"Item": models.Item, "Figure": models.Figure, "Company": models.Company,
        "ResolvedDate": models.ResolvedDate, "Furniture": models.Furniture, "Provenance": models.Provenance}

UNDATED = "Copper cathode premiums widened as smelters cut output.\n\nTraders said spot demand stayed firm.\n"


class _Stdout(io.StringIO):
    """A stdout with a binary ``buffer``, which ``briefing parse`` writes its JSON to."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def run_parse(*paths: Path | str) -> dict:
    """``briefing parse PATH...`` run by the real command line, its JSON read back."""
    out, err = _Stdout(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--config", str(ROOT / "briefing.toml"), "parse", *map(str, paths)])
    assert code == 0, err.getvalue()
    return json.loads(out.buffer.getvalue().decode("utf-8"))


def problems(doc: dict) -> list[str]:
    """Every way ``doc`` breaks the schema, each with the file and the path of the key."""
    found = []
    for error in VALIDATOR.iter_errors(doc):
        where = list(error.absolute_path)
        name = doc["files"][where[1]]["file"] if where[:1] == ["files"] and len(where) > 1 else ""
        found.append(f"{name} {'/'.join(map(str, where)) or '(top)'}: {error.message[:300]}")
    return found


def assert_valid(doc: dict) -> None:
    found = problems(doc)
    assert not found, f"{len(found)} problems, e.g.:\n" + "\n".join(found[:20])


def articles(doc: dict) -> list[dict]:
    return [a for f in doc["files"] for a in f["articles"]]


# ---------------------------------------------------------------- the schema itself

def _objects(node, where="#"):
    """Every object schema in the schema, with where it is."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _objects(value, f"{where}/{n}")


def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert set(DEFS) <= set(SCHEMA["$defs"])


def test_every_object_is_closed_and_every_key_required_and_described():
    objects = list(_objects(SCHEMA))
    assert len(objects) >= 9
    for where, node in objects:
        assert node.get("additionalProperties") is False, f"{where}: additionalProperties must be false"
        assert sorted(node["required"]) == sorted(node["properties"]), f"{where}: every key is always printed"
        assert node.get("description"), f"{where}: no description"
        for key, prop in node["properties"].items():
            assert len(prop.get("description", "")) >= 15, f"{where}/{key}: no description"


@pytest.mark.parametrize("name", sorted(DEFS))
def test_each_record_documents_exactly_the_fields_of_its_dataclass(name):
    fields = {f.name for f in dataclasses.fields(DEFS[name])}
    documented = set(SCHEMA["$defs"][name]["properties"])
    assert fields - documented == set(), f"{name}: fields printed but not documented in {SCHEMA_PATH.name}"
    assert documented - fields == set(), f"{name}: documented but no longer a field of models.{name}"


# ---------------------------------------------------------------- real output validates

@functools.cache
def fixture_output() -> dict:
    files = sorted(p for p in FORMATS.iterdir() if p.is_file() and p.name != "expected.toml")  # the labels
    return run_parse(*files)


def test_every_format_fixture_validates():
    doc = fixture_output()
    assert len(doc["files"]) == len([p for p in FORMATS.iterdir() if p.name != "expected.toml"]) >= 40
    assert_valid(doc)
    got = articles(doc)
    assert len(got) > len(doc["files"])  # the feeds give one article an entry
    assert sum(len(a["items"]) for a in got) > 100
    assert {a["format"] for a in got} == {"text", "html", "markdown", "feed", "json"}


def test_the_fixtures_exercise_the_optional_parts_of_the_schema():
    """The fixtures and seeds hold a value of every kind a nullable or optional field can take, so the schema is
    tested on all of them, not only on their empty forms."""
    got = articles(fixture_output()) + articles(seed_output())
    items = [i for a in got for i in a["items"]]
    figures = [f for i in items for f in i["figures"]]
    assert any(a["dateline"] for a in got) and any(a["title_date"] for a in got) and any(a["period"] for a in got)
    assert any(a["url"] for a in got) and any(a["forecast_figures"] for a in got)
    assert any(f["low"] is not None for f in figures) and any(f["second"] is not None for f in figures)
    assert any(f["currency"] for f in figures) and any(f["comparator"] for f in figures)
    assert any(f["year"] for f in figures) and any(f["multiplier"] != 1 for f in figures)
    assert any(c["code"] for i in items for c in i["companies"])
    assert any(c["key"] for i in items for c in i["companies"])
    resolved = [d for a in got for d in (a["date"], a["dateline"], a["title_date"], a["period"]) if d]
    assert any(d["end"] for d in resolved + [d for i in items for d in i["dates"]])


@functools.cache
def seed_output() -> dict:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) == 2
    return run_parse(*seeds)


def test_both_seeds_validate():
    doc = seed_output()
    assert_valid(doc)
    assert all(f["articles"] and not f["skipped"] for f in doc["files"])


def test_a_page_with_no_date_at_all_validates(tmp_path):
    page = tmp_path / "undated.txt"
    page.write_text(UNDATED, encoding="utf-8")
    doc = run_parse(page)
    assert_valid(doc)
    [article] = articles(doc)
    assert article["date"] is None and article["published"] is None and article["week"] is None
    assert "no date found" in article["date_how"]
    assert article["items"]


def test_a_page_placed_by_its_week_folder_and_one_pinned_by_a_sidecar_validate(tmp_path):
    folder = tmp_path / "2025-47"
    folder.mkdir()
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "pinned.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "pinned.meta.toml").write_text(
        'date = 2025-11-20\ntitle = "Premiums widen"\nsource = "Desk"\nurl = "https://example.com/premiums"\n',
        encoding="utf-8")
    doc = run_parse(folder / "undated.txt", tmp_path / "pinned.txt")
    assert_valid(doc)
    placed, pinned = articles(doc)
    assert placed["date"]["kind"] == "folder" and placed["week"] == "2025-47"
    assert pinned["date"]["value"] == "2025-11-20" and pinned["url"] == "https://example.com/premiums"


def test_skipped_files_validate(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    doc = run_parse(tmp_path / "empty.txt", tmp_path / "binary.txt")
    assert_valid(doc)
    assert all(not f["articles"] and len(f["skipped"]) == 1 for f in doc["files"])


def test_the_example_in_the_docs_validates_and_names_its_fixture():
    assert_valid(run_parse(EXAMPLE))
    text = DOC_PATH.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    assert blocks, f"{DOC_PATH.name}: no ```json example"
    example = json.loads(blocks[0])
    assert_valid(example)
    assert example["files"][0]["file"] == EXAMPLE.relative_to(ROOT).as_posix()
    assert EXAMPLE.relative_to(ROOT).as_posix() in text


def test_every_real_page_validates():
    if not REAL_PAGES.is_dir():
        pytest.skip(f"the real-page corpus {REAL_PAGES} is absent")
    pages = sorted(p for p in REAL_PAGES.iterdir() if p.is_file())
    assert pages
    doc = run_parse(*pages)
    assert len(doc["files"]) == len(pages)
    assert_valid(doc)


# ---------------------------------------------------------------- the schema rejects drift

def _article(doc):
    return doc["files"][0]["articles"][0]


def _item(doc):
    return _article(doc)["items"][0]


BROKEN = {
    # a key nobody documented, at every level
    "extra key at the top": lambda d: d.update(version=1),
    "extra key in a file": lambda d: d["files"][0].update(size=10),
    "extra key in an article": lambda d: _article(d).update(language="en"),
    "extra key in an item": lambda d: _item(d).update(id="0123abcd"),
    "extra key in a figure": lambda d: _item(d)["figures"][0].update(confidence=0.9),
    "extra key in a company": lambda d: _item(d)["companies"][0].update(country="CN"),
    "extra key in a date": lambda d: _item(d)["dates"][0].update(weekday="Monday"),
    "extra key in a source": lambda d: _item(d)["sources"][0].update(publisher="example.com"),
    "extra key in furniture": lambda d: _article(d)["furniture"][0].update(line=3),
    "extra key in the article date": lambda d: _article(d)["date"].update(zone="UTC"),
    # a value of the wrong type, or null where a value is always given
    "figure value as a string": lambda d: _item(d)["figures"][0].update(value="82000"),
    "figure year as a string": lambda d: _item(d)["figures"][0].update(year="2027"),
    "company codes as one string": lambda d: _item(d)["companies"][0].update(codes="300750.SZ"),
    "article date as a bare string": lambda d: _article(d).update(date="2025-11-18"),
    "title_derived as a string": lambda d: _article(d).update(title_derived="false"),
    "week as a number": lambda d: _article(d).update(week=202547),
    "headline null": lambda d: _item(d).update(headline=None),
    "date_how null": lambda d: _article(d).update(date_how=None),
    "skipped reason as an object": lambda d: d["files"][0].update(skipped=[{"reason": "empty"}]),
    # a value of the right type but not in the documented form
    "published without its time": lambda d: _article(d).update(published="2025-11-18"),
    "date not in ISO form": lambda d: _item(d)["dates"][0].update(value="17 Nov 2025"),
    "impossible date": lambda d: _item(d)["dates"][0].update(value="2025-02-30"),
    "undocumented date kind": lambda d: _item(d)["dates"][0].update(kind="season"),
    "undocumented furniture kind": lambda d: _article(d)["furniture"][0].update(kind="banner"),
    "undocumented format": lambda d: _article(d).update(format="pdf"),
    "week not YYYY-WW": lambda d: _article(d).update(week="2025-W47"),
    # a key left out
    "missing date_how": lambda d: _article(d).pop("date_how"),
    "missing figure unit": lambda d: _item(d)["figures"][0].pop("unit"),
}


@functools.cache
def example_output() -> dict:
    return run_parse(EXAMPLE)


def test_the_untouched_example_is_valid_and_has_every_record():
    doc = example_output()
    assert_valid(doc)
    item = _item(doc)
    assert item["figures"] and item["companies"] and item["dates"] and item["sources"]
    assert _article(doc)["furniture"] and _article(doc)["date"]


@pytest.mark.parametrize("change", sorted(BROKEN))
def test_the_schema_rejects(change):
    doc = copy.deepcopy(example_output())
    BROKEN[change](doc)
    assert problems(doc), f"the schema accepted output with {change}"
