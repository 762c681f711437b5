"""Argos model management: the package index, install (from the index or a file), remove, list.

Packages live in the *models dir*: ``$KAKEHASHI_MODELS_DIR`` or, when unset, ``./models``
(relative to the working directory, like the default ``./kakehashi.db``). Each installed package
is one directory there, as Argos lays it out (``translate-en_ja-1_1/`` with ``metadata.json``,
``model/``, ``sentencepiece.model``).

argostranslate is not needed: metadata and the index are read here, by Argos's own rules
(:func:`parse_metadata`), so a package ``argospm`` installed is found when the models dir points
at Argos's package directory, and a package installed here is one argostranslate loads. Argos's
``install_from_path``/``uninstall`` would import ``argostranslate.translate`` (torch, Stanza) and
extract archives unchecked into a global directory. Here an archive is extracted
into a temporary directory inside the models dir, validated (metadata, model files, tokenizer,
and a test load of the model), then moved into place with one rename: a corrupt package is
refused with the reason and nothing is half-installed.

The index URL is ``$ARGOS_PACKAGE_INDEX`` (Argos's variable: a base URL to which ``index.json``
is appended, or a full URL ending in ``.json``), read when it is used.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from translation.errors import (
    IndexUnavailableError,
    PackageError,
    PackageNotFoundError,
)
from translation.languages import UnknownLanguageError, from_argos, normalize_tag, to_argos

MODELS_DIR_ENV = "KAKEHASHI_MODELS_DIR"
INDEX_ENV = "ARGOS_PACKAGE_INDEX"
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
_ARGOS_ONLY_CODES = frozenset({"zt", "pb"})
_USER_AGENT = "Kakehashi (Argos package manager)"
_CHUNK = 256 * 1024

#: Called during a download with (bytes received, total bytes or None when unknown).
ProgressCallback = Callable[[int, "int | None"], None]


@dataclass(frozen=True)
class ArgosMetadata:
    """The fields of an Argos ``metadata.json`` (or index entry) that Kakehashi uses."""

    type: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    package_version: str
    target_prefix: str
    links: tuple[str, ...]


def parse_metadata(metadata: dict[str, Any]) -> ArgosMetadata:
    """Read Argos metadata as ``argostranslate.package.IPackage.load_metadata_from_json`` does:
    missing ``type`` means a translation package, other fields default to empty."""

    def text(key: str, default: str = "") -> str:
        value = metadata.get(key, default)
        return "" if value is None else str(value)

    links = metadata.get("links") or []
    return ArgosMetadata(
        type=text("type", "translate") or "translate",
        from_code=text("from_code"),
        to_code=text("to_code"),
        from_name=text("from_name"),
        to_name=text("to_name"),
        package_version=text("package_version"),
        target_prefix=text("target_prefix"),
        links=tuple(str(link) for link in links if isinstance(link, str)),
    )


@dataclass(frozen=True)
class InstalledPackage:
    """An installed, validated Argos translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str
    size_bytes: int

    @property
    def source(self) -> str:
        """Source language as a BCP 47 tag (``zt`` → ``zh-Hant``)."""
        return from_argos(self.from_code)

    @property
    def target(self) -> str:
        return from_argos(self.to_code)

    @property
    def model_id(self) -> str:
        """Names the model in translations and memory keys: ``argos:en-ja@1.1``."""
        return f"argos:{self.from_code}-{self.to_code}@{self.version}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        return self.path / "sentencepiece.model"


@dataclass(frozen=True)
class AvailablePackage:
    """A translation package offered by the Argos index."""

    from_code: str
    to_code: str
    version: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""

    @property
    def source(self) -> str:
        return from_argos(self.from_code)

    @property
    def target(self) -> str:
        return from_argos(self.to_code)

    @property
    def filename(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}.argosmodel"


def models_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The models dir: ``path`` if given, else ``$KAKEHASHI_MODELS_DIR``, else ``./models``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(MODELS_DIR_ENV) or "models")


def argos_code(tag: str) -> str:
    """Argos code for a BCP 47 tag a person typed (``zh-TW`` → ``zt``); Argos codes pass."""
    cleaned = tag.strip()
    if cleaned.lower() in _ARGOS_ONLY_CODES:
        return cleaned.lower()
    try:
        return to_argos(normalize_tag(cleaned))
    except UnknownLanguageError:
        # An Argos code Babel does not know (e.g. ``hmn``): the index decides whether it exists.
        if cleaned.isascii() and cleaned.isalpha() and 2 <= len(cleaned) <= 8:
            return cleaned.lower()
        raise


def index_url() -> str:
    base = os.environ.get(INDEX_ENV) or DEFAULT_INDEX
    if base.endswith(".json"):
        return base
    return base if base.endswith("/index.json") else base.rstrip("/") + "/index.json"


def scan_stamp(directory: Path) -> int:
    """Changes whenever a package is installed or removed (both rename entries in the dir)."""
    try:
        return directory.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def list_installed(directory: Path | None = None) -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair. Broken directories are skipped."""
    root = models_dir(directory)
    if not root.is_dir():
        return []
    found = []
    for entry in sorted(root.iterdir()):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        try:
            found.append(read_package(entry))
        except PackageError:
            continue
    return sorted(found, key=lambda p: (p.from_code, p.to_code))


def read_package(path: Path) -> InstalledPackage:
    """Read and check an unpacked package directory without loading the model."""
    metadata_path = path / "metadata.json"
    if not metadata_path.is_file():
        raise PackageError(f"{path.name}: no metadata.json, this is not an Argos package")
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackageError(f"{path.name}: metadata.json is not valid JSON ({error})") from error
    if not isinstance(metadata, dict):
        raise PackageError(f"{path.name}: metadata.json must be a JSON object")
    package = parse_metadata(metadata)
    kind = package.type
    if kind != "translate":
        raise PackageError(f"{path.name}: a '{kind}' package, not a translation package")
    if not package.from_code or not package.to_code:
        raise PackageError(f"{path.name}: metadata.json lacks from_code/to_code")
    model_dir = path / "model"
    for required in ("model.bin", "config.json"):
        if not (model_dir / required).is_file():
            raise PackageError(f"{path.name}: model/{required} is missing")
    if not any(model_dir.glob("*vocabulary*")):
        raise PackageError(f"{path.name}: the model has no vocabulary file")
    if not (path / "sentencepiece.model").is_file():
        if (path / "bpe.model").is_file():
            raise PackageError(
                f"{path.name}: BPE-tokenised packages are not supported; "
                "use a SentencePiece package (every current Argos package is one)"
            )
        raise PackageError(f"{path.name}: sentencepiece.model is missing")
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return InstalledPackage(
        path=path,
        from_code=package.from_code,
        to_code=package.to_code,
        version=package.package_version or "0",
        target_prefix=package.target_prefix,
        size_bytes=size,
    )


def verify_package(package: InstalledPackage) -> None:
    """Load the tokenizer and the model and translate one token: proves the files are usable."""
    import ctranslate2
    import sentencepiece

    name = package.path.name
    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer_path))
        tokens = processor.encode("Hello", out_type=str)
    except (OSError, RuntimeError) as error:
        raise PackageError(
            f"{name}: the SentencePiece tokenizer cannot be loaded ({error})"
        ) from error
    try:
        translator = ctranslate2.Translator(
            str(package.model_dir), device="cpu", compute_type="int8", intra_threads=1
        )
        prefix = [[package.target_prefix]] if package.target_prefix else None
        translator.translate_batch(
            [tokens], target_prefix=prefix, beam_size=1, max_decoding_length=4
        )
    except (OSError, RuntimeError, ValueError) as error:
        raise PackageError(f"{name}: the CTranslate2 model cannot be loaded ({error})") from error


def install_file(
    archive: Path, directory: Path | None = None, *, verify: bool = True
) -> InstalledPackage:
    """Install an ``.argosmodel`` file; replaces an installed package of the same pair."""
    root = models_dir(directory)
    if not archive.is_file():
        raise PackageError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise PackageError(
            f"{archive.name}: not an Argos package (an .argosmodel is a zip archive)"
        )
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        top = _extract(archive, staging)
        package = read_package(staging / top)
        if verify:
            verify_package(package)
        final = root / top
        replaced = [
            p
            for p in list_installed(root)
            if (p.from_code, p.to_code) == (package.from_code, package.to_code)
        ]
        trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=root))
        for index, old in enumerate(replaced):
            old.path.rename(trash / str(index))
        if final.exists():
            final.rename(trash / "same-name")
        (staging / top).rename(final)
        shutil.rmtree(trash, ignore_errors=True)
        return read_package(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(archive: Path, staging: Path) -> str:
    """Extract safely; returns the archive's single top-level directory name."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
            tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
            if len(tops) != 1:
                raise PackageError(
                    f"{archive.name}: expected one top-level directory in the archive, "
                    f"found {len(tops)}"
                )
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or ".." in parts or "\\" in name:
                    raise PackageError(f"{archive.name}: unsafe path in archive: {name!r}")
            bad = zipped.testzip()
            if bad is not None:
                raise PackageError(f"{archive.name}: damaged archive member {bad!r}")
            zipped.extractall(staging)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise PackageError(f"{archive.name}: damaged archive ({error})") from error
    top = tops.pop()
    if not (staging / top).is_dir():
        raise PackageError(f"{archive.name}: the archive's top-level entry is not a directory")
    return top


def remove(source: str, target: str, directory: Path | None = None) -> InstalledPackage:
    """Remove the installed package for a pair (BCP 47 tags or Argos codes)."""
    root = models_dir(directory)
    pair = (argos_code(source), argos_code(target))
    for package in list_installed(root):
        if (package.from_code, package.to_code) == pair:
            trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=root))
            package.path.rename(trash / package.path.name)
            shutil.rmtree(trash, ignore_errors=True)
            return package
    raise PackageNotFoundError(
        f"no installed package for {source}→{target}; see `kakehashi models list`"
    )


def fetch_index(url: str | None = None, *, timeout: float = 30.0) -> list[AvailablePackage]:
    """Translation packages offered by the Argos index."""
    where = url or index_url()
    data = _get(where, timeout=timeout, what="the Argos package index")
    try:
        entries = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IndexUnavailableError(f"the Argos package index at {where} is not JSON") from error
    if not isinstance(entries, list):
        raise IndexUnavailableError(f"the Argos package index at {where} is not a list")
    offered = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        meta = parse_metadata(entry)
        if meta.type != "translate" or not meta.from_code or not meta.to_code:
            continue
        offered.append(
            AvailablePackage(
                from_code=meta.from_code,
                to_code=meta.to_code,
                version=meta.package_version or "0",
                links=meta.links,
                from_name=meta.from_name,
                to_name=meta.to_name,
            )
        )
    return sorted(offered, key=lambda p: (p.from_code, p.to_code))


def find_available(
    source: str, target: str, offered: Iterable[AvailablePackage]
) -> AvailablePackage:
    pair = (argos_code(source), argos_code(target))
    matches = [p for p in offered if (p.from_code, p.to_code) == pair]
    if not matches:
        raise PackageNotFoundError(
            f"the Argos index offers no {source}→{target} package; "
            "`kakehashi models available` lists what it offers"
        )
    return max(matches, key=lambda p: _version_key(p.version))


def install_from_index(
    source: str,
    target: str,
    directory: Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    url: str | None = None,
) -> InstalledPackage:
    """Download the index's package for a pair and install it."""
    available = find_available(source, target, fetch_index(url))
    root = models_dir(directory)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".download-", dir=root) as tmp:
        archive = Path(tmp) / available.filename
        download(available, archive, progress=progress)
        return install_file(archive, root)


def download(
    package: AvailablePackage,
    destination: Path,
    *,
    progress: ProgressCallback | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download a package to ``destination``, reporting progress; tries each link in turn."""
    errors = []
    for link in package.links:
        try:
            with _open(link, timeout) as response, destination.open("wb") as out:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                received = 0
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    received += len(chunk)
                    if progress:
                        progress(received, total)
            return destination
        except (urllib.error.URLError, OSError, ValueError) as error:
            errors.append(f"{link}: {error}")
    raise IndexUnavailableError(
        f"cannot download the {package.from_code}→{package.to_code} package "
        f"({'; '.join(errors) or 'the index lists no link'}): download the package on a connected "
        f"machine and run `kakehashi models install --file {package.filename}`"
    )


def _get(url: str, *, timeout: float, what: str) -> bytes:
    try:
        with _open(url, timeout) as response:
            data: bytes = response.read()
            return data
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise IndexUnavailableError(
            f"cannot reach {what} at {url} ({error}): download the package on a connected "
            "machine and run `kakehashi models install --file PACKAGE.argosmodel`"
        ) from error


def _open(url: str, timeout: float) -> Any:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"only http(s) URLs are supported, not {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})  # noqa: S310
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
