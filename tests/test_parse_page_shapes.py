"""Page shapes met on real pages, each rule with the text it reads and what it must make of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing import parse
from briefing.models import Source
from briefing.parse.labels import colon_headline
from briefing.parse.patterns import CJK_SECTION
from briefing.parse.published import title_period, year_anchor


def parsed(text: str):
    return parse.parse(Source(path=Path("page.txt"), text=text, encoding="utf-8"))


@pytest.mark.parametrize("title, anchor, expected", [
    ("Battery investments announced in 2019, a look back", dt.date(2019, 12, 31), dt.date(2019, 7, 1)),
    ("Battery investments announced in 2019, a look back", dt.date(2020, 1, 4), dt.date(2019, 7, 1)),
    ("Weekly Review 2025", dt.date(2025, 1, 3), dt.date(2025, 1, 3)),  # early in the year: its own date
    ("Storage capacity to triple by 2030", dt.date(2025, 5, 1), dt.date(2025, 5, 1)),  # a year ahead
    ("From 2024 to 2025: prices", dt.date(2025, 5, 1), dt.date(2025, 5, 1)),  # two years: none taken
    ("周报(2025.3.10-2025.3.14)", dt.date(2025, 3, 14), dt.date(2025, 3, 14)),  # a range, not a year
])
def test_year_anchor(title, anchor, expected):
    assert year_anchor(title, anchor) == expected


@pytest.mark.parametrize("title, expected", [
    ("锂电研究周报(2025.3.10-2025.3.14)", (dt.date(2025, 3, 10), dt.date(2025, 3, 14))),
    ("Nickel weekly 2025-06-09 to 2025-06-13", (dt.date(2025, 6, 9), dt.date(2025, 6, 13))),
    ("2025年6月9日-6月13日钴周评", (dt.date(2025, 6, 9), dt.date(2025, 6, 13))),
    ("Prices 2025.3.10-2026.3.14", None),  # a year long: no week
    ("Cobalt outlook 2025", None),
])
def test_title_period(title, expected):
    period = title_period(title)
    assert (period and (period.value, period.end)) == expected


@pytest.mark.parametrize("line, expected", [
    ("LG Chem has invested 7.2 billion yuan in two battery plants in China:", True),
    ("宁德时代拟投资7.5亿元建设储能电池基地:", True),  # a short one without a decimal point is a label alone
    ("The specifications for the prices will be as follows:", False),
    ("The company said in a statement:", False),
    ("Its products include:", False),
    ("Copper:", False),  # a label alone, not a headline
    ("Prices rose. Then the market said this:", False),  # two sentences
])
def test_colon_headline(line, expected):
    assert colon_headline(line) is expected


@pytest.mark.parametrize("text, expected", [
    ("核心驱动因素", True), ("行业发展现状", True), ("未来发展趋势", True), ("锂产品市场本周概要", True),
    ("宁德时代", False), ("期货市场", False), ("储能项目中标候选人公示", False),
])
def test_cjk_section_names(text, expected):
    assert bool(CJK_SECTION.match(text)) is expected


def test_a_stamp_with_its_time_after_a_dash_stays_the_pages_date():
    article = parsed("Cobalt refiners cut output\n\nJan 3, 2023 - 02:01 pm\n\n"
                     "Two cobalt refiners in Jiangsu cut output this week as hydroxide payables rose to 70%.\n")
    assert article.date.value == dt.date(2023, 1, 3) and article.date.explicit


def test_a_quote_under_a_colon_clause_is_no_item_of_its_own():
    article = parsed("Refiner adds capacity\n\nOct 9, 2025 14:20\n\n"
                     "A refiner in Guangxi will add 20,000 tonnes of cobalt sulphate capacity next year, its chairman told "
                     "investors on a call, as demand from cathode makers recovers.\n\n"
                     "Speaking to analysts, the chairman explained the plan in these words:\n\n"
                     "\u201cWe expect demand to recover through next year, and our new line will be ready for it.\u201d\n")
    assert len(article.items) == 1


def test_a_dashboard_entry_needs_the_same_words_after_another_name():
    article = parsed("Metals dashboard\n\nLME Copper |\nLME Copper 3M settled at $9,855/mt, up $75/mt on the week.\n|\n"
                     "Copper stocks in LME sheds fell for a fourth week, to their lowest since May.\n")
    assert [i.headline for i in article.items] == ["LME Copper"]


def test_a_search_page_head_is_chrome_and_its_results_keep_their_dates():
    article = parsed("Research\nCobalt\nicon\nSearch documents\nCobalt refiner doubles sulphate output\n"
                     "Metals Wire\u00b7 2025-06-12 11:40\nSummary - A cobalt refiner doubled its sulphate output.\n"
                     "Hydroxide payables rise on tight Congo supply\nMetals Wire\u00b7 2025-06-10 09:15\n"
                     "Summary - Cobalt hydroxide payables rose to 72% as shipments from Congo slowed.\n")
    assert not article.date.known
    assert [(i.headline, [d.value for d in i.dates]) for i in article.items] == [
        ("Cobalt refiner doubles sulphate output", [dt.date(2025, 6, 12)]),
        ("Hydroxide payables rise on tight Congo supply", [dt.date(2025, 6, 10)])]
    assert {f.text for f in article.furniture if f.kind == "chrome"} >= {"Research", "Search documents"}


def test_a_category_pages_first_line_names_the_section_not_the_title():
    article = parsed("Category: Sodium-ion\n\nSodium-ion cell shipments doubled in the third quarter\n\n"
                     "Sodium-ion cell shipments doubled in the third quarter from the second, led by storage orders.\n\n"
                     "Two cell makers in Anhui said their new lines would reach full output by the end of the year.\n")
    assert article.title == "Sodium-ion cell shipments doubled in the third quarter"
    assert ("breadcrumb", "Category: Sodium-ion") in {(f.kind, f.text) for f in article.furniture}


# ---------------------------------------------------------------- the furniture wrapping one story (parse.wrapping)

def wrapper_of(line: str):
    from briefing.parse import wrapping
    from briefing.parse.page import Page
    page = Page()
    return wrapping.recognise(line, page), page


@pytest.mark.parametrize("line, stamp", [
    ("April 18, 2018 / news.example.com / Article Link", dt.datetime(2018, 4, 18)),
    ("March 11, 2021 | www.example.com", dt.datetime(2021, 3, 11)),
    ("Newswire, September 8, 2015 Adjust font size:", dt.datetime(2015, 9, 8)),
])
def test_a_byline_block_is_furniture_and_dates_the_page(line, stamp):
    kind, page = wrapper_of(line)
    assert kind == "byline" and page.stamp == stamp


@pytest.mark.parametrize("line", [
    "Copper, Nov 20, 2025: prices rose 2% on the week",  # a sentence with a figure after the date
    "Lithium prices firm, March 3, 2025",  # a title that ends with its date: no site, no separator
    "Nov 20, 2025",  # a stamp alone is read as a stamp, not here
    "2025年6月18日 宁德时代发布公告称，公司拟投资建设新基地。",
])
def test_not_a_byline(line):
    assert wrapper_of(line)[0] != "byline"


def test_a_byline_date_is_the_publication_date_and_the_story_one_item():
    article = parsed("Cobalt holds firm\n\nMarch 3, 2025 / news.example.com / Article Link\n\n"
                     "Cobalt sulphate prices held at 28,000 yuan/mt on Monday as cathode makers restocked, traders said.\n\n"
                     "Recent News\n\nGold stocks rise on metal gain\n\nJuly 21, 2025 / www.example.com\n\n"
                     "Copper miners slip\n\nJuly 14, 2025 / www.example.com\nSee all >\n")
    assert article.date.value == dt.date(2025, 3, 3) and article.date.explicit
    assert [i.body[:20] for i in article.items] == ["Cobalt sulphate pric"]
    assert {"byline", "related"} <= {f.kind for f in article.furniture}


def test_a_related_header_over_the_story_does_not_take_the_story():
    article = parsed("Related\n\nCobalt holds firm\n\nCobalt sulphate prices held at 28,000 yuan/mt on Monday "
                     "as cathode makers restocked, traders said.\n\nOffers stayed firm.\n")
    assert len(article.items) == 1 and "28,000 yuan/mt" in article.items[0].body


@pytest.mark.parametrize("line, kind", [
    ("校对:杨 旭", "credit"), ("责编:王小明", "credit"), ("责任编辑:李华 审核:张三", "credit"), ("(记者王政)", "credit"),
    ("数据来源:某产业联盟 制图:某某", "credit"),
    ("(Reporting by A. Writer in Bengaluru; Editing by B. Editor)", "credit"), ("Additional reporting by C. Reporter", "credit"),
    ("Share to Youtube Share to Facebook Facebook Share to Linkedin", "widget"), ("】 【打 印】", "widget"),
    ("Adjust font size:", "widget"), ("扫描二维码访问移动版", "widget"), ("分享到: 微信 微博", "widget"),
    ("未经正式授权严禁转载本文,侵权必究。", "notice"), ("Copyright © 2022 example.cn 示例网", "notice"),
    ("本站资料均由网友自行发布提供,仅用于学习交流。", "notice"), ("京ICP备12345678号", "notice"),
    ("See all >", "more"), ("查看更多>>", "more"), ("Read full article on Example News", "more"),
    ("Recent News", "related"), ("相关阅读", "related"), ("相關新聞:", "related"), ("You may also like", "related"),
    ("上一篇: 示例公司发布年度业绩预告", "more"), ("Next article: Copper stocks climb", "more"),
    ("评论", "widget"), ("暂无评论哦,快来评价一下吧!", "widget"), ("Comments (3)", "widget"),
])
def test_wrapper_lines(line, kind):
    assert wrapper_of(line)[0] == kind


@pytest.mark.parametrize("line", [
    "编辑认为,本周锂价仍将小幅上涨,下游采购意愿有所增强。",  # a sentence that opens with a role's word
    "Share prices of lithium miners rose 5% on Monday.",
    "Printing plant orders rose",
    "Related parties agreed to supply 2 GWh of cells",
    "The company reported by far its best quarter, with revenue up 20%.",
    "More than 30 projects were signed",
    "Next year the company plans to double its output: 20 GWh by 2027",
    "评论人士认为,锂价下行空间有限。",
])
def test_not_wrapper_lines(line):
    assert wrapper_of(line)[0] is None


def test_a_press_marker_opens_the_story_which_is_no_dek():
    article = parsed("示例项目签约仪式在某市举行\n\n本报讯 记者张明报道 3月5日,示例项目签约仪式在某市举行,项目拟投资50亿元。\n\n"
                     "根据协议,项目规划产能20GWh。\n\n校对:李 华\n")
    assert not article.highlights and len(article.items) == 1
    assert article.items[0].body.startswith("3月5日,示例项目签约仪式") and "20GWh" in article.items[0].body
    assert ("byline", "本报讯 记者张明报道") in {(f.kind, f.text) for f in article.furniture}


STORY_BEFORE = "Premiums on battery-grade nickel sulphate widened in East China as cathode makers bought ahead."
STORY_AFTER = "Premiums rose to 800-1,000 yuan per tonne over the index, up 200 yuan per tonne, traders said."


@pytest.mark.parametrize("line, other_story", [
    ("Copper Smelters Agree Higher Treatment Charges for Second Quarter, Survey Shows", True),
    ("Aluminium Stocks in Major Markets Fall for a Third Week Running", True),
    ("Nickel Sulphate Premiums Rose Over the Index as Traders Said", False),  # names what the paragraph tells
    ("Premiums Rise", False),  # a short subheading
    ("Premiums on nickel sulphate rose again this week in the east", False),  # sentence case
])
def test_other_stories_headlines_between_paragraphs(line, other_story):
    from briefing.parse.sitelinks import interleaved_links
    assert interleaved_links([STORY_BEFORE, line, STORY_AFTER]) == ({1} if other_story else set())


def test_headlines_between_paragraphs_leave_one_story():
    article = parsed(f"Nickel premiums widen\n\nMar 6, 2025 09:30\n\n{STORY_BEFORE}\n\n"
                     f"Copper Smelters Agree Higher Treatment Charges for Second Quarter, Survey Shows\n\n{STORY_AFTER}\n")
    assert len(article.items) == 1 and "800-1,000 yuan per tonne" in article.items[0].body
    assert "Copper Smelters" not in article.items[0].body + article.items[0].headline


def test_a_note_on_the_writer_after_the_story_is_a_credit():
    from briefing.parse import wrapping
    from briefing.parse.page import Page
    note = "Jane Example is a reporter at Example Daily. She previously covered commodities."
    after = Page(blocks=["An example battery maker agreed to supply 2 GWh of cells."])
    assert wrapping.recognise(note, after) == "credit"
    assert wrapping.recognise(note, Page()) is None  # before any story text, it is the text


@pytest.mark.parametrize("line, caption", [
    ("A grid storage site in the south. File photo: Example Agency.", True),
    ("Prices rose 2% on the week. Photo: Example", True),
    ("The file photo shows the plant in 2019", False),
])
def test_a_file_photo_credit_ends_a_caption(line, caption):
    from briefing.parse.furniture import CAPTION
    assert bool(CAPTION.search(line)) == caption


def test_headlines_listed_after_the_sign_off_are_the_sites():
    story = "示例公司表示,暂无消息可披露。截至目前,该公司已在国内布局8个生产基地。"
    signed = parsed(f"示例公司回应传闻\n\n{story}\n\n未经授权严禁转载本文。\n\n  • 产业周记 | 示例储能达成长期合作\n"
                    "  • 产业周记 | 示例动力迎来新任总裁\n")
    assert len(signed.items) == 1 and "产业周记" not in signed.items[0].body
    assert [f.text for f in signed.furniture if f.kind == "related"][:1] == ["• 产业周记 | 示例储能达成长期合作"]
    # without the sign-off the list is the page's own: nothing is set apart as the site's
    unsigned = parsed(f"示例公司回应传闻\n\n{story}\n\n  • 产业周记 | 示例储能达成长期合作\n  • 产业周记 | 示例动力迎来新任总裁\n")
    assert not [f for f in unsigned.furniture if f.kind == "related"]


@pytest.mark.parametrize("line, listed", [
    ("• 电池产业周记 | 示例动力迎来新任总裁", True), ("- Copper stocks climb as smelters cut output", True),
    ("• The company said output rose 5%.", False), ("• Key figures:", False), ("Copper stocks climb", False),
])
def test_listed_link(line, listed):
    from briefing.parse.sitelinks import listed_link
    assert listed_link(line) == listed


def test_a_story_that_opens_with_its_dek_keeps_its_first_sentence():
    dek = "Cobalt premiums in the north topped those in the east on March 9, traders said."
    article = parsed(f"Cobalt Premiums in the North Outshine the East\n\nMar 10, 2025 11:02\n{dek}\n\n"
                     f"NORTHTOWN, Mar. 10 (Example) - {dek}\n\nPremiums were 3,000-4,000 yuan per tonne over the index.\n")
    assert article.highlights == dek and len(article.items) == 1
    assert article.items[0].body.startswith(dek) and [d.value for d in article.items[0].dates] == [dt.date(2025, 3, 9)]


@pytest.mark.parametrize("line, stamp, source", [
    ("时间:19-07-23来源:中国示例网 点击: 次", dt.datetime(2019, 7, 23), "中国示例网"),
    ("日期:2024-04-19 来源:示例网 作者:张三 编辑:李四 阅读:1024", dt.datetime(2024, 4, 19), "示例网"),
])
def test_a_portal_byline_of_fields_dates_the_page(line, stamp, source):
    kind, page = wrapper_of(line)
    assert (kind, page.stamp, page.source) == ("byline", stamp, source)


@pytest.mark.parametrize("line", [
    "来源:SMM发布时间:2025-11-20 18:17",  # a stamp line: read as the stamp, with its source
    "时间:2025-01-02 来源:公司公告称，公司拟投资10亿元建设新基地。",  # a sentence among the fields
    "日期:24-13-40 来源:示例网",  # no such day
])
def test_not_a_portal_byline(line):
    assert wrapper_of(line)[0] != "byline"


def test_a_box_of_headlines_on_one_line_and_a_where_line_are_furniture():
    article = parsed("Off the wire\nSummary at 0900 GMT  • Miners agree wage deal: union  • Port strike ends  "
                     "• Interview: Cathode makers look abroad\nYou are here:   Home\n\nCobalt prices steady\n\n"
                     "Cobalt prices in Rotterdam held at $15.40 per lb on Tuesday, traders said.\n")
    assert article.title == "Cobalt prices steady" and len(article.items) == 1
    kinds = {(f.kind, f.text[:12]) for f in article.furniture}
    assert {("related", "Off the wire"), ("related", "Summary at 0"), ("breadcrumb", "You are here")} <= kinds


@pytest.mark.parametrize("line", [
    "Copper rose 2% • Zinc fell 1% • Nickel was flat.",  # sentences between the bullets
    "Lithium • Cobalt • Nickel",  # three parts, two bullets
])
def test_not_a_box_of_headlines(line):
    assert wrapper_of(line)[0] is None


@pytest.mark.parametrize("line", ["[ad_1]", "Advertisement", "example-blog.com", "https://www.example.com/news/1",
                                  "8 days ago", "an hour ago", "Source link", "(full story)"])
def test_aggregator_chrome(line):
    assert wrapper_of(line)[0] == "chrome"


@pytest.mark.parametrize("line", ["[Copper] Prices rose 2% on the week", "8 days ago, the company said output rose",
                                  "Example.com said it would list on the exchange."])
def test_not_aggregator_chrome(line):
    assert wrapper_of(line)[0] != "chrome"


@pytest.mark.parametrize("line, kind", [
    ("Alfie Example is a Reporter at Example Financial. He previously covered energy.", "credit"),
    ("更多资讯或合作欢迎关注示例网官方微信(名称:示例网,id:example)", "notice"),
    ("欢迎关注我们的微信公众号", "notice"), ("Follow us on LinkedIn", "notice"),
    ("免责声明:" + "本网站内容仅供参考,读者在使用前请进一步核实。" * 40, "notice"),
    ("數據來源:某聯盟 制圖:某某", "credit"),
])
def test_more_wrapper_lines_after_a_story(line, kind):
    from briefing.parse import wrapping
    from briefing.parse.page import Page
    assert wrapping.recognise(line, Page(blocks=["An example story, told before."])) == kind


def test_a_paragraph_opening_with_the_title_again_starts_after_it():
    article = parsed("示例项目开工\n示例项目开工 5月20日,示例项目正式开工,项目规划产能2GWh。\n")
    assert article.items[0].body.startswith("5月20日,示例项目正式开工")
    assert ("title", "示例项目开工") in {(f.kind, f.text) for f in article.furniture}


def test_a_photo_pages_caption_is_its_story():
    caption = "A cathode plant is seen under construction in an example city on Friday. Photo: Example Agency"
    article = parsed(f"PHOTO / BUSINESS\nCathode plant rises\nPublished: Mar 14, 2025 07:18 PM\n{caption}\n\n{caption}\n")
    assert article.title == "Cathode plant rises" and len(article.items) == 1
    assert article.items[0].body.startswith("A cathode plant is seen")


@pytest.mark.parametrize("line, path", [("PHOTO / BIZ", True), ("MARKETS > METALS > COPPER", True),
                                        ("LME / SHFE copper spread widens", False)])
def test_a_path_of_section_names_over_the_page(line, path):
    from briefing.parse import wrapping
    from briefing.parse.page import Page
    assert (wrapper_of(line)[0] == "breadcrumb") == path
    assert wrapping.recognise(line, Page(blocks=["A story told before."])) != "breadcrumb"  # only over everything


@pytest.mark.parametrize("text, value, unit, currency", [
    ("5,151 U.S. dollars per tonne", 5151, "USD/mt", "USD"), ("30 US dollars", 30, "USD", "USD"),
    ("293.6吉瓦時", 293.6, "GWh", None), ("3.2吉瓦时", 3.2, "GWh", None), ("40億瓦時", 4e9, "Wh", None),
    ("28 gigawatt-hours", 28, "GWh", None), ("5 gigawatt hours", 5, "GWh", None),
])
def test_units_written_out(text, value, unit, currency):
    from briefing.parse import figures
    (got,) = figures.figures(text)
    assert (got.value, got.unit, got.currency) == (value, unit, currency)
