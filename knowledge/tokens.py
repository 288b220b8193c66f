"""Words and keyword-index tokens of Indonesian and English text. The pipeline, the same for passages and
queries:

  NFKC + accent folding + lower-case -> words (letter runs, numbers, CJK bigrams)
  -> drop stop words of BOTH languages (prompts/stopwords.json)
  -> stem with the text's OWN language: Sastrawi for "id", snowball English for "en",
     nothing for any other code (an English stemmer never touches Indonesian).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import Stemmer
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer as SastrawiStemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from knowledge.language import CJK_CLASS
from knowledge.paths import PROMPTS_DIR

# Bump when tokenisation changes: saved indexes then refuse to load and get rebuilt.
# 2: the passages' own spellings are saved (words.json); 3: titles are read; 4: closed compounds are stemmed;
# 5: a compound's last letters are not taken for a suffix ("penandatangan"); 6: English irregular forms
# ("began", "built", "children") are stemmed as their lemma
TOKENIZER_VERSION = 6

_ACCENTS = re.compile("[\u0300-\u036f]")
_CJK = re.compile(CJK_CLASS + "+")
_CURRENCY = {"¥": "yen", "円": "yen", "$": "dollar", "€": "euro", "£": "pound"}
_CURRENCY_RE = re.compile("[¥円$€£]")
# Numbers keep their inner separators ("60.000", "3,5"); letters and digits split ("covid19" -> covid 19).
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_LOCK = threading.Lock()  # PyStemmer objects are not thread-safe; Sastrawi is only guarded for symmetry
_EN = Stemmer.Stemmer("english")
_ID_STEMS: dict[str, str] = {}  # Sastrawi is ~0.3 ms a word: every word is stemmed once per process


# -- language and words ----------------------------------------------------------------------------
def pipeline(language: str) -> str:
    """The stemmer a language code selects: "id", "en", or "" (no stemming) for anything else."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if code in ("id", "in", "ms"):  # "in" is the old ISO code; Malay shares Indonesian morphology
        return "id"
    return "en" if code == "en" else ""


def _cjk_bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return " " + " ".join(grams) + " "


def split_words(text: str, keep_case: bool = False) -> list[str]:
    """Surface words, folded and (unless ``keep_case``) lower-cased; CJK has no spaces, so its runs become
    overlapping character bigrams."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", text)))
        text = _CURRENCY_RE.sub(lambda m: f" {_CURRENCY[m.group(0)]} ", text)
        text = _CJK.sub(_cjk_bigrams, text)
    elif "$" in text:
        text = text.replace("$", " dollar ")
    if not keep_case:
        text = text.lower()
    return _WORD.findall(text)


@cache
def stopwords() -> frozenset[str]:
    data = json.loads((PROMPTS_DIR / "stopwords.json").read_text(encoding="utf-8"))
    return frozenset(w.lower() for lang in ("id", "en") for w in data[lang])


@cache
def _sastrawi() -> Any:
    return StemmerFactory().create_stemmer()


# Each part of a closed compound is a root of at least this many letters: shorter ones ("mang", "bila") split
# names and loanwords ("minangkabau", "bilaterian") into roots that happen to exist.
_COMPOUND_PART = 4
_CLITICS = frozenset({"", "nya", "ku", "mu", "lah", "kah", "pun", "tah"})  # Sastrawi's inflectional endings


class _CompoundRoots(ArrayDictionary):
    """Sastrawi's roots, and any word made of two of them: the root of "menandatangani" is "tandatangan" (tanda +
    tangan), which no root list holds, so Sastrawi returns such words unstemmed and "ditandatangani",
    "menandatangani" and "penandatanganan" never matched one another."""

    def contains(self, word: str | None) -> bool:
        if not word:
            return False
        if word in self.words:
            return True
        return any(word[:i] in self.words and word[i:] in self.words
                   for i in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1))


@cache
def _compound_stemmer() -> Any:
    # The plain stemmer's own roots: Sastrawi's word file is read once.
    return SastrawiStemmer(_CompoundRoots(_sastrawi().delegatedStemmer.dictionary.words))


def _stem_compound(word: str) -> str:
    """The compound root of a word Sastrawi left whole, when it sheds both a prefix and a suffix to reach it
    ("ketidakpastian" -> "tidakpasti"); else the word. What sheds a prefix or a suffix alone is as often a name
    or loanword ("disutradari", "kariogami") cut into a false compound."""
    # Two parts, a prefix of two letters at least and a suffix of one: shorter words (most names) need no second
    # pass, which costs ~0.6 ms a word.
    stemmer = _compound_stemmer()
    if len(word) < 2 * _COMPOUND_PART + 3 or word in stemmer.dictionary.words:  # a root itself: "pertama"
        return word
    root = stemmer.stem(word) or word
    # Compared by three letters, since a prefix may change the root's first one (meN-: "minangkabau" would be
    # "mangkabau", a prefix alone).
    stripped_both = len(root) < len(word) and word[:3] != root[:3] and word[-3:] != root[-3:]
    return _whole_root(word, root, stemmer.dictionary) if stripped_both else word


def _whole_root(word: str, root: str, roots: _CompoundRoots) -> str:
    """The root, with the letters after it in the word that it took for a suffix when root and letters make a
    longer compound: "penandatangan" (the signatory) is "pe-" + "tandatangan", not "tandatang" + "-an" ("tanda"
    + "tang", pliers)."""
    at = word.find(root[1:])  # from its second letter: a prefix may change the first ("menandatangani")
    if at < 1:
        return root
    after = word[at + len(root) - 1 :]
    # What is left must be no suffix but a particle or possessive: "dikerjasamakan" is "kerjasama" + "-kan",
    # not "kerja" + "samak" (tanning) + "-an".
    return next((root + after[:n] for n in range(len(after), 0, -1)
                 if after[n:] in _CLITICS and roots.contains(root + after[:n])), root)


def learned_id_stems() -> dict[str, str]:
    """Every Indonesian word stemmed so far in this process, with its root: saved with an index."""
    return dict(_ID_STEMS)


def learn_id_stems(stems: dict[str, str]) -> None:
    """Take roots stemmed by an earlier process (an index's saved ones), so they are not stemmed again."""
    for word, root in stems.items():
        _ID_STEMS.setdefault(word, root)


def _stem_id(word: str) -> str:
    got = _ID_STEMS.get(word)
    if got is None:
        with _LOCK:
            got = _sastrawi().stem(word) or word
            if got == word:
                got = _stem_compound(word)
        _ID_STEMS[word] = got
    return got


@cache
def _lemmas() -> Any:
    from lemminflect import getAllLemmas  # its tables load on first use (~0.2 s)

    return getAllLemmas


def _irregular_lemma(word: str) -> str | None:
    """The lemma of an irregular English verb or noun form ("began" → "begin", "built" → "build", "children" →
    "child"), when it has exactly one: "found" (find, found) and "left" (leave, left) keep their own stem, as do
    comparatives ("largest", "latest"). None for any other word."""
    by_pos = _lemmas()(word)
    lemmas = {lemma for forms in by_pos.values() for lemma in forms}
    if len(lemmas) != 1 or word in lemmas or not set(by_pos) <= {"VERB", "NOUN"}:
        return None
    return next(iter(lemmas))


@lru_cache(maxsize=1 << 18)
def _stem_en(word: str) -> str:
    with _LOCK:
        stemmed = str(_EN.stemWord(word))
        if stemmed != word:  # snowball took a regular ending off ("programming"): its stem stands
            return stemmed
        # Left whole, it may be an irregular form: "When did the cooperation begin?" never met "… began".
        lemma = _irregular_lemma(word)
        return str(_EN.stemWord(lemma)) if lemma else stemmed


def stem(word: str, language: str) -> str:
    """Stem one lower-case word; numbers and non-Latin words pass through unchanged."""
    pipe = pipeline(language)
    if not pipe or not (word.isascii() and word.isalpha()):
        return word
    return _stem_en(word) if pipe == "en" else _stem_id(word)


def _make_term(word: str, pipe: str) -> str:
    if word in stopwords() or (len(word) == 1 and word.isascii() and word.isalpha()):
        return ""
    if word[0].isdigit():
        return word.replace(",", ".")  # "60,000" and "60.000" (Indonesian) are one number
    return stem(word, pipe)


# word -> index token ("" = dropped), per pipeline: a dict lookup is the whole per-token cost of a build.
_TERMS: dict[str, dict[str, str]] = {"id": {}, "en": {}, "": {}}
_TERMS_MAX = 500_000  # forget everything past this many words rather than grow without bound


def index_token(word: str, pipe: str) -> str:
    """The index token of a lower-case word; "" for stop words and stray single letters."""
    table = _TERMS[pipe]
    got = table.get(word)
    if got is None:
        if len(table) > _TERMS_MAX:
            table.clear()
        got = table[word] = _make_term(word, pipe)
    return got


def tokenize(text: str, language: str) -> list[str]:
    """Index tokens of a text (stop words removed, stemmed by the text's own language), in order."""
    pipe = pipeline(language)
    table = _TERMS[pipe]
    out: list[str] = []
    for word in split_words(text):
        got = table.get(word)
        if got is None:
            got = index_token(word, pipe)
        if got:
            out.append(got)
    return out


def dedupe(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tokens))


@cache
def fingerprint() -> str:
    """This tokenisation (its version and stop words): an index saved under another one cannot be read."""
    stop = (PROMPTS_DIR / "stopwords.json").read_bytes()
    return hashlib.sha256(f"{TOKENIZER_VERSION}:".encode() + stop).hexdigest()[:16]
