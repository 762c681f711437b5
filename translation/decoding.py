"""How sentences go through a CTranslate2 model: greedy first, beam search for the doubtful ones.

The policy (:class:`DecodingPolicy`), measured by ``bench/translate.py``:

* **Greedy first.** Every sentence is decoded with ``beam_size=1``. Greedy decoding is about
  twice as fast as beam 4, and for most support sentences the model is sure of every token, so
  beam search would find the same words.
* **Beam where it matters.** A sentence whose greedy mean token probability is below
  ``beam_below`` is decoded again with ``beam_size`` (4, as LibreTranslate does) and the beam
  result replaces the greedy one. The bench prints the share re-decoded and the share of
  sentences whose output equals what beam 4 alone gives.
* **One call for everything urgent.** All sentences of a batch of messages go to CTranslate2 in
  one ``translate_batch`` call with token batches of ``max_batch_tokens``: CTranslate2 sorts
  them by length (little padding) and spreads the batches over the replicas.
  ``max_decoding_length`` is ``length_ratio`` × the longest input + 16 (a bound for runaway
  output). Tried and not kept, because they measured slower on the bench corpus: cutting the
  sentences into sorted chunks of ``chunk_tokens`` with a bound per chunk, submitted with the
  ``asynchronous`` API so tokenising overlaps decoding (``chunk_tokens=0`` turns chunks off;
  the code stays for bulk work and for re-measuring on other models).
* **Bulk work stays out of the way.** For bulk work (FAQ imports) chunks are smaller
  (``bulk_chunk_tokens``) and at most ``bulk_in_flight`` of them are queued in CTranslate2 at
  once, so an urgent call (a reply preview, a buyer's new message) from another thread waits
  for one small chunk at most, not for a whole FAQ batch.

Threads: :func:`pick_threads` divides the cores this process may run on (its CPU affinity, not
the machine's count) into ``inter_threads`` model replicas of ``intra_threads`` each: batches
are decoded in parallel, and a small urgent batch finds a free replica while bulk work runs.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_BEAM_SIZE = 4
DEFAULT_BEAM_BELOW = 0.6
DEFAULT_CHUNK_TOKENS = 0  # one call: CTranslate2 sorts by length and splits into batches itself
DEFAULT_BATCH_TOKENS = 2048
#: Bulk work re-decodes its doubtful sentences with beam search this many at a time.
BULK_BEAM_SENTENCES = 16
DEFAULT_LENGTH_RATIO = 3.0  # zh/ja → en can take 2-3 target tokens per source token


@dataclass(frozen=True)
class DecodingPolicy:
    """Settings of the decoding path; the defaults are what ``bench/translate.py`` measured best.

    ``beam_below``: greedy mean token probability under which a sentence is decoded again with
    beam search (0 never re-decodes: greedy only; above 1 always does: beam for every sentence,
    after a wasted greedy pass — use ``greedy_first=False`` for that).
    """

    beam_size: int = DEFAULT_BEAM_SIZE
    beam_below: float = DEFAULT_BEAM_BELOW
    greedy_first: bool = True
    chunk_tokens: int = DEFAULT_CHUNK_TOKENS
    max_batch_tokens: int = DEFAULT_BATCH_TOKENS
    length_ratio: float = DEFAULT_LENGTH_RATIO
    asynchronous: bool = True
    bulk_in_flight: int = 1
    bulk_chunk_tokens: int = 256
    length_penalty: float = 1.0


@dataclass(frozen=True)
class Decoded:
    """One sentence's output tokens and its mean log-probability per token (EOS included)."""

    tokens: list[str]
    mean_logprob: float
    beam: bool


@dataclass
class DecodingStats:
    """Counts since the engine started: sentences decoded, and those re-decoded with beam."""

    sentences: int = 0
    beam_decoded: int = 0

    @property
    def beam_share(self) -> float:
        return self.beam_decoded / self.sentences if self.sentences else 0.0


def usable_cores() -> int:
    """Cores this process may run on (CPU affinity, e.g. a container's cpuset), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def pick_threads(cores: int | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` for ``cores``: one replica per core up to four, then
    the rest of the cores shared out as intra-op threads. On 2 cores: (2, 1), measured faster
    than (1, 2) for batches, and it leaves a replica free for an urgent sentence."""
    cores = cores or usable_cores()
    inter = max(1, min(cores, 4))
    return inter, max(1, cores // inter)


class Decoder:
    """Decodes tokenised sentences with one CTranslate2 translator under a policy. Thread-safe."""

    def __init__(
        self, translator: Any, policy: DecodingPolicy, *, target_prefix: str | None = None
    ) -> None:
        self.translator = translator
        self.policy = policy
        self.target_prefix = target_prefix
        self.stats = DecodingStats()
        self._stats_lock = threading.Lock()

    def decode(
        self,
        sources: Sequence[str],
        encode: Callable[[list[str]], list[list[str]]],
        *,
        bulk: bool = False,
    ) -> list[Decoded]:
        """Decode ``sources`` (plain text, tokenised here by ``encode`` chunk by chunk)."""
        policy = self.policy
        first_beam = 1 if policy.greedy_first else policy.beam_size
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        tokens: list[list[str]] = [[] for _ in sources]
        decoded: list[Decoded | None] = [None] * len(sources)
        in_flight: list[tuple[list[int], list[Any]]] = []
        limit = max(1, policy.bulk_in_flight) if bulk else len(sources) + 1
        chunk_tokens = policy.bulk_chunk_tokens if bulk else policy.chunk_tokens
        for chunk in _chunks(order, sources, chunk_tokens):
            for index, pieces in zip(chunk, encode([sources[i] for i in chunk]), strict=True):
                tokens[index] = pieces
            in_flight.append((chunk, self._submit([tokens[i] for i in chunk], first_beam)))
            while len(in_flight) >= limit:
                self._collect(in_flight.pop(0), decoded, beam=first_beam > 1)
        for pending in in_flight:
            self._collect(pending, decoded, beam=first_beam > 1)
        done = [d for d in decoded if d is not None]
        assert len(done) == len(sources)  # noqa: S101 - every chunk was collected

        doubtful = []
        if policy.greedy_first and policy.beam_size > 1:
            doubtful = [
                i for i, d in enumerate(done) if math.exp(d.mean_logprob) < policy.beam_below
            ]
        step = BULK_BEAM_SENTENCES if bulk else max(len(doubtful), 1)
        for start in range(0, len(doubtful), step):
            part = doubtful[start : start + step]
            beams = self._submit([tokens[i] for i in part], policy.beam_size)
            for index, result in zip(part, beams, strict=True):
                done[index] = self._decoded(result, beam=True)
        with self._stats_lock:
            self.stats.sentences += len(sources)
            self.stats.beam_decoded += len(doubtful) if policy.greedy_first else len(sources)
        return done

    def _submit(self, batch: list[list[str]], beam_size: int) -> list[Any]:
        policy = self.policy
        longest = max((len(t) for t in batch), default=1)
        prefix = [[self.target_prefix] for _ in batch] if self.target_prefix else None
        return list(
            self.translator.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=policy.max_batch_tokens,
                batch_type="tokens",
                beam_size=beam_size,
                length_penalty=policy.length_penalty,
                return_scores=True,
                replace_unknowns=True,
                max_input_length=0,
                max_decoding_length=min(1024, int(policy.length_ratio * longest) + 16),
                asynchronous=policy.asynchronous and beam_size == 1,
            )
        )

    def _collect(
        self, pending: tuple[list[int], list[Any]], decoded: list[Decoded | None], *, beam: bool
    ) -> None:
        chunk, results = pending
        for index, result in zip(chunk, results, strict=True):
            ready = result.result() if hasattr(result, "result") else result
            decoded[index] = self._decoded(ready, beam=beam)

    def _decoded(self, result: Any, *, beam: bool) -> Decoded:
        tokens = list(result.hypotheses[0])
        if self.target_prefix and tokens[:1] == [self.target_prefix]:
            tokens = tokens[1:]
        score = float(result.scores[0])
        if self.policy.length_penalty != 1.0:  # scores are normalised by length ** penalty
            length = len(tokens) + 1
            score = score * length**self.policy.length_penalty / length
        return Decoded(tokens, min(score, 0.0), beam)


def _chunks(order: list[int], sources: Sequence[str], chunk_tokens: int) -> list[list[int]]:
    """Consecutive runs of ``order`` of about ``chunk_tokens`` tokens (estimated from UTF-8
    bytes), or one run of everything when ``chunk_tokens`` is 0."""
    if chunk_tokens <= 0:
        return [order] if order else []
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index in order:
        estimate = max(1, len(sources[index].encode("utf-8")) // 3)
        if current and size + estimate > chunk_tokens:
            chunks.append(current)
            current, size = [], 0
        current.append(index)
        size += estimate
    if current:
        chunks.append(current)
    return chunks
