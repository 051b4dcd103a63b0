"""An OpenAI-compatible chat-completions server on loopback that fails on purpose, for
scripts/llm_fault.py. Its `mode` can change while it runs:

- `garbage`: answers 200 with streams that are no review: prose instead of JSON, a score of 900,
  chunks that are not JSON at all, in turn;
- `stall`: sends the stream's headers, then nothing for a minute;
- `slow`: a valid review, streamed in small pieces over about two seconds.

Before `start()` nothing listens on its port, which is the backend being down."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REVIEW_TEXT = ("The tool earns its place because the first ten minutes are short: install it, point it at a "
               "project and the answers arrive with sources you can check. It is more than a thin wrapper, "
               "yet the pricing page leaves open what a busy team will pay once usage grows, so plan a budget.")


def chunk(content=None, finish=None):
    delta = {} if content is None else {"content": content}
    return {"model": "fake-llm", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


GARBAGE = [
    [chunk("I really like this tool, it is great and you should use it."), chunk(finish="stop")],
    [chunk(json.dumps({"score": 900, "verdict": "maybe", "text": "short"})), chunk(finish="stop")],
    ["<html>502 Bad Gateway</html>"],
]


class FakeLLM:
    def __init__(self, port):
        self.port, self.mode, self.requests = port, "garbage", []
        self.server = None

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append((fake.mode, time.monotonic()))
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    fake.answer(self, len(fake.requests))
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler, number):
        def send(event):
            data = event if isinstance(event, str) else json.dumps(event)
            handler.wfile.write(f"data: {data}\n\n".encode())
            handler.wfile.flush()

        if self.mode == "stall":
            time.sleep(60)
            return
        if self.mode == "garbage":
            for event in GARBAGE[number % len(GARBAGE)]:
                send(event)
            send("[DONE]")
            return
        review = json.dumps({"score": 71, "verdict": "ship", "text": REVIEW_TEXT})
        for start in range(0, len(review), 40):
            send(chunk(review[start:start + 40]))
            time.sleep(0.08)
        send(chunk(finish="stop"))
        send({"model": "fake-llm", "choices": [], "usage": {"prompt_tokens": 500, "completion_tokens": 90}})
        send("[DONE]")

    def stop(self):
        if self.server:
            self.server.shutdown()
