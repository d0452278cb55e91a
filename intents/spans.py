"""Building `PeriodSpec`s with their English and Korean labels, and resolving them against data.

Every constructor validates instead of raising: an impossible month (13, February 30,
year 0 or 99999) becomes `PeriodSpec(kind="invalid", label=<what was typed>)` that the
answer layer can quote back. Years outside the data (1850, 2099) are real months and
stay valid: saying "data starts 1990-01" is the answer layer's job, which knows the data.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kortrade.intents.model import PeriodSpec
from kortrade.months import add_months, from_index, to_index

__all__ = [
    "MAX_TRAILING_MONTHS",
    "half_spec",
    "invalid_spec",
    "latest_spec",
    "month_name",
    "month_of_year_spec",
    "month_spec",
    "quarter_spec",
    "range_spec",
    "resolve_period",
    "shifted",
    "trailing_spec",
    "valid_day",
    "year_spec",
]

MAX_TRAILING_MONTHS = 1200
_MAX_YEAR = 9999

_QUARTER_KO = {1: "1분기", 2: "2분기", 3: "3분기", 4: "4분기"}
_HALF_KO = {1: "상반기", 2: "하반기"}


def month_name(month: int) -> str:
    return calendar.month_name[month]


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _valid(year: int, month: int) -> bool:
    return 1 <= year <= _MAX_YEAR and 1 <= month <= 12


def valid_day(year: int, month: int, day: int) -> bool:
    if not _valid(year, month):
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def invalid_spec(typed: str) -> PeriodSpec:
    typed = typed.strip()
    return PeriodSpec(kind="invalid", label=typed, label_ko=typed)


def latest_spec(relative: bool = False) -> PeriodSpec:
    """No period given (relative=False) or "latest"/"최근" said (relative=True)."""
    if relative:
        return PeriodSpec(
            kind="latest",
            label="latest",
            label_ko="최근",
            relative_label="latest",
            relative_label_ko="최근",
        )
    return PeriodSpec(kind="latest", label="latest", label_ko="최근")


def month_spec(
    year: int, month: int, typed: str, relative: tuple[str, str] | None = None
) -> PeriodSpec:
    if not _valid(year, month):
        return invalid_spec(typed)
    period = _ym(year, month)
    return PeriodSpec(
        kind="month",
        start=period,
        end=period,
        label=f"{month_name(month)} {year}",
        label_ko=f"{year}년 {month}월",
        relative_label=relative[0] if relative else None,
        relative_label_ko=relative[1] if relative else None,
    )


def month_of_year_spec(month: int, typed: str) -> PeriodSpec:
    if not 1 <= month <= 12:
        return invalid_spec(typed)
    return PeriodSpec(
        kind="month_of_year", month=month, label=month_name(month), label_ko=f"{month}월"
    )


def _span(
    start: tuple[int, int],
    end: tuple[int, int],
    label: str,
    label_ko: str,
    typed: str,
    *,
    today: dt.date | None,
    open_end: bool = False,
    relative: tuple[str, str] | None = None,
) -> PeriodSpec:
    if not (_valid(*start) and _valid(*end)) or start > end:
        return invalid_spec(typed)
    if today is not None and end >= (today.year, today.month):
        open_end = True
    return PeriodSpec(
        kind="span",
        start=_ym(*start),
        end=_ym(*end),
        label=label,
        label_ko=label_ko,
        relative_label=relative[0] if relative else None,
        relative_label_ko=relative[1] if relative else None,
        open_end=open_end,
    )


def year_spec(
    year: int,
    typed: str,
    *,
    today: dt.date | None,
    to_date: bool = False,
    relative: tuple[str, str] | None = None,
) -> PeriodSpec:
    label, label_ko = (
        (f"{year} year to date", f"{year}년 누계") if to_date else (f"{year}", f"{year}년")
    )
    return _span(
        (year, 1),
        (year, 12),
        label,
        label_ko,
        typed,
        today=today,
        open_end=to_date,
        relative=relative,
    )


def quarter_spec(
    year: int,
    quarter: int,
    typed: str,
    *,
    today: dt.date | None,
    relative: tuple[str, str] | None = None,
) -> PeriodSpec:
    if not 1 <= quarter <= 4:
        return invalid_spec(typed)
    first = 3 * quarter - 2
    return _span(
        (year, first),
        (year, first + 2),
        f"Q{quarter} {year}",
        f"{year}년 {_QUARTER_KO[quarter]}",
        typed,
        today=today,
        relative=relative,
    )


def half_spec(year: int, half: int, typed: str, *, today: dt.date | None) -> PeriodSpec:
    if half not in (1, 2):
        return invalid_spec(typed)
    first = 1 if half == 1 else 7
    return _span(
        (year, first),
        (year, first + 5),
        f"H{half} {year}",
        f"{year}년 {_HALF_KO[half]}",
        typed,
        today=today,
    )


def range_spec(
    start: tuple[int, int],
    end: tuple[int, int],
    typed: str,
    *,
    today: dt.date | None,
    open_end: bool = False,
    since: bool = False,
) -> PeriodSpec:
    """A month range; `since` labels it "since January 2021" (start to the latest data)."""
    (y1, m1), (y2, m2) = start, end
    if not (_valid(y1, m1) and _valid(y2, m2)):
        return invalid_spec(typed)
    if since:
        label, label_ko = f"since {month_name(m1)} {y1}", f"{y1}년 {m1}월 이후"
    elif y1 == y2 and m1 == 1 and m2 == 12:
        label, label_ko = str(y1), f"{y1}년"
    elif y1 == y2:
        label = f"{month_name(m1)}–{month_name(m2)} {y1}"
        label_ko = f"{y1}년 {m1}~{m2}월"
    elif m1 == 1 and m2 == 12:
        label, label_ko = f"{y1}–{y2}", f"{y1}~{y2}년"
    else:
        label = f"{month_name(m1)} {y1}–{month_name(m2)} {y2}"
        label_ko = f"{y1}년 {m1}월~{y2}년 {m2}월"
    return _span(start, end, label, label_ko, typed, today=today, open_end=open_end or since)


def trailing_spec(count: int, typed: str) -> PeriodSpec:
    """The `count` months ending at the latest month with data ("last 12 months")."""
    if not 1 <= count <= MAX_TRAILING_MONTHS:
        return invalid_spec(typed)
    return PeriodSpec(
        kind="trailing",
        months=count,
        label=f"last {count} months",
        label_ko=f"최근 {count}개월",
        relative_label=f"last {count} months",
        relative_label_ko=f"최근 {count}개월",
    )


def shifted(spec: PeriodSpec, months: int) -> PeriodSpec:
    """The same period `months` later (negative: earlier): concrete months move now,
    data-relative ones ("latest", "January") carry the shift to `resolve_period`."""
    if spec.kind in ("month", "span") and spec.start and spec.end:
        try:
            start, end = add_months(spec.start, months), add_months(spec.end, months)
        except ValueError:
            return invalid_spec(spec.label)
        if spec.kind == "month":
            year, month = int(start[:4]), int(start[5:])
            return month_spec(year, month, start)
        label = _relabel(spec.label, months) or f"{spec.label} ({_shift_words(months)})"
        label_ko = _relabel(spec.label_ko, months) or (
            f"{spec.label_ko} ({_shift_words_ko(months)})"
        )
        if spec.open_end:
            # "2026 so far" stops at the latest month with data; a year earlier must stop
            # at the same month of its year (Jan-Sep 2025, not all of 2025), so the span
            # stays open and the shift is applied after it is cut (`resolve_period`).
            return PeriodSpec(
                kind="span",
                start=spec.start,
                end=spec.end,
                label=label,
                label_ko=label_ko,
                open_end=True,
                shift=spec.shift + months,
            )
        return PeriodSpec(kind="span", start=start, end=end, label=label, label_ko=label_ko)
    if spec.kind == "invalid":
        return spec
    return PeriodSpec(
        kind=spec.kind,
        month=spec.month,
        months=spec.months,
        label=f"{spec.label} ({_shift_words(months)})",
        label_ko=f"{spec.label_ko} ({_shift_words_ko(months)})",
        shift=spec.shift + months,
    )


_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _relabel(label: str, months: int) -> str | None:
    """A label moved by whole years names the new years ("Q1 2021" -> "Q1 2020")."""
    if months % 12 or not _YEAR_RE.search(label):
        return None
    return _YEAR_RE.sub(lambda m: str(int(m.group(1)) + months // 12), label)


def _shift_words(months: int) -> str:
    if months == -12:
        return "a year earlier"
    return f"{abs(months)} months {'earlier' if months < 0 else 'later'}"


def _shift_words_ko(months: int) -> str:
    if months == -12:
        return "1년 전"
    return f"{abs(months)}개월 {'전' if months < 0 else '후'}"


def resolve_period(spec: PeriodSpec, latest: str) -> tuple[str, str] | None:
    """(start, end) months of a spec, given the latest month with data (`YYYY-MM`).

    "latest" is that month; "January" the latest January at or before it; "last 12
    months" the 12 months ending at it; an open-ended span ("2026 so far") stops at it.
    None for an invalid spec.
    """
    latest_index = to_index(latest)
    if spec.kind == "invalid":
        return None
    if spec.kind == "latest":
        start = end = latest_index
    elif spec.kind == "month_of_year" and spec.month:
        year, month0 = divmod(latest_index, 12)
        if spec.month - 1 > month0:
            year -= 1
        start = end = year * 12 + spec.month - 1
    elif spec.kind == "trailing" and spec.months:
        start, end = latest_index - spec.months + 1, latest_index
    elif spec.start and spec.end:
        start, end = to_index(spec.start), to_index(spec.end)
        if spec.open_end and start <= latest_index < end:
            end = latest_index
    else:
        return None
    start, end = start + spec.shift, end + spec.shift
    if start < 12 or end > _MAX_YEAR * 12 + 11:
        return None
    return from_index(start), from_index(end)
