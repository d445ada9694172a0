"""Which posts drafts lean on: recent, on-topic, engaged; never risky, injected or a competitor's."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from assistant.drafting import select_posts
from assistant.models import Post
from tests.drafting.helpers import creator, demo_guide, hand_fit

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def post(pid: str, text: str, *, days_ago: int = 1, likes: int = 100, comments: int = 10) -> Post:
    return Post(id=f"t-{pid}", influencer="t", text=text, created_at=NOW - timedelta(days=days_ago), likes=likes, comments=comments)


def test_on_topic_recent_engaged_posts_come_first() -> None:
    guide = demo_guide("northwind")
    posts = [
        post("offtopic", "My sourdough finally rose. Best loaf of the year.", likes=900),
        post("old", "Backpacking the ridge with a new tent, hiking all day.", days_ago=400),
        post("best", "Backpacking the ridge with a new tent, hiking all day.", likes=400),
        post("quiet", "Backpacking the ridge with a new tent, hiking all day.", likes=20, comments=1),
    ]
    chosen = select_posts(posts, guide, None, 4, now=NOW)
    ids = [p.id for p in chosen]
    assert ids[0] == "t-best"
    assert ids.index("t-best") < ids.index("t-quiet") and ids.index("t-best") < ids.index("t-old")
    assert ids[-1] == "t-offtopic"  # on-topic posts always rank above off-topic ones
    assert len(select_posts(posts, guide, None, 2, now=NOW)) == 2
    assert select_posts(posts, guide, None, 0) == []


def test_never_a_post_the_assessment_flagged() -> None:
    guide = demo_guide("northwind")
    profile, posts = creator("trailtom")
    top = select_posts(list(posts), guide, None, 3)[0]
    flagged = hand_fit(guide, "trailtom", risky=[top.id])
    again = select_posts(list(posts), guide, flagged, len(posts))
    assert top.id not in {p.id for p in again}
    assert len(again) == len(posts) - 1


def test_never_a_prompt_injection_post() -> None:
    guide = demo_guide("lumen")
    _, posts = creator("glowgetter.gigi")
    injected = {p.id for p in posts if re.search(r"ignore (?:your|all|previous)[a-z ]*instructions", p.text, re.I)}
    assert injected  # the demo feed plants at least one
    chosen = select_posts(list(posts), guide, None, len(posts))
    assert not injected & {p.id for p in chosen}


def test_never_a_post_naming_a_competitor() -> None:
    guide = demo_guide("northwind")
    _, posts = creator("summit.sam")
    competitor_posts = {p.id for p in posts if re.search(r"summitline|cairn", p.text, re.I)}
    assert competitor_posts
    chosen = select_posts(list(posts), guide, None, len(posts))
    assert chosen and not competitor_posts & {p.id for p in chosen}
