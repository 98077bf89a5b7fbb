"""Short forms of regulations, as staff cite and search them."""

from __future__ import annotations

import pytest

from generator.manual.legalnames import kind_abbreviation, short_form


@pytest.mark.parametrize(("kind", "expected"), [
    ("Undang-Undang", "UU"),
    ("Peraturan Pemerintah Pengganti Undang-Undang", "Perppu"),
    ("Peraturan Pemerintah", "PP"),
    ("Peraturan Presiden", "Perpres"),
    ("Keputusan Presiden", "Keppres"),
    ("Instruksi Presiden", "Inpres"),
    ("Peraturan Menteri Dalam Negeri", "Permendagri"),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "PermenPAN-RB"),
    ("Keputusan Menteri Dalam Negeri", "Kepmendagri"),
    ("Surat Edaran Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "SE MenPAN-RB"),
    ("Peraturan Menteri Perencanaan Pembangunan Nasional/Kepala Badan Perencanaan Pembangunan Nasional", "Permen PPN/Bappenas"),
    ("Peraturan Daerah", "Perda"),
    ("Peraturan Bupati", "Perbup"),
    ("Peraturan Wali Kota", "Perwal"),
    ("Surat Edaran", "SE"),
    ("  peraturan   presiden ", "Perpres"),  # as an editor may type it
])
def test_known_kinds_have_their_usual_abbreviation(kind: str, expected: str) -> None:
    assert kind_abbreviation(kind) == expected


@pytest.mark.parametrize("kind", ["Peraturan Komisi Informasi", "Peraturan Menteri Urusan Baru", "Peraturan", ""])
def test_an_unknown_kind_gets_no_made_up_abbreviation(kind: str) -> None:
    assert kind_abbreviation(kind) is None
    assert short_form(kind, "1", 2020) is None


def test_short_form_is_abbreviation_number_slash_year() -> None:
    assert short_form("Peraturan Presiden", "29", 2014) == "Perpres 29/2014"
    assert short_form("Peraturan Menteri Dalam Negeri", "86", 2017) == "Permendagri 86/2017"
