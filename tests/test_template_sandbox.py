"""Templates reach no file: plain data only, a sandbox that refuses the rest, no links out.

An override can come from anyone who edits ``templates/``. These tests try
what such an override could try (the methods of a file path, a symbolic link
to a system file) through real builds, and then walk every attribute and
every argument-free call reachable from the variables of both seed weeks
with an audit hook watching, so that nothing there opens, lists or changes a
file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from briefing import cli, message, render, sandbox
from look_support import config, grouped, project

SECRET = "secret-owned-by-nobody-here"
# Audit events that read, list or change the file system.
FILE_EVENTS = ("open", "os.listdir", "os.scandir", "os.remove", "os.rename", "os.mkdir", "os.rmdir",
               "os.chmod", "os.symlink", "os.link", "os.truncate", "os.utime", "shutil.")
_watch: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _watch is not None and event.startswith(FILE_EVENTS):
        _watch.append(f"{event} {args[:1]!r}")


sys.addaudithook(_audit)


def _override(root: Path, name: str, body: str) -> Path:
    path = root / "templates" / "overrides" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{% extends "base/briefing.html" %}\n{% block toc %}' + body + '{% endblock %}\n', encoding="utf-8")
    return path


def _build(root: Path, capsys) -> tuple[int, str]:
    code = cli.main(["--config", str(root / "briefing.toml"), "build", "--week", "2025-47"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("expression", [
    "{{ briefing.articles[0].path.joinpath(secret).read_text() }}",
    "{{ briefing.articles[0].path.parent.joinpath('stolen.txt').write_text('x') }}",
    "{% for p in briefing.articles[0].path.parent.iterdir() %}{{ p }}{% endfor %}",
    "{{ briefing.articles[0].path.read_bytes() }}",
    "{{ charts.values()|list }}{{ briefing.articles[0].path.__class__ }}",
])
def test_a_template_cannot_reach_files_through_its_variables(tmp_path, capsys, expression):
    (tmp_path / "p").mkdir()
    root = project(tmp_path / "p")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    path = _override(root, "briefing.html", expression.replace("secret", repr(str(secret))))
    code, err = _build(root, capsys)
    assert code != 0
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert not (root / "seeds" / "stolen.txt").exists()
    for built in (root / "output").rglob("*"):
        if built.is_file():
            assert SECRET.encode() not in built.read_bytes()


def test_an_article_path_is_a_plain_name_in_templates(tmp_path):
    root = project(tmp_path)
    cfg = config(root)
    html = render.render_template("page.html", render.context(grouped(root), "en"), cfg.templates_dir,
                                  _one(tmp_path, "{{ briefing.articles[0].path.name }}|{{ briefing.articles[0].path }}"))
    name = grouped(root).articles[0].path.name
    assert html == f"{name}|{name}"


def _one(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "one"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return folder


def test_a_symbolic_link_out_of_the_template_folders_is_refused(tmp_path, capsys):
    (tmp_path / "p").mkdir()
    root = project(tmp_path / "p")
    secret = tmp_path / "secret.html"
    secret.write_text(SECRET, encoding="utf-8")
    link = root / "templates" / "overrides" / "stolen.html"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    _override(root, "briefing.html", '{% include "stolen.html" %}')
    code, err = _build(root, capsys)
    assert code != 0 and str(link) in err and str(secret) in err and "symbolic link" in err
    assert not any(SECRET.encode() in p.read_bytes() for p in (root / "output").rglob("*") if p.is_file())


def test_a_symbolic_link_inside_the_template_folders_still_works(tmp_path):
    root = project(tmp_path)
    overrides = root / "templates" / "overrides"
    overrides.mkdir()
    (overrides / "part.html").write_text("<p id='part'>kept</p>", encoding="utf-8")
    (overrides / "alias.html").symlink_to(overrides / "part.html")
    _override(root, "briefing.html", '{% include "alias.html" %}')
    cfg = config(root)
    html = render.render_html(grouped(root), cfg.templates_dir, "en", cfg.overrides_dir)
    assert "<p id='part'>kept</p>" in html


# Immutable built-in values: their methods are C code that computes new values and touches no file.
LEAVES = (str, bytes, int, float, type(None), __import__("datetime").date, __import__("datetime").time,
          __import__("datetime").timedelta)


def _reachable(env, roots: list, depth: int = 12) -> tuple[int, set[str]]:
    """Every attribute the sandbox lets a template read, and every argument-free call it lets it
    make, followed from the variables down to immutable built-in values (or ``depth`` steps:
    a call such as ``dict.copy()`` makes a new object each time)."""
    seen: set[int] = set()
    keep: list = []
    kinds: set[str] = set()
    todo = [(0, root) for root in roots]
    while todo:
        level, obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        keep.append(obj)
        kinds.add(obj._kind if isinstance(obj, sandbox.Record) else type(obj).__name__)
        if isinstance(obj, LEAVES) or level == depth:
            continue
        inside = list(obj.values()) if isinstance(obj, dict) else list(obj) if isinstance(obj, tuple) else []
        todo += [(level + 1, x) for x in inside]
        for name in dir(obj):
            try:
                value = getattr(obj, name)
            except AttributeError:
                continue
            if not env.is_safe_attribute(obj, name, value):
                continue
            keep.append(value)
            if callable(value) and env.is_safe_callable(value):
                try:
                    todo.append((level + 1, value()))
                except Exception:
                    pass
            else:
                todo.append((level + 1, value))
    return len(seen), kinds


@pytest.mark.parametrize("week", ["2025-47", "2024-09"])
def test_nothing_reachable_from_the_variables_reads_or_writes_a_file(tmp_path, week):
    global _watch
    root = project(tmp_path)
    briefing = grouped(root, week)
    cfg = config(root)
    env = render.environment(cfg.templates_dir, cfg.overrides_dir)
    variables = sandbox.plain(render.context(briefing, "en"))
    _watch = []
    try:
        count, kinds = _reachable(env, list(variables.values()))
    finally:
        events, _watch = _watch, None
    assert count > 200 and {"Briefing", "Article", "Item", "ResolvedDate", "Figure", "File", "Section"} <= kinds
    assert events == []
    assert not {"PosixPath", "Path", "Config"} & kinds


def test_the_sandbox_refuses_attributes_of_objects_that_are_not_plain_data(tmp_path):
    root = project(tmp_path)
    cfg = config(root)
    env = render.environment(cfg.templates_dir, cfg.overrides_dir)
    template = env.from_string("{{ thing.read_text() }}")
    with pytest.raises(Exception) as caught:
        template.render(thing=Path(os.devnull))  # a raw path handed to the template by mistake
    assert "unsafe" in str(caught.value) or "not safely" in str(caught.value)


def test_email_templates_see_plain_data_too(tmp_path):
    assert message.HTML_TEMPLATE and message.TEXT_TEMPLATE
    converted = sandbox.plain({"pdf": Path("/tmp/x.pdf"), "weeks": [Path("a")]})
    assert str(converted["pdf"]) == "x.pdf" and converted["pdf"].suffix == ".pdf"
    assert isinstance(converted["weeks"], tuple)
