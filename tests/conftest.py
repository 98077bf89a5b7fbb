from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.manual.load import load_manual
from generator.manual.model import Manual
from generator.performance.load import load_performance
from generator.records.load import load_records
from generator.records.monitoring import load_monitoring
from generator.render.site import Site

REPO = Path(__file__).resolve().parent.parent
REFERENCE = date(2026, 11, 25)  # the pinned reference date for status pages
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/<name>; --update-golden rewrites the file instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"golden file {name} is missing: run pytest --update-golden and review the diff"
        assert text == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"

    return check


@pytest.fixture(scope="session")
def manual() -> Manual:
    result, problems = load_manual(REPO)
    assert result is not None, [p.format() for p in problems]
    return result


@pytest.fixture(scope="session")
def site(manual: Manual) -> Site:
    records, problems = load_records(REPO, manual, REFERENCE)
    monitoring, found = load_monitoring(REPO, manual, REFERENCE)
    performance, found_too = load_performance(REPO, manual, REFERENCE)
    assert not problems + found + found_too, [p.format() for p in problems + found + found_too]
    return Site(manual, records, REFERENCE, monitoring=tuple(monitoring), performance=performance)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data to break on purpose."""
    shutil.copytree(REPO / "sop_defs", tmp_path / "sop_defs")
    shutil.copytree(REPO / "records", tmp_path / "records")
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` by `new` once in a data file; return the 1-based line where `new` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1 if new else 0


SECOND_AGENCY = FIXTURES / "instansi-kedua"


def shipped_plus(overlay: Path, target: Path) -> Path:
    """The shipped data with a fixture's folders laid over it, copied under `target`."""
    shutil.copytree(REPO / "sop_defs", target / "sop_defs")
    shutil.copytree(REPO / "records", target / "records")
    shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


def with_second_agency(target: Path) -> Path:
    """The shipped data plus the fixture's second agency (BKPSDM), copied under `target`."""
    return shipped_plus(SECOND_AGENCY, target)


@pytest.fixture
def two_agencies(tmp_path: Path) -> Path:
    """A copy of the shipped data and the second agency, to break on purpose."""
    return with_second_agency(tmp_path / "data")


@pytest.fixture(scope="session")
def two_agency_manual(tmp_path_factory: pytest.TempPathFactory) -> Manual:
    root = with_second_agency(tmp_path_factory.mktemp("dua-instansi") / "data")
    result, problems = load_manual(root)
    assert result is not None, [p.format() for p in problems]
    return result


REVOKED = FIXTURES / "sop-dicabut"
OLD_SOP = "sop_defs/diskominfo/program-data/permintaan-data-lama.yaml"  # dicabut 1 Juli 2026
NEW_SOP = "sop_defs/diskominfo/program-data/permintaan-data.yaml"  # its replacement


def with_revoked_sop(target: Path) -> Path:
    """The shipped data plus the fixture's revoked SOP (`permintaan-data-lama`), its replacement and their records."""
    return shipped_plus(REVOKED, target)


@pytest.fixture
def revoked_root(tmp_path: Path) -> Path:
    """A copy of the shipped data with a revoked SOP and its replacement, to break on purpose."""
    return with_revoked_sop(tmp_path / "data")
