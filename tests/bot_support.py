"""Shared by the bot tests: expected figures read from the shipped CSV rows."""

from __future__ import annotations

__all__ = ["PNG_SIGNATURE", "stated_growth"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stated_growth(
    rows: list[dict[str, str]], period: str, product: str = "all", partner: str = "world"
) -> str:
    """Export growth as the month's release stated it, as replies print it: "21.7%"."""
    wanted = (period, "export", product, partner, "release")
    for row in rows:
        if (row["period"], row["flow"], row["product"], row["partner"], row["basis"]) == wanted:
            return f"{abs(float(row['yoy_pct'])):.1f}%"
    raise LookupError(f"no release row for exports of {product} to {partner} in {period}")
