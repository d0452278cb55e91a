"""`parse(text, vocab, today) -> Intent`: the one entry point of question understanding.

Order matters and is cheap: clean and cap the text; read periods (regex fast path,
dateparser only for leftovers that look like dates); match vocabulary terms on what the
periods left; then read cue words for the kind of question. When the text does not say
enough to answer without guessing, the Intent is a `clarify` with options; when it
names something the data does not have, `unknown_terms` says what.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from kortrade.intents import lexicon
from kortrade.intents.asks import Asks, PreScan, pre_scan, read_asks
from kortrade.intents.clarify import ambiguous_term, vague_question
from kortrade.intents.fallback import DATEISH_RE, fallback_period
from kortrade.intents.model import Intent, PeriodSpec, Subject
from kortrade.intents.normalize import Token, clean, detect_lang, lower, tokenize
from kortrade.intents.periods import PeriodHit, scan_periods
from kortrade.intents.places import is_country
from kortrade.intents.scope import decline_reason, foreign_trade
from kortrade.intents.spans import (
    latest_spec,
    month_spec,
    quarter_spec,
    shifted,
    trailing_spec,
)
from kortrade.intents.terms import TermScan, scan_terms
from kortrade.intents.vocabulary import Vocabulary
from kortrade.months import months_between

__all__ = ["parse"]

logger = logging.getLogger(__name__)

_MAX_SUBJECTS = 8
_COMMAND_RE = re.compile(r"^/([a-z_]+)(?:@\w+)?\s*", re.IGNORECASE)
_LIMIT_RE = re.compile(
    r"(?:top|bottom|best|worst|biggest|largest|상위|하위)\s*(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})\s*대\s*"
)
_WORD_NUMBERS = {"three": 3, "five": 5, "ten": 10, "twenty": 20}
_WORD_LIMIT_RE = re.compile(r"(?:top|bottom)\s+(three|five|ten|twenty)\b")


def parse(text: str, vocab: Vocabulary, today: dt.date | None = None) -> Intent:
    """Understand one question. Never raises: any failure becomes kind "unknown"."""
    try:
        return _understand(text, vocab, today or dt.date.today())
    except Exception:  # a bug here must cost one answer, never the bot
        logger.exception("parse failed on %r", text[:200] if isinstance(text, str) else text)
        return Intent(kind="unknown", text=clean(text) if isinstance(text, str) else "")


class _Cues:
    """Which cue words a question holds: English as tokens/phrases, Korean as substrings."""

    def __init__(self, words: list[str], masked_lower: str) -> None:
        self._words = set(words)
        self._joined = f" {' '.join(words)} "
        self._korean = masked_lower

    def any(self, english: tuple[str, ...], korean: tuple[str, ...] = ()) -> bool:
        for cue in english:
            if (" " in cue and f" {cue} " in self._joined) or cue in self._words:
                return True
        return any(cue in self._korean for cue in korean)


def _understand(text: str, vocab: Vocabulary, today: dt.date) -> Intent:
    cleaned = clean(text)
    command = _COMMAND_RE.match(cleaned)
    command_name = command.group(1).lower() if command else None
    body = cleaned[command.end() :] if command else cleaned
    lang = detect_lang(body)
    if command_name in ("help", "start") and not body:
        return Intent(kind="help", lang=lang, text=cleaned)
    if command_name == "latest" and not body:
        return Intent(kind="latest", period=latest_spec(relative=True), lang=lang, text=cleaned)
    if not body:
        return Intent(kind="unknown", lang=lang, text=cleaned)

    lowered = lower(body)
    pre = pre_scan(lowered)
    scan = scan_periods(body, pre.text, today)
    masked, hits = scan.masked, _just_past(_distinct(scan.hits, lowered), today, flash=pre.flash)
    if not hits:
        dateish = DATEISH_RE.search(masked)
        if dateish:
            spec = fallback_period(dateish.group(), today)
            if spec is not None:
                hits.append(PeriodHit(spec, dateish.start(), dateish.end()))
                masked = (
                    masked[: dateish.start()] + " " * len(dateish.group()) + masked[dateish.end() :]
                )

    tokens = tokenize(body, masked)
    terms = scan_terms(tokens, vocab)
    cues = _Cues([t.text for t in tokens], masked)
    all_words = _Cues([t.text for t in tokenize(body, lowered)], lowered)
    if command_name == "chart":
        cues = _Cues(["chart", *[t.text for t in tokens]], masked)

    flows, products, partners = _slugs_by_kind(terms, vocab)
    if (pre.ship_verb or pre.flash) and not flows:
        flows = ["export"]  # "what do we ship to", "the 20-day numbers": the flash is exports
    fixed_flows = {vocab.flow_only(p) for p in products}
    if not flows and len(fixed_flows) == 1 and "" not in fixed_flows:
        flows = [fixed_flows.pop()]  # "원유", "3대 에너지": import-only items are imports
    said = frozenset(
        name
        for name, named in (
            ("flow", flows),
            ("product", products),
            ("partner", partners),
            ("period", hits or scan.year_ago or scan.month_ago),
        )
        if named
    )
    detail = bool(products or partners)
    if not flows and cues.any(lexicon.TRADE_BOTH_EN, lexicon.TRADE_BOTH_KO):
        flows = ["export", "import"]
    subjects = _subjects(flows or ["export"], products or ["all"], partners or ["world"])
    named_words = {
        word
        for hit in terms.hits
        for slug in hit.slugs
        for lang_name in ("en", "ko")
        for word in lower(vocab.name(slug, lang_name)).split()
    }
    # "agricutural and fishery food": a word of the name a typo matched is not unknown.
    unknown = tuple(dict.fromkeys(u for u in terms.unknown if lower(u) not in named_words))
    suggestions = tuple(dict.fromkeys(s for term in unknown for s in _suggest(term, vocab)))
    base = {
        "lang": lang,
        "text": cleaned,
        "unknown_terms": unknown,
        "suggestions": suggestions,
        "said": said,
    }
    reason = decline_reason(lowered)
    if reason is None and partners and foreign_trade(lowered, _partner_spans(terms, tokens, vocab)):
        reason = "foreign"
    if reason is not None:
        return Intent(
            kind="decline",
            subjects=subjects,
            period=hits[0].spec if hits else latest_spec(),
            decline=reason,
            lang=lang,
            text=cleaned,
            said=said,
        )

    if terms.ambiguous:
        tie = terms.ambiguous[0]
        return Intent(
            kind="clarify",
            subjects=subjects,
            clarify=ambiguous_term(
                tie.text, tie.matches, body, vocab, lang, span=(tie.start, tie.end)
            ),
            **base,
        )

    said_anything = bool(flows or detail or hits or terms.hits)
    if not said_anything and cues.any(lexicon.ABOUT_EN, lexicon.ABOUT_KO):
        return Intent(kind="about", **base)
    if not said_anything and cues.any(lexicon.HELP_EN, lexicon.HELP_KO):
        return Intent(kind="help", **base)
    latest_said = cues.any(lexicon.LATEST_EN, lexicon.LATEST_KO)
    kind = _kind(cues, subjects, hits, scan.year_ago or scan.month_ago)
    asks = read_asks(
        [t.text for t in tokens],
        masked,
        pre=pre,
        balance=any(s.flow == "balance" for s in subjects),
    )
    if asks.kind is None and _three_month_average(lowered, hits, subjects):
        # "average exports over the last 3 months": the 3-month moving average, not the sum.
        asks, hits = Asks(kind="momentum", momentum="3mma"), []
    if asks.kind is not None and said_anything and _asks_wins(kind, asks):
        double = all_words.any(lexicon.DOUBLE_DIGIT_EN, lexicon.DOUBLE_DIGIT_KO)
        return _desk_intent(
            asks, pre, subjects, hits, latest_said, said, base, terms, tokens, double_digit=double
        )
    said_latest_only = (latest_said or command_name == "latest") and not (flows or detail or hits)
    if kind == "figure" and said_latest_only and not unknown:
        return Intent(kind="latest", period=latest_spec(relative=True), **base)
    if not said_anything and len(unknown) > 1 and not suggestions and not terms.attached:
        # "what's the weather in Seoul": several words, none about trade, none close to a
        # name: not a question for this bot, rather than an item called "weather".
        return Intent(kind="unknown", lang=lang, text=cleaned)
    if unknown and not detail and (not flows or terms.attached):
        kind = "unknown"  # "banana exports": say what is missing, never answer for all goods
    elif kind == "figure" and not said_anything:
        return Intent(kind="unknown", **base)  # "?", "thanks", "asdf": nothing we know

    ago = -12 if scan.year_ago else -1 if scan.month_ago else 0
    period, periods = _periods(kind, hits, ago, latest_said)
    if not ago and kind in ("figure", "compare") and _QOQ_RE.search(lowered):
        asked = _quarter_asked(hits, today)
        if asked is not None:  # "qoq exports", "전분기 대비": a quarter on the one before
            year, number = asked
            before = (year, number - 1) if number > 1 else (year - 1, 4)
            quarter = hits[0].spec if hits else _quarter_named(year, number, today, True)
            kind, period = "compare", quarter
            periods = (quarter, _quarter_named(*before, today, False))

    if (
        kind == "figure"
        and not detail
        and not hits
        and not latest_said
        and not (scan.year_ago or scan.month_ago)
        and len(subjects) == 1
        # "is the balance in deficit?", "are exports up or down?" ask about now
        and not all_words.any(
            (*lexicon.UP_EN, *lexicon.DOWN_EN), (*lexicon.UP_KO, *lexicon.DOWN_KO)
        )
        and not cues.any(lexicon.HOW_NOW_EN, lexicon.HOW_NOW_KO)  # "how are exports doing"
        and not all_words.any(lexicon.FIGURE_NOW_EN, lexicon.FIGURE_NOW_KO)  # "the y/y"
    ):
        return Intent(
            kind="clarify",
            subjects=subjects,
            period=period,
            clarify=vague_question(subjects[0].flow, vocab, lang),
            **base,
        )

    extra: dict[str, object] = {}
    if kind == "rank":
        extra.update(_rank_fields(cues, masked, lowered))
        if asks.kind == "share":  # "top partners by share": by value, each with its share
            extra["rank_by"] = "value"
            extra["share_of"] = Subject(subjects[0].flow, "all", "world")
    if kind == "record":
        lowest = cues.any(lexicon.LOWEST_EN, lexicon.LOWEST_KO)
        extra["record_kind"] = "lowest" if lowest else "highest"
        balance = any(s.flow == "balance" for s in subjects)  # its growth means nothing
        if not balance and all_words.any(lexicon.RECORD_GROWTH_EN, lexicon.RECORD_GROWTH_KO):
            extra["record_by"] = "growth"
    return Intent(
        kind=kind,
        subjects=subjects,
        period=period,
        periods=periods,
        direction=_direction(all_words),
        double_digit=all_words.any(lexicon.DOUBLE_DIGIT_EN, lexicon.DOUBLE_DIGIT_KO),
        **base,
        **extra,
    )


def _distinct(hits: tuple[PeriodHit, ...], text: str = "") -> list[PeriodHit]:
    """ "올해 들어 누적": two phrases for one period are one period, asked once; and in
    "상반기 누적 수입 2026" the year summed to date only carries the half's year, so the
    half is asked, not the half against the year to date."""
    if not _SET_AGAINST_RE.search(text):  # "2026 vs H1 2026" does compare the two
        hits = tuple(h for h in hits if not any(_within_its_year(o.spec, h.spec) for o in hits))
    seen: list[PeriodSpec] = []
    kept: list[PeriodHit] = []
    for hit in hits:
        if hit.spec.kind in ("month", "span") and hit.spec in seen:
            continue
        seen.append(hit.spec)
        kept.append(hit)
    return kept


_SET_AGAINST_RE = re.compile(r"\b(?:vs\.?|versus|compared?|against)(?!\w)|비교|맞대")


def _within_its_year(inner: PeriodSpec, year: PeriodSpec) -> bool:
    """`inner` is a closed part of the year `year` sums to date ("2026" read as 2026 so far)."""
    return (
        year.kind == "span"
        and year.open_end
        and inner is not year
        and inner.kind == "span"
        and not inner.open_end
        and bool(inner.start and year.start and inner.end)
        and inner.start[:4] == year.start[:4]
        and (inner.start, inner.end) != (year.start, year.end)
    )


_RECENT_MONTHS = 3


def _just_past(hits: list[PeriodHit], today: dt.date, *, flash: bool = False) -> list[PeriodHit]:
    """ "nov exports?" asked in December is the month just past, not a year earlier: a
    bare month that names one of the last three months is that month (the answer says if
    it is not in the data yet); an older one stays "the latest such month with data".
    A flash span is counted within the month ("exports to December 10th" asked on the
    3rd), so for a flash the current month is this year's too."""
    recent = {today.month: today.year} if flash else {}
    month = today.replace(day=1)
    for _ in range(_RECENT_MONTHS):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        recent[month.month] = month.year
    fixed = []
    for hit in hits:
        spec = hit.spec
        if spec.kind == "month_of_year" and spec.month in recent and len(hits) == 1:
            spec = month_spec(recent[spec.month], spec.month, spec.label)
        fixed.append(PeriodHit(spec, hit.start, hit.end))
    return fixed


_QOQ_RE = re.compile(
    r"\bq\s*/\s*q\b|\bqoq\b|\bquarter[\s-]+on[\s-]+quarter\b|\bprevious quarter\b|"
    r"\bquarter before\b|전\s*분기|직전\s*분기|전기\s*대비"
)


def _quarter_asked(hits: list[PeriodHit], today: dt.date) -> tuple[int, int] | None:
    """The quarter (year, number) a quarter-on-quarter question is about: the one named,
    else the last quarter ended; None when a month or a longer span is named."""
    if not hits:
        this = (today.month - 1) // 3
        return (today.year, this) if this else (today.year - 1, 4)
    spec = hits[0].spec
    quarter = (
        len(hits) == 1
        and spec.kind == "span"
        and spec.start
        and spec.end
        and months_between(spec.start, spec.end) == 2
        and int(spec.start[5:]) % 3 == 1
    )
    return (int(spec.start[:4]), (int(spec.start[5:]) + 2) // 3) if quarter and spec.start else None


def _quarter_named(year: int, number: int, today: dt.date, last: bool) -> PeriodSpec:
    relative = ("last quarter", "지난 분기") if last else None
    return quarter_spec(year, number, f"Q{number} {year}", today=today, relative=relative)


_AVERAGE_RE = re.compile(r"(?<!daily )\b(?:average|avg|mean)\b|(?<!일)(?<!일 )평균")


def _three_month_average(
    lowered: str, hits: list[PeriodHit], subjects: tuple[Subject, ...]
) -> bool:
    """An average asked over the last three months ("지난 3개월 수출 평균")."""
    if len(hits) != 1 or hits[0].spec.kind != "trailing" or hits[0].spec.months != 3:
        return False
    if any(s.flow == "export_daily_avg" for s in subjects):
        return False
    return _AVERAGE_RE.search(lowered) is not None


def _asks_wins(kind: str, asks: Asks) -> bool:
    """A desk cue decides the kind, except that a ranking that mentions a share ("top
    partners by share") stays a ranking. A chart of a share is answered as the share: a
    chart of levels would answer a different question."""
    if asks.kind == "flash":
        return True
    if kind == "rank" and asks.kind == "share":
        return False
    return not (kind == "chart" and asks.kind == "working_days")


def _desk_intent(
    asks: Asks,
    pre: PreScan,
    subjects: tuple[Subject, ...],
    hits: list[PeriodHit],
    latest_said: bool,
    said: frozenset[str],
    base: dict[str, object],
    terms: TermScan,
    tokens: list[Token],
    *,
    double_digit: bool = False,
) -> Intent:
    """The Intent of a share, last, since, momentum, working-days or flash question."""
    kind = asks.kind or "figure"
    period = hits[0].spec if hits else latest_spec(relative=latest_said)
    fields: dict[str, object] = {}
    if kind == "share":
        pair = _part_of_item(subjects, terms, tokens)
        if pair is not None:  # "crude oil's share of energy imports": one item of another
            subjects, fields["share_of"] = (pair[0],), pair[1]
        else:
            fields["share_of"] = _share_whole(subjects[0], terms, tokens)
    elif kind == "working_days":
        subjects = tuple(
            dict.fromkeys(
                Subject("export_daily_avg", s.product, s.partner) if s.flow == "export" else s
                for s in subjects
            )
        )
        if any(s.flow != "export_daily_avg" for s in subjects):
            # Only exports are stated per working day: imports "adjusted" would be a
            # different question answered with the plain figure.
            kind, fields["decline"] = "decline", "working_days"
    elif kind == "last":
        fields["event"] = asks.event
        if asks.event in ("fall", "rise") and double_digit:
            fields["event"] = f"double_digit_{asks.event}"
        fields["threshold_usd_mn"] = pre.threshold_usd_mn
    elif kind == "since":
        fields["record_kind"] = asks.record_kind
    elif kind == "momentum":
        fields["momentum"] = asks.momentum
    elif kind == "flash":
        fields["flash_days"] = pre.flash_days
    return Intent(kind=kind, subjects=subjects, period=period, **base, **fields)


def _share_whole(subject: Subject, terms: TermScan, tokens: list[Token]) -> Subject | None:
    """What a share is of: the flow's total with the same partner for an item ("chips' share
    of exports to China"), the flow's world total for a partner; for an item and a
    partner, the dimension named after the cue is the whole ("China's share of chip
    exports": chip exports to the world)."""
    if subject.product == "all" and subject.partner == "world":
        return None
    if subject.product != "all" and subject.partner != "world":
        cue = next((i for i, t in enumerate(tokens) if t.text in _SHARE_WORDS), None)
        product_at = next((h.start for h in terms.hits if subject.product in h.slugs), None)
        if cue is not None and product_at is not None and product_at > cue:
            return Subject(subject.flow, subject.product, "world")
        return Subject(subject.flow, "all", subject.partner)
    return Subject(subject.flow, "all", "world")


def _part_of_item(
    subjects: tuple[Subject, ...], terms: TermScan, tokens: list[Token]
) -> tuple[Subject, Subject] | None:
    """Two items of one flow and partner, one named after the share cue: (part, whole)."""
    if len(subjects) != 2 or len({(s.flow, s.partner) for s in subjects}) != 1:
        return None
    cue = next((i for i, t in enumerate(tokens) if t.text in _SHARE_WORDS), None)
    if cue is None:
        return None
    after = [s for s in subjects if any(s.product in h.slugs and h.start > cue for h in terms.hits)]
    if len(after) != 1:
        return None
    whole = after[0]
    part = subjects[0] if subjects[1] == whole else subjects[1]
    return part, whole


_SHARE_WORDS = frozenset({"share", "shares", "proportion", "portion", "percentage", "percent"})


def _partner_spans(
    terms: TermScan, tokens: list[Token], vocab: Vocabulary
) -> list[tuple[int, int]]:
    """Character spans of the partner names said (a Korean stem without its particle)."""
    spans = []
    for hit in terms.hits:
        if not any(vocab.kind(slug) == "partner" for slug in hit.slugs):
            continue
        first = tokens[hit.start]
        if first.is_hangul and hit.end - hit.start == 1 and first.text.startswith(hit.text):
            spans.append((first.start, first.start + len(hit.text)))
        else:
            spans.append((first.start, tokens[hit.end - 1].end))
    return spans


def _suggest(term: str, vocab: Vocabulary) -> list[str]:
    if term.startswith("HS "):  # an HS code we do not carry: offer the ones we do
        return vocab.slugs("hs")
    if is_country(term):  # "Indonesia": a real country we hold no figures for, not a typo
        return []
    return vocab.suggest(term)


def _slugs_by_kind(terms: TermScan, vocab: Vocabulary) -> tuple[list[str], list[str], list[str]]:
    flows: list[str] = []
    products: list[str] = []
    partners: list[str] = []
    for hit in terms.hits:
        for slug in hit.slugs:
            kind = vocab.kind(slug)
            if vocab.is_default(slug):
                continue
            bucket = flows if kind == "flow" else partners if kind == "partner" else products
            if slug not in bucket:
                bucket.append(slug)
    return flows, products, partners


def _subjects(flows: list[str], products: list[str], partners: list[str]) -> tuple[Subject, ...]:
    subjects = [Subject(f, p, c) for f in flows for p in products for c in partners]
    return tuple(subjects[:_MAX_SUBJECTS])


def _kind(cues: _Cues, subjects: tuple[Subject, ...], hits: list[PeriodHit], year_ago: bool) -> str:
    dimension = cues.any(tuple(lexicon.DIMENSION_EN), tuple(lexicon.DIMENSION_KO))
    if cues.any(lexicon.CHART_EN, lexicon.CHART_KO):
        return "chart"
    if cues.any(lexicon.STREAK_EN, lexicon.STREAK_KO) or (
        cues.any(("when",)) and cues.any(lexicon.RUN_START_EN)
    ):
        return "streak"
    if dimension and cues.any(lexicon.RANK_EN, lexicon.RANK_KO):
        return "rank"
    if cues.any(lexicon.RECORD_EN, lexicon.RECORD_KO):
        return "record"
    compare_said = cues.any(lexicon.COMPARE_EN, lexicon.COMPARE_KO)
    if (compare_said and (len(subjects) > 1 or len(hits) > 1)) or year_ago:
        return "compare"
    if len(hits) > 1 or (compare_said and len(subjects) > 1):
        return "compare"
    return "figure"


def _periods(
    kind: str, hits: list[PeriodHit], ago: int, latest_said: bool
) -> tuple[PeriodSpec, tuple[PeriodSpec, ...]]:
    """The period asked, and the periods compared: those named, or the one named and
    the same one `ago` months earlier ("vs a year ago": -12; "m/m": -1)."""
    specs = [h.spec for h in hits]
    if not specs:
        if kind == "chart":
            specs = [trailing_spec(12, "last 12 months")]
        else:
            specs = [latest_spec(relative=latest_said)]
    first = specs[0]
    if ago and len(specs) == 1:
        return first, (first, shifted(first, ago))
    if len(specs) > 1 and kind not in ("chart",):
        return first, tuple(specs)
    return first, ()


def _rank_fields(cues: _Cues, masked: str, lowered: str) -> dict[str, object]:
    dimension = "product"
    for word, dim in lexicon.DIMENSION_EN.items():
        if cues.any((word,)):
            dimension = dim
            break
    else:
        for word, dim in lexicon.DIMENSION_KO.items():
            if word in masked:
                dimension = dim
                break
    growth = cues.any(lexicon.GROWTH_EN, lexicon.GROWTH_KO)
    down = cues.any(
        (*lexicon.DOWN_EN, *lexicon.WORST_EN, *lexicon.SMALLEST_EN), (*lexicon.DOWN_KO, "하위")
    )
    return {
        "rank_dimension": dimension,
        "rank_by": "growth" if growth else "value",
        "rank_order": "asc" if down else "desc",
        "rank_limit": _limit(lowered),
    }


def _limit(lowered: str) -> int | None:
    found = _LIMIT_RE.search(lowered)
    if found:
        value = int(found.group(1) or found.group(2))
        return value if value > 0 else None
    word = _WORD_LIMIT_RE.search(lowered)
    return _WORD_NUMBERS[word.group(1)] if word else None


def _direction(cues: _Cues) -> str | None:
    up = cues.any(lexicon.UP_EN, lexicon.UP_KO)
    down = cues.any(lexicon.DOWN_EN, lexicon.DOWN_KO)
    if up == down:
        return None
    return "up" if up else "down"
