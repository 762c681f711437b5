"""Language detection: accuracy and speed of ours against plain langdetect (and lingua).

Run: ``.venv/bin/python bench/detect.py [FILE.tsv ...]``. Every detector sees the same messages
in the same run. Default sets: ``../shared/eval/langid_dev.tsv`` and
``bench/data/langid_heldout.tsv`` (``lang<TAB>text``; a literal ``\\n`` in text is a newline).

* ours: :func:`translation.detect.detect_language` with the default candidate languages, no
  hints, no priors;
* langdetect: ``langdetect.detect`` as people call it (all 55 profiles, seeded);
* lingua (when ``lingua-language-detector`` is installed): restricted to the languages it knows
  among ours; it has one Chinese, so it counts as right on either script.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from translation.detect import detect_language
from translation.langid import scripts
from translation.languages import DEFAULT_LANGUAGES, from_langdetect

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [
    ROOT.parent / "shared" / "eval" / "langid_dev.tsv",
    ROOT / "bench" / "data" / "langid_heldout.tsv",
]
CJK = ("ja", "zh-Hans", "zh-Hant", "ko")
_SCRIPT_DECIDED = {"ko", "th", "ar", "ru"}
_KANA = {scripts.HIRAGANA, scripts.KATAKANA}

Detector = Callable[[str], str]


def load(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if "\t" in line:
            lang, text = line.split("\t", 1)
            rows.append((lang.strip(), text.replace("\\n", "\n")))
    return rows


def script_decided(lang: str, text: str) -> bool:
    """Whether the script of the text alone settles the language (kana, Hangul, Thai …)."""
    if lang in _SCRIPT_DECIDED:
        return True
    return lang == "ja" and any(scripts.script_of(ch) in _KANA for ch in text)


def ours(text: str) -> str:
    return detect_language(text).language


def make_langdetect() -> Detector:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            return from_langdetect(detect(text))
        except LangDetectException:
            return "und"

    return run


def make_lingua() -> Detector | None:
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:
        return None
    by_code: dict[str, Language] = {}
    for tag in DEFAULT_LANGUAGES:
        code = "zh" if tag.startswith("zh") else tag
        try:
            by_code[tag] = Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        except (AttributeError, ValueError):
            continue
    detector = LanguageDetectorBuilder.from_languages(*set(by_code.values())).build()
    names = {lang: tag for tag, lang in by_code.items() if not tag.startswith("zh")}

    def run(text: str) -> str:
        found = detector.detect_language_of(text)
        if found is None:
            return "und"
        if found == Language.CHINESE:
            return "zh"
        return names.get(found, "und")

    return run


def correct(gold: str, guess: str) -> bool:
    return guess == gold or (guess == "zh" and gold.startswith("zh"))


# Loads profiles and models before timing; none of these lines is in the evaluated sets.
WARM_UP = (
    "Hello, where is my parcel?",
    "Bonjour, merci",
    "Hola, gracias",
    "Danke schön",
    "ありがとうございます",
    "谢谢",
    "謝謝",
    "감사합니다",
    "ขอบคุณ",
    "Спасибо",
    "شكرا",
    "Terima kasih",
    "Salamat po",
    "Cảm ơn",
    "Obrigado",
    "Grazie",
)


def timed(detector: Detector, texts: list[str]) -> tuple[list[str], float]:
    """Answers, and mean seconds per message over one pass.

    One pass after a warm-up on other texts: each message is seen once, as in production
    (ours keeps per-word n-gram sums, which a second pass over the same texts would flatter).
    """
    for text in WARM_UP:
        detector(text)
    answers = []
    start = time.process_time()
    for text in texts:
        answers.append(detector(text))
    return answers, (time.process_time() - start) / len(texts)


def report(name: str, rows: list[tuple[str, str]], detectors: dict[str, Detector]) -> None:
    texts = [t for _, t in rows]
    golds = [g for g, _ in rows]
    print(f"\n=== {name}: {len(rows)} messages, {len(set(golds))} languages ===")
    results: dict[str, list[str]] = {}
    speed: dict[str, float] = {}
    for label, detector in detectors.items():
        results[label], speed[label] = timed(detector, texts)
    decided = [i for i, (g, t) in enumerate(rows) if script_decided(g, t)]
    print(f"{'detector':<12}{'accuracy':>10}{'script-decided':>16}{'ms/message':>12}")
    for label, answers in results.items():
        acc = sum(correct(g, a) for g, a in zip(golds, answers, strict=True)) / len(rows)
        dec = sum(correct(golds[i], answers[i]) for i in decided) / max(1, len(decided))
        print(f"{label:<12}{acc:>10.1%}{dec:>16.1%}{speed[label] * 1e3:>12.3f}")
    base = speed["langdetect"] / speed["ours"]
    print(f"speed: ours is {base:.1f}x faster per message than plain langdetect", end="")
    if "lingua" in speed:
        print(f", {speed['lingua'] / speed['ours']:.1f}x faster than lingua", end="")
    print()

    print("\nper-language accuracy")
    print(f"{'lang':<9}{'n':>4}" + "".join(f"{label:>12}" for label in results))
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(golds):
        by_lang[g].append(i)
    for lang in sorted(by_lang):
        idx = by_lang[lang]
        cells = "".join(
            f"{sum(correct(lang, results[label][i]) for i in idx) / len(idx):>12.0%}"
            for label in results
        )
        print(f"{lang:<9}{len(idx):>4}{cells}")

    for label in ("ours", "langdetect"):
        print(f"\nconfusion ja/zh-Hans/zh-Hant/ko ({label}; rows gold, columns detected)")
        answers = results[label]
        counts = Counter(
            (g, a if a in CJK else "other") for g, a in zip(golds, answers, strict=True) if g in CJK
        )
        print(f"{'':<9}" + "".join(f"{c:>9}" for c in (*CJK, "other")))
        for g in CJK:
            print(f"{g:<9}" + "".join(f"{counts[(g, c)]:>9}" for c in (*CJK, "other")))

    wrong = [(g, a, t) for g, a, t in zip(golds, results["ours"], texts, strict=True) if g != a]
    if wrong:
        print("\nours, wrong:")
        for g, a, t in wrong:
            print(f"  {g:>8} -> {a:<8} {t[:80]!r}")


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv] or DEFAULT_SETS
    detectors: dict[str, Detector] = {"ours": ours, "langdetect": make_langdetect()}
    lingua = make_lingua()
    if lingua is not None:
        detectors["lingua"] = lingua
    else:
        print("lingua-language-detector is not installed: no reference column")
    for path in paths:
        report(path.name, load(path), detectors)


if __name__ == "__main__":
    main(sys.argv[1:])
