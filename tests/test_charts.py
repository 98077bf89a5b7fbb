"""The Mermaid charts of the progress pages, as exact text: the step timeline (gantt) and on-time rates."""

from __future__ import annotations

from datetime import date

from generator.loading import load_all
from generator.records.model import Record
from generator.render.charts import gantt, on_time_chart, safe_name
from generator.render.site import Site
from tests.conftest import FIXTURES, REFERENCE

HEAD = "gantt\n  dateFormat YYYY-MM-DD HH:mm\n  axisFormat %d/%m\n  todayMarker off\n"


def record(site: Site, code: str, sop_id: str) -> Record:
    (found,) = [r for r in site.records if r.period.code == code and r.sop.id == sop_id]
    return found


def test_gantt_of_a_revision_round(site: Site) -> None:
    """One bar per execution, each actor's bars in one section (a section name is labelled once), `crit` for `tidak`."""
    chart = gantt(record(site, "2025-TW3", "pelaporan-kinerja-triwulan"), site.manual.catalogue.roles, REFERENCE)
    assert chart == HEAD + (
        "  section Kadis\n"
        "  1. Memerintahkan Kasubag Perencanaan, dan Keuan… :done, t0, 2025-09-01 08:00, 2025-09-01 08:10\n"
        "  7. Memeriksa draft akhir Pelaporan Kinerja Triw… :done, t8, 2025-09-16 13:00, 2025-09-16 14:00\n"
        "  section Kasubag\n"
        "  2. Memerintahkan pelaksana untuk mengumpulkan d… :done, t1, 2025-09-01 09:00, 2025-09-01 09:10\n"
        "  4. Menyusun konsep Pelaporan Kinerja Triwulan d… :done, t3, 2025-09-04 08:00, 2025-09-04 10:00\n"
        "  4. Menyusun konsep Pelaporan Kinerja Triwulan d… :done, t5, 2025-09-09 08:00, 2025-09-09 09:30\n"
        "  6. Konsep Pelaporan Kinerja Triwulan yang telah… :done, t7, 2025-09-12 08:00, 2025-09-12 09:00\n"
        "  section Pelaksana\n"
        "  3. Mengumpulkan data dan menyerahkan ke Kasubag :done, t2, 2025-09-02 08:00, 2025-09-02 13:30\n"
        "  section Kabid\n"
        "  5. Memeriksa konsep Pelaporan Kinerja Triwulan.… :crit, t4, 2025-09-05 09:00, 2025-09-05 10:15\n"
        "  5. Memeriksa konsep Pelaporan Kinerja Triwulan.… :done, t6, 2025-09-10 09:00, 2025-09-10 09:45\n"
    )
    assert chart.count("section Kasubag") == 1  # never repeated: Mermaid would label the wrong rows


def test_gantt_days_without_time_and_a_step_still_running(site: Site) -> None:
    """A date without time spans 08:00-16:00; an unfinished step is `active` up to 16:00 of the reference day."""
    chart = gantt(record(site, "2026", "perencanaan-kinerja"), site.manual.catalogue.roles, date(2026, 11, 27))
    assert chart == HEAD + (
        "  section Staf\n"
        "  1. Mengumpulkan data dari semua bidang untuk pe… :done, t0, 2026-10-05 08:00, 2026-10-16 16:00\n"
        "  section Tim Akuntabilitas\n"
        "  2. Merumuskan konsep dan menyusun Rencana Strat… :done, t1, 2026-10-19 08:00, 2026-10-30 16:00\n"
        "  section Ka SKPD\n"
        "  3. Mengesahkan Renstra :active, t2, 2026-11-23 08:00, 2026-11-27 16:00\n"
    )


def test_gantt_keeps_only_harmless_characters_of_hostile_names() -> None:
    manual, records, problems = load_all(FIXTURES / "teks-berbahaya", date(2024, 3, 1))
    assert manual is not None and not problems, [p.format() for p in problems]
    (hostile,) = records
    chart = gantt(hostile, manual.catalogue.roles, date(2024, 3, 1))
    assert chart == HEAD + (
        "  section end /title script alert( 142 …\n"
        "  1. end -- B x subgraph Z komentar 35 kode /titl… :done, t0, 2024-02-01 08:00, 2024-02-01 09:00\n"
        "  section A click A call alert(3) /titl…\n"
        "  2. Periksa b konsep /b style s1 fill f00 /title… :done, t1, 2024-02-02 08:00, 2024-02-02 09:00\n"
    )
    for line in chart.splitlines()[4:]:
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
