"""Where a document comes from, as its own file says: author, dates, web site and address. Pure.

An official checking a citation needs more than a file name ("berita.html" says nothing): the page's web
address and site, who wrote it and when. Readers return what each format holds under their own names (a PDF's
/Author, /CreationDate and /ModDate, a web page's author, date, sitename and url, a Word file's core properties);
the dates also tell two versions of a document apart (ingest/versions.py). This
keeps what is worth showing under the keys of knowledge.types.PROVENANCE_FIELDS (and "url"), and drops what
only looks like a value: the account name an office suite writes as author ("User", "Windows User").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

# Written by office suites and scanners for whoever was logged in: not an author.
_NOT_AUTHORS = frozenset({
    "user", "windows user", "microsoft office user", "admin", "administrator", "owner", "pc", "hp", "acer",
    "asus", "lenovo", "dell", "toshiba", "author", "unknown", "anonymous", "unspecified", "default",
})
# A template's own author (python-docx's default document): its dates are the template's too, not the file's.
_TEMPLATE_AUTHORS = frozenset({"python-docx"})
# "2024-03-02", "2024-03-02T10:00:00+07:00", PDF's "D:20240302100000+07'00'" (the date part is enough).
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


# A DOI (Crossref's own pattern for modern DOIs), as articles print it: "DOI: 10.xxxx/…", "https://doi.org/10.…".
_DOI = re.compile(r"\b10\.\d{4,9}/[-._;()/:a-z0-9]+[a-z0-9/]", re.IGNORECASE)
_LINE_BREAK_AFTER = re.compile(r"[-._/]\n\S")


def provenance(metadata: Mapping[str, str], first_page: str = "") -> dict[str, str]:
    """The provenance fields of a reader's metadata, cleaned; absent when the file does not say. A journal
    article's own DOI, printed on its first page, gives its "doi" and (when no web address is known) a link."""
    found: dict[str, str] = {}
    doi = article_doi(first_page)
    if doi:
        found["doi"] = doi
    author = " ".join(metadata.get("author", "").split())
    template = author.lower() in _TEMPLATE_AUTHORS
    if author and author.lower() not in _NOT_AUTHORS and not template:
        found["author"] = author
    site = " ".join(metadata.get("sitename", "").split())
    if site:
        found["site"] = site
    for key, source in (("published", "date"), ("created", "created"), ("modified", "modified")):
        day = None if template else as_date(metadata.get(source, ""))
        if day:
            found[key] = day
    url = metadata.get("url", "").strip() or (f"https://doi.org/{doi}" if doi else "")
    if url:
        found["url"] = url  # offered as a link only where it is one (DocumentRecord.web_address)
    return found


def article_doi(text: str) -> str | None:
    """The one DOI a first page prints, lower-cased as DOIs compare; None when it prints none or several (a page
    that cites other works' DOIs says nothing certain of its own)."""
    found: set[str | None] = set()
    for match in _DOI.finditer(text):
        # A DOI too long for its line is broken after a separator ("10.24198/jwp." / "v5i2.28501"): its first
        # line alone would be a wrong link, so a DOI that ends where a line does after one counts as unknown.
        cut = match.group(0).endswith("/") or _LINE_BREAK_AFTER.match(text, match.end()) is not None
        found.add(None if cut else match.group(0).lower())
    return found.pop() if len(found) == 1 else None


def as_date(value: str) -> str | None:
    """An ISO day (YYYY-MM-DD) from an ISO timestamp or a PDF date string; None when it is no real date."""
    match = _ISO_DATE.match(value.strip()) or _PDF_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:  # "2024-13-45"
        return None
