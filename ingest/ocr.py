"""Optical character recognition for PDF pages without a usable text layer (scans), with Tesseract.

Which pages need it is decided by a pure function (`page_text_problem`); only those pages are rendered
(pypdfium2) and recognised (pytesseract, Indonesian + English). Each page is bounded in time, each file in
pages, and every page that was skipped or recognised poorly is reported in plain words (`ocr_notes`).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.document import PageText
from knowledge.strings import counted

if TYPE_CHECKING:  # imported where a page is rendered: it loads pdfium
    import pypdfium2

INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"
INSTALL_HINT = f"install Tesseract with `{INSTALL_COMMAND}`"
_LANGUAGES = ("ind", "eng")
# 300 dpi is what Tesseract is trained for; scans of ordinary 10-12 pt print need it.
RENDER_DPI = 300

# A page with fewer visible characters than this is treated as having no text layer.
_MIN_CHARS = 20
_MAX_BAD_CHAR_SHARE = 0.05
_MIN_LETTER_SHARE = 0.5
_MIN_WORDLIKE_SHARE = 0.5
# Private-use code points (fonts without a ToUnicode map), the replacement character, and control characters.
_BAD_CHARS = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?«»“”‘’-–—/*•%"
_NUMBER = re.compile(r"^[+-]?[\d.,:/%-]+$")
_WORDLIKE = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_VOWELS = frozenset("aeiouyAEIOUYáéíóúàèìòùâêîôûäëïöü")


def page_text_problem(text: str) -> str | None:
    """Why a page's extracted text is unusable ("empty", "unreadable characters", …), or None when it is fine.

    Indonesian and English words are letters with a vowel; numbers are fine (tables). A text layer made of
    private-use glyphs, replacement characters or consonant soup (a font without a Unicode map) is garbage.
    """
    visible = "".join(text.split())
    if len(visible) < _MIN_CHARS:
        return "empty"
    if len(_BAD_CHARS.findall(visible)) > _MAX_BAD_CHAR_SHARE * len(visible):
        return "unreadable characters"
    if sum(ch.isalnum() for ch in visible) < _MIN_LETTER_SHARE * len(visible):
        return "few letters"
    tokens = [t.strip(_EDGE_PUNCT) for t in _TOKEN.findall(text)]
    tokens = [t for t in tokens if t]
    fine = sum(1 for t in tokens if _NUMBER.match(t) or (_WORDLIKE.match(t) and _VOWELS.intersection(t)))
    if fine < _MIN_WORDLIKE_SHARE * len(tokens):
        return "few words"
    return None


def needs_ocr(text: str) -> bool:
    return page_text_problem(text) is not None


@dataclass(frozen=True)
class OcrOptions:
    """Bounds and languages for OCR; `on_page(done, total)` is called before each page is recognised."""

    languages: str = "+".join(_LANGUAGES)
    page_timeout_s: float = 60.0
    max_pages: int = 100
    min_confidence: float = 0.6
    on_page: Callable[[int, int], None] | None = None
    dpi: int = RENDER_DPI


@dataclass(frozen=True)
class OcrPage:
    """Recognised text of one page (lines joined by "\\n", paragraphs by "\\n\\n") and its mean confidence 0–1."""

    text: str
    confidence: float


class OcrUnavailable(Exception):
    """Tesseract (or one of its language packs) is missing; the message says what to install."""


def tesseract_problem() -> str | None:
    """What is missing for OCR, phrased as an instruction, or None when Tesseract and both languages are there."""
    import pytesseract

    command = pytesseract.pytesseract.tesseract_cmd
    if shutil.which(command) is None:
        return f"Tesseract is not installed: {INSTALL_HINT}"
    try:
        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # a broken install answers with anything
        return f"Tesseract does not run: {INSTALL_HINT}"
    missing = [lang for lang in _LANGUAGES if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return f"Tesseract lacks the language data {', '.join(missing)}: install `apt-get install {packages}`"
    return None


def render_page(pdf: object, index: int, dpi: int = RENDER_DPI) -> object:
    """Page `index` (from 0) of an open pypdfium2 document as a greyscale PIL image."""
    page = pdf[index]  # type: ignore[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def recognise(image: object, options: OcrOptions) -> OcrPage:
    """Text and confidence of one page image; RuntimeError("Tesseract process timeout") past the time bound."""
    import pytesseract

    with _one_thread():
        data = pytesseract.image_to_data(
            image, lang=options.languages, output_type=pytesseract.Output.DICT, timeout=options.page_timeout_s
        )
    return page_from_words(data)


def page_from_words(data: dict[str, list]) -> OcrPage:
    """Rebuild lines and paragraphs from Tesseract's word table; confidence is the length-weighted word mean."""
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    weighted = 0.0
    letters = 0
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        conf = float(data["conf"][i])
        if not word or conf < 0:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]))
        paragraphs.setdefault(key, {}).setdefault(int(data["line_num"][i]), []).append(word)
        weighted += conf * len(word)
        letters += len(word)
    text = "\n\n".join(
        "\n".join(" ".join(words) for _, words in sorted(lines.items())) for _, lines in sorted(paragraphs.items())
    )
    return OcrPage(text=text, confidence=round(weighted / letters / 100, 3) if letters else 0.0)


@contextmanager
def _one_thread() -> Iterator[None]:
    # Tesseract's OpenMP threads fight each other (and the embedder) on few cores: one thread is 2× faster
    # here. Only the child process sees the limit; this process's OpenMP runtime read its env at start.
    previous = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = previous or "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)


def page_list(numbers: list[int]) -> str:
    """ "page 2", "pages 2, 5", "pages 3–7" (consecutive runs joined)."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(parts)


def ocr_notes(
    recognised: dict[int, float],
    min_confidence: float,
    *,
    timed_out: Sequence[int] = (),
    failed: Sequence[int] = (),
    over_limit: Sequence[int] = (),
    max_pages: int = 0,
    timeout_s: float = 0.0,
    unavailable: str | None = None,
    unavailable_pages: Sequence[int] = (),
) -> list[str]:
    """What a person should know about the OCR of one file, in short phrases (pure).

    `recognised` maps each OCR'd page number to its confidence (0–1).
    """
    notes: list[str] = []
    if recognised:
        n = len(recognised)
        notes.append(f"{counted(n, 'page')} by OCR")
        low = sorted(p for p, c in recognised.items() if c < min_confidence)
        if low:
            worst = min(recognised[p] for p in low)
            notes.append(
                f"low OCR confidence on {page_list(low)} (lowest {worst:.0%} < {min_confidence:.0%}: check the scan)"
            )
    if timed_out:
        notes.append(f"OCR timed out on {page_list(list(timed_out))} (limit {timeout_s:g} s per page)")
    if failed:
        notes.append(f"OCR failed on {page_list(list(failed))}")
    if over_limit:
        notes.append(f"OCR skipped on {page_list(list(over_limit))} (limit {counted(max_pages, 'page')} per file)")
    if unavailable and unavailable_pages:
        notes.append(f"{page_list(list(unavailable_pages))} not read: {unavailable}")
    return notes


def ocr_pdf_pages(
    data: bytes, password: str | None, pages: list[PageText], options: OcrOptions
) -> tuple[list[PageText], list[str]]:
    """The pages with OCR text in place of every empty or garbage text layer, and notes about the OCR.

    Raises OcrUnavailable when no page has usable text and Tesseract is missing (nothing could be read).
    """
    candidates = [p.number for p in pages if p.number is not None and needs_ocr(p.text)]
    if not candidates:
        return pages, []
    by_number = {p.number: p for p in pages}
    problem = tesseract_problem()
    if problem is not None:
        if len(candidates) == len(pages):
            raise OcrUnavailable(problem)
        # Garbage is not worth indexing: the scanned pages are left out and named in the note.
        kept = [p if p.number not in candidates else PageText(p.number, "") for p in pages]
        return kept, ocr_notes({}, options.min_confidence, unavailable=problem, unavailable_pages=candidates)
    document = _open_pdfium(data, password)
    if document is None:
        run = OcrRun(failed=candidates[: options.max_pages], over_limit=candidates[options.max_pages :])
    else:
        try:
            run = recognise_pages(candidates, lambda number: render_page(document, number - 1, options.dpi), options)
        finally:
            document.close()
    # A garbage text layer is worse than none: it would be found and quoted. Unread pages are left empty.
    by_number.update((number, run.page(number)) for number in candidates)
    return [by_number[p.number] for p in pages], run.notes(options)


@dataclass
class OcrRun:
    """What recognising some pages gave: each page with text, and the pages that timed out or failed."""

    pages: dict[int, OcrPage] = field(default_factory=dict)
    timed_out: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    over_limit: list[int] = field(default_factory=list)  # past the pages-per-file bound: not tried

    def page(self, number: int) -> PageText:
        """Page ``number`` as recognised, marked OCR with its confidence; empty when nothing was read."""
        result = self.pages.get(number)
        if result is None:
            return PageText(number, "")
        return PageText(number, result.text, ocr=True, ocr_confidence=result.confidence)

    def notes(self, options: OcrOptions) -> list[str]:
        return ocr_notes(
            {n: page.confidence for n, page in self.pages.items()},
            options.min_confidence,
            timed_out=self.timed_out,
            failed=self.failed,
            over_limit=self.over_limit,
            max_pages=options.max_pages,
            timeout_s=options.page_timeout_s,
        )


def recognise_pages(numbers: Sequence[int], image_of: Callable[[int], object], options: OcrOptions) -> OcrRun:
    """OCR of each page number's image (``image_of`` renders or loads it), bounded in time per page and in pages
    per file; a page that cannot be rendered or recognised is noted and costs none of the others."""
    to_do = list(numbers[: options.max_pages])
    run = OcrRun(over_limit=list(numbers[options.max_pages :]))
    for done, number in enumerate(to_do, start=1):
        if options.on_page is not None:
            options.on_page(done, len(to_do))
        try:
            result = recognise(image_of(number), options)
        except RuntimeError as err:
            # pytesseract signals its timeout with a bare RuntimeError; TesseractError is another subclass.
            (run.timed_out if "timeout" in str(err).lower() else run.failed).append(number)
            continue
        except Exception:  # one page that cannot be rendered should not cost the rest
            run.failed.append(number)
            continue
        if result.text.strip():
            run.pages[number] = result
    return run


def _open_pdfium(data: bytes, password: str | None) -> pypdfium2.PdfDocument | None:
    import pypdfium2

    # pypdf already opened the file; like it, fall back to the empty user password when the given one fails.
    for attempt in dict.fromkeys([password, None]):
        try:
            return pypdfium2.PdfDocument(data, password=attempt)
        except Exception:  # pdfium's error types vary by version; the caller reports the pages as failed
            continue
    return None


def page_picture(data: bytes, suffix: str, page: int, width: int = 900) -> bytes | None:
    """Page ``page`` (from 1) of a PDF or image file as a PNG about ``width`` pixels wide, for a person to set
    beside its OCR text; None when it cannot be drawn (an encrypted PDF without its password, a damaged file)."""
    import io

    from PIL import Image

    try:
        if suffix.lower() == ".pdf":
            document = _open_pdfium(data, None)
            if document is None:
                return None
            try:
                pdf_page = document[page - 1]
                picture = pdf_page.render(scale=width / pdf_page.get_width()).to_pil()
                pdf_page.close()
            finally:
                document.close()
        else:
            from ingest.image_reader import upright_frame

            picture = upright_frame(Image.open(io.BytesIO(data)), page - 1).convert("RGB")  # in colour
            picture.thumbnail((width, width * 2))
        out = io.BytesIO()
        picture.save(out, "PNG")
        return out.getvalue()
    except Exception:  # drawing is a courtesy: the text and the original stay available
        return None
