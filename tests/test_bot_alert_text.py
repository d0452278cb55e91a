"""The words of a release alert: the whole digest for `all`, the topics' lines otherwise."""

from __future__ import annotations

import pytest

from kortrade.bot import alert_text
from kortrade.bot.replies.digest import digest_text
from kortrade.bot.replies.reply import MAX_REPLY_CHARS, cut_to_limit
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


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_chat_with_several_topics_gets_their_lines_under_one_title(
    shipped_store: Store, lang: str
) -> None:
    """One title, one export headline, each topic's line in the chat's order (a topic
    without a figure says so), and one source line per publisher."""
    topics = ("semiconductors", "china", "hs8542", "computers")
    digest = build_digest(shipped_store, "2021-01")
    one = {topic: digest_text(digest, lang, topic) for topic in topics}
    text = alert_text.digest_renderer(shipped_store)(_delivery("2021-01", lang, topics))
    lines = text.splitlines()
    title, subtitle, _, export = one["china"].splitlines()[:4]
    assert [lines.count(line) for line in (title, subtitle, export)] == [1, 1, 1]
    own = [next(line for line in one[t].splitlines() if line.startswith("• ")) for t in topics]
    assert [lines.index(line) for line in own] == sorted(lines.index(line) for line in own)
    assert own[-1].startswith("• ") and "2021" in own[-1]  # computers: no figure, said so
    heading = "출처:" if lang == "ko" else "Sources:"
    sources = text.split(heading + "\n", 1)[1].splitlines()
    # One row per release cited (the ministry's, as reported by its outlets; customs tables).
    assert len(sources) == len(set(sources)) >= 2
    assert sum("release for January 2021" in s or "2021년 1월 수출입 동향" in s
               for s in sources) == 1  # fmt: skip


@pytest.mark.parametrize("lines,limit_ok", [(10, True), (2000, False)])
def test_fit_cuts_an_over_long_text_at_a_line_break(lines: int, limit_ok: bool) -> None:
    text = "\n".join(f"line {n:04d} of a long digest" for n in range(lines))
    fitted = cut_to_limit(text)  # what the sender applies to every alert
    assert len(fitted) <= MAX_REPLY_CHARS
    assert (fitted == text) is limit_ok
    if not limit_ok:
        kept, mark = fitted.rsplit("\n", 1)
        assert mark == "…" and text.startswith(kept + "\n")


@pytest.mark.parametrize(("lang", "span", "exports"), [
    ("en", "the first {days} days of", "Exports, the first {days} days of"),
    ("ko", "1~{days}일", "1~{days}일 수출: "),
])  # fmt: skip
def test_a_flash_alert_is_the_span_never_the_month(
    shipped_store: Store, lang: str, span: str, exports: str
) -> None:
    from kortrade.bot.replies.phrases import money
    from kortrade.data.series import SeriesKey

    flashes = shipped_store.flash(SeriesKey("export"))
    period, days = max(flashes)
    figure = flashes[(period, days)]
    render = alert_text.digest_renderer(shipped_store)
    text = render(_delivery(period, lang, (f"flash-{days}",)))
    title, *rest = text.splitlines()
    assert span.format(days=days) in title
    body = "\n".join(rest)
    assert exports.format(days=days) in body
    assert figure.value_usd_mn is not None and money(figure.value_usd_mn, lang) in body
    assert "Source" in body or "출처" in body
    # the month's own release figure is not what a flash alert says
    month = shipped_store.series(SeriesKey("export")).release.get(period)
    if month is not None and month.value_usd_mn is not None:
        assert money(month.value_usd_mn, lang) not in body
