"""A small Bot API server of our own, on 127.0.0.1, for tests that talk real HTTP.

`FakeBotApi` answers the Bot API methods the bot calls, records every call (method,
decoded params, uploaded files, result), and lets a test play Telegram's part: push
messages, button presses, inline queries and documents into `getUpdates`, set who is
an administrator where, and make the next call fail (429 with retry_after, 403, ...).

The same object serves in-process handler tests without sockets: `FakeRequest` is a
`telegram.request.BaseRequest` that hands PTB's requests straight to
`FakeBotApi.handle`, so both kinds of test see one behaviour.

    with FakeBotApi() as api:            # .base_url -> http://127.0.0.1:PORT/bot
        api.push_text(private_chat(ann), ann, "/start")
        api.wait_for(lambda: api.sent(method="sendMessage"))
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from .telegram_objects import ADMIN_RIGHTS, BOT_ID, BOT_USERNAME, GIFT_TYPES, marked_entities, user
from .transport import LoopbackServer, decode, serve

__all__ = ["FakeBotApi"]

logger = logging.getLogger(__name__)


class FakeBotApi:
    """A Bot API server on loopback: a context manager, or `start()` / `stop()`."""

    def __init__(
        self, *, username: str = BOT_USERNAME, token: str | None = None, delay: float = 0.0
    ) -> None:
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Kortrade test",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.token = token  # when set, any other token gets 401 Unauthorized
        self.delay = delay  # seconds added to every call but getUpdates
        self.calls: list[dict[str, Any]] = []
        self.unknown: list[str] = []  # methods answered with a blind `true`
        self.accepted: Counter[Any] = Counter()  # messages accepted per chat id
        self.paid: Counter[Any] = Counter()  # of those, sent with allow_paid_broadcast
        self.commands: dict[str, list[dict[str, Any]]] = {}  # language_code -> commands
        self._cond = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {BOT_ID: self.bot}
        self._members: dict[tuple[int, int], dict[str, Any]] = {}
        self._files: dict[str, tuple[str, bytes]] = {}
        self._failures: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._closed = False
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None

    # -- server -------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        self._server = serve(self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()  # release long polls
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What `TELEGRAM_API_BASE_URL` should be; PTB appends the token."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    @property
    def connections(self) -> int:
        """TCP connections the server accepted: a client that keeps them alive opens few."""
        assert self._server is not None, "start() the server first"
        return self._server.connections

    @property
    def file_base_url(self) -> str:
        return self.base_url.replace("/bot", "/file/bot")

    # -- what a test does as Telegram -----------------------------------------------------

    def add_chat(self, chat: dict[str, Any]) -> None:
        with self._cond:
            self._chats[chat["id"]] = chat

    def push_update(self, **payload: Any) -> dict[str, Any]:
        with self._cond:
            update = {"update_id": next(self._update_ids), **payload}
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def message(self, chat: dict[str, Any], sender: dict[str, Any], **fields: Any) -> dict:
        """A message as Telegram would deliver it (also registers chat and sender)."""
        self.add_chat(chat)
        self._users[sender["id"]] = sender
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            **fields,
        }
        if fields.get("message_thread_id"):
            message["is_topic_message"] = True
        return message

    def push_text(
        self,
        chat: dict[str, Any],
        sender: dict[str, Any],
        text: str,
        *,
        reply_to: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        thread_id: int | None = None,
        sender_chat: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Deliver a text message; commands and @mentions get their entities by default."""
        fields: dict[str, Any] = {"text": text}
        marks = marked_entities(text) if entities is None else entities
        if marks:
            fields["entities"] = marks
        if reply_to is not None:
            fields["reply_to_message"] = reply_to
        if thread_id is not None:
            fields["message_thread_id"] = thread_id
        if sender_chat is not None:
            fields["sender_chat"] = sender_chat
        message = self.message(chat, sender, **fields)
        self.push_update(message=message)
        return message

    def push_callback(
        self, sender: dict[str, Any], data: str, *, message: dict[str, Any]
    ) -> dict[str, Any]:
        """Press a button with `data` under `message` (one the bot sent)."""
        query = {
            "id": str(next(self._update_ids) * 7919),
            "from": sender,
            "chat_instance": f"ci{message['chat']['id']}",
            "message": message,
            "data": data,
        }
        self.push_update(callback_query=query)
        return query

    def push_inline(self, sender: dict[str, Any], query: str) -> dict[str, Any]:
        inline = {"id": str(next(self._update_ids) * 104729), "from": sender, "query": query}
        inline["offset"] = ""
        self.push_update(inline_query=inline)
        return inline

    def push_document(
        self,
        chat: dict[str, Any],
        sender: dict[str, Any],
        *,
        file_name: str,
        content: bytes,
        mime_type: str = "text/csv",
    ) -> dict[str, Any]:
        """Send a file; the bot can getFile it and download `content`."""
        file_id = f"doc{len(self._files) + 1}"
        self._files[file_id] = (f"documents/{file_name}", content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        message = self.message(chat, sender, document=document)
        self.push_update(message=message)
        return message

    def set_member_status(self, chat_id: int, user_id: int, status: str, **rights: bool) -> None:
        """creator | administrator (with rights, e.g. can_post_messages=True) | member | left."""
        with self._cond:
            self._members[(chat_id, user_id)] = {"status": status, **rights}

    def fail_next(
        self,
        method: str,
        *,
        chat_id: Any = None,
        error_code: int = 400,
        description: str = "Bad Request",
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        count: int = 1,
    ) -> None:
        """Make the next `count` calls of `method` (to `chat_id`, if given) fail.

        `retry_after` makes PTB raise RetryAfter (with error_code=429), and
        `migrate_to_chat_id` ChatMigrated, as Telegram's `parameters` do.
        """
        parameters = {"retry_after": retry_after, "migrate_to_chat_id": migrate_to_chat_id}
        failure = {"error_code": error_code, "description": description}
        failure["parameters"] = {k: v for k, v in parameters.items() if v is not None}
        with self._cond:
            self._failures.append({"method": method, "chat_id": chat_id, "count": count} | failure)

    def failures_left(self) -> int:
        """How many scripted failures have not happened yet."""
        with self._cond:
            return sum(failure["count"] for failure in self._failures)

    def take_updates(self) -> list[dict[str, Any]]:
        """Pending updates, removed from the queue (in-process tests feed them themselves)."""
        with self._cond:
            taken, self._updates = self._updates, []
        return taken

    # -- what a test checks -------------------------------------------------------------

    def sent(self, chat_id: Any = None, method: str | None = None) -> list[dict[str, Any]]:
        """Recorded calls ({method, params, files, result, ok, at}), oldest first."""
        with self._cond:
            return [
                call
                for call in self.calls
                if (method is None or call["method"] == method)
                and (chat_id is None or call["params"].get("chat_id") == chat_id)
            ]

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `predicate()` is truthy and return its value; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                methods = [call["method"] for call in self.calls]
                raise AssertionError(f"timed out after {timeout}s; calls so far: {methods}")
            with self._cond:
                self._cond.wait(min(remaining, 0.05))

    # -- the Bot API ----------------------------------------------------------------------

    def handle(
        self, path: str, fields: dict[str, str], files: dict[str, bytes]
    ) -> tuple[int, bytes]:
        """Answer one request: `/bot<token>/<method>` or `/file/bot<token>/<path>`."""
        parts = path.split("/")
        if path.startswith("/file/"):
            wanted = "/".join(parts[3:])
            for file_path, content in list(self._files.values()):
                if file_path == wanted:
                    return 200, content
            return 404, b"Not Found"
        token, method = parts[-2].removeprefix("bot"), parts[-1]
        if self.token is not None and token != self.token:
            return self._error(401, "Unauthorized")
        params = {name: decode(name, value) for name, value in fields.items()}
        if method == "getUpdates":
            failure = self._take_failure(method, params)
            if failure is not None:  # e.g. 409 Conflict: another process polls this token
                return self._error(
                    failure["error_code"], failure["description"], failure["parameters"]
                )
            return self._ok(self._get_updates(params))
        if self.delay:
            time.sleep(self.delay)
        call = {"method": method, "params": params, "files": files, "ok": True, "result": None}
        call["at"] = time.time()  # when it arrived: latency across processes (benchmarks, e2e)
        failure = self._take_failure(method, params)
        try:
            if failure is not None:
                call["ok"] = False
                return self._error(
                    failure["error_code"], failure["description"], failure["parameters"]
                )
            answer = getattr(self, f"_api_{method}", None)
            if answer is None:
                logger.warning("FakeBotApi: unknown method %s answered with true", method)
                self.unknown.append(method)
                call["result"] = True
            else:
                call["result"] = answer(params, files)
            if isinstance(call["result"], tuple):  # (status, description): a refusal
                call["ok"] = False
                return self._error(*call["result"])
            return self._ok(call["result"])
        finally:
            with self._cond:
                self.calls.append(call)
                self._cond.notify_all()

    @staticmethod
    def _ok(result: Any) -> tuple[int, bytes]:
        return 200, json.dumps({"ok": True, "result": result}).encode()

    @staticmethod
    def _error(code: int, description: str, parameters: dict | None = None) -> tuple[int, bytes]:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return code, json.dumps(body).encode()

    def _take_failure(self, method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        with self._cond:
            for failure in self._failures:
                chat_ok = failure["chat_id"] in (None, params.get("chat_id"))
                if failure["method"] == method and chat_ok:
                    failure["count"] -= 1
                    if failure["count"] <= 0:
                        self._failures.remove(failure)
                    return failure
        return None

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._cond.wait_for(lambda: self._updates or self._closed, timeout=timeout)
            return self._updates[: int(params.get("limit") or 100)]

    def _chat(self, chat_id: Any) -> dict[str, Any] | None:
        # Under the lock: request threads add chats while others look them up. By id it is
        # one dict hit (a fan-out to 10,000 chats would otherwise scan them all per message).
        with self._cond:
            if not isinstance(chat_id, str):
                return self._chats.get(chat_id)
            chats = list(self._chats.values())
        for chat in chats:
            if chat["id"] == chat_id or f"@{chat.get('username')}" == chat_id:
                return chat
        return None

    def _sent_message(self, params: dict[str, Any], **fields: Any) -> dict[str, Any]:
        chat_id = params["chat_id"]
        chat = self._chat(chat_id) or {"id": chat_id, "type": "private", "first_name": "?"}
        for name in ("reply_markup", "message_thread_id"):
            if params.get(name):
                fields[name] = params[name]
        with self._cond:
            self.accepted[chat["id"]] += 1
            if params.get("allow_paid_broadcast") is True:  # Bot API 7.11; Stars per message
                self.paid[chat["id"]] += 1
        return self.message(chat, self.bot, **fields)

    def _api_getMe(self, params, files):
        return self.bot

    def _api_sendMessage(self, params, files):
        return self._sent_message(params, text=params["text"])

    def _api_sendPhoto(self, params, files):
        photo = files.get("photo", b"")
        sizes = [
            {
                "file_id": "photo1",
                "file_unique_id": "p1",
                "width": 800,
                "height": 600,
                "file_size": len(photo),
            }
        ]
        return self._sent_message(params, photo=sizes, caption=params.get("caption", ""))

    def _api_editMessageText(self, params, files):
        if "inline_message_id" in params:
            return True
        return self._sent_message(params, text=params["text"], edit_date=int(time.time()))

    def _api_getChat(self, params, files):
        chat = self._chat(params["chat_id"])
        if chat is None:
            return 400, "Bad Request: chat not found"
        full = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": GIFT_TYPES}
        return chat | full

    def _api_getChatMember(self, params, files):
        chat = self._chat(params["chat_id"])
        if chat is None:
            return 400, "Bad Request: chat not found"
        user_id = params["user_id"]
        found = dict(self._members.get((chat["id"], user_id), {"status": "member"}))
        member = {"user": self._users.get(user_id, user(user_id, "User")), **found}
        if found["status"] == "administrator":
            member = ADMIN_RIGHTS | member
        elif found["status"] == "creator":
            member.setdefault("is_anonymous", False)
        elif found["status"] == "kicked":
            member.setdefault("until_date", 0)
        return member

    def _api_getFile(self, params, files):
        stored = self._files.get(params["file_id"])
        if stored is None:
            return 400, "Bad Request: invalid file_id"
        return {
            "file_id": params["file_id"],
            "file_unique_id": f"u{params['file_id']}",
            "file_size": len(stored[1]),
            "file_path": stored[0],
        }

    def _api_setMyCommands(self, params, files):
        self.commands[params.get("language_code", "")] = params["commands"]
        return True

    def _api_getMyCommands(self, params, files):
        return self.commands.get(params.get("language_code", ""), [])

    def _api_getWebhookInfo(self, params, files):
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    def _answer_true(self, params, files):
        return True

    _api_deleteWebhook = _api_answerCallbackQuery = _api_answerInlineQuery = _answer_true
    _api_sendChatAction = _api_setChatMenuButton = _api_deleteMessage = _answer_true
