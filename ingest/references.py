"""A document's reference list, left out of its passages. Pure.

An entry of a bibliography ("Rahma, S. (2020). Hambatan Kerja Sama Sister City Bandung–Kawasaki. Jurnal HI,
9(1).") is the title of another work: it holds every word of a question on that topic, and an answer quoted it
as if it stated a finding. The passages from a heading naming the reference list ("Daftar Pustaka",
"References", …) up to a heading that starts an appendix ("Lampiran", "Appendix") or the end are left out.
The heading (alone, or opening the passage of the first entry) must stand in the second half of the
document's passages, where a paper's references are: the same words in a table of contents must not cost the
body. Only passages go; the page texts (the source view) and the stored original keep the list.
"""

from __future__ import annotations

import re

NAMES = frozenset({
    "daftar pustaka", "pustaka", "kepustakaan", "daftar referensi", "referensi", "rujukan", "daftar rujukan",
    "bibliografi", "references", "reference list", "bibliography", "works cited", "literature cited",
})
APPENDIX = ("lampiran", "appendix", "appendices")
MAX_HEADING_CHARS = 40
# "BAB VI", "6.", "VI.", "7.2" before a heading's words.
_NUMBERING = re.compile(r"^(?:bab\s+)?(?:[ivxlc]+|\d+(?:\.\d+)*)[.)]?\s+", re.IGNORECASE)


def reference_list(texts: list[str]) -> range:
    """The positions of the reference list among a document's passage texts (empty when it has none)."""
    start = next((i for i in range(len(texts) // 2, len(texts)) if _heading(texts[i]) in NAMES), None)
    if start is None or start == 0:
        return range(0)
    end = next((i for i in range(start + 1, len(texts)) if _heading(texts[i]).startswith(APPENDIX)), len(texts))
    return range(start, end)


def _heading(text: str) -> str:
    # A heading opens the passage of what it titles (ingest/passages.py): "DAFTAR PUSTAKA\n\nRahma, S. …".
    text = text.split("\n", 1)[0]
    if len(text) > MAX_HEADING_CHARS:
        return ""
    name = _NUMBERING.sub("", text.strip().rstrip(":").strip())
    return " ".join(name.casefold().split())
