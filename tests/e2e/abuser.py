"""The abuse for tests/e2e/test_server_abuse.py, in a process of its own so that it loads
the server and not the measuring phones' event loop. Bounded in count and time.

    python abuser.py URL JOIN_CODE HAMMER NO_TOKEN

One phone joins, then sends HAMMER ballots as fast as 8 connections allow; meanwhile
NO_TOKEN ballots with no pass go over 16 more. Prints "go" when it starts and a JSON line
of the answers' status codes by kind when it ends.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter

import httpx

BODY = {"poll_id": 1, "choices": {"1": 1}}


async def flood(client: httpx.AsyncClient, url: str, count: int, lanes: int, seen: Counter) -> None:
    left = iter(range(count))

    async def lane() -> None:
        for _ in left:
            try:
                seen[(await client.post(url, json=BODY)).status_code] += 1
            except httpx.HTTPError as error:
                seen[type(error).__name__] += 1

    await asyncio.gather(*(lane() for _ in range(lanes)))


async def main(base: str, code: str, hammer: int, no_token: int) -> dict:
    limits = httpx.Limits(max_connections=8)
    async with (
        httpx.AsyncClient(base_url=base, timeout=10, limits=limits, trust_env=False) as phone,
        httpx.AsyncClient(
            base_url=base, timeout=10, limits=httpx.Limits(max_connections=16), trust_env=False
        ) as stranger,
    ):
        await phone.get(f"/j/{code}")
        print("go", flush=True)
        hammered, strangers = Counter(), Counter()
        await asyncio.wait_for(
            asyncio.gather(
                flood(phone, "/api/ballot", hammer, 8, hammered),
                flood(stranger, "/api/ballot", no_token, 16, strangers),
            ),
            timeout=60,
        )
    return {"hammer": dict(hammered), "no_token": dict(strangers)}


if __name__ == "__main__":
    url, join_code, hammer_count, no_token_count = sys.argv[1:5]
    result = asyncio.run(main(url, join_code, int(hammer_count), int(no_token_count)))
    print(json.dumps({k: {str(s): n for s, n in v.items()} for k, v in result.items()}))
