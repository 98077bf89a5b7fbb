"""The Mermaid charts of the progress pages, as exact text: the step timeline (gantt) and on-time rates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from generator.loading import load_all
from generator.records.model import Record
from generator.render.charts import capaian_chart, gantt, on_time_chart, safe_name, target_chart
from generator.render.site import Site
from tests.conftest import FIXTURES, REFERENCE

HEAD = "gantt\n  dateFormat YYYY-MM-DD HH:mm\n  axisFormat %d/%m\n  todayMarker off\n"


def config(left: int) -> str:
    """The front matter: compact rows, and a label column as wide as the longest row label."""
    return (f"---\nconfig:\n  gantt:\n    displayMode: compact\n    leftPadding: {left}\n    useWidth: 1000\n"
            "    fontSize: 12\n    sectionFontSize: 12\n---\n")


def record(site: Site, code: str, sop_id: str) -> Record:
    (found,) = [r for r in site.records if r.period.code == code and r.sop.id == sop_id]
    return found


def test_gantt_of_a_revision_round_has_one_row_per_step(site: Site) -> None:
    """Each step is its own section "langkah N · role" (Mermaid labels a section by counting its rows, so a
    section of one row cannot be labelled beside another's bars); a repeated execution is a bar on the same row."""
    chart = gantt(record(site, "2025-TW3", "pelaporan-kinerja-triwulan"), site.manual.catalogue.roles, REFERENCE)
    assert chart == config(20 + 7 * len("langkah 3 · Pelaksana")) + HEAD + (
        "  section langkah 1 · Kadis\n"
        "  Memerintahkan Kasubag Perencanaan, dan … :done, t0, 2025-09-01 08:00, 2025-09-01 08:10\n"
        "  section langkah 2 · Kasubag\n"
        "  Memerintahkan pelaksana untuk mengumpul… :done, t1, 2025-09-01 09:00, 2025-09-01 09:10\n"
        "  section langkah 3 · Pelaksana\n"
        "  Mengumpulkan data dan menyerahkan ke Ka… :done, t2, 2025-09-02 08:00, 2025-09-02 13:30\n"
        "  section langkah 4 · Kasubag\n"
        "  Menyusun konsep Pelaporan Kinerja Triwu… :done, t3, 2025-09-04 08:00, 2025-09-04 10:00\n"
        "  putaran 2 :done, t5, 2025-09-09 08:00, 2025-09-09 09:30\n"
        "  section langkah 5 · Kabid\n"
        "  Memeriksa konsep Pelaporan Kinerja Triw… :crit, t4, 2025-09-05 09:00, 2025-09-05 10:15\n"
        "  putaran 2 :done, t6, 2025-09-10 09:00, 2025-09-10 09:45\n"
        "  section langkah 6 · Kasubag\n"
        "  Konsep Pelaporan Kinerja Triwulan yang … :done, t7, 2025-09-12 08:00, 2025-09-12 09:00\n"
        "  section langkah 7 · Kadis\n"
        "  Memeriksa draft akhir Pelaporan Kinerja… :done, t8, 2025-09-16 13:00, 2025-09-16 14:00\n"
    )
    # step 2 is labelled with the Kasubag who did it, step 7 with the Kadis
    sections = re.findall(r"^  section (.*)$", chart, re.M)
    assert sections[1] == "langkah 2 · Kasubag" and sections[6] == "langkah 7 · Kadis"
    assert len(sections) == len(set(sections))  # never repeated: Mermaid would merge them


def test_gantt_days_without_time_and_a_step_still_running(site: Site) -> None:
    """A date without time spans 08:00-16:00; an unfinished step is `active` up to 16:00 of the reference day."""
    chart = gantt(record(site, "2026", "perencanaan-kinerja"), site.manual.catalogue.roles, date(2026, 11, 27))
    assert chart == config(20 + 7 * len("langkah 2 · Tim Akuntabilitas")) + HEAD + (
        "  section langkah 1 · Staf\n"
        "  Mengumpulkan data dari semua bidang unt… :done, t0, 2026-10-05 08:00, 2026-10-16 16:00\n"
        "  section langkah 2 · Tim Akuntabilitas\n"
        "  Merumuskan konsep dan menyusun Rencana … :done, t1, 2026-10-19 08:00, 2026-10-30 16:00\n"
        "  section langkah 3 · Ka SKPD\n"
        "  Mengesahkan Renstra :active, t2, 2026-11-23 08:00, 2026-11-27 16:00\n"
    )


def test_gantt_keeps_only_harmless_characters_of_hostile_names() -> None:
    manual, records, problems = load_all(FIXTURES / "teks-berbahaya", date(2024, 3, 1))
    assert manual is not None and not problems, [p.format() for p in problems]
    (hostile,) = records
    chart = gantt(hostile, manual.catalogue.roles, date(2024, 3, 1))
    assert chart.endswith(HEAD + (
        "  section langkah 1 · end /title script alert( 142 …\n"
        "  end -- B x subgraph Z komentar 35 kode … :done, t0, 2024-02-01 08:00, 2024-02-01 09:00\n"
        "  section langkah 2 · A click A call alert(3) /titl…\n"
        "  Periksa b konsep /b style s1 fill f00 /… :done, t1, 2024-02-02 08:00, 2024-02-02 09:00\n"
    ))
    for line in chart.split(HEAD, 1)[1].splitlines():
        name = line.split(" :", 1)[0]
        assert not set(name) & set("<>\"'`#%;:[]{}&|*"), line  # nothing Mermaid or HTML could read


def test_safe_name_widths_and_empty_text() -> None:
    assert safe_name("a" * 48) == "a" * 48
    assert safe_name("a" * 49) == "a" * 47 + "…"
    assert safe_name("Kadis", 30) == "Kadis"
    assert safe_name("<>;:#") == "-"
    assert safe_name("  Kepala   Dinas: <b>Kominfo</b>  ") == "Kepala Dinas b Kominfo /b"


def test_on_time_chart_exact_text() -> None:
    assert on_time_chart("Ketepatan waktu 2025", ["TW1", "TW2", "TW3", "TW4"], [100, 0, 50, 100]) == (
        "xychart-beta\n"
        '  title "Ketepatan waktu 2025"\n'
        "  x-axis [TW1, TW2, TW3, TW4]\n"
        '  y-axis "Tepat waktu (%)" 0 --> 100\n'
        "  bar [100, 0, 50, 100]\n"
    )


def test_year_page_chart_is_the_on_time_chart_of_the_shipped_year(site: Site) -> None:
    from generator.render import urls
    from generator.render.site import generated_pages

    page = generated_pages(site)[urls.year_page(2025)]
    chart = on_time_chart("Ketepatan waktu 2025", ["TW1", "TW2", "TW3", "TW4"], [100, 0, 100, 100])
    assert f"```mermaid\n{chart}" in page


PERFORMANCE_HEAD = (
    "---\nconfig:\n  xyChart:\n    width: 640\n    height: 320\n  themeVariables:\n    xyChart:\n"
    '      plotColorPalette: "#7aa6dc, #b71c1c"\n---\nxychart-beta\n'
)


def test_target_chart_draws_targets_as_bars_and_realisation_as_a_line() -> None:
    chart = target_chart("IK2: target dan realisasi 2025", ["TW1", "TW2"], [Decimal(80), Decimal("84.0")],
                         [Decimal("82.35"), Decimal("85.29")], 'persen <b>"x"</b>')
    assert chart == PERFORMANCE_HEAD + (
        '  title "IK2: target dan realisasi 2025"\n'
        '  x-axis ["TW1", "TW2"]\n'
        '  y-axis "persen b x /b" 0 --> 94\n'  # the unit is data: only harmless characters reach the diagram
        "  bar [80, 84]\n"
        "  line [82.35, 85.29]\n"
    )


def test_capaian_chart_sets_each_indicator_against_its_100_percent() -> None:
    chart = capaian_chart("Capaian per indikator, Triwulan I 2025", ["IK1", "IK2"], [Decimal("101.20"), Decimal("-12.5")])
    assert chart == PERFORMANCE_HEAD + (
        '  title "Capaian per indikator, Triwulan I 2025"\n'
        '  x-axis ["IK1", "IK2"]\n'
        '  y-axis "Capaian (%)" -13 --> 120\n'  # room for a capaian below zero (turun: realisation over twice the target)
        "  bar [101.2, -12.5]\n"
        "  line [100, 100]\n"
    )
