"""Settings from ``KAKEHASHI_*`` environment variables (and an optional ``.env`` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from translation.languages import DEFAULT_LANGUAGES, UnknownLanguageError, normalize_tag

#: A shorter KAKEHASHI_SECRET_KEY is refused: cookies signed with it could be forged.
MIN_SECRET_KEY_LENGTH = 32

#: The key of the queue for languages without one of their own (never a language tag: those
#: have 2–3 letters), shown to agents as その他の言語.
OTHER_LANGUAGES = "other"


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
        description="Languages with a queue of their own; detection recognises every language "
        "and the others go to the fallback queue",
    )
    fallback_queue: str = Field(
        default="other",
        description="Queue for languages without one of their own: 'other' (その他の言語) or a "
        "language tag whose queue takes them, e.g. en",
    )
    reply_fallback_language: str = Field(
        default="en",
        description="Language offered for replies when no model reaches the buyer's language",
    )
    target_hours: float = Field(default=24.0, gt=0, description="Default response target")
    max_inquiry_chars: int = Field(
        default=20_000, gt=0, description="Longest inquiry text accepted over HTTP"
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs session cookies, CSRF and mail thread tokens; unset: a key generated "
        "once and kept in the database (gateway.auth.secret)",
    )

    # LibreTranslate-compatible endpoints (/detect, /translate, /languages), per API token
    libretranslate_max_chars: int = Field(
        default=20_000, gt=0, description="Characters per /detect or /translate request"
    )
    libretranslate_max_texts: int = Field(
        default=100, gt=0, description="Texts in one /translate request (q as a list)"
    )
    libretranslate_requests_per_minute: int = Field(
        default=60, gt=0, description="Requests per API token per minute (429 above)"
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
    urgent_workers: int = Field(
        default=1,
        ge=0,
        description="Extra worker threads per process that only take urgent work (reply "
        "previews, buyers' new messages), so it never waits behind a bulk FAQ batch",
    )
    work_aging_seconds: float = Field(
        default=60.0,
        gt=0,
        description="Waiting this long raises queued work one priority level (no starvation)",
    )
    translation_device: str = Field(default="auto", description="auto, cpu or cuda")
    translation_beam_size: int = Field(
        default=4, gt=0, description="Beam for sentences re-decoded (1: greedy only)"
    )
    translation_beam_below: float = Field(
        default=0.6,
        ge=0,
        description="Greedy mean token probability under which a sentence is re-decoded "
        "with beam search",
    )

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
    held_mail_retention_days: float = Field(
        default=30.0,
        gt=0,
        description="Automatic mail held for review (out-of-office, lists, loops) is deleted "
        "after this many days unless restored",
    )

    # Webhooks to the shop's systems (gateway/webhooks)
    webhooks_allow_private: bool = Field(
        default=False,
        description="Allow webhook URLs on loopback and private addresses (tests, intranets)",
    )
    webhooks_timeout_seconds: float = Field(default=10.0, gt=0, description="Per delivery")
    webhooks_disable_after_failures: int = Field(
        default=20, gt=0, description="Failed attempts in a row before an endpoint is disabled"
    )

    # Translation quality shown to agents
    translation_low_confidence: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="Machine translations scoring below this are marked for a check",
    )

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

    # The support desk (gateway/desk): tags suggested to agents, intake rules (JSON or a path)
    desk_tags: Annotated[list[str], NoDecode] = Field(
        default=["破損", "配送", "返品・返金", "支払い", "在庫", "サイズ・仕様"],
        description="Tags suggested to agents (comma-separated); they may type others",
    )
    intake_rules: str | None = Field(
        default=None,
        description="Intake rules as a JSON list, or the path of a JSON file; unset: the defaults",
    )

    @field_validator(
        "languages",
        "support_addresses",
        "sla_warning_emails",
        "faq_locales",
        "chat_allowed_origins",
        "desk_tags",
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

    @field_validator("secret_key")
    @classmethod
    def _strong_key(cls, value: str | None) -> str | None:
        if not value:
            return None
        if len(value) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(
                f"KAKEHASHI_SECRET_KEY is too short: use at least {MIN_SECRET_KEY_LENGTH} random "
                "characters, or leave it unset and Kakehashi keeps a generated key in the database"
            )
        return value

    @field_validator("languages")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        try:
            return [normalize_tag(tag) for tag in value]
        except UnknownLanguageError as exc:
            raise ValueError(f"KAKEHASHI_LANGUAGES: {exc}") from exc

    @field_validator("fallback_queue")
    @classmethod
    def _queue_key(cls, value: str) -> str:
        if value.strip().lower() == OTHER_LANGUAGES:
            return OTHER_LANGUAGES
        try:
            return normalize_tag(value)
        except UnknownLanguageError as exc:
            raise ValueError(
                f"KAKEHASHI_FALLBACK_QUEUE: 'other' or a language tag ({exc})"
            ) from exc

    @field_validator("reply_fallback_language")
    @classmethod
    def _reply_tag(cls, value: str) -> str:
        try:
            return normalize_tag(value)
        except UnknownLanguageError as exc:
            raise ValueError(f"KAKEHASHI_REPLY_FALLBACK_LANGUAGE: {exc}") from exc

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
