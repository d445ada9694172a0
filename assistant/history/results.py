"""Campaign results in the history database (table ``campaign_results``, see migrations).

An import is one transaction: either every row of the file is written or none is. Rows are keyed by campaign,
creator, date, platform and post/deliverable, so importing the same file again changes nothing and importing a
newer export of it updates the figures in place.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from assistant.errors import NotFoundError
from assistant.models.campaigns import COUNT_METRICS, ResultRow, ResultsImport

FIGURES: tuple[str, ...] = ("cost", *COUNT_METRICS, "revenue")
_COLUMNS = ("campaign", "influencer", "date", "platform", "post", *FIGURES)


def campaign_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def save_results(db: sqlite3.Connection, rows: list[ResultRow], *, source: str = "") -> ResultsImport:
    """Upsert every row in one transaction; counts what was new, changed and already there."""
    if not rows:
        raise ValueError("no rows to save")
    campaign = rows[0].campaign
    key = campaign_key(campaign)
    existing = {
        tuple(r[:4]): tuple(r[4:])
        for r in db.execute(
            f"SELECT influencer, date, platform, post, {', '.join(FIGURES)} FROM campaign_results WHERE campaign_key = ?",
            (key,),
        )
    }
    added = updated = unchanged = 0
    writes = []
    now = datetime.now(timezone.utc).isoformat()
    for row in rows:
        ident = (row.influencer, row.date.isoformat(), row.platform, row.post)
        figures = tuple(getattr(row, f) for f in FIGURES)
        before = existing.get(ident)
        if before is None:
            added += 1
        elif before == figures:
            unchanged += 1
            continue
        else:
            updated += 1
        writes.append((key, row.campaign, *ident, *figures, source, now))
    placeholders = ", ".join("?" * (len(_COLUMNS) + 3))
    updates = ", ".join(f"{c} = excluded.{c}" for c in ("campaign", *FIGURES, "source", "imported_at"))
    with db:  # one transaction: a failure anywhere leaves the table as it was
        db.execute("UPDATE campaign_results SET campaign = ? WHERE campaign_key = ? AND campaign != ?",
                   (campaign, key, campaign))  # the latest import's spelling names the campaign
        db.executemany(
            f"INSERT INTO campaign_results (campaign_key, {', '.join(_COLUMNS)}, source, imported_at) "
            f"VALUES ({placeholders}) ON CONFLICT (campaign_key, influencer, date, platform, post) DO UPDATE SET {updates}",
            writes,
        )
    return ResultsImport(campaign=campaign, path=source, rows=len(rows), added=added, updated=updated,
                         unchanged=unchanged, creators=sorted({r.influencer for r in rows}))


def campaign_names(db: sqlite3.Connection) -> list[str]:
    """Every campaign with results, most recently imported first."""
    rows = db.execute(
        "SELECT campaign, MAX(imported_at) AS last FROM campaign_results GROUP BY campaign_key ORDER BY last DESC"
    )
    return [r[0] for r in rows]


def campaign_summaries(db: sqlite3.Connection) -> list[dict[str, object]]:
    """Each campaign with results: name, rows, creators, first and last date, most recently imported first."""
    rows = db.execute(
        "SELECT campaign, COUNT(*), COUNT(DISTINCT influencer), MIN(date), MAX(date), MAX(imported_at) AS last "
        "FROM campaign_results GROUP BY campaign_key ORDER BY last DESC"
    )
    return [{"campaign": r[0], "rows": r[1], "creators": r[2], "first_date": r[3], "last_date": r[4]} for r in rows]


def load_results(db: sqlite3.Connection, campaign: str) -> list[ResultRow]:
    """The rows of one campaign (matched case-insensitively), oldest first; NotFoundError if it has none."""
    cursor = db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM campaign_results WHERE campaign_key = ? ORDER BY date, influencer, post",
        (campaign_key(campaign),),
    )
    rows = [ResultRow.model_validate(dict(zip(_COLUMNS, r))) for r in cursor]
    if not rows:
        known = ", ".join(campaign_names(db)) or "none yet"
        raise NotFoundError(f"No results for campaign '{campaign}'. Campaigns with results: {known}. "
                            "Import some with `assistant results ingest FILE --campaign NAME`.")
    return rows
