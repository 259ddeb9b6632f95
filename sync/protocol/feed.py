"""The feed: what the hub sends tills, page by page, in commit order."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from sync.protocol.common import WireModel
from sync.wire_kinds import FeedKind as FeedKind


class FeedChange(WireModel):
    position: int
    kind: FeedKind
    key: str = Field(description="what changed, e.g. the SKU; the latest change of a key wins")
    data: dict[str, Any] = Field(description="the whole new state of that key")


class FeedPage(WireModel):
    changes: list[FeedChange]
    next_cursor: int = Field(description="pass back as ?cursor= for the next page")
    has_more: bool
