"""Hostile input costs one character, one item or one file, never the week: a real build with every
such file at once, and each pathological shape fed to the readers at ten times the size that hung them."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest

from briefing import ingest, parse
from briefing.models import Skipped, Source

from .test_failures import run_cli

GOOD = '{"category": "Cobalt", "headline": "Cobalt Rises", "body": "On November 20, cobalt rose to 1 yuan.", ' \
       '"date": "2025-11-20"}'
def good(headline: str, metal: str) -> str:
    """An item that can be used, told of its own metal (so that no two are merged as the same news)."""
    return GOOD.replace("Cobalt Rises", headline).replace("cobalt", metal)


ARTICLE = "Cobalt notes\nNov 20, 2025 10:00\nSource:SMM\n\n[Cobalt: Prices Rise] On November 20, cobalt rose {}.\n"
# the YAML "billion laughs": ten levels of twelve aliases each (12 ** 10 strings once expanded)
BOMB = "\n".join(["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                 + [f"{n}: &{n} [" + ",".join([f"*{p}"] * 12) + "]" for p, n in zip("abcdefghi", "bcdefghij")]
                 + ["title: *j", "date: 2025-11-20", "---", "[Cobalt: Laughs] On November 20, cobalt rose.\n"])

HOSTILE = {
    "c1.txt": ARTICLE.format("\u0080 to 2 yuan \u0085 in trade \ue000").encode("utf-8"),
    # emoji no print font draws: a flag, a keycap, a sequence joined by ZWJ, a BMP emoji; the text symbols stay
    "emoji.txt": ("Cobalt notes \U0001f4c9\nNov 20, 2025 10:00\nSource:SMM\n\n[Cobalt: Traders \u2705 Agree] On November "
                  "20, cobalt rose \U0001f4c8 to 6 yuan in 1\ufe0f\u20e3 trade \U0001f1e8\U0001f1f3. "
                  "\U0001f468\u200d\U0001f4bc Desk \u00a9 SMM \u2714 \u2605.\n").encode("utf-8"),
    "nul.txt": (ARTICLE.format("to 3 yuan") + "x" * 5000 + "\x00 late NUL.\n").encode("utf-8"),
    "dates.json": f'[{GOOD}, {{"headline": "Bad Day", "body": "x", "date": "2025-02-30"}}, '
                  f'{{"headline": "Worse", "body": "y", "date": "soon"}}]'.encode(),
    "types.json": f'[{good("Types Ok", "nickel")}, {{"headline": ["a"], "body": {{"x": 1}}}}, '
                  f'{{"headline": "n", "category": 5}}, {{"headline": "t", "date": 20251120}}]'.encode(),
    "deep.json": b"[" * 1000 + b"]" * 1000,
    "deeper.json": b'[{"headline": "x", "body": ' + b"[" * 5000 + b"]" * 5000 + b"}]",
    "surrogate.json": ("[" + good("Lone \\ud800 Surrogate", "zinc") + "]").encode(),
    "escaped-nul.json": ("[" + good("Escaped \\u0000 NUL", "tin") + "]").encode(),
    "bomb.md": BOMB.encode(),
    "numtitle.txt": ARTICLE.format("to 4 yuan").encode(),
    "numtitle.meta.toml": b"title = 5\n",
    "sidecar-dir.txt": ARTICLE.format("to 5 yuan").encode(),
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for name, data in HOSTILE.items():
        (project / "seeds" / name).write_bytes(data)
    (project / "seeds" / "sidecar-dir.meta.toml").mkdir()
    return project, run_cli(project, "--verbose", "build", "--week", "2025-47")


def test_the_week_is_built_and_every_problem_is_counted_in_the_summary(hostile_build):
    project, result = hostile_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stdout.strip()
    assert line.count("\n") == 0
    assert "5 files skipped, 5 items rejected, 12 characters dropped)" in line, line
    for reason in ("deep.json (nested too deeply", "deeper.json (nested too deeply",
                   "numtitle.txt (sidecar numtitle.meta.toml: title must be text in quotes, got 5",
                   "sidecar-dir.txt (sidecar sidecar-dir.meta.toml cannot be read (Is a directory)",
                   "bomb.md (front matter is not valid (more than 100 aliases"):
        assert reason in line, reason


def test_verbose_names_each_item_rejected_and_the_characters_dropped(hostile_build):
    _, result = hostile_build
    line = result.stdout
    for reason in ("rejected in dates.json: item 2: date '2025-02-30' is not a real date; write it as YYYY-MM-DD",
                   "rejected in dates.json: item 3: date 'soon' is not a real date",
                   'rejected in types.json: item 2: "headline" is a list, not text',
                   'rejected in types.json: item 3: "category" is a number, not text',
                   'rejected in types.json: item 4: "date" is a number, not text',
                   "dropped in c1.txt: 3 characters that are not text dropped: 2 control (U+0080, U+0085), "
                   "1 private-use (U+E000)",
                   "dropped in nul.txt: 1 character that is not text dropped: 1 control (U+0000)",
                   "dropped in emoji.txt: 6 characters that are not text dropped: 6 emoji (U+1F4C9, U+2705, U+1F4C8, ...)",
                   "dropped in surrogate.json: 1 character", "dropped in escaped-nul.json: 1 character"):
        assert reason in line, reason
    assert "briefing: info: rejected dates.json: item 2: date '2025-02-30'" in result.stderr


def test_the_good_items_of_each_file_are_in_every_format(hostile_build):
    project, _ = hostile_build
    items = json.loads((project / "output" / "2025-47" / "items.json").read_text(encoding="utf-8"))
    headlines = [i["headline"] for s in items["sections"] for i in s["items"]]
    for headline in ("Cobalt Rises", "Types Ok", "Lone  Surrogate", "Escaped  NUL", "Prices Rise"):
        assert headline in headlines, headline
    pdf = project / "output" / "2025-47" / "briefing-2025-47.pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "Lone Surrogate" in " ".join(text.split()) and "\ue000" not in text
    told = " ".join(text.split())
    assert "Traders Agree" in told and "rose to 6 yuan in 1 trade. Desk \u00a9 SMM \u2714 \u2605." in told, told


def test_without_verbose_the_summary_counts_but_does_not_list_the_reasons(hostile_build):
    project, _ = hostile_build
    result = run_cli(project, "build", "--week", "2025-47")
    assert result.returncode == 0 and "item 2: date" not in result.stdout and "5 items rejected" in result.stdout


# ---------------------------------------------------------------- shapes that made regular expressions backtrack

HEAD = "Cobalt notes\nNov 20, 2025 10:00\nSource:SMM\n\n[Cobalt: Prices] On November 20, cobalt rose.\n"
SHAPES = {  # each at ten times the size that hung (or nearly hung) a reader or the parser behind it
    "long link": "[a](http://" + "x" * 1_000_000 + "\n",
    "runs of links": "[a](x" * 200_000 + "\n",
    "runs of brackets": "[" * 200_000 + "\n",
    "run after ![": "![" + "y" * 200_000 + "\n",
    "bracket then spaces": ("[" + " " * 50_000 + "x\n") * 3,
    "one 20 MB line": "word " * 4_000_000 + "\n",
    "100,000 short lines x 10": "a\n" * 1_000_000,
    "runs of bold": "**a" * 200_000 + "\n",
    "unclosed list tags": "<li " * 200_000,
}


SIZE_ONLY = {"one 20 MB line", "100,000 short lines x 10"}  # refused for their size before any pattern runs


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_pathological_shapes_are_read(shape, suffix, monkeypatch):
    """Each shape that once hung a reader is read (or refused for its size) with the right result;
    the time each takes is measured by ``make bench`` (bench/bench_scale.py, hostile shapes)."""
    if shape not in SIZE_ONLY:  # past the size limits too, every pattern reads these shapes in one pass
        monkeypatch.setattr(ingest, "MAX_TEXT", 10 ** 9)
        monkeypatch.setattr(ingest, "MAX_LINES", 10 ** 9)
    data = (HEAD + SHAPES[shape]).encode()
    result = ingest.read_all(Path("shape" + suffix), data)
    if shape in SIZE_ONLY:
        assert isinstance(result, Skipped) and result.reason.startswith(("too much text", "too many lines")), result
    else:
        assert isinstance(result, list) and isinstance(result[0], Source)
        assert parse.parse(result[0]).items, shape


def test_blank_runs_after_a_bracket_are_bounded_before_the_parser(tmp_path):
    source = ingest.read_all(Path("s.txt"), (HEAD + "[" + " " * 50_000 + "x\n").encode())[0]
    assert "[ x" in source.text and " " * 32 not in source.text


def test_unclosed_tags_in_a_feed_are_read():
    body = "<li " * 100_000 + "<br " * 100_000
    feed = (f"<rss><channel><title>t</title><item><title>x</title><description><![CDATA[{body}]]>"
            "</description></item></channel></rss>").encode()
    result = ingest.read_all(Path("f.xml"), feed)
    assert isinstance(result, (list, Skipped))


def test_a_front_matter_that_never_closes_after_blank_lines_is_read(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_LINES", 10 ** 9)
    result = ingest.read_all(Path("f.md"), ("---\n" + "\n" * 200_000 + HEAD).encode())
    assert isinstance(result, list)
