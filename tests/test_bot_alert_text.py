"""The words of a release alert: the whole digest for `all`, the topics' lines otherwise."""

from __future__ import annotations

import pytest

from kortrade.bot import alert_text
from kortrade.bot.replies.digest import digest_text
from kortrade.data.digest import build_digest
from kortrade.data.outbox import Delivery
from kortrade.data.store import Store


def _delivery(period: str, lang: str, topics: tuple[str, ...]) -> Delivery:
    return Delivery(1, 1, period, None, None, 0, "private", lang, topics)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_all_topics_chat_gets_the_whole_digest(shipped_store: Store, lang: str) -> None:
    render = alert_text.digest_renderer(shipped_store)
    expected = digest_text(build_digest(shipped_store, "2026-07"), lang)
    assert render(_delivery("2026-07", lang, ("all",))) == expected
    assert render(_delivery("2026-07", lang, ("all", "china"))) == expected


def test_a_chat_with_several_topics_gets_their_lines_under_one_title(
    shipped_store: Store,
) -> None:
    digest = build_digest(shipped_store, "2026-07")
    one = {topic: digest_text(digest, "en", topic) for topic in ("semiconductors", "china")}
    text = alert_text.digest_renderer(shipped_store)(
        _delivery("2026-07", "en", ("semiconductors", "china"))
    )
    title = one["china"].splitlines()[0]
    assert text.count(title) == 1
    for topic_text in one.values():
        for line in topic_text.splitlines():
            assert line in text.splitlines()
    assert text.index("Semiconductors") < text.index("China") < text.index("Sources:")


@pytest.mark.parametrize("lines,limit_ok", [(10, True), (2000, False)])
def test_fit_cuts_an_over_long_text_at_a_line_break(lines: int, limit_ok: bool) -> None:
    text = "\n".join(f"line {n:04d} of a long digest" for n in range(lines))
    fitted = alert_text.fit(text)
    assert len(fitted) <= alert_text.TELEGRAM_LIMIT
    assert (fitted == text) is limit_ok
    if not limit_ok:
        kept, mark = fitted.rsplit("\n", 1)
        assert mark == "…" and text.startswith(kept + "\n")
