"""A real HTTP server on loopback that speaks the OpenAI chat-completions protocol (streaming SSE and not),
told by the test how to behave. Tests point KAWAN_LLM_URL at it; no test ever reaches a real model."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = ("good", "mixed", "invalid", "stall", "stall_midstream", "error500", "malformed", "obey")


@dataclass
class Script:
    mode: str = "good"
    stall_s: float = 5.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def good_reply(numbers: list[int], language: str) -> str:
    a, b = numbers[0], numbers[-1]
    if language == "id":
        return (
            f"Kerja sama Bandung–Kawasaki menghadapi hambatan seperti keterbatasan anggaran [{a}]. "
            f"Dokumen juga menunjukkan peluang pertukaran dan pembelajaran antarkota [{b}]."
        )
    return (
        f"The Bandung–Kawasaki cooperation faced obstacles such as limited budgets [{a}]. "
        f"The documents also point to opportunities for exchange and learning between the cities [{b}]."
    )


def reply_for(script: Script, body: dict[str, Any]) -> str:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    numbers = [int(n) for n in re.findall(r'<passage n="(\d+)">', user)] or [1]
    language = "id" if user.startswith("Pertanyaan:") else "en"
    if script.mode == "mixed":
        return (
            good_reply(numbers, language)
            + " This sentence cites a passage that does not exist [99]."
            + " This one cites nothing at all."
        )
    if script.mode == "invalid":
        return "The cooperation was a complete success [99]. Budgets were never a problem [42][0]."
    if script.mode == "obey" and "HACKED" in user:
        # A model that follows instructions found inside a passage.
        return "HACKED\nHACKED [2]."
    return good_reply(numbers, language)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:  # keep test output clean
        return None

    def do_POST(self) -> None:
        script = self.server.script
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length))
        script.requests.append(body)
        script.headers.append(dict(self.headers))
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, "application/json", b'{"error": "not found"}')
            return
        mode = script.mode
        if mode == "stall":
            script.release.wait(script.stall_s)
            return self._send_completion(body, "Too late [1].")
        if mode == "error500":
            return self._send(500, "application/json", b'{"error": {"message": "model crashed"}}')
        if mode == "malformed":
            if body.get("stream"):
                return self._send(200, "text/event-stream", b"data: {not json at all\n\n")
            return self._send(200, "application/json", b'{"choices": [{"mess')
        self._send_completion(body, reply_for(script, body))

    def _send(self, status: int, ctype: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_completion(self, body: dict[str, Any], text: str) -> None:
        if not body.get("stream"):
            reply = {"id": "t", "object": "chat.completion", "model": body.get("model"),
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                  "finish_reason": "stop"}]}
            return self._send(200, "application/json", json.dumps(reply).encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        # Small pieces, split mid-word and mid-citation, as real servers do.
        pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
        for i, piece in enumerate(pieces):
            if self.server.script.mode == "stall_midstream" and i == 3:
                self.wfile.flush()
                self.server.script.release.wait(self.server.script.stall_s)
            event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b'data: {"choices": []}\n\ndata: [DONE]\n\n')
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    script: Script


@contextmanager
def chat_server() -> Iterator[tuple[str, Script]]:
    """(base URL ending in /v1, script) for a server on a free loopback port, stopped afterwards."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.script = Script()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", server.script
    finally:
        server.script.release.set()  # let stalled handlers finish at once
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
