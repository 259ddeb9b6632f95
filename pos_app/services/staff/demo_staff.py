"""Demo staff for `omnitill demo`: one person per role, with PINs shown on the sign-in screen.

Kept apart from the catalog generator (pos_app.db.demo_data) and out of pos_app.db, which must
not import services (the layering test): staff are seeded once and left alone afterwards, so a
demo database that someone added people to keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db import migrate
from pos_app.db.demo_data import generate_demo_data
from pos_app.db.engine import (
    create_till_engine,
    database_path,
    default_data_dir,
    make_session_factory,
)
from pos_app.db.models import Product, StoreProfile
from pos_app.services.staff.auth import AuthService, Role


@dataclass(frozen=True)
class DemoStaff:
    code: str
    name: str
    role: Role
    pin: str
    badge: str


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("S001", "Alex Associate", Role.ASSOCIATE, "1111", "BADGE-S001"),
    DemoStaff("S002", "Sam Supervisor", Role.SUPERVISOR, "5555", "BADGE-S002"),
    DemoStaff("S003", "Morgan Manager", Role.MANAGER, "9999", "BADGE-S003"),
)


def seed_demo_staff(session: Session, auth: AuthService) -> int:
    """Enroll DEMO_STAFF if the till has no staff yet; returns how many were added."""
    if auth.staff_count(session) > 0:
        return 0
    for person in DEMO_STAFF:
        auth.enroll(
            session,
            code=person.code,
            name=person.name,
            role=person.role,
            pin=person.pin,
            badge=person.badge,
        )
    return len(DEMO_STAFF)


def demo_hint() -> str:
    """The sign-in screen's reminder of the demo PINs (demo mode only)."""
    pins = " · ".join(f"{p.role} {p.pin}" for p in DEMO_STAFF)
    return f"Demo PINs — {pins}"


def prepare_demo_till(
    data_dir: Path | None, *, products: int, out: Callable[[str], None] = print
) -> Path:
    """The demo database (its own folder, never a real till's): catalog and staff, once."""
    folder = data_dir if data_dir is not None else default_data_dir() / "demo"
    path = database_path(folder)
    engine = create_till_engine(path)
    try:
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        with factory() as session:
            have = session.scalar(select(func.count()).select_from(Product)) or 0
            configured = session.get(StoreProfile, 1) is not None
        if not configured or have < products:
            out(f"building a demo catalog of {products:,} products in {path} …")
            report = generate_demo_data(engine, products)
            out(f"  {report.products:,} products in {report.seconds:.1f} s")
        with factory.begin() as session:
            profile = session.get(StoreProfile, 1)
            till_id = profile.till_id if profile is not None else "till-1"
            seed_demo_staff(session, AuthService(till_id=till_id))
    finally:
        engine.dispose()
    return path
