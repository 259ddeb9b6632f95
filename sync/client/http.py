"""One small HTTP layer over ``requests`` for every call the till makes to the hub.

Every request has a timeout (docs/architecture.md §6), TLS verification stays on, and failures come
back as the typed errors of ``sync.client.errors``. There is no retry here: the sync threads own the
one retry layer (with backoff), and interactive look-ups must fail fast instead.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ValidationError

from pos_app.domain.l10n.messages import Message
from pos_app.domain.l10n.problems import problem_message
from sync.client.errors import (
    BadResponse,
    Conflict,
    Forbidden,
    HubError,
    HubUnavailable,
    HubUnreachable,
    InvalidRequest,
    NotFound,
    Unauthorized,
)

if TYPE_CHECKING:
    # Imported when the first HubHttp is made: a third of a second of a standalone till's cold
    # start otherwise, for a library it never calls (issue 18).
    import requests

M = TypeVar("M", bound=BaseModel)
USER_AGENT = "omnitill-till/1"


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.0
    read: float = 15.0

    def pair(self, extra_read: float = 0.0) -> tuple[float, float]:
        return (self.connect, self.read + extra_read)


def plain_http_elsewhere(url: str) -> bool:
    """True for ``http://`` to a host that is not this machine: readable on the network."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a name other than localhost may resolve anywhere


def normalise_hub_url(url: str) -> str:
    """``http(s)://host[:port][/prefix]`` without a trailing slash; ValueError otherwise."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a non-numeric port
    except ValueError:
        raise ValueError(f"not a hub URL: {url[:80]!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a hub URL (expected http://host:port or https://…): {url[:80]!r}")
    if parts.query or parts.fragment or (port is not None and not 0 < port < 65536):
        raise ValueError(f"not a hub URL: {url[:80]!r}")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


class HubHttp:
    """Calls to one hub with one token; owns its ``requests.Session`` (one per thread)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        session: requests.Session | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        self.base_url = normalise_hub_url(base_url)
        self.timeouts = timeouts if timeouts is not None else Timeouts()
        if session is None:
            import requests

            session = requests.Session()
        self._session = session
        self._session.headers["User-Agent"] = USER_AGENT
        if token is not None:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        timeout: tuple[float, float] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """The decoded JSON body of a 2xx answer, or a typed ``HubError``."""
        import requests  # already loaded by __init__: a dictionary look-up

        url = self.base_url + path
        try:
            response = self._session.request(
                method,
                url,
                params=params,
                json=json,
                headers=headers,
                timeout=timeout or self.timeouts.pair(),
            )
        except requests.Timeout:
            raise HubUnreachable(f"hub did not answer in time ({self.base_url})") from None
        except requests.RequestException as exc:
            raise HubUnreachable(f"hub unreachable ({self.base_url}): {_short(exc)}") from None
        if response.status_code >= 300:
            raise _error_for(response)
        try:
            return response.json()
        except ValueError:
            raise BadResponse(f"{self.base_url} did not answer like an OmniTill hub") from None

    def model(self, model: type[M], method: str, path: str, **kwargs: Any) -> M:
        body = self.call(method, path, **kwargs)
        try:
            return model.model_validate(body)
        except ValidationError:
            raise BadResponse(
                f"unexpected answer from the hub for {path} (is it a matching version?)"
            ) from None


_BY_STATUS: dict[int, type[HubError]] = {
    400: InvalidRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: InvalidRequest,
}


def _error_for(response: requests.Response) -> HubError:
    status = response.status_code
    detail = _detail(response)
    if status == 429 or status >= 500:
        return HubUnavailable(f"hub unavailable (HTTP {status}): {detail}", status=status)
    cls = _BY_STATUS.get(status, BadResponse)
    return cls(_problem(response) or detail, status=status)


def _problem(response: requests.Response) -> Message | None:
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    return problem_message(body.get("code"), body.get("params"))


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail[:300]
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        return str(detail[0].get("msg", f"HTTP {response.status_code}"))[:300]
    return f"HTTP {response.status_code}"


def _short(exc: Exception) -> str:
    # requests nests urllib3's reason several levels deep; the innermost text is the useful one.
    reason: BaseException = exc
    while reason.__context__ is not None and reason.__context__ is not reason:
        reason = reason.__context__
    text = str(reason) or type(reason).__name__
    return text.splitlines()[0][:160]
