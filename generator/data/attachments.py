"""Files the data points to and the site publishes: record attachments and the organisation's logo.

They are served from the site's own origin, so only passive document types are
allowed, checked by name and by their first bytes; only from their own folders,
never through a symlink, and never over a file the site already has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.data.fsutil import UnreadableFile, head_inside, relative_problem

MAX_ATTACHMENT_BYTES = 25_000_000
MAX_LOGO_BYTES = 2_000_000
ATTACHMENT_FOLDER = "lampiran"
_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class FileKind:
    name: str
    magic: bytes
    offset: int = 0

    def matches(self, head: bytes) -> bool:
        return head[self.offset : self.offset + len(self.magic)] == self.magic


_ZIP = b"PK\x03\x04"
# An OpenDocument file stores its media type uncompressed as the first zip entry, at byte 30.
_ODF = b"mimetypeapplication/vnd.oasis.opendocument."
KINDS: dict[str, tuple[FileKind, ...]] = {
    ".pdf": (FileKind("PDF", b"%PDF-"),),
    ".png": (FileKind("PNG", b"\x89PNG\r\n\x1a\n"),),
    ".jpg": (FileKind("JPEG", b"\xff\xd8\xff"),),
    ".jpeg": (FileKind("JPEG", b"\xff\xd8\xff"),),
    ".docx": (FileKind("Word (docx)", _ZIP),),
    ".xlsx": (FileKind("Excel (xlsx)", _ZIP),),
    ".odt": (FileKind("OpenDocument teks", _ZIP), FileKind("OpenDocument teks", _ODF + b"text", 30)),
    ".ods": (FileKind("OpenDocument lembar kerja", _ZIP), FileKind("OpenDocument lembar kerja", _ODF + b"spreadsheet", 30)),
}
ATTACHMENT_SUFFIXES = tuple(KINDS)
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


def attachment_problem(root: Path, rel: str) -> str | None:
    """Why `rel` cannot be published as a record's attachment, or None when it can."""
    if problem := relative_problem(rel):
        return problem
    parts = rel.split("/")
    if parts[0] != "records" or ATTACHMENT_FOLDER not in parts[1:-1]:
        return f"lampiran `{rel}` harus berada di folder `{ATTACHMENT_FOLDER}/` di bawah `records/`, misalnya records/2025/TW3/{ATTACHMENT_FOLDER}/laporan.pdf"
    return _file_problem(root, rel, ATTACHMENT_SUFFIXES, MAX_ATTACHMENT_BYTES)


def logo_problem(root: Path, rel: str) -> str | None:
    """Why `rel` cannot be the logo on the form's header, or None when it can."""
    if problem := relative_problem(rel):
        return problem
    if not rel.startswith("sop_defs/"):
        return f"logo `{rel}` harus berada di folder `sop_defs/`, misalnya sop_defs/logo.png"
    return _file_problem(root, rel, LOGO_SUFFIXES, MAX_LOGO_BYTES)


def _file_problem(root: Path, rel: str, suffixes: tuple[str, ...], limit: int) -> str | None:
    bad = next((p for p in rel.split("/") if not _SAFE_PART.fullmatch(p)), None)
    if bad is not None:
        return (
            f"nama `{bad}` pada `{rel}` tidak sah: gunakan huruf, angka, `-`, `_` dan `.` saja, "
            "tanpa spasi dan tidak diawali titik"
        )
    suffix = "." + rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else ""
    if suffix not in suffixes:
        return f"jenis berkas `{rel}` tidak diizinkan; yang diizinkan: {', '.join(s.lstrip('.') for s in suffixes)}"
    try:
        head, size = head_inside(root, rel, 80)
    except UnreadableFile as exc:
        return str(exc)
    if size > limit:
        return f"berkas `{rel}` terlalu besar ({size} bita; batas {limit} bita)"
    kinds = KINDS[suffix]
    if not all(kind.matches(head) for kind in kinds):
        return f"isi berkas `{rel}` bukan {kinds[0].name} seperti akhiran namanya"
    return None
