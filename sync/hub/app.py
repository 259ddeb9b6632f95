"""``create_app(settings)``: the hub's FastAPI application, built from its settings alone.

Stateless over one database: any number of workers may serve the same hub. Each worker owns
its engine, its long-poll notifier (on its event loop) and, on PostgreSQL, one LISTEN
connection that relays other workers' feed notifications.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from argon2 import PasswordHasher
from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from sync.hub import feed
from sync.hub.console import routes as console
from sync.hub.console import stock_pushes as console_stock
from sync.hub.console.security import PREFIX, add_security_headers
from sync.hub.context import Hub
from sync.hub.db import HubDatabase
from sync.hub.deps import AppServices
from sync.hub.errors import HubError
from sync.hub.jobs import HubJobs
from sync.hub.limits import AttemptLimiter, RequestGuard
from sync.hub.mailer import ReceiptSender
from sync.hub.notify import ChangeNotifier, PostgresListener
from sync.hub.routes_admin import router as admin_router
from sync.hub.routes_customers import router as customers_router
from sync.hub.routes_stock import router as stock_router
from sync.hub.routes_till import router as till_router
from sync.hub.routes_webhooks import router as webhooks_router
from sync.hub.settings import HubSettings
from sync.protocol import ErrorBody

log = logging.getLogger(__name__)
API_VERSION = "1.0.0"
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (401, "missing, unknown or revoked token"),
        (403, "token not allowed here (wrong kind, or another store)"),
        (404, "not found (another store's data is not found either)"),
        (409, "conflicts with the current state"),
        (413, "request body larger than the hub's limit"),
        (503, "database unavailable; retry later"),
    )
}


def libpq_conninfo(sqlalchemy_url: str) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(False)


def create_app(settings: HubSettings) -> FastAPI:
    db = HubDatabase(
        settings.db_url, pool_size=settings.pool_size, max_overflow=settings.max_overflow
    )
    services = AppServices(
        settings=settings,
        hub=Hub(
            db=db,
            pickup_link_template=settings.pickup_link_template,
            passwords=PasswordHasher(
                time_cost=settings.password_time_cost,
                memory_cost=settings.password_memory_kib,
                parallelism=settings.password_parallelism,
            ),
        ),
        enroll_limiter=AttemptLimiter(settings.enroll_attempts_per_minute, 60.0),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        notifier = ChangeNotifier(asyncio.get_running_loop())
        services.notifier = notifier
        services.hub.wake_listeners.append(notifier.wake)
        listener = None
        if db.is_postgres:
            listener = PostgresListener(libpq_conninfo(db.url), notifier)
            await asyncio.to_thread(listener.start)
            # Rows a writer committed just before a crash, before it could number them.
            await asyncio.to_thread(feed.publish, db.engine)
        # Receipt emails go out on their own thread, never inside a request.
        mailer = ReceiptSender(db, settings.smtp, settings.mailer) if settings.run_mailer else None
        if mailer is not None:
            mailer.start()
        # Expiry and web-store stock pushes: scheduled here, never at a manager's click.
        jobs = HubJobs(services.hub) if settings.run_jobs else None
        if jobs is not None:
            jobs.start()
        try:
            yield
        finally:
            if jobs is not None:
                await asyncio.to_thread(jobs.stop)
            if mailer is not None:
                await asyncio.to_thread(mailer.stop)
            services.hub.wake_listeners.remove(notifier.wake)
            services.notifier = None
            if listener is not None:
                await asyncio.to_thread(listener.stop)
            db.dispose()

    app = FastAPI(
        title="OmniTill hub",
        version=API_VERSION,
        description="Catalog, stock, promotions, web orders and sales ingest for OmniTill tills.",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.services = services
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    app.include_router(till_router)
    app.include_router(admin_router)
    app.include_router(stock_router)
    app.include_router(customers_router)
    # The head-office console (docs/architecture.md §10): pages, its CSS, headers.
    app.include_router(console.router)
    app.include_router(console_stock.router)  # its own module (docs/architecture.md §7b)
    app.mount("/console/static", console.static, name="console-static")
    app.middleware("http")(add_security_headers)
    app.include_router(webhooks_router)

    @app.exception_handler(HubError)
    async def on_hub_error(request: Request, exc: HubError) -> Response:
        if request.url.path.startswith(PREFIX + "/"):
            return console.error_page(request, exc)
        body: dict[str, object] = {"detail": exc.detail}
        if exc.code is not None:
            body |= {"code": exc.code, "params": exc.params}
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # A console form or filter gets a page saying what was wrong; the API keeps its JSON.
        if request.url.path.startswith(PREFIX + "/"):
            return console.invalid_page(request, exc)
        return await request_validation_exception_handler(request, exc)

    @app.exception_handler(IntegrityError)
    async def on_integrity_error(_: Request, exc: IntegrityError) -> JSONResponse:
        # A concurrent request won a race on a unique key; the caller can re-read and retry.
        log.info("integrity conflict: %s", exc.orig)
        return JSONResponse(
            {"detail": "conflicts with data written at the same time; retry"}, status_code=409
        )

    @app.exception_handler(DataError)
    async def on_data_error(_: Request, exc: DataError) -> JSONResponse:
        log.info("value refused by the database: %s", exc.orig)
        return JSONResponse(
            {"detail": "a value cannot be stored (e.g. a NUL character or out of range)"},
            status_code=422,
        )

    @app.exception_handler(OperationalError)
    async def on_operational_error(_: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.orig)
        return JSONResponse({"detail": "database unavailable; retry later"}, status_code=503)

    return app
