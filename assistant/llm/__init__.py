"""The LLM layer: the one place that builds a chat model, explains its failures, counts tokens, wraps untrusted
text for prompts and checks that what a model cites exists.

Importing this package is cheap: ``langchain_openai`` and ``openai`` are imported inside the functions that
need them.
"""

from assistant.llm.data_blocks import escape_data, untrusted_data_rules, wrap_fields, wrap_untrusted
from assistant.llm.errors import ModelCallError, friendly_error
from assistant.llm.grounding import (
    POST_ID_PATTERN,
    drop_unknown_citations,
    extract_post_ids,
    validate_cited_ids,
)
from assistant.llm.provider import (
    base_url_host,
    build_chat_model,
    describe_provider,
    ping,
    preferred_structured_method,
)
from assistant.llm.streaming import StreamedReply, astream_reply, stream_reply
from assistant.llm.structured import ainvoke_structured, invoke_structured
from assistant.llm.tokens import count_message_tokens, count_tokens, fit_to_budget

__all__ = [
    "POST_ID_PATTERN",
    "ModelCallError",
    "StreamedReply",
    "ainvoke_structured",
    "astream_reply",
    "base_url_host",
    "build_chat_model",
    "count_message_tokens",
    "count_tokens",
    "describe_provider",
    "drop_unknown_citations",
    "escape_data",
    "extract_post_ids",
    "fit_to_budget",
    "friendly_error",
    "invoke_structured",
    "ping",
    "preferred_structured_method",
    "stream_reply",
    "untrusted_data_rules",
    "validate_cited_ids",
    "wrap_fields",
    "wrap_untrusted",
]
