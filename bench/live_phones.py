"""The phones' side of bench/live_edits.py, run in its own process.

N phones arrive at random over `spread` seconds; each joins, reads the state, votes in the
open poll, and every other phone posts a note to the prompt its state read showed open (none
when no prompt was open: the page shows no note form then). They share `connections`
keep-alive connections (bench/burst_client.py). Prints one JSON line: per leg, the answered
requests, latencies and errors by kind.

    python bench/live_phones.py BASE CODE POLL_ID OPTION_IDS PHONES CONNECTIONS SPREAD_S
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

from burst_client import BURST_TIMEOUT_S, Clients, Leg, pick


async def phones(
    base: str,
    code: str,
    poll_id: int,
    options: list[int],
    n: int,
    connections: int,
    spread: float,
) -> tuple[dict[str, Leg], float, int, int, int]:
    legs = {name: Leg() for name in ("join", "state", "ballot", "note")}
    arrivals = [random.uniform(0, spread) for _ in range(n)]
    unfinished = 0
    no_prompt = 0  # phones that would post a note, but saw no prompt open
    async with Clients(connections) as http:

        async def phone(i: int) -> None:
            nonlocal no_prompt
            # Phones arrive at random moments over `spread` seconds, as people scan the QR
            # code (evenly spaced arrivals could fall into step with the facilitator's timer).
            await asyncio.sleep(arrivals[i])
            # From its own address, on a connection of its own (joins are limited per address).
            cookie = await http.join(legs["join"], i, f"{base}/j/{code}")
            if cookie is None:
                return
            headers = {"Cookie": cookie}
            state = await http.send(
                legs["state"],
                i,
                lambda r: r.status_code == 200,
                "GET",
                f"{base}/api/state",
                headers=headers,
            )
            # The page already showed the poll: a failed state read leaves the phone with
            # what it had (the ids it was given). Notes go to the prompt open now, if any.
            poll, prompt = poll_id, None
            choices = options
            if state is not None:
                body = state.json()
                if body.get("poll") and body["poll"]["open"]:
                    poll = body["poll"]["id"]
                    choices = [o["id"] for o in body["poll"]["options"]]
                if body.get("prompt") and body["prompt"]["kind"] == "notes":
                    prompt = body["prompt"]["id"]
            ballot = {"poll_id": poll, "choices": {str(choices[i % len(choices)]): 1}}
            await http.send(
                legs["ballot"],
                i,
                lambda r: r.status_code == 200 and r.json().get("ok") is True,
                "POST",
                f"{base}/api/ballot",
                json=ballot,
                headers=headers,
            )
            if i % 2 == 0 and prompt is None:
                no_prompt += 1
            elif i % 2 == 0:
                note = {"prompt_id": prompt, "text": f"Note {i} from a phone"}
                await http.send(
                    legs["note"],
                    i,
                    lambda r: r.status_code == 201,
                    "POST",
                    f"{base}/api/note",
                    json=note,
                    headers=headers,
                )

        started = time.perf_counter()
        tasks = [asyncio.ensure_future(phone(i)) for i in range(n)]
        done, pending = await asyncio.wait(tasks, timeout=spread + BURST_TIMEOUT_S)
        for task in pending:  # bounded in time: whatever is still waiting is given up
            task.cancel()
        unfinished = len(pending)
        if pending:
            await asyncio.wait(pending, timeout=5)
        crashed = [t.exception() for t in done if not t.cancelled() and t.exception()]
        for error in crashed[:3]:  # a bug in this script, not the server's answer
            print(f"a phone crashed: {error!r}", file=sys.stderr)
        seconds = time.perf_counter() - started
    return legs, seconds, unfinished, len(crashed), no_prompt


def main() -> int:
    base, code, poll_id, options, n, connections, spread = sys.argv[1:8]
    legs, seconds, unfinished, crashed, no_prompt = asyncio.run(
        phones(
            base,
            code,
            int(poll_id),
            [int(x) for x in options.split(",")],
            int(n),
            int(connections),
            float(spread),
        )
    )
    out = {
        name: {
            "ok": leg.ok,
            "errors": dict(leg.errors),
            "median_ms": 1000 * leg.median(),
            "p99_ms": 1000 * leg.p99(),
            "latencies": len(leg.latencies),
        }
        for name, leg in legs.items()
    }
    out["seconds"] = seconds
    out["unfinished"] = unfinished
    out["crashed"] = crashed
    out["no_prompt"] = no_prompt
    out["max_ms"] = {name: 1000 * pick(leg.latencies, 1.0) for name, leg in legs.items()}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
