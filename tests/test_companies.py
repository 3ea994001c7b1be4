"""Companies: found in running text and through the alias table, aliases merged, subsidiaries linked to their
parents, the principal company of an item, the companies chart, and the 2024-09 seed read back from a build.
Sentences here are invented; company names and codes are the table's."""

from __future__ import annotations

import csv
import json
import types

import pytest
from docx import Document
from lxml import html as lxml_html

from briefing import chartkinds, charts
from briefing.models import Company, Item
from briefing.parse import companies
from briefing.parse.items import principal

from .conftest import build_copy
from .look_support import pdf_text


def names(text: str) -> list[tuple[str, str]]:
    return [(c.name, c.key) for c in companies.companies(text)]


@pytest.mark.parametrize("text, expected", [
    # legal forms and punctuation never stop a table match
    ("Suzhou Qingtao New Energy Technology Co., Ltd. won the bid", [("Suzhou Qingtao New Energy Technology Co., Ltd.", "qingtao")]),
    ("Suzhou Qingtao New Energy Technology Co.,Ltd won the bid", [("Suzhou Qingtao New Energy Technology Co.,Ltd", "qingtao")]),
    ("Sweden’s SSAB AB shipped steel", [("SSAB AB", "ssab")]),
    # role words and places before a name are not part of it
    ("Developer Kyon Energy sold projects to investor Obton.", [("Kyon Energy", "kyon"), ("Obton", "obton")]),
    ("Utility Brightwater AG and developer Fjordvik Energy agreed.", [("Brightwater AG", ""), ("Fjordvik Energy", "")]),
    ("New York-based Lumenor Inc. recalled packs", [("Lumenor Inc.", "")]),
    ("Parallel works with Tamsin & Wolde Inc. on rail cars", [("Tamsin & Wolde Inc.", "")]),
    ("a member of the Julius Berger Plc group", [("Julius Berger Plc", "juliusberger")]),
    # machine translations write table names in other cases
    ("rumours that Ningde times will drop the route", [("Ningde times", "catl")]),
    ("On May 9, honeycomb Energy began road tests", [("honeycomb Energy", "svolt")]),
    ("prices in the U.S. steel market", []),
    ("China energy demand grew", []),
    # Chinese: a full name is tied to the short name inside it when only its line of business follows
    ("宁德时代新能源科技股份有限公司发布公告", [("宁德时代新能源科技股份有限公司", "catl")]),
    ("中国华能集团清洁能源技术研究院有限公司中标", [("中国华能集团清洁能源技术研究院有限公司", "")]),
    ("由德泰儲(chǔ)能、沙洲電力合作建設(shè)", [("德泰儲(chǔ)能", "detai"), ("沙洲電力", "shazhou")]),
    ("政策促使新能源企业加快布局", []),
])
def test_company_names(text, expected):
    assert names(text) == expected


def test_aliases_merge_into_one_company():
    (saic,) = companies.companies("SAIC Group said SAIC Motor will ship the first cars")
    assert (saic.key, saic.codes) == ("saic", ("600104.SH",))
    (eve,) = companies.companies("EVE said EVE Energy Co., Ltd. will build the plant")
    assert (eve.key, eve.name, eve.codes) == ("eve", "EVE Energy Co., Ltd.", ("300014.SZ",))


def test_a_subsidiary_is_itself_and_names_its_parent():
    aian, gac = companies.companies("GAC Aian engineers and GAC Group managers met")
    assert (aian.name, aian.key, aian.parent, aian.codes) == ("GAC Aian", "gacaion", "GAC Group", ())
    assert (gac.key, gac.parent, gac.codes) == ("gac", "", ("601238.SH", "02238.HK"))
    (lantu,) = companies.companies("the Lantu model went on sale")
    assert (lantu.key, lantu.parent) == ("voyah", "Dongfeng Motor Group Company Limited")


def test_every_name_of_a_company():
    (catl,) = companies.companies("CATL said")
    assert {"CATL", "Contemporary Amperex Technology Co., Limited", "宁德时代", "Ningde Times"} <= set(
        companies.names_of(catl))


def test_the_alias_table_is_consistent():
    rows = list(csv.DictReader(open(companies.ALIASES_FILE, encoding="utf-8", newline="")))
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)) and len(rows) >= 320
    assert all(set(r) == {"key", "name", "aliases", "codes", "parent"} for r in rows)
    assert [r["key"] for r in rows if r["parent"] and r["parent"] not in keys] == []
    for row in rows:  # codes as the parser writes them
        assert all(companies.normalise_code(c) == c for c in row["codes"].split("|") if c), row["key"]
    spellings: dict[str, str] = {}
    for row in rows:  # no spelling names two companies
        for name in [row["name"], *row["aliases"].split("|")]:
            if name:
                assert spellings.setdefault(name.casefold(), row["key"]) == row["key"], name


def item_principal(headline: str, body: str) -> str:
    return principal(headline, body, companies.companies(f"{headline}. {body}"))


@pytest.mark.parametrize("headline, body, expected", [
    ("Foton Motor to work with Funeng Technology", "Foton Motor said on Monday.", "Beiqi Foton Motor Co., Ltd."),
    ("Solid-state batteries gain ground", "Guosen Securities expects faster uptake this year.", "Guosen Securities Co., Ltd."),
    ("The M9 hits the market", "Huawei-backed AITO launched the M9, its largest model yet.", "AITO"),
    ("Safety first", "Canada utility Hydro-Quebec’s storage arm EVLO Energy Storage chose safety over density.",
     "EVLO Energy Storage Inc."),
    ("Stainless index flat", "The stainless index stayed flat while both NAS and Acerinox raised prices.", ""),
    ("Aluminium", "As Huawei results lifted sentiment, aluminium rose 100 yuan/mt overnight on the exchange.", ""),
    ("Governor Jane Q", "Governor Jane Q. Doe said that Hyundai Motor Group will invest $2 billion in the plant.",
     "Hyundai Motor Company"),
    ("Prices rose this week", "Copper prices rose 2% on the week as stocks fell.", ""),
])
def test_principal(headline, body, expected):
    assert item_principal(headline, body) == expected


def _item(*named: str) -> Item:
    return Item(category="", headline="h", body="b", dates=(), companies=tuple(
        c for n in named for c in companies.companies(n)), figures=(), article="a", origin="o")


def test_mentions_merge_aliases_and_keep_subsidiaries_apart():
    rows = chartkinds.company_mentions([_item("SAIC Group"), _item("SAIC Motor", "BYD"), _item("SAIC", "GAC Aian")])
    assert rows == [("SAIC Group 600104.SH", 3, ""), ("BYD 002594.SZ 01211.HK", 1, ""),
                    ("GAC Aian", 1, "GAC Group")]


def test_a_chart_whose_bars_are_all_equal_is_not_drawn():
    week = types.SimpleNamespace(items=[_item("BYD"), _item("NIO")])
    assert charts.plan_one("companies", week) == "every company is named in 1 item, none more than another"
    assert charts.plan_one("companies", types.SimpleNamespace(items=[_item("BYD")])) == "fewer than two companies named"


@pytest.fixture(scope="module")
def week_2024_09(tmp_path_factory):
    result = build_copy(tmp_path_factory.mktemp("companies"), "2024-09")
    data = json.loads((result.out_dir / "items.json").read_text("utf-8"))
    html = (result.out_dir / "briefing-2024-09.html").read_text("utf-8")
    return result, data, html


MENTIONED = ("Foton Motor 600166.SH", "Funeng Technology 688567.SH", "Guosen Securities 002736.SZ",
             "GAC Aian (part of GAC Group)", "Huineng Technology", "BMW", "Nissan 7201.T", "BYD 002594.SZ 01211.HK")


def _meta_lines(html: str) -> list[str]:
    return [" ".join(p.text_content().split()) for p in lxml_html.fromstring(html).find_class("meta")]


def test_2024_09_meta_lines_name_every_company_with_its_codes_in_each_format(week_2024_09):
    result, _, html = week_2024_09
    docx = " ".join(p.text for p in Document(str(result.out_dir / "briefing-2024-09.docx")).paragraphs
                    if p.style.name == "Item Meta")
    pdf = " ".join(pdf_text(result.out_dir / "briefing-2024-09.pdf"))
    meta = " ".join(_meta_lines(html))
    for name in MENTIONED:
        assert name in meta and name in docx and name in pdf, name
    # the principal company leads the line, the others follow it once each
    foton = next(line for line in _meta_lines(html) if "Foton Motor" in line)
    assert foton.index("Foton Motor") < foton.index("Also:") < foton.index("Funeng Technology")
    nio = next(line for line in _meta_lines(html) if line.count("Changan"))
    assert nio.count("Changan") == 1 and "NIO" not in nio.split("Also:")[1]


def _named(data: dict) -> list[dict]:
    return [c for s in data["sections"] for i in s["items"] for c in i["companies"]]


def test_2024_09_lists_the_narrative_companies(week_2024_09):
    _, data, html = week_2024_09
    written = {c["name"] for c in _named(data)}
    for name in ("Foton Motor", "Funeng Technology", "Guosen Securities", "GAC Aian", "Huineng Technology", "BMW",
                 "NIO", "Changan Automobile", "Geely", "Great Wall Motors", "Dongfeng Motor", "Nissan", "Toyota",
                 "Volkswagen"):
        assert name in written and name in html, name
    aian = next(c for c in _named(data) if c["name"] == "GAC Aian")
    assert (aian["key"], aian["parent"]) == ("gacaion", "GAC Group")


def test_2024_09_merges_saic_and_prints_the_table_codes(week_2024_09):
    result, data, html = week_2024_09
    assert {c["key"] for c in _named(data) if c["name"] in ("SAIC Group", "SAIC Motor")} == {"saic"}
    chart = (result.out_dir / "chart-companies.svg").read_text("utf-8")  # drawn: the counts differ
    alt = chart[chart.index("<title>") + 7:chart.index("</title>")]
    assert "SAIC Group 600104.SH 3" in alt and "SAIC Motor" not in alt
    assert not any("chart companies" in s for s in result.charts_skipped)
    for code in ("600104.SH", "601238.SH", "02238.HK", "002594.SZ", "01211.HK"):
        assert code in html, code
    principals = {i["principal"] for s in data["sections"] for i in s["items"]}
    assert {"Beiqi Foton Motor Co., Ltd.", "Guosen Securities Co., Ltd.", "GAC Aion New Energy Automobile Co., Ltd.",
            "SAIC Motor Corporation Limited", "ProLogium Technology Co., Ltd."} <= principals


def test_2025_47_prints_eve_and_names_the_project_owner(built):
    data = json.loads((built.out_dir / "items.json").read_text("utf-8"))
    eve = next(c for c in _named(data) if c["key"] == "eve")
    assert eve["codes"] == ["300014.SZ"]
    wuhai = next(i for s in data["sections"] for i in s["items"] if "Wuhai" in i["headline"])
    assert wuhai["principal"] == "China Green Development Investment Group Co., Ltd."
    assert "qingtao" in {c["key"] for c in wuhai["companies"]}


def test_2024_09_prints_a_name_once_and_a_parent_without_its_legal_form(week_2024_09):
    result, _, html = week_2024_09
    docx = " ".join(p.text for p in Document(str(result.out_dir / "briefing-2024-09.docx")).paragraphs
                    if p.style.name == "Item Meta")
    for text in (" ".join(_meta_lines(html)), docx):
        # NIO's ticker is its name: "NIO 09866.HK", never "NIO NIO 09866.HK"
        assert "NIO 09866.HK" in text and "NIO NIO" not in text
        assert "(part of Dongfeng Motor Group)" in text and "Group Company" not in text


def test_the_company_a_chinese_announcement_opens_with():
    text = ("甲乙建设4月8日晚间公告,公司之全资子公司甲乙新能源投资有限公司与某镇人民政府签署协议,甲乙新能源拟在该镇投资建设储能电站。"
            "招标公告显示,项目已备案。根据公告,项目分阶段实施。")
    assert [c.name for c in companies.companies(text)] == ["甲乙建设", "甲乙新能源投资有限公司"]


def test_a_chinese_short_form_of_a_full_name_found_beside_it_is_one_company():
    names = [c.name for c in companies.companies("丙丁新能源投资有限公司签署协议,丙丁新能源拟投资建设储能电站。")]
    assert names == ["丙丁新能源投资有限公司"]
