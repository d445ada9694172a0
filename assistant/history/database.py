"""The history database: conversations, their turns, and saved drafts (SQLite in the data dir).

Each write commits at once (WAL journal), so a killed process loses at most the turn in flight.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, TypeAdapter

from assistant.errors import NotFoundError
from assistant.history.migrations import apply_migrations
from assistant.models import Brief, Outreach, SavedDraft


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class ConversationSummary(BaseModel):
    id: str
    title: str
    brand: str | None = None
    influencer: str | None = None
    created_at: datetime
    updated_at: datetime
    turns: int = 0


class Turn(BaseModel):
    id: int
    conversation_id: str
    role: str
    content: str
    status: str = Field(
        default="complete",
        description="'complete', 'partial' (stopped or cut) or 'error'; a question whose reply never came (the process "
                    "was killed mid-turn) is 'interrupted'.",
    )
    meta: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime


_DRAFT_DATA = TypeAdapter(Brief | Outreach)


class HistoryDB:
    """Thin repository over SQLite. One instance per thread (sqlite3 connections aren't shared across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.isolation_level = ""  # back to implicit transactions for migrations' `with db:`
        apply_migrations(self.db)

    def close(self) -> None:
        self.db.close()

    # Conversations ---------------------------------------------------------------------------------
    def new_conversation(self, title: str = "", brand: str | None = None, influencer: str | None = None) -> str:
        cid = uuid.uuid4().hex[:12]
        now = _now()
        with self.db:
            self.db.execute(
                "INSERT INTO conversations (id, title, brand, influencer, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                (cid, title, brand, influencer, now, now),
            )
        return cid

    def update_conversation(self, cid: str, **fields: Any) -> None:
        allowed = {k: v for k, v in fields.items() if k in {"title", "brand", "influencer"}}
        if not allowed:
            return
        sets = ", ".join(f"{k} = ?" for k in allowed)
        with self.db:
            self.db.execute(
                f"UPDATE conversations SET {sets}, updated_at = ? WHERE id = ?", (*allowed.values(), _now(), cid)
            )

    def get_conversation(self, cid: str) -> ConversationSummary:
        row = self.db.execute(
            "SELECT c.*, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id) AS turns "
            "FROM conversations c WHERE c.id = ?",
            (cid,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No conversation '{cid}'.")
        return ConversationSummary(**dict(row))

    def list_conversations(self, limit: int = 50) -> list[ConversationSummary]:
        rows = self.db.execute(
            "SELECT c.*, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id) AS turns "
            "FROM conversations c ORDER BY c.updated_at DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [ConversationSummary(**dict(r)) for r in rows]

    def add_turn(self, cid: str, role: str, content: str, *, status: str = "complete", meta: dict[str, Any] | None = None) -> int:
        now = _now()
        with self.db:
            cur = self.db.execute(
                "INSERT INTO turns (conversation_id, role, content, status, meta, created_at) VALUES (?,?,?,?,?,?)",
                (cid, role, content, status, json.dumps(meta or {}), now),
            )
            self.db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, cid))
        return int(cur.lastrowid or 0)

    def mark_unanswered(self, cid: str) -> list[int]:
        """Mark as 'interrupted' each user turn not followed by a reply (the process died mid-turn); return their ids.

        Call it when no turn of this conversation is in flight in this process: before a new turn, or on opening.
        """
        rows = self.db.execute("SELECT id, role, status FROM turns WHERE conversation_id = ? ORDER BY id",
                               (cid,)).fetchall()
        unanswered = [row["id"] for row, after in zip(rows, [*rows[1:], None])
                      if row["role"] == "user" and row["status"] != "interrupted"
                      and (after is None or after["role"] != "assistant")]
        if unanswered:
            with self.db:
                self.db.executemany("UPDATE turns SET status = 'interrupted' WHERE id = ?", [(i,) for i in unanswered])
        return unanswered

    def turns(self, cid: str) -> list[Turn]:
        rows = self.db.execute("SELECT * FROM turns WHERE conversation_id = ? ORDER BY id", (cid,)).fetchall()
        return [Turn(**{**dict(r), "meta": json.loads(r["meta"])}) for r in rows]

    # Drafts ----------------------------------------------------------------------------------------
    def save_draft(
        self,
        kind: str,
        data: Brief | Outreach,
        markdown: str,
        inputs: dict[str, Any],
        *,
        title: str,
        conversation_id: str | None = None,
    ) -> SavedDraft:
        draft = SavedDraft(
            id=uuid.uuid4().hex[:10],
            kind=kind,  # type: ignore[arg-type]
            brand=data.brand,
            influencer=data.influencer,
            title=title,
            inputs={k: (None if v is None else str(v)) for k, v in inputs.items()},
            markdown=markdown,
            data=data,
        )
        with self.db:
            self.db.execute(
                "INSERT INTO drafts (id, conversation_id, kind, brand, influencer, title, created_at, inputs, markdown, data) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    draft.id,
                    conversation_id,
                    draft.kind,
                    draft.brand,
                    draft.influencer,
                    draft.title,
                    draft.created_at.isoformat(),
                    json.dumps(draft.inputs),
                    draft.markdown,
                    data.model_dump_json(),
                ),
            )
        return draft

    def _draft_from_row(self, row: sqlite3.Row) -> SavedDraft:
        return SavedDraft(
            id=row["id"],
            kind=row["kind"],
            brand=row["brand"],
            influencer=row["influencer"],
            title=row["title"],
            created_at=row["created_at"],
            inputs=json.loads(row["inputs"]),
            markdown=row["markdown"],
            data=_DRAFT_DATA.validate_json(row["data"]),
        )

    def get_draft(self, draft_id: str) -> SavedDraft:
        row = self.db.execute("SELECT * FROM drafts WHERE id = ? OR id LIKE ?", (draft_id, f"{draft_id}%")).fetchone()
        if row is None:
            raise NotFoundError(f"No draft '{draft_id}'. `assistant drafts` lists them.")
        return self._draft_from_row(row)

    def list_drafts(self, *, conversation_id: str | None = None, limit: int = 100) -> list[SavedDraft]:
        if conversation_id:
            rows = self.db.execute(
                "SELECT * FROM drafts WHERE conversation_id = ? ORDER BY created_at DESC LIMIT ?", (conversation_id, limit)
            ).fetchall()
        else:
            rows = self.db.execute("SELECT * FROM drafts ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
        return [self._draft_from_row(r) for r in rows]
