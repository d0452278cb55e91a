"""The digest's source lines: one bullet per publisher, the news sites that carried it.

A month's release reaches the store through several news pages (the ministry's
release "as reported by" each), so listing every article URL repeated the ministry
five times and filled a phone screen with links. Grouped, each publisher is named once
with the sites (domains) that carried its figures; the article URLs stay in the
sources table and in question replies. Imports no telegram.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from kortrade.data.digest import SourceRef

__all__ = ["publisher_label", "source_lines"]

_REPORTED = ", as reported by "
# Publishers' Korean names, as Korean trade reports print them.
_PUBLISHERS_KO = {
    "Ministry of Trade, Industry and Energy": "산업통상자원부",
    "Ministry of Trade, Industry and Resources": "산업통상부",
    "Korea Customs Service": "관세청",
    "Statistics Korea (KOSIS)": "통계청 (KOSIS)",
}


def publisher_label(publisher: str, lang: str = "en") -> str:
    """The publisher's name in the reader's language (English when no Korean is known)."""
    base = publisher.split(_REPORTED, 1)[0]
    return _PUBLISHERS_KO.get(base, base) if lang == "ko" else base


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _brand(publisher: str) -> str | None:
    """The first word of a publisher's name ("urdupoint"), to recognise its site."""
    words = [word for word in re.split(r"[^a-z0-9]+", publisher.lower()) if word]
    return words[0] if words and len(words[0]) >= 4 else None


def _groups(refs: Iterable[SourceRef]) -> dict[str, list[str]]:
    """publisher -> the sites it was read on (domains, or the news site named), in the
    order the digest first uses each publisher."""
    refs = list(refs)
    groups: dict[str, list[str]] = {}
    for ref in refs:
        base, reported, via = (ref.publisher or ref.id).partition(_REPORTED)
        site = _domain(ref.url) or (via.removeprefix("www.") if reported else None)
        sites = groups.setdefault(base, [])
        if site is not None and site not in sites:
            sites.append(site)
    domains = [site for sites in groups.values() for site in sites]
    for ref in refs:
        publisher = ref.publisher or ref.id
        if groups.get(publisher) != []:
            continue
        # A news source stored without its URL ("UrduPoint / Pakistan Point News") is
        # the same source as a listed site of its name (urdupoint.com): name it once.
        brand = _brand(publisher)
        if brand and any(brand in domain for domain in domains):
            del groups[publisher]
        elif ref.title:
            groups[publisher] = [ref.title]
    return groups


def source_lines(refs: Iterable[SourceRef], lang: str = "en") -> list[str]:
    """ "Sources:" then "• Ministry of Trade, Industry and Energy: urdupoint.com, …"."""
    groups = _groups(refs)
    if not groups:
        return []
    lines = ["출처:" if lang == "ko" else "Sources:"]
    for publisher, sites in groups.items():
        name = publisher_label(publisher, lang)
        if not sites:
            lines.append(f"• {name}")
        else:
            lines.append(f"• {name}: {', '.join(sites)}")
    return lines
