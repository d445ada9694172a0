"""Settings: environment (prefix ``ASSISTANT_``), an optional TOML file, then defaults.

The TOML file lives at ``<user config dir>/assistant/config.toml`` (``assistant config path`` prints it);
``ASSISTANT_CONFIG_FILE`` points elsewhere. Keys are the field names below, e.g.::

    data_dir = "~/marketing/assistant"
    llm_provider = "compatible"
    llm_base_url = "http://localhost:11434/v1"
    llm_model = "llama3.1:8b"

``OPENAI_API_KEY`` is read as a secret: it is never printed, logged or written back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.locations import APP_NAME, default_config_file

EmbeddingChoice = Literal["hashing", "openai", "onnx"]
ProviderChoice = Literal["auto", "offline", "openai", "compatible"]


class Settings(BaseSettings):
    """Everything the assistant can be configured with. Each field is documented for `assistant config show`."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", validate_default=True)

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir(APP_NAME)),
        description="Where the embedded Chroma store, the conversation history and saved drafts live.",
    )
    chroma_url: str = Field(
        default="",
        description="URL of a shared `chroma run` server (e.g. http://10.0.0.5:8000). Empty = embedded store in data_dir.",
    )
    store_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds to wait for each answer from a Chroma server (chroma_url) before giving up with an error.",
    )
    embedding: EmbeddingChoice = Field(
        default="hashing",
        description=(
            "How text is embedded for retrieval. 'hashing': offline, deterministic, no download (default). "
            "'openai': OpenAI embeddings (needs OPENAI_API_KEY). 'onnx': Chroma's MiniLM ONNX model from onnx_model_dir."
        ),
    )
    openai_embedding_model: str = Field(default="text-embedding-3-small", description="Model for embedding='openai'.")
    onnx_model_dir: Path | None = Field(
        default=None,
        description="Folder holding a local all-MiniLM-L6-v2 ONNX export (model.onnx, tokenizer.json, ...) for embedding='onnx'.",
    )
    llm_provider: ProviderChoice = Field(
        default="auto",
        description=(
            "Who writes prose. 'offline': the built-in drafting engine. 'openai': api.openai.com with OPENAI_API_KEY. "
            "'compatible': any OpenAI-compatible server at llm_base_url (Ollama, vLLM, llama.cpp, LM Studio). "
            "'auto': openai if a key is set, compatible if a base URL is set, else offline."
        ),
    )
    llm_model: str = Field(default="gpt-4o-mini", description="Chat model name sent to the provider.")
    llm_base_url: str = Field(default="", description="Base URL of an OpenAI-compatible server, e.g. http://localhost:11434/v1.")
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "ASSISTANT_OPENAI_API_KEY"),
        description="API key (read from OPENAI_API_KEY). Never printed or logged.",
        repr=False,
    )
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds before a model call times out.")
    llm_max_retries: int = Field(default=3, ge=0, description="Retries on 429 and 5xx, with backoff (Retry-After honoured).")
    llm_max_tokens: int = Field(default=1200, gt=0, description="Cap on tokens the model may write per call.")
    llm_temperature: float = Field(default=0.4, ge=0, le=2, description="Sampling temperature.")
    context_token_budget: int = Field(
        default=6000, gt=0, description="Most prompt tokens of retrieved posts and guide text sent per request."
    )
    agent_max_tool_calls: int = Field(default=8, gt=0, description="Per-turn tool-call budget for the chat agent.")
    theme: str = Field(default="textual-dark", description="Chat theme, e.g. 'textual-dark' or 'textual-light'.")
    keymap: dict[str, str] = Field(
        default_factory=dict,
        description="Chat keys to change, by the binding id F1 lists, e.g. a [keymap] table with log-latest = \"ctrl+l\".",
    )

    @field_validator("data_dir", "onnx_model_dir", mode="before")
    @classmethod
    def _expand(cls, value: Any) -> Any:
        if isinstance(value, str) and value:
            return Path(value).expanduser()
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=default_config_file()),
        )

    # Derived locations -------------------------------------------------------------------------
    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "assistant.db"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def effective_provider(self) -> Literal["offline", "openai", "compatible"]:
        if self.llm_provider != "auto":
            return self.llm_provider
        if self.llm_base_url:
            return "compatible"
        if self.openai_api_key is not None and self.openai_api_key.get_secret_value():
            return "openai"
        return "offline"

    def store_location(self) -> str:
        return self.chroma_url or str(self.chroma_dir)

    def public_dict(self) -> dict[str, Any]:
        """Settings as shown to users: the key reduced to whether it is set."""
        data = self.model_dump(mode="json", exclude={"openai_api_key"})
        data["openai_api_key"] = "set" if self.openai_api_key else "not set"
        data["effective_provider"] = self.effective_provider
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings from env, the TOML file and defaults; bad values become one readable AssistantError."""
    from pydantic import ValidationError

    from assistant.errors import AssistantError

    source = f"{default_config_file()} or ASSISTANT_* variables"
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise AssistantError(f"The settings can't be read ({source}): {problems}") from exc
    except ValueError as exc:  # tomllib's TOMLDecodeError: a broken config file
        raise AssistantError(f"The settings can't be read ({source}): {' '.join(str(exc).split())}") from exc
