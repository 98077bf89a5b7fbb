"""Gather, then write: the derived model computed once before any page, on the shipped data."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from generator.data.dates import PartialDate
from generator.manual.model import Manual, Sop, Version, Versions
from generator.records.status import Status
from generator.render import urls
from generator.render.gather import Gathered, Site, gather
from generator.render.site import generated_pages
from generator.trail import approval
from generator.trail.approval import Verdict
from generator.trail.codeowners import CodeOwners, Rule
from generator.trail.evidence import NO_RULES, Facts, Rules, Signature
from generator.trail.signers import AllowedSigners, Signer
from generator.trail.history import Change, History
from tests.conftest import REPO

PAGES = REPO / "generator" / "render" / "pages"
# What views must receive already computed, never compute themselves.
COMPUTATIONS = {
    "generator.records.status": {"statuses", "status_of", "on_time_rate", "report_years", "after_revocation"},
    "generator.render.gather": {"revoked_ids"},
    "generator.trail.history": {"flags"},
    "generator.trail.approval": {"trail_of", "flagged_changes"},
    "generator.manual.index": {"build_index"},
    "generator.records.replay": {"is_complete"},
    "generator.records.monitoring": {"summarize", "months_before"},
    "generator.records.tasks": {"open_step", "open_steps", "tasks_by_role"},
}


def change(commit: str, day: date, pr: int | None, approvers: tuple[str, ...], *files: str) -> Change:
    return Change(commit, day, "Andi", f"perubahan {commit}", pr, approvers, files)


def with_history(site: Site) -> Site:
    """The shipped data with a small history: a direct import, then a reviewed change to one SOP."""
    sop = site.manual.sops[0].source
    record = site.records[0].source
    imported = change("a" * 40, date(2025, 1, 10), None, (), sop, record)
    reviewed = dataclasses.replace(change("b" * 40, date(2025, 2, 5), 12, ("@budi",), sop), parents=("a" * 40, "c" * 40))
    owners = CodeOwners("CODEOWNERS", (Rule("/sop_defs/", ("@budi",), 1),))
    rules = Rules(owners, AllowedSigners("allowed_signers", (Signer(("@budi",), "SHA256:budi", 1, "ssh-ed25519 AAAA"),)))
    facts = {
        "a" * 40: Facts("a" * 40, (), 1736474400, None, frozenset({"andi@x.go.id"}), NO_RULES, None, None),
        "b" * 40: Facts("b" * 40, ("a" * 40, "c" * 40), 1738738800, 1736474400, frozenset({"rina@x.go.id"}), rules, None,
                        Signature("G", "SHA256:budi")),
    }
    history = History(True, "", (reviewed, imported), {sop: [reviewed, imported], record: [imported]}, facts=facts)
    return dataclasses.replace(site, history=history, owners=owners)


@pytest.fixture(scope="module")
def gathered(site: Site) -> Gathered:
    return gather(site)


def test_statuses_per_year_and_quarter(site: Site, gathered: Gathered) -> None:
    assert site.years == [2025, 2026]
    assert {year: len(items) for year, items in gathered.by_year.items()} == {2025: 6, 2026: 6}
    assert len(gathered.statuses) == 12
    # One quarterly SOP due every quarter; the two yearly SOPs are due in the fourth.
    assert {key: len(items) for key, items in gathered.by_quarter.items() if key[0] == 2025} == {
        (2025, 1): 1, (2025, 2): 1, (2025, 3): 1, (2025, 4): 3,
    }
    assert all(i.period.year == 2026 for i in gathered.by_year[2026])


def test_on_time_rate_per_quarter(gathered: Gathered) -> None:
    assert gathered.on_time[(2025, 1)] == 100
    assert gathered.on_time[(2025, 2)] == 0  # finished late
    assert gathered.on_time[(2026, 4)] is None  # nothing due yet on the reference date
    late = [i for i in gathered.by_quarter[(2026, 2)] if i.status is Status.LATE]
    assert [i.sop.id for i in late] == ["pelaporan-kinerja-triwulan"]


def test_index_entries_for_a_role(gathered: Gathered) -> None:
    index = gathered.index
    # "Ka SKPD" and "Kadis" are one office (`sama_dengan`)
    assert [sop.id for sop in index.sops_by_role["kadis"]] == ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"]
    assert len(index.steps_by_role["kadis"]) == 6
    assert len(index.steps_by_role["tim-akuntabilitas"]) == 5
    assert "sekretaris" not in index.steps_by_role  # a role in the swimlane with no step of its own


def test_open_steps_and_each_roles_tasks_are_gathered_once(gathered: Gathered) -> None:
    """What comes next, for staff: the open steps on the reference date, each role's share, each record's next step."""
    assert [(o.item.sop.id, o.item.period.code, o.step.number) for o in gathered.open_steps] == [
        ("pelaporan-kinerja-triwulan", "2026-TW2", 1),
        ("evaluasi-kinerja", "2026", 1),
        ("pelaporan-kinerja-triwulan", "2026-TW4", 1),
        ("perencanaan-kinerja", "2026", 3),
    ]
    assert {key: len(steps) for key, steps in gathered.tasks.items()} == {"kadis": 3, "staf": 1}
    assert list(gathered.next_steps) == ["records/2026/tahunan/perencanaan-kinerja.yaml"]  # the only open record
    assert gathered.next_steps["records/2026/tahunan/perencanaan-kinerja.yaml"] is gathered.open_steps[-1]


def test_every_data_file_has_a_trail(site: Site, gathered: Gathered) -> None:
    assert set(gathered.trails) == {s.source for s in site.manual.sops} | {r.source for r in site.records}
    assert gathered.audit == ()  # no history read for the shipped site
    assert all(not t.available and not t.rows for t in gathered.trails.values())


def test_approvals_are_judged_once_per_change(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = approval.judge

    def counting(c: Change, facts: Facts | None, today: date) -> Verdict:
        calls.append(c.commit)
        return real(c, facts, today)

    monkeypatch.setattr(approval, "judge", counting)
    site = with_history(site)
    gathered = gather(site)
    assert sorted(calls) == ["a" * 40, "b" * 40]  # the import touches two files, yet is judged once
    assert [row.verdict.level for row in gathered.audit] == ["terverifikasi", "tanpa persetujuan"]
    assert [row.flags for row in gathered.audit] == [[], ["bukan merge commit: masuk langsung"]]
    sop_trail = gathered.trails[site.manual.sops[0].source]
    assert [row.flags for row in sop_trail.rows] == [row.flags for row in gathered.audit]
    assert sop_trail.last_approved() == gathered.audit[0].change
    assert [row.change.commit for row in gathered.trails[site.records[0].source].rows] == ["a" * 40]
    calls.clear()
    pages = generated_pages(site)
    assert len(calls) == 2  # writing the pages judges no change again
    assert "1 terverifikasi" in pages[urls.AUDIT] and "1 tanpa persetujuan" in pages[urls.AUDIT]


def test_monitoring_is_summed_up_once_as_of_the_reference_date(site: Site, gathered: Gathered) -> None:
    summary = gathered.monitoring
    assert summary.since == date(2026, 5, 25)  # six months before 25 November 2026
    assert {sop_id: m.day for sop_id, m in summary.last.items()} == {
        "pelaporan-kinerja-triwulan": date(2026, 7, 15), "evaluasi-kinerja": date(2026, 2, 16)}
    assert summary.count == {"pelaporan-kinerja-triwulan": 1, "evaluasi-kinerja": 1}
    # evaluasi-kinerja was last monitored in February, perencanaan-kinerja never
    assert [sop.id for sop in summary.overdue] == ["evaluasi-kinerja", "perencanaan-kinerja"]
    assert [m.day for m in summary.newest_first] == [date(2026, 7, 15), date(2026, 2, 16)]
    later = gather(dataclasses.replace(site, today=date(2027, 1, 16)))  # the July note is six months old the day after
    assert [sop.id for sop in later.monitoring.overdue] == ["evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja"]
    on_the_edge = gather(dataclasses.replace(site, today=date(2027, 1, 15)))
    assert [sop.id for sop in on_the_edge.monitoring.overdue] == ["evaluasi-kinerja", "perencanaan-kinerja"]


def test_step_anchor_and_record_url_live_in_urls(site: Site) -> None:
    assert urls.step_link("x", 5) == f"sop/x.md#{urls.step_anchor(5)}" == "sop/x.md#langkah-5"
    record = site.records[0]
    assert urls.record_url(record) == urls.record_page(record.period.year, record.period.folder, record.sop.id)


def imported_names(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {(alias.name, "*") for alias in node.names}
    return found


def test_views_do_not_compute_statuses_flags_or_the_index() -> None:
    offending = [
        f"{path.name}: {module}.{name}"
        for path in sorted(PAGES.glob("*.py"))
        for module, name in imported_names(path)
        if name in COMPUTATIONS.get(module, set()) or (name == "*" and module in COMPUTATIONS)
    ]
    assert offending == []


def test_templates_do_not_build_step_anchors() -> None:
    templates = (REPO / "generator" / "render" / "templates").glob("*.j2")
    assert not [t.name for t in templates if "#langkah-" in t.read_text(encoding="utf-8") or 'id="langkah-' in t.read_text(encoding="utf-8")]


def with_spec(manual: Manual, sop_id: str, **update: object) -> Manual:
    """`manual` with one SOP's file changed as an editor would change it."""
    def changed(sop: Sop) -> Sop:
        return dataclasses.replace(sop, spec=sop.spec.model_copy(update=update)) if sop.id == sop_id else sop

    agencies = tuple(
        dataclasses.replace(a, units=tuple(dataclasses.replace(u, sops=tuple(changed(s) for s in u.sops)) for u in a.units))
        for a in manual.agencies
    )
    return dataclasses.replace(manual, agencies=agencies)


def reviewing(site: Site, years: int, **change: object) -> Site:
    government = site.manual.government.model_copy(update={"review_years": years})
    return dataclasses.replace(site, manual=dataclasses.replace(site.manual, government=government), **change)  # type: ignore[arg-type]


SHIPPED = ("evaluasi-kinerja", "pelaporan-kinerja-triwulan", "perencanaan-kinerja")


def test_the_shipped_rule_flags_nothing_on_the_reference_date(site: Site, gathered: Gathered) -> None:
    assert site.manual.government.review_years == 5
    assert gathered.review == {} and gathered.revoked == frozenset()


def test_an_sop_is_due_for_review_more_than_n_years_after_its_version_took_effect(site: Site) -> None:
    assert gather(reviewing(site, 3)).review == {sop_id: date(2022, 5, 1) for sop_id in SHIPPED}
    # Exactly three years is not more than three.
    assert gather(reviewing(site, 3, today=date(2025, 5, 1))).review == {}
    assert set(gather(reviewing(site, 3, today=date(2025, 5, 2))).review) == set(SHIPPED)


def test_review_is_judged_on_the_version_in_force_and_skips_revoked_sops(site: Site) -> None:
    sop = site.manual.sop("evaluasi-kinerja")
    assert sop is not None
    revised = dataclasses.replace(sop, spec=sop.spec.model_copy(update={"effective": PartialDate(date(2025, 1, 6), 3)}))
    versions = Versions(True, {s.id: (Version(s, None, None),) for s in site.manual.sops} | {
        sop.id: (Version(sop, "a" * 40, date(2022, 4, 1)), Version(revised, "b" * 40, date(2024, 12, 2))),
    })
    manual = with_spec(dataclasses.replace(site.manual, versions=versions), "perencanaan-kinerja",
                       status="dicabut", revoked_on=PartialDate(date(2026, 1, 1), 3))
    derived = gather(reviewing(dataclasses.replace(site, manual=manual), 3))
    assert derived.revoked == frozenset({"perencanaan-kinerja"})
    # The revision took effect in 2025: not due; a revoked SOP is no longer reviewed.
    assert derived.review == {"pelaporan-kinerja-triwulan": date(2022, 5, 1)}
    # Before its revocation day the SOP is active, and reviewed.
    before = gather(reviewing(dataclasses.replace(site, manual=manual, today=date(2025, 12, 31)), 3))
    assert before.revoked == frozenset() and set(before.review) == {"pelaporan-kinerja-triwulan", "perencanaan-kinerja"}
