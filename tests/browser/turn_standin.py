#!/usr/bin/env python3
"""Cloudflare Realtime's TURN API, stood in for the browser suite's relayed
call: `POST /turn/keys/{TURN_KEY_ID}/credentials/generate-ice-servers` with
`Authorization: Bearer {TURN_KEY_API_TOKEN}` answers 201 `{"iceServers":
[...]}` naming the coturn that scripts/browser.sh runs on loopback, with
credentials of coturn's REST API scheme (`--use-auth-secret`): the user name
is the expiry's Unix time, the password the base64 HMAC-SHA1 of it under the
shared secret.

Usage: turn_standin.py PORT TURN_PORT KEY_ID API_TOKEN SHARED_SECRET
"""
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, TURN_PORT, KEY_ID, API_TOKEN, SECRET = sys.argv[1:6]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        try:
            ttl = int(json.loads(self.rfile.read(length) or b"{}").get("ttl", 86400))
        except (ValueError, AttributeError):
            return self._answer(400, {"error": "body is not JSON"})
        if self.path != f"/turn/keys/{KEY_ID}/credentials/generate-ice-servers":
            return self._answer(404, {"error": "no such key"})
        if self.headers.get("authorization") != f"Bearer {API_TOKEN}":
            return self._answer(401, {"error": "wrong token"})
        username = f"{int(time.time()) + ttl}:spica"
        credential = base64.b64encode(
            hmac.new(SECRET.encode(), username.encode(), hashlib.sha1).digest()
        ).decode()
        urls = [f"turn:127.0.0.1:{TURN_PORT}?transport=udp", f"turn:127.0.0.1:{TURN_PORT}?transport=tcp"]
        return self._answer(
            201,
            {"iceServers": [{"urls": urls, "username": username, "credential": credential}]},
        )


ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler).serve_forever()
