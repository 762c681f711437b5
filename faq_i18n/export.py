"""Static export: the public pages as files, for any static host (``kakehashi faq publish``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from faq_i18n.errors import FaqError


def write_site(files: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Write ``files`` (relative path → text) under ``out_dir`` as UTF-8; each file is
    replaced atomically so a host serving ``out_dir`` never sees half a page."""
    root = out_dir.resolve()
    written = []
    for relative, text in sorted(files.items()):
        target = (root / relative).resolve()
        if root not in target.parents:
            raise FaqError(f"refusing to write outside {root}: {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
            os.chmod(temp, 0o644)  # mkstemp makes it private; web servers must read it
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
