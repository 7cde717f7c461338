"""HTML as plain text (most Open Referral descriptions are HTML): paragraphs kept, entities
decoded, links written as their text and address, nothing else of the markup; and a summary
cut from a description."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "blockquote", "section"}
_HIDDEN = {"script", "style", "head", "title", "template"}
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.links: list[str | None] = []
        self.link_start = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.link_start = len(self.parts)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href = (self.links.pop() or "").strip()
            text = "".join(self.parts[self.link_start :]).strip()
            if href and not href.lower().startswith(("javascript:", "#")):
                shown = href.removeprefix("mailto:").removeprefix("tel:")
                if shown != text:
                    self.parts.append(f" ({shown})" if text else shown)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return bool(_MARKUP.search(text))


def plain_text(text: str) -> str:
    """`text` without its HTML: paragraphs as blank lines, spaces tidied, nothing else of the markup."""
    if looks_like_html(text):
        parser = _Plain()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        body = "\n".join(line for line in lines if line)
        if body:
            paragraphs.append(body)
    return "\n\n".join(paragraphs)


def summary_of(text: str, limit: int = 160) -> str:
    """The first sentence of `text` on one line, cut at a word to `limit` characters."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [""]
    line = " ".join(next((p for p in paragraphs if re.search(r"[.!?](\s|$)", p)), paragraphs[0]).split())
    found = re.match(r"(.+?[.!?])(\s|$)", line)
    sentence = found[1] if found else line
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "..."
