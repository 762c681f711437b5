"""Attachment type sniffing: what a file really is, whatever its Content-Type claims.

A declared ``image/jpeg`` that is really a Windows executable is worth a warning to the agent;
the sniffed type is what the inbox should trust when it decides how to show a file.
"""

from __future__ import annotations

import io
import zipfile

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # old .doc/.xls/.msg
    (b"{\\rtf", "application/rtf"),
)
_OOXML = (
    ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_MEDIA_BRANDS = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heif",
    b"avif": "image/avif",
    b"qt  ": "video/quicktime",
}


def sniff_type(data: bytes) -> str:
    """The media type ``data`` actually has, judged by its first bytes (and zip members)."""
    head = data[:64]
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return _MEDIA_BRANDS.get(head[8:12], "video/mp4")
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    return _text_type(data[:4096])


def _zip_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "application/zip"
    for prefix, media_type in _OOXML:
        if any(name.startswith(prefix) for name in names):
            return media_type
    return "application/zip"


def _text_type(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "text/html"
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in stripped):
        return "image/svg+xml"
    if stripped.startswith(b"<?xml"):
        return "application/xml"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


def types_agree(declared: str, sniffed: str) -> bool:
    """Whether the declared and sniffed types name the same kind of file.

    Generic declarations (``application/octet-stream``) agree with anything; plain text agrees
    with any ``text/*`` or XML declaration (CSV, calendar files) since its bytes prove little.
    """
    declared = declared.lower()
    if declared in {"application/octet-stream", "application/x-download", ""}:
        return True
    if sniffed == declared:
        return True
    if sniffed in {"text/plain", "application/xml"}:
        return declared.startswith(("text/", "message/")) or declared.endswith(
            ("xml", "json", "csv")
        )
    if sniffed == "application/zip":
        return "zip" in declared or "openxmlformats" in declared or "compressed" in declared
    if sniffed == "application/x-ole-storage":
        return declared.startswith(("application/msword", "application/vnd.ms-"))
    if "svg" in declared or "svg" in sniffed:
        return False  # SVG is a document that can carry script, never a harmless picture
    # A PNG labelled image/jpeg is a sloppy client, not an attack: raster images agree.
    return declared.startswith("image/") and sniffed.startswith("image/")
