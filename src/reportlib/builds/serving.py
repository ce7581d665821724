"""``reportlib serve``: the reports folder over HTTP on this machine only.

The reports open from disk, but the search page fetches its index by script, which a
browser allows only over HTTP. The server binds 127.0.0.1 (never another interface),
serves files only (no code runs per request) and writes nothing.
"""

from __future__ import annotations

from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


class ReportsHandler(SimpleHTTPRequestHandler):
    """Static files, with the types Pagefind's bundle needs; quiet unless ``verbose``."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
        ".xml": "application/atom+xml",
    }
    verbose = False

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own "not found" page (status 404), not Python's
        bare error page; other errors are the standard library's."""
        if code != HTTPStatus.NOT_FOUND or self.command == "HEAD":
            return super().send_error(code, message, explain)
        body = not_found_page(self.path).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        if self.verbose:
            super().log_message(format, *args)


def not_found_page(path: str) -> str:
    """The site's "page not found" page, naming the path asked for."""
    from urllib.parse import unquote, urlsplit

    from .pages import render

    shown = unquote(urlsplit(path).path)[:200]
    return render("not_found.html.j2", root="/", has_editions=False, path=shown)


def make_server(folder: Path, port: int = 0, verbose: bool = False) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1 (``port`` 0: a free one; see
    ``server.server_address``), bound but not yet serving: call ``serve_forever``."""
    handler = type("Handler", (ReportsHandler,), {"verbose": verbose})
    return ThreadingHTTPServer((HOST, port), partial(handler, directory=str(folder)))
