"""Links are written as final URLs (raw HTML is not rewritten by MkDocs), for both URL styles."""

import pytest

from generator.render.urls import Linker


@pytest.mark.parametrize(
    ("source", "target", "directory", "files"),
    [
        ("index.md", "sop/x.md", "sop/x/", "sop/x.html"),
        ("sop/x.md", "index.md", "../../", "../index.html"),
        ("sop/x.md", "dokumen/lkj.md", "../../dokumen/lkj/", "../dokumen/lkj.html"),
        ("sop/x.md", "dasar-hukum/index.md#pp", "../../dasar-hukum/#pp", "../dasar-hukum/index.html#pp"),
        ("jabatan/kabid.md", "sop/y.md#langkah-5", "../../sop/y/#langkah-5", "../sop/y.html#langkah-5"),
        ("sop/x.md", "sop/x.md#a", "./#a", "x.html#a"),
        ("progres/2025/tw3/index.md", "progres/2025/tw3/a.md", "a/", "a.html"),
        ("progres/2025/tw3/a.md", "progres/2025/tw3/index.md", "../", "index.html"),
    ],
)
def test_page_links(source: str, target: str, directory: str, files: str) -> None:
    assert Linker(True)(source, target) == directory
    assert Linker(False)(source, target) == files


def test_asset_links() -> None:
    assert Linker(True).asset("buku-dokumentasi/index.md", "records/2025/x.pdf") == "../records/2025/x.pdf"
    assert Linker(True).asset("sop/a.md", "pdf/a.pdf") == "../../pdf/a.pdf"
    assert Linker(False).asset("sop/a.md", "pdf/a.pdf") == "../pdf/a.pdf"
