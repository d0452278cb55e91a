"""Reading Korea Customs Service's XML answers (data.go.kr), with the stdlib parser.

Two envelopes exist: the service's own `<response><header><resultCode>` (`00` fine, `03`
no data, `99` a span over 12 months, ...) and the data.go.kr gateway's
`<OpenAPI_ServiceResponse>` for key and quota problems (`returnReasonCode` 22, 30, ...).
Both become a `CustomsApiError` whose message says what to do. Values arrive in dollars
and leave in millions with the dataset's 3 decimals (a thousand dollars), so a month the
dataset already has re-imports as unchanged instead of as a needless revision.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from kortrade.errors import UserError
from kortrade.months import InvalidMonth, parse_month

__all__ = ["MAX_SPAN_MONTHS", "CustomsApiError", "answer", "parse_items", "parse_totals"]

MAX_SPAN_MONTHS = 12
_TOTAL_ROW = frozenset({"총계", "합계"})
#: data.go.kr gateway codes (the `OpenAPI_ServiceResponse` envelope), and what to do.
_GATEWAY_ERRORS: dict[str, str] = {
    "12": "this API service is not offered (check KORTRADE_CUSTOMS_API_URL)",
    "20": "access to this API service is denied for the key: apply for it on data.go.kr",
    "22": "the key's request quota for today is used up: try again tomorrow, or ask "
    "data.go.kr for a higher quota",
    "30": "the key in KORTRADE_CUSTOMS_API_KEY is not registered for this service: apply on "
    "data.go.kr and use the key it issues (the 'Decoding' or 'Encoding' form both work)",
    "31": "the key has expired: renew it on data.go.kr",
    "32": "this machine's IP address is not registered for the key on data.go.kr",
}


class CustomsApiError(UserError):
    """The customs API refused or failed; the message says what to do about it."""


def answer(content: bytes) -> ET.Element:
    """The parsed answer, or CustomsApiError for an error envelope or non-XML."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError:
        raise CustomsApiError("the customs API sent an answer that is not XML") from None
    if root.tag == "OpenAPI_ServiceResponse":
        code = (root.findtext(".//returnReasonCode") or "").strip()
        detail = (root.findtext(".//returnAuthMsg") or root.findtext(".//errMsg") or "").strip()
        what = _GATEWAY_ERRORS.get(code, f"the data.go.kr gateway refused the request: {detail}")
        raise CustomsApiError(f"customs API error {code}: {what}")
    code = (root.findtext("./header/resultCode") or "").strip()
    if code in ("00", "0", "03"):  # 03 = NODATA: an empty answer, not a failure
        return root
    if not code:
        raise CustomsApiError(
            "the customs API sent an unexpected answer (no result code): "
            "check KORTRADE_CUSTOMS_API_URL"
        )
    message = (root.findtext("./header/resultMsg") or "").strip()
    if code == "99" and "1년" in message:
        raise CustomsApiError(
            f"customs API error 99: a request may span at most {MAX_SPAN_MONTHS} months"
        )
    raise CustomsApiError(f"customs API error {code}: {message or 'no message'}")


def _period(text: str) -> str | None:
    period = text.strip().replace(".", "-")
    try:
        parse_month(period)
    except InvalidMonth:
        return None
    return period


def _millions(text: str | None) -> str | None:
    """Dollars -> millions, 3 decimals (the dataset's precision), as text for ingest."""
    try:
        dollars = Decimal((text or "").strip())
    except InvalidOperation:
        return None
    if not dollars.is_finite():
        return None
    return str((dollars / Decimal(1_000_000)).quantize(Decimal("0.001")))


def _items(root: ET.Element) -> Iterator[ET.Element]:
    yield from root.iterfind("./body/items/item")


def parse_totals(content: bytes, skipped: Counter[str] | None = None) -> list[tuple[str, str, str]]:
    """getNewtradeList -> [(period, flow, value_usd_mn)], exports and imports."""
    skipped = skipped if skipped is not None else Counter()
    out: list[tuple[str, str, str]] = []
    for item in _items(answer(content)):
        year = (item.findtext("year") or "").strip()
        if year in _TOTAL_ROW:
            continue
        period = _period(year)
        if period is None:
            skipped[f"rows with an unreadable month {year!r}"] += 1
            continue
        for flow, tag in (("export", "expDlr"), ("import", "impDlr")):
            value = _millions(item.findtext(tag))
            if value is None:
                skipped[f"{flow} rows without a value"] += 1
            else:
                out.append((period, flow, value))
    return out


def parse_items(
    content: bytes, hs: str, country: str | None, skipped: Counter[str] | None = None
) -> list[tuple[str, str]]:
    """getNitemtradeList -> [(period, export value_usd_mn)], 10-digit lines summed per month.

    Rows of another HS code or (when `country` is given) another country are left out.
    """
    skipped = skipped if skipped is not None else Counter()
    sums: dict[str, Decimal] = {}
    for item in _items(answer(content)):
        year = (item.findtext("year") or "").strip()
        code = (item.findtext("hsCd") or "").strip()
        if year in _TOTAL_ROW or code == "-":
            continue
        period = _period(year)
        if period is None:
            skipped[f"rows with an unreadable month {year!r}"] += 1
            continue
        if not code.startswith(hs):
            skipped[f"rows of another HS code than {hs}"] += 1
            continue
        stat = (item.findtext("statCd") or "").strip()
        if country is not None and stat not in ("", "-", country):
            skipped[f"rows of another country than {country}"] += 1
            continue
        try:
            dollars = Decimal((item.findtext("expDlr") or "").strip())
        except InvalidOperation:
            skipped["rows without an export value"] += 1
            continue
        sums[period] = sums.get(period, Decimal(0)) + dollars
    return [(period, _millions(str(total)) or "") for period, total in sorted(sums.items())]


# -- fetching -----------------------------------------------------------------------------
