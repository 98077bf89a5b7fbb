"""Dependency-tracked rebuilds: after an edit, every page whose text changed is among the pages written again,
and pages that do not show the edited SOP, record or entry are not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from generator.loading import load_data
from generator.plugin.incremental import Snapshot, changed_inputs, digest, shared_digest, stale_pages
from generator.render.reads import EVERYTHING, SUMMARY, input_values
from generator.render.site import Site, navigation, page_plan, site_wide
from generator.trail.history import History
from tests.conftest import edit

TODAY = date(2026, 11, 25)
EV = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
PELAPORAN = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"


@dataclass(frozen=True)
class Built:
    snapshot: Snapshot
    texts: dict[str, str]


def build(root: Path) -> Built:
    """What the plugin knows after one build in `mkdocs serve`: every page's text and what it read."""
    data = load_data(root, TODAY)
    assert data.manual is not None, [p.format() for p in data.problems]
    site = Site(data.manual, data.records, TODAY, History(False, "tanpa git"), monitoring=tuple(data.monitoring),
                performance=data.performance, lke=data.lke)
    plan = page_plan(site)
    texts = {uri: planned.render() for uri, planned in plan.items()}
    shared = shared_digest(navigation(site, []), b"", site_wide(site))
    reads = {uri: planned.reads for uri, planned in plan.items()}
    return Built(Snapshot(shared, input_values(site), reads, {u: digest(t) for u, t in texts.items()}), texts)


def after_edit(root: Path, before: Built, rel: str, old: str, new: str) -> tuple[set[str], set[str], Built]:
    """(pages whose text changed, pages the rebuild writes again, the new build)."""
    edit(root, rel, old, new)
    now = build(root)
    changed = {uri for uri, text in now.texts.items() if before.texts.get(uri) != text}
    stale = stale_pages(before.snapshot, now.snapshot.shared, now.snapshot.inputs, now.snapshot.reads)
    return changed, stale, now


def everything(built: Built) -> set[str]:
    return {uri for uri, reads in built.snapshot.reads.items() if reads in (EVERYTHING, SUMMARY)}


def test_each_edit_rewrites_every_page_it_changes_and_spares_the_pages_that_do_not_show_it(repo_copy: Path) -> None:
    state = build(repo_copy)
    summaries = everything(state)

    # A step's time: its SOP's pages and the pages of the role doing it, not the other SOPs.
    changed, stale, state = after_edit(repo_copy, state, EV, "    waktu: 1 hari\n", "    waktu: 2 hari\n")
    assert "sop/evaluasi-kinerja.md" in changed and changed <= stale
    assert not stale & {"sop/perencanaan-kinerja.md", "sop/pelaporan-kinerja-triwulan.md"}
    assert not any(uri.startswith("progres/2026/tahunan/perencanaan") for uri in stale)
    assert len(stale - summaries) < len(state.texts) / 4

    # A warning shows on its SOP's own form only (and in the printed book): no summary is written again.
    changed, stale, state = after_edit(repo_copy, state, EV, "peringatan: Evaluasi", "peringatan: Hati-hati. Evaluasi")
    assert changed and changed <= stale
    lists = {uri for uri, reads in state.snapshot.reads.items() if reads == SUMMARY}
    assert "progres/2025/index.md" in lists and not stale & lists, sorted(stale & lists)

    # The rule that revoked a cited rule: shown only on the page of the SOP citing the revoked one.
    changed, stale, state = after_edit(
        repo_copy, state, "sop_defs/_dasar_hukum.yaml", "nomor: 12\n  tahun: 2019", "nomor: 13\n  tahun: 2019",
    )
    assert "sop/pelaporan-kinerja-triwulan.md" in changed and changed <= stale
    assert not stale & {"sop/evaluasi-kinerja.md", "sop/perencanaan-kinerja.md"}

    # One record: its own page and the summaries; not the other records of its SOP.
    record = "records/2025/TW2/pelaporan-kinerja-triwulan.yaml"
    changed, stale, state = after_edit(repo_copy, state, record, "pelaksana: Andi Saputra", "pelaksana: Andi Saputra, S.Kom.")
    assert changed and changed <= stale
    assert not [uri for uri in stale - summaries if uri.startswith("progres/2025/tw3/")], sorted(stale)


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (EV, "nama: Evaluasi Kinerja\n", "nama: Evaluasi Kinerja Tahunan\n"),  # a title: the navigation changes too
        (PELAPORAN, "  - permendagri-86-2017\n", ""),  # a rule no longer cited
        (PELAPORAN, "  - renja\n", "  - renja\n  - evaluasi-kinerja\n"),  # names another SOP: its page lists this one
        (PELAPORAN, "kegiatan: Mengumpulkan data", "kegiatan: Mengumpulkan data kinerja"),  # the next step of a period
        ("sop_defs/_dokumen.yaml", "nama: ", "nama: Dokumen "),
        ("sop_defs/_jabatan.yaml", "nama: Kepala Dinas", "nama: Kepala Dinas Kominfo"),
        ("sop_defs/diskominfo/_instansi.yaml", "nama: Ir. SUMANTO, MM", "nama: Ir. SUMANTO, M.M."),
        ("records/2026/pemantauan/evaluasi-kinerja-2026-02-16.yaml", "catatan: >-\n", "catatan: >-\n  Dicek ulang.\n"),
        ("sop_defs/diskominfo/_kinerja.yaml", "nama: Rata-rata", "nama: Nilai rata-rata"),
    ],
)
def test_no_edit_leaves_a_changed_page_unwritten(repo_copy: Path, rel: str, old: str, new: str) -> None:
    before = build(repo_copy)
    changed, stale, _ = after_edit(repo_copy, before, rel, old, new)
    assert changed, "the edit shows somewhere"
    assert changed <= stale, sorted(changed - stale)


def test_nothing_is_written_again_when_nothing_changed(repo_copy: Path) -> None:
    state = build(repo_copy)
    again = build(repo_copy)
    assert stale_pages(state.snapshot, again.snapshot.shared, again.snapshot.inputs, again.snapshot.reads) == set()


def test_a_change_every_page_shares_writes_every_page_again() -> None:
    before = Snapshot(b"nav-1", {"sop:a": 1}, {"a.md": frozenset({"sop:a"}), "b.md": frozenset({"sop:b"})}, {})
    assert stale_pages(before, b"nav-2", {"sop:a": 1}, before.reads) == {"a.md", "b.md"}
    assert stale_pages(None, b"nav-1", {"sop:a": 1}, before.reads) == {"a.md", "b.md"}


def test_a_page_is_written_again_when_an_input_it_read_before_or_now_changed() -> None:
    reads_before = {"a.md": frozenset({"sop:a", "sop:b"}), "c.md": frozenset({"sop:c"}), "all.md": EVERYTHING}
    before = Snapshot(b"s", {"sop:a": 1, "sop:b": 1, "sop:c": 1}, reads_before, dict.fromkeys(reads_before, b"x"))
    # a.md no longer reads sop:b; sop:b changed: the page that showed it is written again.
    reads_now = {"a.md": frozenset({"sop:a"}), "c.md": frozenset({"sop:c"}), "all.md": EVERYTHING, "new.md": frozenset()}
    stale = stale_pages(before, b"s", {"sop:a": 1, "sop:b": 2, "sop:c": 1}, reads_now)
    assert stale == {"a.md", "all.md", "new.md"}
    assert changed_inputs({"sop:a": 1}, {"sop:a": 1, "sop:d": 1}) == {"sop:d"}
