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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summit_app.server.guards import RateLimit

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

    def may_join(self, address: str) -> bool:
        """A fresh join (a new participant) from this address; counts a refusal."""
        if self.joins.allow(address):
            return True
        self.refused_joins += 1
        return False

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
        return cls(RateLimit(big, big), RateLimit(big, big), RateLimit(big, big))
