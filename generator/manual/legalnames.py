"""The short form staff write for a regulation ("Perpres 29/2014"), derived from its catalogue `jenis`.

The catalogue holds the full kind ("Peraturan Menteri Dalam Negeri"); people search and write the
abbreviation in use in Indonesian government documents. A kind with no known abbreviation has no short
form: a guessed one would be one nobody types.
"""

from __future__ import annotations

import re

# Longest first: "Peraturan Pemerintah Pengganti Undang-Undang" before "Peraturan Pemerintah".
_KINDS: tuple[tuple[str, str], ...] = (
    ("undang-undang", "UU"),
    ("peraturan pemerintah pengganti undang-undang", "Perppu"),
    ("peraturan pemerintah", "PP"),
    ("peraturan presiden", "Perpres"),
    ("keputusan presiden", "Keppres"),
    ("instruksi presiden", "Inpres"),
    ("peraturan daerah provinsi", "Perda Provinsi"),
    ("peraturan daerah kabupaten", "Perda Kabupaten"),
    ("peraturan daerah kota", "Perda Kota"),
    ("peraturan daerah", "Perda"),
    ("peraturan gubernur", "Pergub"),
    ("peraturan bupati", "Perbup"),
    ("peraturan wali kota", "Perwal"),
    ("peraturan walikota", "Perwal"),
    ("keputusan gubernur", "Kepgub"),
    ("keputusan bupati", "Kepbup"),
    ("keputusan wali kota", "Kepwal"),
    ("keputusan walikota", "Kepwal"),
    ("instruksi bupati", "Inbup"),
    ("surat edaran", "SE"),
)
# Ministries by the words after "Menteri", as they are joined to Permen/Kepmen.
_MINISTRIES: dict[str, str] = {
    "dalam negeri": "dagri",
    "pendayagunaan aparatur negara dan reformasi birokrasi": "PAN-RB",
    "keuangan": "keu",
    "kesehatan": "kes",
    "pendidikan dan kebudayaan": "dikbud",
    "pendidikan, kebudayaan, riset, dan teknologi": "dikbudristek",
    "komunikasi dan informatika": "kominfo",
    "hukum dan hak asasi manusia": "kumham",
    "sosial": "sos",
    "perhubungan": "hub",
    "ketenagakerjaan": "naker",
    "pertanian": "tan",
    "agama": "ag",
    "pekerjaan umum dan perumahan rakyat": " PUPR",
    "lingkungan hidup dan kehutanan": " LHK",
    "desa, pembangunan daerah tertinggal, dan transmigrasi": "desa PDTT",
    "perencanaan pembangunan nasional": " PPN/Bappenas",
}
_MINISTER = re.compile(r"(peraturan|keputusan|surat edaran) menteri (.+)")
_MINISTER_PREFIX = {"peraturan": "Permen", "keputusan": "Kepmen", "surat edaran": "SE Men"}


def kind_abbreviation(kind: str) -> str | None:
    """"Peraturan Menteri Dalam Negeri" -> "Permendagri"; None when the kind has no known abbreviation."""
    words = " ".join(kind.lower().split())
    if minister := _MINISTER.fullmatch(words):
        # "Menteri Perencanaan Pembangunan Nasional/Kepala Bappenas": the ministry is before the slash.
        ministry = _MINISTRIES.get(minister.group(2).split("/")[0].strip())
        return None if ministry is None else _MINISTER_PREFIX[minister.group(1)] + ministry
    for full, short in _KINDS:
        if words == full:
            return short
    return None


def short_form(kind: str, number: str, year: int) -> str | None:
    """"Perpres 29/2014", the way it is cited in letters and searched for; None for an unknown kind."""
    abbreviation = kind_abbreviation(kind)
    return None if abbreviation is None else f"{abbreviation} {number}/{year}"
