"""Ask a chat model for a pydantic object, and turn a reply that doesn't parse into a clear error.

``with_structured_output(..., include_raw=True)`` returns the raw message, the parsed object and the parsing
error instead of raising, so a local model that answers in prose (or invalid JSON) becomes a
:class:`~assistant.llm.errors.ModelCallError` of kind 'unparseable', not a traceback.

Methods: 'json_schema' (OpenAI's strict structured outputs; best on api.openai.com) and 'function_calling' (the
schema as a forced tool call; what most OpenAI-compatible local servers support). ``method=None`` picks by the
model's endpoint, like :func:`assistant.llm.provider.preferred_structured_method`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from assistant.llm.errors import ModelCallError, friendly_error, sentence

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.config import Settings

StructuredMethod = Literal["function_calling", "json_schema", "json_mode"]
SchemaT = TypeVar("SchemaT", bound=BaseModel)


def method_for_model(model: Any) -> StructuredMethod:
    """'json_schema' for a model talking to api.openai.com, 'function_calling' for anything else."""
    base = str(getattr(model, "openai_api_base", "") or "")
    return "json_schema" if not base or "api.openai.com" in base else "function_calling"


def invoke_structured(
    model: BaseChatModel,
    schema: type[SchemaT],
    messages: Sequence[Any] | str,
    *,
    method: StructuredMethod | None = None,
    settings: Settings | None = None,
) -> SchemaT:
    """Invoke ``model`` and return its answer as a ``schema`` instance.

    Raises :class:`ModelCallError`: kind 'unparseable' when the answer doesn't fit the schema (the message says
    what was wrong), or the usual provider kinds (rate-limited, timeout, ...) when the call itself fails.
    """
    runnable = _structured_runnable(model, schema, method)
    try:
        result = runnable.invoke(messages)
    except Exception as exc:  # noqa: BLE001 - explained for the chat
        raise _explained(exc, schema, settings) from exc
    return _parsed_or_raise(result, schema)


async def ainvoke_structured(
    model: BaseChatModel,
    schema: type[SchemaT],
    messages: Sequence[Any] | str,
    *,
    method: StructuredMethod | None = None,
    settings: Settings | None = None,
) -> SchemaT:
    """Async :func:`invoke_structured`."""
    runnable = _structured_runnable(model, schema, method)
    try:
        result = await runnable.ainvoke(messages)
    except Exception as exc:  # noqa: BLE001
        raise _explained(exc, schema, settings) from exc
    return _parsed_or_raise(result, schema)


def _explained(exc: BaseException, schema: type[BaseModel], settings: Settings | None) -> ModelCallError:
    """A parser's complaint about the answer names the schema and the field; anything else is a provider fault."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"OutputParserException", "ValidationError", "JSONDecodeError"}:
        return ModelCallError(sentence("unparseable", schema=schema.__name__, problem=_describe_problem(exc, None)),
                              kind="unparseable")
    return friendly_error(exc, settings=settings)


def _structured_runnable(model: BaseChatModel, schema: type[BaseModel], method: StructuredMethod | None) -> Any:
    chosen = method or method_for_model(model)
    if chosen == "json_schema" and getattr(model, "streaming", False):
        # Streamed json_schema goes through the client's beta stream helper, whose final object trips pydantic
        # serializer warnings; the answer is only useful whole anyway, so ask for it in one piece.
        model = model.model_copy(update={"streaming": False})
    return model.with_structured_output(schema, method=chosen, include_raw=True)


def _parsed_or_raise(result: Any, schema: type[SchemaT]) -> SchemaT:
    result = result if isinstance(result, dict) else {}
    parsed = result.get("parsed")
    problem: object = result.get("parsing_error")
    if isinstance(parsed, schema):
        return parsed
    if isinstance(parsed, dict):  # some parsers hand back a dict; validate it ourselves
        try:
            return schema.model_validate(parsed)
        except Exception as exc:  # noqa: BLE001 - reported below
            problem = exc
    raise ModelCallError(
        sentence("unparseable", schema=schema.__name__, problem=_describe_problem(problem, result.get("raw"))),
        kind="unparseable",
    )


def _describe_problem(problem: object, raw: Any) -> str:
    if problem is None:
        if raw is not None and not getattr(raw, "tool_calls", None) and getattr(raw, "content", ""):
            return "it answered in plain text instead of the structured form"
        return "it returned nothing usable"
    errors = getattr(problem, "errors", None)
    if callable(errors):
        try:
            details = errors()
            if details:
                first = details[0]
                where = ".".join(str(p) for p in first.get("loc", ())) or "the answer"
                return f"{where}: {first.get('msg', 'invalid')}"
        except Exception:  # noqa: BLE001 - fall back to the text below
            pass
    cause = getattr(problem, "__cause__", None)
    if cause is not None and callable(getattr(cause, "errors", None)):
        return _describe_problem(cause, raw)
    # A parser's own text quotes the raw answer: say what kind of problem it was instead.
    names = {cls.__name__ for e in (problem, cause) if e is not None for cls in type(e).__mro__}
    if names & {"OutputParserException", "JSONDecodeError", "ValueError"}:
        return "it wasn't valid JSON"
    return f"{type(problem).__name__}"
