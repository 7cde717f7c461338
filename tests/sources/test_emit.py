"""Group data written as a group file's text reads back as the same data."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assetdir import yamltext
from assetdir.sources.emit import group_text


def test_keys_in_the_format_order_and_values_quoted_where_needed():
    data = {"area": "eastgate", "name": "Tea: and cake", "categories": ["lunch-club"], "summary": "yes"}
    assert group_text(data) == 'name: "Tea: and cake"\nsummary: "yes"\ncategories: [lunch-club]\narea: eastgate\n'


def test_blocks_lists_of_blocks_and_paragraphs():
    data = {
        "name": "A",
        "description": "One.\n\nTwo.",
        "cost": {"amount": Decimal("4.50"), "type": "fee"},
        "sessions": [{"start": "10:00", "days": ["monday"], "starting": dt.date(2026, 1, 5)}],
        "x-spreadsheet": {"Ward number": "7", "odd key: here": None},
    }
    text = group_text(data)
    assert "description: |-\n  One.\n\n  Two.\n" in text
    assert "  - days: [monday]\n    start: \"10:00\"\n" in text
    back = yamltext.parse(text)
    assert back["cost"] == {"type": "fee", "amount": 4.5}
    assert back["x-spreadsheet"] == {"Ward number": "7", "odd key: here": None}


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1), st.lists(st.text(min_size=1), max_size=3))
def test_any_text_reads_back_as_written(text, items):
    data = {"name": text, "description": f"{text}\n{text}", "x-kept": {"list": items, text: text}}
    assert yamltext.parse(group_text(data)) == data
