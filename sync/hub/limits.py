"""What every request passes first: a body size limit, the access log, enrollment throttling.

``RequestGuard`` is plain ASGI middleware, outside routing and body parsing:

- Body limit: a ``Content-Length`` above the limit is answered 413 before a byte of the body
  is read; a body without one (chunked) is counted as it streams and the read fails with 413
  as soon as it passes the limit. So a 50 MB body is never held in memory, authenticated or
  not, on every route.
- Access log: one line per request on the ``omnitill.hub.access`` logger: request id, method,
  route template (never the query string, which may carry codes), caller (``till <id>`` or
  ``admin <token id>``, set by sync/hub/deps.py; never a token), status, duration. The id is
  sent back as ``X-Request-Id`` so a till's error report can be matched to the line.

``AttemptLimiter`` is a sliding-window counter per client address, for enrollment attempts:
codes are ~59 bits, but a slow guesser should still be stopped and seen.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from sync.hub.errors import HubError

access_log = logging.getLogger("omnitill.hub.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CALLER_KEY = "omnitill.caller"  # scope["state"] entry set once the caller is authenticated


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = secrets.token_hex(8)
        state: dict[str, Any] = {"status": 500}
        scope.setdefault("state", {})

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body:
                await _answer(send_logged, 413, f"request body larger than {self.max_body} bytes")
                return
            await self.app(scope, self._counting(receive), send_logged)
        finally:
            _log_access(scope, request_id, state["status"], time.perf_counter() - started)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return counted


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _answer(send: Send, status: int, detail: str) -> None:
    body = ('{"detail":"' + detail + '"}').encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _log_access(scope: Scope, request_id: str, status: int, seconds: float) -> None:
    route = scope.get("route")
    path = getattr(route, "path", None) or scope.get("path", "?")
    caller = scope["state"].get(CALLER_KEY, "-")
    access_log.info(
        "%s %s %s caller=%s status=%d %.1fms",
        request_id,
        scope.get("method", "?"),
        path,
        caller,
        status,
        seconds * 1000,
    )


class TooManyAttempts(HubError):
    status_code = 429


class AttemptLimiter:
    """At most ``limit`` attempts per ``window`` seconds per key (a client address)."""

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._max_keys = max_keys
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Count one attempt; TooManyAttempts (429) when over the limit."""
        now = self._clock()
        with self._lock:
            if len(self._seen) >= self._max_keys and key not in self._seen:
                self._forget_idle(now)
            times = self._seen.setdefault(key, deque())
            while times and times[0] <= now - self._window:
                times.popleft()
            if len(times) >= self._limit:
                wait = int(times[0] + self._window - now) + 1
                raise TooManyAttempts(f"too many enrollment attempts; try again in {wait} s")
            times.append(now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, t in self._seen.items() if not t or t[-1] <= now - self._window]:
            del self._seen[key]
