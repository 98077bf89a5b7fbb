"""Benchmark: validate, generate and build a synthetic regency manual at two sizes.

    .venv/bin/python bench/run.py                # 200 and 2,000 SOPs
    .venv/bin/python bench/run.py --sizes 10x20  # one size, N units x M SOPs

Per size: `sopgen validate` (whole corpus, SOP files alone, one named SOP file, one named record file), the
generator's own stages, a full `mkdocs build` (time, memory, the generator's share), page weight over gzip (first
visit to an SOP page, the next SOP page; bench/page_weight.py), the first search, and how long an edit takes to
show in the browser under `mkdocs serve --dirty` (bench/serve_edit.py). Then the shipped manual's page weight.
Prints a table and writes bench/results.json. Not part of the tests: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import page_weight  # noqa: E402
import serve_edit  # noqa: E402
from corpus import commit_revisions, write_corpus  # noqa: E402

REFERENCE_DATE = "2026-11-25"
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE, "SOURCE_DATE_EPOCH": "1764000000"}
PEAK = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=open(sys.argv[0] + '.rss', 'w'))\n"
    "sys.exit(rc)\n"
)


def timed(command: list[str], scratch: Path) -> tuple[float, int, int]:
    """Wall seconds, peak resident memory (MB) and exit code of a command run in its own process."""
    probe = scratch / "peak.py"
    probe.write_text(PEAK, encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(probe), *command], env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
    rss_kb = int((scratch / "peak.py.rss").read_text().strip())
    return seconds, rss_kb // 1024, result.returncode


def config_for(corpus: Path, work: Path) -> Path:
    shutil.copytree(REPO / "docs", work / "docs")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - sopgen:\n", f"  - sopgen:\n      folder_data: {corpus}\n      folder_mermaid: {REPO / 'node_modules/mermaid/dist'}\n"
    )
    (work / "mkdocs.yml").write_text(text, encoding="utf-8")
    return work / "mkdocs.yml"


def generator_seconds(corpus: Path) -> dict[str, float]:
    """The generator's two stages alone, in this process: load + validate, then produce every page's text."""
    from datetime import date

    from generator.data import cache
    from generator.loading import load_all
    from generator.render.site import Site, generated_pages

    cache.clear()
    started = time.perf_counter()
    manual, records, _ = load_all(corpus, date.fromisoformat(REFERENCE_DATE), warnings=False)  # as the plugin loads
    loaded = time.perf_counter()
    assert manual is not None
    pages = generated_pages(Site(manual, records, date.fromisoformat(REFERENCE_DATE)))
    done = time.perf_counter()
    return {"load_validate_s": loaded - started, "render_s": done - loaded, "generated_pages": len(pages)}


def build_seconds(config: Path, site: Path, scratch: Path) -> dict[str, float]:
    """A full `mkdocs build` in its own process: wall seconds and peak memory from outside, the plugin's own
    seconds from inside."""
    out = scratch / "timed.json"
    wall_s, peak_mb, rc = timed([sys.executable, str(HERE / "timed_build.py"), str(config), str(site), str(out)], scratch)
    assert rc == 0, "mkdocs build failed"
    inside = json.loads(out.read_text(encoding="utf-8"))
    return {"wall_s": wall_s, "peak_mb": peak_mb, "build_s": inside["build_s"], "plugin_s": inside["plugin_s"]}


def measure(units: int, per_unit: int) -> dict[str, object]:
    scratch = Path(tempfile.mkdtemp(prefix="sopgen-bench-"))
    try:
        corpus = scratch / "corpus"
        print(f"  menulis korpus {units} unit x {per_unit} SOP ...", flush=True)
        counts = write_corpus(corpus, units, per_unit)
        sop_file = next((corpus / "sop_defs").glob("*/unit-00/*.yaml"))
        record_file = next((corpus / "records").glob("*/TW*/*.yaml"))
        checks = validate_seconds(corpus, scratch, sop_file, record_file)
        own = generator_seconds(corpus)
        config = config_for(corpus, scratch / "proyek")
        site = scratch / "site"
        print("  mkdocs build ...", flush=True)
        full = build_seconds(config, site, scratch)
        html = list(site.rglob("*.html"))
        sop_pages = list((site / "sop").rglob("index.html"))
        sop_bytes = [p.stat().st_size for p in sop_pages]
        print("  berat halaman (gzip) ...", flush=True)
        weight = page_weight.measure(site, f"sop/{sop_file.stem}/", f"sop/{next_sop(sop_file).stem}/")
        print("  pencarian pertama ...", flush=True)
        searched = page_weight.first_search(site, f"sop/{sop_file.stem}/", first_word_of_name(sop_file))
        print("  mkdocs serve --dirty: sunting satu SOP ...", flush=True)
        served = serve_edit.measure(config, sop_file)
        sops = counts["sops"]
        return {
            "sops": sops,
            "records": counts["records"],
            **checks,
            "generator_load_validate_s": round(own["load_validate_s"], 2),
            "generator_render_s": round(own["render_s"], 2),
            "build_s": round(full["wall_s"], 2),
            "build_peak_mb": full["peak_mb"],
            "build_ms_per_sop": round(1000 * full["wall_s"] / sops, 1),
            "plugin_in_build_s": round(full["plugin_s"], 2),
            "generator_share_pct": round(100 * full["plugin_s"] / full["build_s"], 1),
            "pages": len(html),
            "html_mb": round(sum(p.stat().st_size for p in html) / 2**20, 1),
            "sop_page_kb_avg": round(sum(sop_bytes) / len(sop_bytes) / 1024, 1),
            "sop_page_kb_max": round(max(sop_bytes) / 1024, 1),
            "first_visit_kb": weight["first_visit_kb"],
            "first_visit_raw_kb": weight["first_visit_raw_kb"],
            "next_page_kb": weight["next_page_kb"],
            **searched,
            "serve_first_build_s": served["first_build_s"],
            "serve_edit_visible_s": max(served["edit_visible_s"]),  # type: ignore[arg-type]
            "serve_edits_s": served["edit_visible_s"],
            "serve_pages_rewritten": served["pages_rewritten"][-1][0] if served["pages_rewritten"] else None,  # type: ignore[index]
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def first_word_of_name(sop_file: Path) -> str:
    """A word staff would type: the first word of the SOP's name."""
    line = next(line for line in sop_file.read_text(encoding="utf-8").splitlines() if line.startswith("nama:"))
    return line.removeprefix("nama:").split()[0]


def next_sop(sop_file: Path) -> Path:
    """Another SOP of the same unit: the page a reader opens next."""
    return next(p for p in sorted(sop_file.parent.glob("*.yaml")) if p != sop_file)


def validate_seconds(corpus: Path, scratch: Path, sop_file: Path, record_file: Path) -> dict[str, object]:
    """`sopgen validate` on the whole corpus, on the SOP files alone, and on one named SOP file and one record
    file (as the pre-commit hook runs it)."""
    cli = [sys.executable, "-m", "generator.commands.cli", "--folder", str(corpus), "validate"]
    whole_s, whole_mb, rc = timed(cli, scratch)
    assert rc == 0, "sopgen validate failed on the synthetic corpus"
    shutil.copytree(corpus / "sop_defs", scratch / "sop-saja" / "sop_defs")
    sops_only = [sys.executable, "-m", "generator.commands.cli", "--folder", str(scratch / "sop-saja"), "validate"]
    sops_s, _, rc = timed(sops_only, scratch)
    assert rc == 0, "sopgen validate failed on the synthetic SOP files"
    one_sop_s, _, rc = timed(cli + [str(sop_file.relative_to(corpus))], scratch)
    assert rc == 0, "sopgen validate failed on one SOP file"
    one_record_s, _, rc = timed(cli + [str(record_file.relative_to(corpus))], scratch)
    assert rc == 0, "sopgen validate failed on one record file"
    return {
        "validate_s": round(whole_s, 2), "validate_peak_mb": whole_mb, "validate_sops_only_s": round(sops_s, 2),
        "validate_one_sop_s": round(one_sop_s, 2), "validate_one_record_s": round(one_record_s, 2),
    }


def history_seconds(corpus: Path) -> dict[str, float]:
    """Reading every SOP's versions from git (one `git log`, each blob parsed once), in this process."""
    from datetime import date

    from generator.data import cache
    from generator.loading import load_all
    from generator.manual import versions
    from generator.manual.load import load_manual

    cache.clear()
    versions._parsed.clear()
    manual, _ = load_manual(corpus, warnings=False)
    assert manual is not None
    started = time.perf_counter()
    found, _ = versions.read_versions(corpus, manual)
    read_s = time.perf_counter() - started
    assert found.available
    versions._parsed.clear()
    loaded = load_all(corpus, date.fromisoformat(REFERENCE_DATE), warnings=False)[0]
    assert loaded is not None and loaded.versions is not None
    return {"history_read_s": read_s, "versions": sum(len(v) for v in loaded.versions.by_id.values())}


def measure_history(units: int, per_unit: int, versions: int) -> dict[str, object]:
    """The cost of SOP versions: the same corpus built without git, then as a repository with `versions` commits."""
    scratch = Path(tempfile.mkdtemp(prefix="sopgen-versi-"))
    try:
        corpus = scratch / "corpus"
        print(f"  menulis korpus {units} unit x {per_unit} SOP, {versions} versi ...", flush=True)
        counts = write_corpus(corpus, units, per_unit)
        config = config_for(corpus, scratch / "proyek")
        print("  mkdocs build tanpa riwayat git ...", flush=True)
        plain = build_seconds(config, scratch / "site-polos", scratch)
        commit_revisions(corpus, versions)
        own = history_seconds(corpus)
        print("  mkdocs build dengan riwayat git ...", flush=True)
        with_history = build_seconds(config, scratch / "site", scratch)
        pages = len(list((scratch / "site").rglob("*.html")))
        version_pages = len(list((scratch / "site" / "sop").glob("*/versi/*/index.html")))
        return {
            "sops": counts["sops"],
            "versions": own["versions"],
            "history_read_s": round(own["history_read_s"], 2),
            "build_without_git_s": round(plain["wall_s"], 2),
            "build_with_versions_s": round(with_history["wall_s"], 2),
            "history_read_share_pct": round(100 * own["history_read_s"] / with_history["wall_s"], 1),
            "plugin_without_git_s": round(plain["plugin_s"], 2),
            "plugin_with_versions_s": round(with_history["plugin_s"], 2),
            "version_pages": version_pages,
            "pages": pages,
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10x20,40x50", help="comma-separated N_UNITSxM_SOPS")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--versi", type=int, default=0, metavar="N",
                        help="hanya ukur biaya versi: korpus sebagai repositori git dengan N versi per SOP")
    args = parser.parse_args()
    if args.versi:
        history_main(args.sizes, args.versi, args.out)
        return
    rows = []
    for size in args.sizes.split(","):
        units, per_unit = (int(x) for x in size.split("x"))
        print(f"Ukuran {units * per_unit} SOP:", flush=True)
        rows.append(measure(units, per_unit))
    print("Situs contoh (data bawaan):", flush=True)
    shipped = shipped_weight()
    result: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "reference_date": REFERENCE_DATE,
        "rows": rows,
        "shipped_site": shipped,
    }
    if len(rows) >= 2:
        result["build_per_sop_ratio"] = round(rows[-1]["build_ms_per_sop"] / rows[0]["build_ms_per_sop"], 2)  # type: ignore[operator]
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    keys = list(rows[0])
    print()
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")
    print(f"\nSitus contoh: {shipped}; rasio waktu build per SOP: {result.get('build_per_sop_ratio')}")
    print(f"JSON: {args.out}")


def shipped_weight() -> dict[str, object]:
    """The first visit, the next SOP page and the first search on the shipped manual."""
    scratch = Path(tempfile.mkdtemp(prefix="sopgen-berat-"))
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(scratch)],
                       env=ENV, check=True, cwd=REPO)
        first, second = "sop/pelaporan-kinerja-triwulan/", "sop/evaluasi-kinerja/"
        weight = page_weight.measure(scratch, first, second)
        searched = page_weight.first_search(scratch, first, "kasubag")
        return {"first_visit_kb": weight["first_visit_kb"], "next_page_kb": weight["next_page_kb"], **searched}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def history_main(sizes: str, versions: int, out: Path) -> None:
    rows = []
    for size in sizes.split(","):
        units, per_unit = (int(x) for x in size.split("x"))
        print(f"Ukuran {units * per_unit} SOP:", flush=True)
        rows.append(measure_history(units, per_unit, versions))
    out.write_text(json.dumps({"reference_date": REFERENCE_DATE, "history_rows": rows}, indent=2) + "\n", encoding="utf-8")
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
