"""A short follow-up ("and imports?", "and to China?", "작년엔?") read against the question
it follows: it keeps the subject, period and kind of that question and changes only what
it names itself.

A text is a follow-up when it opens like one ("and", "what about", "그럼", "그리고") or
names too little to stand alone (no flow, or just a bare flow that would be asked back
about). A text that names something the vocabulary does not know, or that asks for help,
is read on its own, so a follow-up can never turn an unknown word into a figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re

from kortrade.intents.model import Intent, Subject
from kortrade.intents.parse import parse
from kortrade.intents.spans import shifted
from kortrade.intents.vocabulary import Vocabulary

__all__ = ["MAX_FOLLOW_UP_WORDS", "follow_up", "share_whole"]

logger = logging.getLogger(__name__)

MAX_FOLLOW_UP_WORDS = 6
_OPENERS = re.compile(
    r"^\s*(?:and|also|what about|how about|same for|and what about|then|그럼|그러면|그리고|또|"
    r"그렇다면)(?:\s|$|[?,.])",
    re.IGNORECASE,
)
_KO_TOPIC_END = re.compile(r"(?:은|는|엔|에는|도|이라면|라면)\s*[?？]?\s*$")
_BASE_KINDS = frozenset(
    {"figure", "compare", "share", "last", "since", "momentum", "working_days", "flash", "chart",
     "streak", "record", "rank"}
)  # fmt: skip
_MAX_SUBJECTS = 8


def follow_up(
    text: str, previous: Intent | None, vocab: Vocabulary, today: dt.date | None = None
) -> Intent:
    """`parse(text)`, completed from `previous` when `text` is a follow-up to it. Never
    raises: a failure to merge answers the text on its own."""
    intent = parse(text, vocab, today)
    try:
        if previous is None:
            return intent
        if _cue_only(text, intent, previous):
            # "and the 3mma?", "share?", "비중은?": a cue with no subject asks it of the
            # subject before, so it is read as if that subject were named.
            again = parse(f"{text} {_subject_words(previous, vocab)}", vocab, today)
            if again.kind in _DESK_KINDS and not again.unknown_terms:
                return _merged(dataclasses.replace(again, text=intent.text), previous)
        if not _follows(text, intent, previous):
            return intent
        return _merged(intent, previous)
    except Exception:  # a bug here must cost the follow-up, never the answer
        logger.exception("follow-up failed on %r", text[:200])
        return intent


_DESK_KINDS = frozenset({"share", "last", "since", "momentum", "working_days", "flash"})


def _cue_only(text: str, intent: Intent, previous: Intent) -> bool:
    return (
        intent.kind == "unknown"
        and not intent.unknown_terms
        and previous.kind in _BASE_KINDS
        and bool(previous.subjects)
        and len(text.split()) <= MAX_FOLLOW_UP_WORDS
    )


def _subject_words(previous: Intent, vocab: Vocabulary) -> str:
    """The previous subject in words the parser reads back: "last" for a when-did-it-last
    question, then item, flow and partner ("semiconductors exports to China")."""
    subject = previous.subjects[0]
    words = ["last"] if previous.kind == "last" else []
    if subject.product != "all":
        words.append(vocab.name(subject.product, "en"))
    words.append(vocab.name(subject.flow, "en"))
    if subject.partner != "world":
        words += ["to" if subject.flow == "export" else "from", vocab.name(subject.partner, "en")]
    return " ".join(words)


def _merged(intent: Intent, previous: Intent) -> Intent:
    said = intent.said
    kind = intent.kind if intent.kind not in ("figure", "clarify") else previous.kind
    if kind == "latest":
        kind = "figure"
    subjects = _merge_subjects(intent, previous)
    shift = _relative_shift(intent)
    if shift and previous.period is not None and previous.period.kind != "latest":
        # "Q2 chip exports" then "vs a year ago": Q2 against Q2 a year earlier, not the
        # latest month against its own year-earlier month.
        period, periods = previous.period, (previous.period, shifted(previous.period, shift))
    elif "period" in said:
        period, periods = intent.period, intent.periods
        if kind == "compare" and previous.periods and not periods:
            kind = "figure"  # "Jan vs Feb" then "and 2024?": one period now
    else:
        period, periods = previous.period, previous.periods
    fields: dict[str, object] = {}
    if kind == "share":
        fields["share_of"] = share_whole(subjects[0]) if subjects else None
    if intent.kind not in ("figure", "clarify"):  # "and the 3mma?": its own detail
        for name in ("event", "threshold_usd_mn", "momentum", "flash_days", "record_kind"):
            value = getattr(intent, name)
            if value is not None:
                fields[name] = value
    return dataclasses.replace(
        previous,
        kind=kind,
        subjects=subjects,
        period=period,
        periods=periods,
        lang=intent.lang,
        text=intent.text,
        unknown_terms=(),
        suggestions=(),
        clarify=None,
        said=previous.said | said,
        **fields,
    )


def _relative_shift(intent: Intent) -> int:
    """The months a follow-up shifts back by when it only says "vs a year ago" / "전월
    대비" (its periods are the latest and the latest shifted); 0 when it names a period."""
    if intent.period is None or intent.period.kind != "latest" or len(intent.periods) != 2:
        return 0
    later = intent.periods[1]
    return later.shift if later.kind == "latest" else 0


def _follows(text: str, intent: Intent, previous: Intent) -> bool:
    if previous.kind not in _BASE_KINDS or not previous.subjects:
        return False
    if intent.unknown_terms or intent.kind in ("help", "decline", "unknown"):
        return False
    if len(text.split()) > MAX_FOLLOW_UP_WORDS or not intent.said:
        return False
    if _OPENERS.match(text) or _KO_TOPIC_END.search(text):
        return True
    # A bare flow ("imports") after a question about another flow is "and imports?"; the
    # same flow again is a new, vague question and is asked back as usual.
    flows = {s.flow for s in intent.subjects}
    vague = intent.kind == "clarify" and intent.said == {"flow"}
    if vague:
        return flows != {s.flow for s in previous.subjects}
    return "flow" not in intent.said


def _merge_subjects(intent: Intent, previous: Intent) -> tuple[Subject, ...]:
    said = intent.said

    def pick(name: str) -> list[str]:
        source = intent.subjects if name in said else previous.subjects
        return list(dict.fromkeys(getattr(s, name) for s in source))

    flows, products, partners = pick("flow"), pick("product"), pick("partner")
    subjects = [Subject(f, p, c) for f in flows for p in products for c in partners]
    return tuple(subjects[:_MAX_SUBJECTS])


def share_whole(subject: Subject) -> Subject | None:
    """What a share of `subject` is of, when only the subject is known: an item's share of
    the flow with the same partner, a partner's share of the flow's world total."""
    if subject.product == "all" and subject.partner == "world":
        return None
    if subject.product != "all":
        return Subject(subject.flow, "all", subject.partner)
    return Subject(subject.flow, "all", "world")
