"""Schema migrations for the history database, applied in order and recorded in ``_migrations``.

Add a migration by appending a function decorated with ``@migration``; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_conversations_turns_drafts(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            brand TEXT,
            influencer TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
            content TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'complete',
            meta TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX turns_by_conversation ON turns(conversation_id, id);
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            brand TEXT NOT NULL,
            influencer TEXT NOT NULL,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL,
            inputs TEXT NOT NULL,
            markdown TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX drafts_by_conversation ON drafts(conversation_id, created_at);
        """
    )


@migration
def m_campaign_results(db: sqlite3.Connection) -> None:
    """Campaign results (issue #13): one row per campaign, creator, date, platform and post or deliverable.
    A NULL figure is unknown, never 0."""
    db.executescript(
        """
        CREATE TABLE campaign_results (
            campaign_key TEXT NOT NULL,
            campaign TEXT NOT NULL,
            influencer TEXT NOT NULL,
            date TEXT NOT NULL,
            platform TEXT NOT NULL DEFAULT '',
            post TEXT NOT NULL DEFAULT '',
            cost REAL, impressions INTEGER, reach INTEGER, views INTEGER, likes INTEGER, comments INTEGER,
            shares INTEGER, saves INTEGER, clicks INTEGER, new_followers INTEGER, conversions INTEGER, revenue REAL,
            source TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            PRIMARY KEY (campaign_key, influencer, date, platform, post)
        );
        """
    )


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations, each in its own transaction. Returns the names applied."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db:
            fn(db)
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", (name,))
        applied.append(name)
    return applied
