"""The offline token estimate and the budget that keeps prompts flat however many posts a creator has."""

from __future__ import annotations

import time

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from assistant.llm import count_message_tokens, count_tokens, fit_to_budget

# Published cl100k_base counts: the tiktoken test suite and OpenAI's "How to count tokens with tiktoken" cookbook.
REFERENCE_COUNTS = {
    "hello world": 2,
    "The quick brown fox jumps over the lazy dog": 9,
    "2 + 2 = 4": 7,
    "antidisestablishmentarianism": 6,
    "tiktoken is great!": 6,
    "お誕生日おめでとう": 9,
    "👍": 3,
}

# The cookbook's example messages: the API reported 129 prompt tokens for them with gpt-4-0613, i.e. 90 tokens
# of content once the chat format's overhead (3 per message, roles, names, priming) is taken off.
COOKBOOK_CONTENTS = [
    "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
    "New synergies will help drive top-line growth.",
    "Things working well together will increase revenue.",
    "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
    "Let's talk later when we're less busy about how to do better.",
    "This late pivot means we don't have time to boil the ocean for the client deliverable.",
]

PROSE = (
    "Northwind Outfitters makes durable gear for people who hike, camp and climb. Our voice is warm, "
    "plain-spoken and a little playful: we talk like a friend at the trailhead, not a catalogue. We never "
    "shame anyone for their pace or their kit, and we don't promise adventures we can't back up. "
)


@pytest.mark.parametrize(("text", "real"), REFERENCE_COUNTS.items())
def test_close_to_published_counts(text: str, real: int) -> None:
    assert abs(count_tokens(text) - real) <= 1


def test_cookbook_messages_within_ten_percent() -> None:
    estimate = sum(count_tokens(c) for c in COOKBOOK_CONTENTS)
    assert 90 <= estimate <= 99  # errs high, by less than 10 %


def test_english_is_about_four_characters_per_token() -> None:
    text = PROSE * 20
    ratio = len(text) / count_tokens(text)
    assert 3.5 <= ratio <= 5.0


def test_monotonic_as_text_grows() -> None:
    counts = [count_tokens(PROSE[:n]) for n in range(0, len(PROSE) + 1, 7)]
    assert counts == sorted(counts)
    assert count_tokens(PROSE + PROSE) >= 2 * count_tokens(PROSE) - 1


def test_emoji_cjk_and_empty() -> None:
    assert count_tokens("") == 0
    assert count_tokens("🥾🏕️🔥") >= 3
    chinese = "请考试我的软件"
    assert len(chinese) <= count_tokens(chinese) <= 2 * len(chinese)
    assert count_tokens("Ça coûte 12 345 € — très cher !") > count_tokens("It costs 12 345 euros, very dear!") - 3


def test_message_tokens_add_the_chat_overhead() -> None:
    messages = [SystemMessage("Be brief."), HumanMessage("Is Maya a fit?"), AIMessage("Yes.")]
    content = sum(count_tokens(m.content) for m in messages)
    total = count_message_tokens(messages)
    assert total > content
    assert total == count_message_tokens([("system", "Be brief."), ("human", "Is Maya a fit?"), ("ai", "Yes.")])
    assert count_message_tokens([{"role": "user", "content": "hi"}]) < count_message_tokens(
        [{"role": "user", "content": "hi " * 50}]
    )


def _posts(n: int) -> list[str]:
    return [f"Post {i}: sunrise hike up the ridge with the new boots, {i % 7} miles, loved every minute #trail"
            for i in range(n)]


def test_fit_to_budget_is_flat_in_the_number_of_items() -> None:
    budget = 1500
    few, many = _posts(100), _posts(10_000)

    started = time.perf_counter()
    kept_few = fit_to_budget(few, budget)
    few_seconds = time.perf_counter() - started
    started = time.perf_counter()
    kept_many = fit_to_budget(many, budget)
    many_seconds = time.perf_counter() - started

    assert kept_few == kept_many == few[: len(kept_few)]  # same prefix, same prompt
    assert 0 < len(kept_few) < 100
    assert sum(count_tokens(p) + 2 for p in kept_many) <= budget
    assert many_seconds < max(10 * few_seconds, 0.05)  # the 10,000 tail is never scanned


def test_fit_to_budget_keeps_order_and_skips_one_oversized_item() -> None:
    items = ["short one", "word " * 500, "short two", "short three"]
    assert fit_to_budget(items, 30) == ["short one", "short two", "short three"]
    assert fit_to_budget(items, 0) == []
    assert fit_to_budget(items, 10_000) == items


def test_bigger_budget_never_keeps_fewer() -> None:
    posts = _posts(200)
    sizes = [len(fit_to_budget(posts, b)) for b in (0, 50, 200, 800, 3000)]
    assert sizes == sorted(sizes) and sizes[0] == 0 and sizes[-1] > sizes[1]
