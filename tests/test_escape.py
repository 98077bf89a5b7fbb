from generator.escape import html_text, markdown_text


def test_markdown_text_has_no_active_characters() -> None:
    out = str(markdown_text("*a* _b_ [c](d) <e> `f` | # g & h"))
    for ch in "*_[]()<>`|#&":
        assert ch not in out.replace("&#", "").replace(";", "") or ch == "&"
    assert "a" in out and "h" in out


def test_markdown_text_joins_lines() -> None:
    assert str(markdown_text("satu\n  dua")) == "satu dua"


def test_html_text() -> None:
    assert str(html_text('<b>"x"</b>')) == "&#60;b&#62;&#34;x&#34;&#60;/b&#62;"
