"""The decoding policy: greedy first, beam search for the sentences the model is unsure of."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translation.decoding import Decoder, DecodingPolicy, pick_threads
from translation.engine import TranslationEngine
from translation.memory import MemoryEntry

from .conftest import shift


@dataclass
class _Result:
    hypotheses: list[list[str]]
    scores: list[float]


class _SecondGuessingModel:
    """A model at the CTranslate2 edge whose beam search finds another answer than greedy
    decoding, and which is unsure (low greedy score) of sentences containing "??"."""

    def __init__(self) -> None:
        self.beam_inputs: list[list[str]] = []

    def translate_batch(self, batch: list[list[str]], **options: Any) -> list[_Result]:
        if options["beam_size"] > 1:
            self.beam_inputs.extend(batch)
            return [_Result([["beam", *tokens]], [-0.1]) for tokens in batch]
        return [
            _Result([["greedy", *tokens]], [math.log(0.2) if "??" in tokens else -0.01])
            for tokens in batch
        ]


def _split(batch: list[str]) -> list[list[str]]:
    return [text.split() for text in batch]


def test_low_score_sentences_get_the_beam_result_and_the_others_keep_greedy() -> None:
    model = _SecondGuessingModel()
    decoder = Decoder(model, DecodingPolicy(beam_below=0.6, asynchronous=False))
    sentences = ["where is my parcel", "what ?? is this", "thank you", "?? ??"]
    decoded = decoder.decode(sentences, _split)

    assert [d.tokens[0] for d in decoded] == ["greedy", "beam", "greedy", "beam"]
    assert [d.tokens[1:] for d in decoded] == _split(sentences)  # each kept its own sentence
    assert sorted(model.beam_inputs) == sorted([["what", "??", "is", "this"], ["??", "??"]])
    assert (decoder.stats.sentences, decoder.stats.beam_decoded) == (4, 2)


def test_bulk_work_gets_the_same_results_in_small_chunks() -> None:
    sentences = [f"sentence number {n} {'??' if n % 5 == 0 else ''}" for n in range(40)]
    policy = DecodingPolicy(chunk_tokens=8, asynchronous=False)
    urgent = Decoder(_SecondGuessingModel(), policy).decode(sentences, _split)
    bulk = Decoder(_SecondGuessingModel(), policy).decode(sentences, _split, bulk=True)
    assert bulk == urgent


def test_greedy_only_and_beam_only_policies() -> None:
    sentences = ["what ?? is this", "fine"]
    greedy = Decoder(_SecondGuessingModel(), DecodingPolicy(beam_below=0.0, asynchronous=False))
    beam = Decoder(_SecondGuessingModel(), DecodingPolicy(greedy_first=False, asynchronous=False))
    assert [d.tokens[0] for d in greedy.decode(sentences, _split)] == ["greedy", "greedy"]
    assert [d.tokens[0] for d in beam.decode(sentences, _split)] == ["beam", "beam"]


def test_threads_follow_the_usable_cores() -> None:
    assert pick_threads(1) == (1, 1)
    assert pick_threads(2) == (2, 1)
    assert pick_threads(16) == (4, 4)


class _NoMemory:
    def get_many(self, keys: Any) -> dict[str, MemoryEntry]:
        return {}

    def put_many(self, entries: Any) -> None:
        return None


def test_the_engine_redecodes_garbled_sentences_with_beam_search(all_models_dir: Path) -> None:
    # The test model is unsure of U+FFFD (garbled mail): greedy scores such a sentence low.
    engine = TranslationEngine(all_models_dir, memory=_NoMemory())
    clean = "Where is my parcel? It left Osaka on Monday."
    [result] = engine.translate_many([clean], source="en", target="ja")
    assert result.text == shift(clean, 1)
    assert engine.decoding_stats().beam_decoded == 0

    garbled = "\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd arrived."
    [mixed] = engine.translate_many([f"{garbled} Thank you."], source="en", target="ja")
    stats = engine.decoding_stats()
    assert stats.beam_decoded == 1  # only the garbled sentence, not "Thank you."
    assert stats.sentences == 4

    beam_only = TranslationEngine(all_models_dir, memory=_NoMemory(), greedy_first=False)
    [reference] = beam_only.translate_many([f"{garbled} Thank you."], source="en", target="ja")
    assert mixed.text == reference.text
    assert mixed.score < result.score
