"""Loads the words people read (UI strings, SWOT definitions, templates) from prompts/, in both languages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from knowledge.paths import PROMPTS_DIR


@cache
def load_json(name: str) -> Any:
    with (PROMPTS_DIR / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def group_phrases(name: str, group: str) -> tuple[str, ...]:
    """The phrases of a group of prompts/<name>, every language's, as written."""
    # A "_comment" key explains the group; its text is no phrase (read as one, its letters matched alone).
    return tuple(p for lang, ps in load_json(name)[group].items() if not lang.startswith("_") for p in ps)


def alternation(phrases: Iterable[str]) -> str:
    """The phrases as one regular-expression alternation, escaped, longest first: "wali kota" is tried before
    "wali", "peneliti" is not matched inside "penelitian"."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@cache
def phrase_pattern(name: str, group: str) -> re.Pattern[str]:
    """Any phrase of a group of prompts/<name> (its phrases by language) as whole words, in any case, longest
    first: "peneliti" must not match inside "penelitian", nor "now" inside "known"."""
    body = alternation(p.lower() for p in group_phrases(name, group))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def asks_pattern(name: str, group: str) -> re.Pattern[str]:
    """A question's asking words of a group of prompts/<name> ("kapan", "when"): Indonesian ones anywhere,
    English ones only opening the question or closing it ("… started when?"), since inside one "when", "who"
    and "where" join clauses ("How many people died when the dump collapsed?", "each driver who hauls waste")."""
    table = load_json(name)[group]

    def body(lang: str) -> str:
        return alternation(table[lang])

    return re.compile(
        rf"(?<!\w)(?:{body('id')})(?!\w)|^\W*(?:{body('en')})(?!\w)|(?<!\w)(?:{body('en')})\W*$", re.IGNORECASE
    )


def ui(key: str, language: str, **values: object) -> str:
    """A UI string in the language asked for; English when a key has no translation yet. A count `n` of one
    takes the key's "_one" form where it has one: "1 page", not "1 pages"."""
    table = load_json("ui.json")
    keys = (f"{key}_one", key) if values.get("n") == 1 else (key,)
    text = next((t for lang in (language, "en") for k in keys if (t := table.get(lang, {}).get(k))), None)
    if text is None:
        raise KeyError(f"prompts/ui.json has no string '{key}'")
    return str(text).format(**values) if values else str(text)


def counted(n: int, noun: str) -> str:
    """An English count for the command line and logs: "1 passage", "3 passages" (regular plurals only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def category_label(category: str, language: str) -> str:
    return str(load_json("swot.json")["categories"][category]["label"][language])


def language_names(code: str, language: str) -> str:
    """A document's languages as people read them: "id+en" → "Bahasa Indonesia, English"; a code with no name
    in prompts/ui.json stays as it is, and a document without any says "—"."""
    names = []
    for part in filter(None, code.split("+")):
        try:
            names.append(ui(f"language_{part}", language))
        except KeyError:
            names.append(part)
    return ", ".join(names) or "—"


def provenance_line(fields: list[tuple[str, str]], language: str) -> str:
    """"Penulis: Dinas Lingkungan Hidup · Terbit: 2024-05-06" from DocumentRecord.provenance(); "" when none."""
    return " · ".join(f"{ui('source_' + key, language)}: {value}" for key, value in fields)
