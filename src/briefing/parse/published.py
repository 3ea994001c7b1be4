"""When an article was published, and how that is known.

In order: the editor's sidecar, the file's own metadata (HTML, feed, front
matter), the page's publication stamp, a date coded in its title, its
dateline with a year from the text, the first date in the text, the year
alone. Each answer says how it was found, and whether a part was inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import dates
from ..errors import UsageError
from ..models import UNKNOWN_DAY, ResolvedDate, Source


def publication(source: Source, stamp: dt.datetime | None, dateline: tuple[int, int] | None,
                body: str, title: str = "", dateline_text: str = "") -> ResolvedDate:
    """When the article was published, and how we know."""
    pinned = source.sidecar.date
    if pinned is not None:
        return ResolvedDate(pinned.date(), pinned.isoformat(), True, "pinned by the editor in the sidecar file")
    if source.found.date is not None:
        found = source.found.date
        return ResolvedDate(found.date(), found.isoformat(), True, f"the {source.kind} file's own metadata")
    if stamp is not None:
        return ResolvedDate(stamp.date(), stamp.strftime("%b %d, %Y %H:%M"), True, "the page's publication stamp")
    if (period := title_period(title)) is not None and period.end is not None:
        return ResolvedDate(period.end, period.text, False, "the last day of the period its title names", kind="title")
    inferred = dates.infer_year(body)
    if inferred and (coded := dates.title_date(title, None, inferred[0])):
        return ResolvedDate(coded.value, coded.text, False, f"{coded.how} ({inferred[1]})", kind="title")
    if dateline and inferred:
        year, why = inferred
        try:
            return ResolvedDate(dt.date(year, *dateline), dateline_text, False,
                                f"dateline month and day; year inferred: {why}", kind="dateline")
        except ValueError:
            pass
    if inferred and (found := _from_text(body, *inferred)):
        return found
    return undated(source)


def folder_week(path: Path) -> str:
    """The ISO week of the folder an article sits in (``seeds/2025-47/x.txt``), or ""."""
    for parent in path.parents:
        if dates.WEEK.match(parent.name):
            try:
                return dates.parse_week(parent.name)[0]
            except UsageError:
                return ""
    return ""


def undated(source: Source) -> ResolvedDate:
    """No date on the page: its week folder places it, else its date is unknown."""
    week = folder_week(source.path)
    if week:
        monday = dates.parse_week(week)[1]
        return ResolvedDate(monday, week, False, f"no date on the page; placed in week {week} by its folder "
                            f"{source.path.parent.name}/", kind="folder")
    return ResolvedDate(UNKNOWN_DAY, "", False,
                        "no date found (no stamp, dateline or year in the text); put the file in its week's "
                        f"folder (seeds/2025-47/) or pin a date in {source.path.stem}.meta.toml (date = 2025-11-20)",
                        kind="unknown")


def _from_text(body: str, year: int, why: str) -> ResolvedDate | None:
    first = dates.EVENT.search(body)
    if first:
        month, day = dates.month_number(first["month"]), int(first["day"])
        try:
            value = dt.date(int(first["year"] or year), month, day)
        except ValueError:
            value = dt.date(year, 1, 1)
        return ResolvedDate(value, first.group(0), False,
                            f"inferred from the first date in the text ({first.group(0).strip()}); year: {why}")
    if (full := dates.find_stamp(body)) is not None:
        return ResolvedDate(full[0].date(), full[1].group(0), False,
                            f"inferred from the first full date in the text ({full[1].group(0).strip()})")
    if "as still to come" in why and "as past" not in why:
        return None  # "by 2030" says when something is due, not when the page was written
    return ResolvedDate(dt.date(year, 1, 1), str(year), False, f"only the year could be inferred: {why}")


_MONTH_YEAR = re.compile(r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:Newsletter\s+)?"
                         r"(?P<year>(?:19|20)\d{2})\b|(?P<y2>(?:19|20)\d{2})年(?P<m2>1[0-2]|0?[1-9])月(?!\d)", re.I)


def month_anchor(title: str) -> dt.date | None:
    """The last day of the month a title names with its year ("January Newsletter 2023", "August 2019",
    "2019年8月"): where an undated page's months and days take their year."""
    m = _MONTH_YEAR.search(title)
    if not m:
        return None
    year, month = (int(m["year"]), dates.month_number(m["month"])) if m["year"] else (int(m["y2"]), int(m["m2"]))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)



_TITLE_YEAR = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})(?![\d.\-/])")


def year_anchor(title: str, anchor: dt.date) -> dt.date:
    """Where the days a page gives without a year take it: the publication date, unless the title names
    the one year the page looks back on ("... plans in 2019", published at its end or just after), whose
    middle then places them (a "January 9" told on December 31 is that January, not the next)."""
    years = {int(y) for y in _TITLE_YEAR.findall(title)}
    if len(years) != 1 or not anchor.year - 1 <= (year := years.pop()) <= anchor.year:
        return anchor
    return min(anchor, dt.date(year, 7, 1))


# a title's period written with its year: "周报(2025.3.10-2025.3.14)", "Weekly 2025-03-10 to 2025-03-14"
_RANGE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[.\-/年](?P<m>\d{1,2})[.\-/月](?P<d>\d{1,2})日?\s*(?:-|–|—|~|至|到|to)\s*"
                    r"(?:(?P<y2>(?:19|20)\d{2})[.\-/年])?(?:(?P<m2>\d{1,2})[.\-/月])?(?P<d2>\d{1,2})日?(?!\d)")


def title_period(title: str) -> ResolvedDate | None:
    """The week (or month's part) a title names with its year ("周报(2025.3.10-2025.3.14)")."""
    m = _RANGE.search(title)
    if not m:
        return None
    try:
        first = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        last = dt.date(int(m["y2"] or m["y"]), int(m["m2"] or m["m"]), int(m["d2"]))
    except ValueError:
        return None
    if not dt.timedelta(0) < last - first <= dt.timedelta(days=31):
        return None
    return ResolvedDate(first, m.group(0), True, "written in full in the title", end=last, kind="range")
