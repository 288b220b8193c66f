"""An optional 2–4 sentence summary of the cited passages, written by a model behind an OpenAI-compatible
chat-completions server (Ollama, llama.cpp, vLLM). The cited answer never depends on it: every failure becomes
"no summary" plus a reason, and every sentence the model writes is checked before anyone sees it.

Defences against text in documents steering the model: the prompt (prompts/summary.json) gives the model only
the cited passages, delimited and declared to be data; passages that read like instructions to a model are
withheld from it; and a sentence is shown only if it cites passages that were actually given (anything an
obeyed injection writes without a valid [n] is dropped)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from knowledge.config import Settings
from knowledge.strings import load_json, ui

MAX_SENTENCES = 4
MAX_TOKENS = 320
MAX_SENTENCE_CHARS = 600

_CITE = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_LEADING_CITES = re.compile(r"^\s*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\][\s.!?]*)+")
# A sentence ends at . ! ? (or a line break) followed by space and something that can start a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?。])\s+(?=[\[\"'“‘(A-Z0-9À-ÖØ-Þ])|\s*\n+\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MARKUP = re.compile(r"^\s*(?:[-*•#>]+|\d+[.)])\s+")


@dataclass(frozen=True)
class Summary:
    """What the model produced after checking: text is None when there is no summary, and reason says why."""

    text: str | None
    sentences: list[str] = field(default_factory=list)
    reason: str | None = None  # off | no_passages | timeout | unreachable | http_error | malformed | no_valid
    detail: str = ""
    dropped: int = 0

    def notice(self, language: str, timeout_s: float = 0.0) -> str | None:
        """A short line for the person asking, or None when there is nothing to say."""
        if self.text is not None or self.reason in (None, "no_passages"):
            return None
        return ui(f"summary_{self.reason}", language, detail=self.detail, seconds=f"{timeout_s:g}")


class SummaryFailure(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


# ---- prompt (pure) -------------------------------------------------------------------------------------------


def looks_like_instruction(text: str) -> bool:
    """Text addressed to a model ("ignore previous instructions…") rather than about the partnership."""
    return any(re.search(p, text, re.IGNORECASE | re.DOTALL) for p in load_json("summary.json")["injection_patterns"])


def _defang(text: str) -> str:
    # A passage must not be able to close its own delimiter or open a new one.
    return re.sub(r"<(/?\s*passage)", r"‹\1", text, flags=re.IGNORECASE)


def select_passages(citations: list[Mapping[str, Any]]) -> list[tuple[int, str]]:
    """The cited passages the model may see, with the answer's own numbers [n]."""
    return [(int(c["n"]), str(c["text"])) for c in citations if not looks_like_instruction(str(c["text"]))]


def build_messages(question: str, language: str, passages: list[tuple[int, str]]) -> list[dict[str, str]]:
    lang = language if language in ("id", "en") else "en"
    tpl = load_json("summary.json")[lang]
    body = "\n\n".join(tpl["passage"].format(n=n, text=_defang(text)) for n, text in passages)
    return [
        {"role": "system", "content": tpl["system"]},
        {"role": "user", "content": tpl["user"].format(question=" ".join(question.split()), passages=body)},
    ]


# ---- checking the reply (pure) -------------------------------------------------------------------------------


def cited_numbers(sentence: str) -> list[int]:
    return [int(x) for group in _CITE.findall(sentence) for x in re.split(r"\s*[,;]\s*", group)]


def split_sentences(text: str) -> list[str]:
    """Sentences, with citations written after the full stop ("… limits. [1]") kept with their sentence."""
    out: list[str] = []
    for part in _BOUNDARY.split(text):
        lead = _LEADING_CITES.match(part)
        if lead and out:
            out[-1] = out[-1] + " " + lead.group(0).strip()
            part = part[lead.end() :]
        part = part.strip()
        if part:
            out.append(part)
    return out


def check_sentence(sentence: str, valid: set[int]) -> str | None:
    """The sentence cleaned for display, or None when it cites nothing or any number that was not given."""
    # No control characters (a terminal would obey escape codes) and no list or heading markup.
    s = _MARKUP.sub("", _CONTROL.sub(" ", sentence)).strip()
    numbers = cited_numbers(s)
    if not numbers or any(n not in valid for n in numbers) or len(s) > MAX_SENTENCE_CHARS:
        return None
    # The claim itself must say something: a bare "[1]" is no sentence.
    if not re.search(r"\w{2,}", _CITE.sub("", s)):
        return None
    return s


def validate(text: str, valid: set[int], max_sentences: int = MAX_SENTENCES) -> tuple[list[str], int]:
    """Kept sentences (at most max_sentences) and how many were dropped."""
    kept: list[str] = []
    dropped = 0
    for s in split_sentences(text):
        checked = check_sentence(s, valid)
        if checked is None or len(kept) >= max_sentences:
            dropped += 1
        else:
            kept.append(checked)
    return kept, dropped


class SentenceGate:
    """Streaming check: feed raw model text, get back only checked sentences, each once it is complete."""

    def __init__(self, valid: set[int], max_sentences: int = MAX_SENTENCES) -> None:
        self.valid = valid
        self.max_sentences = max_sentences
        self.buffer = ""
        self.kept: list[str] = []
        self.dropped = 0

    def feed(self, chunk: str) -> list[str]:
        self.buffer += chunk
        parts = split_sentences(self.buffer)
        if len(parts) < 2 or not self._tail_settled():
            return []
        # All but the last part are complete: the last one may still grow or receive its citation.
        done, last = parts[:-1], parts[-1]
        self.buffer = last
        return self._admit(done)

    def finish(self) -> list[str]:
        parts = split_sentences(self.buffer)
        self.buffer = ""
        return self._admit(parts)

    def _tail_settled(self) -> bool:
        # "… limits. [" may still become "… limits. [1]": wait until the tail starts a new sentence.
        m = list(_BOUNDARY.finditer(self.buffer))
        if not m:
            return False
        tail = self.buffer[m[-1].end() :]
        rest = _LEADING_CITES.sub("", tail).lstrip()
        return bool(rest) and not rest.startswith("[")

    def _admit(self, sentences: list[str]) -> list[str]:
        out: list[str] = []
        for s in sentences:
            checked = check_sentence(s, self.valid)
            if checked is None or len(self.kept) >= self.max_sentences:
                self.dropped += 1
                continue
            self.kept.append(checked)
            out.append(checked)
        return out


# ---- the server (I/O) ----------------------------------------------------------------------------------------


class ChatClient:
    """POST {llm_url}/chat/completions, streaming (SSE) or not; every failure is a SummaryFailure."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _request(self, messages: list[dict[str, str]], stream: bool) -> tuple[str, dict[str, str], dict[str, Any]]:
        url = str(self.settings.llm_url).rstrip("/") + "/chat/completions"
        headers = {"Content-Type": "application/json"}
        if self.settings.llm_api_key:
            headers["Authorization"] = f"Bearer {self.settings.llm_api_key}"
        payload: dict[str, Any] = {
            "model": self.settings.llm_model or "default",
            "messages": messages,
            "temperature": 0.1,
            "max_tokens": MAX_TOKENS,
            "stream": stream,
        }
        return url, headers, payload

    def chunks(self, messages: list[dict[str, str]], stream: bool = True) -> Iterator[str]:
        """The reply's text as it arrives (one piece when not streaming)."""
        timeout = self.settings.llm_timeout_s
        deadline = time.monotonic() + timeout
        url, headers, payload = self._request(messages, stream)
        try:
            with (
                httpx.Client(timeout=httpx.Timeout(timeout), trust_env=False) as client,
                client.stream("POST", url, headers=headers, json=payload) as resp,
            ):
                if resp.status_code >= 400:
                    raise SummaryFailure("http_error", f"HTTP {resp.status_code}")
                if stream and resp.headers.get("content-type", "").startswith("text/event-stream"):
                    yield from _sse_content(resp.iter_lines(), deadline)
                else:
                    body = b""
                    for part in resp.iter_bytes():
                        body += part
                        _check_deadline(deadline)
                    yield _message_content(body)
        except httpx.TimeoutException as err:
            raise SummaryFailure("timeout") from err
        except httpx.HTTPError as err:
            raise SummaryFailure("unreachable", type(err).__name__) from err
        except httpx.InvalidURL as err:
            raise SummaryFailure("unreachable", f"invalid KAWAN_LLM_URL {self.settings.llm_url!r}") from err


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise SummaryFailure("timeout")


def _message_content(body: bytes) -> str:
    try:
        content = json.loads(body)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise SummaryFailure("malformed", "not a chat completion") from err
    if not isinstance(content, str):
        raise SummaryFailure("malformed", "no text in the reply")
    return content


def _sse_content(lines: Iterator[str], deadline: float) -> Iterator[str]:
    for line in lines:
        _check_deadline(deadline)
        line = line.strip()
        if not line or line.startswith(":"):
            continue
        if not line.startswith("data:"):
            raise SummaryFailure("malformed", "not an event stream")
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            choices = json.loads(data)["choices"]
            # Some servers end with a usage-only event that has no choices.
            delta = (choices[0].get("delta") or {}) if choices else {}
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
            raise SummaryFailure("malformed", "unreadable event") from err
        piece = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(piece, str) and piece:
            yield piece


# ---- putting it together -------------------------------------------------------------------------------------


class SummaryStream:
    """Iterate to get checked sentences as they complete; afterwards .result holds the Summary.
    Never raises: a failure ends the iteration and .result says why."""

    def __init__(self, settings: Settings, answer: Mapping[str, Any], stream: bool = True) -> None:
        self.settings = settings
        self.answer = answer
        self.stream = stream
        self.result: Summary | None = None

    def __iter__(self) -> Iterator[str]:
        if not self.settings.llm_url:
            self.result = Summary(None, reason="off")
            return
        passages = select_passages(list(self.answer.get("citations") or [])) if self.answer.get("answered") else []
        if not passages:
            self.result = Summary(None, reason="no_passages")
            return
        gate = SentenceGate({n for n, _ in passages})
        messages = build_messages(str(self.answer["question"]), str(self.answer["language"]), passages)
        try:
            for piece in ChatClient(self.settings).chunks(messages, stream=self.stream):
                yield from gate.feed(piece)
            yield from gate.finish()
        except SummaryFailure as err:
            self.result = Summary(None, reason=err.reason, detail=err.detail)
            return
        if not gate.kept:
            self.result = Summary(None, reason="no_valid", dropped=gate.dropped)
        else:
            self.result = Summary(" ".join(gate.kept), list(gate.kept), dropped=gate.dropped)


def summarize(settings: Settings, answer: Mapping[str, Any], stream: bool = False) -> Summary:
    """The whole summary at once (the CLI's way)."""
    run = SummaryStream(settings, answer, stream=stream)
    for _ in run:
        pass
    assert run.result is not None
    return run.result
