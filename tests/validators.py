"""Independent checkers run on the outputs: the Nu HTML Checker (vnu-jar), axe-core in headless
Chromium, and the blank share of PDF pages rendered by poppler's pdftoppm.

The validators are npm packages pinned by tests/checkers/package-lock.json and installed
into tests/checkers/node_modules by scripts/test-system (``make test`` runs it); Java and
pdftoppm come from Debian's packages, installed by the same script.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

CHECKERS = Path(__file__).resolve().parent / "checkers" / "node_modules"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = CHECKERS / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
WIDTHS = (390, 1280)  # a phone and a desktop, in CSS pixels


def _need(path: Path) -> None:
    assert path.is_file(), f"{path} is missing: run 'make test-system' (scripts/test-system installs it)"


def nu_check(paths: list[Path]) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for each file, as 'line:column: message (extract)'."""
    _need(VNU)
    java = shutil.which("java")
    assert java, "Java is missing: run 'make test-system' (scripts/test-system installs default-jre-headless)"
    paths = [Path(p).resolve() for p in paths]
    run = subprocess.run([java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, paths)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout or "{}")
    errors: dict[str, list[str]] = {str(p): [] for p in paths}
    for message in report.get("messages", []):
        if message.get("type") == "info":  # warnings and notes are advice, not errors
            continue
        where = urllib.parse.unquote(message.get("url", "").removeprefix("file:"))
        extract = " ".join(message.get("extract", "").split())[:120]
        errors.setdefault(where, []).append(
            f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message['message']} [{extract}]")
    return errors


def set_width(browser, width: int, height: int = 900) -> None:
    """Lay the page out for a viewport ``width`` CSS pixels wide (a phone when narrow)."""
    browser.command("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}})


def axe(browser) -> list[str]:
    """axe-core's violations on the open page, one line per element: rule, impact, element, what to fix."""
    _need(AXE)
    browser.run(AXE.read_text(encoding="utf-8") + "\n;return true;")
    result = browser.command("POST", "/execute/async", {"script": """
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(function (r) { done(r.violations.map(function (v) {
               return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
                   return {target: n.target.join(' '), html: n.html, summary: n.failureSummary}; })}; })); })
           .catch(function (e) { done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]); });
        """, "args": [AXE_TAGS]})
    lines = []
    for violation in result:
        for node in violation["nodes"] or [{"target": "", "html": "", "summary": ""}]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}: {node['target']} "
                         f"{' '.join(node['html'].split())[:160]} -- {' '.join(node['summary'].split())[:200]}")
    return lines


# The on-screen size of chart text: matplotlib draws each text as glyph paths in a group scaled by
# font size / 100, so the group's scale to the screen, times 100, is the text's size in CSS pixels.
CHART_TEXT = """
var small = [];
document.querySelectorAll('figure.chart svg').forEach(function (svg) {
  var least = null;
  svg.querySelectorAll('g[transform*="scale("]').forEach(function (g) {
    if (!g.querySelector('use')) return;
    var m = g.getScreenCTM();
    var px = Math.hypot(m.a, m.b) * 100;
    if (least === null || px < least) least = px;
  });
  small.push([svg.closest('figure').id, least, svg.getBoundingClientRect().width]);
});
return small;
"""


def chart_text_px(browser) -> list[tuple[str, float, float]]:
    """For each chart on the open page: its id, the size of its smallest text and its width, in CSS pixels."""
    return [tuple(row) for row in browser.run(CHART_TEXT)]


def page_blank_shares(pdf: Path, dpi: int = 40) -> list[float]:
    """For each page: the share of its text block (inside the page margins) taken by runs of white
    rows 8 mm or taller, i.e. the room left empty (the gaps between lines and paragraphs are smaller)."""
    from PIL import Image

    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm is missing: run 'make test-system' (scripts/test-system installs poppler-utils)"
    shares = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([tool, "-r", str(dpi), "-gray", "-png", str(pdf), f"{folder}/page"], check=True, timeout=300)
        for png in sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            image = Image.open(png).convert("L")
            width, height = image.size
            mm = height / 297
            top, bottom = round(22 * mm), round((297 - 20) * mm)  # print.css: @page margin 22mm 18mm 20mm
            pixels = image.load()
            white = [all(pixels[x, y] >= 250 for x in range(width)) for y in range(top, bottom)]
            blank, run = 0, 0
            for row in white + [False]:
                if row:
                    run += 1
                    continue
                if run >= 8 * mm:
                    blank += run
                run = 0
            shares.append(blank / (bottom - top))
    return shares
