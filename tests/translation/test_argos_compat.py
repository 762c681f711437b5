"""Argos compatibility without argostranslate: packages `argospm` installs are found and used,
packages we install are laid out as argostranslate expects, and index entries read as Argos
reads them."""

from __future__ import annotations

import ast
import importlib.util
import json
import zipfile
from pathlib import Path

from tests.translation.conftest import fixture_package, shift
from translation.engine import TranslationEngine
from translation.packages import install_file, list_installed, parse_metadata

ROOT = Path(__file__).resolve().parents[2]


def _as_argospm_installs(archive: Path, packages_dir: Path) -> Path:
    """What `argospm install` does: extract the archive into Argos's package directory as is."""
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(packages_dir)
        top = zipped.namelist()[0].split("/")[0]
    return packages_dir / top


def test_a_package_argospm_installed_is_found_and_translates(tmp_path: Path) -> None:
    packages_dir = tmp_path / "argos-translate" / "packages"
    packages_dir.mkdir(parents=True)
    installed = _as_argospm_installs(fixture_package("en", "ja"), packages_dir)
    # Real Argos packages carry more: Stanza sentence data, a README, more metadata fields.
    (installed / "stanza").mkdir()
    (installed / "README.md").write_text("# English → Japanese\n", encoding="utf-8")
    metadata = json.loads((installed / "metadata.json").read_text(encoding="utf-8"))
    metadata |= {"argos_version": "1.9.0", "languages": [], "dependencies": [], "code": "x"}
    (installed / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")

    [found] = list_installed(packages_dir)
    assert (found.source, found.target, found.path) == ("en", "ja", installed)
    engine = TranslationEngine(packages_dir, beam_size=1)
    [result] = engine.translate_many(["hello world"], source="en", target="ja")
    assert result.text == shift("hello world", 1)


def test_we_install_exactly_what_argospm_would(tmp_path: Path) -> None:
    archive = fixture_package("zt", "en")
    ours = install_file(archive, tmp_path / "ours").path
    theirs = _as_argospm_installs(archive, tmp_path / "argos")

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    assert ours.name == theirs.name
    assert files(ours) == files(theirs)
    assert [p.name for p in (tmp_path / "ours").iterdir()] == [ours.name]  # nothing else left
    if importlib.util.find_spec("argostranslate") is not None:  # the [argos] extra
        from argostranslate.package import get_installed_packages

        [loaded] = get_installed_packages([tmp_path / "ours"])
        assert (loaded.from_code, loaded.to_code, loaded.package_version) == ("zt", "en", "1.0")


def test_metadata_is_read_by_argos_rules() -> None:
    entry = parse_metadata(
        {"from_code": "pb", "to_code": "en", "package_version": "1.9", "links": ["https://x/y"]}
    )
    assert (entry.type, entry.from_code, entry.to_code, entry.package_version) == (
        "translate",
        "pb",
        "en",
        "1.9",
    )
    assert entry.links == ("https://x/y",)
    bare = parse_metadata({"type": "sbd", "from_code": None, "links": None})
    assert (bare.type, bare.from_code, bare.links, bare.package_version) == ("sbd", "", (), "")


def test_nothing_of_ours_imports_argostranslate_or_torch() -> None:
    offenders = []
    for package in ("gateway", "translation", "mail", "faq_i18n"):
        for source in (ROOT / package).rglob("*.py"):
            tree = ast.parse(source.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    if name.split(".")[0] in {"argostranslate", "torch", "stanza", "spacy"}:
                        offenders.append(f"{source.relative_to(ROOT)}: {name}")
    assert offenders == []
