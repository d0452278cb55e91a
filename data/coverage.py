"""What the store holds, and what it lacks: the facts behind `/about` and `kortrade about`.

A desk deciding whether to rely on a figure needs to know where the series run and where
they have holes, once and plainly, rather than meeting each gap in a reply. Everything
here is read from the store (so it follows every ingest and upgrade), never typed in:
per basis the months of the headline; per item and partner the first and last month and
how many months between them have no figure of either basis; the flash spans; and the
sources by publisher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kortrade.data.digest import MAJOR_ITEMS, REGIONS
from kortrade.data.series import BASES, HEADLINE
from kortrade.months import months_between

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["Coverage", "SeriesSpan", "coverage"]


@dataclass(frozen=True, slots=True)
class SeriesSpan:
    """One series' stored months: first, last, how many are stored and missing between."""

    slug: str
    first: str
    last: str
    months: int
    missing: int


@dataclass(frozen=True, slots=True)
class Coverage:
    headline: dict[str, SeriesSpan]  # basis -> the exports total's span
    items: list[SeriesSpan]  # the release's major items, then other items, exports
    regions: list[SeriesSpan]  # the release's regions, exports
    countries: list[SeriesSpan]  # other partners (customs by country), exports
    imports: list[SeriesSpan]  # import items (energy), from the releases
    flash: dict[int, SeriesSpan]  # days (10, 20) -> the exports total's flash months
    sources: list[tuple[str, int]]  # (publisher, sources cited), most first


def _span(slug: str, periods: list[str]) -> SeriesSpan | None:
    if not periods:
        return None
    first, last = periods[0], periods[-1]
    expected = months_between(first, last) + 1
    return SeriesSpan(slug, first, last, len(periods), expected - len(periods))


def coverage(store: Store) -> Coverage:
    """The store's coverage, computed from the current figures (a few ms)."""
    conn = store.db.conn
    rows = conn.execute(
        "SELECT DISTINCT flow, product, partner, basis, period FROM figures WHERE is_current = 1"
    ).fetchall()
    by_series: dict[tuple[str, str, str], set[str]] = {}
    by_basis: dict[str, set[str]] = {basis: set() for basis in BASES}
    for flow, product, partner, basis, period in rows:
        by_series.setdefault((flow, product, partner), set()).add(period)
        if (flow, product, partner) == HEADLINE:
            by_basis[basis].add(period)
    headline = {
        basis: span
        for basis, periods in by_basis.items()
        if (span := _span("all", sorted(periods))) is not None
    }
    kinds = {row["slug"]: row["kind"] for row in store.names()}

    def spans(keys: list[tuple[str, str, str]], slug_at: int) -> list[SeriesSpan]:
        found = [_span(key[slug_at], sorted(by_series.get(key, ()))) for key in keys]
        return [span for span in found if span is not None]

    items = sorted(
        (k for k in by_series if k[0] == "export" and k[2] == "world" and k[1] != "all"),
        key=lambda k: (k[1] not in MAJOR_ITEMS, MAJOR_ITEMS.index(k[1]) if k[1] in MAJOR_ITEMS
                       else 0, k[1]),
    )  # fmt: skip
    items = [k for k in items if kinds.get(k[1]) == "item"]
    partners = [k for k in by_series if k[0] == "export" and k[1] == "all" and k[2] != "world"]
    regions = sorted((k for k in partners if k[2] in REGIONS), key=lambda k: REGIONS.index(k[2]))
    countries = sorted(k for k in partners if k[2] not in REGIONS and k[2] != "others")
    imports = sorted(
        k for k in by_series if k[0] == "import" and k[2] == "world" and k[1] != "all"
        and kinds.get(k[1]) == "item" and not by_series.get(("export", k[1], "world"))
    )  # fmt: skip
    flash: dict[int, SeriesSpan] = {}
    for days in (10, 20):
        periods = [
            p for (p,) in conn.execute(
                "SELECT period FROM flash_figures WHERE flow = 'export' AND product = 'all' "
                "AND partner = 'world' AND days = ? AND is_current = 1 ORDER BY period",
                (days,),
            )
        ]  # fmt: skip
        if (span := _span("all", periods)) is not None:
            flash[days] = span
    cited = conn.execute(
        "SELECT s.publisher, count(DISTINCT s.id) FROM sources s WHERE s.id IN "
        "(SELECT source FROM figures WHERE is_current = 1 UNION "
        "SELECT source FROM flash_figures WHERE is_current = 1) GROUP BY s.publisher"
    ).fetchall()
    return Coverage(
        headline=headline,
        items=spans(items, 1),
        regions=spans(regions, 2),
        countries=spans(countries, 2),
        imports=spans(imports, 1),
        flash=flash,
        sources=sorted(((p, n) for p, n in cited), key=lambda pn: (-pn[1], pn[0])),
    )
