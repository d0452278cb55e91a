"""Numbers, money, growth and months in English and Korean: one place for every unit.

Every reply, digest and chart label formats through here, so "$48.01bn" and
"480.1억 달러" are spelt the same everywhere. Figures are US dollar millions, as
stored. Korean money is counted in 억 (100 million) because that is how Korean
trade reports print it; amounts under 1억 fall back to 만 (10,000).
"""

from __future__ import annotations

from datetime import date

from kortrade.months import parse_month

__all__ = [
    "LANGS",
    "balance",
    "date_name",
    "growth",
    "money",
    "month_name",
    "month_of_year",
    "months_count",
    "ordinal",
    "signed_pct",
    "years_count",
]

LANGS: tuple[str, ...] = ("en", "ko")

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _lang(lang: str | None) -> str:
    return "ko" if lang == "ko" else "en"


def money(value_usd_mn: float, lang: str = "en") -> str:
    """$48.01bn / $840.0mn in English; 480.1억 달러 / 640만 달러 in Korean."""
    sign = "-" if value_usd_mn < 0 else ""
    amount = abs(value_usd_mn)
    if _lang(lang) == "ko":
        if round(amount, 1) >= 100:
            return f"{sign}{amount / 100:,.1f}억 달러"
        return f"{sign}{round(amount * 100):,}만 달러"
    if round(amount, 1) >= 1000:
        return f"{sign}${amount / 1000:,.2f}bn"
    return f"{sign}${amount:,.1f}mn"


def signed_pct(pct: float) -> str:
    """+11.4% / -8.5% / 0.0% (no sign on a rounded zero)."""
    rounded = round(pct, 1)
    if rounded == 0:
        return "0.0%"
    return f"{rounded:+.1f}%"


def growth(pct: float, lang: str = "en", *, computed: bool = False) -> str:
    """Growth on a year earlier: "+11.4%" / "11.4% 증가"; says so when computed from levels."""
    if _lang(lang) == "ko":
        rounded = round(pct, 1)
        if rounded == 0:
            text = "보합(0.0%)"
        else:
            text = f"{abs(rounded):.1f}% {'증가' if rounded > 0 else '감소'}"
        return text + (" (계산치)" if computed else "")
    return signed_pct(pct) + (" (computed)" if computed else "")


def balance(value_usd_mn: float, lang: str = "en") -> str:
    """A balance as surplus or deficit: "a surplus of $3.96bn" / "39.6억 달러 흑자"."""
    if _lang(lang) == "ko":
        if value_usd_mn == 0:
            return "균형(0)"
        word = "흑자" if value_usd_mn > 0 else "적자"
        return f"{money(abs(value_usd_mn), 'ko')} {word}"
    if value_usd_mn == 0:
        return "balanced (zero)"
    word = "surplus" if value_usd_mn > 0 else "deficit"
    return f"a {word} of {money(abs(value_usd_mn), 'en')}"


def month_name(period: str, lang: str = "en") -> str:
    """`2021-01` -> "January 2021" / "2021년 1월"."""
    year, month = parse_month(period)
    if _lang(lang) == "ko":
        return f"{year}년 {month}월"
    return f"{_MONTHS_EN[month - 1]} {year}"


def date_name(iso_date: str, lang: str = "en") -> str:
    """`2021-02-01` -> "1 February 2021" / "2021년 2월 1일" (a release's publication day)."""
    try:
        day = date.fromisoformat(iso_date)
    except (TypeError, ValueError):
        raise ValueError(f"{iso_date!r} is not a YYYY-MM-DD date") from None
    if _lang(lang) == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def month_of_year(month: int, lang: str = "en") -> str:
    """1 -> "January" / "1월"."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1..12")
    return f"{month}월" if _lang(lang) == "ko" else _MONTHS_EN[month - 1]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def months_count(n: int, lang: str = "en") -> str:
    if _lang(lang) == "ko":
        return f"{n}개월"
    return f"{n} month" if n == 1 else f"{n} months"


def years_count(n: int, lang: str = "en") -> str:
    if _lang(lang) == "ko":
        return f"{n}년"
    return f"{n} year" if n == 1 else f"{n} years"
