"""The guide layer: everything that reads a brand's voice-and-tone guide.

A guide is read once, at ingest, into a ``VoiceGuide`` (sections, voice attributes, rules typed to measurable
checks, word lists, examples and counter-examples, what was not understood) with a ``version``; the store keeps
it with the brand, and a per-brand override file (assistant.guide.overrides) corrects what was read.

Modules: ``markdown`` (markdown-it-py token stream -> sections and blocks), ``vocabulary`` (the words guides use
for headings and labels), ``checks`` (typing a rule sentence to a check), ``extract`` (the walk), ``topics``
(keyword phrases of the About text), ``reader`` (entry points), ``overrides`` (corrections).
"""

from __future__ import annotations

from assistant.guide.reader import READER_VERSION, guide_version, parse_guide_text

__all__ = ["READER_VERSION", "guide_version", "parse_guide_text"]
