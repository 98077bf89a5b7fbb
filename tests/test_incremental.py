from generator.plugin.incremental import snapshot, unchanged_pages

NAV = [{"Beranda": "index.md"}, {"SOP": ["sop/a.md", "sop/b.md"]}]


def test_first_build_has_nothing_to_keep() -> None:
    assert unchanged_pages(None, snapshot({"sop/a.md": "A"}, NAV, b"cfg")) == set()


def test_only_pages_with_new_text_are_rebuilt() -> None:
    before = snapshot({"sop/a.md": "A", "sop/b.md": "B"}, NAV, b"cfg")
    after = snapshot({"sop/a.md": "A", "sop/b.md": "B baru", "sop/c.md": "C"}, NAV, b"cfg")
    assert unchanged_pages(before, after) == {"sop/a.md"}


def test_a_new_navigation_rebuilds_every_page() -> None:
    before = snapshot({"sop/a.md": "A"}, NAV, b"cfg")
    renamed = [{"Beranda": "index.md"}, {"SOP": [{"Nama baru": "sop/a.md"}, "sop/b.md"]}]
    assert unchanged_pages(before, snapshot({"sop/a.md": "A"}, renamed, b"cfg")) == set()


def test_a_changed_configuration_rebuilds_every_page() -> None:
    before = snapshot({"sop/a.md": "A"}, NAV, b"theme: a")
    assert unchanged_pages(before, snapshot({"sop/a.md": "A"}, NAV, b"theme: b")) == set()
