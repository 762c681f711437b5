"""Pydantic shapes of the FAQ API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SuggestionOut(BaseModel):
    slug: str = Field(description="The FAQ entry's slug (also its page: /faq/<locale>/<slug>/)")
    score: float = Field(description="How well the entry fits, 0 to 1")
    locale: str = Field(description="Language of question/answer; ja when not translated yet")
    question: str
    answer: str
