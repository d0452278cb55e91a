"""Who gets release alerts: topics resolved through the vocabulary, chats, languages."""

from __future__ import annotations

import pytest
from data_facts import periods
from fakes.alerts import LATEST_MONTH

from kortrade.data import outbox, subscriptions
from kortrade.data.store import Store
from kortrade.errors import UserError
from kortrade.resolve.topics import resolve_topic


def _chat(store: Store, chat_id: int) -> dict[str, object]:
    return store.db["chats"].get(chat_id)


@pytest.mark.parametrize(
    "text,topic",
    [
        ("", "all"),
        ("all", "all"),
        ("Everything", "all"),
        ("전체", "all"),
        ("world", "all"),
        ("semiconductors", "semiconductors"),
        ("chips", "semiconductors"),
        ("반도체", "semiconductors"),
        ("semicondutors", "semiconductors"),  # a typo
        ("cars", "automobiles"),
        ("ships", "ships"),
        ("hs8542", "hs8542"),
        ("HS 8542", "hs8542"),
        ("integrated circuits", "hs8542"),
        ("china", "china"),
        ("중국", "china"),
        ("USA", "united_states"),
        ("united_states", "united_states"),
        ("  the   EU ", "eu"),
        ("xyzzy", None),
        ("exports", None),  # a flow is not a topic
        ("무역수지", None),
    ],
)
def test_resolve_topic(shipped_store: Store, text: str, topic: str | None) -> None:
    assert resolve_topic(shipped_store, text) == topic


def test_subscribe_says_whether_it_is_new(store: Store) -> None:
    assert subscriptions.subscribe(store, 1, "all", chat_type="private") is True
    assert subscriptions.subscribe(store, 1, "all", chat_type="private") is False
    assert subscriptions.subscribe(store, 1, "china", chat_type="private") is True
    assert subscriptions.list_topics(store, 1) == ["all", "china"]


def test_subscribe_records_the_chat_where_alerts_go(store: Store) -> None:
    subscriptions.subscribe(
        store, -1001, "semiconductors", chat_type="supergroup", title="Desk", thread_id=7,
        lang="ko",
    )  # fmt: skip
    chat = _chat(store, -1001)
    assert (chat["type"], chat["title"], chat["thread_id"], chat["lang"], chat["active"]) == (
        "supergroup",
        "Desk",
        7,
        "ko",
        1,
    )


@pytest.mark.parametrize(
    "topic,kwargs,message",
    [
        ("cabbages", {}, "unknown topic 'cabbages'"),
        ("export", {}, "unknown topic 'export'"),
        ("all", {"lang": "fr"}, "language must be one of en, ko"),
        ("all", {"chat_type": "sofa"}, "unknown chat type 'sofa'"),
    ],
)
def test_subscribe_refuses_what_it_cannot_honour(
    store: Store, topic: str, kwargs: dict[str, str], message: str
) -> None:
    kwargs.setdefault("chat_type", "private")
    with pytest.raises(UserError, match=message):
        subscriptions.subscribe(store, 1, topic, **kwargs)  # type: ignore[arg-type]
    assert subscriptions.list_topics(store, 1) == []


def test_unsubscribe_one_topic_or_all(store: Store) -> None:
    for topic in ("all", "china", "semiconductors"):
        subscriptions.subscribe(store, 1, topic, chat_type="private")
    assert subscriptions.unsubscribe(store, 1, "china") == 1
    assert subscriptions.unsubscribe(store, 1, "china") == 0
    assert subscriptions.list_topics(store, 1) == ["all", "semiconductors"]
    assert subscriptions.unsubscribe(store, 1) == 2
    assert subscriptions.list_topics(store, 1) == []


def test_unsubscribing_everything_cancels_alerts_not_yet_sent(store: Store) -> None:
    subscriptions.subscribe(store, 1, "all", chat_type="private")
    subscriptions.subscribe(store, 1, "china", chat_type="private")
    outbox.enqueue_release(store, LATEST_MONTH)
    subscriptions.unsubscribe(store, 1, "china")
    assert [d.chat_id for d in outbox.pending(store, 10)] == [1]  # still has a topic
    subscriptions.unsubscribe(store, 1)
    assert outbox.pending(store, 10) == []
    assert store.db.execute("SELECT status FROM deliveries").fetchone() == ("cancelled",)


@pytest.mark.parametrize("chat_id,kind", [(42, "private"), (-42, "group")])
def test_set_lang_remembers_a_language_even_without_subscriptions(
    store: Store, chat_id: int, kind: str
) -> None:
    assert subscriptions.get_lang(store, chat_id) is None
    subscriptions.set_lang(store, chat_id, "ko")
    assert subscriptions.get_lang(store, chat_id) == "ko"
    assert _chat(store, chat_id)["type"] == kind
    subscriptions.set_lang(store, chat_id, "en")
    assert subscriptions.get_lang(store, chat_id) == "en"
    with pytest.raises(UserError):
        subscriptions.set_lang(store, chat_id, "de")


def test_subscribing_again_moves_the_thread_but_keeps_a_chosen_language(store: Store) -> None:
    subscriptions.set_lang(store, -5, "en")
    subscriptions.subscribe(store, -5, "all", chat_type="supergroup", thread_id=3, lang="ko")
    assert subscriptions.get_lang(store, -5) == "en"
    assert (_chat(store, -5)["lang"], _chat(store, -5)["thread_id"]) == ("en", 3)


def test_the_first_subscriber_words_the_alerts_and_later_ones_do_not_change_it(
    store: Store,
) -> None:
    subscriptions.subscribe(store, 8, "all", chat_type="private", lang="ko")
    assert _chat(store, 8)["lang"] == "ko"  # alerts go out in Korean
    assert subscriptions.get_lang(store, 8) is None  # questions answered in their own language
    subscriptions.subscribe(store, -8, "all", chat_type="group", lang="en")
    subscriptions.subscribe(store, -8, "china", chat_type="group", lang="ko")  # another admin
    assert _chat(store, -8)["lang"] == "en"  # only /lang changes a chat's language


def test_lang_auto_returns_replies_to_the_questions_language(store: Store) -> None:
    subscriptions.set_lang(store, -9, "ko")
    assert subscriptions.get_lang(store, -9) == "ko"
    subscriptions.clear_lang(store, -9)
    assert subscriptions.get_lang(store, -9) is None


def test_a_deactivated_chat_gets_nothing_until_it_subscribes_again(store: Store) -> None:
    subscriptions.subscribe(store, 1, "all", chat_type="private")
    outbox.enqueue_release(store, "2026-08")
    subscriptions.deactivate_chat(store, 1, "forbidden: bot was blocked by the user")
    chat = _chat(store, 1)
    assert (chat["active"], chat["inactive_reason"]) == (
        0,
        "forbidden: bot was blocked by the user",
    )
    assert store.db.execute("SELECT status, error FROM deliveries").fetchone() == (
        "dead",
        "forbidden: bot was blocked by the user",
    )
    assert outbox.enqueue_release(store, LATEST_MONTH) == 0
    assert subscriptions.list_topics(store, 1) == ["all"]  # kept for a comeback
    assert subscriptions.subscribe(store, 1, "all", chat_type="private") is True
    assert outbox.enqueue_release(store, LATEST_MONTH) == 1


def test_migrating_a_group_moves_topics_and_queued_alerts_to_the_new_id(store: Store) -> None:
    subscriptions.subscribe(store, -5, "china", chat_type="group")
    outbox.enqueue_release(store, periods(partner="china")[-1])
    subscriptions.migrate_chat(store, -5, -1005)
    assert subscriptions.list_topics(store, -5) == []
    assert subscriptions.list_topics(store, -1005) == ["china"]
    assert _chat(store, -1005)["type"] == "supergroup"
    assert [d.chat_id for d in outbox.pending(store, 10)] == [-1005]


def test_migrating_into_a_chat_that_already_exists_merges_them(store: Store) -> None:
    subscriptions.subscribe(store, -5, "china", chat_type="group")
    subscriptions.subscribe(store, -1005, "all", chat_type="supergroup")
    outbox.enqueue_release(store, periods(partner="china")[-1])
    subscriptions.migrate_chat(store, -5, -1005)
    assert sorted(subscriptions.list_topics(store, -1005)) == ["all", "china"]
    assert _chat(store, -5)["active"] == 0
    assert [d.chat_id for d in outbox.pending(store, 10)] == [-1005]


def test_unsubscribing_one_topic_cancels_its_own_queued_alert_only(store: Store) -> None:
    month = max(set(periods(partner="china")) & set(periods(product="semiconductors")))
    subscriptions.subscribe(store, 8, "semiconductors", chat_type="supergroup", thread_id=3)
    subscriptions.subscribe(store, 8, "china", chat_type="supergroup", thread_id=5)
    assert outbox.enqueue_release(store, month) == 2  # one per forum thread
    subscriptions.unsubscribe(store, 8, "china")
    rows = dict(store.db.execute("SELECT topics, status FROM deliveries WHERE chat_id = 8"))
    assert rows == {"semiconductors": "pending", "china": "cancelled"}
