"""A small OpenAI-compatible HTTP server for tests: scripted replies, recorded requests, injected faults.

Stdlib only. It serves on 127.0.0.1 (port 0, so tests never collide) from a background thread and speaks
enough of the OpenAI wire format for the real ``openai`` client and ``ChatOpenAI`` to run unmodified:

- ``POST /v1/chat/completions``: plain JSON, or SSE when the request has ``stream: true`` (with a final usage
  chunk when ``stream_options.include_usage`` is set). Streams use chunked transfer encoding, like real servers,
  so a connection closed mid-stream is a protocol error the client can see.
- ``GET /v1/models``: the ids in ``server.models``.
- ``POST /v1/embeddings``: deterministic unit vectors derived from each input's hash (float or base64).

Replies come from, in order: the queue (``enqueue_*``), ``server.responder`` (a callable given the request
JSON), then ``server.default_reply``. Faults (HTTP errors, delays, malformed bodies, cut streams) are queued the
same way, so a test scripts "429, then success" as two ``enqueue`` calls. ``enqueue_raw`` sends exact bytes under
any status and content type (a 200 web page, truncated JSON, an SSE stream of garbage, an empty body), and
``enqueue_text(..., pause=s)`` streams slowly, so a test can stop or kill a client mid-stream (``chunks_sent``
says how far it got).

Token usage is a simple, deterministic count (words and punctuation marks) of the request's message text and of
the reply, so tests can compare prompt sizes across requests without a real tokenizer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "DelayReply",
    "ErrorReply",
    "FakeOpenAIServer",
    "MalformedReply",
    "RawReply",
    "RecordedRequest",
    "Reply",
    "StreamCutReply",
    "TextReply",
    "ToolCall",
    "ToolCallsReply",
    "json_reply",
    "simple_token_count",
]

_WORDS_AND_MARKS = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def simple_token_count(text: str) -> int:
    """The fake's 'tokenizer': one token per word or punctuation mark. Deterministic, not BPE."""
    return len(_WORDS_AND_MARKS.findall(text))


# Replies ---------------------------------------------------------------------------------------------------


@dataclass
class TextReply:
    """An assistant message with text content."""

    text: str
    finish_reason: str = "stop"
    # Seconds between streamed chunks: a slow model, so a test can act (stop, kill) mid-stream.
    pause: float = 0.0


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any] | str
    id: str | None = None

    def arguments_json(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclass
class ToolCallsReply:
    """An assistant message asking for one or more tool calls (finish_reason 'tool_calls')."""

    calls: list[ToolCall]
    text: str = ""


@dataclass
class ErrorReply:
    """An HTTP error in OpenAI's error envelope (or the given body)."""

    status: int
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class MalformedReply:
    """A 200 whose body is not JSON (or, for a stream, an SSE event whose data is not JSON)."""

    body: str = "<html><body>Gateway says hello</body></html>"


@dataclass
class RawReply:
    """Exactly these bytes, whatever the request asked for: what a broken provider, proxy or gateway sends.

    ``body`` goes out as given (a 200 HTML page, truncated JSON, an SSE stream of garbage, nothing at all) under
    ``status`` and ``content_type``. ``chunked=True`` sends it with chunked transfer encoding, the way streams
    arrive; ``pause`` waits that many seconds between SSE events (split on blank lines), for a slow stream.
    """

    body: str | bytes = ""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False
    pause: float = 0.0


@dataclass
class StreamCutReply:
    """Stream ``text`` as content chunks, then drop the connection: no finish_reason, no usage, no [DONE].

    ``graceful=False`` (default) closes the socket mid-body (an unterminated chunked response), which is what a
    crashed server or a dropped network looks like. ``graceful=True`` ends the body properly but still without
    a finish_reason or ``[DONE]``, like a proxy that times the stream out.
    """

    text: str
    graceful: bool = False


@dataclass
class DelayReply:
    """Wait ``seconds`` before sending ``then`` (the next queued reply, or the default)."""

    seconds: float
    then: Reply | None = None


Reply = TextReply | ToolCallsReply | ErrorReply | MalformedReply | RawReply | StreamCutReply | DelayReply


def json_reply(obj: Any) -> TextReply:
    """A text reply whose content is ``obj`` as JSON (what json_schema / json_mode structured output returns)."""
    return TextReply(json.dumps(obj))


@dataclass
class RecordedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    received_at: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    @property
    def prompt_tokens(self) -> int:
        return _prompt_tokens(self.body) if isinstance(self.body, dict) else 0


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def _prompt_tokens(body: dict[str, Any]) -> int:
    total = 0
    for message in body.get("messages", []) or []:
        if not isinstance(message, dict):
            continue
        total += simple_token_count(_content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            total += simple_token_count(json.dumps(call.get("function", {})))
    return total


def _completion_tokens(reply: TextReply | ToolCallsReply | StreamCutReply) -> int:
    text = reply.text
    if isinstance(reply, ToolCallsReply):
        text += " ".join(call.name + " " + call.arguments_json() for call in reply.calls)
    return simple_token_count(text)


def _split_for_stream(text: str, size: int = 12) -> list[str]:
    """Cut text into small deltas on word boundaries (whitespace kept), so clients see several chunks."""
    if not text:
        return []
    pieces = re.findall(r"\S+\s*|\s+", text)
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) > size:
            out.append(current)
            current = ""
        current += piece
    if current:
        out.append(current)
    return out


# The server ------------------------------------------------------------------------------------------------


class FakeOpenAIServer:
    """A scripted OpenAI-compatible server. Use as a context manager or call ``start()`` / ``stop()``."""

    def __init__(self, *, default_reply: Reply | str = "This is the fake model's default reply.",
                 models: Iterable[str] = ("fake-model",), api_key: str | None = None) -> None:
        self.default_reply: Reply | str = default_reply
        self.responder: Callable[[dict[str, Any]], Reply | str | None] | None = None
        self.models: list[str] = list(models)
        # When set, requests without "Authorization: Bearer <api_key>" get a 401, like a real provider.
        self.api_key = api_key
        self.embedding_dimensions = 16
        self.requests: list[RecordedRequest] = []
        # Content chunks streamed so far (all requests): lets a test act once a reply is under way.
        self.chunks_sent = 0
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._counter = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> FakeOpenAIServer:
        handler = _make_handler(self)
        httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd = httpd
        self._stopping.clear()
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>``: what error messages should name."""
        return f"127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI base URL, ending in ``/v1`` (what ``llm_base_url`` is set to)."""
        return f"http://{self.host}/v1"

    # scripting -------------------------------------------------------------------------------------------
    def enqueue(self, reply: Reply | str) -> None:
        """Queue any reply (a string is a text reply)."""
        with self._lock:
            self._queue.append(TextReply(reply) if isinstance(reply, str) else reply)

    def enqueue_text(self, text: str, *, finish_reason: str = "stop", pause: float = 0.0) -> None:
        self.enqueue(TextReply(text, finish_reason=finish_reason, pause=pause))

    def enqueue_tool_call(self, name: str, args: dict[str, Any] | str | None = None, *,
                          more: Iterable[tuple[str, dict[str, Any] | str]] = (), text: str = "") -> None:
        """Queue a reply with a tool call ``name(args)``; ``more`` adds further calls in the same message."""
        calls = [ToolCall(name, args if args is not None else {})]
        calls += [ToolCall(n, a) for n, a in more]
        self.enqueue(ToolCallsReply(calls, text=text))

    def enqueue_json(self, obj: Any) -> None:
        """Queue a text reply whose content is ``obj`` serialised as JSON."""
        self.enqueue(json_reply(obj))

    def enqueue_error(self, status: int, body: dict[str, Any] | str | None = None,
                      headers: dict[str, str] | None = None) -> None:
        """Queue an HTTP error. Headers default to ``{"Retry-After": "1"}``; pass ``{}`` for none."""
        self.enqueue(ErrorReply(status, body, dict({"Retry-After": "1"} if headers is None else headers)))

    def enqueue_delay(self, seconds: float) -> None:
        """Delay the next reply (the one queued after this, or the default) by ``seconds``."""
        self.enqueue(DelayReply(seconds))

    def enqueue_malformed(self, body: str | None = None) -> None:
        self.enqueue(MalformedReply() if body is None else MalformedReply(body))

    def enqueue_raw(self, body: str | bytes = "", *, status: int = 200, content_type: str = "application/json",
                    headers: dict[str, str] | None = None, chunked: bool = False, pause: float = 0.0) -> None:
        """Queue a reply of exactly these bytes (see :class:`RawReply`)."""
        self.enqueue(RawReply(body, status, content_type, dict(headers or {}), chunked, pause))

    def enqueue_stream_cut(self, text_before_cut: str, *, graceful: bool = False) -> None:
        self.enqueue(StreamCutReply(text_before_cut, graceful=graceful))

    def reset(self) -> None:
        """Forget queued replies and recorded requests (the responder and default stay)."""
        with self._lock:
            self._queue.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        """How many queued replies have not been served yet."""
        with self._lock:
            return len(self._queue)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # internals -------------------------------------------------------------------------------------------
    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_id(self) -> int:
        with self._lock:
            self._counter += 1
            return self._counter

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            reply = self._queue.popleft() if self._queue else None
        if isinstance(reply, DelayReply) and reply.then is None:
            with self._lock:
                following = self._queue.popleft() if self._queue else None
            reply = DelayReply(reply.seconds, following if following is not None else self._fallback(body))
        if reply is None:
            reply = self._fallback(body)
        return reply

    def _fallback(self, body: dict[str, Any]) -> Reply:
        if self.responder is not None:
            produced = self.responder(body)
            if produced is not None:
                return TextReply(produced) if isinstance(produced, str) else produced
        return TextReply(self.default_reply) if isinstance(self.default_reply, str) else self.default_reply

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server is stopping; True if it slept the whole time."""
        return not self._stopping.wait(seconds)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler asleep in an injected delay must not hold up stop()

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        # Clients hanging up (after a timeout, or closing a keep-alive connection) are normal here.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError | OSError):
            return
        super().handle_error(request, client_address)


def _error_envelope(status: int) -> dict[str, Any]:
    kinds = {400: "invalid_request_error", 401: "invalid_api_key", 404: "model_not_found",
             429: "rate_limit_exceeded"}
    return {"error": {"message": f"fake server error {status}", "type": kinds.get(status, "server_error"),
                      "param": None, "code": kinds.get(status)}}


def _make_handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, like real providers
        timeout = 30  # an idle keep-alive connection doesn't pin a thread forever

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence per-request logging
            return

        # plumbing ----------------------------------------------------------------------------------------
        def _read_body(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return None
            try:
                return json.loads(raw)
            except ValueError:
                return raw.decode("utf-8", "replace")

        def _send_bytes(self, status: int, payload: bytes, content_type: str,
                        headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

        def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
            self._send_bytes(status, json.dumps(obj).encode(), "application/json", headers)

        def _authorised(self) -> bool:
            if server.api_key is None:
                return True
            if self.headers.get("Authorization", "") == f"Bearer {server.api_key}":
                return True
            self._send_json(401, _error_envelope(401))
            return False

        def _record(self, body: Any) -> None:
            server._record(RecordedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                                           body, time.monotonic()))

        # routes ------------------------------------------------------------------------------------------
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._record(None)
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith("/models"):
                data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in server.models]
                self._send_json(200, {"object": "list", "data": data})
            else:
                self._send_json(404, _error_envelope(404))

        def do_POST(self) -> None:  # noqa: N802
            body = self._read_body()
            self._record(body)
            if not self._authorised():
                return
            path = self.path.rstrip("/")
            try:
                if path.endswith("/chat/completions") and isinstance(body, dict):
                    self._chat(body)
                elif path.endswith("/embeddings") and isinstance(body, dict):
                    self._embeddings(body)
                else:
                    self._send_json(404, _error_envelope(404))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (e.g. its timeout fired during an injected delay)

        def _embeddings(self, body: dict[str, Any]) -> None:
            inputs = body.get("input")
            texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
            dims = int(body.get("dimensions") or server.embedding_dimensions)
            as_base64 = body.get("encoding_format") == "base64"
            data = []
            for index, text in enumerate(texts):
                vector = _deterministic_vector(str(text), dims)
                embedding: Any = (base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode()
                                  if as_base64 else vector)
                data.append({"object": "embedding", "index": index, "embedding": embedding})
            tokens = sum(simple_token_count(str(t)) for t in texts)
            self._send_json(200, {"object": "list", "data": data, "model": body.get("model", "fake-embedding"),
                                  "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})

        def _chat(self, body: dict[str, Any]) -> None:
            reply = server._next_reply(body)
            if isinstance(reply, DelayReply):
                if not server._sleep(reply.seconds):
                    return
                reply = reply.then if reply.then is not None else server._fallback(body)
            if isinstance(reply, ErrorReply):
                envelope = reply.body if reply.body is not None else _error_envelope(reply.status)
                if isinstance(envelope, str):
                    self._send_bytes(reply.status, envelope.encode(), "text/plain", reply.headers)
                else:
                    self._send_json(reply.status, envelope, reply.headers)
                return
            if isinstance(reply, RawReply):
                self._raw(reply)
                return
            if isinstance(reply, DelayReply):  # a delay queued after a delay: serve the default
                reply = server._fallback(body)
            if body.get("stream"):
                self._chat_stream(body, reply)
            else:
                self._chat_plain(body, reply)

        def _raw(self, reply: RawReply) -> None:
            payload = reply.body.encode() if isinstance(reply.body, str) else reply.body
            if not reply.chunked:
                self._send_bytes(reply.status, payload, reply.content_type, reply.headers)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Transfer-Encoding", "chunked")
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            pieces = [p + b"\n\n" for p in payload.split(b"\n\n") if p] if reply.pause else [payload]
            for piece in pieces:
                if piece:
                    self._write_chunk(piece)
                if reply.pause and not server._sleep(reply.pause):
                    return
            self._end_stream()

        def _chat_plain(self, body: dict[str, Any], reply: Reply) -> None:
            if isinstance(reply, MalformedReply):
                self._send_bytes(200, reply.body.encode(), "application/json")
                return
            if isinstance(reply, StreamCutReply):
                # Not streaming: send a truncated JSON body, the nearest thing to a cut.
                payload = json.dumps(self._completion(body, TextReply(reply.text))).encode()
                self._send_bytes(200, payload[: len(payload) // 2], "application/json")
                return
            assert isinstance(reply, TextReply | ToolCallsReply)
            self._send_json(200, self._completion(body, reply))

        def _completion(self, body: dict[str, Any], reply: TextReply | ToolCallsReply) -> dict[str, Any]:
            message: dict[str, Any] = {"role": "assistant", "content": reply.text or None, "refusal": None}
            finish = "stop"
            if isinstance(reply, ToolCallsReply):
                message["tool_calls"] = [
                    {"id": call.id or f"call_{server._next_id()}", "type": "function",
                     "function": {"name": call.name, "arguments": call.arguments_json()}}
                    for call in reply.calls
                ]
                finish = "tool_calls"
            else:
                finish = reply.finish_reason
            return {
                "id": f"chatcmpl-fake-{server._next_id()}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "fake-model"),
                "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
                "usage": _usage(body, reply),
            }

        # streaming ---------------------------------------------------------------------------------------
        def _start_stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

        def _write_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _event(self, obj: Any) -> None:
            data = obj if isinstance(obj, str) else json.dumps(obj)
            self._write_chunk(f"data: {data}\n\n".encode())

        def _end_stream(self) -> None:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _chat_stream(self, body: dict[str, Any], reply: Reply) -> None:
            completion_id = f"chatcmpl-fake-{server._next_id()}"
            created = int(time.time())
            model = body.get("model", "fake-model")

            def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
                return {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}

            self._start_stream()
            if isinstance(reply, MalformedReply):
                self._event(chunk({"role": "assistant", "content": ""}))
                self._write_chunk(f"data: {reply.body}\n\n".encode())
                self._end_stream()
                return

            self._event(chunk({"role": "assistant", "content": ""}))
            pause = reply.pause if isinstance(reply, TextReply) else 0.0
            for piece in _split_for_stream(reply.text):  # type: ignore[union-attr]
                self._event(chunk({"content": piece}))
                with server._lock:
                    server.chunks_sent += 1
                if pause and not server._sleep(pause):
                    return

            if isinstance(reply, StreamCutReply):
                if reply.graceful:
                    self._end_stream()
                else:
                    self.close_connection = True
                    self.connection.shutdown(2)  # mid-body: the client sees an unterminated chunked response
                return

            finish = "stop"
            if isinstance(reply, ToolCallsReply):
                for index, call in enumerate(reply.calls):
                    arguments = call.arguments_json()
                    half = len(arguments) // 2
                    self._event(chunk({"tool_calls": [{
                        "index": index, "id": call.id or f"call_{server._next_id()}", "type": "function",
                        "function": {"name": call.name, "arguments": arguments[:half]}}]}))
                    self._event(chunk({"tool_calls": [{"index": index, "function": {"arguments": arguments[half:]}}]}))
                finish = "tool_calls"
            elif isinstance(reply, TextReply):
                finish = reply.finish_reason
            self._event(chunk({}, finish))
            if (body.get("stream_options") or {}).get("include_usage"):
                self._event({"id": completion_id, "object": "chat.completion.chunk", "created": created,
                             "model": model, "choices": [], "usage": _usage(body, reply)})  # type: ignore[arg-type]
            self._event("[DONE]")
            self._end_stream()

    return Handler


def _usage(body: dict[str, Any], reply: TextReply | ToolCallsReply) -> dict[str, int]:
    prompt = _prompt_tokens(body)
    completion = _completion_tokens(reply)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _deterministic_vector(text: str, dims: int) -> list[float]:
    """A unit vector seeded by the text's hash: equal texts embed equally, different texts differ."""
    values: list[float] = []
    counter = 0
    while len(values) < dims:
        digest = hashlib.blake2b(f"{counter}\x1f{text}".encode(), digest_size=64).digest()
        values.extend((b - 127.5) / 127.5 for b in digest)
        counter += 1
    values = values[:dims]
    norm = sum(v * v for v in values) ** 0.5 or 1.0
    return [v / norm for v in values]
