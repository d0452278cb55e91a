"""How requests reach `FakeBotApi.handle`: over HTTP (`serve`, a keep-alive HTTP/1.1
server on an asyncio loop), or in-process
(`FakeRequest`, a PTB transport without sockets for `Application.process_update` tests).

PTB sends parameters as form fields, JSON-encoding every value that is not a string,
and files as multipart parts; both ways end as (path, fields, files).
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from telegram.request import BaseRequest, RequestData

__all__ = ["FakeRequest", "LoopbackServer", "decode", "serve"]

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


class LoopbackServer:
    """HTTP/1.1 on 127.0.0.1 answering with `api.handle`, on an asyncio loop of its own
    thread: connections stay open as Telegram keeps them, so a client's connection pool
    works as in production, and one core serves several thousand requests a second
    (benchmarks/bench_fanout.py prints the figure), so the fake is never what a
    fan-out benchmark measures. Calls that may block (getUpdates long polls, a `delay`)
    run on worker threads; every other call is answered inline."""

    def __init__(self, api: Handles) -> None:
        self.api = api
        self._sock = socket.create_server(("127.0.0.1", 0), backlog=1024)
        self.server_address: tuple[str, int] = self._sock.getsockname()
        self._loop = asyncio.new_event_loop()
        self._workers = ThreadPoolExecutor(max_workers=64, thread_name_prefix="fake-botapi")
        self._stopped = threading.Event()
        self._server: asyncio.Server | None = None
        self.connections = 0  # TCP connections accepted so far

    def serve_forever(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._connection, sock=self._sock, backlog=1024)
            )
            self._loop.run_forever()
            self._server.close()
            for task in asyncio.all_tasks(self._loop):
                task.cancel()
            self._loop.run_until_complete(asyncio.sleep(0))
        finally:
            self._loop.close()
            self._stopped.set()

    def shutdown(self) -> None:
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._stopped.wait(5)

    def server_close(self) -> None:
        self._workers.shutdown(wait=False, cancel_futures=True)
        self._sock.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while await self._exchange(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """One request and its answer; False when the client hung up or asked to close."""
        line = await reader.readline()
        if not line.strip():
            return False
        target = line.split()[1].decode("latin-1")
        headers: dict[str, str] = {}
        while (header := await reader.readline()).strip():
            name, _, value = header.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length") or 0)
        body = await reader.readexactly(length) if length else b""
        fields, files = _parse_body(headers.get("content-type", ""), body)
        url = urlsplit(target)
        fields |= dict(parse_qsl(url.query))
        if url.path.endswith("/getUpdates") or getattr(self.api, "delay", 0):
            answer = self._loop.run_in_executor(
                self._workers, self.api.handle, url.path, fields, files
            )
            status, payload = await answer
        else:
            status, payload = self.api.handle(url.path, fields, files)
        kind = "application/json" if payload[:1] == b"{" else "application/octet-stream"
        head = (
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        )
        writer.write(head.encode() + payload)
        await writer.drain()
        return headers.get("connection", "").lower() != "close"


def serve(api: Handles) -> LoopbackServer:
    """An HTTP server on a free port of 127.0.0.1 answering with `api.handle`."""
    return LoopbackServer(api)
