"""The HTML: self-contained and accessible, checked in its structure and in a real headless Chromium."""

from __future__ import annotations

import base64
import io
import re
import unicodedata

import lxml.html
import pypdf
import pytest
from PIL import Image

from browser import Browser
from look_support import built

CONTRAST = """
function channel(c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
function luminance(rgb) { return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]); }
function parse(color) { var m = color.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
function background(el) {
  for (; el; el = el.parentElement) {
    var c = parse(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
}
var failures = [];
document.querySelectorAll("body *").forEach(function (el) {
  if (el.closest("svg") || el.closest("#preview-bar")) return;
  var text = Array.from(el.childNodes).filter(function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!text.length) return;
  var style = getComputedStyle(el);
  var fg = parse(style.color), bg = background(el);
  var l1 = luminance(fg), l2 = luminance(bg);
  var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  var size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  var needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
  if (ratio < needed) failures.push(el.tagName + " '" + text[0].textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2));
});
return failures;
"""


@pytest.fixture(scope="module")
def page():
    return lxml.html.fromstring(built().html.read_bytes())


def test_language_headings_and_alt_text(page):
    assert page.get("lang") == "en"
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"a heading level is skipped: {levels}"
    assert all(img.get("alt") for img in page.iter("img"))
    figures = page.xpath("//figure[@class='chart']")
    assert len(figures) == 3
    for figure in figures:
        svg = figure.xpath(".//*[local-name()='svg']")[0]
        assert svg.get("role") == "img" and len(svg.get("aria-label")) > 40
        assert figure.xpath("./figcaption/text()")
    # the week's one price is a bid's unit price, no market quote: no price table
    assert page.xpath("//table/caption/text()") == ["Key figures"]
    assert page.xpath("//table//th[@scope='col']")


def test_self_contained_with_a_print_stylesheet(page):
    assert not page.xpath("//link | //script | //iframe | //object | //embed")
    for element in page.xpath("//*[@src] | //*[@srcset]"):
        pytest.fail(f"{element.tag} loads {element.get('src') or element.get('srcset')}")
    for element in page.xpath("//*[@href][not(self::a)]"):
        value = element.get("href")
        assert value.startswith("#"), f"{element.tag} refers to {value}"
    styles = " ".join(page.xpath("//style/text()"))
    assert not re.search(r"@import|url\((?!#|data:)", styles)
    assert "@page" in " ".join(page.xpath("//style[@media='print']/text()"))


def test_chromium_opens_it_without_errors_requests_or_low_contrast(tmp_path):
    b = built()
    browser = Browser()
    try:
        browser.requests()
        browser.open(b.html.as_uri())
        title = browser.run("return document.title")
        errors = [e for e in browser.logs("browser") if e["level"] in ("SEVERE", "WARNING")]
        requests = [u for u in browser.requests()
                    if u != b.html.as_uri() and u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp", "file")]
        resources = browser.run("return performance.getEntriesByType('resource').map(e => e.name)")
        low_contrast = browser.run(CONTRAST)
        shot = browser.screenshot()
        printed = base64.b64decode(browser.command("POST", "/print", {"background": True}))
    finally:
        browser.close()
    assert title == "Weekly Hot: Semi-solid-state goes first"
    assert errors == []
    assert requests == [] and resources == []
    assert low_contrast == []
    (tmp_path / "screenshot.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot))
    assert image.size[0] >= 800 and image.size[1] >= 800
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20  # text and rules were drawn, not a blank page
    # Printed from the browser, the print stylesheet applies: a cover, then pages numbered "Page X of Y".
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split())  # NFKC: the "fi" ligature
             for p in pypdf.PdfReader(io.BytesIO(printed)).pages]
    assert len(pages) >= 5
    assert "Semi-solid-state goes first" in pages[0] and "Contents" not in pages[0] and "Page 1" not in pages[0]
    assert f"Page 2 of {len(pages)}" in pages[1] and "Contents" in pages[1]
