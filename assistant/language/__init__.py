"""The language layer: one tokenizer, stemmer, sentence splitter, negation rule and stop-word list, and the
per-text features every measure reads (`text_features`). Nothing here knows about brands or creators."""

from assistant.language.features import TextFeatures, fk_grade, syllables, text_features
from assistant.language.negation import is_negation_cue, is_negator, negated
from assistant.language.sentences import sentence_spans, sentences_of
from assistant.language.stem import stem
from assistant.language.stopwords import is_stopword, stopwords
from assistant.language.tokens import (
    CAPS_WORD_RE,
    EMOJI_RE,
    HASHTAG_RE,
    TOKEN_RE,
    emojis,
    is_emoji,
    normalise,
    split_words,
    strip_markup,
    tokens_of,
    words_of,
)

__all__ = [
    "CAPS_WORD_RE", "EMOJI_RE", "HASHTAG_RE", "TOKEN_RE", "TextFeatures", "emojis", "fk_grade", "is_emoji",
    "is_negation_cue", "is_negator", "is_stopword", "negated", "normalise", "sentence_spans", "sentences_of", "split_words", "stem",
    "stopwords", "strip_markup", "syllables", "text_features", "tokens_of", "words_of",
]  # fmt: skip
