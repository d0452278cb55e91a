"""How requests reach `FakeBotApi.handle`: over HTTP (`serve`), or in-process
(`FakeRequest`, a PTB transport without sockets for `Application.process_update` tests).

PTB sends parameters as form fields, JSON-encoding every value that is not a string,
and files as multipart parts; both ways end as (path, fields, files).
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from telegram.request import BaseRequest, RequestData

__all__ = ["FakeRequest", "decode", "serve"]

# Parameters PTB sends as plain strings; everything else arrives JSON-encoded.
_STRING_PARAMS = {"text", "caption", "data", "query", "title", "description", "file_id", "url"}
_STRING_PARAMS |= {"callback_query_id", "inline_query_id", "next_offset", "parse_mode"}
_STRING_PARAMS |= {"secret_token", "language_code"}


class Handles(Protocol):
    def handle(
        self, path: str, fields: dict[str, str], files: dict[str, bytes]
    ) -> tuple[int, bytes]: ...


def decode(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # "@channelname", "HTML", ...


def _parse_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    """Form fields and uploaded files of a urlencoded, multipart or JSON request body."""
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        fields: dict[str, str] = {}
        files: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            payload = part.get_payload(decode=True)
            payload = payload if isinstance(payload, bytes) else b""
            if part.get_filename() is None:
                fields[name] = payload.decode()
            else:
                files[name] = payload
        return fields, files
    if "json" in content_type:
        data = json.loads(body or b"{}")
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}, {}
    return dict(parse_qsl(body.decode(), keep_blank_values=True)), {}


class _Handler(BaseHTTPRequestHandler):
    """HTTP in, `FakeBotApi.handle` out."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fields, files = _parse_body(self.headers.get("Content-Type", ""), body)
        url = urlsplit(self.path)
        fields |= dict(parse_qsl(url.query))
        self._reply(*self.server.api.handle(url.path, fields, files))  # type: ignore[attr-defined]

    do_GET = do_POST

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        kind = "application/json" if body[:1] == b"{" else "application/octet-stream"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the bot hung up mid long poll
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read .calls
        pass


class FakeRequest(BaseRequest):
    """PTB's transport, in-process: requests go to `FakeBotApi.handle` without sockets."""

    def __init__(self, api: Handles) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(  # timeouts are meaningless without a network
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        fields = request_data.json_parameters if request_data else {}
        files = {}
        for name, field in ((request_data and request_data.multipart_data) or {}).items():
            content = field[1]
            files[name] = content.read() if hasattr(content, "read") else content
        return self.api.handle(urlsplit(url).path, fields, files)


def serve(api: Handles) -> ThreadingHTTPServer:
    """An HTTP server on a free port of 127.0.0.1 answering with `api.handle`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.api = api  # type: ignore[attr-defined]
    return server
