"""Build the small, real Argos packages the tests and the benchmark translate with.

No Argos package can be downloaded where the tests run, so we make our own: each package is a
genuine ``.argosmodel`` (metadata.json, a CTranslate2 Transformer in ``model/``, a SentencePiece
``sentencepiece.model``) that CTranslate2 loads and runs like any Argos model. The weights are set
by hand, with no training, so the model is an exact, known transformation:

* every source token is copied to the same target position, except that ASCII letters are shifted
  by a per-package amount (``shift=1``: a→b, …, z→a, A→B, …); digits, punctuation, spaces, kana,
  CJK and Hangul are copied unchanged. A pivot zt→en→ja through two ``shift=1`` packages gives
  shift 2, so tests can tell a translated text from an untranslated one and which path ran.
* the replacement character U+FFFD ("mojibake") is copied with a deliberately flat output
  distribution, so garbled input gives a low model score (the engine's confidence).

How the copy works (one decoder layer, no encoder layers):

* the hidden state has a token block (``TOKEN_DIMS``) and a position block (``4 * FREQUENCIES``).
  Source embeddings put a unit vector ``E[image(token)]`` in the token block; position encodings
  put ``[cos, sin, -cos, -sin]`` of a few frequencies in the position block (zero-mean, so the
  layer norms only rescale);
* the decoder's cross-attention compares only position blocks, sharply enough that decoder step
  ``t`` reads encoder position ``t``; its value/output projections copy the token block;
* the output projection is ``E``, so the argmax at step ``t`` is ``image(source[t])``. The source
  gets ``</s>`` appended (``add_source_eos``), which maps to itself and ends decoding.

The tokenizer is a SentencePiece *char* model with byte fallback (any character outside the
vocabulary becomes UTF-8 byte pieces, which are copied and decode back to the same character)
and the identity normalisation, so output is byte-exact.

Usage: ``python scripts/build_test_model.py [--out tests/fixtures/models]``. The build is
deterministic: the same versions of ctranslate2/sentencepiece give byte-identical archives.
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "tests" / "fixtures" / "models"

PACKAGE_VERSION = "1.0"
ARGOS_VERSION = "1.9"

#: (from_code, to_code, letter shift). Into Japanese shifts +1, out of Japanese shifts -1 (25),
#: so a reply's back-translation through a direct pair reads as the original. zt has no direct
#: pair with ja: zt→ja pivots through English (shift +2), ja→zt likewise (shift -2).
PACKAGES: tuple[tuple[str, str, int], ...] = (
    ("en", "ja", 1),
    ("ja", "en", 25),
    ("zt", "en", 1),
    ("en", "zt", 25),
    ("ko", "ja", 1),
    ("ja", "ko", 25),
)

NAMES = {"en": "English", "ja": "Japanese", "zt": "Chinese (traditional)", "ko": "Korean"}

TOKEN_DIMS = 64
FREQUENCIES = 16
MAX_POSITIONS = 512
LOW_CONFIDENCE_CHARS = ("\ufffd",)
WEAK_SCALE = 0.12
LOGIT_SCALE = 40.0
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

# Characters seen in shop inquiries that should be one piece each (others use byte fallback).
_SAMPLE_TEXT = """
您好，我在貴店訂購的商品還沒有收到，請問什麼時候會發貨？訂單號碼是多少。謝謝！
我想退貨，尺寸不合適。可以換成大一號的嗎？運費由誰負擔？付款方式、信用卡、海關、關稅、包裹。
请问这个商品有现货吗？我想买两个。发货到中国需要几天？
안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. 언제 발송되나요? 환불 부탁드립니다. 감사합니다.
お問い合わせありがとうございます。ご注文の商品は本日発送いたしました。お届けまで数日かかります。
返品・交換は商品到着後七日以内にご連絡ください。送料は当店が負担いたします。申し訳ございません。
""".strip()


def _charset() -> list[str]:
    """Characters that get a piece of their own, in a fixed order."""
    chars: dict[str, None] = {}

    def add(text: str) -> None:
        for ch in text:
            if ch.isspace() or unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"}:
                continue
            chars.setdefault(ch, None)

    add("".join(chr(c) for c in range(0x21, 0x7F)))
    add("".join(chr(c) for c in range(0xA1, 0x100)))
    add("".join(chr(c) for c in range(0x3001, 0x3040)))  # CJK punctuation
    add("".join(chr(c) for c in range(0x3041, 0x3097)))  # hiragana
    add("".join(chr(c) for c in range(0x30A1, 0x3100)))  # katakana
    add("".join(chr(c) for c in range(0xFF01, 0xFF5F)))  # full-width forms
    add("€£¥₩—–…‘’“”•·")
    add("".join(LOW_CONFIDENCE_CHARS))
    add(_SAMPLE_TEXT)
    add(_langdetect_unigrams())
    return list(chars)


def _langdetect_unigrams() -> str:
    """Frequent single characters of ja/zh/ko from langdetect's profiles (a build-time input)."""
    import langdetect

    profiles = Path(langdetect.__file__).parent / "profiles"
    text = []
    for lang in ("ja", "zh-tw", "zh-cn", "ko"):
        freq = json.loads((profiles / lang).read_text(encoding="utf-8"))["freq"]
        unigrams = sorted((k for k in freq if len(k) == 1), key=lambda k: (-freq[k], k))
        text.extend(unigrams[:700])
    return "".join(text)


def train_sentencepiece(workdir: Path) -> Path:
    """A char-level SentencePiece model with byte fallback and no normalisation."""
    chars = _charset()
    # Each character on its own line, twice, plus the sample text: the char model keeps them all.
    # Training from an iterator into memory keeps temporary paths out of the model file.
    lines = chars + chars + _SAMPLE_TEXT.splitlines()
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="char",
        vocab_size=len(chars) + 300,
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        num_threads=1,
        minloglevel=2,
        unk_piece="<unk>",
        bos_piece="<s>",
        eos_piece="</s>",
    )
    path = workdir / "sentencepiece.model"
    path.write_bytes(model.getvalue())
    return path


def _shift_piece(piece: str, shift: int) -> str:
    if len(piece) == 1 and piece.isascii() and piece.isalpha():
        base = ord("a") if piece.islower() else ord("A")
        return chr(base + (ord(piece) - base + shift) % 26)
    return piece


def _positions(rng: np.random.Generator) -> np.ndarray:
    """Position encodings whose dot products peak sharply at equal positions."""
    steps = np.arange(MAX_POSITIONS)[:, None]
    candidates = []
    for _ in range(8):
        freqs = rng.uniform(0.3, np.pi - 0.3, size=FREQUENCIES)
        angles = steps * freqs[None, :]
        table = np.concatenate([np.cos(angles), np.sin(angles)], axis=1)
        candidates.append(((table[1:] @ table[0]).max(), table))
    table = min(candidates, key=lambda candidate: candidate[0])[1]
    return np.concatenate([table, -table], axis=1).astype(np.float32)


def build_model(vocab: list[str], shift: int, out_dir: Path) -> None:
    """Save a CTranslate2 Transformer that copies tokens through ``_shift_piece``."""
    rng = np.random.default_rng(20240101)
    size = len(vocab)
    index = {piece: i for i, piece in enumerate(vocab)}
    pos_dims = 4 * FREQUENCIES
    d_model = TOKEN_DIMS + pos_dims

    unit = rng.standard_normal((size, TOKEN_DIMS))
    unit -= unit.mean(axis=1, keepdims=True)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)

    image = np.array([index.get(_shift_piece(piece, shift), i) for i, piece in enumerate(vocab)])
    source_embeddings = np.zeros((size, d_model), dtype=np.float32)
    source_embeddings[:, :TOKEN_DIMS] = unit[image]
    for ch in LOW_CONFIDENCE_CHARS:
        if ch in index:
            source_embeddings[index[ch], :TOKEN_DIMS] *= WEAK_SCALE

    positions = np.zeros((MAX_POSITIONS, d_model), dtype=np.float32)
    positions[:, TOKEN_DIMS:] = _positions(rng)

    token_block = np.zeros((d_model, d_model), dtype=np.float32)
    token_block[:TOKEN_DIMS, :TOKEN_DIMS] = np.eye(TOKEN_DIMS)
    position_block = np.zeros((d_model, d_model), dtype=np.float32)
    position_block[TOKEN_DIMS:, TOKEN_DIMS:] = np.eye(pos_dims)

    # CTranslate2 needs at least one encoder layer: a pre-norm layer whose sublayers output zero
    # is the identity on the residual stream.
    encoder = transformer_spec.TransformerEncoderSpec(1, 1, pre_norm=True, no_final_norm=True)
    decoder = transformer_spec.TransformerDecoderSpec(1, 1, pre_norm=True, no_final_norm=True)
    spec = transformer_spec.TransformerSpec(encoder, decoder)
    encoder.scale_embeddings = False
    decoder.scale_embeddings = False
    encoder.embeddings[0].weight = source_embeddings
    encoder.position_encodings.encodings = positions
    decoder.embeddings.weight = np.zeros((size, d_model), dtype=np.float32)
    decoder.position_encodings.encodings = positions.copy()

    zeros = np.zeros(d_model, dtype=np.float32)
    ones = np.ones(d_model, dtype=np.float32)
    for layer in (encoder.layer[0], decoder.layer[0]):
        layer.self_attention.layer_norm.gamma = ones.copy()
        layer.self_attention.layer_norm.beta = zeros.copy()
        layer.ffn.layer_norm.gamma, layer.ffn.layer_norm.beta = ones.copy(), zeros.copy()
        layer.self_attention.linear[0].weight = np.zeros((3 * d_model, d_model), dtype=np.float32)
        layer.self_attention.linear[1].weight = np.zeros((d_model, d_model), dtype=np.float32)
        layer.ffn.linear_0.weight = np.zeros((d_model, d_model), dtype=np.float32)
        layer.ffn.linear_1.weight = np.zeros((d_model, d_model), dtype=np.float32)
    layer = decoder.layer[0]
    layer.attention.layer_norm.gamma, layer.attention.layer_norm.beta = ones.copy(), zeros.copy()
    # The query of step t is its (layer-normed) position; keys are encoder positions; values
    # carry the encoder's token block into the decoder's.
    sharpness = 16.0
    layer.attention.linear[0].weight = position_block * sharpness
    layer.attention.linear[1].weight = np.concatenate([position_block, token_block])
    layer.attention.linear[2].weight = token_block.copy()

    projection = np.zeros((size, d_model), dtype=np.float32)
    projection[:, :TOKEN_DIMS] = unit * LOGIT_SCALE
    decoder.projection.weight = projection

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize(quantization="int8")
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


def _package_files(
    from_code: str, to_code: str, shift: int, sp_model: Path, vocab: list[str], workdir: Path
) -> Iterator[tuple[str, bytes]]:
    model_dir = workdir / f"model-{from_code}-{to_code}"
    build_model(vocab, shift, model_dir)
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": ARGOS_VERSION,
        "from_code": from_code,
        "from_name": NAMES[from_code],
        "to_code": to_code,
        "to_name": NAMES[to_code],
        "type": "translate",
        "links": [],
    }
    yield "metadata.json", (json.dumps(metadata, indent=2) + "\n").encode()
    readme = (
        f"# Kakehashi test package {from_code} -> {to_code}\n\n"
        f"Not a translation model: copies its input, shifting ASCII letters by {shift}.\n"
        "Built by scripts/build_test_model.py for tests and benchmarks.\n"
    )
    yield "README.md", readme.encode()
    yield "sentencepiece.model", sp_model.read_bytes()
    for path in sorted(model_dir.iterdir()):
        yield f"model/{path.name}", path.read_bytes()


def package_filename(from_code: str, to_code: str) -> str:
    return f"translate-{from_code}_{to_code}-test.argosmodel"


def build_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    built = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sp_model = train_sentencepiece(workdir)
        processor = spm.SentencePieceProcessor(model_file=str(sp_model))
        vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        for from_code, to_code, shift in PACKAGES:
            root = f"translate-{from_code}_{to_code}-{PACKAGE_VERSION.replace('.', '_')}"
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                files = _package_files(from_code, to_code, shift, sp_model, vocab, workdir)
                for name, data in files:
                    info = zipfile.ZipInfo(f"{root}/{name}", date_time=ZIP_DATE)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, data)
            target = out / package_filename(from_code, to_code)
            target.write_bytes(buffer.getvalue())
            built.append(target)
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for path in build_all(args.out):
        print(
            f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}"
            f"  {path.stat().st_size / 1024:.0f} KiB"
        )
    print(f"ctranslate2 {ctranslate2.__version__}, sentencepiece {spm.__version__}")


if __name__ == "__main__":
    main()
