"""The Telegram handlers for questions, run offline through `Application.process_update`.

Each test plays Telegram's part with a `FakeBotApi` (in-process, no sockets) and reads
the Bot API calls the bot made. Expected figures come from the shipped CSV.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from bot_support import PNG_SIGNATURE, stated_growth
from fakes import group_chat, private_chat, user
from fakes.harness import TOKEN, Harness, running_bot
from telegram.ext import CallbackContext

from kortrade.answer import Button, ChartRequest, Reply, answer
from kortrade.bot import handlers
from kortrade.bot.replies.about import about_reply
from kortrade.bot.replies.digest import digest_text
from kortrade.bot.replies.reply import MAX_REPLY_CHARS, fit_text
from kortrade.bot.texts import COMMANDS, say
from kortrade.data.digest import build_digest
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store

ANN = user(101, "Ann", username="ann")
KIM = user(102, "Kim", lang="ko")
DESK = group_chat(-100111, "Trade desk")
FORUM = group_chat(-100222, "Desk forum", forum=True)
BOT = "kortrade_test_bot"


@pytest.fixture
async def bot(store: Store):
    async with running_bot(store) as harness:
        yield harness


def scripted(reply: Reply, asked: list[str]):
    """An answer() that records the questions and always gives `reply` (button mechanics)."""

    def fake(text: str, **_: Any) -> Reply:
        asked.append(text)
        return reply

    return fake


# -- private chats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question,product,partner",
    [
        ("semiconductor exports January 2021", "semiconductors", "world"),
        ("chip exports jan 2021", "semiconductors", "world"),
        ("반도체 수출 2021년 1월", "semiconductors", "world"),
        ("exports to China January 2021", "all", "china"),
    ],
)
async def test_private_question_is_answered_with_the_stored_figure(
    bot: Harness, dataset_rows, question, product, partner
):
    calls = await bot.send(private_chat(ANN), ANN, question)
    [text] = bot.texts(calls)
    assert stated_growth(dataset_rows, "2021-01", product, partner) in text


async def test_replies_carry_no_link_preview_of_their_source_links(bot: Harness):
    [sent] = await bot.send(private_chat(ANN), ANN, "semiconductor exports January 2021")
    assert "https://" in sent["params"]["text"]
    assert sent["params"]["link_preview_options"] == {"is_disabled": True}


async def test_start_greets_and_help_lists_every_command(bot: Harness):
    [greeting] = bot.texts(await bot.send(private_chat(ANN), ANN, "/start"))
    [help_text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/help"))
    assert greeting == say("start", "en")
    assert all(f"/{command.name}" in help_text for command in COMMANDS)
    assert f"@{BOT}" in help_text


async def test_korean_app_language_gets_korean_help(bot: Harness):
    [help_text] = bot.texts(await bot.send(private_chat(KIM), KIM, "/help"))
    assert say("help_commands", "ko") in help_text


async def test_unknown_command_in_private_chat_points_to_help(bot: Harness):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/frobnicate"))
    assert text == say("unknown_command", "en")


@pytest.mark.parametrize(
    "hostile",
    [
        "'; DROP TABLE figures; --",
        "%s %d {0} {} {{}}",
        "<b>unclosed *markdown_ [link](javascript:alert(1))",
        "\u202e\u200b\x00\x1b[31m",
        "a" * 4096,
        "🙂" * 2000,
        "exports " * 500,
        "2021-13 2021-00 9999-99 0000-01",
        "@",
    ],
)
async def test_hostile_text_gets_an_ordinary_reply_and_changes_nothing(
    bot: Harness, store: Store, db_sha256, hostile
):
    before = db_sha256(store)
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, hostile))
    assert text and text != say("sorry", "en")
    assert len(text) <= MAX_REPLY_CHARS
    assert db_sha256(store) == before


async def test_a_failure_gets_an_apology_and_a_log_line_without_the_token(
    bot: Harness, monkeypatch, caplog
):
    def broken(text: str, **_: Any) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setattr(handlers, "answer", broken)
    with caplog.at_level(logging.ERROR):
        [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "exports"))
    assert text == say("sorry", "en")
    assert "boom" in caplog.text
    assert TOKEN not in caplog.text


async def test_a_failure_is_one_log_line_naming_the_chat_and_the_error_traceback_at_debug(
    bot: Harness, monkeypatch, caplog
):
    def broken(text: str, **_: Any) -> Reply:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(handlers, "answer", broken)
    with caplog.at_level(logging.INFO):
        await bot.send(private_chat(ANN), ANN, "exports")
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert f"chat {ANN['id']}" in record.getMessage()
    assert "RuntimeError: database is locked" in record.getMessage()
    assert record.exc_info is None and "Traceback" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        await bot.send(private_chat(ANN), ANN, "exports")
    assert "Traceback" in caplog.text


async def test_a_failing_job_is_one_log_line_naming_the_job(bot: Harness, caplog):
    async def failing(context: Any) -> None:
        raise OSError("disk I/O error")

    assert bot.app.job_queue is not None
    job = bot.app.job_queue.run_once(failing, 3600, name="release-check")
    context = CallbackContext.from_error(None, OSError("disk I/O error"), bot.app, job=job)
    job.schedule_removal()
    with caplog.at_level(logging.INFO):
        await handlers.error_handler(None, context)
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "job release-check" in record.getMessage()
    assert "OSError: disk I/O error" in record.getMessage()
    assert record.exc_info is None


# -- groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chatter",
    ["semiconductor exports January 2021", "morning all", f"ask @{BOT}s_cousin", "@other_bot hi"],
)
async def test_group_chatter_is_ignored(bot: Harness, chatter):
    calls = await bot.send(DESK, ANN, chatter)
    assert calls == []


@pytest.mark.parametrize(
    "text", [f"@{BOT} semiconductor exports January 2021", f"@{BOT.upper()} chip exports jan 2021"]
)
async def test_group_mention_is_answered_as_a_reply(bot: Harness, dataset_rows, text):
    question = bot.api.push_text(DESK, ANN, text)
    [sent] = [call for call in await bot.process() if call["method"] == "sendMessage"]
    assert stated_growth(dataset_rows, "2021-01", "semiconductors") in sent["params"]["text"]
    assert sent["params"]["reply_parameters"]["message_id"] == question["message_id"]


async def test_reply_to_the_bot_is_answered_and_reply_to_others_is_not(bot: Harness, dataset_rows):
    from_bot = bot.api.message(DESK, bot.api.bot, text="earlier answer")
    from_kim = bot.api.message(DESK, KIM, text="what do you think?")
    answered = bot.texts(await bot.send(DESK, ANN, "exports to China jan 2021", reply_to=from_bot))
    ignored = await bot.send(DESK, ANN, "exports to China jan 2021", reply_to=from_kim)
    assert stated_growth(dataset_rows, "2021-01", "all", "china") in answered[0]
    assert ignored == []


async def test_bare_mention_gets_a_hint_instead_of_a_guess(bot: Harness):
    [text] = bot.texts(await bot.send(DESK, ANN, f"@{BOT}"))
    assert text == say("ask_me", "en")


@pytest.mark.parametrize(
    "command,answered", [(f"/help@{BOT}", True), ("/help", True), ("/help@other_bot", False)]
)
async def test_group_commands_for_this_bot_only(bot: Harness, command, answered):
    calls = await bot.send(DESK, ANN, command)
    assert bool(bot.texts(calls)) is answered


async def test_unknown_command_in_a_group_is_left_to_other_bots(bot: Harness):
    assert await bot.send(DESK, ANN, "/frobnicate") == []


async def test_forum_topic_question_is_answered_in_the_same_topic(bot: Harness):
    calls = await bot.send(FORUM, ANN, f"@{BOT} exports January 2021", thread_id=77)
    [sent] = [call for call in calls if call["method"] == "sendMessage"]
    assert sent["params"]["message_thread_id"] == 77


# -- buttons ---------------------------------------------------------------------------


async def test_vague_question_offers_buttons_and_a_press_edits_the_answer_in(bot: Harness):
    [sent] = await bot.send(private_chat(ANN), ANN, "exports")
    keyboard = sent["result"]["reply_markup"]["inline_keyboard"]
    first = keyboard[0][0]
    calls = await bot.press(ANN, first["callback_data"], sent["result"])
    methods = [call["method"] for call in calls]
    assert "answerCallbackQuery" in methods
    [edit] = [call for call in calls if call["method"] == "editMessageText"]
    assert edit["params"]["message_id"] == sent["result"]["message_id"]
    assert edit["params"]["text"] != sent["params"]["text"]


async def test_every_button_fits_telegrams_64_bytes_and_asks_its_own_query(
    bot: Harness, monkeypatch
):
    long_query = "반도체 수출 2021년 1월 " * 8  # far over 64 bytes in UTF-8
    asked: list[str] = []
    reply = Reply("first", buttons=(Button("short", "exports"), Button("long", long_query)))
    monkeypatch.setattr(handlers, "answer", scripted(reply, asked))
    [sent] = await bot.send(private_chat(ANN), ANN, "exports")
    rows = sent["params"]["reply_markup"]["inline_keyboard"]
    datas = [row[0]["callback_data"] for row in rows]
    assert all(len(data.encode()) <= 64 for data in datas)
    for data in datas:
        await bot.press(ANN, data, sent["result"])
    assert asked[1:] == ["exports", long_query]


@pytest.mark.parametrize("data", ["garbage", "k:0000000000000000", "q:", "", "c:   "])
async def test_unknown_or_expired_button_gets_a_polite_note(bot: Harness, data):
    message = bot.api.message(private_chat(ANN), bot.api.bot, text="old answer")
    calls = await bot.press(ANN, data, message)
    [call] = calls
    assert call["method"] == "answerCallbackQuery"
    assert call["params"]["text"] == say("expired", "en")


# -- charts ----------------------------------------------------------------------------


async def test_chart_command_sends_a_png(bot: Harness):
    calls = await bot.send(private_chat(ANN), ANN, "/chart semiconductors vs autos last 12 months")
    [photo] = [call for call in calls if call["method"] == "sendPhoto"]
    assert photo["files"]["photo"].startswith(PNG_SIGNATURE)
    assert photo["params"]["caption"]


async def test_chart_without_a_question_shows_usage(bot: Harness):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/chart"))
    assert text == say("chart_usage", "en")


async def test_chart_button_sends_the_picture_of_its_question(bot: Harness, monkeypatch):
    asked: list[str] = []
    request = ChartRequest((SeriesKey("export"),), "2020-01", "2021-12", "Exports 2020-2021")
    monkeypatch.setattr(handlers, "answer", scripted(Reply("figures", chart=request), asked))
    [sent] = await bot.send(private_chat(ANN), ANN, "exports 2020 to 2021")
    [[chart_button]] = sent["params"]["reply_markup"]["inline_keyboard"]
    assert chart_button["text"] == say("chart_button", "en")
    calls = await bot.press(ANN, chart_button["callback_data"], sent["result"])
    [photo] = [call for call in calls if call["method"] == "sendPhoto"]
    assert photo["files"]["photo"].startswith(PNG_SIGNATURE)
    assert photo["params"]["caption"] == request.title
    assert asked == ["exports 2020 to 2021", "exports 2020 to 2021"]


# -- inline mode -----------------------------------------------------------------------


async def test_inline_query_answers_with_one_article(bot: Harness, dataset_rows):
    [call] = await bot.inline(ANN, "exports to china jan 2021")
    assert call["method"] == "answerInlineQuery"
    [article] = call["params"]["results"]
    body = article["input_message_content"]["message_text"]
    assert stated_growth(dataset_rows, "2021-01", "all", "china") in body
    assert article["title"] == body.splitlines()[0][:200]
    assert call["params"]["cache_time"] <= 60


async def test_a_vague_inline_query_offers_the_complete_questions_as_results(
    bot: Harness, store: Store
):
    vague = answer("exports", store=store)
    assert vague.buttons, "a vague question offers options"
    [call] = await bot.inline(ANN, "exports")
    results = call["params"]["results"]
    assert [article["title"] for article in results] == [b.label for b in vague.buttons]
    for article, option in zip(results, vague.buttons, strict=True):
        body = article["input_message_content"]["message_text"]
        assert body == fit_text(answer(option.query, store=store).text)
        assert vague.text not in body


async def test_empty_inline_query_gets_a_help_article(bot: Harness):
    [call] = await bot.inline(KIM, "")
    [article] = call["params"]["results"]
    assert article["input_message_content"]["message_text"] == say("ask_me", "ko")


# -- /latest ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argument,topic", [("", None), (" chips", "semiconductors"), (" 중국", "china")]
)
async def test_latest_sends_the_newest_digest_as_subscribers_get_it(
    bot: Harness, store: Store, argument, topic
):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, f"/latest{argument}"))
    digest = build_digest(store, store.latest_period())
    assert text == fit_text(digest_text(digest, lang="en", topic=topic))


async def test_latest_with_an_unknown_topic_says_so(bot: Harness):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/latest bananas"))
    assert text == say("unknown_topic", "en", topic="bananas")


# -- /about ----------------------------------------------------------------------------


async def test_about_says_what_data_the_bot_has_in_the_askers_language(bot: Harness, store: Store):
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "/about"))
    assert text == about_reply(store, "en")
    assert "first-20-days flash" in text


# -- follow-ups and chart words --------------------------------------------------------


async def test_a_private_follow_up_keeps_the_subject_and_period(bot: Harness, dataset_rows):
    await bot.send(private_chat(ANN), ANN, "exports to China January 2021")
    [text] = bot.texts(await bot.send(private_chat(ANN), ANN, "and imports?"))
    assert text.startswith("Imports from China")
    assert "January 2021" in text


async def test_a_reply_to_the_bots_answer_in_a_group_follows_that_answer(bot: Harness):
    [first] = [
        c
        for c in await bot.send(DESK, ANN, f"@{BOT} exports to China January 2021")
        if c["method"] == "sendMessage"
    ]
    answered = bot.api.message(DESK, bot.api.bot, text=first["params"]["text"])
    answered["message_id"] = first["result"]["message_id"]
    [text] = bot.texts(await bot.send(DESK, ANN, "and imports?", reply_to=answered))
    assert text.startswith("Imports from China")


async def test_a_chart_question_gets_the_picture_directly(bot: Harness):
    calls = await bot.send(private_chat(ANN), ANN, "chart semiconductor exports 2024")
    assert [c["method"] for c in calls] == ["sendPhoto"]
    assert calls[0]["files"]["photo"].startswith(PNG_SIGNATURE)


async def test_desk_questions_are_answered_in_telegram(bot: Harness):
    [share] = bot.texts(await bot.send(private_chat(ANN), ANN, "대중 수출 비중"))
    assert "비중" in share and "%" in share
    [declined] = bot.texts(await bot.send(private_chat(KIM), KIM, "why did exports fall"))
    assert "I can't say why" in declined
