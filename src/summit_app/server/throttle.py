"""Who may come in, and how fast: joins per address, and wrong guesses at codes and passes.

One person, one vote, as far as a LAN allows: on venue Wi-Fi every phone has its own
address, so a phone that drops its cookie and joins again and again comes from the same
address. A short burst of fresh joins from one address is allowed (a family sharing a
hotspot, a phone whose browser was reset), then one a few seconds at most; the rest are
refused with a sentence and counted for the facilitator.

Wrong guesses (a made-up join code, short code or card pass) lock the guessing address
for a while, and only that address: a limit for all addresses together let six guessing
addresses lock the whole room out of the short address. A right join link or card pass
(96 and 80 bits, never guessed) is always taken, even from a locked address: phones behind
one address (a hotspot) are not shut out by one phone's stale link. The six-digit short
code is the one a guesser could find by trying, so a locked address's typing is not looked
at, and each address gets only a few tries an hour after its first ten.

Over the whole day, an address brings in at most JOIN_TOTAL new participants: the rate
alone let one address mint 107 voters in ten minutes, each voting once in every later poll.
A venue that puts many phones behind one address (a guest network behind one router)
switches the per-address limits off on the Phones tab (`SummitInfo.shared_address`);
guessing stays locked either way. The totals live as long as the window's Doors (the app's
session), not in the file: an address is personal data the file does not need.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from summit_app.server.guards import RateLimit
from summit_app.server.limits import JOIN_TOTAL, SHARED_ADDRESS_HINT

__all__ = ["JOIN_TOTAL", "SHARED_ADDRESS_HINT", "Doors"]

# 100 fresh joins from one address in 10 s make at most JOIN_BURST + 10 * JOIN_PER_S.
JOIN_BURST = 8
JOIN_PER_S = 1 / 6
GUESS_BURST = 10
GUESS_PER_S = 1 / 10
# Per address, after the first ten: one a minute. A guesser with a whole /24 of addresses
# (254) tries about 15,000 codes an hour, so half of the million take over 30 hours; a
# person who mistypes the code has ten tries at once.
SHORT_GUESS_BURST = 10
SHORT_GUESS_PER_S = 1 / 60

JOIN_REFUSED = (
    "Many phones have just joined from this phone's network address, so this one was not"
    " let in yet. Wait a minute, then scan the code again. If many of you share one"
    " connection, tell the facilitator."
)
JOIN_TOTAL_REACHED = (
    "Several phones have already joined from this phone's network address today, the most"
    " one address may bring in, so this one was not let in. If many of you share one"
    " connection, tell the facilitator: they can allow it on the Phones tab."
)
GUESSED_TOO_OFTEN = (
    "Too many wrong codes were tried from this phone. Wait a minute, then scan the QR code"
    " on the screen."
)
SHORT_GUESSED_TOO_OFTEN = (
    "Too many wrong codes were tried from this phone. Scan the QR code on the screen"
    " instead, or try again in a few minutes."
)


@dataclass
class Doors:
    """The server's throttles on joining and guessing, and what they refused."""

    joins: RateLimit = field(default_factory=lambda: RateLimit(JOIN_BURST, JOIN_PER_S))
    guesses: RateLimit = field(default_factory=lambda: RateLimit(GUESS_BURST, GUESS_PER_S))
    short_guesses: RateLimit = field(
        default_factory=lambda: RateLimit(SHORT_GUESS_BURST, SHORT_GUESS_PER_S)
    )
    refused_joins: int = 0
    wrong_guesses: int = 0
    total: int = JOIN_TOTAL
    clock: Callable[[], float] | None = None  # a simulated clock for tests; else monotonic
    joined: Counter[str] = field(default_factory=Counter)  # new participants per address
    refused_over_total: int = 0  # of refused_joins, those refused by the day's total

    def __post_init__(self) -> None:
        if self.clock is not None:
            for limit in (self.joins, self.guesses, self.short_guesses):
                limit.clock = self.clock

    def join_refusal(self, address: str, shared: bool = False) -> str | None:
        """None if a fresh join (a new participant) from this address may come in, and
        then it is counted; else the sentence the phone reads, and a refusal is counted.
        `shared`: many phones share one address here, so no per-address limit applies."""
        if shared:
            return None
        if self.joined[address] >= self.total:
            self.refused_joins += 1
            self.refused_over_total += 1
            return JOIN_TOTAL_REACHED
        if not self.joins.allow(address):
            self.refused_joins += 1
            return JOIN_REFUSED
        self.joined[address] += 1
        return None

    def may_guess(self, address: str, short: bool = False) -> bool:
        """Whether a wrong code from this address is answered as wrong (no while it is
        locked); for the short code, whether its typing is looked at at all."""
        if not self.guesses.peek(address):
            return False
        return not short or self.short_guesses.peek(address)

    def wrong(self, address: str, short: bool = False) -> None:
        """A wrong code or pass from this address."""
        self.wrong_guesses += 1
        self.guesses.allow(address)
        if short:
            self.short_guesses.allow(address)

    @classmethod
    def unlimited(cls) -> Doors:
        """For tests that fuzz or flood on purpose and must reach the handlers."""
        big = 1e9
        return cls(RateLimit(big, big), RateLimit(big, big), RateLimit(big, big), total=10**9)
