"""Who may come in, and how fast: joins per address, and wrong guesses at codes and passes.

One person, one vote, as far as a LAN allows: on venue Wi-Fi every phone has its own
address, so a phone that drops its cookie and joins again and again comes from the same
address. A short burst of fresh joins from one address is allowed (a family sharing a
hotspot, a phone whose browser was reset), then one a few seconds at most; the rest are
refused with a sentence and counted for the facilitator.

Wrong guesses (a made-up join code, short code or card pass) lock the guessing address
for a while; the six-digit short code also has a limit for all addresses together, so a
guesser with many addresses still needs days.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summit_app.server.guards import RateLimit

# 100 fresh joins from one address in 10 s make at most JOIN_BURST + 10 * JOIN_PER_S.
JOIN_BURST = 8
JOIN_PER_S = 1 / 6
GUESS_BURST = 10
GUESS_PER_S = 1 / 10
# All addresses together: about 1,800 guesses an hour, so half of the million six-digit
# codes take over ten days to try.
SHORT_GUESS_BURST = 60
SHORT_GUESS_PER_S = 1 / 2

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
    "Too many wrong codes were tried in this room just now. Scan the QR code on the screen"
    " instead, or try again in a minute."
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
        """Whether a code from this address is looked at at all (no while it is locked)."""
        if not self.guesses.peek(address):
            return False
        return not short or self.short_guesses.peek("all")

    def wrong(self, address: str, short: bool = False) -> None:
        """A wrong code or pass from this address."""
        self.wrong_guesses += 1
        self.guesses.allow(address)
        if short:
            self.short_guesses.allow("all")

    @classmethod
    def unlimited(cls) -> Doors:
        """For tests that fuzz or flood on purpose and must reach the handlers."""
        big = 1e9
        return cls(RateLimit(big, big), RateLimit(big, big), RateLimit(big, big))
