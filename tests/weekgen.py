"""A generated multi-site week: articles from six sites, in three page shapes, telling overlapping news.

The stories are invented for the tests and the bench (the companies are real
names from the alias table, the events are not). ``write_week(folder, n)``
writes ``n`` articles into ``folder``, about three distinct items each; a
third of the stories are told twice, in other words on another site, so the
build merges them.
"""

from __future__ import annotations

import re
from pathlib import Path

WEEK = "2025-47"
SITES = ("SMM", "Mysteel", "MetalDesk Asia", "Storage Wire", "Cell Journal", "Asia Battery Review")

# (category, headline, body): the body's first sentence dates the news
STORIES = (
    ("Energy Storage", "Huaneng Starts Building 300MW/1200MWh Solid-State Storage Station in Gansu",
     "On November 17, Huaneng began building a 300MW/1200MWh semi-solid-state energy storage station in Gansu. "
     "The project will cost 1.6 billion yuan and is due to connect to the grid in June 2026."),
    ("Energy Storage", "Sungrow Wins 2GWh Storage Order in Saudi Arabia",
     "On November 18, Sungrow signed a contract to supply 2GWh of battery storage systems to a Saudi developer. "
     "Deliveries start in the first quarter of 2026."),
    ("Cooperation", "CATL and Changan Sign Solid-State Battery Development Agreement",
     "On November 18, CATL and Changan Automobile signed an agreement to develop solid-state battery packs together. "
     "The two companies plan a pilot line of 2GWh by 2027."),
    ("Cooperation", "EVE Energy Forms Joint Venture with Hymson for Dry Electrode Lines",
     "On November 19, EVE Energy and Hymson formed a joint venture to build dry electrode production lines. "
     "EVE holds 60% of the venture, which has a registered capital of 500 million yuan."),
    ("Solid-State Battery", "Gotion Shows 350Wh/kg All-Solid-State Cell",
     "On November 19, Gotion High-tech showed an all-solid-state cell with an energy density of 350Wh/kg. "
     "The cell passed nail penetration tests and will enter vehicle tests next year."),
    ("Solid-State Battery", "BYD Begins Sample Production of Sulfide Solid-State Cells",
     "On November 20, BYD began sample production of sulfide solid-state cells at its Shenzhen base. "
     "The samples have a capacity of 60Ah."),
    ("Equipment", "Lead Intelligent Ships First Isostatic Press for Solid-State Cells",
     "On November 17, Lead Intelligent Equipment shipped its first isostatic press for solid-state cell production. "
     "The machine presses stacks at up to 600 MPa."),
    ("Equipment", "Yinghe Technology Receives 800 Million Yuan Order for Coating Lines",
     "On November 20, Yinghe Technology received an order worth 800 million yuan for coating lines. "
     "The lines will serve a battery plant in Hungary."),
    ("Materials", "Tianqi Lithium Expands Lithium Sulfide Capacity to 500 Tonnes",
     "On November 18, Tianqi Lithium expanded its lithium sulfide capacity to 500 tonnes a year. "
     "The company expects demand from sulfide electrolyte makers to triple by 2027."),
    ("Materials", "Ganfeng Lithium Opens Solid Electrolyte Plant in Jiangxi",
     "On November 21, Ganfeng Lithium opened a solid electrolyte plant in Xinyu, Jiangxi. "
     "The plant can make 1,000 tonnes of oxide electrolyte a year."),
    ("Materials", "Putailai Raises Separator Coating Output",
     "On November 19, Putailai raised its separator coating output by 20% after new orders from cell makers. "
     "Its coated separator lines now run at full rates."),
    ("Overseas", "Toyota Confirms Solid-State Battery Cars for 2027",
     "On November 18, Toyota confirmed that its first cars with solid-state batteries will go on sale in 2027. "
     "The batteries will be made with Idemitsu Kosan."),
    ("Overseas", "QuantumScape Ships B-Samples to Volkswagen",
     "On November 20, QuantumScape shipped B-sample cells to Volkswagen's PowerCo unit for road tests. "
     "The cells use an anode-free design."),
    ("Overseas", "Samsung SDI Plans Solid-State Line in Korea",
     "On November 21, Samsung SDI said it plans a solid-state battery line at its Suwon site by 2027. "
     "The line will have an annual capacity of 1GWh."),
    ("Standards", "MIIT Publishes Draft Standard for Solid-State Battery Naming",
     "On November 19, the Ministry of Industry and Information Technology published a draft national standard "
     "on naming solid-state batteries. Batteries with liquid electrolyte may no longer be called solid-state."),
    ("Policy", "Jiangsu Offers Subsidies for Solid-State Battery Pilot Lines",
     "On November 20, Jiangsu province announced subsidies of up to 50 million yuan for solid-state battery pilot "
     "lines. The policy runs until the end of 2026."),
    ("Lithium Carbonate", "Lithium Carbonate Prices Edge Up on Restocking",
     "On November 18, battery-grade lithium carbonate prices rose by 300 yuan/mt to 78,500-80,600 yuan/mt as "
     "downstream restocking picked up. Spot transactions remained thin."),
    ("Lithium Carbonate", "Lithium Carbonate Holds Gains at Week End",
     "On November 21, battery-grade lithium carbonate prices held at 79,000-80,800 yuan/mt. "
     "Cathode makers bought only for immediate needs."),
    ("Cobalt", "Refined Cobalt Rises on Tight Supply",
     "On November 19, refined cobalt prices rose to 242,000-246,000 yuan/mt as export quotas cut arrivals of "
     "intermediates. Traders held back offers."),
    ("Lithium Sulfide", "Lithium Sulfide Prices Stabilise",
     "On November 20, lithium sulfide prices stabilised at 1.2 million yuan/mt after two weeks of declines. "
     "Buyers placed small orders."),
    ("Solid-State Battery", "SAIC Motor Puts Semi-Solid-State Packs in MG4",
     "On November 17, SAIC Motor began fitting semi-solid-state battery packs to the MG4. "
     "The packs give a range of 537 km."),
    ("Solid-State Battery", "Sunwoda Delivers Polymer Solid-State Cells to Drone Maker",
     "On November 21, Sunwoda delivered polymer solid-state cells to a drone maker. "
     "The order covers 100,000 cells."),
    ("Equipment", "Hymson Unveils Laser Cutting System for Lithium Metal Anodes",
     "On November 18, Hymson unveiled a laser cutting system for lithium metal anodes. "
     "It cuts foil 40% faster than the company's previous model."),
    ("Energy Storage", "China Green Development Wuhai Storage Project Enters Final Stage",
     "On November 19, China Green Development's 200MW/800MWh solid-state storage project in Wuhai entered its "
     "final stage. Equipment installation will finish in December."),
)
# the second wording of a story on another site: same news, same figures, fewer words
RETOLD = "{body} The news was confirmed by people familiar with the matter."


def _bracket(site: str, day: int, stories: list[tuple[str, str, str]], number: int) -> str:
    lines = [f"{site} Daily Brief No. {number}: Solid-State Battery News", f"iconNov {day}, 2025 17:{day:02d}", f"Source:{site}", ""]
    lines += [f"[{category}: {headline}] {body}" for category, headline, body in stories]
    return "\n".join(lines) + "\n"


def _listing(site: str, day: int, stories: list[tuple[str, str, str]], number: int) -> str:
    lines = [f"{site}: Battery Industry Roundup No. {number}", f"Nov {day}, 2025 09:30", f"Source: {site}", ""]
    for _, headline, body in stories:
        lines += [headline, body, ""]
    return "\n".join(lines)


def _numbered(site: str, day: int, stories: list[tuple[str, str, str]], number: int) -> str:
    lines = [f"{site} Weekly No. {number}: Solid-State Progress", f"Nov {day}, 2025 16:00", f"Source:{site}", ""]
    for n, (_, headline, body) in enumerate(stories, 1):
        lines += [f"{n}. {headline}", body, ""]
    return "\n".join(lines)


SHAPES = (_bracket, _listing, _numbered)


_AMOUNT = re.compile(r"\b(\d+)(?=(?:MW|GW|MWh|GWh|Wh/kg|Ah|%| million| billion| tonnes| km| MPa|,\d{3}))")
_DAY = re.compile(r"November (\d{2})")


def story(n: int) -> tuple[str, str, str]:
    """Story ``n``: a base story, or for ``n`` past the base stories the same kind of news on another day
    with other figures (so a week can hold many distinct items)."""
    category, headline, body = STORIES[n % len(STORIES)]
    variant = n // len(STORIES)
    if not variant:
        return category, headline, body

    def amount(m: re.Match) -> str:
        return str(int(m.group(1)) + variant * 7)

    def day(m: re.Match) -> str:
        return f"November {17 + (int(m.group(1)) - 17 + variant) % 5}"

    return category, _AMOUNT.sub(amount, headline), _DAY.sub(day, _AMOUNT.sub(amount, body))


def articles(count: int) -> list[tuple[str, str]]:
    """(file name, text) of ``count`` articles: article k tells four stories, the last of which the next
    article tells again in other words on another site; about three distinct items per article."""
    out = []
    for k in range(count):
        site = SITES[k % len(SITES)]
        told = []
        for n in (k * 3 + j for j in range(4)):
            category, headline, body = story(n)
            if n % 3 == 0 and n:
                body = RETOLD.format(body=body)  # the retelling of the story the article before ended with
            told.append((category, headline, body))
        day = max(int(_DAY.search(body)[1]) for _, _, body in told)  # published after its news
        shape = SHAPES[k % len(SHAPES)]
        out.append((f"{k:03d}_{site.split()[0].lower()}.txt", shape(site, day, told, k + 1)))
    return out


def write_week(folder: Path, count: int) -> list[Path]:
    """Write ``count`` articles into ``folder`` (created); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles(count):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# Five consecutive weeks across a year boundary, for the history: a price quoted each week, a project told
# in three of them (groundbreaking, bid, installation), a forecast revised once.
SPAN = ("2025-50", "2025-51", "2025-52", "2026-01", "2026-02")
_SPAN_DAYS = ("December 10, 2025", "December 17, 2025", "December 24, 2025", "December 31, 2025", "January 7, 2026")
_STAMPS = ("Dec 12, 2025", "Dec 19, 2025", "Dec 26, 2025", "Jan 2, 2026", "Jan 9, 2026")
LITHIUM = (78000, 79500, 81000, 80200, 82000)
_PROJECT = {
    0: "[Energy Storage: Hilltown 300MW/1200MWh Storage Project Breaks Ground] On {day}, Crestline Power broke "
       "ground on the Hilltown 300MW/1200MWh solid-state storage project, which will cost 1.5 billion yuan.",
    2: "[Energy Storage: Hilltown 300MW/1200MWh Storage Project Awards Cell Contract] On {day}, Crestline Power "
       "awarded the cell contract of the Hilltown 300MW/1200MWh storage project to Sunwoda.",
    4: "[Energy Storage: Hilltown 300MW/1200MWh Storage Project Completes Installation] On {day}, Crestline Power "
       "completed the installation of the Hilltown 300MW/1200MWh storage project, with grid connection due in March.",
}
_FORECAST = {1: "50GWh", 3: "65GWh"}


def span_article(n: int) -> str:
    day = _SPAN_DAYS[n]
    lines = [f"SMM Weekly No. {n + 1}: Solid-State Battery Market", f"icon{_STAMPS[n]} 17:00", "Source:SMM", ""]
    lines.append(f"[Lithium Carbonate: Prices Move] On {day}, battery-grade lithium carbonate prices were "
                 f"{LITHIUM[n]:,} yuan/mt as cathode makers bought for their needs.")
    if n in _PROJECT:
        lines.append(_PROJECT[n].format(day=day))
    lines.append(f"[Cells: Gotion Tests Cell Batch {n + 1}] On {day}, Gotion High-tech tested its cell batch "
                 f"number {n + 1} of 20,00{n} cells at its Hefei plant.")
    if n == 3:
        lines.append(f"[Cells: Toyota Orders Separators] On {day}, Toyota ordered separators from Putailai.")
    if n in _FORECAST:
        lines += ["", f"SMM expects global solid-state battery shipments to reach {_FORECAST[n]} by 2030."]
    return "\n".join(lines) + "\n"


def write_span(seeds: Path) -> None:
    """One article in each week folder of ``SPAN``."""
    for n, week in enumerate(SPAN):
        folder = seeds / week
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"smm_weekly_{n + 1}.txt").write_text(span_article(n), encoding="utf-8")
