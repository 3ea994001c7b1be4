"""The publisher of a page without a source line, read from what its text gives in passing."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.corpus import parse_file
from briefing.models import Article

BODY = "On November 18, cathode prices rose 2% to 150,000 yuan/mt as orders grew.\n"


def source_of(text: str) -> str:
    articles = [a for a in parse_file(Path("page.txt"), text.encode()) if isinstance(a, Article)]
    assert articles, text
    return articles[0].source


@pytest.mark.parametrize("text, publisher", [
    ("[Orecast Weekly Review] Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY, "Orecast"),
    ("Cathode Prices Rose [Orecast Cathode Market Weekly Review]\nNov 18, 2025 10:00\n\n" + BODY, "Orecast"),
    ("Cathode Prices Rose\nNov 18, 2025 10:00\n\n[Orecast Daily Commentary: cathode up] " + BODY, "Orecast"),
    ("Cathode Prices Rose\n\nOrecast, November 18th: " + BODY, "Orecast"),
    ("Cathode Prices Rose\n\nOrecast News on Nov 18: " + BODY, "Orecast"),
    ("Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY + "\nData Source Statement: all data are processed by "
     "Orecast based on public information.\n", "Orecast"),
    ("Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY + "\n(source: Metals Wire)\n", "Metals Wire"),
    ("Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY + "\n© 2025 Orecast Media. All rights reserved.\n",
     "Orecast Media"),
    ("Cathode Prices Rose\nNov 18, 2025 10:00\nSource: Orecast, by the cathode desk (Shanghai)\n\n" + BODY, "Orecast"),
    ("正极价格上涨\n2025年11月18日\n来源：储能周刊，作者：编辑部\n\n11月18日，正极材料价格上涨2%。\n", "储能周刊"),
])
def test_the_publisher_is_read_from_the_page_text(text, publisher):
    assert source_of(text) == publisher


@pytest.mark.parametrize("text", [
    "Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY,  # nothing names it
    "Cathode Prices Rose\nNov 18, 2025 10:00\n\n[the weekly review] " + BODY,  # a bracket, no name
    "Cathode Prices Rose\nNov 18, 2025 10:00\n\n" + BODY + "\n© Getty Images\n",  # a picture credit
    "Cathode Prices Rose\n\nOn November 18: cathode prices rose 2% to 150,000 yuan/mt.\n",  # a date, no name
    "Cathode Prices Rose\n\nTuesday, November 18: cathode prices rose 2% to 150,000 yuan/mt.\n",
])
def test_a_page_that_names_no_publisher_stays_unknown(text):
    assert source_of(text) == "unknown"
