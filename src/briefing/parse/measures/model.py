"""The vocabulary of metrics and the records of what a figure measures."""

from __future__ import annotations

from dataclasses import dataclass

# The metric vocabulary (the labelling guide's, tests/realworld/labels/README.md)
METRICS = ("shipments", "demand", "output", "sales", "installations", "capacity", "power", "energy", "market size",
           "penetration rate", "growth rate", "CAGR", "price", "price change", "premium", "contract value",
           "investment", "inventory", "imports", "exports", "share", "duration", "cycle life", "energy density",
           "other")


@dataclass(frozen=True)
class Measure:
    """What one figure measures."""

    subject: str = ""
    metric: str = "other"
    start_year: int | None = None
    end_year: int | None = None
    forecaster: str = ""


@dataclass(frozen=True)
class Span:
    """A figure's place in its sentence and what its unit says."""

    start: int
    end: int
    unit: str
    currency: str | None = None
    per: str | None = None
