"""Campaign results files: one row per creator and post or deliverable, with what it cost and what it did.

Columns (any order, any case; the usual names of ad and creator-platform exports are accepted, see
``RESULT_ALIASES``): influencer, date, platform, post id or deliverable, cost, impressions, reach, views, likes,
comments, shares, saves, clicks, new_followers, conversions, revenue. Only influencer and date are required.
A blank cell is unknown, never 0. Money may carry a currency sign or code and thousands separators; figures are
taken to be in one currency. The whole file is validated before anything is returned: the first bad cell is
one InputError naming the file and the line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.ingest.fields import FieldError, is_blank, normalise_key, parse_count, parse_datetime, slash_date_order
from assistant.ingest.post_builder import normalise_platform
from assistant.ingest.tables import Row, read_table
from assistant.models.campaigns import COUNT_METRICS, ResultRow
from assistant.models.records import normalise_handle

# Result field -> header names that mean it, best first (compared after normalise_key). One table: the report
# also uses it to tell which results columns measure a brief's KPI ("Video views" -> views).
RESULT_ALIASES: dict[str, tuple[str, ...]] = {
    "influencer": ("influencer", "creator", "handle", "influencer_handle", "creator_handle", "username", "account",
                   "talent"),
    "date": ("date", "post_date", "date_posted", "posted_at", "published_at", "publish_date", "created_at",
             "timestamp", "day", "week", "week_of"),
    "platform": ("platform", "network", "channel", "social_network"),
    "post": ("post_id", "id", "content_id", "deliverable", "deliverable_id", "post_url", "url", "permalink", "link",
             "post", "asset"),
    "cost": ("cost", "spend", "fee", "creator_fee", "amount_spent", "spent", "amount", "paid", "price", "cost_usd"),
    "impressions": ("impressions", "impr", "imps"),
    "reach": ("reach", "accounts_reached", "unique_reach", "people_reached"),
    "views": ("views", "video_views", "plays", "view_count", "video_plays"),
    "likes": ("likes", "like_count", "reactions"),
    "comments": ("comments", "comment_count", "replies"),
    "shares": ("shares", "share_count", "reposts", "retweets"),
    "saves": ("saves", "save_count", "saved", "bookmarks"),
    "clicks": ("clicks", "link_clicks", "link_taps", "swipe_ups", "site_traffic", "traffic", "visits", "sessions"),
    "new_followers": ("new_followers", "followers_gained", "follower_growth", "follows", "new_subscribers",
                      "subscribers_gained", "subscribers"),
    "conversions": ("conversions", "purchases", "orders", "signups", "sign_ups", "leads", "installs", "downloads",
                    "acquisitions", "sales_count"),
    "revenue": ("revenue", "sales", "sales_value", "gmv", "order_value", "purchase_value", "income"),
}
REQUIRED = ("influencer", "date")
_ALIAS_RANK = {alias: (field, rank) for field, aliases in RESULT_ALIASES.items() for rank, alias in enumerate(aliases)}
_CURRENCY = re.compile(r"^(?:[A-Za-z]{3}\s*)?[$£€¥₹]?\s*|\s*[$£€¥₹]?\s*(?:[A-Za-z]{3})?$")


def map_result_columns(keys: list[str]) -> dict[str, str]:
    """Result field -> the header that holds it (the best-ranked alias wins when several match)."""
    best: dict[str, tuple[int, str]] = {}
    for key in keys:
        hit = _ALIAS_RANK.get(normalise_key(key))
        if hit and (hit[0] not in best or hit[1] < best[hit[0]][0]):
            best[hit[0]] = (hit[1], key)
    return {field: key for field, (_, key) in best.items()}


def parse_money(value: Any, field: str) -> float | None:
    """A non-negative amount: 1200, "1,200.50", "$1.2k", "€1.200,50", "1200 USD". Blank is None."""
    if type(value) is str:  # fast path: most cells are plain decimals ("1200", "99.50")
        stripped = value.strip()
        if stripped.isascii() and stripped.replace(".", "", 1).isdigit():
            return round(float(stripped), 6)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{field} should be an amount, not {str(value).lower()}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        number = _money_text(value, field)
    else:
        raise FieldError(f"{field} should be an amount, not {type(value).__name__}")
    if number != number or number in (float("inf"), float("-inf")):
        raise FieldError(f"{field} is not a number: {value!r}")
    if number < 0:
        raise FieldError(f"{field} can't be negative ({value})")
    return round(number, 6)


def _money_text(raw: str, field: str) -> float:
    text = _CURRENCY.sub("", raw.strip()).replace("\u00a0", "").replace(" ", "").replace("'", "").lower()
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    scale = 1.0
    if text[-1:] in ("k", "m"):
        scale, text = (1_000.0 if text[-1] == "k" else 1_000_000.0), text[:-1]
    if not re.fullmatch(r"\d[\d.,]*", text or "x"):
        raise FieldError(f"{field} is not an amount: {raw.strip()!r}")
    if "," in text and "." in text:  # the later separator is the decimal one
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", text) else text.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", text):  # 1.200.000
        text = text.replace(".", "")
    try:
        return sign * float(text) * scale
    except ValueError:
        raise FieldError(f"{field} is not an amount: {raw.strip()!r}") from None


def normalise_campaign(name: str) -> str:
    """The campaign's name as stored: trimmed, inner whitespace collapsed (matched case-insensitively)."""
    return " ".join(str(name).split())


def read_results(path: Path, campaign: str, *, fmt: str | None = None) -> list[ResultRow]:
    """Every row of a results file as a ResultRow, or one InputError naming the file and the line."""
    path = Path(path)
    campaign = normalise_campaign(campaign)
    if not campaign:
        raise InputError(path, "needs a campaign name (--campaign) to file these results under")
    rows = read_table(path, fmt=fmt)
    columns = map_result_columns(_all_keys(rows))
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        looked = "; ".join(f"{f}: {', '.join(RESULT_ALIASES[f][:6])}" for f in missing)
        found = ", ".join(repr(k) for k in _all_keys(rows)[:20]) or "(nothing)"
        raise InputError(path, f"has no {' or '.join(missing)} column (looked for {looked}); it has: {found}",
                         line=1 if rows[0].where is None else None)
    # JSON rows may name a figure differently from one record to the next ("fee" here, "spend" there): each
    # row is mapped by its own keys (cached, since most rows share them).
    cache: dict[tuple[str, ...], dict[str, str]] = {}

    def columns_of(row: Row) -> dict[str, str]:
        keys = tuple(row.values)
        if keys not in cache:
            cache[keys] = map_result_columns(list(keys))
        return cache[keys]

    def date_cell(row: Row) -> Any:
        key = columns_of(row).get("date")
        return None if key is None else row.values.get(key)

    day_first, conflict = slash_date_order((_location(r), date_cell(r)) for r in rows if isinstance(date_cell(r), str))
    if conflict:
        raise InputError(path, conflict)
    out: list[ResultRow] = []
    seen: dict[tuple[str, ...], int | str] = {}
    for row in rows:
        try:
            result = _build(row, columns_of(row), campaign, day_first)
        except FieldError as exc:
            raise InputError(path, str(exc), line=row.line, where=row.where) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(path, f"{'.'.join(map(str, first.get('loc', ())))}: {first.get('msg')}", line=row.line,
                             where=row.where) from None
        earlier = seen.get(result.key)
        if earlier is not None:
            raise InputError(path, f"repeats the creator, date, platform and post of {earlier}; add a post id or "
                             "deliverable column to tell them apart", line=row.line, where=row.where)
        seen[result.key] = _location(row)
        out.append(result)
    return out


def _all_keys(rows: list[Row]) -> list[str]:
    keys: dict[str, None] = {}
    for row in rows[:1000]:  # JSON rows may differ in keys; a column used anywhere early is a column
        keys.update(dict.fromkeys(row.values))
    return list(keys)


def _location(row: Row) -> str:
    return f"line {row.line}" if row.line is not None else (row.where or "?")


def _build(row: Row, columns: dict[str, str], campaign: str, day_first: bool) -> ResultRow:
    values = row.values

    def cell(field: str) -> Any:
        key = columns.get(field)
        return None if key is None else values.get(key)

    raw_handle = cell("influencer")
    if is_blank(raw_handle):
        raise FieldError("the influencer is missing; every row needs one")
    try:
        handle = normalise_handle(str(raw_handle))
    except ValueError as exc:
        raise FieldError(f"influencer {str(raw_handle).strip()!r} is not a handle ({exc})") from None
    when = _date(cell("date"), day_first)
    figures: dict[str, Any] = {name: parse_count(cell(name), name) for name in COUNT_METRICS}
    figures["cost"] = parse_money(cell("cost"), "cost")
    figures["revenue"] = parse_money(cell("revenue"), "revenue")
    post = cell("post")
    return ResultRow(
        campaign=campaign,
        influencer=handle,
        date=when,
        platform=normalise_platform(cell("platform")) or "",
        post="" if is_blank(post) else str(int(post) if isinstance(post, float) and post.is_integer() else post).strip(),
        line=row.line,
        **figures,
    )


def _date(value: Any, day_first: bool) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    parsed = parse_datetime(value, day_first=day_first)
    if parsed is None:
        raise FieldError("the date is missing; every row needs one")
    return parsed.date()
