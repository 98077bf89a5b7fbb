import pytest

from generator.render.escape import html_text, markdown_text, shortened


def test_markdown_text_has_no_active_characters() -> None:
    # every punctuation mark becomes a numeric entity, `&` included; letters and spaces stay
    assert str(markdown_text("*a* _b_ [c](d) <e> `f` | # g & h")) == (
        "&#42;a&#42; &#95;b&#95; &#91;c&#93;&#40;d&#41; &#60;e&#62; &#96;f&#96; &#124; &#35; g &#38; h"
    )


def test_markdown_text_joins_lines() -> None:
    assert str(markdown_text("satu\n  dua")) == "satu dua"


def test_html_text() -> None:
    assert str(html_text('<b>"x"</b>')) == "&#60;b&#62;&#34;x&#34;&#60;/b&#62;"


def test_shortened_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shortened("Mengesahkan Renstra", 60) == "Mengesahkan Renstra"  # short enough: unchanged
    assert shortened("Memerintahkan Kasubag Perencanaan, dan Keuangan", 30) == "Memerintahkan Kasubag…"
    assert shortened("satu  dua\ntiga empat", 14) == "satu dua tiga…"  # on one line; never half a word
    assert shortened("Sangatpanjangsekalitanpaspasi", 10) == "Sangatpan…"  # one long word is cut inside it
    assert all(len(shortened("kata " * 40, n)) <= n for n in (5, 20, 60))


TITLE_PAYLOADS = [
    "X </title><script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "&lt;img src=x onerror=alert(3)&gt;",
    "&#60;svg onload=alert(4)&#62;",
    "&lt &#x3c; &amp;lt;",
]


@pytest.mark.parametrize("text", TITLE_PAYLOADS)
def test_safe_title_survives_every_way_a_theme_prints_a_title(text: str) -> None:
    """Raw, through striptags (which decodes entities), and in a quoted attribute: never markup."""
    import html as htmllib

    from markupsafe import Markup

    from generator.render.escape import safe_title

    title = safe_title(text)
    for printed in (title, str(Markup(title).striptags()), htmllib.unescape(title)):
        assert not set("<>\"'") & set(printed)
        assert htmllib.unescape(printed) == printed  # no entity left to decode into markup


def test_safe_title_keeps_the_text_readable() -> None:
    from generator.render.escape import safe_title

    assert safe_title("Sarana & Prasarana") == "Sarana & Prasarana"
    assert safe_title("X </title>") == "X \u2039/title\u203a"
    assert safe_title("&lt;b&gt;").replace("\u2060", "") == "&lt;b&gt;"  # looks the same, decodes to nothing


def test_display_title_turns_a_rendered_heading_into_a_safe_title() -> None:
    from generator.render.escape import display_title

    assert display_title("SOP &#60;script&#62; <code>x</code> &amp; y") == "SOP \u2039script\u203a x & y"
