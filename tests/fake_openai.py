"""A scripted OpenAI-compatible server on loopback: errors, hangs, 429s, tool calls, models."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    """`script` is a list of behaviours, one per request (the last repeats):
    'ok', 'error' (500), 'rate' (429), 'hang' (no answer for `hang_seconds`), or a dict
    {"tool": NAME, "args": {...}} for an answer that calls that tool.
    GET /v1/models lists `models`, as Ollama, LM Studio and llama.cpp's server do."""

    def __init__(
        self,
        script: list,
        answer: str = "Ask Priya about onboarding.",
        hang_seconds: float = 30.0,
        models: tuple[str, ...] = ("fake",),
    ) -> None:
        self.script, self.answer, self.hang_seconds = list(script), answer, hang_seconds
        self.models = models
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802
                payload = json.dumps(
                    {"object": "list", "data": [{"id": m, "object": "model"} for m in fake.models]}
                ).encode()
                self.send_response(200 if self.path.endswith("/models") else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                fake.requests.append(body)
                step = fake.script[min(len(fake.requests), len(fake.script)) - 1]
                if isinstance(step, dict):
                    self.tool_call(body, step)
                    return
                if step == "hang":
                    time.sleep(fake.hang_seconds)
                    return
                if step in {"error", "rate"}:
                    code = 500 if step == "error" else 429
                    payload = json.dumps({"error": {"message": "scripted failure"}}).encode()
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("retry-after-ms", "10")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                self.send_response(200)
                if body.get("stream"):
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for word in fake.answer.split(" "):
                        chunk = {
                            "id": "1",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": "fake",
                            "choices": [
                                {
                                    "index": 0,
                                    "delta": {"content": word + " "},
                                    "finish_reason": None,
                                }
                            ],
                        }
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                payload = json.dumps(
                    {
                        "id": "1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "fake",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": fake.answer},
                                "finish_reason": "stop",
                            }
                        ],
                    }
                ).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def tool_call(self, body: dict, step: dict) -> None:
                call = {
                    "id": f"call_{len(fake.requests)}",
                    "type": "function",
                    "function": {"name": step["tool"], "arguments": json.dumps(step["args"])},
                }
                self.send_response(200)
                if body.get("stream"):
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    chunk = {
                        "id": "1",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": "fake",
                        "choices": [
                            {
                                "index": 0,
                                "delta": {
                                    "role": "assistant",
                                    "tool_calls": [{"index": 0, **call}],
                                },
                                "finish_reason": "tool_calls",
                            }
                        ],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                payload = json.dumps(
                    {
                        "id": "1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "fake",
                        "choices": [
                            {
                                "index": 0,
                                "message": {
                                    "role": "assistant",
                                    "content": None,
                                    "tool_calls": [call],
                                },
                                "finish_reason": "tool_calls",
                            }
                        ],
                    }
                ).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
