"""Conversation and draft history in SQLite, with migrations."""

from assistant.history.database import ConversationSummary, HistoryDB, Turn

__all__ = ["ConversationSummary", "HistoryDB", "Turn"]
