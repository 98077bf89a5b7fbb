"""Property-based tests: any input ends in a model or in located problems, never a traceback or a hang."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data.yamlload import MAX_FILE_BYTES, load_text
from generator.loading import load_all
from generator.render.site import Site, generated_pages
from tests.conftest import REFERENCE, REPO

SOP_REL = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
REC_REL = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
SHIPPED_SOP = (REPO / SOP_REL).read_text(encoding="utf-8")
SHIPPED_REC = (REPO / REC_REL).read_text(encoding="utf-8")

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=40),
    st.sampled_from(["no", "yes", "on", "~", "2022-02-30", "1minggu", "<script>", "end", "-->", "%%", "#quot;", "!!python/object:os.system", "*x", "&x"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20,
)


def assert_clean_outcome(root: Path) -> None:
    """Located problems, or data every page can be generated from: validation catches what the build would trip on."""
    started = time.monotonic()
    manual, records, problems = load_all(root, REFERENCE)
    if manual is None:
        assert problems
    else:
        generated_pages(Site(manual, records, REFERENCE))
    assert time.monotonic() - started < 10
    for problem in problems:
        assert problem.path and problem.line >= 1 and problem.column >= 1 and problem.message


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "sop_defs", root / "sop_defs")
    shutil.copytree(REPO / "records", root / "records")
    return root


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_as_a_yaml_file(text: str) -> None:
    loaded, problems = load_text(text, "x.yaml")
    assert (loaded is None) == bool(problems)


@FUZZ
@given(data=st.data())
def test_mutated_sop_file(workspace: Path, data: st.DataObject) -> None:
    _check_mutation(workspace, SOP_REL, data)


def _mutated(text: str, data: st.DataObject) -> str:
    """One line of a shipped file deleted, replaced (same key, any value), inserted or duplicated."""
    lines = text.splitlines(keepends=True)
    action = data.draw(st.sampled_from(["delete", "replace", "insert", "duplicate"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if action == "delete":
        del lines[i]
    elif action == "replace":
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        key = lines[i].strip().split(":", 1)[0].lstrip("- ")
        value = data.draw(yaml_scalars)
        lines[i] = f"{indent}{key}: {value!r}\n" if data.draw(st.booleans()) else f"{indent}{key}: {value}\n"
    elif action == "insert":
        lines.insert(i, data.draw(st.text(max_size=30)) + "\n")
    else:
        lines.insert(i, lines[i])
    return "".join(lines)


def _check_mutation(workspace: Path, rel: str, data: st.DataObject) -> None:
    shipped = (REPO / rel).read_text(encoding="utf-8")
    (workspace / rel).write_text(_mutated(shipped, data), encoding="utf-8")
    try:
        assert_clean_outcome(workspace)
    finally:
        (workspace / rel).write_text(shipped, encoding="utf-8")


CATALOGUES = ["sop_defs/_pemerintah.yaml", "sop_defs/diskominfo/_instansi.yaml", "sop_defs/_jabatan.yaml", "sop_defs/_dasar_hukum.yaml", "sop_defs/_dokumen.yaml"]
RECORDS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "records").glob("*/*/*.yaml"))


@FUZZ
@given(data=st.data(), rel=st.sampled_from(CATALOGUES))
def test_mutated_catalogue_file(workspace: Path, data: st.DataObject, rel: str) -> None:
    _check_mutation(workspace, rel, data)


@FUZZ
@given(data=st.data(), rel=st.sampled_from(RECORDS))
def test_mutated_record_file(workspace: Path, data: st.DataObject, rel: str) -> None:
    _check_mutation(workspace, rel, data)


@FUZZ
@given(value=yaml_values, rel=st.sampled_from(CATALOGUES[1:]), key=st.sampled_from(["nama", "singkatan", "jenis", "nomor", "tahun", "tentang", "keterangan"]))
def test_wrong_types_for_catalogue_entries(workspace: Path, value: object, rel: str, key: str) -> None:
    import yaml

    shipped = (REPO / rel).read_text(encoding="utf-8")
    data = yaml.safe_load(shipped)
    entry = sorted(data)[0]
    data[entry] = {**data[entry], key: value}
    (workspace / rel).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        assert_clean_outcome(workspace)
    finally:
        (workspace / rel).write_text(shipped, encoding="utf-8")


def _with_key(workspace: Path, rel: str, shipped: str, key: str, value: object) -> None:
    """Give one top-level key of a shipped file any value, and check the outcome is clean."""
    import yaml

    data = yaml.safe_load(shipped)
    data[key] = value
    (workspace / rel).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        assert_clean_outcome(workspace)
    finally:
        (workspace / rel).write_text(shipped, encoding="utf-8")


@FUZZ
@given(value=yaml_values, key=st.sampled_from(["langkah", "pelaksana", "dasar_hukum", "keterkaitan", "jadwal", "nama", "satuan_waktu"]))
def test_wrong_types_for_sop_keys(workspace: Path, value: object, key: str) -> None:
    _with_key(workspace, SOP_REL, SHIPPED_SOP, key, value)


@FUZZ
@given(value=yaml_values, key=st.sampled_from(["pelaksanaan", "periode", "sop", "status", "contoh"]))
def test_wrong_types_for_record_keys(workspace: Path, value: object, key: str) -> None:
    _with_key(workspace, REC_REL, SHIPPED_REC, key, value)


def test_huge_file_is_refused(workspace: Path) -> None:
    (workspace / SOP_REL).write_text("nama: " + "x" * (MAX_FILE_BYTES + 10) + "\n", encoding="utf-8")
    try:
        manual, _, problems = load_all(workspace, REFERENCE)
        assert manual is None
        assert any("terlalu besar" in p.message and p.path == SOP_REL for p in problems)
    finally:
        (workspace / SOP_REL).write_text(SHIPPED_SOP, encoding="utf-8")


def test_deep_nesting_is_refused_quickly() -> None:
    started = time.monotonic()
    loaded, problems = load_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml")
    assert loaded is None and problems
    assert time.monotonic() - started < 5


def test_symlink_out_of_the_tree(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "rahasia.pdf"
    outside.write_bytes(b"%PDF-")
    link = workspace / "records/2025/TW3/lampiran/tautan.pdf"
    link.symlink_to(outside)
    original = (workspace / REC_REL).read_text(encoding="utf-8")
    (workspace / REC_REL).write_text(original.replace("lampiran/laporan-kinerja-tw3-2025.pdf", "lampiran/tautan.pdf"), encoding="utf-8")
    try:
        manual, _, problems = load_all(workspace, REFERENCE)
        assert manual is None
        linked = [p for p in problems if "tautan simbolik tidak diizinkan" in p.message]
        assert {p.path for p in linked} == {"records/2025/TW3/lampiran/tautan.pdf", REC_REL}, [p.format() for p in problems]
    finally:
        link.unlink()
        (workspace / REC_REL).write_text(original, encoding="utf-8")
