"""Is an unknown word a real country? Then it is a partner we hold no figures for, not a
typo of one we do ("Indonesia" is not "India"), and the partners are the list to show."""

from __future__ import annotations

from functools import cache

from babel import Locale

__all__ = ["is_country"]


@cache
def _country_names() -> frozenset[str]:
    """Country names in English and Korean from CLDR (two-letter codes: countries, not the
    numeric world regions)."""
    names: set[str] = set()
    for locale in ("en", "ko"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names.add(name.casefold())
    return frozenset(names)


def is_country(word: str) -> bool:
    return word.strip().casefold() in _country_names()
