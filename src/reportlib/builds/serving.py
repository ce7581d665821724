"""``reportlib serve``: the reports folder over HTTP on this machine only.

The reports open from disk, but the search page fetches its index by script, which a
browser allows only over HTTP. The server binds 127.0.0.1 (never another interface),
serves files only (no code runs per request) and writes nothing.
"""

from __future__ import annotations

from functools import partial
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

    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        if self.verbose:
            super().log_message(format, *args)


def make_server(folder: Path, port: int = 0, verbose: bool = False) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1 (``port`` 0: a free one; see
    ``server.server_address``), bound but not yet serving: call ``serve_forever``."""
    handler = type("Handler", (ReportsHandler,), {"verbose": verbose})
    return ThreadingHTTPServer((HOST, port), partial(handler, directory=str(folder)))
