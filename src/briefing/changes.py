"""What changed since earlier weeks: the records the history stage gives the briefing."""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import shown as number_text


@dataclass(frozen=True)
class PriceMove:
    """A product's quote this week against its previous quote in an earlier week."""

    product: str  # as the price table prints it
    unit: str  # "yuan/mt"
    value: float  # this week's quote (a range's middle)
    previous: float  # the earlier quote
    week: str  # the week of the earlier quote

    @property
    def change(self) -> float:
        """This week's quote minus the earlier one."""
        return self.value - self.previous

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the earlier quote (None when that was 0)."""
        return 100 * self.change / self.previous if self.previous else None

    @property
    def now(self) -> str:
        """This week's quote as printed: "81,000"."""
        return number_text(self.value)

    @property
    def shown(self) -> str:
        """The move as printed: "+1,500 yuan/mt (+1.9 %) on 2025-51"."""
        sign = "+" if self.change > 0 else ("−" if self.change < 0 else "±")
        percent = f" ({sign}{abs(self.percent):.1f} %)" if self.percent is not None else ""
        return f"{sign}{number_text(abs(self.change))} {self.unit}{percent} on {self.week}"


@dataclass(frozen=True)
class Revision:
    """A forecast of the same measure and year as one of an earlier week, with another value."""

    measure: str  # what is forecast ("global solid-state battery shipments")
    year: int | None  # the year it is for
    text: str  # this week's figure as written ("65GWh")
    previous: str  # the earlier figure as written ("50GWh")
    week: str  # the week of the earlier figure


@dataclass(frozen=True)
class FollowUp:
    """An item that continues a story of an earlier week (or only repeats it)."""

    item: str  # the item's id this week
    told: str  # its headline this week
    week: str  # the earlier week
    headline: str  # the earlier item's headline
    repeat: bool = False  # True when it says nothing the earlier item did not: left out of the body


@dataclass(frozen=True)
class Activity:
    """A company's mentions: items naming it over the last weeks, and this week."""

    company: str
    recent: int  # items naming it over the last ACTIVITY_WEEKS weeks, this one included
    this_week: int  # items naming it this week


@dataclass(frozen=True)
class Point:
    week: str
    value: float


@dataclass(frozen=True)
class Series:
    """One product's quotes week by week (its last quote of each week)."""

    product: str
    unit: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Changes:
    """What changed since earlier weeks; empty parts when the store holds no earlier week."""

    compared_with: str = ""  # the latest earlier week in the store, "" when none
    prices: tuple[PriceMove, ...] = ()
    revised: tuple[Revision, ...] = ()
    new_companies: tuple[str, ...] = ()  # named this week and in none of the earlier weeks compared
    followups: tuple[FollowUp, ...] = ()  # items continuing (or repeating) an earlier week's story
    activity: tuple[Activity, ...] = ()  # the companies most named recently
    series: tuple[Series, ...] = ()  # products with two quotes or more in the chart's window

    @property
    def any(self) -> bool:
        """True when there is something to say."""
        return bool(self.prices or self.revised or self.new_companies or self.followups)
