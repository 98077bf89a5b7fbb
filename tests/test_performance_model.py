"""The performance model: figures become exact Decimals or say why not, and the lookups pages rely on
(target of a year, cumulative or not, final target) follow the PK first, then the Renstra."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.performance.model import (
    AgencyPerformance, Agreement, AgreementFile, Indicator, IndicatorSpec, Performance, PerformanceFile, Signatory,
    number_problem, performance_keys, to_decimal,
)

D = Decimal


@pytest.mark.parametrize(("value", "expected"), [(80, D(80)), (82.35, D("82.35")), (0.1, D("0.1")), (1e21, D("1e+21"))])
def test_yaml_numbers_become_the_decimal_written(value: object, expected: Decimal) -> None:
    assert to_decimal(value) == expected and str(to_decimal(0.1)) == "0.1"


@pytest.mark.parametrize(("value", "message"), [
    ("82,35", "harus berupa angka (tertulis: `82,35`); pakai titik sebagai pemisah desimal, misalnya `82.35`"),
    ("-3,5", "harus berupa angka (tertulis: `-3,5`); pakai titik sebagai pemisah desimal, misalnya `-3.5`"),
    ("90%", "harus berupa angka (tertulis: `90%`); tulis angkanya saja tanpa `%`, satuannya ada di `satuan`"),
    ("1.250.000", "harus berupa angka (tertulis: `1.250.000`)"),
    ("WTP", "harus berupa angka (tertulis: `WTP`)"),
    (False, "harus berupa angka, bukan `false`"),
    (float("inf"), "harus berupa angka terhingga (bukan `.inf` atau `.nan`)"),
    ([1, 2], "harus berupa angka"),
])
def test_what_is_not_a_figure_says_how_to_write_it(value: object, message: str) -> None:
    assert number_problem(value) == message
    with pytest.raises(ValueError, match="harus berupa angka"):
        to_decimal(value)


def test_every_key_is_known_for_misspelling_hints() -> None:
    assert {"renstra", "periode", "indikator", "tingkat", "arah", "rumus", "sumber_data", "penanggung_jawab", "target_akhir",
            "pihak_pertama", "pihak_kedua", "kumulatif", "triwulan", "realisasi", "nilai", "bukti", "anggaran", "pagu"} <= performance_keys()


def indicator(**changes: object) -> Indicator:
    spec = IndicatorSpec.model_validate({
        "id": "indeks-spbe", "nama": "Indeks SPBE", "tingkat": "sasaran_strategis", "sasaran": "SPBE", "satuan": "indeks",
        "arah": "naik", "rumus": "nilai evaluasi", "sumber_data": "KemenPAN-RB", "penanggung_jawab": "kadis",
        "target": {2025: 2.6, 2026: 2.8}, **changes,
    })
    return Indicator("diskominfo", spec, range(2025, 2027))


def test_final_target_is_target_akhir_else_the_last_year() -> None:
    assert indicator().final_target == D("2.8")
    assert indicator(target_akhir=3).final_target == D(3)
    assert indicator(target={2025: 2.6}).final_target is None  # the last year has no target yet


def agency(with_agreement: dict[str, object] | None = None) -> AgencyPerformance:
    item = indicator()
    file = PerformanceFile.model_validate({"renstra": {"periode": [2025, 2026]}, "indikator": [item.spec.model_dump(by_alias=True)]})
    agreements = {}
    if with_agreement is not None:
        spec = AgreementFile.model_validate({
            "tanggal": "2025-01-31", "pihak_pertama": "kadis", "pihak_kedua": {"jabatan": "Bupati"}, **with_agreement,
        })
        agreements[2025] = Agreement("diskominfo", 2025, "records/2025/kinerja/diskominfo/pk.yaml", spec)
    return AgencyPerformance("diskominfo", "sop_defs/diskominfo/_kinerja.yaml", file, (item,), agreements)


def test_target_of_a_year_and_whether_it_is_cumulative() -> None:
    item = indicator()
    without = agency()
    assert without.target(item, 2025) is not None and not without.target(item, 2025).from_agreement  # type: ignore[union-attr]
    assert without.is_cumulative(item, 2025)  # no PK: the PK's default
    agreed = agency({"kumulatif": False, "target": [{"indikator": "indeks-spbe", "target": 2.5, "triwulan": [1, 2, 2, 2.5]}]})
    target = agreed.target(item, 2025)
    assert target is not None and (target.value, target.from_agreement, target.quarterly) == (D("2.5"), True, (D(1), D(2), D(2), D("2.5")))
    assert not agreed.is_cumulative(item, 2025)
    overridden = agency({"kumulatif": False, "target": [{"indikator": "indeks-spbe", "target": 2.5, "kumulatif": True}]})
    assert overridden.is_cumulative(item, 2025)


def test_signatories_are_a_role_id_or_an_official() -> None:
    spec = AgreementFile.model_validate({
        "tanggal": "2025-01-31", "pihak_pertama": "kadis",
        "pihak_kedua": {"jabatan": "Bupati Bengkulu Selatan", "nama": "", "nip": None}, "target": [{"indikator": "a", "target": 1}],
    })
    assert spec.first_party == "kadis" and spec.second_party == Signatory(jabatan="Bupati Bengkulu Selatan")
    assert spec.signed == date(2025, 1, 31) and spec.cumulative


def test_performance_by_agency() -> None:
    one = agency()
    assert Performance((one,)).of("diskominfo") is one and Performance((one,)).of("bkpsdm") is None
    assert one.years == [] and agency({"target": [{"indikator": "indeks-spbe", "target": 2}]}).years == [2025]
