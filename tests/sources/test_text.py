"""HTML descriptions as plain text, and summaries cut from them."""

from assetdir.sources.text import plain_text, summary_of


def test_paragraphs_entities_and_links():
    html = '<p>A <b>friendly</b> caf&eacute; &amp; chat.</p><p>See <a href="https://x.example.org/a">our page</a>.</p>'
    assert plain_text(html) == "A friendly café & chat.\n\nSee our page (https://x.example.org/a)."


def test_line_breaks_lists_and_scripts():
    html = (
        "<h2>Exercise</h2><p>To music.<br>No experience.</p><ul><li>Water</li><li>Shoes</li></ul><script>x()</script>"
    )
    assert plain_text(html) == "Exercise\n\nTo music.\nNo experience.\n\n- Water\n- Shoes"


def test_a_link_whose_text_is_its_address_is_written_once():
    assert plain_text('<a href="mailto:a@b.example.org">a@b.example.org</a>') == "a@b.example.org"


def test_plain_text_is_only_tidied():
    assert plain_text("One  line.\r\n\r\n\r\nTwo < three") == "One line.\n\nTwo < three"


def test_summary_is_the_first_sentence_of_the_first_paragraph_with_one():
    assert summary_of("Heading\n\nGentle exercise. More words.") == "Gentle exercise."


def test_summary_is_cut_at_a_word():
    text = "word " * 60
    cut = summary_of(text)
    assert len(cut) <= 160 and cut.endswith("word...")
