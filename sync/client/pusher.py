"""The outbox pusher (docs/architecture.md §6): sends unsent events in order, in batches, to ``POST
/v1/events``.

At-least-once delivery plus the hub's idempotent ingest gives exactly-once: an event is marked
sent only when the hub acknowledged it (accepted, or duplicate = stored before), so a crash or
a lost answer at any point means the batch is sent again and the hub answers "duplicate".
Rejected events stay in the outbox, flagged with the hub's reason, and do not hold up the
events after them. Failures wait with capped exponential backoff with full jitter; this is the
only retry layer (``requests`` itself never retries). Everything runs on one thread, which
owns its HTTP session and opens a database session per batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pos_app.domain.retry import Backoff
from sync.client.errors import BadResponse, HubError
from sync.client.http import HubHttp
from sync.client.outbox import Outcome, QueuedEvent
from sync.client.status import StatusTracker
from sync.client.waker import Waker
from sync.protocol import MAX_EVENTS_PER_BATCH, EventBatchResponse, EventStatus

log = logging.getLogger(__name__)
CHANNEL = "push"
TOO_LARGE = 413


class Outbox(Protocol):
    def next_batch(self, limit: int) -> list[QueuedEvent]: ...
    def record(self, outcomes: Sequence[Outcome]) -> None: ...
    def counts(self) -> tuple[int, int]: ...


@dataclass(frozen=True)
class PushReport:
    acknowledged: int = 0
    rejected: int = 0
    error: str | None = None
    shrunk: bool = False  # the hub found the batch too large: send again at once, smaller

    @property
    def idle(self) -> bool:
        return self.error is None and not (self.acknowledged or self.rejected or self.shrunk)


class OutboxPusher:
    def __init__(
        self,
        http: HubHttp,
        outbox: Outbox,
        tracker: StatusTracker,
        *,
        batch_size: int = 200,
        idle_poll: float = 5.0,
        backoff: Backoff | None = None,
        wait: Callable[[float], None] | None = None,
    ) -> None:
        self._http = http
        self._outbox = outbox
        self._tracker = tracker
        self._batch_size = max(1, min(batch_size, MAX_EVENTS_PER_BATCH))
        # A safety net only: new sales kick the pusher, so this bounds a missed kick.
        self._idle_poll = idle_poll
        self.backoff = backoff if backoff is not None else Backoff()
        self._waker = Waker()
        # Injected by tests to see the backoff delays without waiting them out.
        self._wait = wait if wait is not None else self._waker.wait
        self._backing_off = threading.Event()
        self._thread: threading.Thread | None = None

    # --- what other threads call --------------------------------------------------------

    def notify_new_events(self, count: int = 1) -> None:
        """A sale (or other event) was committed to the outbox: count it, send it soon.

        During a backoff the wait is not cut short: a busy till must not hammer a hub that
        is down. ``hub_reached`` cuts it (the puller saw the hub again).
        """
        self._tracker.add_queued(count)
        if not self._backing_off.is_set():
            self._waker.kick()

    def hub_reached(self) -> None:
        if self._backing_off.is_set():
            self._waker.kick()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the pusher was started already")
        self._thread = threading.Thread(target=self._run, name="sync-push", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop and join; True when the thread has ended."""
        self._waker.stop()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def stopping(self) -> bool:
        return self._waker.stopped

    # --- the pusher thread ----------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._refresh_counts()
            while not self._waker.stopped:
                report = self.push_once()
                if report.error is not None:
                    self._backing_off.set()
                    self._wait(self.backoff.next_delay())
                    self._backing_off.clear()
                elif report.idle:
                    self._waker.wait(self._idle_poll)
        finally:
            self._http.close()

    def push_once(self) -> PushReport:
        """Send one batch and record the hub's answer; never raises."""
        try:
            batch = self._outbox.next_batch(self._batch_size)
            if not batch:
                self._refresh_counts()
                return PushReport()
            report = self._send(batch)
        except HubError as exc:
            if exc.status == TOO_LARGE:
                return self._too_large(batch, str(exc))
            self._tracker.failed(CHANNEL, str(exc))
            return PushReport(error=str(exc))
        except Exception as exc:  # the local database, say; keep the thread alive and retry
            log.exception("outbox push failed at the till")
            message = f"outbox: {type(exc).__name__}: {exc}"
            self._tracker.update(last_error=message)
            return PushReport(error=message)
        self.backoff.reset()
        self._tracker.succeeded(CHANNEL)
        self._refresh_counts()
        return report

    def _send(self, batch: list[QueuedEvent]) -> PushReport:
        outcomes: list[Outcome] = []
        sendable: list[QueuedEvent] = []
        wire = []
        for event in batch:
            try:
                wire.append(event.wire())
                sendable.append(event)
            except ValueError as exc:
                # Unreadable at the till: the hub could not accept it either. Flag it now.
                outcomes.append(Outcome(event.row_id, False, f"damaged at the till: {exc}"))
        if wire:
            answer = self._http.model(
                EventBatchResponse, "POST", "/v1/events", json={"events": wire}
            )
            outcomes.extend(_match(sendable, answer))
        self._outbox.record(outcomes)
        rejected = [o for o in outcomes if not o.acknowledged]
        for outcome in rejected:
            log.warning("outbox event #%s rejected by the hub: %s", outcome.row_id, outcome.reason)
        return PushReport(acknowledged=len(outcomes) - len(rejected), rejected=len(rejected))

    def _too_large(self, batch: list[QueuedEvent], reason: str) -> PushReport:
        """413: halve the batch; a single event the hub will never take is flagged, visible."""
        if len(batch) > 1:
            self._batch_size = max(1, len(batch) // 2)
            log.info("the hub refused %d events as too large; sending %d at a time",
                     len(batch), self._batch_size)  # fmt: skip
            return PushReport(shrunk=True)
        self._outbox.record([Outcome(batch[0].row_id, False, f"too large for the hub: {reason}")])
        self._refresh_counts()
        return PushReport(rejected=1)

    def _refresh_counts(self) -> None:
        queued, rejected = self._outbox.counts()
        self._tracker.update(queued=queued, rejected=rejected)


def _match(sent: Sequence[QueuedEvent], answer: EventBatchResponse) -> list[Outcome]:
    """One outcome per sent event; an answer that does not line up is not trusted at all."""
    by_index = {r.index: r for r in answer.results}
    if len(answer.results) != len(sent) or set(by_index) != set(range(len(sent))):
        raise BadResponse("the hub's answer does not list every event sent")
    outcomes = []
    for index, event in enumerate(sent):
        result = by_index[index]
        if result.event_id is not None and result.event_id.lower() != event.event_id.lower():
            raise BadResponse("the hub's answer names other events than those sent")
        if result.status in (EventStatus.ACCEPTED, EventStatus.DUPLICATE):
            outcomes.append(Outcome(event.row_id, True, warnings=tuple(result.warnings)))
        else:
            outcomes.append(Outcome(event.row_id, False, result.reason or "rejected by the hub"))
    return outcomes
