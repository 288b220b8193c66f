"""What a researcher reads about each file they uploaded, re-indexed or removed: one message per file in the
page's language, saying what happened, why a file cannot be used and what to do about it. The ingest result
keeps its English line for the CLI; here it is only the technical detail, where that detail says more."""

from __future__ import annotations

from typing import Literal, get_args

from ingest.errors import ErrorCode
from ingest.pipeline import FileResult
from ingest.readers import SUPPORTED_SUFFIXES
from ingest.versions import version_date
from knowledge.strings import ui

Kind = Literal["success", "warning", "error"]

# Codes whose message says all there is: the English reason would only repeat it (or name a CLI flag).
_SELF_EXPLAINED = frozenset({"encrypted", "wrong_password", "empty", "missing"})
# The readers' codes, and the two the pipeline and the store give a file they could not reach.
_KNOWN = frozenset(get_args(ErrorCode)) | {"io", "missing"}


def upload_types() -> list[str]:
    """The file types a researcher may upload, as the upload box and the messages name them."""
    return sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)


def _code(text: str) -> str:
    """Text shown literally inside inline code (file names and details are never Markdown)."""
    return "`" + text.replace("`", "'").replace("\n", " ") + "`"


def result_message(result: FileResult, lang: str) -> tuple[Kind, str]:
    """How one file's result is shown: the kind of box and its Markdown."""
    name = _code(result.path.name)
    if result.status == "indexed":
        text = ui("file_indexed", lang, name=name, n=result.passages)
        if result.note:
            text += " " + ui("file_note", lang, note=_code(result.note))
        # Two versions cited side by side contradict each other: worth a warning, not a green tick.
        kept = (result.earlier and not result.replaced) or result.later
        return ("warning" if kept else "success"), text + _earlier(result, lang)
    if result.status == "duplicate":
        return "warning", ui("file_duplicate", lang, name=name, other=_code(result.duplicate_of)) + _earlier(
            result, lang)
    if result.status == "removed":
        return "success", ui("file_removed", lang, name=name)
    code = result.code if result.code in _KNOWN else "other"
    why = ui(f"fail_{code}", lang, field=ui("upload_pdf_password", lang),
             types=", ".join(upload_types()))
    text = ui("file_failed", lang, name=name, why=why)
    if result.unchanged:
        text += " " + ui("file_unchanged", lang)
    if code not in _SELF_EXPLAINED and result.reason:
        text += "  \n" + ui("file_detail", lang, detail=_code(result.reason))
    return "error", text


def _earlier(result: FileResult, lang: str) -> str:
    """What became of the file's other versions in the store (ingest/versions.py): earlier ones replaced or still
    cited; newer ones (by their own dates) kept, this file cited as their earlier version."""
    later = "".join(
        "  \n" + ui("file_later_kept", lang, other=_code(v.record.file), stored=version_date(v.record.meta),
                     incoming=result.dated)
        for v in result.later
    )
    if result.replaced:
        return "".join("  \n" + ui("file_earlier_replaced", lang, other=_code(v.record.file))
                       for v in result.earlier) + later
    return "".join(
        "  \n" + ui("file_earlier_kept", lang, other=_code(v.record.file), shared=v.repeated,
                     total=v.record.passages, manage=ui("manage_title", lang), replace=ui("upload_replace", lang))
        for v in result.earlier
    ) + later


def busy_message(err: Exception, lang: str) -> str:
    """Another process holds the store's writer lock: nothing was changed."""
    return ui("store_busy", lang) + "  \n" + ui("file_detail", lang, detail=_code(str(err)))
