"""Enrolling a till with a hub: a one-time code for a device token (docs/architecture.md §6).

Nothing is written unless the hub accepted the code: the URL is checked, the hub is asked, and
only then is the store profile updated (the till's identity on its receipts and journal) and
the hub settings file written (0600, atomically). A till without that file runs standalone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.l10n.messages import msg, reason_of
from pos_app.services.sync.state import write_store_profile
from sync.client.config import HubConfig, save_config
from sync.client.errors import BadResponse, Forbidden, HubError, InvalidRequest, NotFound
from sync.client.http import HubHttp, Timeouts, normalise_hub_url, plain_http_elsewhere
from sync.protocol import EnrollResponse

ENROLL_TIMEOUTS = Timeouts(connect=5.0, read=15.0)


class EnrollmentError(Exception):
    """Enrollment failed; the one-line message says why. Nothing was written."""


@dataclass(frozen=True)
class Enrolled:
    config: HubConfig
    config_path: Path
    store_name: str


def utc_now() -> datetime:
    return datetime.now(UTC)


def request_enrollment(
    hub_url: str, code: str, till_name: str = "", *, insecure: bool = False
) -> tuple[str, EnrollResponse]:
    """Ask the hub; returns the normalised URL and its answer, or raises EnrollmentError.

    Plain ``http://`` is refused unless the hub is on this machine or ``insecure`` is given:
    the code, and then every request's device token, would cross the network in clear.
    """
    try:
        url = normalise_hub_url(hub_url)
    except ValueError as exc:
        raise EnrollmentError(*exc.args) from None
    if plain_http_elsewhere(url) and not insecure:
        raise EnrollmentError(
            msg(
                "{url} is plain http: the enrollment code and this till's device token would "
                "cross the network unencrypted, readable and reusable by anyone on it. Use the "
                "hub's https:// address (omnitill hub serve --tls-cert/--tls-key), or pass "
                "--insecure on a network you trust.",
                url=url,
            )
        )
    if not code.strip():
        raise EnrollmentError(msg("Type the enrollment code the hub gave you."))
    http = HubHttp(url, None, timeouts=ENROLL_TIMEOUTS)
    try:
        answer = http.model(
            EnrollResponse,
            "POST",
            "/v1/enroll",
            json={"code": code.strip()[:64], "till_name": till_name[:200]},
        )
    except Forbidden as exc:
        raise EnrollmentError(
            msg("The hub refused the code: {reason}", reason=reason_of(exc))
        ) from None
    except InvalidRequest as exc:
        raise EnrollmentError(
            msg("The hub refused the request: {reason}", reason=reason_of(exc))
        ) from None
    except (BadResponse, NotFound):
        raise EnrollmentError(
            msg("{url} does not answer like an OmniTill hub: check the address.", url=url)
        ) from None
    except HubError as exc:
        raise EnrollmentError(msg("cannot enroll: {reason}", reason=reason_of(exc))) from None
    finally:
        http.close()
    return url, answer


def complete_enrollment(
    url: str,
    answer: EnrollResponse,
    *,
    config_dir: Path,
    write_sessions: sessionmaker[Session],
    clock: Callable[[], datetime] = utc_now,
) -> Enrolled:
    """Store what the hub answered: the store profile, then the settings file."""
    config = HubConfig(
        hub_url=url,
        token=answer.token,
        till_id=answer.till_id,
        store_id=answer.store.store_id,
        enrolled_at=clock(),
    )
    # The profile first: if writing the settings file then fails, the till is still a
    # working standalone till, and enrolling again with a new code fixes it.
    with write_sessions.begin() as session:
        write_store_profile(session, answer.store, answer.till_id)
    try:
        path = save_config(config_dir, config)
    except OSError as exc:
        raise EnrollmentError(
            msg(
                "cannot write the hub settings in {folder}: {reason}",
                folder=str(config_dir),
                reason=str(exc),
            )
        ) from None
    return Enrolled(config=config, config_path=path, store_name=answer.store.name)


def enroll(
    hub_url: str,
    code: str,
    *,
    config_dir: Path,
    write_sessions: sessionmaker[Session],
    till_name: str = "",
    clock: Callable[[], datetime] = utc_now,
) -> Enrolled:
    url, answer = request_enrollment(hub_url, code, till_name)
    return complete_enrollment(
        url, answer, config_dir=config_dir, write_sessions=write_sessions, clock=clock
    )
