"""What every handler reads from PTB's context: the store, the settings, the languages.

`build_application` puts the store and settings into `bot_data`, PTB's place for
application-wide objects, so handlers stay plain `(update, context)` functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Message, Update
from telegram.ext import ContextTypes

from kortrade.bot.texts import lang_of
from kortrade.data.subscriptions import get_lang

if TYPE_CHECKING:
    from kortrade.config import Settings
    from kortrade.data.store import Store

__all__ = [
    "FATAL",
    "SETTINGS",
    "STORE",
    "chat_lang",
    "message_of",
    "settings_of",
    "store_of",
    "ui_lang",
]

STORE = "store"
SETTINGS = "settings"
#: Set (to a one-line reason) by whatever stops the bot for good: run_bot exits non-zero.
FATAL = "fatal"


def message_of(update: Update) -> Message:
    """The update's message; only handlers registered for messages call this."""
    message = update.effective_message
    if not isinstance(message, Message):
        raise TypeError(f"update {update.update_id} carries no message")
    return message


def store_of(context: ContextTypes.DEFAULT_TYPE) -> Store:
    return context.bot_data[STORE]


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data[SETTINGS]


def chat_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The language set with /lang for this chat; None lets replies follow the question."""
    chat = update.effective_chat
    return get_lang(store_of(context), chat.id) if chat is not None else None


def ui_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The language of the bot's own words: /lang, else the user's app language."""
    user = update.effective_user
    default = settings_of(context).default_lang
    return chat_lang(update, context) or lang_of(user.language_code if user else None, default)
