"""Import from Korea Customs Service's open API (data.go.kr) through the validated ingest.

- `import_range` (`getNewtradeList`, 수출입총괄): monthly totals; exports and imports (all
  goods, world) stored as `customs` figures, source `kcs-newtrade`. The balance is not
  stored: the store keeps the ministry's release balance only.
- `import_items` (`getNitemtradeList`, 품목별·국가별): exports of one HS code to each
  requested country that names.csv knows as a partner, and to the world (a request
  without a country), source `kcs-nitemtrade-<code>` (it must exist in sources.csv). A
  4-digit code answers one row per 10-digit line; they are summed per month. The
  dataset's `others` residual is not recomputed here.

A request may span at most 12 months (the API answers code 99 otherwise), so longer spans
are split. Each span is ingested in its own transaction, through the same `ingest_rows`
validation as a CSV, so a quota error halfway keeps what came before, and says so.
Parsing and the API's error codes live in `customs_xml`.

The key travels only in the query string: never in a log line or an error message
(httpx's own exception texts carry the URL, so they are never repeated).
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

import httpx

from kortrade.data.customs_xml import (
    MAX_SPAN_MONTHS,
    CustomsApiError,
    answer,
    parse_items,
    parse_totals,
)
from kortrade.data.ingest import IngestReport, ingest_rows
from kortrade.months import InvalidMonth, describe_months, month_range, parse_month

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = [
    "COUNTRY_SLUGS",
    "DEFAULT_COUNTRIES",
    "MAX_SPAN_MONTHS",
    "CustomsApiError",
    "ImportReport",
    "import_items",
    "import_range",
    "parse_items",
    "parse_totals",
    "spans",
]

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
NEWTRADE_PATH = "/Newtrade/getNewtradeList"
NITEMTRADE_PATH = "/nitemtrade/getNitemtradeList"
#: ISO codes the API uses (`cntyCd`/`statCd`) for the partners names.csv knows.
COUNTRY_SLUGS: dict[str, str] = {
    "CN": "china",
    "US": "united_states",
    "JP": "japan",
    "VN": "vietnam",
    "HK": "hong_kong",
    "TW": "taiwan",
    "FR": "france",
    "PL": "poland",
    "GB": "united_kingdom",
    "IN": "india",
}
#: The countries the shipped HS 8542 series covers.
DEFAULT_COUNTRIES: tuple[str, ...] = ("US", "CN", "JP", "VN", "HK", "TW", "FR", "PL", "GB")
_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass
class ImportReport:
    """What an import fetched and stored; `skipped` counts rows left out, by reason."""

    service: str
    start: str
    end: str
    requests: int = 0
    rows: int = 0
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    new_periods: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def _take(self, report: IngestReport) -> None:
        self.added += report.added
        self.revised += report.revised
        self.unchanged += report.unchanged
        self.new_periods.extend(report.new_periods)

    def summary(self) -> str:
        text = (
            f"{self.service} {self.start}..{self.end}: {self.rows} rows in {self.requests} "
            f"requests; added {self.added}, revised {self.revised}, unchanged {self.unchanged}"
        )
        if self.new_periods:
            text += f" (new months: {describe_months(tuple(self.new_periods))})"
        if self.skipped:
            text += "; skipped: " + ", ".join(f"{n} {why}" for why, n in self.skipped.items())
        return text


def spans(start: str, end: str) -> list[tuple[str, str]]:
    """`start..end` cut into consecutive pieces of at most 12 months."""
    months = list(month_range(start, end))
    return [
        (chunk[0], chunk[-1])
        for chunk in (months[i : i + MAX_SPAN_MONTHS] for i in range(0, len(months), 12))
    ]


# -- parsing ------------------------------------------------------------------------------
def _key(api_key: str | None) -> str:
    if not api_key or not api_key.strip():
        raise CustomsApiError(
            "KORTRADE_CUSTOMS_API_KEY is not set: get a key for Korea Customs Service's "
            "'수출입총괄' and '품목별 국가별 수출입실적' services on data.go.kr"
        )
    key = api_key.strip()
    # data.go.kr shows an "Encoding" (percent-encoded) and a "Decoding" key; httpx encodes
    # parameters itself, so an encoded key is decoded once to avoid encoding it twice.
    return unquote(key) if "%" in key else key


def _fetch(client: httpx.Client, url: str, params: dict[str, str]) -> bytes:
    try:
        response = client.get(url, params=params)
    except httpx.TimeoutException:
        raise CustomsApiError("the customs API did not answer in time; try again later") from None
    except httpx.HTTPError as exc:
        # Not str(exc): httpx puts the URL, key included, into its messages.
        host = httpx.URL(url).host
        raise CustomsApiError(
            f"cannot reach the customs API at {host} ({type(exc).__name__})"
        ) from None
    content = response.content
    if response.status_code != 200:
        answer(content)  # an error envelope says more than the status
        raise CustomsApiError(f"the customs API answered HTTP {response.status_code}")
    return content


class _Client:
    """An httpx client owned here (closed after use) or lent by the caller (left open)."""

    def __init__(self, client: httpx.Client | None) -> None:
        self.client = client or httpx.Client(timeout=_TIMEOUT, follow_redirects=True)
        self.owned = client is None

    def __enter__(self) -> httpx.Client:
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.client.close()


def _check_span(start: str, end: str) -> None:
    for month in (start, end):
        try:
            parse_month(month)
        except InvalidMonth as exc:
            raise CustomsApiError(str(exc)) from None
    if end < start:
        raise CustomsApiError(f"the span {start}..{end} ends before it starts")


def _row(
    period: str, flow: str, product: str, partner: str, value: str, source: str
) -> dict[str, Any]:
    return {
        "period": period, "flow": flow, "product": product, "partner": partner,
        "value_usd_mn": value, "yoy_pct": "", "basis": "customs", "source": source,
        "published_on": "",
    }  # fmt: skip


def _ingest(store: Store, report: ImportReport, rows: list[dict[str, Any]], origin: str) -> None:
    report.rows += len(rows)
    if rows:
        report._take(ingest_rows(store, rows, origin=origin))


def _call(
    http: httpx.Client,
    url: str,
    params: dict[str, str],
    report: ImportReport,
    first: str,
    last: str,
    parse: Callable[..., list[_T]],
) -> list[_T]:
    """One request, parsed; an error names what earlier spans already stored."""
    try:
        content = _fetch(http, url, params)
        report.requests += 1
        return parse(content, skipped=report.skipped)
    except CustomsApiError as exc:
        raise _partial(exc, report, first, last) from None


def _partial(exc: CustomsApiError, report: ImportReport, first: str, last: str) -> CustomsApiError:
    """The error, plus what earlier spans already stored (each span is its own transaction)."""
    if report.rows == 0:
        return exc
    done = f"{report.start}..{first}" if first > report.start else "nothing"
    return CustomsApiError(
        f"{exc} (stopped at {first}..{last}; stored before that: {done}, "
        f"added {report.added}, revised {report.revised}, unchanged {report.unchanged})"
    )


def import_range(
    store: Store,
    start: str,
    end: str,
    *,
    api_key: str | None,
    base_url: str,
    client: httpx.Client | None = None,
) -> ImportReport:
    """Import monthly export and import totals for `start..end` (YYYY-MM, both included)."""
    key = _key(api_key)
    _check_span(start, end)
    report = ImportReport("getNewtradeList", start, end)
    url = base_url.rstrip("/") + NEWTRADE_PATH
    with _Client(client) as http:
        for first, last in spans(start, end):
            params = {"serviceKey": key, "strtYymm": first.replace("-", ""),
                      "endYymm": last.replace("-", "")}  # fmt: skip
            totals = _call(http, url, params, report, first, last, parse_totals)
            rows = [
                _row(period, flow, "all", "world", value, "kcs-newtrade")
                for period, flow, value in totals
                if _within(period, first, last, report.skipped)
            ]
            _ingest(store, report, rows, f"customs-api getNewtradeList {first}..{last}")
    logger.info("%s", report.summary())
    return report


def _within(period: str, first: str, last: str, skipped: Counter[str]) -> bool:
    if first <= period <= last:
        return True
    skipped["rows outside the requested months"] += 1
    return False


def import_items(
    store: Store,
    hs: str,
    start: str,
    end: str,
    *,
    api_key: str | None,
    base_url: str,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    world: bool = True,
    client: httpx.Client | None = None,
) -> ImportReport:
    """Import exports of HS code `hs` (e.g. "8542") to `countries` and the world."""
    key = _key(api_key)
    _check_span(start, end)
    hs = hs.strip().lower().removeprefix("hs")
    if not hs.isdigit() or len(hs) not in (2, 4, 6, 10):
        raise CustomsApiError(f"HS code {hs!r} must be 2, 4, 6 or 10 digits")
    source = f"kcs-nitemtrade-{hs}"
    if store.source(source) is None:
        raise CustomsApiError(f"no source {source!r} in sources.csv: add it before importing")
    report = ImportReport(f"getNitemtradeList hs{hs}", start, end)
    partners = {row["slug"] for row in store.names() if row["kind"] == "partner"}
    targets: list[tuple[str | None, str]] = [(None, "world")] if world else []
    for code in countries:
        slug = COUNTRY_SLUGS.get(code.upper())
        if slug is None or slug not in partners:
            report.skipped[f"unknown country code {code!r}"] += 1
            logger.warning("country code %r has no partner slug in names.csv; skipped", code)
            continue
        targets.append((code.upper(), slug))
    url = base_url.rstrip("/") + NITEMTRADE_PATH
    with _Client(client) as http:
        for first, last in spans(start, end):
            rows: list[dict[str, Any]] = []
            for country, slug in targets:
                params = {"serviceKey": key, "strtYymm": first.replace("-", ""),
                          "endYymm": last.replace("-", ""), "hsSgn": hs}  # fmt: skip
                if country is not None:
                    params["cntyCd"] = country
                parse = functools.partial(parse_items, hs=hs, country=country)
                values = _call(http, url, params, report, first, last, parse)
                rows.extend(
                    _row(period, "export", f"hs{hs}", slug, value, source)
                    for period, value in values
                    if _within(period, first, last, report.skipped)
                )
            _ingest(store, report, rows, f"customs-api getNitemtradeList hs{hs} {first}..{last}")
    logger.info("%s", report.summary())
    return report
