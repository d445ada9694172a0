"""The language layer: one tokenizer, stemmer, sentence splitter, negation rule and stop-word list."""

import numpy as np
import pytest

from assistant.language import (
    is_negator,
    negated,
    sentences_of,
    stem,
    stopwords,
    text_features,
    tokens_of,
    words_of,
)


def test_tokens_keep_apostrophes_hashtags_and_mentions():
    assert tokens_of("Don’t miss @trail.tom's #NightHike, it's on!") == ["don't", "miss", "@trail", "tom's", "#nighthike", "it's", "on"]
    assert words_of("Well-known #tag @me") == ["well", "known"]


def test_a_link_is_not_words():
    text = "Watch live on NASA TV https://t.co/HQGqLrx9fa www.example.com/a-b"
    assert tokens_of(text) == ["watch", "live", "on", "nasa", "tv"]
    assert text_features(text).words == ("watch", "live", "on", "nasa", "tv")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("hiking", "hike"), ("hikes", "hike"), ("running", "run"), ("stitches", "stitch"), ("#Quilting", "quilt"), ("tent's", "tent")],
)
def test_snowball_stems(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plainlanguage.gov-style sentence with an abbreviation and a decimal
        ("Dr. Smith said the U.S. team won 3.5 points. Then they left.", ["Dr. Smith said the U.S. team won 3.5 points.", "Then they left."]),
        # a caption: shouting, a URL and line breaks
        ("SOLD OUT!!!!! Thank you all.\nRestock at www.shop.example.com soon", ["SOLD OUT!!!!!", "Thank you all.", "Restock at www.shop.example.com soon"]),
        ("this gear is AMAZING! link below", ["this gear is AMAZING!", "link below"]),
        ("We met at 5 p.m. today. It rained.", ["We met at 5 p.m. today.", "It rained."]),
        ("No full stop here", ["No full stop here"]),
    ],
)
def test_sentences(text, expected):
    assert sentences_of(text) == expected


def test_negation_rule_covers_every_nt_form_and_stops_at_the_clause():
    assert all(is_negator(w) for w in ("not", "never", "won't", "doesn’t", "cant", "without"))
    assert not is_negator("note")
    text = "this won't cure acne"
    assert negated(text, text.index("cure"))
    text = "no filter, this cures acne"
    assert not negated(text, text.index("cures"))


def test_stop_words_are_the_snowball_list():
    stop = stopwords()
    assert {"the", "and", "you're", "don't"} <= stop and "coffee" not in stop
    assert 150 < len(stop) < 200


def test_text_features_are_read_once_and_shared():
    text = "We love it. You will too! 🎉 #launch"
    f = text_features(text)
    assert f is text_features(text)  # memoised: every measure reads the same object
    assert f.words == ("we", "love", "it", "you", "will", "too")
    assert f.sentence_count == 2 and f.emoji_count == 1 and f.exclamations == 1 and f.hashtags == ("#launch",)
    with pytest.raises(AttributeError):
        f.text = "changed"  # frozen


def test_flesch_kincaid_orders_easy_and_hard_text():
    easy = text_features("The cat sat on the mat. It was warm.").grade
    hard = text_features(
        "Notwithstanding the aforementioned considerations, comprehensive eligibility determinations necessitate documentation."
    ).grade
    assert easy < 3 < 12 < hard


def test_hashing_embedding_is_unchanged():
    """The stored vectors of 'assistant-hashing-v1' were made with this recipe: it must not move."""
    from assistant.language.hashing import _FeatureHasher, hashing_embed

    v = hashing_embed(["Hiking the ridge at dawn #trail, coffee in hand"], _FeatureHasher(512))[0]
    nz = np.nonzero(v)[0]
    assert list(nz[:6]) == [15, 24, 93, 137, 144, 150]
    assert np.allclose(v[nz[:3]], [-0.0756623, -0.3125228, 0.0976796], atol=1e-6)
