"""Prompt size doesn't grow with a creator's feed: the same turn costs the same tokens for 100 posts or 2,000."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.brain import Brain
from assistant.config import Settings
from assistant.llm import count_tokens
from assistant.services import Services
from tests.brain.helpers import add_creator, ask
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer

BUDGET = 600
POST_BODY = re.compile(r'<post id="[^"]*">\n(.*?)\n</post>', re.S)
PLACES = ["ridge", "bothy", "loch", "glen", "moor", "summit", "forest track", "coast path", "valley", "pass"]
KIT = ["rain shell", "40 litre pack", "boots", "stove", "tarp", "fleece", "headtorch", "map and compass"]


def captions(count: int) -> list[str]:
    """Varied, plausible hiking captions (deterministic)."""
    return [
        f"Day {i}: {3 + i % 9} hours on the {PLACES[i % len(PLACES)]}, {10 + i % 17} km in the rain. The "
        f"{KIT[i % len(KIT)]} held up fine; the {KIT[(i * 3) % len(KIT)]} needs a repair before next week. "
        f"Question for you: what would you change? #hiking #gear"
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def feeds_dir(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    data_dir = tmp_path_factory.mktemp("feeds") / "data"
    shutil.copytree(demo_template, data_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSISTANT_CONFIG_FILE", str(data_dir / "no-config.toml"))
        services = Services(Settings(data_dir=data_dir, llm_provider="offline"))
        add_creator(services, "small.feed", captions(100))
        add_creator(services, "big.feed", captions(2000))
    return data_dir


def turn_prompt_tokens(server: FakeOpenAIServer, data_dir: Path, handle: str) -> tuple[list[int], int, str]:
    """Prompt tokens per model call (as the fake server counted them), the turn's reported total, and the
    data the tools sent."""
    server.reset()
    server.enqueue_tool_call("search_posts", {"influencer": handle, "query": "rain shell repair", "k": 20})
    server.enqueue_tool_call("assess_fit", {"brand": "northwind", "influencer": handle})
    server.enqueue_text("Summary.")
    brain = Brain(Services(settings_for(server, data_dir, context_token_budget=BUDGET)))
    reply = ask(brain, f"What does @{handle} say about rain gear, and do they fit Northwind?")
    assert reply.finished.status == "complete", reply.finished.error
    tool_data = "\n".join(m["content"] for m in server.chat_requests[-1].messages if m["role"] == "tool")
    return [r.prompt_tokens for r in server.chat_requests], reply.finished.prompt_tokens, tool_data


def test_prompt_tokens_are_flat_in_feed_size(fake_openai: FakeOpenAIServer, feeds_dir: Path) -> None:
    small, small_total, small_data = turn_prompt_tokens(fake_openai, feeds_dir, "small.feed")
    big, big_total, big_data = turn_prompt_tokens(fake_openai, feeds_dir, "big.feed")

    assert len(small) == len(big) == 3
    # Each call costs about the same: the 20x bigger feed adds no more than a few percent.
    for s, b in zip(small, big):
        assert abs(b - s) <= 0.05 * s, (small, big)
    assert abs(big_total - small_total) <= 0.05 * small_total
    # And the quoted posts of the whole turn stay within its budget (by our estimate, as the tools count).
    for data in (small_data, big_data):
        bodies = POST_BODY.findall(data)
        assert bodies and sum(count_tokens(body) + 2 for body in bodies) <= BUDGET
    assert "left out" in big_data  # the budget, not the feed, decided how much was sent


def test_a_bigger_budget_sends_more(fake_openai: FakeOpenAIServer, feeds_dir: Path) -> None:
    """The flatness above is the budget at work, not a tool that sends little anyway."""
    fake_openai.enqueue_tool_call("search_posts", {"influencer": "big.feed", "query": "rain shell repair", "k": 20})
    fake_openai.enqueue_text("Summary.")
    tight = Brain(Services(settings_for(fake_openai, feeds_dir, context_token_budget=150)))
    ask(tight, "rain gear?")
    tight_tokens = fake_openai.chat_requests[-1].prompt_tokens
    fake_openai.reset()
    fake_openai.enqueue_tool_call("search_posts", {"influencer": "big.feed", "query": "rain shell repair", "k": 20})
    fake_openai.enqueue_text("Summary.")
    roomy = Brain(Services(settings_for(fake_openai, feeds_dir, context_token_budget=3000)))
    ask(roomy, "rain gear?")
    assert fake_openai.chat_requests[-1].prompt_tokens > tight_tokens + 300
