"""Who may change what: subscriptions in private chats, groups, forum topics and channels,
/lang, and the bot administrators' /broadcast and CSV upload, run offline through
`Application.process_update` against an in-process `FakeBotApi`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import pytest
from data_facts import NEW_SOURCE
from fakes import channel_chat, group_chat, private_chat, user
from fakes.alerts import LATEST_MONTH, NEW_MONTH, test_month_rows
from fakes.harness import Harness, running_bot

from kortrade.answer import Reply
from kortrade.bot import handlers
from kortrade.bot.texts import say
from kortrade.data.store import Store
from kortrade.data.subscriptions import get_lang, list_topics, subscribe

ANN = user(101, "Ann")
KIM = user(103, "Kim", lang="ko")
BOSS = user(900, "Boss")  # a bot administrator (settings.admins)
ANON = user(1087968824, "Group")  # what Telegram shows for an anonymous group admin
DESK = group_chat(-100111, "Trade desk")
PUBLIC_GROUP = group_chat(-100444, "Open desk", username="open_desk")
FORUM = group_chat(-100222, "Desk forum", forum=True)
NEWS = channel_chat(-100333, "Korea trade news", "kortrade_news")
BOT_ID = 7000001


@pytest.fixture
async def bot(store: Store):
    async with running_bot(store, admins=frozenset({BOSS["id"]})) as harness:
        harness.api.add_chat(NEWS)
        harness.api.add_chat(PUBLIC_GROUP)
        yield harness


def member_calls(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [call for call in calls if call["method"] == "getChatMember"]


# -- private chats and groups ----------------------------------------------------------


async def test_anyone_subscribes_their_own_private_chat_without_a_rights_check(
    bot: Harness, store: Store
):
    calls = await bot.send(private_chat(ANN), ANN, "/subscribe semiconductors")
    assert bot.texts(calls) == [
        say("subscribed", "en", where=say("this_chat", "en"), topic="semiconductors")
    ]
    assert member_calls(calls) == []
    assert list_topics(store, ANN["id"]) == ["semiconductors"]


@pytest.mark.parametrize(
    "status,allowed",
    [("creator", True), ("administrator", True), ("member", False), ("left", False)],
)
async def test_only_group_administrators_change_group_alerts(
    bot: Harness, store: Store, status, allowed
):
    bot.api.set_member_status(DESK["id"], ANN["id"], status)
    [text] = bot.texts(await bot.send(DESK, ANN, "/subscribe china"))
    assert (text == say("admins_only", "en")) is not allowed
    assert list_topics(store, DESK["id"]) == (["china"] if allowed else [])


async def test_an_anonymous_group_administrator_counts_as_an_administrator(
    bot: Harness, store: Store
):
    calls = await bot.send(DESK, ANON, "/subscribe", sender_chat=DESK)
    assert member_calls(calls) == []
    assert list_topics(store, DESK["id"]) == ["all"]


async def test_a_forum_subscription_remembers_its_topic_thread(bot: Harness, store: Store):
    bot.api.set_member_status(FORUM["id"], ANN["id"], "administrator")
    calls = await bot.send(FORUM, ANN, "/subscribe semiconductors", thread_id=77)
    [sent] = [call for call in calls if call["method"] == "sendMessage"]
    assert sent["params"]["message_thread_id"] == 77
    [(thread,)] = store.db.execute(
        "SELECT thread_id FROM subscriptions WHERE chat_id = ?", [FORUM["id"]]
    ).fetchall()
    assert thread == 77


async def test_unknown_topic_is_named_in_the_refusal(bot: Harness, store: Store):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/subscribe bananas"))
    assert text == say("unknown_topic", "en", topic="bananas")
    assert list_topics(store, ANN["id"]) == []


async def test_subscriptions_lists_and_unsubscribe_removes(bot: Harness, store: Store):
    chat = private_chat(ANN)
    await bot.send(chat, ANN, "/subscribe semiconductors")
    await bot.send(chat, ANN, "/subscribe")
    [listing] = bot.texts(await bot.send(chat, ANN, "/subscriptions"))
    assert "semiconductors" in listing and say("all_topics", "en") in listing
    [one] = bot.texts(await bot.send(chat, ANN, "/unsubscribe semiconductors"))
    assert list_topics(store, ANN["id"]) == ["all"]
    [rest] = bot.texts(await bot.send(chat, ANN, "/unsubscribe"))
    assert (one, rest) == (
        say("unsubscribed", "en", count=1, where=say("this_chat", "en")),
        say("unsubscribed", "en", count=1, where=say("this_chat", "en")),
    )
    [empty] = bot.texts(await bot.send(chat, ANN, "/subscriptions"))
    assert empty == say("no_subscriptions", "en", where=say("this_chat", "en"))


# -- channels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bot_rights,user_status,channel,refusal",
    [
        (None, "administrator", "@nosuchchannel", "channel_not_found"),
        (None, "administrator", "@open_desk", "not_a_channel"),
        ({"status": "member"}, "administrator", "@kortrade_news", "channel_bot_cannot_post"),
        ({"status": "administrator"}, "creator", "@kortrade_news", "channel_bot_cannot_post"),
        (
            {"status": "administrator", "can_post_messages": True},
            "member",
            "@kortrade_news",
            "channel_user_not_admin",
        ),
    ],
)
async def test_channel_subscription_refusals_say_what_is_missing(
    bot: Harness, store: Store, bot_rights, user_status, channel, refusal
):
    if bot_rights:
        bot.api.set_member_status(NEWS["id"], BOT_ID, **bot_rights)
    bot.api.set_member_status(NEWS["id"], ANN["id"], user_status)
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, f"/subscribe {channel}"))
    assert text == say(refusal, "en", channel=channel)
    assert list_topics(store, NEWS["id"]) == []


async def test_a_huge_channel_name_is_refused_without_echoing_it(bot: Harness):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/subscribe @" + "x" * 4000))
    assert text == say("channel_not_found", "en", channel="@" + "x" * 39)


@pytest.mark.parametrize("user_status", ["creator", "administrator"])
async def test_a_channel_administrator_subscribes_the_channel(bot: Harness, store, user_status):
    bot.api.set_member_status(NEWS["id"], BOT_ID, "administrator", can_post_messages=True)
    bot.api.set_member_status(NEWS["id"], ANN["id"], user_status)
    calls = await bot.send(private_chat(ANN), ANN, "/subscribe @kortrade_news chips")
    assert bot.texts(calls) == [
        say("subscribed", "en", where="@kortrade_news", topic="semiconductors")
    ]
    assert list_topics(store, NEWS["id"]) == ["semiconductors"]
    [(kind,)] = store.db.execute("SELECT type FROM chats WHERE id = ?", [NEWS["id"]]).fetchall()
    assert kind == "channel"


# -- language --------------------------------------------------------------------------


async def test_lang_sets_the_reply_language_of_later_questions(bot: Harness, store, monkeypatch):
    seen: list[str | None] = []

    def fake(text: str, *, store: Store, today=None, lang=None, previous=None) -> Reply:
        seen.append(lang)
        return Reply("ok")

    monkeypatch.setattr(handlers, "answer", fake)
    chat = private_chat(ANN)
    await bot.send(chat, ANN, "exports")
    [text] = bot.texts(await bot.send(chat, ANN, "/lang ko"))
    await bot.send(chat, ANN, "exports")
    assert text == say("lang_set", "ko")
    assert get_lang(store, ANN["id"]) == "ko"
    assert seen == [None, "ko"]


async def test_lang_auto_goes_back_to_the_questions_language(bot: Harness, store: Store):
    chat = private_chat(ANN)
    await bot.send(chat, ANN, "/lang ko")
    [text] = bot.texts(await bot.send(chat, ANN, "/lang auto"))
    assert get_lang(store, ANN["id"]) is None
    assert text == say("lang_auto_set", "en")


async def test_a_group_admins_app_language_does_not_change_the_groups_alerts(
    bot: Harness, store: Store
):
    bot.api.set_member_status(DESK["id"], ANN["id"], "administrator")
    bot.api.set_member_status(DESK["id"], KIM["id"], "administrator")
    await bot.send(DESK, ANN, "/subscribe")
    await bot.send(DESK, KIM, "/subscribe china")  # Kim's Telegram is in Korean
    lang = store.db.execute("SELECT lang FROM chats WHERE id = ?", [DESK["id"]]).fetchone()[0]
    assert lang == "en"


@pytest.mark.parametrize("argument", ["", "fr", "english please"])
async def test_lang_without_en_or_ko_shows_usage(bot: Harness, argument):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, f"/lang {argument}"))
    assert text == say("lang_usage", "en", current=say("lang_auto", "en"))


async def test_group_language_is_for_its_administrators(bot: Harness, store: Store):
    [text] = bot.texts(await bot.send(DESK, ANN, "/lang ko"))
    assert text == say("admins_only", "en")
    assert get_lang(store, DESK["id"]) is None


# -- bot administrators ----------------------------------------------------------------


async def test_broadcast_is_for_bot_administrators(bot: Harness, store: Store):
    subscribe(store, ANN["id"], "all", chat_type="private")
    [refused] = bot.texts(await bot.send(private_chat(ANN), ANN, "/broadcast 2021-01"))
    [usage] = bot.texts(await bot.send(private_chat(BOSS), BOSS, "/broadcast"))
    [nothing] = bot.texts(await bot.send(private_chat(BOSS), BOSS, "/broadcast 1970-01"))
    [queued] = bot.texts(await bot.send(private_chat(BOSS), BOSS, "/broadcast 2021-01"))
    assert refused == say("bot_admins_only", "en")
    assert usage == say("broadcast_usage", "en")
    assert "1970-01" in nothing
    assert queued == say("broadcast_queued", "en", count=1, month="2021-01")


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


async def test_an_administrators_csv_is_ingested_and_counted(bot: Harness, dataset_rows):
    rows = [row for row in dataset_rows if row["period"] == "2021-01"]
    bot.api.push_document(private_chat(BOSS), BOSS, file_name="jan.csv", content=_csv(rows))
    [text] = bot.texts(await bot.process())
    assert text.startswith(f"added 0, revised 0, unchanged {len(rows)}")


async def test_a_bad_csv_is_refused_with_its_line_and_changes_nothing(
    bot: Harness, store: Store, dataset_rows, db_sha256
):
    rows = [row for row in dataset_rows if row["period"] == "2021-01"]
    rows[1]["yoy_pct"] = "abc"
    before = db_sha256(store)
    bot.api.push_document(private_chat(BOSS), BOSS, file_name="jan.csv", content=_csv(rows))
    [text] = bot.texts(await bot.process())
    assert text.startswith(say("ingest_failed", "en", error="")) and "abc" in text
    assert db_sha256(store) == before


def _new_month_citing_a_new_source(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """TEST DATA: the newest month's rows relabelled as the next month, citing NEW_SOURCE."""
    month = test_month_rows(rows, like=LATEST_MONTH, period=NEW_MONTH)
    return [dict(row, source=NEW_SOURCE["id"]) for row in month]


def _stored_months(store: Store) -> set[str]:
    return {row[0] for row in store.db.execute("SELECT DISTINCT period FROM figures")}


@pytest.mark.parametrize("order", ["sources first", "figures first"])
async def test_an_administrator_can_upload_a_new_month_and_its_new_source_in_either_order(
    bot: Harness, store: Store, dataset_rows, order
):
    figures = _csv(_new_month_citing_a_new_source(dataset_rows))
    sources = _csv([NEW_SOURCE])
    files = [("sources.csv", sources), ("figures.csv", figures)]
    if order == "figures first":
        files.reverse()
    replies = []
    for file_name, content in files:
        bot.api.push_document(private_chat(BOSS), BOSS, file_name=file_name, content=content)
        replies += bot.texts(await bot.process())
    first, done = replies
    if order == "sources first":
        assert first == say("sources_waiting", "en", count=1)
    else:
        assert "unknown source" in first and say("figures_waiting", "en") in first
    assert done.startswith("added ") and "sources loaded: 1" in done
    assert NEW_MONTH in _stored_months(store)
    assert store.source(NEW_SOURCE["id"]) is not None


async def test_a_zip_of_figures_and_sources_is_ingested_together(
    bot: Harness, store: Store, dataset_rows
):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("a.csv", _csv(_new_month_citing_a_new_source(dataset_rows)))
        archive.writestr("b.csv", _csv([NEW_SOURCE]))
    bot.api.push_document(
        private_chat(BOSS), BOSS, file_name="month.zip", content=packed.getvalue(),
        mime_type="application/zip",
    )  # fmt: skip
    [text] = bot.texts(await bot.process())
    assert "sources loaded: 1" in text
    assert NEW_MONTH in _stored_months(store)


async def test_a_bad_source_line_rejects_the_pair_and_changes_nothing(
    bot: Harness, store: Store, dataset_rows, db_sha256
):
    before = db_sha256(store)
    bad = dict(NEW_SOURCE, url="not a url")
    for file_name, content in [
        ("figures.csv", _csv(_new_month_citing_a_new_source(dataset_rows))),
        ("sources.csv", _csv([bad])),
    ]:
        bot.api.push_document(private_chat(BOSS), BOSS, file_name=file_name, content=content)
        [text] = bot.texts(await bot.process())
    assert text.startswith(say("ingest_failed", "en", error=""))
    assert db_sha256(store) == before


@pytest.mark.parametrize(
    "sender,file_name,reply",
    [(ANN, "jan.csv", "bot_admins_only"), (BOSS, "notes.pdf", "send_csv")],
)
async def test_uploads_from_others_or_of_other_files_are_not_downloaded(
    bot: Harness, sender, file_name, reply
):
    bot.api.push_document(private_chat(sender), sender, file_name=file_name, content=b"x")
    calls = await bot.process()
    assert bot.texts(calls) == [say(reply, "en")]
    assert [call for call in calls if call["method"] == "getFile"] == []


# -- membership ------------------------------------------------------------------------


async def test_removal_from_a_group_stops_its_alerts(bot: Harness, store: Store):
    subscribe(store, DESK["id"], "all", chat_type="supergroup")
    me = {"id": BOT_ID, "is_bot": True, "first_name": "Kortrade test"}
    bot.api.push_update(
        my_chat_member={
            "chat": DESK,
            "from": ANN,
            "date": 1700000000,
            "old_chat_member": {"status": "member", "user": me},
            "new_chat_member": {"status": "kicked", "user": me, "until_date": 0},
        }
    )
    await bot.process()
    [(active,)] = store.db.execute("SELECT active FROM chats WHERE id = ?", [DESK["id"]])
    assert active == 0


async def test_a_group_upgraded_to_a_supergroup_keeps_its_subscriptions(bot: Harness, store):
    old = {"id": -4242, "type": "group", "title": "Small desk"}
    subscribe(store, old["id"], "steel", chat_type="group")
    message = bot.api.message(old, ANN, migrate_to_chat_id=-1004242)
    bot.api.push_update(message=message)
    await bot.process()
    assert list_topics(store, -1004242) == ["steel"]
