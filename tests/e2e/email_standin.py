"""A stand-in for the HTTP email API on loopback, for the end-to-end suite.

POST /emails records the request (idempotency key, authorization, JSON body)
and answers like the real service: 200 {"id": ...}, the same id again for a
repeated idempotency key. GET /received lists every request, repeats included,
so a test can tell one delivery from two.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = []
ids = {}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.path != "/emails":
            return self._answer(404, {"error": "not found"})
        length = int(self.headers.get("content-length", "0"))
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            return self._answer(400, {"error": "body is not JSON"})
        key = self.headers.get("idempotency-key")
        with lock:
            ids.setdefault(key, "standin_%d" % (len(ids) + 1))
            received.append(
                {
                    "idempotency_key": key,
                    "authorization": self.headers.get("authorization"),
                    "body": body,
                }
            )
            return self._answer(200, {"id": ids[key]})

    def do_GET(self):
        if self.path != "/received":
            return self._answer(404, {"error": "not found"})
        with lock:
            return self._answer(200, received)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
