"""The Telegram application: all wiring in one place, and `run_bot` to start it.

`build_application` is the only place that adds handlers, the error handler, the rate
limiter and the jobs, so this file reads as the bot's table of contents. `run_bot`
long-polls by default and serves a webhook when `KORTRADE_WEBHOOK_URL` is set.
`TELEGRAM_API_BASE_URL` points the bot at another Bot API server (a local
`telegram-bot-api`, or the loopback fake the end-to-end tests run).
"""

from __future__ import annotations

import gc
import logging
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from kortrade.bot import handlers, handlers_admin
from kortrade.bot.alerts import check_at_start, register_jobs
from kortrade.bot.context import FATAL, SETTINGS, STORE
from kortrade.bot.ratelimit import PerChatFloodLimiter
from kortrade.bot.texts import COMMANDS
from kortrade.bot.transport import AiohttpRequest
from kortrade.config import ConfigError
from kortrade.errors import UserError

if TYPE_CHECKING:
    from telegram.request import BaseRequest

    from kortrade.config import Settings
    from kortrade.data.store import Store

__all__ = ["ALLOWED_UPDATES", "build_application", "run_bot"]

logger = logging.getLogger(__name__)

#: The update kinds the bot handles; Telegram sends no others.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,
]

_QUESTION = filters.TEXT & ~filters.COMMAND
# Replies end with source links: a preview card of the first would dwarf the figure.
_DEFAULTS = Defaults(
    allow_sending_without_reply=True, link_preview_options=LinkPreviewOptions(is_disabled=True)
)


def _file_url(settings: Settings) -> str | None:
    """TELEGRAM_API_FILE_URL, else the file path of a Bot API server: .../bot -> .../file/bot."""
    if settings.telegram_api_file_url:
        return settings.telegram_api_file_url
    base = settings.telegram_api_base_url
    if base and base.rstrip("/").endswith("/bot"):
        return base.rstrip("/")[: -len("/bot")] + "/file/bot"
    return None


async def _post_init(application: Application) -> None:
    """The first release check (before polling begins), then command menus in English
    (the default) and Korean; a failure only costs the menu."""
    await check_at_start(application)
    menus = {
        None: [BotCommand(c.name, c.en) for c in COMMANDS if not c.admin],
        "ko": [BotCommand(c.name, c.ko) for c in COMMANDS if not c.admin],
    }
    try:
        for language, commands in menus.items():
            await application.bot.set_my_commands(commands, language_code=language)
    except TelegramError as exc:
        logger.warning("could not set the command menus: %s", exc)
    # Start-up objects (imports, the vocabulary, cached series) live as long as the bot:
    # moved out of the collector's reach, full collections no longer walk them, which
    # removed 30-50 ms pauses from the p99 of a reply (benchmarks/bench_store.py).
    gc.collect()
    gc.freeze()


async def _post_shutdown(application: Application) -> None:
    """PTB skips the bot's shutdown when start-up failed (a refused token): close its
    connection pool anyway (a no-op after a normal run)."""
    await application.bot.shutdown()


def build_application(
    settings: Settings, store: Store, *, request: BaseRequest | None = None
) -> Application:
    """The bot, ready to run; `request` replaces the HTTP transport (tests)."""
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        # Flood control: that chat waits. Paid alerts pass PTB's own 1,000 msg/s limiter
        # instead of the overall 30 msg/s one, so replies keep the free limit in paid mode.
        .rate_limiter(PerChatFloodLimiter(max_retries=2))
        .defaults(_DEFAULTS)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    if file_url := _file_url(settings):
        builder = builder.base_file_url(file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:  # one keep-alive pool for every call but long polling (see bot/transport.py)
        builder = builder.request(AiohttpRequest())
    application = builder.build()
    application.bot_data[STORE] = store
    application.bot_data[SETTINGS] = settings

    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    application.add_handlers(
        [
            CommandHandler("start", handlers.start),
            CommandHandler("help", handlers.help_command),
            CommandHandler("latest", handlers.latest),
            CommandHandler("about", handlers.about),
            CommandHandler("chart", handlers.chart),
            CommandHandler("subscribe", handlers_admin.subscribe_command),
            CommandHandler("unsubscribe", handlers_admin.unsubscribe_command),
            CommandHandler("subscriptions", handlers_admin.subscriptions_command),
            CommandHandler("lang", handlers_admin.set_language),
            CommandHandler("broadcast", handlers_admin.broadcast),
            MessageHandler(filters.Document.ALL & private, handlers_admin.upload),
            MessageHandler(_QUESTION & private, handlers.question),
            MessageHandler(_QUESTION & groups, handlers.group_message),
            MessageHandler(filters.COMMAND & private, handlers.unknown_command),
            MessageHandler(filters.StatusUpdate.MIGRATE, handlers_admin.migrated),
            CallbackQueryHandler(handlers.button),
            InlineQueryHandler(handlers.inline_query),
            ChatMemberHandler(handlers_admin.membership, ChatMemberHandler.MY_CHAT_MEMBER),
        ]
    )
    application.add_error_handler(handlers.error_handler)
    register_jobs(application, settings)
    return application


class _LogHygiene(logging.Filter):
    """Keeps the token out of every log line and traceback, whoever logs it, and drops
    PTB's start-up tracebacks that `run_bot` reports itself in one line."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Network Retry Loop (Bootstrap"):
            return False
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def run_bot(settings: Settings, store: Store) -> None:
    """Run until SIGINT/SIGTERM: long polling, or a webhook when one is configured."""
    token = settings.require_token()
    for handler in logging.getLogger().handlers:
        handler.addFilter(_LogHygiene(token))
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one INFO line per job run
    application = build_application(settings, store)
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=secrets.token_urlsafe(32),  # Telegram echoes it; others lack it
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    except InvalidToken:
        raise ConfigError(
            "Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?): check it with @BotFather"
        ) from None
    except NetworkError as exc:  # at start-up only: later, polling retries by itself
        raise UserError(f"the Telegram Bot API failed at start-up: {exc.message}") from None
    fatal = application.bot_data.get(FATAL)
    if fatal:
        raise UserError(fatal)
