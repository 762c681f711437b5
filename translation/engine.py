"""The translation engine: Argos packages run directly by CTranslate2, batched across messages.

::

    engine = TranslationEngine()                       # models from $KAKEHASHI_MODELS_DIR
    [t] = engine.translate_many(["您好，訂單 #A-1001 還沒到。"], source="zh-Hant", target="ja")
    t.text, t.score, t.model   # "…", 0.93, "argos:zt-en@1.9+argos:en-ja@1.1"

For each call, every text is split into protected spans (:mod:`translation.spans`) and sentences
(:mod:`translation.segment`); sentences already in the target language, or with nothing to
translate (numbers, placeholders), are copied; the rest are looked up in the translation memory
(:mod:`translation.memory`) and the misses of *all* texts go to the model in one batched
CTranslate2 call per language pair, sorted by length and cut into token batches. Pairs without a
package pivot through English. ``argostranslate.translate`` is never imported: it would import
torch and download Stanza/MiniSBD models at run time.

``pairs()`` returns ``(source, target)`` BCP 47 tuples, direct and pivot, sorted.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translation import packages as package_store
from translation.decoding import (
    DEFAULT_BATCH_TOKENS,
    DEFAULT_BEAM_BELOW,
    DEFAULT_BEAM_SIZE,
    Decoder,
    DecodingPolicy,
    DecodingStats,
    pick_threads,
)
from translation.errors import TranslationError, UnsupportedPairError
from translation.glossary import Glossary
from translation.languages import ENGLISH, UnknownLanguageError, normalize_tag
from translation.memory import InProcessMemory, MemoryEntry, TranslationMemory, memory_key
from translation.packages import InstalledPackage, list_installed, scan_stamp
from translation.segment import DEFAULT_MAX_CHARS, has_letters, segment
from translation.spans import SpanPatterns, SpanProtector

IDENTITY_MODEL = "identity"
DEFAULT_LOW_CONFIDENCE = 0.4

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff]"
)
_NON_LATIN_LANGUAGES = frozenset(
    {"ja", "zh-Hans", "zh-Hant", "ko", "th", "ru", "uk", "ar", "fa", "he", "el", "hi", "bg"}
)


@dataclass(frozen=True)
class Translation:
    """One translated text.

    ``score`` is a confidence in [0, 1]: the geometric mean of the model's token probabilities
    (multiplied over pivot steps), halved for each protected span the model dropped.
    ``model`` names the packages used, e.g. ``argos:zt-en@1.9+argos:en-ja@1.1``, or
    ``identity`` when nothing needed translating.
    """

    text: str
    score: float
    model: str
    low_confidence: bool = False
    missing_spans: int = 0


@dataclass
class _Loaded:
    package: InstalledPackage
    translator: Any
    processor: Any
    size_bytes: int
    decoder: Decoder


@dataclass
class _Job:
    """One sentence on its way through the model(s)."""

    text_index: int
    sentence_index: int
    current: str
    placeholders: list[int]
    weight: int
    logprob: float = 0.0
    pieces: list[tuple[str, str]] = field(default_factory=list)


class TranslationEngine:
    """Translates batches of texts with installed Argos packages. Thread-safe."""

    def __init__(
        self,
        models_dir: str | os.PathLike[str] | None = None,
        *,
        memory: TranslationMemory | None = None,
        glossary: Glossary | None = None,
        patterns: SpanPatterns | None = None,
        device: str = "auto",
        beam_size: int = DEFAULT_BEAM_SIZE,
        beam_below: float = DEFAULT_BEAM_BELOW,
        greedy_first: bool = True,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        compute_type: str | None = None,
        max_batch_tokens: int = DEFAULT_BATCH_TOKENS,
        policy: DecodingPolicy | None = None,
        max_segment_tokens: int = 200,
        max_segment_chars: int = DEFAULT_MAX_CHARS,
        max_loaded_bytes: int = 4 * 1024**3,
        low_confidence: float = DEFAULT_LOW_CONFIDENCE,
        copy_target_language: bool = True,
    ) -> None:
        self.models_dir = package_store.models_dir(models_dir)
        self.memory: TranslationMemory = memory if memory is not None else InProcessMemory()
        self.glossary = glossary or Glossary()
        self.protector = SpanProtector(patterns)
        self.device = _pick_device(device)
        self.compute_type = compute_type or ("int8" if self.device == "cpu" else "int8_float16")
        # Decoding policy and threads: see translation.decoding (greedy first, beam for the
        # doubtful sentences; replicas and threads from the cores this process may use).
        self.policy = policy or DecodingPolicy(
            beam_size=beam_size,
            beam_below=beam_below,
            greedy_first=greedy_first,
            max_batch_tokens=max_batch_tokens,
        )
        self.beam_size = self.policy.beam_size
        picked_inter, picked_intra = pick_threads()
        self.inter_threads = inter_threads or picked_inter
        self.intra_threads = intra_threads if intra_threads is not None else picked_intra
        self.max_segment_tokens = max_segment_tokens
        self.max_segment_chars = max_segment_chars
        self.max_loaded_bytes = max_loaded_bytes
        self.low_confidence = low_confidence
        # Sentences visibly in the target language already (by script) are copied, not
        # translated: a Chinese message's "Thank you!" stays as written in English.
        self.copy_target_language = copy_target_language
        self._lock = threading.RLock()
        self._stamp: int | None = None
        self._packages: dict[tuple[str, str], InstalledPackage] = {}
        self._loaded: OrderedDict[Path, _Loaded] = OrderedDict()

    # -- what is installed -------------------------------------------------------------------

    def refresh(self, *, force: bool = False) -> None:
        """Re-read the models dir if a package was installed or removed since the last look."""
        stamp = scan_stamp(self.models_dir)
        with self._lock:
            if not force and stamp == self._stamp:
                return
            packages = {(p.source, p.target): p for p in list_installed(self.models_dir)}
            self._packages = packages
            self._stamp = stamp
            live = {p.path for p in packages.values()}
            for path in [path for path in self._loaded if path not in live]:
                del self._loaded[path]

    def installed_pairs(self) -> list[tuple[str, str]]:
        """Pairs with a package of their own (BCP 47)."""
        self.refresh()
        return sorted(self._packages)

    def pairs(self) -> list[tuple[str, str]]:
        """Every (source, target) pair translatable now, direct or through English, sorted."""
        self.refresh()
        direct = set(self._packages)
        pivots = {
            (s, t)
            for s, mid in direct
            if mid == ENGLISH
            for mid2, t in direct
            if mid2 == ENGLISH and t != s
        }
        return sorted(direct | pivots)

    def supports(self, source: str, target: str) -> bool:
        """Whether ``source`` → ``target`` can be translated now (notices new installs)."""
        try:
            source, target = normalize_tag(source), normalize_tag(target)
        except UnknownLanguageError:
            return False
        if source == target:
            return True
        self.refresh()
        return self._route(source, target) is not None

    def route(self, source: str, target: str) -> list[InstalledPackage]:
        """The packages a translation runs through, or :class:`UnsupportedPairError`."""
        self.refresh()
        try:
            found = self._route(normalize_tag(source), normalize_tag(target))
        except UnknownLanguageError:
            found = None
        if found is None:
            raise UnsupportedPairError(source, target, self._packages)
        return found

    def _route(self, source: str, target: str) -> list[InstalledPackage] | None:
        packages = self._packages
        if (source, target) in packages:
            return [packages[(source, target)]]
        first, second = packages.get((source, ENGLISH)), packages.get((ENGLISH, target))
        if first is not None and second is not None:
            return [first, second]
        return None

    # -- translating --------------------------------------------------------------------------

    def translate(
        self, text: str, *, source: str, target: str, glossary: Glossary | None = None
    ) -> Translation:
        return self.translate_many([text], source=source, target=target, glossary=glossary)[0]

    def decoding_stats(self) -> DecodingStats:
        """Sentences decoded so far by every loaded model, and how many needed beam search."""
        total = DecodingStats()
        with self._lock:
            for loaded in self._loaded.values():
                total.sentences += loaded.decoder.stats.sentences
                total.beam_decoded += loaded.decoder.stats.beam_decoded
        return total

    def translate_many(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        glossary: Glossary | None = None,
        bulk: bool = False,
    ) -> list[Translation]:
        """Translate ``texts`` from ``source`` to ``target`` (BCP 47), one result per text.

        ``bulk``: background work nobody waits for (FAQ imports); it is decoded in small
        chunks so that urgent calls from other threads get the model between two chunks.
        """
        try:
            source, target = normalize_tag(source), normalize_tag(target)
        except UnknownLanguageError:
            raise UnsupportedPairError(source, target, self.installed_pairs()) from None
        if source == target:
            return [Translation(text, 1.0, IDENTITY_MODEL) for text in texts]
        route = self.route(source, target)
        model_name = "+".join(p.model_id for p in route)
        terms = glossary if glossary is not None else self.glossary

        protected = [self.protector.protect(t, glossary=terms, target=target) for t in texts]
        segmented = [segment(p.text, max_chars=self.max_segment_chars) for p in protected]
        outputs = [list(s.sentences) for s in segmented]
        jobs = []
        for i, seg in enumerate(segmented):
            for j, sentence in enumerate(seg.sentences):
                if has_letters(sentence) and not (
                    self.copy_target_language and _already_in(sentence, source, target)
                ):
                    jobs.append(
                        _Job(
                            i, j, sentence, SpanProtector.numbers_in(sentence), weight=len(sentence)
                        )
                    )
        for package in route:
            self._run(package, jobs, bulk=bulk)

        missing: dict[int, int] = defaultdict(int)
        weights: dict[int, int] = defaultdict(int)
        logprobs: dict[int, float] = defaultdict(float)
        for job in jobs:
            text, lost = SpanProtector.repair(job.current, job.placeholders)
            outputs[job.text_index][job.sentence_index] = text
            missing[job.text_index] += lost
            weights[job.text_index] += job.weight
            logprobs[job.text_index] += job.logprob * job.weight

        results = []
        for i, (seg, prot) in enumerate(zip(segmented, protected, strict=True)):
            text = SpanProtector.restore(seg.join(outputs[i]), prot.originals)
            if not weights[i]:
                results.append(Translation(text, 1.0, IDENTITY_MODEL))
                continue
            score = math.exp(logprobs[i] / weights[i]) * 0.5 ** min(missing[i], 4)
            score = min(1.0, max(0.0, score))
            results.append(
                Translation(
                    text,
                    score,
                    model_name,
                    low_confidence=score < self.low_confidence,
                    missing_spans=missing[i],
                )
            )
        return results

    def _run(self, package: InstalledPackage, jobs: list[_Job], *, bulk: bool = False) -> None:
        """Translate every job's current text with one package, in place."""
        unique = list(dict.fromkeys(job.current for job in jobs))
        keys = {text: memory_key(package.model_id, text) for text in unique}
        remembered = self.memory.get_many(list(keys.values()))
        pending = [text for text in unique if keys[text] not in remembered]
        fresh = self._translate_segments(package, pending, bulk=bulk) if pending else {}
        if fresh:
            self.memory.put_many({keys[text]: entry for text, entry in fresh.items()})
        for job in jobs:
            entry = fresh.get(job.current) or remembered[keys[job.current]]
            job.current = entry.text
            job.logprob += math.log(max(entry.score, 1e-9))

    def _translate_segments(
        self, package: InstalledPackage, texts: list[str], *, bulk: bool = False
    ) -> dict[str, MemoryEntry]:
        """Decode all texts under the policy; long ones are cut to fit the model."""
        loaded = self._load(package)
        processor = loaded.processor
        pieces: list[tuple[int, str, str]] = []  # (text index, separator after, piece)
        for index, text in enumerate(texts):
            for piece, separator in self._fit(processor, text):
                pieces.append((index, separator, piece))
        decoded = loaded.decoder.decode(
            [piece for _, _, piece in pieces],
            lambda batch: list(processor.encode(batch, out_type=str)),
            bulk=bulk,
        )
        translated = [
            (processor.decode(d.tokens), d.mean_logprob, len(d.tokens) + 1) for d in decoded
        ]
        joined: dict[int, list[str]] = defaultdict(list)
        scored: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for (index, separator, _), (text, logprob, length) in zip(pieces, translated, strict=True):
            joined[index].append(text.strip() + separator)
            scored[index].append((logprob, length))
        entries = {}
        for index, text in enumerate(texts):
            total = sum(n for _, n in scored[index]) or 1
            mean = sum(lp * n for lp, n in scored[index]) / total
            entries[text] = MemoryEntry("".join(joined[index]).strip(), math.exp(min(mean, 0.0)))
        return entries

    def _fit(self, processor: Any, text: str) -> list[tuple[str, str]]:
        """Cut ``text`` into pieces of at most ``max_segment_tokens`` tokens."""
        # A SentencePiece token covers at least one byte (plus a word-start "▁" at the
        # beginning), so a short text fits without being tokenised twice.
        if len(text.encode("utf-8")) + 1 <= self.max_segment_tokens or len(text) < 2:
            return [(text, "")]
        if len(processor.encode(text)) <= self.max_segment_tokens:
            return [(text, "")]
        middle = len(text) // 2
        cut = text.rfind(" ", 0, middle + 1)
        if cut <= 0:
            cut = middle
        head, tail = text[:cut], text[cut:]
        separator = tail[: len(tail) - len(tail.lstrip(" "))]
        head_pieces = self._fit(processor, head)
        last, _ = head_pieces[-1]
        return [*head_pieces[:-1], (last, separator), *self._fit(processor, tail.lstrip(" "))]

    # -- loaded models ------------------------------------------------------------------------

    def warm(self, source: str, target: str) -> None:
        """Load the models of a pair now rather than on the first translation."""
        for package in self.route(source, target):
            self._load(package)

    def loaded_models(self) -> list[tuple[str, int]]:
        """(model id, approximate bytes) of the models in memory, least recently used first."""
        with self._lock:
            return [(m.package.model_id, m.size_bytes) for m in self._loaded.values()]

    def _load(self, package: InstalledPackage) -> _Loaded:
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is not None:
                self._loaded.move_to_end(package.path)
                return loaded
            import ctranslate2
            import sentencepiece

            size = sum(f.stat().st_size for f in package.model_dir.iterdir() if f.is_file())
            while (
                self._loaded
                and sum(m.size_bytes for m in self._loaded.values()) + size > self.max_loaded_bytes
            ):
                self._loaded.popitem(last=False)
            try:
                translator = ctranslate2.Translator(
                    str(package.model_dir),
                    device=self.device,
                    compute_type=self.compute_type,
                    inter_threads=self.inter_threads,
                    intra_threads=self.intra_threads,
                    # Unbounded: asynchronous submissions return at once, so tokenising the
                    # next chunk overlaps decoding (a bounded queue blocks the submitter).
                    max_queued_batches=-1,
                )
                processor = sentencepiece.SentencePieceProcessor(
                    model_file=str(package.tokenizer_path)
                )
            except (OSError, RuntimeError, ValueError) as error:
                raise TranslationError(
                    f"cannot load {package.model_id} from {package.path} ({error}); reinstall it "
                    f"with `kakehashi models install {package.source} {package.target}`"
                ) from error
            decoder = Decoder(translator, self.policy, target_prefix=package.target_prefix or None)
            loaded = _Loaded(package, translator, processor, size, decoder)
            self._loaded[package.path] = loaded
            return loaded


def _pick_device(device: str) -> str:
    if device != "auto":
        return device
    try:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except (ImportError, RuntimeError):
        return "cpu"


def _already_in(sentence: str, source: str, target: str) -> bool:
    """Whether a sentence is visibly written in ``target`` already (by its script)."""
    if target == "ja":
        return bool(_KANA.search(sentence)) and not _HANGUL.search(sentence)
    if target == "ko":
        return bool(_HANGUL.search(sentence)) and not _KANA.search(sentence)
    if target == "th":
        return bool(_THAI.search(sentence))
    if target in {"zh-Hans", "zh-Hant"}:
        return (
            source not in {"ja", "zh-Hans", "zh-Hant"}
            and bool(_HAN.search(sentence))
            and not _KANA.search(sentence)
            and not _HANGUL.search(sentence)
        )
    if target not in _NON_LATIN_LANGUAGES and source in _NON_LATIN_LANGUAGES:
        return not _NON_LATIN.search(sentence)
    return False
