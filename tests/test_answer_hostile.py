"""Nothing a user types breaks `answer()`: every reply is ordinary, short enough, never raised.

A corpus of known traps (empty text, control characters, injection strings, impossible
dates, far-off years) and hypothesis-generated text, in both reply languages. Each
reply must be non-empty, within Telegram's 4,096 characters, and not the apology that
`answer()` returns when it caught an exception (that would be a bug caught, not input
handled). The store must come out unchanged.
"""

from __future__ import annotations

import logging

import pytest
from data_facts import TODAY, periods
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kortrade.answer import MAX_REPLY_CHARS, answer
from kortrade.bot.replies.phrases import month_name
from kortrade.bot.texts import say
from kortrade.data.store import Store

#: Where the exports figures begin, which a far-off year is told.
FIRST = month_name(periods()[0])

CORPUS = [
    "",
    " ",
    "\t\n\r ",
    "a" * 5000,
    "exports " * 700,
    "🙂" * 3000,
    "\x00",
    "exports\x00January 2021",
    "\x1b[31mexports\x1b[0m",
    "\u202eexports 2021-01\u202c",
    "\u200f수출 2021년 1월\u200e",
    "\u200b\u200c\u200d\ufeff",
    "'; DROP TABLE figures; --",
    "exports'); DELETE FROM names; --",
    "1 OR 1=1",
    "%s %d {0} {} {{}} %(x)s",
    "<script>alert(1)</script>",
    "February 30 2021",
    "exports February 30 2021",
    "2021-13",
    "exports 2021-13",
    "exports 2021-00",
    "month 13",
    "exports month 13",
    "1850",
    "99999",
    "exports 1850",
    "exports 99999",
    "exports in 1850",
    "exports 0000-01",
    "exports 9999-12",
    "exports Q5 2021",
    "exports H3 2021",
    "exports last 99999 months",
    "exports last 0 months",
    "exports top 0 items",
    "top 99 partners",
    "semiconductors vs vs vs",
    "vs",
    "?",
    "/",
    "/start",
    "/help@other_bot",
    "/latest",
    "@",
    "수출",
    "무역수지 9999년 13월",
    "반도체 수출 0년 1월",
    "\ud7a3\uac00" * 500,
    "exports to north korea",
    "exports to korea",
    "chips ships hips whips",
    "exports " + " and ".join(["china", "us", "eu", "japan", "asean", "india"] * 5),
    "semiconductor exports " + " vs ".join(f"Jan {y}" for y in range(1990, 2027)),
]


def _ordinary(store: Store, text: str, lang: str | None) -> str:
    reply = answer(text, store=store, today=TODAY, lang=lang)
    assert reply.text.strip(), f"empty reply to {text[:40]!r}"
    assert len(reply.text) <= MAX_REPLY_CHARS
    assert reply.kind != "error", f"answer() caught an exception for {text[:60]!r}"
    assert reply.text not in (say("sorry", "en"), say("sorry", "ko"))
    for button in reply.buttons:
        assert button.label.strip() and button.query.strip()
    return reply.text


@pytest.mark.parametrize("lang", [None, "ko"])
@pytest.mark.parametrize("text", CORPUS, ids=[repr(t[:24]) for t in CORPUS])
def test_hostile_text_gets_an_ordinary_reply(shipped_store: Store, text: str, lang):
    _ordinary(shipped_store, text, lang)


def test_hostile_text_changes_nothing_in_the_store(store: Store, db_sha256):
    before = db_sha256(store)
    for text in CORPUS:
        _ordinary(store, text, None)
    assert db_sha256(store) == before


@pytest.mark.parametrize(
    "text,says",
    [
        ("exports 1850", FIRST),
        ("exports in 1850", FIRST),
        ("exports 99999", "“99999”"),
        ("exports 2021-13", "“2021-13”"),
        ("exports February 30 2021", "february 30 2021"),
    ],
)
def test_impossible_or_far_off_dates_are_answered_plainly(shipped_store: Store, text, says):
    assert says in _ordinary(shipped_store, text, None)


def test_not_a_string_still_gets_a_reply(shipped_store: Store):
    reply = answer(None, store=shipped_store, today=TODAY)  # type: ignore[arg-type]
    assert reply.text.strip() and reply.kind != "error"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=400))
def test_any_text_gets_an_ordinary_reply(shipped_store: Store, text: str, caplog):
    with caplog.at_level(logging.ERROR, logger="kortrade"):
        _ordinary(shipped_store, text, None)
    assert not caplog.records


_WORDS = st.sampled_from(
    [
        "exports",
        "imports",
        "balance",
        "semiconductors",
        "chips",
        "반도체",
        "수출",
        "중국",
        "China",
        "US",
        "EU",
        "vs",
        "and",
        "to",
        "last",
        "month",
        "year",
        "Q1",
        "H2",
        "2021",
        "2021-01",
        "1월",
        "2021년",
        "jan",
        "top",
        "5",
        "items",
        "record",
        "streak",
        "chart",
        "highest",
        "lowest",
        "so",
        "far",
        "since",
        "1990",
        "2030",
        "13",
        "99999",
        "-",
    ]
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(words=st.lists(_WORDS, min_size=1, max_size=12), lang=st.sampled_from([None, "en", "ko"]))
def test_any_mix_of_trade_words_gets_an_ordinary_reply(shipped_store: Store, words, lang):
    _ordinary(shipped_store, " ".join(words), lang)
