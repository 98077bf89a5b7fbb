"""The JSON Schemas editors get: well-formed draft 2020-12 documents, one per file kind, keyed by the Indonesian
YAML keys, requiring what the checker requires, and accepting every shipped file.

`jsonschema` is not a dependency, so a small validator below covers exactly the keywords the schemas use
(and fails on any other, so a new keyword cannot pass unchecked)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.commands.schema import render, schemas
from generator.data.yamlload import load_text
from tests.conftest import NEW_SOP, OLD_SOP, REPO, REVOKED

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ["sop", "rekaman", "pemantauan", "pemerintah", "instansi", "jabatan", "dasar_hukum", "dokumen", "kinerja", "pk",
         "realisasi", "lke"]
# keywords of JSON Schema draft 2020-12 (core, applicator, validation, meta-data, format annotation)
KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
    "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems",
    "unevaluatedProperties", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
    "minContains", "maxProperties", "minProperties", "required", "dependentRequired", "title", "description",
    "default", "deprecated", "readOnly", "writeOnly", "examples", "format",
}
TYPES = {"null", "boolean", "object", "array", "number", "string", "integer"}
SCHEMA_VALUED = {"additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames"}
SCHEMA_LISTS = {"anyOf", "allOf", "oneOf", "prefixItems"}
SCHEMA_MAPS = {"properties", "$defs", "patternProperties", "dependentSchemas"}


def subschemas(schema: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object inside `schema` (itself included), with a JSON pointer for messages."""
    assert isinstance(schema, (dict, bool)), where
    if isinstance(schema, bool):
        return []
    found = [(where, schema)]
    for key, value in schema.items():
        if key in SCHEMA_VALUED:
            found += subschemas(value, f"{where}/{key}")
        elif key in SCHEMA_LISTS:
            for i, item in enumerate(value):
                found += subschemas(item, f"{where}/{key}/{i}")
        elif key in SCHEMA_MAPS:
            for name, item in value.items():
                found += subschemas(item, f"{where}/{key}/{name}")
    return found


def resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def errors(root: dict[str, Any], schema: Any, value: Any, where: str = "") -> list[str]:
    """Why `value` does not match `schema` (empty when it does)."""
    if schema is True:
        return []
    if schema is False:
        return [f"{where or '/'}: not allowed"]
    found: list[str] = []
    for key, rule in schema.items():
        if key == "$ref":
            found += errors(root, resolve(root, rule), value, where)
        elif key == "type":
            kinds = {
                "null": value is None, "boolean": isinstance(value, bool), "string": isinstance(value, str),
                "integer": isinstance(value, int) and not isinstance(value, bool),
                "number": isinstance(value, (int, float)) and not isinstance(value, bool),
                "object": isinstance(value, dict), "array": isinstance(value, list),
            }
            if not any(kinds[t] for t in ([rule] if isinstance(rule, str) else rule)):
                found.append(f"{where}: {value!r} is not of type {rule}")
        elif key == "anyOf":
            if all(errors(root, option, value, where) for option in rule):
                found.append(f"{where}: {value!r} matches no option")
        elif key == "oneOf":
            if sum(not errors(root, option, value, where) for option in rule) != 1:
                found.append(f"{where}: {value!r} matches not exactly one option")
        elif key == "enum":
            if value not in rule:
                found.append(f"{where}: {value!r} not in {rule}")
        elif key == "const":
            if value != rule:
                found.append(f"{where}: {value!r} is not {rule!r}")
        elif key in ("minimum", "maximum"):
            if isinstance(value, (int, float)) and (value < rule if key == "minimum" else value > rule):
                found.append(f"{where}: {value} is beyond the {key} {rule}")
        elif key == "exclusiveMinimum":
            if isinstance(value, (int, float)) and value <= rule:
                found.append(f"{where}: {value} is not above {rule}")
        elif key == "minProperties":
            if isinstance(value, dict) and len(value) < rule:
                found.append(f"{where}: fewer than {rule} keys")
        elif key == "minItems":
            if isinstance(value, list) and len(value) < rule:
                found.append(f"{where}: fewer than {rule} items")
        elif key == "maxItems":
            if isinstance(value, list) and len(value) > rule:
                found.append(f"{where}: more than {rule} items")
        elif key == "maxLength":
            if isinstance(value, str) and len(value) > rule:
                found.append(f"{where}: longer than {rule} characters")
        elif key == "required":
            if isinstance(value, dict):
                found += [f"{where}: `{name}` is required" for name in rule if name not in value]
        elif key == "items":
            for i, item in enumerate(value if isinstance(value, list) else []):
                found += errors(root, rule, item, f"{where}/{i}")
        elif key in ("properties", "additionalProperties"):
            if not isinstance(value, dict):
                continue
            properties = schema.get("properties", {})
            for name, item in value.items():
                if key == "properties" and name in properties:
                    found += errors(root, properties[name], item, f"{where}/{name}")
                elif key == "additionalProperties" and name not in properties:
                    found += errors(root, rule, item, f"{where}/{name}")
        elif key == "if":
            branch = "then" if not errors(root, rule, value, where) else "else"
            found += errors(root, schema.get(branch, True), value, where)
        elif key in ("then", "else"):
            continue  # applied under `if`
        elif key == "format":
            if rule == "date" and isinstance(value, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                found.append(f"{where}: {value!r} is not a date")
        elif key not in ("$schema", "$defs", "title", "description", "default"):
            raise AssertionError(f"the test validator does not know `{key}`: teach it")
    return found


def data_files() -> list[tuple[str, str]]:
    """(path, schema kind) of every shipped YAML file."""
    files = [(f"sop_defs/_{kind}.yaml", kind) for kind in ("pemerintah", "jabatan", "dasar_hukum", "dokumen", "lke")]
    files += [(p.relative_to(REPO).as_posix(), "instansi") for p in sorted((REPO / "sop_defs").glob("*/_instansi.yaml"))]
    files += [(p.relative_to(REPO).as_posix(), "sop") for p in sorted((REPO / "sop_defs").glob("*/*/*.yaml"))]
    for path in sorted((REPO / "records").glob("*/*/*.yaml")):
        files.append((path.relative_to(REPO).as_posix(), "pemantauan" if path.parent.name == "pemantauan" else "rekaman"))
    files += [(p.relative_to(REPO).as_posix(), "kinerja") for p in sorted((REPO / "sop_defs").glob("*/_kinerja.yaml"))]
    for path in sorted((REPO / "records").glob("*/kinerja/*/*.yaml")):
        files.append((path.relative_to(REPO).as_posix(), "pk" if path.name == "pk.yaml" else "realisasi"))
    return files


def load(rel: str) -> Any:
    loaded, problems = load_text((REPO / rel).read_text(encoding="utf-8"), rel)
    assert loaded is not None, [p.format() for p in problems]
    return loaded.data


def test_one_schema_per_file_kind() -> None:
    result = schemas()
    assert sorted(result) == sorted(f"{kind}.schema.json" for kind in KINDS)
    assert {name: schema["title"] for name, schema in result.items()} == {
        "sop.schema.json": "Berkas SOP (sop_defs/<instansi>/<unit>/<sop>.yaml)",
        "pemerintah.schema.json": "Pemerintah daerah (sop_defs/_pemerintah.yaml)",
        "instansi.schema.json": "Identitas instansi dan katalog sendiri (sop_defs/<instansi>/_instansi.yaml)",
        "jabatan.schema.json": "Katalog jabatan (sop_defs/_jabatan.yaml)",
        "dasar_hukum.schema.json": "Katalog dasar hukum (sop_defs/_dasar_hukum.yaml)",
        "dokumen.schema.json": "Katalog dokumen terkait (sop_defs/_dokumen.yaml)",
        "rekaman.schema.json": "Rekaman pelaksanaan SOP (records/<tahun>/<periode>/<sop>.yaml; insidental: records/<tahun>/insidental/<sop>/<tanggal>.yaml)",
        "pemantauan.schema.json": "Pemantauan pelaksanaan SOP (records/<tahun>/pemantauan/<id-sop>-<TTTT-BB-HH>.yaml)",
        "kinerja.schema.json": "Indikator kinerja dan target Renstra (sop_defs/<instansi>/_kinerja.yaml)",
        "pk.schema.json": "Perjanjian Kinerja (records/<tahun>/kinerja/<instansi>/pk.yaml)",
        "realisasi.schema.json": "Realisasi kinerja triwulan (records/<tahun>/kinerja/<instansi>/TW1.yaml ... TW4.yaml)",
        "lke.schema.json": "Lembar Kriteria Evaluasi AKIP dan bukti yang diminta (sop_defs/_lke.yaml)",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_well_formed_draft_2020_12_document(kind: str) -> None:
    schema = schemas()[f"{kind}.schema.json"]
    assert schema["$schema"] == DRAFT
    assert schema["type"] == "object"
    json.loads(render(schema))  # plain JSON
    for where, node in subschemas(schema):
        assert set(node) <= KEYWORDS, (where, set(node) - KEYWORDS)
        if "type" in node:
            kinds = [node["type"]] if isinstance(node["type"], str) else node["type"]
            assert kinds and set(kinds) <= TYPES, where
        if "$ref" in node:
            resolve(schema, node["$ref"])  # every reference points inside the document
        if "required" in node:
            assert len(set(node["required"])) == len(node["required"]), where
            assert set(node["required"]) <= set(node.get("properties", {})), where
        for key in ("anyOf", "enum"):
            if key in node:
                assert isinstance(node[key], list) and node[key], where


def object_schema(kind: str, definition: str | None = None) -> dict[str, Any]:
    schema = schemas()[f"{kind}.schema.json"]
    return schema["$defs"][definition] if definition else schema


@pytest.mark.parametrize(("kind", "definition", "required", "optional"), [
    ("sop", None, ["nama", "unit", "tanggal_pembuatan", "tanggal_efektif", "dasar_hukum", "kualifikasi_pelaksana",
                   "peringatan", "pencatatan_pendataan", "jadwal", "pelaksana", "langkah"],
     ["nomor", "sub_unit", "tanggal_revisi", "disahkan_oleh", "keterkaitan", "peralatan_perlengkapan", "satuan_waktu",
      "tenggat_hari", "status", "tanggal_dicabut", "diganti_oleh"]),
    ("rekaman", None, ["sop", "periode"], ["contoh", "status", "alasan", "pelaksanaan"]),
    ("pemantauan", None, ["penilaian", "catatan", "penilai", "tanggal"], ["tindakan", "contoh"]),
    ("pemantauan", "Assessor", ["jabatan", "nama"], ["nip"]),
    ("pemerintah", None, ["pemerintah"], ["logo", "tinjau_setiap_tahun"]),
    ("instansi", None, ["nama", "singkatan", "kepala"], ["jabatan", "dasar_hukum", "dokumen"]),
    ("jabatan", "Role", ["nama", "singkatan"], ["sama_dengan"]),
    ("dasar_hukum", "LegalBasis", ["jenis", "nomor", "tahun", "tentang"], ["diubah_dengan", "dicabut_oleh", "tanggal_dicabut"]),
    ("kinerja", None, ["renstra", "indikator"], ["contoh"]),
    ("kinerja", "RenstraSpec", ["periode"], ["dokumen"]),
    ("kinerja", "IndicatorSpec", ["id", "nama", "tingkat", "sasaran", "satuan", "arah", "rumus", "sumber_data",
                                  "penanggung_jawab", "target"], ["sop", "target_akhir"]),
    ("pk", None, ["tanggal", "pihak_pertama", "pihak_kedua", "target"], ["contoh", "kumulatif"]),
    ("pk", "AgreementTarget", ["indikator", "target"], ["triwulan", "kumulatif"]),
    ("pk", "Signatory", ["jabatan"], ["nama", "nip"]),
    ("realisasi", None, ["realisasi"], ["contoh", "anggaran"]),
    ("realisasi", "RealisationSpec", ["indikator", "nilai"], ["satuan", "catatan", "bukti"]),
    ("realisasi", "BudgetSpec", ["pagu", "realisasi"], []),
    ("lke", None, ["nama", "komponen"], ["sumber", "masa_berlaku"]),
    ("lke", "Component", ["nama", "bobot", "subkomponen"], []),
    ("lke", "Subcomponent", ["nama", "bobot", "kriteria"], []),
    ("lke", "Criterion", ["id", "uraian"], ["dokumen", "sop", "indikator"]),
])
def test_indonesian_keys_and_required_keys(kind: str, definition: str | None, required: list[str],
                                           optional: list[str]) -> None:
    schema = object_schema(kind, definition)
    assert sorted(schema["properties"]) == sorted(required + optional)
    assert sorted(schema["required"]) == sorted(required)
    assert schema["additionalProperties"] is False  # a misspelt key is flagged while typing


def test_catalogues_are_maps_of_entries() -> None:
    for kind, definition in (("jabatan", "Role"), ("dasar_hukum", "LegalBasis"), ("dokumen", "Document")):
        schema = schemas()[f"{kind}.schema.json"]
        assert schema["additionalProperties"] == {"$ref": f"#/$defs/{definition}"}, kind
        assert schema["$defs"][definition]["additionalProperties"] is False, kind


def test_step_keys() -> None:
    sop = schemas()["sop.schema.json"]
    step = resolve(sop, sop["properties"]["langkah"]["items"]["$ref"])
    assert set(step["required"]) == {"no", "kegiatan", "pelaksana"}  # a form may leave the Mutu Baku cells empty
    assert {"kelengkapan", "waktu", "output", "keterangan", "keputusan"} <= set(step["properties"])


@pytest.mark.parametrize(("rel", "kind"), data_files(), ids=[f[0] for f in data_files()])
def test_shipped_file_validates_and_names_its_schema(rel: str, kind: str) -> None:
    schema = schemas()[f"{kind}.schema.json"]
    assert errors(schema, schema, load(rel)) == []
    first = (REPO / rel).read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    target = ((REPO / rel).parent / first.removeprefix(prefix)).resolve()
    assert target == (REPO / "schema" / f"{kind}.schema.json").resolve()


@pytest.mark.parametrize(("rel", "kind", "change", "message"), [
    ("sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml", "sop", lambda d: d.pop("langkah"),
     ": `langkah` is required"),
    ("sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml", "sop",
     lambda d: d.__setitem__("nama_sop", "x"), "/nama_sop: not allowed"),
    ("sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml", "sop",
     lambda d: d["langkah"][1].__setitem__("kegiatn", "x"), "/langkah/1/kegiatn: not allowed"),
    ("sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml", "sop",
     lambda d: d.__setitem__("dasar_hukum", "pp-58-2005"), "/dasar_hukum: 'pp-58-2005' is not of type array"),
    ("records/2025/TW3/pelaporan-kinerja-triwulan.yaml", "rekaman", lambda d: d.pop("periode"),
     ": `periode` is required"),
    ("sop_defs/_jabatan.yaml", "jabatan", lambda d: d["kabid"].pop("singkatan"), "/kabid: `singkatan` is required"),
    ("records/2026/pemantauan/evaluasi-kinerja-2026-02-16.yaml", "pemantauan",
     lambda d: d.__setitem__("penilaian", "baik"), "/penilaian: 'baik' not in ['berjalan baik', 'tidak berjalan baik']"),
    ("records/2026/pemantauan/evaluasi-kinerja-2026-02-16.yaml", "pemantauan",
     lambda d: d.__setitem__("penilai", {"nama": "Budi"}), "/penilai: {'nama': 'Budi'} matches not exactly one option"),
    ("sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "sop", lambda d: d.__setitem__("status", "dicabut"),
     ": `tanggal_dicabut` is required"),
    ("sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "sop",
     lambda d: d.update(status="dicabut", tanggal_dicabut=None), "/tanggal_dicabut: None is not of type ['string', 'integer']"),
    ("sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "sop", lambda d: d.__setitem__("status", "usang"),
     "/status: 'usang' not in ['berlaku', 'dicabut']"),
    ("sop_defs/_pemerintah.yaml", "pemerintah", lambda d: d.__setitem__("tinjau_setiap_tahun", 11),
     "/tinjau_setiap_tahun: 11 matches no option"),
    ("sop_defs/diskominfo/_kinerja.yaml", "kinerja", lambda d: d["indikator"][0].__setitem__("arah", "menurun"),
     "/indikator/0/arah: 'menurun' not in ['naik', 'turun', 'tetap']"),
    ("sop_defs/diskominfo/_kinerja.yaml", "kinerja", lambda d: d["indikator"][0]["target"].__setitem__(2025, "dua"),
     "/indikator/0/target/2025: 'dua' is not of type number"),
    ("records/2025/kinerja/diskominfo/pk.yaml", "pk", lambda d: d["target"][1].__setitem__("triwulan", [1, 2, 3]),
     "/target/1/triwulan: fewer than 4 items"),
    ("records/2025/kinerja/diskominfo/TW1.yaml", "realisasi", lambda d: d["realisasi"][0].__setitem__("nilai", "82,35"),
     "/realisasi/0/nilai: '82,35' is not of type ['number', 'null']"),
    ("records/2025/kinerja/diskominfo/TW1.yaml", "realisasi", lambda d: d["anggaran"].__setitem__("pagu", -1),
     "/anggaran: {'pagu': -1, 'realisasi': 612400000} matches no option"),
    ("sop_defs/_lke.yaml", "lke", lambda d: d["komponen"]["perencanaan"]["subkomponen"]["kualitas"].pop("bobot"),
     "/komponen/perencanaan/subkomponen/kualitas: `bobot` is required"),
    ("sop_defs/_lke.yaml", "lke", lambda d: d["komponen"]["pelaporan"].__setitem__("bobot", "15"),
     "/komponen/pelaporan/bobot: '15' is not of type number"),
    ("sop_defs/_lke.yaml", "lke", lambda d: d["komponen"]["pelaporan"].__setitem__("bobot", 0),
     "/komponen/pelaporan/bobot: 0 is not above 0"),
])
def test_schema_rejects_what_the_checker_rejects(rel: str, kind: str, change: Any, message: str) -> None:
    schema = schemas()[f"{kind}.schema.json"]
    data = copy.deepcopy(load(rel))
    change(data)
    assert message in errors(schema, schema, data)


@pytest.mark.parametrize(("kind", "data"), [
    ("dasar_hukum", {"pp-1-2020": {"jenis": "Peraturan Pemerintah", "nomor": 1, "tahun": 2020, "tentang": "Uji"}}),
    ("sop", {"nomor": 29}),
])
def test_schema_accepts_a_number_where_the_checker_takes_it_as_text(kind: str, data: dict[str, Any]) -> None:
    schema = schemas()[f"{kind}.schema.json"]
    assert [e for e in errors(schema, schema, data) if "is required" not in e] == []


def test_schema_does_not_depend_on_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = render(schemas()["sop.schema.json"])
    monkeypatch.chdir(tmp_path)
    assert render(schemas()["sop.schema.json"]) == here


def test_the_fixture_revoking_an_sop_validates_while_typing() -> None:
    schema = schemas()["sop.schema.json"]
    for rel in (OLD_SOP, NEW_SOP):
        loaded, problems = load_text((REVOKED / rel).read_text(encoding="utf-8"), rel)
        assert loaded is not None, problems
        assert errors(schema, schema, loaded.data) == [], rel
