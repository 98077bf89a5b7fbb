"""What comes next, for staff: the open step of each period under way, overdue first, and each role's share of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from generator.manual.model import Manual
from generator.records.model import Execution, Record
from generator.records.periods import Period
from generator.records.status import run_status, status_of, statuses
from generator.records.tasks import OpenStep, open_step, open_steps, tasks_by_role
from generator.render.site import Site
from tests.conftest import REFERENCE, with_second_agency

RUNS = "records/2026/insidental/permohonan-informasi-publik"


def summary(steps: list[OpenStep]) -> list[tuple[str, str, int, str, bool]]:
    return [(o.item.sop.id, o.item.period.code, o.step.number, o.state, o.overdue) for o in steps]


@pytest.fixture(scope="module")
def shipped(site: Site) -> list[OpenStep]:
    return open_steps(statuses(site.manual, site.records, REFERENCE, site.years), REFERENCE)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manual, list[Record]]:
    manual, records, problems = load_all(with_second_agency(tmp_path_factory.mktemp("tugas") / "data"), REFERENCE)
    assert manual is not None and errors_only(problems) == [], [p.format() for p in problems]
    return manual, records


def test_open_steps_of_the_shipped_data_overdue_first(shipped: list[OpenStep]) -> None:
    """On 25 November 2026: the missing second quarter is overdue and comes first; every finished period is left out."""
    assert summary(shipped) == [
        ("pelaporan-kinerja-triwulan", "2026-TW2", 1, "belum", True),  # no record, past 30 June
        ("evaluasi-kinerja", "2026", 1, "belum", False),  # no record yet: its first step is due
        ("pelaporan-kinerja-triwulan", "2026-TW4", 1, "belum", False),
        ("perencanaan-kinerja", "2026", 3, "berjalan", False),  # step 3 started on 23 November
    ]
    assert all(o.item.due == date(2026, 12, 31) for o in shipped[1:])


def test_a_finished_or_cancelled_period_has_no_open_step(site: Site) -> None:
    finished = next(r for r in site.records if r.period.code == "2025-TW3")
    assert open_step(status_of(finished.sop, finished.period, finished, REFERENCE)) is None
    running = next(r for r in site.records if r.period.code == "2026")
    cancelled = replace(running, spec=running.spec.model_copy(update={"status": "dibatalkan", "reason": "Ditunda"}))
    assert open_step(status_of(running.sop, running.period, running, REFERENCE)) is not None
    assert open_step(status_of(cancelled.sop, cancelled.period, cancelled, REFERENCE)) is None


def test_periods_not_begun_are_left_out_unless_work_has_started(site: Site, two: tuple[Manual, list[Record]]) -> None:
    manual, records = two
    codes = {o.item.period.code for o in open_steps(statuses(manual, records, REFERENCE, [2026]), REFERENCE)}
    assert "2026-B11" in codes and "2026-B12" not in codes  # December has not begun on 25 November
    # A fourth-quarter report begun on 29 September, before its quarter: its running step is open already.
    report = next(r for r in site.records if r.period.code == "2026-TW3")
    early = replace(report, spec=report.spec.model_copy(update={
        "period": Period(2026, quarter=4),
        "executions": [Execution.model_validate({"langkah": 1, "mulai": "2026-09-29", "pelaksana": "Ir. SUMANTO, MM"})],
    }))
    today = date(2026, 9, 30)
    not_begun = status_of(early.sop, early.period, None, today)
    begun = status_of(early.sop, early.period, early, today)
    assert open_steps([not_begun], today) == []
    assert summary(open_steps([begun], today)) == [("pelaporan-kinerja-triwulan", "2026-TW4", 1, "berjalan", False)]


def test_overdue_first_then_by_due_date(two: tuple[Manual, list[Record]]) -> None:
    manual, records = two
    found = open_steps(statuses(manual, records, REFERENCE, [2025, 2026]), REFERENCE)
    overdue = [o.overdue for o in found]
    assert overdue == sorted(overdue, reverse=True) and overdue.count(False) == 5
    dues = [o.item.due for o in found if o.overdue]
    assert dues == sorted(dues) and dues[0] == date(2025, 1, 31)  # the oldest overdue period first
    payroll = next(o for o in found if o.item.period.code == "2026-B02")
    assert (payroll.step.number, payroll.state) == (4, "berjalan")


def test_roles_named_with_sama_dengan_share_one_list(site: Site, shipped: list[OpenStep]) -> None:
    tasks = tasks_by_role(site.manual, shipped)
    # Step 3 of the planning SOP names "ka-skpd", the same office as "kadis": one page, one list.
    assert summary(tasks["kadis"]) == [
        ("pelaporan-kinerja-triwulan", "2026-TW2", 1, "belum", True),
        ("pelaporan-kinerja-triwulan", "2026-TW4", 1, "belum", False),
        ("perencanaan-kinerja", "2026", 3, "berjalan", False),
    ]
    assert "ka-skpd" not in tasks
    assert summary(tasks["staf"]) == [("evaluasi-kinerja", "2026", 1, "belum", False)]
    assert "kabid" not in tasks  # the heads of division check step 5: nothing open for them
    twice = replace(shipped[-1], step=shipped[-1].step.model_copy(update={"actor": ["ka-skpd", "kadis"]}))
    assert tasks_by_role(site.manual, [twice])["kadis"] == [twice]  # two column names of one office: listed once


def test_a_step_with_several_actors_is_each_ones_task(two: tuple[Manual, list[Record]]) -> None:
    """A request sent back at step 2 ("tidak") returns to step 1, which the applicant and the officer do together."""
    manual, records = two
    second = next(r for r in records if r.source == f"{RUNS}/2026-03-04-2.yaml")
    sent_back = replace(second, spec=second.spec.model_copy(update={"executions": second.spec.executions[:2]}))
    today = date(2026, 3, 5)
    found = open_steps([run_status(sent_back, today)], today)
    assert summary(found) == [("permohonan-informasi-publik", "2026-03-04", 1, "belum", False)]
    assert found[0].step.actors == ("pemohon-informasi", "petugas-pid")
    tasks = tasks_by_role(manual, found)
    assert tasks["bkpsdm/pemohon-informasi"] == tasks["bkpsdm/petugas-pid"] == found
    assert run_status(sent_back, date(2026, 3, 9)).status.value == "terlambat"
    assert open_steps([run_status(sent_back, date(2026, 3, 9))], date(2026, 3, 9))[0].overdue
