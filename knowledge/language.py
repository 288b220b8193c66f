"""Tell Indonesian ("id") from English ("en") for passages and for questions.

The product is bilingual, so every answer is one of exactly these two codes. Here rather than in ingest/
because query handling in knowledge/ needs it too, and knowledge/ must not import ingest/.

Two signals:
- a vote of cue words (function words and the domain's key nouns) — reliable on a few words, where a
  character n-gram model guesses;
- py3langid restricted to id/ms/en (Malay shares most n-grams with Indonesian, so ms counts as id) — reliable
  on sentences, where a handful of cue words can be outvoted by names and loan words.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal, Protocol

Language = Literal["id", "en"]
# A passage may also be Japanese or Chinese (a Kawasaki City report, a press release): no stemmer, and no
# keyword match with either language's questions, so it is cross-lingual to both (knowledge/fusion.py).
PassageLanguage = Literal["id", "en", "ja", "zh"]
DEFAULT_LANGUAGE: Language = "en"

ID_CUES: frozenset[str] = frozenset(
    {
        "yang", "dan", "di", "ke", "dari", "dengan", "untuk", "dalam", "pada", "ini", "itu", "adalah",
        "ialah", "apa", "apakah", "saja", "bagaimana", "gimana", "mengapa", "kenapa", "siapa", "kapan",
        "dimana", "mana", "berapa", "tidak", "tak", "bukan", "ada", "atau", "juga", "oleh", "sebagai", "akan",
        "telah", "sudah", "belum", "karena", "serta", "tersebut", "antara", "tentang", "bagi", "sejak",
        "hingga", "sampai", "secara", "lebih", "sangat", "para", "setiap", "saya", "kami", "kita", "mereka",
        "jelaskan", "sebutkan", "tolong", "mohon", "bisa", "dapat", "yg", "dgn", "utk", "tdk", "kota",
        "kerja", "sama", "kerjasama", "kemitraan", "hambatan", "kendala", "peluang", "kekuatan", "kelemahan",
        "ancaman", "tantangan", "sampah", "pengelolaan", "lingkungan", "pemerintah", "daerah", "manfaat",
        "dampak", "tujuan", "hasil", "penelitian", "peran", "sdm", "anggaran", "pendanaan", "budaya",
        "bahasa", "kebijakan", "pelaksanaan",
    }
)  # fmt: skip
EN_CUES: frozenset[str] = frozenset(
    {
        "the", "an", "and", "or", "of", "to", "in", "on", "for", "with", "from", "by", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "what", "which", "who",
        "whom", "whose", "when", "where", "why", "how", "this", "that", "these", "those", "it", "its", "not",
        "can", "could", "would", "should", "will", "about", "between", "into", "than", "there", "their",
        "they", "we", "our", "you", "your", "me", "tell", "give", "show", "explain", "list", "describe",
        "summarize", "summarise", "please", "main", "key", "cooperation", "partnership", "obstacle",
        "obstacles", "barrier", "barriers", "challenge", "challenges", "opportunity", "opportunities",
        "strength", "strengths", "weakness", "weaknesses", "threat", "threats", "waste", "management",
        "government", "local", "benefits", "impact", "goals", "results", "study", "role", "funding", "budget",
        "culture", "language", "policy", "implementation",
    }
)  # fmt: skip
# A question that opens with one of these is in that language, whatever names or titles follow ("Kapan novel
# We Need to Talk About Kevin dirilis?" is Indonesian though most of its words are English cues).
ID_QUESTION_OPENERS: frozenset[str] = frozenset(
    {
        "apa", "apakah", "siapa", "siapakah", "kapan", "kapankah", "berapa", "berapakah", "bagaimana",
        "bagaimanakah", "mengapa", "mengapakah", "kenapa", "dimana", "dimanakah", "manakah", "bilamana",
        "adakah", "bolehkah", "bisakah", "dapatkah", "jelaskan", "sebutkan", "tolong", "mohon",
    }
)  # fmt: skip
EN_QUESTION_OPENERS: frozenset[str] = frozenset(
    {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "explain", "describe", "list"}
)
# Word endings that belong to one language only (Indonesian "-nya" clitic, English "-tion").
_ID_ENDINGS: tuple[str, ...] = ("nya",)
_EN_ENDINGS: tuple[str, ...] = ("tion", "tions")
_MIN_ENDING_WORD = 5

# Below this many words a text counts as short: the cue-word vote goes first.
SHORT_TEXT_WORDS = 8
# A question's language is taken from the model only when it is at least this sure.
QUERY_MIN_CONFIDENCE = 0.75

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
# Kana and CJK ideographs: one character class for the language labels and the keyword tokens' bigrams.
CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_CJK_CHAR = re.compile(CJK_CLASS)
_KANA = re.compile("[\u3040-\u30ff]")
_QUOTED = re.compile(r"[\"“][^\"”]{0,300}[\"”]")
_ADDRESS = re.compile(r"\b(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*")
_MIN_WORDS_LEFT = 3
# Capital first and last: "JICA", "SWOT", "MoU", "COVID-19".
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9](?:-[A-Z0-9]+)*\b")


class _Classifier(Protocol):
    def set_languages(self, langs: list[str] | None = None) -> None: ...
    def rank(self, text: str) -> list[tuple[str, float]]: ...


def detect_language(text: str) -> PassageLanguage:
    """Language of a passage: "id" or "en"; "ja" or "zh" when it is written more in CJK characters than in
    Latin letters (Japanese when it holds kana).

    Short texts are decided by the cue-word vote when it is not a tie; everything else by the model. Text
    with no letters at all is "en" (the default; nothing to go on).
    """
    cjk = len(_CJK_CHAR.findall(text))
    if cjk and cjk > len(_LATIN.findall(text)):
        # The model knows only Indonesian and English: it called Japanese Indonesian at 0.97.
        return "ja" if _KANA.search(text) else "zh"
    words = _words(text)
    if not words:
        return DEFAULT_LANGUAGE
    if len(words) < SHORT_TEXT_WORDS:
        voted = _vote(words)
        if voted is not None:
            return voted
    language, _ = _model_guess(_without_names(text))
    return language


def settle_cjk(languages: list[str]) -> list[str]:
    """A document's passage languages, its kanji-only passages Japanese where it writes Japanese: a heading or a
    name in kanji alone ("川崎市環境局", "低炭素都市") has no kana to tell, and was labelled Chinese in a Kawasaki
    report. A document with more Chinese passages than Japanese ones keeps them."""
    ja, zh = languages.count("ja"), languages.count("zh")
    if not ja or zh > ja:
        return list(languages)
    return ["ja" if lang == "zh" else lang for lang in languages]


def detect_query_language(text: str) -> Language:
    """Language of a user's question, robust for two or three words ("What obstacles?", "hambatan apa saja?").

    The opening question word first ("Kapan …", "When …"), then cue words, because on so few characters the
    model is near chance; then the model, but only when it is confident; "en" when neither decides (e.g.
    "SWOT?", "JICA"): acronyms carry no language.
    """
    words = _words(text)
    if not words:
        return DEFAULT_LANGUAGE
    if words[0] in ID_QUESTION_OPENERS or words[:2] == ["di", "mana"]:
        return "id"
    if words[0] in EN_QUESTION_OPENERS:
        return "en"
    voted = _vote(words)
    if voted is not None:
        return voted
    # Acronyms are the same in both languages; the model would only guess from their letters.
    rest = _ACRONYM.sub(" ", text)
    # Nothing in Latin letters ("川崎市とバンドンの協力は…"): neither language, and the model, which knows only
    # these two, called Japanese Indonesian at 0.97. English is the answer's language for a question in neither.
    if not _LATIN.search(rest):
        return DEFAULT_LANGUAGE
    language, confidence = _model_guess(rest)
    return language if confidence >= QUERY_MIN_CONFIDENCE else DEFAULT_LANGUAGE


def _without_names(text: str) -> str:
    """The text without what carries no language of its own: quoted titles, web addresses and capitalised
    words past a sentence's start (names). An English note citing an Indonesian headline, or listing
    kelurahan by name, was read as Indonesian (7 of the 270 shipped passages; none of ~2,500 benchmark
    passages changes). The text itself when too little is left."""
    rest = _NAME.sub(" ", _ADDRESS.sub(" ", _QUOTED.sub(" ", text)))
    return rest if len(_words(rest)) >= _MIN_WORDS_LEFT else text


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


# Each half of a two-language title has at least this many words: "Input / Output" is no translation pair.
TITLE_HALF_WORDS = 3


@lru_cache(maxsize=1024)
def title_in(title: str, language: str) -> str:
    """A title written in both languages, "Indonesian / English" (the shipped study's, as theses often are), in
    ``language`` alone: where a source list repeats it, the other half doubles its length. Any other title
    whole, including two halves in one language ("Kerja sama Bandung / Kawasaki")."""
    halves = title.split(" / ")
    if len(halves) != 2 or any(len(_words(h)) < TITLE_HALF_WORDS for h in halves):
        return title
    languages = [detect_language(h) for h in halves]
    if language not in languages or languages[0] == languages[1]:
        return title
    return halves[languages.index(language)].strip()


def _vote(words: list[str]) -> Language | None:
    id_votes = sum(_is_id_cue(word) for word in words)
    en_votes = sum(_is_en_cue(word) for word in words)
    if id_votes == en_votes:
        return None
    return "id" if id_votes > en_votes else "en"


def _is_id_cue(word: str) -> bool:
    return word in ID_CUES or (len(word) >= _MIN_ENDING_WORD and word.endswith(_ID_ENDINGS))


def _is_en_cue(word: str) -> bool:
    return word in EN_CUES or (len(word) >= _MIN_ENDING_WORD and word.endswith(_EN_ENDINGS))


def _model_guess(text: str) -> tuple[Language, float]:
    """The model's language and its probability, with Malay folded into Indonesian."""
    scores = dict(_classifier().rank(text))
    id_score = scores.get("id", 0.0) + scores.get("ms", 0.0)
    en_score = scores.get("en", 0.0)
    total = id_score + en_score
    if total <= 0.0:
        return DEFAULT_LANGUAGE, 0.0
    if id_score > en_score:
        return "id", id_score / total
    return "en", en_score / total


@cache
def _classifier() -> _Classifier:
    # Loaded on first use: it takes most of a second, and many callers (tests, --help) never need it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier: _Classifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["id", "ms", "en"])
    return identifier
