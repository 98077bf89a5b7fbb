"""JSON Schemas for the data files, so editors get completion and checks while typing."""

from __future__ import annotations

import json
from typing import Any

from generator.manual.catalogues import FILE_TYPES
from generator.manual.load import SOP_TYPE
from generator.performance.load import AGREEMENT_TYPE, PERFORMANCE_TYPE, QUARTER_TYPE
from generator.performance.lke_load import LKE_TYPE
from generator.records.model import RECORD_TYPE
from generator.records.monitoring import MONITORING_TYPE

TITLES = {
    "sop": "Berkas SOP (sop_defs/<instansi>/<unit>/<sop>.yaml)",
    "pemerintah": "Pemerintah daerah (sop_defs/_pemerintah.yaml)",
    "instansi": "Identitas instansi dan katalog sendiri (sop_defs/<instansi>/_instansi.yaml)",
    "jabatan": "Katalog jabatan (sop_defs/_jabatan.yaml)",
    "dasar_hukum": "Katalog dasar hukum (sop_defs/_dasar_hukum.yaml)",
    "dokumen": "Katalog dokumen terkait (sop_defs/_dokumen.yaml)",
    "lke": "Lembar Kriteria Evaluasi AKIP dan bukti yang diminta (sop_defs/_lke.yaml)",
    "rekaman": "Rekaman pelaksanaan SOP (records/<tahun>/<periode>/<sop>.yaml; insidental: records/<tahun>/insidental/<sop>/<tanggal>.yaml)",
    "pemantauan": "Pemantauan pelaksanaan SOP (records/<tahun>/pemantauan/<id-sop>-<TTTT-BB-HH>.yaml)",
    "kinerja": "Indikator kinerja dan target Renstra (sop_defs/<instansi>/_kinerja.yaml)",
    "pk": "Perjanjian Kinerja (records/<tahun>/kinerja/<instansi>/pk.yaml)",
    "realisasi": "Realisasi kinerja triwulan (records/<tahun>/kinerja/<instansi>/TW1.yaml ... TW4.yaml)",
}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, keyed by the YAML keys editors write."""
    file_types = {"sop": SOP_TYPE, "rekaman": RECORD_TYPE, "pemantauan": MONITORING_TYPE, "lke": LKE_TYPE}
    file_types |= FILE_TYPES
    file_types |= {"kinerja": PERFORMANCE_TYPE, "pk": AGREEMENT_TYPE, "realisasi": QUARTER_TYPE}
    result = {}
    for name, file_type in file_types.items():
        schema = file_type.adapter.json_schema(by_alias=True)
        schema["title"] = TITLES[name]
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        result[f"{name}.schema.json"] = schema
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
