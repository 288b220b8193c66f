"""Whether a question asks which parties take part ("Who is involved in this cooperation?", "Lembaga Jepang mana
saja yang ikut serta?"), and which parties a passage names. Pure; the words are in prompts/parties.json.

Such a question shares its subject with every passage on the partnership and its asking words with none: "Who is
involved in this cooperation?" was led by the study's aim sentence and cited no party at all, "Siapa saja yang
terlibat dalam proyek JICA …?" by the project's components. Its answer is the passages that name the parties
(knowledge/service.py puts them first: companies for a question asking for companies, organisations for one asking
for organisations). A question asking who is led the same way when its first passage names no one
(``led_by_parties``). A party is named by an acronym that is no agreement, law or place ("IGES", "DLHK"), by a
capitalised name holding a word like "Bureau" or "Universitas", or by a person's name beside a title ("Mayor
Norihiko Fukuda", "Salman Fauzi, head of …").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from knowledge.latest import names_partnership
from knowledge.leads import first_having
from knowledge.partnerships import ours
from knowledge.source_notes import without_source_note
from knowledge.strings import alternation, asks_pattern, group_phrases, load_json, phrase_pattern
from knowledge.tokens import split_words, stopwords

_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)*(?![\w-])")
_CAPITALISED = r"(?:[A-Z][\w'’.–-]*|&)"
# Words inside one name ("Institute for Global Environmental Strategies"); "and" / "dan" join two names.
_LINKS = r"(?:of|for|the|on|untuk)"
_NEAR = 3  # a party noun asks for parties with a "which" this many words away at most
H = TypeVar("H")  # a search hit, or anything a passage's text is read from


@cache
def _table() -> dict:
    return dict(load_json("parties.json"))


@cache
def _words(group: str) -> frozenset[str]:
    return frozenset(w.lower() for lang, ws in _table()[group].items() if not lang.startswith("_") for w in ws)


@cache
def _patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Organisation names ("Kawasaki Waterworks & Sewerage Bureau", "Biro Air Minum … Kawasaki"), and people's
    names beside a title: after it ("Mayor Oded M. Danial", "DLHK head Salman Fauzi"), or set off by commas
    before or after it ("Salman Fauzi, head of …", "Kepala DLHK Kota Bandung, Salman Fauzi, menyatakan",
    "Ridwan Kamil, who took office as Mayor …", "…, yang menjabat Wali Kota …"). An organisation's name is
    capitalised ("the city's environment office" names no one); a title may be written either way."""

    def body(group: str) -> str:
        return alternation(group_phrases("parties.json", group))

    org = re.compile(
        rf"(?:{_CAPITALISED}\s+)*(?:{body('org_heads')})(?!\w)(?:\s+(?:{_LINKS}\s+)*{_CAPITALISED})*"
    )
    title = rf"(?i:{body('titles')})(?!\w)"
    person = r"((?:[A-Z][\w.’'-]*\s){1,3}[A-Z][\w’'-]+)"  # two to four capitalised words
    people = (
        re.compile(rf"(?<!\w){title}\s+((?:[A-Z][\w.’'-]*\s?){{1,4}})"),
        re.compile(rf"(?<![\w.]){person},\s+(?:(?:who|yang)\s+(?:\w+\s+){{0,4}})?{title}"),
        re.compile(rf"(?<!\w){title}(?:\s+[\w'’&-]+){{0,4}},\s+{person}(?=,)"),
    )
    return org, people


def asks_for_parties(question: str) -> bool:
    """Whether a question asks which parties take part: a phrase asking for them ("who is involved", "siapa
    saja", "pihak mana"), or a party noun within three words of a "which" ("Which Japanese organisations …",
    "Instansi apa saja …"). Not "Who led the delegation?": that asks for one person."""
    if phrase_pattern("parties.json", "asks").search(question):
        return True
    words = split_words(question)
    nouns, which = _words("party_nouns"), _words("which")
    return any(
        w in nouns and any(v in which for v in words[max(0, i - _NEAR): i + _NEAR + 1])
        for i, w in enumerate(words)
    )


def only_asks_parties(question: str) -> bool:
    """Whether a question asking for the parties asks nothing else: beside its asking words, words of taking part
    ("involved", "bekerja sama"), the partnership's names ("this cooperation", "Bandung", "Kawasaki") and stop
    words, it holds no word ("Who is involved in this cooperation?"; not "Who took part in the talks on the Cicabe
    pilot facility?", nor "Which Japanese organisations …?")."""
    if not asks_for_parties(question):
        return False
    rest = question
    # The partnership's names first: "kerja sama" is one, and "bekerja sama" a way of taking part.
    for pattern in (names_partnership(), phrase_pattern("parties.json", "asks"),
                    phrase_pattern("parties.json", "taking_part")):
        rest = pattern.sub(" ", rest)
    # A kind ("Japanese") asks for some parties only, which the count of parties named cannot tell.
    allowed = (_words("party_nouns") | _words("which") | _words("taking_part") | stopwords()
               | {c.lower() for c in ours()})
    return all(w in allowed or w == "s" for w in split_words(rest))


def question_names(question: str, past_first: bool = True) -> set[str]:
    """The question's names, lower-cased: its words written capitalised (past its first, which any sentence
    capitalises, unless ``past_first`` is False), not ones asking or of a kind ("legok", "nangka" for "Which
    companies are behind the Legok Nangka project?")."""
    skip = _words("party_nouns") | _words("which") | _words("kinds") | stopwords()
    words = split_words(question, keep_case=True)[1 if past_first else 0 :]
    return {w.lower() for w in words if w[:1].isupper()} - skip


def holds_names(text: str, question: str, past_first: bool = True) -> bool:
    """Whether a passage holds every name of the question (``question_names``): "Legok Nangka" for "Which
    companies are behind the Legok Nangka project?"."""
    body = text.lower()
    names = question_names(question, past_first)
    return all(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", body) for n in names)


def asks_for_companies(question: str) -> bool:
    """Whether a question asking for parties asks for companies ("Which companies are behind …?", "Perusahaan
    apa …?")."""
    return phrase_pattern("parties.json", "company_nouns").search(question) is not None


@cache
def _company_mark() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(_table()['company_marks'])})(?!\w)")


def names_company(text: str) -> bool:
    """Whether a passage, outside its source note, names a company: a legal form or a consortium ("PT BRIL",
    "the Sumitomo–Hitachi Zosen consortium"). Case matters: "pt" is no company."""
    return _company_mark().search(without_source_note(text)) is not None


def party_asking_words(question: str) -> set[str]:
    """The words by which a question asking for the parties asks for them ("involved", "lembaga"), lower-cased:
    the passages answering it name the parties, not these words. Empty for any other question."""
    if not asks_for_parties(question):
        return set()
    found = {w.lower() for m in phrase_pattern("parties.json", "asks").finditer(question) for w in m.group().split()}
    return found | {w for w in split_words(question) if w in _words("party_nouns")}


def parties_in(text: str, people: bool = True) -> frozenset[str]:
    """The parties a passage names outside its source note, lower-cased: acronyms but those naming things, names
    of organisations, and (unless ``people`` is False) people's names beside a title. A name held within a
    longer one found counts once, and so does one spelled out in brackets ("IGES (Institute for Global
    Environmental Strategies)")."""
    body = re.sub(r"\s*\([^()]*\)", "", without_source_note(text))
    not_parties = {w.lower() for w in _table()["not_parties"]}
    found = {m.group(0).lower() for m in _ACRONYM.finditer(body)
             if m.group(0).lower() not in not_parties and not re.fullmatch(r"FY\d+", m.group(0))}
    org, titled = _patterns()
    heads = _words("org_heads")
    found |= {name for m in org.finditer(body) if (name := _bare(m.group(0), not_parties)) not in heads}
    cities = {c.lower() for c in ours()}
    for m in (m for pattern in (titled if people else ()) for m in pattern.finditer(body)):
        # "Wali Kota Kawasaki Norihiko Fukuda": the city is whose mayor, not part of the name.
        words = [w for w in m.group(1).split() if w.lower() not in cities]
        name = " ".join(words)
        if words and not _ACRONYM.search(name):  # "Kepala DLHK Kota Bandung": the acronym is the party, above
            found.add(name.lower())
    if people:  # "Warga dan Walhi memprotes …": the residents are who protested
        found |= {m.group(0).lower() for m in phrase_pattern("parties.json", "people_nouns").finditer(body)}
    return frozenset(p for p in found if not any(p != q and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", q)
                                                 for q in found))


def _bare(name: str, not_parties: set[str]) -> str:
    """An organisation's name without a leading article or term ("JCM Kementerian …") or a possessive end."""
    words = name.strip().split()
    while len(words) > 1 and (words[0].lower() in ("the", "a", "an") or words[0].lower() in not_parties):
        words = words[1:]
    return re.sub(r"['’]s$", "", " ".join(words)).lower()


def parties_beyond(text: str, question: str, people: bool = True) -> frozenset[str]:
    """The parties a passage names that the question does not ("JICA" is no answer to "Who took part in the
    JICA project?"); organisations only when ``people`` is False."""
    asked = set(split_words(question))
    return frozenset(p for p in parties_in(text, people) if not set(split_words(p)) <= asked)


def asks_for_organisations(question: str) -> bool:
    """Whether a question asking for parties asks for organisations ("Which Japanese organisations …?",
    "Lembaga Jepang mana …?"): a person is no answer ("Japanese Ambassador Kanasugi said …" led them)."""
    return phrase_pattern("parties.json", "organisation_nouns").search(question) is not None


def asks_who(question: str) -> bool:
    """Whether a question asks who ("Who signed the 2020 MoU?", "Siapa yang membangunnya?"), also by a title it
    asks which of ("Which Wali Kota signed the MoU in 2020?", "Wali kota mana yang …?"); not by a title it names
    ("What did Wali Kota Oded compare …?")."""
    if asks_pattern("parties.json", "asks_who").search(question) is not None:
        return True
    stop = stopwords() - {"the", "a", "an"}  # "Name the mayor …"; "What did …" names a verb between
    return any(m.group("between") is None or m.group("between").lower() not in stop
               for m in _title_asked().finditer(question))


@cache
def _title_asked() -> re.Pattern[str]:
    """A title after an English "which" ("Which mayor", "What Japanese official") or before an Indonesian
    "mana" / "siapa" ("Wali kota mana"), a word apart at most."""
    titles = alternation(group_phrases("parties.json", "titles"))
    which = alternation(_table()["which"]["en"])
    asked = alternation(_table()["asks_who"]["id"] + ["mana"])
    after = rf"(?<!\w)(?:{which})\s+(?:(?P<between>[\w-]+)\s+)?(?:{titles})(?!\w)"
    before = rf"(?<!\w)(?:{titles})\s+(?:[\w-]+\s+)?(?:{asked})(?!\w)"
    return re.compile(f"{after}|{before}", re.IGNORECASE)


def led_by_parties(hits: Sequence[H], text_of: Callable[[H], str], question: str) -> list[H]:
    """For a question asking who, ``hits`` with those naming a party the question does not name first, each group
    in its order, when the first names none: a passage naming no one cannot say who ("Who signed the 2020 MoU
    on Bandung's side?" was led by "On 6 February 2020 Bandung and Kawasaki signed a new MoU …", not by the
    passage naming the mayor and the council chair who went to sign it). Otherwise ``hits`` as they are."""
    if not asks_who(question):
        return list(hits)
    return first_having(hits, lambda h: bool(parties_beyond(text_of(h), question)))
