"""Settings from ``KAKEHASHI_*`` environment variables (and an optional ``.env`` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from translation.languages import DEFAULT_LANGUAGES, UnknownLanguageError, normalize_tag


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KAKEHASHI_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(
        default="sqlite:///./kakehashi.db",
        description="SQLAlchemy URL: sqlite:///./kakehashi.db or postgresql+psycopg://user@host/db",
    )
    models_dir: Path | None = Field(
        default=None,
        description="Where Argos models are installed (default: ./models next to the database)",
    )
    languages: Annotated[list[str], NoDecode] = Field(
        default=list(DEFAULT_LANGUAGES),
        description="Languages the shop serves; detection only picks among these",
    )
    target_hours: float = Field(default=24.0, gt=0, description="Default response target")
    max_inquiry_chars: int = Field(
        default=20_000, gt=0, description="Longest inquiry text accepted over HTTP"
    )
    secret_key: str = Field(
        default="change-me-in-production",
        description="Signs session cookies and mail thread tokens; set a long random value",
    )

    # Workers
    run_workers: bool = Field(
        default=True, description="`kakehashi serve` runs the workers in-process"
    )
    worker_poll_seconds: float = Field(default=2.0, gt=0)
    lease_seconds: float = Field(default=120.0, gt=0)
    worker_shutdown_seconds: float = Field(
        default=30.0,
        ge=0,
        description="On SIGTERM, how long work in hand may finish before its leases go back",
    )
    max_attempts: int = Field(default=8, gt=0)
    translation_batch_size: int = Field(default=64, gt=0)
    translation_device: str = Field(default="auto", description="auto, cpu or cuda")

    shop_name: str = Field(default="Kakehashi", description="Shop name buyers see in mail")
    public_url: str | None = Field(
        default=None, description="Public origin, e.g. https://support.example (FAQ canonical URLs)"
    )
    faq_locales: Annotated[list[str], NoDecode] = Field(
        default=["en", "zh-Hans", "zh-Hant", "ko", "th", "vi", "id", "es", "fr", "de", "pt"],
        description="Locales the FAQ is machine-translated into and published in",
    )

    # Operations
    web_threads: int = Field(
        default=24,
        gt=0,
        le=512,
        description="Threads of `kakehashi serve` for requests; database connections are sized "
        "with them",
    )
    db_queue_length: int = Field(
        default=64,
        gt=0,
        description="Requests that may wait for the database (writers on SQLite, all on "
        "PostgreSQL); any more get 503 with Retry-After at once",
    )
    log_format: Literal["auto", "json", "text"] = Field(
        default="auto",
        description="json: one JSON object per line; text: for reading by eye; "
        "auto: text on a terminal, json otherwise",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO")
    metrics_listen: str | None = Field(
        default=None,
        description="`kakehashi worker` serves /metrics, /healthz, /readyz here, e.g. 0.0.0.0:9100",
    )

    # SLA warnings to supervisors, before and at a breach
    sla_warning_emails: Annotated[list[str], NoDecode] = Field(default_factory=list)
    sla_webhook_url: str | None = None

    # Mail
    smtp_listen: str | None = Field(
        default=None, description="Inbound listener, e.g. 127.0.0.1:2525"
    )
    support_addresses: Annotated[list[str], NoDecode] = Field(default_factory=list)
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool | None = Field(
        default=None, description="true requires STARTTLS, false never, unset: when offered"
    )
    mail_from: str | None = None
    imap_url: str | None = None
    imap_poll_seconds: float = Field(default=60.0, gt=0)
    mail_max_bytes: int = Field(default=25 * 1024 * 1024, gt=0, description="Largest inbound mail")
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    acks_per_hour: int = Field(default=3, ge=0, description="Acknowledgements per sender per hour")

    # Buyer chat widget (gateway/chat)
    chat_allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Storefront origins allowed to use the chat, e.g. https://shop.example",
    )
    chat_max_message_chars: int = Field(default=2000, gt=0, description="Longest chat message")
    chat_requests_per_minute: int = Field(
        default=20,
        gt=0,
        description="Chats started, messages and e-mail changes per client address",
    )
    chat_messages_per_minute: int = Field(default=10, gt=0, description="Per chat conversation")
    chat_suggestions_per_minute: int = Field(
        default=60, gt=0, description="FAQ look-ups while the buyer types, per client address"
    )
    chat_poll_seconds: float = Field(
        default=2.0, gt=0, description="Chat streams re-read the database when no notice came"
    )

    @field_validator(
        "languages",
        "support_addresses",
        "sla_warning_emails",
        "faq_locales",
        "chat_allowed_origins",
        mode="before",
    )
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("log_format", "log_level", mode="before")
    @classmethod
    def _case(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str):
            return value.lower() if info.field_name == "log_format" else value.upper()
        return value

    @field_validator("languages")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        try:
            return [normalize_tag(tag) for tag in value]
        except UnknownLanguageError as exc:
            raise ValueError(f"KAKEHASHI_LANGUAGES: {exc}") from exc

    @property
    def resolved_models_dir(self) -> Path:
        if self.models_dir is not None:
            return self.models_dir
        return Path("models").resolve()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


_override: Settings | None = None


@lru_cache(maxsize=1)
def _from_environment() -> Settings:
    return Settings()


def get_settings() -> Settings:
    """The settings in force: from the environment, unless :func:`set_settings` replaced them."""
    return _override if _override is not None else _from_environment()


def set_settings(settings: Settings | None) -> None:
    """Use ``settings`` instead of the environment (tests, embedding); ``None`` to go back."""
    global _override
    _override = settings
