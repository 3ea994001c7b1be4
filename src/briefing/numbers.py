"""Numbers as the briefing prints them."""

from __future__ import annotations


def shown(value: float) -> str:
    """Thousands separators and no needless decimals: 1900000.0 -> "1,900,000", 0.5500 -> "0.55"."""
    text = f"{value:,.2f}" if abs(value) >= 100 else f"{value:,.4f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
