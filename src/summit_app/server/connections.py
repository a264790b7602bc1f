"""Connections within the descriptors the process has: a cap, idle timeouts, and room to serve.

Every phone holds a connection (its event stream, or a keep-alive one), and each is a file
descriptor. A Mac allows 256 by default; when they run out, accept() fails over and over
and nobody new gets in. So: the soft limit is raised to the hard one where the system
allows; the server keeps at most `budget` connections, leaving room for the file, its WAL
and the window; a socket that sends nothing is closed after the keep-alive timeout like an
idle keep-alive one (uvicorn starts that timer only after a first answer); and when the
cap is reached the longest-idle connection makes way for the new one. Event streams are
capped below the budget (see push.py), so phones past it poll instead, and requests always
find a slot.

Slow senders (slowloris: headers or a body a byte every few seconds) must not hold slots:
uvicorn cancels its keep-alive timer on the first byte and then waits for ever. So every
request has REQUEST_S from the moment the connection starts waiting for it (opened, or
its last answer sent) to arrive whole, or it is answered 408 and closed; and a connection
still receiving its request counts as idle, not busy, so it makes way for a new one (a
phone's request arrives in milliseconds; one trickled for seconds is the oldest there).

Slow readers (a client that asks and never reads the answer) must not hold slots either:
the app waits for ever to write the rest of a paused response, and an answer closed with
bytes still unsent keeps its descriptor until they go. Measured before: 6,000 such
connections left 5,581 held after 120 s, up to 4,037 "Too many open files" tracebacks and
547 MB of server memory. So a response that cannot be written for WRITE_S (the transport's
buffer stays full) is dropped, a connection closed with its answer unsent is dropped after
LINGER_S, and when the cap is reached the connection stuck writing the longest makes way
before any idle one (tests/e2e/test_server_slow_readers.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import socket
import time
from typing import cast

import h11
from starlette.types import Scope
from uvicorn.protocols.http.h11_impl import H11Protocol

from summit_app.server.guards import SLOW_BODY
from summit_app.server.words import LANGUAGES, language_of, translate

log = logging.getLogger(__name__)

# The .summit file and its WAL, logs, the window's own in-process use, and the accept
# batches asyncio holds beyond the connections counted (accept_batch): 64 left 256 short.
RESERVED_FDS = 80
# What a serving process holds besides its connections: measured 12 under `serve` (standard
# streams, log, lock file, the .summit file with its WAL and SHM, the selector, the loop's
# wake-up pair, the listening socket); tests/server/test_server_descriptor_reserve.py.
OWN_FDS = 16
MAX_SOFT_LIMIT = 10_240  # macOS refuses more than OPEN_MAX even when the hard limit is higher
# A phone's request (headers and a body of at most 16 KB) arrives in well under a second even
# on poor Wi-Fi; the page gives up on a request after 12 s anyway (resources/web/core.js).
REQUEST_S = 10.0
# A phone on poor Wi-Fi drains a few KB in well under this; a reader that takes nothing for
# this long (its buffer full all the while) has stopped reading. The page's own requests
# give up after 12 s, and an event stream's reader is dropped here too.
WRITE_S = 10.0
# A phone's request follows its connection within milliseconds; past the budget, who to
# shed is decided this long after a burst of accepts, when the newcomers have sent theirs.
SETTLE_S = 0.25
# The kernel's share of a connection's unread answers: a phone page's largest answer is
# under 20 KB, and at 50 ms round trips this still allows over 1 MB/s (Linux doubles it).
SEND_BUFFER = 64 * 1024
LINGER_S = 2.0  # how long a closed connection may still take to send its last bytes
# The scope's extension that hands an answer its connection's transport (push.py).
TRANSPORT = "summit.transport"


def timed_out_answer(lang: str) -> bytes:
    """The raw 408 (written below the app, so not through words.Speaking) in the phone's
    language, saying which language it is in, as the app's answers to a Welsh phone do."""
    said = translate(SLOW_BODY, lang)
    if said is None:
        said, lang = SLOW_BODY, "en"
    body = json.dumps({"error": said, "lang": lang}, ensure_ascii=False).encode()
    return (
        b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
        b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
    )


TIMED_OUT_ANSWERS = {lang: timed_out_answer(lang) for lang in LANGUAGES}


def descriptor_limit() -> int:
    """The process's descriptor limit, raised to the hard limit first where allowed."""
    try:
        import resource
    except ImportError:  # Windows: sockets are not bound by a descriptor table this small
        return 8192
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_SOFT_LIMIT if hard == resource.RLIM_INFINITY else min(hard, MAX_SOFT_LIMIT)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            log.info("could not raise the descriptor limit from %s", soft)
    return int(soft if soft != resource.RLIM_INFINITY else MAX_SOFT_LIMIT)


def connection_budget(limit: int | None = None) -> int:
    """How many connections the server keeps open at most."""
    limit = descriptor_limit() if limit is None else limit
    return max(16, limit - max(RESERVED_FDS, limit // 8))


def accept_batch(budget: int, limit: int | None = None) -> int:
    """The listen backlog, which asyncio also uses as how many connections it accepts in
    one go before any of them is seen (and the cap applied): it must fit in the reserve,
    or a burst of connections runs the process out of descriptors all the same.

    Three batches at once, when the loop is slow enough (a loaded machine) that the
    kernel's queue is full at each turn: the one just accepted, the one before (asyncio
    makes its transports a turn later, and uvicorn counts a connection only when it is
    made) and the connections shed for the one before that (their descriptors go a turn
    after they are closed). With the headroom (half a batch) and the process's own, that
    was 12 + 192 + 8 + 3 x 16 = 260 of 256 descriptors with a reserve of 64 ("socket.accept()
    out of system resource" in the slow-senders test, under load). Now a quarter of what
    the process's own leave of a reserve of 80: 12 + 176 + 8 + 3 x 16 = 244. (A smaller
    batch in the old reserve fitted too, but a smaller listen backlog drops a burst's
    connections sooner: 300 connects in a row took 22.5 s instead of 16.4 s, each 13th
    waiting a second for its SYN to be sent again.)"""
    limit = descriptor_limit() if limit is None else limit
    return max(8, min(2048, (limit - budget - OWN_FDS) // 4))


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a cap on open connections, a timeout from the start, and
    a deadline for each request to arrive whole.

    `budget` is set on the class by the runner (`guarded(budget)`) before serving.
    """

    budget = 1024
    evicted = 0
    timed_out = 0
    stalled = 0  # dropped because the reader stopped reading
    refused = 0  # answered 503: every slot was answering a request
    headroom = 0  # past the budget while a burst's connections say what they are
    settling: asyncio.TimerHandle | None = None
    request_seconds = REQUEST_S
    write_seconds = WRITE_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        _bound_send_buffer(transport)
        self.request_deadline: asyncio.TimerHandle | None = None
        self.write_deadline: asyncio.TimerHandle | None = None
        self.stuck_since = 0.0  # when its answer last could not be written (0: it can)
        self.opened = time.monotonic()
        self._waiting_for_request()
        # A socket that never sends a request is closed like an idle keep-alive one.
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )
        if len(self.connections) > self.budget:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._cancel_write_deadline()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        """The transport's buffer is full: the reader has this long to take some of it."""
        super().pause_writing()
        if self.write_deadline is None:
            self.stuck_since = time.monotonic()
            self.write_deadline = self.loop.call_later(self.write_seconds, self._not_reading)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_write_deadline()

    def _cancel_write_deadline(self) -> None:
        deadline = getattr(self, "write_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self.write_deadline = None
        self.stuck_since = 0.0

    def _not_reading(self) -> None:
        self.write_deadline = None
        type(self).stalled += 1
        self.transport.abort()  # its unsent answer is dropped; connection_lost follows

    def timeout_keep_alive_handler(self) -> None:
        super().timeout_keep_alive_handler()
        self._linger()

    def _linger(self) -> None:
        """A closed connection still sending its answer gets LINGER_S to finish."""
        if self.transport.get_write_buffer_size() and self.write_deadline is None:
            self.loop.call_later(LINGER_S, self.transport.abort)

    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        if cycle is not None and not cycle.response_started:
            # The event stream writes each broadcast straight to the socket (push.py).
            cycle.scope.setdefault("extensions", {})[TRANSPORT] = {"transport": self.transport}
        if self._busy():  # the request is all here: the app has it, no deadline to keep
            self._cancel_deadline()

    def on_response_complete(self) -> None:
        if not self.transport.is_closing():
            self._waiting_for_request()  # before super(): it may start a pipelined request
        else:
            self._linger()  # answered and closed ("connection: close"): its last bytes
        super().on_response_complete()

    def _waiting_for_request(self) -> None:
        self.idle_since = time.monotonic()
        self._cancel_deadline()
        self.request_deadline = self.loop.call_later(self.request_seconds, self._too_slow)

    def _cancel_deadline(self) -> None:
        deadline = getattr(self, "request_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self.request_deadline = None

    def _busy(self) -> bool:
        """Answering a request that has arrived whole (a connection still receiving one,
        however slowly, is not busy: it may be made to give way)."""
        cycle = self.cycle
        return cycle is not None and not cycle.response_complete and not cycle.more_body

    def _receiving(self) -> bool:
        """Part of a request has come (or a body is still coming after its answer)."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            return cycle.more_body
        return self.conn.their_state is not h11.IDLE or bool(self.conn.trailing_data[0])

    def _too_slow(self) -> None:
        self.request_deadline = None
        if self.transport.is_closing() or self._busy():
            return
        type(self).timed_out += 1
        self._drop_slow()

    def _drop_slow(self) -> None:
        """Answer 408 where no answer has begun, then close."""
        cycle = self.cycle
        answering = cycle is not None and cycle.response_started and not cycle.response_complete
        if not answering:
            # The phone's language from the request this connection last brought (the
            # same phone's); before any, English, marked so (headers never came whole).
            lang = language_of(cast("Scope", self.scope)) if self.scope else "en"
            self.transport.write(TIMED_OUT_ANSWERS[lang])
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True  # the app stops waiting for the rest of the body
            cycle.message_event.set()
        self.transport.close()
        self._linger()

    def _asks_ahead(self) -> bool:
        """Sent its next request before taking this answer (HTTP pipelining). No browser
        does; a client that never reads does, and the kernel's send buffer, which grows to
        hundreds of KB on loopback or Wi-Fi, takes its answers for a long while before any
        piles up here (measured: 30 to 320 KB queued in the kernel per such connection)."""
        return self._busy() and bool(self.conn.trailing_data[0])

    def _make_room(self) -> None:
        """At the cap: shed a connection that is not a phone's, never a phone's in its place.

        Measured cause of the resets phones got under 2,000 non-readers: non-readers whose
        answers the kernel was still taking looked busy, like a phone mid-request, so the
        only candidates were phones' idle keep-alive connections (closed under their next
        request) and, in a burst of accepts, connections not yet read; with none idle, the
        newcomer itself was closed with its request unread, which the kernel answers with
        a reset. So: a connection that is plainly not a phone's goes at once (its answer
        piling up here, or asking ahead of its answers); otherwise the decision waits
        SETTLE_S, within the headroom the descriptor reserve keeps for an accept batch, until
        the newcomers' requests have come and said what they are.
        """
        # Every connection of this server is one of ours (uvicorn types them as any protocol).
        ours = cast("set[GuardedH11Protocol]", self.connections)
        # A closed connection still holds its descriptor until its last bytes have gone
        # (LINGER_S at most); at the cap they go now, or a stream of slow readers keeps
        # more descriptors closing than the reserve has (measured: "Too many open files").
        for other in ours:
            lingering = other.transport.is_closing() and other.transport.get_write_buffer_size()
            if other is not self and lingering:
                other.transport.abort()
        # Connections already closing are still counted until their connection_lost: not
        # candidates (picking one again made no room: a burst of accepts then grew the
        # count past uvicorn's limit_concurrency, and a phone was refused 503).
        live = [c for c in ours if not c.transport.is_closing()]
        excess = len(live) - self.budget
        if excess <= 0:
            return
        others = [c for c in live if c is not self]
        if _shed_stranger(others):
            return
        cls = type(self)
        if excess <= self.headroom:
            if cls.settling is None:
                cls.settling = self.loop.call_later(SETTLE_S, self._settle)
            return
        if not _shed_idle(others):
            # Every slot is answering a request that arrived whole: this one's request gets
            # uvicorn's 503 (with "connection: close") instead of a reset, and the page
            # tries again.
            cls.refused += 1
            self.limit_concurrency = 0

    def _settle(self) -> None:
        """Back within the budget, now that the newest connections have said what they are."""
        cls = type(self)
        cls.settling = None
        ours = cast("set[GuardedH11Protocol]", self.connections)
        live = [c for c in ours if not c.transport.is_closing()]
        for _ in range(len(live) - self.budget):
            if not (_shed_stranger(live) or _shed_idle(live)):
                return
            live = [c for c in live if not c.transport.is_closing()]

    def _close_idle(self) -> None:
        if self.transport.is_closing():
            return
        try:
            self.conn.send(h11.ConnectionClosed())
        except h11.LocalProtocolError:
            pass
        self.transport.close()
        self._linger()


def _bound_send_buffer(transport: asyncio.Transport) -> None:
    """Keep the kernel from taking more than SEND_BUFFER of a connection's answers unread.

    Left to itself the kernel grows a socket's send buffer to megabytes (loopback, good
    Wi-Fi), so a client that never reads had 30 to 320 KB of answers taken off our hands
    and looked like a phone that reads; bounded, what it leaves unread piles up in the
    transport, where the cap and the write deadline see it."""
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        except OSError:
            log.debug("could not bound a send buffer", exc_info=True)


def _shed_stranger(candidates: list[GuardedH11Protocol]) -> bool:
    """Drop the connection that is plainly not a phone's, if there is one: its answer piling
    up here (stuck longest first), else asking ahead of its answers (oldest first)."""
    backed_up = [c for c in candidates if c._busy() and c.transport.get_write_buffer_size()]
    ahead = [c for c in candidates if c._asks_ahead()]
    if backed_up:
        victim = min(backed_up, key=lambda c: c.stuck_since or math.inf)
    elif ahead:
        victim = min(ahead, key=lambda c: c.opened)
    else:
        return False
    type(victim).evicted += 1
    victim.transport.abort()  # its own unread requests make the reset: it is for it alone
    return True


def _shed_idle(candidates: list[GuardedH11Protocol]) -> bool:
    """Close the connection idle longest (waiting for a request, or trickling one)."""
    idle = [c for c in candidates if not c._busy()]
    if not idle:
        return False
    oldest = min(idle, key=lambda c: c.idle_since)
    type(oldest).evicted += 1
    if oldest._receiving():
        oldest._drop_slow()
    else:
        oldest._close_idle()
    return True


def guarded(budget: int, headroom: int = 0) -> type[GuardedH11Protocol]:
    """A protocol class for one server, with its own budget and eviction count.

    `headroom`: how far past the budget a burst may go while its connections say what
    they are (the accept batch, which the descriptor reserve has room for)."""
    return type(
        "GuardedH11",
        (GuardedH11Protocol,),
        {
            "budget": budget,
            "headroom": headroom,
            "settling": None,
            "evicted": 0,
            "timed_out": 0,
            "stalled": 0,
            "refused": 0,
        },
    )
