"""Benchmark: the batched engine against the per-text path LibreTranslate uses, in one run.

Both sides run the same Argos package with CTranslate2 on this machine:

* baseline — what LibreTranslate does through ``argostranslate.translate``: one text at a time,
  split into paragraphs at ``\\n``, each paragraph's sentences tokenised and sent in its own
  ``translate_batch`` (beam 4, token batches of 32, length penalty 0.2, replace_unknowns).
  It is reproduced with CTranslate2 directly (importing ``argostranslate.translate`` would pull
  in torch and download sentence models); its sentences come from our segmenter so both sides
  count the same sentences.
* engine — ``TranslationEngine.translate_many`` over all texts at once (an empty translation
  memory: repeats *within* the run are translated once, as in production).

Prints sentences/s and the ratio, single short message latency, RSS per loaded pair, time to
first translation in a fresh process, and protected-span survival.

Usage: ``python bench/translate.py [--inquiries 500] [--models-dir DIR]``. Uses the committed test
package (tests/fixtures/models) and, when ``--models-dir``/``$KAKEHASHI_MODELS_DIR`` holds a real
en→ja Argos package, that one too.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from translation.engine import TranslationEngine  # noqa: E402
from translation.memory import InProcessMemory, MemoryEntry  # noqa: E402
from translation.packages import InstalledPackage, install_file, list_installed  # noqa: E402
from translation.segment import segment  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "models"

_NAMES = ["Emily", "Chen Wei", "Lucas", "Sofia", "Jae-won", "Priya", "Tom", "Marta", "Ahmed"]
_ITEMS = [
    "ceramic teapot",
    "matcha whisk set",
    "indigo tenugui towel",
    "cast iron kettle",
    "sakura tumbler",
    "washi notebook",
    "bamboo lunch box",
    "kimono belt",
    "incense kit",
]
_OPENERS = [
    "Hello, my name is {name}.",
    "Hi there!",
    "Dear customer support,",
    "Good morning.",
    "Hello {shop} team,",
]
_BODIES = [
    "I placed order {order} on {date} but it still has not arrived.",
    "The tracking page at {url} has not been updated for five days.",
    "Could you tell me when the {item} will be shipped to {city}?",
    "I was charged {price} but the price on your site was {price2}.",
    "The {item} arrived damaged, the lid is cracked and the box was wet.",
    "Is it possible to change the colour of my {item} before it ships?",
    "I would like to return the {item} and get a refund to my card.",
    "Please send the invoice to {email} because I need it for customs.",
    "Do you ship to {city}, and how long does delivery usually take?",
    "My package was returned to you, please resend it to my new address.",
    "The item code on my receipt is {sku}, is that the large size?",
    "I paid {price} for express shipping but it came by standard mail.",
]
_CLOSERS = [
    "Thank you for your help.",
    "Looking forward to your reply.",
    "Best regards, {name}",
    "Thanks in advance!",
    "Please answer by e-mail at {email}.",
]
_CITIES = ["Taipei", "Seoul", "Singapore", "Vancouver", "Berlin", "Sydney", "Lyon", "Austin"]


@dataclass
class Inquiry:
    text: str
    spans: list[str]


def make_inquiries(count: int, seed: int = 7) -> list[Inquiry]:
    """Realistic multi-sentence buyer inquiries with order numbers, URLs, e-mails and prices."""
    rng = random.Random(seed)
    inquiries = []
    for n in range(count):
        values = {
            "name": rng.choice(_NAMES),
            "shop": "Kakehashi",
            "item": rng.choice(_ITEMS),
            "city": rng.choice(_CITIES),
            "date": f"{rng.randint(1, 28)} May",
            "order": f"#KH-{rng.randint(10000, 99999)}",
            "url": f"https://track.example.com/parcel/{rng.randint(100000, 999999)}?ref=mail_{n}",
            "email": f"{rng.choice(_NAMES).split()[0].lower()}_{n}@example.org",
            "price": f"¥{rng.randint(1, 30)},{rng.randint(100, 999)}",
            "price2": f"US${rng.randint(10, 300)}.{rng.randint(10, 99)}",
            "sku": f"SKU{rng.randint(10000, 99999)}",
        }
        parts = [rng.choice(_OPENERS)]
        bodies = rng.sample(_BODIES, rng.randint(2, 4))
        parts.append(" ".join(bodies))
        parts.append(rng.choice(_CLOSERS))
        text = "\n\n".join(parts).format(**values)
        spans = [
            v
            for k, v in values.items()
            if k in {"order", "url", "email", "price", "price2", "sku"} and v in text
        ]
        inquiries.append(Inquiry(text, spans))
    return inquiries


class LibreTranslatePath:
    """argostranslate's PackageTranslation.hypotheses + apply_packaged_translation, per text."""

    def __init__(self, package: InstalledPackage, threads: int) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        self.translator = ctranslate2.Translator(
            str(package.model_dir),
            device="cpu",
            compute_type="auto",
            inter_threads=1,
            intra_threads=threads,
        )
        self.processor = sentencepiece.SentencePieceProcessor(
            model_file=str(package.tokenizer_path)
        )

    def translate(self, text: str) -> str:
        return "\n".join(self._paragraph(p) for p in text.split("\n")).lstrip("\n")

    def _paragraph(self, paragraph: str) -> str:
        sentences = list(segment(paragraph).sentences) or [paragraph]
        tokenized = [self.processor.encode(s, out_type=str) for s in sentences]
        prefix = (
            [[self.package.target_prefix]] * len(tokenized) if self.package.target_prefix else None
        )
        results = self.translator.translate_batch(
            tokenized,
            target_prefix=prefix,
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=4,
            num_hypotheses=1,
            length_penalty=0.2,
            return_scores=True,
        )
        tokens: list[str] = []
        for result in results:
            tokens.extend(result.hypotheses[0])
        # Argos's SentencePieceTokenizer.decode also turns "_" into spaces.
        value = self.processor.decode(tokens).replace("▁", " ").replace("_", " ")
        if self.package.target_prefix and value.startswith(self.package.target_prefix):
            value = value[len(self.package.target_prefix) :]
        return value[1:] if value.startswith(" ") else value


class NoMemory:
    """Remembers nothing, so every call reaches the model."""

    def get_many(self, keys: Sequence[str]) -> dict[str, MemoryEntry]:
        return {}

    def put_many(self, entries: Any) -> None:
        return None


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def first_translation_seconds(models_dir: Path) -> float:
    code = (
        "import time; t = time.perf_counter(); "
        "from translation.engine import TranslationEngine; "
        f"e = TranslationEngine({str(models_dir)!r}); "
        "e.translate('Where is my order #KH-10001?', source='en', target='ja'); "
        "print(time.perf_counter() - t)"
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    total = time.perf_counter() - started
    return min(total, float(run.stdout.strip() or total))


def bench_package(
    models_dir: Path, package: InstalledPackage, inquiries: list[Inquiry], *, threads: int
) -> None:
    texts = [i.text for i in inquiries]
    sentences = sum(len(segment(t).sentences) for t in texts)
    short = "Where is my order #KH-10001?"
    print(
        f"\n== {package.model_id} ({package.path.name}) — {len(texts)} inquiries, "
        f"{sentences} sentences"
    )

    baseline = LibreTranslatePath(package, threads)
    baseline.translate(short)
    started = time.perf_counter()
    baseline_out = [baseline.translate(t) for t in texts]
    baseline_s = time.perf_counter() - started

    memory = InProcessMemory()
    engine = TranslationEngine(models_dir, memory=memory, intra_threads=threads)
    engine.translate(short, source=package.source, target=package.target)
    memory = InProcessMemory()
    engine.memory = memory
    started = time.perf_counter()
    results = engine.translate_many(texts, source=package.source, target=package.target)
    engine_s = time.perf_counter() - started

    print(
        f"baseline (per text, beam 4, 32-token batches): {sentences / baseline_s:8.1f} "
        f"sentences/s  ({baseline_s:.2f} s)"
    )
    print(
        f"engine   (one batched call, beam {engine.beam_size}):            "
        f"{sentences / engine_s:8.1f} sentences/s  ({engine_s:.2f} s; "
        f"{len(memory)} distinct segments sent to the model)"
    )
    print(f"throughput ratio: {baseline_s / engine_s:.1f}x (target >= 5x)")

    # The same batched call without the memory's deduplication: every sentence goes to the
    # model, so this isolates what batching alone buys.
    every = [s for t in texts for s in segment(engine.protector.protect(t).text).sentences]
    started = time.perf_counter()
    engine._translate_segments(package, every)
    batch_s = time.perf_counter() - started
    print(
        f"engine batching alone (all {len(every)} sentences, no dedup): "
        f"{len(every) / batch_s:8.1f} sentences/s, ratio {baseline_s / batch_s:.1f}x"
    )
    greedy = TranslationEngine(models_dir, beam_size=1, intra_threads=threads)
    started = time.perf_counter()
    greedy._translate_segments(package, every)
    greedy_s = time.perf_counter() - started
    print(
        f"  same with beam 1 (greedy):                       "
        f"{len(every) / greedy_s:8.1f} sentences/s, ratio {baseline_s / greedy_s:.1f}x"
    )

    no_memory = TranslationEngine(models_dir, memory=NoMemory(), intra_threads=threads)
    no_memory.translate(short, source=package.source, target=package.target)
    engine_lat, base_lat = [], []
    for _ in range(15):
        t0 = time.perf_counter()
        no_memory.translate(short, source=package.source, target=package.target)
        engine_lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        baseline.translate(short)
        base_lat.append(time.perf_counter() - t0)
    print(
        f"single short message latency (median of 15, no memory): engine "
        f"{statistics.median(engine_lat) * 1000:.1f} ms, baseline "
        f"{statistics.median(base_lat) * 1000:.1f} ms"
    )

    def survival(outputs: list[str]) -> tuple[int, int]:
        kept = total = 0
        for inquiry, out in zip(inquiries, outputs, strict=True):
            total += len(inquiry.spans)
            kept += sum(1 for span in inquiry.spans if span in out)
        return kept, total

    kept, total = survival([r.text for r in results])
    base_kept, _ = survival(baseline_out)
    print(
        f"protected spans kept byte for byte: engine {kept}/{total} "
        f"({100 * kept / total:.1f}%), baseline {base_kept}/{total} "
        f"({100 * base_kept / total:.1f}%)"
    )
    flagged = sum(r.low_confidence for r in results)
    print(f"low-confidence messages: {flagged}/{len(results)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inquiries", type=int, default=500)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="CTranslate2 intra_threads for both sides (0: CTranslate2 default)",
    )
    parser.add_argument(
        "--models-dir", type=Path, default=os.environ.get("KAKEHASHI_MODELS_DIR") or None
    )
    args = parser.parse_args()
    inquiries = make_inquiries(args.inquiries)

    with tempfile.TemporaryDirectory() as tmp:
        test_dir = Path(tmp) / "models"
        for name in ("en_ja", "zt_en"):
            install_file(FIXTURES / f"translate-{name}-test.argosmodel", test_dir)

        print(
            "time to first translation in a fresh process (imports + load + translate): "
            f"{first_translation_seconds(test_dir):.2f} s"
        )
        engine = TranslationEngine(test_dir)
        before = rss_bytes()
        print(f"RSS before loading models: {before / 1024**2:.0f} MB")
        for source, target in (("en", "ja"), ("zh-Hant", "ja")):
            start = rss_bytes()
            engine.warm(source, target)
            engine.translate("Hello there.", source=source, target=target)
            print(
                f"RSS after loading {source}→{target} "
                f"({'+'.join(m for m, _ in engine.loaded_models())}): "
                f"+{(rss_bytes() - start) / 1024**2:.1f} MB"
            )

        [test_package] = [p for p in list_installed(test_dir) if p.from_code == "en"]
        bench_package(test_dir, test_package, inquiries, threads=args.threads)

        if args.models_dir:
            real = [
                p
                for p in list_installed(args.models_dir)
                if (p.from_code, p.to_code) == ("en", "ja")
            ]
            if real:
                bench_package(args.models_dir, real[0], inquiries, threads=args.threads)
            else:
                print(f"\n(no real en→ja Argos package in {args.models_dir}; skipped)")


if __name__ == "__main__":
    main()
