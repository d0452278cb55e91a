"""The bot's own words (commands, help, refusals) in English and Korean.

Kept apart from the handlers so that `/help`, the `setMyCommands` menus and the docs
test read one table, and so that a wording change never touches handler logic.
Figures are worded by `kortrade.bot.replies`, never here. Imports no telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kortrade.bot.replies.josa import with_particle

__all__ = ["COMMANDS", "Command", "help_text", "lang_of", "say"]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    en: str
    ko: str
    usage: str = ""
    admin: bool = False  # for the bot's administrators: listed in /help, not in the menus


#: Every command the bot answers, in menu order: the single source for /help, the menus
#: (`setMyCommands`) and the docs test. Bot administrators can also upload a CSV to ingest.
COMMANDS: tuple[Command, ...] = (
    Command("start", "Welcome and examples", "소개와 질문 예시"),
    Command("help", "What I answer and how to ask", "질문 방법과 명령어"),
    Command("latest", "The latest month's release digest", "최신 월 수출입 동향 요약", "[topic]"),
    Command("about", "What data I have, and its gaps", "보유 자료와 빈 달"),
    Command(
        "subscribe",
        "Get each new month's release here",
        "새 월간 발표를 이 채팅으로 받기",
        "[topic] | @channel [topic]",
    ),
    Command(
        "unsubscribe",
        "Stop release alerts",
        "발표 알림 해지",
        "[topic] | @channel [topic]",
    ),
    Command("subscriptions", "This chat's alerts", "이 채팅의 알림 목록", "[@channel]"),
    Command("lang", "Language: en, ko or auto", "언어: en, ko 또는 auto", "en|ko|auto"),
    Command("chart", "A chart for a question", "질문에 대한 차트", "<question>"),
    Command(
        "broadcast",
        "Queue a month's digest for every subscriber (bot admins)",
        "모든 구독자에게 월간 요약 발송 예약 (봇 관리자)",
        "YYYY-MM",
        admin=True,
    ),
)

_TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "en": (
            "Hi! I answer questions about South Korea's monthly trade figures: exports, "
            "imports and the balance, by item and region, with growth, streaks and records.\n\n"
            "Try:\n• semiconductor exports January 2021\n• exports to China jan 2021\n"
            "• trade balance last month\n• 반도체 수출 2021년 1월\n\n/help lists the commands."
        ),
        "ko": (
            "안녕하세요! 한국의 월간 수출입 통계(수출, 수입, 무역수지, 품목별·지역별, "
            "증감률, 연속 기록)를 알려 드립니다.\n\n예시:\n• 반도체 수출 2021년 1월\n"
            "• 중국 수출 2021년 1월\n• 지난달 무역수지\n• semiconductor exports January 2021\n\n"
            "/help 에서 명령어를 볼 수 있습니다."
        ),
    },
    "help_intro": {
        "en": (
            "Ask in plain English or Korean, e.g. “chip exports jan 2021”, "
            "“exports to the US and EU Jan 2021”, “semiconductors vs autos last 12 months”.\n"
            "In groups, mention me (@{username}) or reply to my message. "
            "Inline: type @{username} and a question in any chat."
        ),
        "ko": (
            "영어나 한국어로 물어보세요. 예: “반도체 수출 2021년 1월”, "
            "“미국과 EU 수출 2021년 1월”, “반도체 vs 자동차 최근 12개월”.\n"
            "그룹에서는 저를 멘션(@{username})하거나 제 메시지에 답장하세요. "
            "인라인: 아무 채팅에서나 @{username} 뒤에 질문을 입력하세요."
        ),
    },
    "help_commands": {"en": "Commands:", "ko": "명령어:"},
    "ask_me": {
        "en": "Ask me about Korea's trade, e.g. “semiconductor exports January 2021”.",
        "ko": "한국 무역에 대해 물어보세요. 예: “반도체 수출 2021년 1월”.",
    },
    "unknown_command": {
        "en": "I don't know that command. /help lists what I understand.",
        "ko": "모르는 명령어입니다. /help 에서 명령어를 확인하세요.",
    },
    "sorry": {
        "en": "Sorry, something went wrong on my side. Please try again.",
        "ko": "죄송합니다. 처리 중 문제가 생겼습니다. 다시 시도해 주세요.",
    },
    "expired": {
        "en": "That button has expired. Please ask the question again.",
        "ko": "만료된 버튼입니다. 질문을 다시 입력해 주세요.",
    },
    "chart_button": {"en": "📈 Chart", "ko": "📈 차트"},
    "chart_usage": {
        "en": "Usage: /chart QUESTION, e.g. /chart semiconductors vs autos last 12 months",
        "ko": "사용법: /chart 질문 (예: /chart 반도체 vs 자동차 최근 12개월)",
    },
    "no_chart": {
        "en": "I have no chart for that question.",
        "ko": "이 질문에 대한 차트는 없습니다.",
    },
    "chart_note": {
        "en": "Levels: customs final where stored, else the preliminary release. Gaps: no figure.",
        "ko": "금액: 관세청 확정치 우선, 없으면 잠정 발표. 빈 곳: 자료 없음.",
    },
    "chart_empty": {
        "en": "No stored figures to draw for {title}.",
        "ko": "{title}: 그릴 수 있는 수치가 없습니다.",
    },
    "no_data": {"en": "No figures are stored yet.", "ko": "저장된 수치가 아직 없습니다."},
    "lang_usage": {
        "en": "Usage: /lang en, /lang ko, or /lang auto to follow each question (now: {current})",
        "ko": "사용법: /lang en, /lang ko, 질문 언어를 따르려면 /lang auto (현재: {current})",
    },
    "lang_auto_set": {
        "en": "Replies in this chat now follow each question's language.",
        "ko": "이 채팅의 답변은 이제 질문 언어를 따릅니다.",
    },
    "lang_auto": {"en": "the question's language", "ko": "질문 언어"},
    "lang_set": {
        "en": "Replies in this chat are now in English.",
        "ko": "이 채팅의 답변 언어를 한국어로 바꿨습니다.",
    },
    "admins_only": {
        "en": "Sorry, only this group's administrators can change its alerts and settings.",
        "ko": "죄송합니다. 그룹의 알림과 설정은 그룹 관리자만 바꿀 수 있습니다.",
    },
    "bot_admins_only": {
        "en": "Sorry, only the bot's administrators can do that.",
        "ko": "죄송합니다. 봇 관리자만 할 수 있습니다.",
    },
    "unknown_topic": {
        "en": (
            "I don't know the topic “{topic}”. Use an item (e.g. semiconductors), "
            "a region (e.g. china), flash (the customs office's first-10/20-day figures), "
            "or nothing for every release."
        ),
        "ko": (
            "“{topic}” 주제를 모릅니다. 품목(예: 반도체)이나 지역(예: 중국), "
            "flash(관세청 1~10일·1~20일 잠정치)를 쓰거나, 비워 두면 모든 발표를 받습니다."
        ),
    },
    "subscribed": {
        "en": "Subscribed {where} to {topic}: the next release is sent here.",
        "ko": "{where}에서 {topic} 알림을 구독했습니다. 다음 발표부터 보내 드립니다.",
    },
    "already_subscribed": {
        "en": "{where} already gets {topic}.",
        "ko": "{where}은(는) 이미 {topic} 알림을 받고 있습니다.",
    },
    "unsubscribed": {
        "en": "Removed {count} subscription(s) from {where}.",
        "ko": "{where}에서 구독 {count}건을 해지했습니다.",
    },
    "no_subscriptions": {
        "en": "{where} has no subscriptions. /subscribe [topic] adds one.",
        "ko": "{where}에는 구독이 없습니다. /subscribe [주제] 로 추가하세요.",
    },
    "subscriptions": {"en": "{where} gets:", "ko": "{where} 구독 목록:"},
    "this_chat": {"en": "this chat", "ko": "이 채팅"},
    "all_topics": {"en": "every release", "ko": "전체 발표"},
    "flash_topic": {
        "en": "the customs office's first-10/20-day figures",
        "ko": "관세청 1~10일·1~20일 잠정치",
    },
    "channel_not_found": {
        "en": "I can't find {channel}. Check the name, and add me to it as an administrator.",
        "ko": "{channel} 채널을 찾을 수 없습니다. 이름을 확인하고 저를 관리자로 추가해 주세요.",
    },
    "not_a_channel": {
        "en": "{channel} is not a channel. In a group, send /subscribe inside the group.",
        "ko": "{channel}은(는) 채널이 아닙니다. 그룹은 그룹 안에서 /subscribe 하세요.",
    },
    "channel_bot_cannot_post": {
        "en": (
            "I can't post in {channel}. Make me an administrator there with "
            "“Post messages” allowed, then try again."
        ),
        "ko": "{channel}에 글을 올릴 수 없습니다. 메시지 게시 권한이 있는 관리자로 추가해 주세요.",
    },
    "channel_user_not_admin": {
        "en": "Only administrators of {channel} can change its alerts.",
        "ko": "{channel}의 알림은 채널 관리자만 바꿀 수 있습니다.",
    },
    "broadcast_usage": {"en": "Usage: /broadcast YYYY-MM", "ko": "사용법: /broadcast YYYY-MM"},
    "broadcast_queued": {
        "en": "{count} deliveries queued for {month}.",
        "ko": "{month} 발표 {count}건을 발송 대기열에 넣었습니다.",
    },
    "send_csv": {
        "en": "Send a .csv file in the dataset's format to ingest it (with its sources CSV, "
        "before or after it, or both in one .zip).",
        "ko": "데이터셋 형식의 .csv 파일을 보내 주세요(출처 CSV는 앞이나 뒤에 따로, 또는 둘을 "
        ".zip 하나로).",
    },
    "sources_waiting": {
        "en": "Sources checked ({count}). Now send the figures CSV: both are loaded together.",
        "ko": "출처 {count}건을 확인했습니다. 이제 수치 CSV를 보내 주세요. 함께 반영합니다.",
    },
    "figures_waiting": {
        "en": "If these figures cite new sources, send the sources CSV now: both are then "
        "checked and loaded together.",
        "ko": "새 출처를 인용하는 수치라면 지금 출처 CSV를 보내 주세요. 함께 확인해 반영합니다.",
    },
    "ingest_failed": {
        "en": "Not ingested, nothing changed: {error}",
        "ko": "반영하지 않았습니다(변경 없음): {error}",
    },
}


def lang_of(code: str | None, default: str = "en") -> str:
    """'ko' for a Korean language code (ko, ko-KR), else `default`."""
    if code and code.lower().startswith("ko"):
        return "ko"
    return default if default in ("en", "ko") else "en"


_PARTICLE_MARKS = re.compile(r"(\S+?)(은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(이\)라는)")
_MARK_PAIRS = {"은(는)": "은/는", "이(가)": "이/가", "을(를)": "을/를", "과(와)": "과/와"}


def say(key: str, lang: str = "en", /, **values: object) -> str:
    """The text `key` in `lang` (English when unknown), with `values` filled in; a Korean
    particle written for either ending ("은(는)") is chosen for the word it follows."""
    texts = _TEXTS[key]
    text = texts.get(lang, texts["en"])
    text = text.format(**values) if values else text
    if lang == "ko" and "(" in text:
        text = _PARTICLE_MARKS.sub(
            lambda m: with_particle(m[1], _MARK_PAIRS.get(m[2], "이라는/라는")), text
        )
    return text


def help_text(lang: str, username: str) -> str:
    """/help: how to ask, then every command of `COMMANDS` with its usage."""
    lines = [say("help_intro", lang, username=username), "", say("help_commands", lang)]
    for command in COMMANDS:
        usage = f" {command.usage}" if command.usage else ""
        description = command.ko if lang == "ko" else command.en
        lines.append(f"/{command.name}{usage}: {description}")
    return "\n".join(lines)
