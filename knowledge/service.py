"""The library face of Kawan: one object that owns the model, the store and the search, used by the CLI
and the app alike so neither face holds logic the other would need."""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from knowledge.answer import Answer, Citation, compose, in_answer_language, led_by, newest_first
from knowledge.answer_check import absent_acronyms, as_written, misses_question, words_to_name
from knowledge.code_switch import in_own_language
from knowledge.compare import led_by_all_names
from knowledge.config import Settings
from knowledge.counts import led_by_counts, what_is_missing
from knowledge.dated import (
    asked_date,
    event_words,
    first_within,
    led_by_dates,
    led_by_year_named,
    names_date,
    year_markers,
)
from knowledge.definitions import asked_abbreviation, asking_words, spells_out
from knowledge.embedder import Embedder, WordMatcher, make_embedder
from knowledge.followup import Resolved, asks_for_value, continuation, points_back, resolve_followup
from knowledge.framing import asked_part, compares
from knowledge.fusion import keep_with_answer
from knowledge.language import detect_query_language
from knowledge.latest import (
    about_ours,
    asks_latest,
    latest_lead,
    names_ours,
    names_partnership,
    only_asks_state,
    refers_to_ours,
    state_words,
)
from knowledge.listed import led_by_listed
from knowledge.message_parts import separate_questions
from knowledge.ordinals import asked_ordinal_first
from knowledge.parties import (
    asks_for_companies,
    asks_for_organisations,
    asks_for_parties,
    holds_names,
    led_by_parties,
    names_company,
    only_asks_parties,
    parties_beyond,
    party_asking_words,
)
from knowledge.partnerships import asks_beyond_ours, ours_first, ours_label
from knowledge.places import led_by_places
from knowledge.query_terms import parse_query
from knowledge.search import Filters, Mode, Searcher
from knowledge.smalltalk import small_talk
from knowledge.store import ModelRecord, Store, import_client
from knowledge.strings import ui
from knowledge.study_questions import (
    asked_aspect,
    asks_about_study,
    asks_when,
    aspect_words,
    gives_aspect,
    names_year,
    without_study_words,
)
from knowledge.summary import Summary, SummaryStream, summarize
from knowledge.swot import (
    asks_only_categories,
    asks_plain_overview,
    names_swot,
    overview_subject,
    question_categories,
    without_category_words,
)
from knowledge.token_states import STATES_FOLDER
from knowledge.tokens import stopwords
from knowledge.translations import translation_rows
from knowledge.types import DocumentRecord, Hit, newer_versions
from knowledge.upcoming import misses_next
from knowledge.why_not import led_by_setbacks

# How far under the best relevant passage a passage of an explicitly asked SWOT category may score and still be shown.
ASKED_CATEGORY_MARGIN = 0.1
# A question that only names categories is answered with this many of each category's best passages.
CATEGORY_HITS = 4
STUDY_HITS = 3  # passages of a tentative answer from the study alone (see Kawan._about_study)
# A question asking how the partnership stands now (knowledge/latest.py) is led by the passages about it dated
# latest, at most LATEST_HITS of them, among the first LATEST_POOL of a search naming it, within LATEST_MARGIN
# of that search's best. Such a question is about the partnership as a whole, and its words say nothing of
# dates: the 2023–2026 project sat 0.013–0.062 under the best on the fresh7 questions.
LATEST_HITS = 2
LATEST_POOL = 40
LATEST_MARGIN = 0.07
# A refused question naming the partnership only as "kerja sama ini" is answered by a search naming its cities
# when at most this share of the passages that search returns pass the relevance bar (Kawan._ours_named).
OURS_NAMED_SHARE = 0.8
# A question asking what happened at a date is led by the passages naming it among the first DATED_POOL found.
DATED_POOL = 40
# A question asking what an abbreviation stands for: its spellings-out lead (one per language at most, in
# practice), looked up among this many passages when the search did not bring one.
DEFINITION_HITS = 2
DEFINITION_POOL = 40
# A question asking which parties take part (knowledge/parties.py) is led by at most PARTIES_HITS passages
# naming parties: among the first PARTIES_WINDOW found, or PARTIES_POOL for one asking nothing but the parties
# ("Who is involved in this cooperation?": the first 15 found said "cooperation" and named no one).
PARTIES_WINDOW = 15
PARTIES_POOL = 100
PARTIES_HITS = 4
# How long a process that is done waits at exit for a model still loading (~2 s here); bounded, so a load that
# hangs cannot keep it from ending.
LOAD_WAIT_AT_EXIT_S = 120.0


class QuestionError(ValueError):
    """A question that cannot be asked (empty); the message is for the person who asked."""


@dataclass(frozen=True)
class Asking:
    """One question as the retrieval steps of ``Kawan.ask`` read it, worked out once."""

    text: str  # as searched (respelled, cut to length)
    qlang: str  # the language it is written in
    lang: str  # the answer's language
    k: int
    filters: Filters
    mode: Mode
    vector: np.ndarray | None  # None in keyword mode
    categories: tuple[str, ...]  # the SWOT categories it names
    about_study: bool  # it refers to "this study"
    beyond: bool  # ... or to categories, and names what the study never mentions ("Bandung–Suwon")
    abbreviation: str | None = None  # the abbreviation whose meaning it asks ("Apa itu JCM?"), in capitals
    # What the answer check judges: a follow-up's own words ("What was his salary?"), not the previous topic it
    # was joined to, which the passages cover whatever the follow-up asks.
    checked: str | None = None

    @property
    def study_first(self) -> bool:
        """Whether the study's findings lead: not for a question about something the study does not cover."""
        return not (self.categories and self.beyond)


@dataclass(frozen=True)
class MessageAnswer:
    """One question of a chat message, answered: which of how many, as typed, and how it was read."""

    n: int
    of: int
    question: str
    answer: Answer
    resolved: Resolved

    def part(self) -> dict[str, Any] | None:
        """Which question of the message this answers, as the faces show it; None for a message of one question."""
        return {"n": self.n, "of": self.of, "question": self.question} if self.of > 1 else None


class Kawan:
    def __init__(
        self, settings: Settings | None = None, embedder: Embedder | None = None, store: Store | None = None
    ) -> None:
        """`store` lets a rebuild (re-index, import) ingest into collections other than the active ones."""
        self.settings = settings or Settings()
        self._embedder = self._keeping_states(embedder) if embedder is not None else None
        self._embedder_lock = threading.Lock()
        # Every record by id, and each earlier version's newer one, by store generation (_documents).
        self._records: tuple[int, dict[str, DocumentRecord], dict[str, DocumentRecord]] | None = None
        if store is not None:
            self.store = store

    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:  # a preload() thread may be loading it: wait for that one
            if self._embedder is None:
                self._embedder = self._keeping_states(make_embedder(self.settings))
            return self._embedder

    def _keeping_states(self, embedder: Embedder) -> Embedder:
        """Ingest keeps each passage's token states beside the store, and a question's token match then needs no
        model run. A model handed in that keeps them already (a re-index, the tests' shared model) goes on keeping
        them where it does."""
        keep = getattr(embedder, "keep_passage_states", None)
        if keep is not None and getattr(embedder, "kept_states", None) is None:
            keep(self.settings.store / STATES_FOLDER)
        return embedder

    def preload(self) -> None:
        """Start loading the model in the background. OpenVINO (or ONNX Runtime) and SentencePiece load without
        holding the GIL, so the caller's own imports and the store's client overlap it."""
        if self._embedder is None:
            loader = threading.Thread(target=self._load_quietly, name="kawan-model-load", daemon=True)
            loader.start()
            # A process done before the model is ("kawan ask ''") waits for it: OpenVINO's native threads abort
            # an interpreter torn down under them (exit 134, "terminate called without an active exception").
            atexit.register(loader.join, LOAD_WAIT_AT_EXIT_S)
        import_client()

    def _load_quietly(self) -> None:
        # A failure is not lost: the first real use of the model loads it again and raises there.
        with contextlib.suppress(Exception):
            _ = self.embedder

    @cached_property
    def store(self) -> Store:
        return Store(self.settings, ModelRecord(self.embedder.name, self.embedder.dimension))

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.store, self.embedder)

    def ask(
        self,
        question: str,
        language: str = "auto",
        k: int | None = None,
        filters: Filters = Filters(),
        mode: Mode = "hybrid",
        own_words: str | None = None,
    ) -> Answer:
        """Answer a question from the indexed passages. ``own_words``: for a follow-up joined to an earlier topic
        (``ask_in_chat``), the follow-up as typed; the check that the passages speak to the question judges it."""
        started = time.perf_counter()
        text = " ".join(question.split())
        if not text:
            raise QuestionError(ui("empty_question", language if language in ("id", "en") else "en"))
        notices: list[str] = []
        # "Selamat pagi, saya staf Bappelitbang. Mohon info, …": the greeting, the asker and the request were
        # searched for and checked as if asked ("No indexed document uses the word «Selamat»").
        text = asked_part(text)
        qlang_detected = detect_query_language(text)
        lang = qlang_detected if language == "auto" else language
        if (talk := small_talk(text)) is not None:
            # "Terima kasih!" is no question: a reply in the chat's words, and nothing searched.
            lang = (talk.language or lang) if language == "auto" else language
            return Answer(question, lang, False, [], [], [], reason=f"smalltalk_{talk.kind}",
                          elapsed_ms=(time.perf_counter() - started) * 1000)
        if len(text) > self.settings.max_question_chars:
            text = text[: self.settings.max_question_chars]
            notices.append(ui("question_truncated", lang, limit=self.settings.max_question_chars))
        formal, own, respelled = self._standard_forms(text, qlang_detected)
        if formal != text:
            notices.append(ui("informal_read", lang, question=formal))
        if own != formal:
            # Named by the question's language: the words were read into it, whatever the answer's language.
            notices.append(ui(f"code_switch_read_{qlang_detected}", lang, question=own))
        if respelled != own:
            notices.append(ui("spelling_corrected", lang, question=respelled))
        text = respelled
        if asks_plain_overview(text):
            # "Summarize.", "Tell me everything.": all Kawan covers is this partnership, and its SWOT sums it up.
            text = overview_subject(text, qlang_detected)
            notices.append(ui("read_as_ours", lang, ours=ours_label()))
        asked = tuple(question_categories(text))
        # A question that names what the study never mentions ("Bandung–Suwon", "Legok Nangka") asks about that:
        # the study's findings on Bandung–Kawasaki are neither looked for apart nor put first.
        about_study = asks_about_study(text)
        beyond = bool((asked or about_study) and self.searcher.names_beyond(text, qlang_detected, "study"))
        vector = None if mode == "bm25" else self.embedder.embed_queries([text])[0]
        checked = self._standard_forms(" ".join(own_words.split()), qlang_detected)[2] if own_words else None
        q = Asking(text, qlang_detected, lang, k or self.settings.top_k, filters, mode, vector, asked, about_study,
                   beyond, asked_abbreviation(text), checked)
        hits, tentative = self._retrieve(q)
        led = False
        if hits and q.about_study and not q.beyond:
            # "This study" is the one the product is built on: its own passages answer first ("Tahun berapa yang
            # dikaji penelitian ini?" led with another study's "Kajian tentang …"), each kind in its own order.
            hits = sorted(hits, key=lambda h: h.passage.kind != "study")
            hits, led = self._aspect_first(q, hits)
            # The search's tentative mark judged the passage that led before: the study's conclusion (or its
            # sources) leads now.
            tentative = tentative and not led
        elif not q.about_study and not q.categories:
            hits, tentative = self._latest_first(q, hits, tentative)
            hits, tentative = self._dated_first(q, hits, tentative)
        if not hits and not q.about_study:
            hits, tentative = self._ours_named(q)
            if hits:  # the question was searched with words the asker did not type: say so
                notices.append(ui("read_as_ours", lang, ours=ours_label()))
        if not q.about_study and not q.categories:
            hits = self._parties_first(q, hits)
        if not q.about_study:
            hits, tentative = self._spelled_out_first(q, hits, tentative)
        if not led:  # the study's sentence on what was asked of it answers "Dari mana …" with no place
            # What the question asks for (the things it lists, a year's events, a date, someone, a place, a
            # number, the things compared): the passages that can give it first, each step only when its first
            # cannot. Listing first: the steps after it keep its order wherever their own first passes.
            hits = led_by_listed(hits, _text, _language, text, q.qlang)
            hits = led_by_setbacks(hits, _categories, text)
            for lead in (led_by_year_named, led_by_dates, led_by_parties, led_by_places, led_by_counts):
                hits = lead(hits, _text, text)
            if compares(question):  # its asking words were left out of ``text``: the things compared are left
                hits = led_by_all_names(hits, _text, text)
        if hits and vector is not None:
            twins, far = self._twins(hits, lang, filters, vector)
            # Not the passage that answers: it stands, in whatever language, as the search's best.
            hits = [h for i, h in enumerate(hits) if i == 0 or h.passage.id not in far]
            if q.abbreviation is not None:
                # A translation that does not spell the abbreviation out would hide the answer ("Kepala DLHK" for
                # "DLHK (environment and sanitation agency)").
                spelled = {h.passage.id for h in hits if spells_out(q.abbreviation, h.passage.text)}
                twins = {pid: t for pid, t in twins.items()
                         if pid not in spelled or spells_out(q.abbreviation, t.passage.text)}
            hits = in_answer_language(hits, lang, twins)
        if hits:
            # The partnership Kawan is about comes first: a note comparing Semarang–Brisbane led "Kapan MoU
            # diperpanjang?"; and an earlier version's passages come after its newer version's. Before both, a
            # passage on another of what the question counts ("first MoU" for "second MoU") comes after the rest.
            hits = newest_first(ours_first(asked_ordinal_first(hits, text), text), self._documents()[1])
        answer = compose(question, lang, q.categories, hits, answered=bool(hits), study_first=q.study_first,
                         whole_passages=q.abbreviation is not None)
        answer.citations = self._with_document_facts(answer.citations)
        best = answer.best()
        if best is not None and best.other_partnership and not asks_beyond_ours(text):
            # The best passage, and so every one cited (ours_first), is about another partnership the question
            # does not name: say which. This notice says what the general ones below would, and more.
            answer.tentative = True
            notices.append(ui("answer_other_partnership", lang, pairs=best.other_partnership, ours=ours_label()))
        elif answer.answered and q.abbreviation is not None and not any(
                spells_out(q.abbreviation, c.text) for c in answer.citations):
            # "Apa itu AZEC?" was answered, unmarked, with "Jepang menyebut Legok Nangka sebagai proyek prioritas
            # AZEC": on the subject, and no answer to what it stands for.
            answer.tentative = True
            notices.append(ui("abbreviation_unexplained", lang, abbreviation=q.abbreviation))
        elif answer.answered and tentative:
            answer.tentative = True
            notices.append(ui("tentative_answer", lang))
        elif answer.answered and not q.categories and (missed := self._missed_words(q, hits)) is not None:
            # The passages are on the subject but never say what the question turns on: say so, and name the
            # word where no document uses it.
            answer.tentative = True
            words = f" {ui('word_or', lang)} ".join(f"«{as_written(q.text, w)}»" for w in missed)
            notices.append(ui("answer_misses_word", lang, words=words) if missed else ui("answer_misses", lang))
        elif answer.answered and not q.categories and best is not None and (
                lacking := what_is_missing(q.checked or q.text, best.text)
                or ("next" if misses_next(q.checked or q.text, best.text) else None)):
            # "Berapa jumlah pegawai DLHK?" led by a passage with no figure, "Berapa gaji sopir truk?" by one with
            # tonnes and trucks, "Hari apa sampah diangkut?" by the daily tonnage: on the subject, not the answer.
            answer.tentative = True
            notices.append(ui(f"answer_misses_{lacking}", lang))
        if not hits and len(self.searcher.table) == 0:  # the search's own passage count: no store call
            # "Nothing relevant, try other words" would send the asker rewording a question no document can
            # answer yet.
            answer.reason = "store_empty"
        answer.notices = notices
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        return answer

    def _standard_forms(self, text: str, language: str) -> tuple[str, str, str]:
        """The question with its chat words in their standard form ("brp"), that with the other language's words
        in its own ("budget" -> "anggaran", knowledge/code_switch.py), and that respelled. Each step is said apart:
        a chat word is no misspelling, an English office word no chat word. Typos cost both searches (an unknown
        word for the keywords, a blurred vector) and made the relevance check refuse questions it answers spelled
        right."""
        formal = self.searcher.formalised(text, language)
        own = in_own_language(formal, language)
        return formal, own, self.searcher.corrected(own, language)

    def ask_in_chat(
        self, question: str, previous: str | None, language: str = "auto", filters: Filters = Filters(),
        k: int | None = None, mode: Mode = "hybrid",
    ) -> tuple[Answer, Resolved]:
        """Ask a question typed after `previous` (the last question answered, or None), and say how it was read.

        "dan ancamannya?" asks the previous topic for threats (knowledge/followup.py). A short question that names
        nothing of its own is joined to the previous question's topic: first when it points back ("Who signed
        it?", "Berapa anggarannya?"; alone, "Berapa biayanya?" was answered with another project's cost), and
        after the question alone found nothing, or only a tentative answer, when it does not ("How many people
        died?"; "Kapan dimulai?" after "Apa itu Kang Pisman?" found other beginnings alone). A joined answer is
        kept only when it is not tentative: "What was his salary?" joined to the first MoU finds the MoU, and
        that must not pass for an answer; such a question is asked as typed, as any other.
        """
        talk = small_talk(question)
        asked = asked_part(question)  # "Maaf, satu lagi: siapa yang menandatanganinya?" points back too
        if talk is not None and talk.language is None and language == "auto" and previous:
            # "ok" is said in both languages: the reply keeps the chat's.
            language = detect_query_language(previous)
        resolved = resolve_followup(asked, previous)
        if resolved.followup:
            return self.ask(resolved.question, _chat_language(language, resolved), k, filters, mode), resolved
        joined = continuation(asked, previous)
        pointing = joined is not None and previous is not None and points_back(asked, previous)
        if joined is not None and pointing and (answer := self._joined(joined, asked, language, filters, k, mode)):
            return answer, joined
        alone = self.ask(question, language, k, filters, mode)
        refused = not alone.answered and alone.reason == "no_answer"  # not a greeting's reply
        if joined is None or pointing or not (refused or alone.tentative):
            return alone, resolved
        answer = self._joined(joined, asked, language, filters, k, mode)
        return (answer, joined) if answer else (alone, resolved)

    def ask_message(
        self, message: str, previous: str | None, language: str = "auto", filters: Filters = Filters(),
        k: int | None = None, mode: Mode = "hybrid",
    ) -> list[MessageAnswer]:
        """Each question of a chat message answered (knowledge/message_parts.py): the first after `previous`, each
        later one after the one before it was answered ("Apa itu Kang Pisman? Kapan dimulai?"), all in the
        message's language. Questions past the third are not asked: the last answer says how many."""
        parts = separate_questions(message)
        if len(parts.questions) == 1:
            answer, resolved = self.ask_in_chat(message, previous, language, filters, k, mode)
            return [MessageAnswer(1, 1, message, answer, resolved)]
        if language == "auto":
            # "What is Kang Pisman? Kapan?" is one message: its answers keep one language.
            language = detect_query_language(asked_part(message))
        out: list[MessageAnswer] = []
        for n, question in enumerate(parts.questions, 1):
            answer, resolved = self.ask_in_chat(question, previous, language, filters, k, mode)
            if answer.answered:
                previous = resolved.carried
            out.append(MessageAnswer(n, len(parts.questions), question, answer, resolved))
        if parts.left_out:
            last = out[-1].answer
            last.notices.append(ui("questions_left_out", last.language, n=len(parts.left_out),
                                   asked=len(parts.questions)))
        return out

    def _joined(
        self, joined: Resolved, typed: str, language: str, filters: Filters, k: int | None, mode: Mode
    ) -> Answer | None:
        """A follow-up joined to the previous topic, answered; None when refused or tentative. The answer check
        judges the follow-up's own words: the topic it was joined to, the passages cover whatever it asks."""
        answer = self.ask(joined.question, _chat_language(language, joined), k, filters, mode, own_words=typed)
        return answer if answer.answered and not answer.tentative else None

    def _missed_words(self, q: Asking, hits: list[Hit]) -> list[str] | None:
        """None when the cited passages answer what the question turns on (or the model cannot say); else the
        words to name, possibly none (knowledge/answer_check.py)."""
        embedder = self.embedder
        if q.vector is None or not isinstance(embedder, WordMatcher):
            return None
        text = q.checked or q.text
        words = embedder.word_support(text, [h.passage.text for h in hits])
        if words is None:
            return None
        index = self.searcher.lexical_index()
        same = {h.passage.id for h in hits if h.passage.language == q.qlang}
        share = None
        if same:
            held = index.search(text, q.qlang, k=len(same), allowed=same.__contains__)
            share = max((h.weight_share for h in held), default=0.0)
        # The words asking for the present, an abbreviation's meaning or the study's conclusion are answered by a
        # date, the name spelled out or the conclusion, not by the same words ("Apa rekomendasi penelitian ini?":
        # "… menyimpulkan …").
        # "tahun" of "tahun 2019" is answered by the year.
        asked_by_kind = state_words(text) | asking_words(text) | event_words(text) | party_asking_words(text) | (
            aspect_words(text) if q.about_study else set()
        ) | (asks_for_value(text) if q.checked else set()) | year_markers(text)
        unknown = set(index.unknown_terms(text, q.qlang))
        missed = absent_acronyms(text, words, unknown) or misses_question(share, words, stopwords() | asked_by_kind)
        if not missed:
            return None
        return words_to_name(missed, unknown)

    def _with_document_facts(self, citations: list[Citation]) -> list[Citation]:
        """Each citation with what its document's record says: its web address (a saved page, an article with a
        DOI) and whether a newer version of it is indexed too."""
        if not citations:
            return citations
        records, newer = self._documents()
        out = []
        for c in citations:
            record, later = records.get(c.doc_id), newer.get(c.doc_id)
            out.append(replace(
                c, url=record.web_address() if record is not None else None,
                newer_version=f"{later.file} ({later.added[:10]})" if later is not None else None,
            ))
        return out

    def _documents(self) -> tuple[dict[str, DocumentRecord], dict[str, DocumentRecord]]:
        """Every document's record by id, and each earlier version's newer one (knowledge.types.newer_versions),
        read and worked out once per store generation: the search that found the citations has just checked it,
        so an answer costs no store call for them."""
        generation = self.searcher.generation
        cached = self._records
        if cached is None or cached[0] != generation:
            records = {d.id: d for d in self.store.documents()}
            cached = self._records = (generation, records, newer_versions(records.values()))
        return cached[1], cached[2]

    def summarize(self, answer: Answer | Mapping[str, Any], stream: bool = False) -> Summary:
        """The optional model-written summary of an answer's cited passages (see knowledge/summary.py)."""
        return summarize(self.settings, answer.to_json() if isinstance(answer, Answer) else answer, stream=stream)

    def summary_stream(self, answer: Answer | Mapping[str, Any]) -> SummaryStream:
        """Checked summary sentences as the model writes them; .result afterwards."""
        return SummaryStream(self.settings, answer.to_json() if isinstance(answer, Answer) else answer)

    def swot_overview(self, document: str | None = None, language: str = "id") -> dict:
        """The SWOT matrix of the whole knowledge base (or one document): merged factors with citations."""
        from knowledge.overview import build_overview, candidates

        where = None
        if document is not None:
            where = {"doc_id": self.store.require_document(document).id}
        passages, stored = self.store.get_passages(where=where, with_vectors=True)
        order = sorted(range(len(passages)), key=lambda i: (passages[i].kind != "study", passages[i].doc_id,
                                                           passages[i].index))
        passages = [passages[i] for i in order]
        cands = candidates(passages)
        # A whole passage standing as one factor already has its stored vector; only listed factors are embedded.
        by_id = {passages[i].id: stored[order[i]] for i in range(len(passages))} if stored is not None else {}
        todo = [i for i, c in enumerate(cands) if c.position >= 0 or c.passage.id not in by_id]
        fresh = dict(zip(todo, self.embedder.embed_passages([cands[i].text for i in todo]), strict=True))
        vectors = [fresh[i] if i in fresh else by_id[c.passage.id] for i, c in enumerate(cands)]
        dim = self.embedder.dimension
        # A passage whose factors are listed and its translation (listed or not): the matrix shows one of them.
        twins: dict[str, str] = {}
        if stored is not None:
            listed = [i for i, p in enumerate(passages) if p.factors]
            pairs = translation_rows(listed, stored[order], [p.language for p in passages])
            twins = {passages[i].id: passages[j].id for a, b in pairs.items() for i, j in ((a, b), (b, a))}
        return build_overview(cands, np.asarray(vectors, dtype=np.float32).reshape(len(cands), dim), language,
                              twins)

    def _translations(self, hits: list[Hit], lang: str, filters: Filters, vector: np.ndarray) -> dict[str, Hit]:
        """The translation in the answer's language of each hit in another language, where the store holds one
        that the filters admit and that is itself close enough to the question to be cited beside an answer:
        hit id -> the translation's hit (taking the found passage's score, since it takes its place)."""
        return self._twins(hits, lang, filters, vector)[0]

    def _twins(
        self, hits: list[Hit], lang: str, filters: Filters, vector: np.ndarray
    ) -> tuple[dict[str, Hit], set[str]]:
        """``_translations``, and the hits whose translation the store holds and admits but which is too far from
        the question to be cited: the same statement in the asker's language is not near the question, so what
        drew the other-language passage was no match of meaning ("Who funds the programme?" cited three
        Indonesian notes at 0.85 whose English versions stand at 0.76–0.79)."""
        table = self.searcher.table
        by_id = {h.passage.id: h for h in hits}
        twins = table.translations([h.passage.id for h in hits if h.passage.language != lang])
        twins = {pid: t for pid, t in twins.items() if table.language(t) == lang and table.allows(t, filters)}
        fresh = [t for t in twins.values() if t not in by_id]
        dense = dict(zip(fresh, table.similarity(fresh, vector), strict=True))
        # Near enough to the passage it replaces: a translation says the same, so it answers as well.
        found = {t: by_id[pid].dense for pid, t in twins.items()}
        near = [t for t in fresh if keep_with_answer(dense[t], found[t], self.searcher.abstain)]
        fetched = {p.id: p for p in self.store.get_passages(ids=near)[0]} if near else {}
        out: dict[str, Hit] = {}
        for pid, t in twins.items():
            if t in by_id:
                out[pid] = by_id[t]
            elif t in fetched:
                out[pid] = Hit(fetched[t], by_id[pid].score, dense[t])
        return out, set(twins) - set(out)

    def _retrieve(self, q: Asking) -> tuple[list[Hit], bool]:
        """The answer's hits, and whether the answer is tentative: only just over the relevance bar
        (SearchResult.tentative), where most answers are to questions the documents do not cover, or from the
        study alone (_about_study). Never for a question asking for SWOT categories answered with their
        findings: worded unlike any one finding, it scores low, and the findings are what it asks for."""
        if not q.categories and not parse_query(q.text, q.qlang):
            # Asking words alone ("apa", "when"): nothing to look for. "apa" was answered, unmarked, with TPA
            # Sarimukti, the vector of a bare word being near whatever passage shares its letters.
            return [], False
        result = self.searcher.search(q.text, q.qlang, k=q.k, filters=q.filters, mode=q.mode, vector=q.vector)
        hits = list(result.relevant)
        if q.categories and q.vector is not None and (not hits or asks_only_categories(q.text, q.qlang)):
            # Refused, or asking for nothing but categories ("Apa ancamannya?"): there the passages most like
            # the bare question are the study's method sentence naming all four, not the findings asked for.
            found = self._by_category(q)
            if found:
                return found, False
        if not hits:
            return self._about_study(q)
        if not q.categories:
            return hits, result.tentative
        if not names_swot(q.text) and any(not names_swot(h.passage.text) for h in hits):
            # "Apa ancaman kerja sama ini?" was led by the study's method sentence ("… analisis SWOT untuk
            # memetakan kekuatan, kelemahan, peluang, dan ancaman"): it names the categories, and finds none.
            hits = [h for h in hits if not names_swot(h.passage.text)]
        # Make sure every asked category is represented when the documents hold it, by the study's own finding
        # too ("Apa peluang kerja sama Bandung–Kawasaki?" found background notes and the study's aim sentence,
        # not the study's opportunities): a second, filtered look per asked category.
        seen = {h.passage.id for h in hits}
        top = max(h.dense for h in hits)
        for cat in q.categories:
            present = [h.passage.kind for h in hits if cat in h.passage.categories()]
            for scope in self._category_scopes(q.filters, cat, q.study_first):
                if any(not scope.kinds or kind in scope.kinds for kind in present):
                    continue
                extra = self.searcher.search(q.text, q.qlang, k=2, filters=scope, mode=q.mode, vector=q.vector)
                # The question is on topic (hits above) and names this category: its best passage may sit just
                # under the floor, since "What is the SWOT?" is worded unlike any single finding.
                found = extra.relevant or [h for h in extra.hits[:1] if h.dense >= top - ASKED_CATEGORY_MARGIN]
                for h in found:
                    if h.passage.id not in seen:
                        hits.append(h)
                        seen.add(h.passage.id)
        return sorted(hits, key=lambda h: -h.score), False

    def _about_study(self, q: Asking) -> tuple[list[Hit], bool]:
        """For a question about the study itself ("Teori apa yang dipakai penelitian ini?", "Periode apa yang
        diteliti?") that relevance refused over the whole knowledge base: the study's own passages that stand
        out among the study's and share a word with what the question asks of it, as a tentative answer. Its
        method, theory and period are worded unlike such questions, and the background notes crowd them out.
        The shared word is what refuses "Bagaimana cara membuat paspor menurut penelitian ini?": the words
        "penelitian ini" alone bring every study passage close. A question asking when ("Which years does the
        study cover?") is given the study's close passages that name a year (its period is "2017–2020", a word no
        such question holds), unless it names what the study never mentions ("When did the study look at
        Surabaya?"). ([], False) for any other question."""
        if q.vector is None or not q.about_study or (q.filters.kinds and "study" not in q.filters.kinds):
            return [], False
        scope = replace(q.filters, kinds=("study",))
        asks = without_study_words(q.text)
        found = self.searcher.search(asks, q.qlang, k=STUDY_HITS, filters=scope, mode=q.mode, vector=q.vector)
        relevant = {h.passage.id for h in found.relevant if h.lexical > 0}
        if asks_when(asks) and not q.beyond:
            relevant |= {h.passage.id for h in found.hits if names_year(h.passage.text)}
        aspect = asked_aspect(asks)
        if aspect is not None and not q.beyond:  # "What did the study find?" is in its conclusion
            relevant |= {h.passage.id for h in found.hits if gives_aspect(aspect, h.passage.text)}
        hits = [h for h in found.hits if h.passage.id in relevant]
        return hits, bool(hits)

    def _aspect_first(self, q: Asking, hits: list[Hit]) -> tuple[list[Hit], bool]:
        """For a question asking what the study concluded or recommends ("Apa rekomendasi penelitian ini?") or
        where its data comes from ("Dari mana peneliti mengambil datanya?"), the study's passages that give it
        first, looked up in the study when the search did not find them: its method and aim sentences
        ("Penelitian ini menggunakan pendekatan kualitatif …", "… bertujuan untuk …") led such answers. The
        hits, and whether such a passage leads them."""
        aspect = asked_aspect(without_study_words(q.text))
        if q.vector is None or aspect is None:
            return hits, False
        if q.filters.kinds and "study" not in q.filters.kinds:
            return hits, False
        scope = replace(q.filters, kinds=("study",))
        found = self.searcher.search(q.text, q.qlang, k=q.k, filters=scope, mode=q.mode, vector=q.vector)
        lead = [h for h in found.hits if gives_aspect(aspect, h.passage.text)][:STUDY_HITS]
        return led_by(lead, hits), bool(lead)

    def _spelled_out_first(self, q: Asking, hits: list[Hit], tentative: bool) -> tuple[list[Hit], bool]:
        """For a question asking what an abbreviation stands for ("Apa itu JCM?", knowledge/definitions.py), the
        passages that spell it out first, looked up among more passages when the search did not bring them: the
        passages using the abbreviation most led ("The FY2014–FY2015 JCM work …"), and "Apa kepanjangan DLHK?"
        was refused. The spelling-out answers the question as asked, so it answers a refused one, and the
        search's tentative mark, which judged the passage it replaces, no longer holds."""
        abbreviation = q.abbreviation
        if abbreviation is None or q.vector is None:
            return hits, tentative
        lead = [h for h in hits if spells_out(abbreviation, h.passage.text)]
        if not lead:
            found = self.searcher.search(q.text, q.qlang, k=DEFINITION_POOL, filters=q.filters, mode=q.mode,
                                         vector=q.vector)
            lead = [h for h in found.hits if spells_out(abbreviation, h.passage.text)]
        lead = lead[:DEFINITION_HITS]
        if not lead:
            return hits, tentative
        return led_by(lead, hits), False

    def _latest_first(self, q: Asking, hits: list[Hit], tentative: bool) -> tuple[list[Hit], bool]:
        """For a question asking how the partnership stands now ("Is the partnership still active?", "Apa
        kegiatan terbaru dalam kerja sama ini?", knowledge/latest.py), the passages about it dated latest first:
        such questions share no word with "runs from May 2023 to April 2026". They are found by a second search
        with the partnership named (a question saying "kerja sama ini" names no city, and found a 2013 count of
        Indonesia's active sister cities). When the first search refused the question, the second one's relevant
        passages answer it only if it asks nothing but the present, marked tentative: naming the partnership
        lifts any question's scores."""
        if q.vector is None or not asks_latest(q.text):
            return hits, tentative
        text, vector = self._ours_in_query(q)
        found = self.searcher.search(text, q.qlang, k=LATEST_POOL, filters=q.filters, mode=q.mode, vector=vector)
        if not found.relevant:
            return hits, tentative
        # In a year, the answer's language first: the translation step below judges a twin against this
        # search's vector, and a passage found by it may have none close enough.
        twins = self.searcher.table.translations([h.passage.id for h in found.hits])
        lead = latest_lead(found.hits, q.lang, twins, LATEST_MARGIN, LATEST_HITS)
        if not lead:
            return hits, tentative
        lead = in_answer_language(lead, q.lang, self._translations(lead, q.lang, q.filters, vector))
        only_state = only_asks_state(q.text)
        if not hits:
            # Refused at first: answered only when it asks for nothing but the present ("What is the latest
            # activity of the cooperation?", not "… current budget?"), and tentatively.
            if not only_state:
                return hits, tentative
            return led_by(lead, found.relevant)[: max(q.k, len(lead))], True
        # The first search's tentative mark judged its own best passage, which no longer leads; this search's
        # judges these. A question asking more than the present keeps the first mark too ("Siapa koordinator
        # kerja sama ini sekarang?": the latest news says nothing of a coordinator).
        marked = found.tentative if only_state else tentative or found.tentative
        return led_by(lead, hits)[: max(q.k, len(lead))], marked

    def _dated_first(self, q: Asking, hits: list[Hit], tentative: bool) -> tuple[list[Hit], bool]:
        """For a question asking what happened at a date ("What happened on 24 August 2016?", "Apa saja kegiatan
        kerja sama pada tahun 2019?", knowledge/dated.py), the passages among the search's first DATED_POOL that
        name that date outside their source note first, in calendar order, about the partnership alone when
        the question names it. They answer it, refused or not, and say what it asks: nothing tentative."""
        asked = asked_date(q.text)
        if asked is None or q.vector is None:
            return hits, tentative
        ours_only = names_ours(q.text) or names_partnership().search(q.text) is not None
        found = self.searcher.search(q.text, q.qlang, k=DATED_POOL, filters=q.filters, mode=q.mode, vector=q.vector)
        lead = [h for h in found.hits if names_date(h.passage.text, asked)
                and (not ours_only or about_ours(h.passage.text, h.passage.title))]
        if not lead:
            return hits, tentative
        lead = in_answer_language(lead, q.lang, self._translations(lead, q.lang, q.filters, q.vector))[:q.k]
        lead.sort(key=lambda h: first_within(h.passage.text, asked))  # stable: the search's order within a day
        return led_by(lead, hits)[: q.k], False

    def _parties_first(self, q: Asking, hits: list[Hit]) -> list[Hit]:
        """For an answered question asking which parties take part ("Who is involved in this cooperation?",
        "Lembaga Jepang mana saja yang ikut serta?", knowledge/parties.py), the passages naming parties the
        question does not name first: the passages most like such a question say "cooperation" and name no one.
        Among the first PARTIES_WINDOW of the search, those holding the question's names ("Legok Nangka"), in
        the search's order; for a question asking nothing but the parties, among the first PARTIES_POOL, those
        naming most parties. Both about the partnership alone when the question speaks of it (searched then
        with its cities named)."""
        if not hits or q.vector is None or not asks_for_parties(q.text):
            return hits
        broad = only_asks_parties(q.text)
        companies = asks_for_companies(q.text)  # JICA is a party, no company
        organisations = asks_for_organisations(q.text)  # nor is an ambassador an organisation
        ours_only = refers_to_ours(q.text) or names_ours(q.text)
        text, vector = self._ours_in_query(q) if ours_only else (q.text, q.vector)
        found = self.searcher.search(text, q.qlang, k=PARTIES_POOL if broad else PARTIES_WINDOW, filters=q.filters,
                                     mode=q.mode, vector=vector)
        named = [(len(parties), h) for h in found.hits
                 if (not ours_only or about_ours(h.passage.text, h.passage.title))
                 and (broad or holds_names(h.passage.text, q.text))
                 and (not companies or names_company(h.passage.text))
                 and (parties := parties_beyond(h.passage.text, q.text, people=not organisations))]
        if broad:
            named.sort(key=lambda pair: -pair[0])  # stable: the search's order among as many parties
        lead = [h for _, h in named][:PARTIES_HITS]
        if not lead:
            return hits
        lead = in_answer_language(lead, q.lang, self._translations(lead, q.lang, q.filters, vector))
        return led_by(lead, hits)[: max(q.k, len(lead))]

    def _ours_in_query(self, q: Asking) -> tuple[str, np.ndarray]:
        """The question with the partnership's cities named, and its vector: the question's own when it names
        them already ("kerja sama ini" names no city, and found a 2013 count of Indonesia's sister cities)."""
        assert q.vector is not None
        if names_ours(q.text):
            return q.text, q.vector
        text = f"{q.text} {ours_label()}"
        return text, self.embedder.embed_queries([text])[0]

    def _ours_named(self, q: Asking) -> tuple[list[Hit], bool]:
        """For a refused question that speaks of the partnership without naming it ("Siapa saja yang terlibat
        dalam kerja sama ini?", "Kapan kemitraan ini dimulai?", knowledge/latest.py): searched again with its
        cities named, as the chat means it. Its relevant passages answer, marked tentative, and only when some
        of those found fall below the bar: naming the partnership lifts every passage about it over the bar, so
        when nearly all pass, the names did the finding, not the question ("Berapa pohon yang sudah ditanam
        lewat kerja sama ini?" passed ten of ten, off-topic ones nine or ten; "Siapa yang membiayai proyeknya?"
        three, "Who funds the programme?" six)."""
        if q.vector is None or not refers_to_ours(q.text):
            return [], False
        text, vector = self._ours_in_query(q)
        found = self.searcher.search(text, q.qlang, k=q.k, filters=q.filters, mode=q.mode, vector=vector)
        if len(found.relevant) > q.k * OURS_NAMED_SHARE:
            return [], False
        return list(found.relevant), bool(found.relevant)

    @staticmethod
    def _category_scopes(filters: Filters, category: str, study_first: bool = True) -> list[Filters]:
        """Where an asked category's finding is looked for: in the study first (unless the filters leave it
        out or the question is about something else), then anywhere the filters allow."""
        anywhere = replace(filters, contains=category)
        if not study_first or (filters.kinds and "study" not in filters.kinds):
            return [anywhere]
        return [replace(anywhere, kinds=("study",)), anywhere]

    def _by_category(self, q: Asking) -> list[Hit]:
        """Each asked category's best findings, for a question that names categories and nothing else the
        documents do not know ("What are the threats?", "What threats does the partnership face?"): worded
        unlike any one finding, it stands out from no passage, so relevance refuses it (or, asking for nothing
        but categories, finds the study's method sentence). [] when the question holds a word the knowledge
        base has never seen ("the weaknesses of Python", "threats to bees"). Findings in the answer's language
        are looked for first: most come in both, and the question names no passage."""
        if self.searcher.lexical_index().unknown_terms(without_category_words(q.text), q.qlang):
            return []
        floor = self.searcher.abstain.min_dense
        hits: dict[str, Hit] = {}
        for cat in q.categories:
            wanted = replace(q.filters, contains=cat)
            for scope in ([replace(wanted, languages=(q.lang,)), wanted] if not q.filters.languages else [wanted]):
                found = self.searcher.search(q.text, q.qlang, k=CATEGORY_HITS, filters=scope, mode=q.mode,
                                             vector=q.vector)
                kept = [h for h in found.hits if h.dense >= floor]
                if kept:
                    for h in kept:
                        hits.setdefault(h.passage.id, h)
                    break
        # The study's own findings lead, as in the SWOT overview: the question asks for the findings themselves.
        return sorted(hits.values(), key=lambda h: (q.study_first and h.passage.kind != "study", -h.score))[:q.k]


def _text(hit: Hit) -> str:
    return hit.passage.text


def _language(hit: Hit) -> str:
    return hit.passage.language


def _categories(hit: Hit) -> set[str]:
    return hit.passage.categories()


def _chat_language(chosen: str, resolved: Resolved) -> str:
    """The language chosen in the app, else a follow-up's own ("dan ancamannya?" after an English question)."""
    return chosen if chosen in ("id", "en") else (resolved.language or "auto")
