"""A TCP proxy on loopback for fault tests: it passes bytes both ways between its clients and
one server, and cuts a connection at the byte the test chooses, never at a moment of the clock.

    with closing(TcpProxy(server_host, server_port)) as proxy:
        url = proxy.url(central.url)                  # the same database, through the proxy
        proxy.cut_after(500_000, then=server.stop)    # counts what clients send from now on

Once the clients have sent that many more bytes (or, with `answers=True`, the server has sent
them that many), the rest of that stream is held back: `then` runs (in the proxy's thread) and
the connection is cut. Cut in the clients' stream, the server sees its end and the client
still reads what the server said until then (the words of a server shutting down); cut in the
answers, both see the end of the stream. `cut` is set once it is done. A connection made
later passes untouched. Closing the proxy closes every socket it opened.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

from sqlalchemy.engine import make_url

_CHUNK = 65_536


class TcpProxy:
    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._pumps: list[threading.Thread] = []
        self._budget: int | None = None  # bytes that may still pass before the cut
        self._in_answers = False  # the budget counts the server's bytes, not the clients'
        self._then: Callable[[], object] = lambda: None
        self.cut = threading.Event()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def url(self, url: str) -> str:
        """`url` (libpq form) with the proxy as host and port."""
        proxied = make_url(url).set(host="127.0.0.1", port=self.port)
        return proxied.render_as_string(hide_password=False)

    def cut_after(
        self, size: int, then: Callable[[], object] = lambda: None, *, answers: bool = False
    ) -> None:
        """Cut the connection in which the clients' bytes (or the server's, with `answers`),
        counted from now, reach `size`; run `then` first."""
        with self._lock:
            self._budget, self._in_answers, self._then = size, answers, then
        self.cut.clear()

    def close(self) -> None:
        _shut(self._listener, socket.SHUT_RDWR)  # wakes the accepting thread (Linux)
        self._acceptor.join(timeout=30)
        self._listener.close()
        with self._lock:  # no connection is added any more
            sockets, pumps = list(self._sockets), list(self._pumps)
        for sock in sockets:
            _shut(sock, socket.SHUT_RDWR)  # wakes the pumps
        for pump in pumps:
            pump.join(timeout=30)
        for sock in sockets:
            sock.close()

    # ---- the threads --------------------------------------------------------------------

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # the proxy is closing
                return
            with self._lock:
                self._sockets.append(client)
            try:
                server = socket.create_connection(self._target)
            except OSError:  # the server is down: so is the client's connection
                _shut(client, socket.SHUT_RDWR)
                continue
            pumps = [
                threading.Thread(target=self._pump, args=(client, server, server), daemon=True),
                threading.Thread(target=self._pump, args=(server, client, server), daemon=True),
            ]
            with self._lock:
                self._sockets.append(server)
                self._pumps += pumps
            for pump in pumps:
                pump.start()

    def _pump(self, source: socket.socket, sink: socket.socket, server: socket.socket) -> None:
        answers = source is server
        with contextlib.suppress(OSError):
            while chunk := source.recv(_CHUNK):
                passed, cut_here = self._take(chunk, answers)
                sink.sendall(passed)
                if cut_here:
                    try:
                        self._then()
                    finally:
                        _shut(sink, socket.SHUT_WR)
                        _shut(server, socket.SHUT_WR)
                        self.cut.set()
                    return
        _shut(sink, socket.SHUT_WR)

    def _take(self, chunk: bytes, answers: bool) -> tuple[bytes, bool]:
        """The part of `chunk` that passes, and whether the cut falls in it."""
        with self._lock:
            if self._budget is None or answers != self._in_answers:
                return chunk, False
            if len(chunk) < self._budget:
                self._budget -= len(chunk)
                return chunk, False
            passed, self._budget = chunk[: self._budget], None
            return passed, True


def _shut(sock: socket.socket, how: int) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(how)
