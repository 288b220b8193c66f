"""SWOT structure: which categories a question asks about, factors inside a sentence, and their labels.

All wording (definitions, cue words, in both languages) lives in prompts/swot.json; this module only decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge.latest import names_ours, refers_to_ours
from knowledge.partnerships import ours_label
from knowledge.query_terms import parse_query
from knowledge.source_notes import without_source_note
from knowledge.strings import load_json
from knowledge.study_questions import mentions_conclusion
from knowledge.tokens import split_words, stopwords
from knowledge.types import SWOT, Factor

NEGATIVE = ("weakness", "threat")


def _pattern(cues: list[str], inflect: bool, not_cues: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    cues = sorted({c.strip().lower() for c in cues if c.strip()}, key=len, reverse=True)
    if not cues:
        return None
    # A few trailing letters let one cue cover inflections (limitation/limitations, hambatan/hambatannya), and
    # now and then a word of another meaning: ``not_cues`` are such words, never counted.
    tail = r"\w{0,4}" if inflect else ""
    body = "|".join(re.escape(c) for c in cues)
    skip = f"(?!(?:{'|'.join(re.escape(w) for w in not_cues)})(?!\\w))" if inflect and not_cues else ""
    return re.compile(rf"(?<!\w){skip}(?:{body}){tail}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, re.Pattern[str] | None]
    question: dict[str, re.Pattern[str] | None]
    obstacle: re.Pattern[str] | None
    swot: re.Pattern[str] | None
    internal: re.Pattern[str] | None
    external: re.Pattern[str] | None
    negation: re.Pattern[str] | None
    # What a partnership needs ("tindak lanjut", "budget"): negated, it is a weakness, not a problem denied.
    need: re.Pattern[str] | None = None
    # Where a negation's reach ends: "no follow-up, stalling over a lack of …", "never followed it up for lack …".
    clause_break: re.Pattern[str] | None = None
    internal_factor: re.Pattern[str] | None = None
    external_factor: re.Pattern[str] | None = None
    findings: re.Pattern[str] | None = None
    # Category cues naming an event ("disaster"): beside a name they ask about that event (``_asking``).
    events: re.Pattern[str] | None = None
    # Category cues naming a time ahead ("ke depan"): with a recommendation asked for, they say what it is for.
    ahead: re.Pattern[str] | None = None
    # Words ranking what a category holds ("main", "utama"): they name no topic of their own.
    qualifiers: re.Pattern[str] | None = None
    # Words asking for an overview ("summarize", "ceritakan"): of the partnership, its SWOT is one.
    overview: re.Pattern[str] | None = None
    # Words asking for all there is ("everything", "apa saja yang kamu tahu"), and those said around them.
    whole: re.Pattern[str] | None = None
    overview_filler: frozenset[str] = frozenset()

    @classmethod
    def from_table(cls, table: dict) -> Lexicon:
        def both(entry: dict | None) -> list[str]:
            entry = entry or {}
            return [*entry.get("id", []), *entry.get("en", [])]

        skip = tuple(w.lower() for w in both(table.get("not_cues")))

        def inflected(entry: dict | None) -> re.Pattern[str] | None:
            return _pattern(both(entry), True, skip)

        cats = table["categories"]
        return cls(
            cues={c: inflected(cats[c].get("cues")) for c in cats},
            question={c: inflected(cats[c].get("question_cues")) for c in cats},
            obstacle=inflected(table.get("obstacle_cues")),
            swot=_pattern(both(table.get("swot_cues")), False),
            internal=inflected(table.get("internal_cues")),
            external=inflected(table.get("external_cues")),
            negation=_pattern(both(table.get("negation_cues")), False),
            need=inflected(table.get("need_cues")),
            clause_break=_clause_break(both(table.get("clause_breaks"))),
            internal_factor=inflected(table.get("internal_factor_cues")),
            external_factor=inflected(table.get("external_factor_cues")),
            findings=inflected(table.get("findings_cues")),
            events=inflected(table.get("event_cues")),
            ahead=inflected(table.get("ahead_cues")),
            qualifiers=_pattern(both(table.get("qualifier_cues")), False),
            overview=_pattern(both(table.get("overview_cues")), False),
            whole=_pattern(both(table.get("whole_cues")), False),
            overview_filler=frozenset(w.lower() for w in table.get("overview_filler", [])),
        )


def _clause_break(words: list[str]) -> re.Pattern[str]:
    """Punctuation that closes a clause, or one of ``words`` ("karena", "but")."""
    pattern = _pattern(words, False)
    return re.compile(f"[,;:()]|{pattern.pattern}" if pattern else "[,;:()]", re.IGNORECASE)


@cache
def lexicon() -> Lexicon:
    return Lexicon.from_table(load_json("swot.json"))


def _count(pattern: re.Pattern[str] | None, text: str) -> int:
    return len(pattern.findall(text)) if pattern else 0


# -- questions -------------------------------------------------------------------------------------------
def question_categories(question: str, lex: Lexicon | None = None) -> list[str]:
    """The SWOT categories a question asks about, in the order the answer should lead with."""
    lex = lex or lexicon()
    if names_swot(question, lex) or asks_overview(question, lex):
        # "What is meant by a SWOT analysis?" asks for a definition, not for the findings.
        if _count(lex.question.get("other"), question) and not _count(lex.findings, question):
            return []
        return list(SWOT)
    asked: list[str] = []
    if _count(lex.internal_factor, question):
        asked += ["strength", "weakness"]
    if _count(lex.external_factor, question):
        asked += ["opportunity", "threat"]
    if _count(lex.obstacle, question):
        internal, external = _count(lex.internal, question), _count(lex.external, question)
        if internal and not external:
            asked.append("weakness")
        elif external and not internal:
            asked.append("threat")
        else:
            asked += ["weakness", "threat"]
    for cat in SWOT:
        if cat not in asked and _asking(lex.question.get(cat), question, lex):
            asked.append(cat)
    return asked


def asks_overview(question: str, lex: Lexicon | None = None) -> bool:
    """Whether the question asks for an overview of this partnership ("Summarize the partnership", "Ceritakan
    tentang kerja sama ini", "Give me an overview of the Bandung–Kawasaki cooperation"): its SWOT answers it, as
    the study sums it up. "Summarize the partnership in one sentence." was answered, tentatively, with the
    objects of a foreign cooperation under Indonesian law. Not an overview of anything else ("Ceritakan tentang
    Kang Pisman")."""
    lex = lex or lexicon()
    if not _overview_words(question, lex):
        return False
    return refers_to_ours(question) or names_ours(question) or _names_nothing_else(question, lex)


def _overview_words(question: str, lex: Lexicon) -> bool:
    """Whether the question holds a word asking for an overview ("summarize") or for all there is ("everything")."""
    return bool(_count(lex.overview, question) or _count(lex.whole, question))


def asks_plain_overview(question: str, lex: Lexicon | None = None) -> bool:
    """Whether the question asks for an overview and names no subject ("Summarize.", "Tell me everything.", "Apa
    saja yang kamu tahu?"): of all Kawan covers, which is this partnership. Searched as typed, its words are near
    no passage ("Summarize." was refused, "Tell me everything." answered with the JICA project's budget)."""
    lex = lex or lexicon()
    return _overview_words(question, lex) and _names_nothing_else(question, lex)


def overview_subject(question: str, language: str) -> str:
    """A plain overview question with what it asks for named, in ``language`` ("Summarize." -> "Summarize:
    strengths, weaknesses, opportunities and threats of the Bandung–Kawasaki partnership"), as it is searched."""
    subject = load_json("swot.json")["overview_subject"]["id" if language == "id" else "en"]
    return f"{question.rstrip(' .?!')}{subject.format(ours=ours_label())}"


def _names_nothing_else(question: str, lex: Lexicon) -> bool:
    """Whether an overview question names no subject: "Summarize.", "Tell me everything.", "Apa saja yang kamu
    tahu?" ask about all Kawan covers, which is this partnership."""
    rest = question
    for pattern in (lex.overview, lex.whole):
        if pattern is not None:
            rest = pattern.sub(" ", rest)
    return all(w in lex.overview_filler or w in stopwords() for w in split_words(rest))


_NAME_BEFORE = re.compile(r"\S\s+[A-Z][\w–-]*\s+$")  # a capitalised word, not the question's first
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _asking(pattern: re.Pattern[str] | None, question: str, lex: Lexicon) -> bool:
    """Whether a cue of ``pattern`` asks for its category: not an event cue beside a name ("What national law
    came out of the Leuwigajah disaster?" and "Undang-undang apa yang lahir setelah bencana Leuwigajah?" ask
    about that disaster, and were answered with the threat section, led by the study's threats, first), nor a
    cue naming a time ahead in a question asking for a conclusion or recommendation ("Apa rekomendasi
    penelitian ini untuk ke depan?" asks what the study recommends, and was answered with the opportunities
    first, above the study's conclusion)."""
    if pattern is None:
        return False
    advice = mentions_conclusion(question)
    for m in pattern.finditer(question):
        cue = m.group(0)
        event = lex.events is not None and lex.events.fullmatch(cue) is not None
        if event and (_NAME_BEFORE.search(question[: m.start()]) or _NAME_AFTER.match(question[m.end():])):
            continue
        if advice and lex.ahead is not None and lex.ahead.fullmatch(cue) is not None:
            continue
        return True
    return False


def without_category_words(question: str, lex: Lexicon | None = None) -> str:
    """The question without the words that name SWOT categories ("faktor eksternal", "masa depan", "threats")
    and, when it asks for one, those ranking what it holds ("main", "utama"), i.e. what it asks about besides
    the categories."""
    lex = lex or lexicon()
    patterns = [lex.swot, lex.internal_factor, lex.external_factor, lex.obstacle,
                *(lex.question.get(c) for c in SWOT)]
    if question_categories(question, lex):
        # "What are the main weaknesses?" asks for the weaknesses: "main" is no topic the documents must know.
        patterns.append(lex.qualifiers)
    if asks_overview(question, lex):
        # Nor is "summarize" or "everything" ("Summarize the partnership", "Tell me everything.").
        patterns += [lex.overview, lex.whole]
    for pattern in patterns:
        if pattern is not None:
            question = pattern.sub(" ", question)
    return question


def names_swot(text: str, lex: Lexicon | None = None) -> bool:
    """Whether the text names the SWOT method or all four categories together ("… a SWOT analysis to map
    strengths, weaknesses, opportunities, and threats"): the study's method sentence, which gives no finding."""
    return bool(_count((lex or lexicon()).swot, text))


def asks_only_categories(question: str, language: str, lex: Lexicon | None = None) -> bool:
    """Whether the question asks for SWOT categories and nothing else ("Apa ancamannya?", "What are the
    strengths?"): no search term is left once its category words are gone."""
    return bool(question_categories(question, lex)) and not parse_query(without_category_words(question, lex), language)


# -- labels ----------------------------------------------------------------------------------------------
def category_scores(text: str, lex: Lexicon | None = None) -> dict[str, float]:
    """Cue evidence per category; obstacles split into internal (weakness) and external (threat)."""
    lex = lex or lexicon()
    scores = {c: float(_count(lex.cues.get(c), text)) for c in (*SWOT, "other")}
    obstacles = _count(lex.obstacle, text)
    external = _count(lex.external, text)
    internal = _count(lex.internal, text)
    if obstacles or scores["weakness"] or scores["threat"]:
        negative = obstacles + scores["weakness"] + scores["threat"]
        if external > internal:
            scores["threat"] += negative * 0.5 + external
            scores["weakness"] *= 0.5
        else:
            scores["weakness"] += obstacles * 0.75 + internal * 0.5
    if lex.negation and (scores["weakness"] or scores["threat"]) and _negated(text, lex):
        # "tidak ada kendala berarti" / "no major obstacles": a negated problem reads as a strength.
        scores["strength"] += scores["weakness"] + scores["threat"]
        scores["weakness"] = scores["threat"] = 0.0
    return scores


def _negated(text: str, lex: Lexicon) -> bool:
    """Whether a problem is denied ("tidak ada kendala berarti", "no major coordination problems"). Not when the
    negation belongs to a problem cue itself ("belum optimal", "no guarantee"), nor when it denies a need ("tanpa
    tindak lanjut", "no joint monitoring"): those are the weakness, stated."""
    assert lex.negation is not None
    negations = list(lex.negation.finditer(text))
    if not negations:  # most sentences: no need to find the problem cues (every passage and factor asks at ingest)
        return False
    problems = [p for p in (lex.obstacle, lex.cues.get("weakness"), lex.cues.get("threat")) if p is not None]
    inside = [m.span() for p in problems for m in p.finditer(text)]
    for neg in negations:
        if any(a <= neg.start() and neg.end() <= b for a, b in inside):
            continue
        scope = text[neg.end() : neg.end() + 40]
        end = lex.clause_break.search(scope) if lex.clause_break else None
        scope = scope[: end.start()] if end else scope
        if lex.need is not None:
            scope = lex.need.sub(" ", scope)
        if any(_count(p, scope) for p in problems):
            return True
    return False


def decide(scores: dict[str, float], prior: str | None = None, min_confidence: float = 0.34) -> tuple[str, float]:
    """Best category and a confidence in [0, 1]; weak or absent evidence gives 'other'."""
    if prior and prior in SWOT:
        scores = dict(scores)
        scores[prior] += 1.0
    total = sum(scores.values())
    if total <= 0:
        return "other", 0.0
    best = max(scores, key=lambda c: scores[c])
    confidence = scores[best] / (total + 0.5)
    if best != "other" and confidence < min_confidence:
        return "other", round(confidence, 3)
    return best, round(confidence, 3)


def label_text(text: str, lex: Lexicon | None = None, prior: str | None = None) -> tuple[str, float]:
    return decide(category_scores(text, lex), prior)


# -- factors ---------------------------------------------------------------------------------------------
# Words that open an enumeration of factors, strongest first ("such as" usually sits inside one factor).
_INTRO = re.compile(
    r"(?<!\w)(?:termasuk|berupa|melalui|antara lain|meliputi|yaitu|including|in the form of|through|"
    r"namely|such as|seperti)(?!\w)\s*:?\s*",
    re.IGNORECASE,
)
_LEADING_CONJ = re.compile(r"^(?:dan|serta|hingga|maupun|and|as well as|or|atau)\s+", re.IGNORECASE)
_LAST_CONJ = re.compile(r"\s+(?:serta|hingga|as well as)\s+", re.IGNORECASE)


def factor_spans(sentence: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the enumeration starts, and the (start, end) span of each listed factor in the sentence.

    Returns (len(sentence), []) when the sentence lists fewer than two factors.
    """
    # Source notes "(Sumber: a, b, 2016)" are lists too, but of references, not of factors; and a bracket before
    # the list ("Project … (February 2024 – February 2028) targets …, including …") ends what is read. A
    # bracket inside the list belongs to its factor: "pengelolaan TPS (tempat penampungan sementara), dan
    # rencana aksi …" lost its gloss and the factors after it.
    paren = sentence.find(" (")
    scope = sentence if paren < 0 else sentence[:paren]
    intro = _first_intro(scope)
    if intro is None:
        return len(sentence), []
    body_start = intro.end()
    scope = without_source_note(sentence)
    body_end = len(scope.rstrip().rstrip(".;!?"))
    spans: list[tuple[int, int]] = []
    for lo, hi in _split_outside_brackets(sentence, body_start, body_end):
        spans.extend(_trim_and_split(sentence, lo, hi))
    spans = [s for s in spans if s[1] - s[0] >= 3]
    if any(sentence[lo].isdigit() for lo, _ in spans):
        # A count opens a clause, not a listed factor: "Melalui hibah pelatihan dari Kawasaki, 10 orang dari
        # Bandung (ASN dan warga) dilatih …" is one statement, not the factors "hibah…" and "10 orang…".
        return len(sentence), []
    return (body_start, spans) if len(spans) >= 2 else (len(sentence), [])


def _split_outside_brackets(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text[lo:hi]`` between its commas outside brackets."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, lo
    for i in range(lo, hi):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth = max(0, depth - 1)
        elif text[i] == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, hi))
    return spans


def _first_intro(sentence: str) -> re.Match[str] | None:
    matches = list(_INTRO.finditer(sentence))
    if not matches:
        return None
    # Prefer an intro followed by a comma list; "such as" inside the last factor must not win.
    for m in matches:
        if "," in sentence[m.end() :]:
            return m
    return None


def _trim_and_split(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    lead = _LEADING_CONJ.match(text[lo:hi])
    if lead:
        lo += lead.end()
    inner = list(_LAST_CONJ.finditer(text[lo:hi]))
    if inner:
        cut = inner[-1]
        return [(lo, lo + cut.start()), (lo + cut.end(), hi)]
    return [(lo, hi)]


def extract_factors(sentence: str, lex: Lexicon | None = None) -> tuple[str, float, tuple[Factor, ...]]:
    """Label a sentence and each factor it lists. A factor's own cues beat the sentence's lead-in."""
    lex = lex or lexicon()
    head_end, spans = factor_spans(sentence)
    sentence_label = label_text(sentence, lex)
    if not spans:
        return sentence_label[0], sentence_label[1], ()
    head_scores = category_scores(sentence[:head_end], lex)
    head_label, _ = decide(head_scores)
    if head_label == "other":
        # A list in a method or background sentence is not a list of SWOT factors.
        return sentence_label[0], sentence_label[1], ()
    factors = []
    for lo, hi in spans:
        piece = sentence[lo:hi]
        own = category_scores(piece, lex)
        if head_label in NEGATIVE and sum(own[c] for c in NEGATIVE) == 0:
            # An obstacle listed under "hambatan" with no cue of its own is internal unless said otherwise.
            own["weakness"] += 0.5
        cat, conf = decide(own, prior=head_label if head_label != "other" else None)
        factors.append(Factor(text=piece, start=lo, end=hi, category=cat, confidence=conf))
    cats = [f.category for f in factors]
    main = max(set(cats), key=cats.count)
    return main, sentence_label[1], tuple(factors)
