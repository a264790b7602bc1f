"""The phone page's own words in the phone's language (English or Welsh), from one
catalogue (resources/web/words.toml); the summit's content is shown as written.

The language: the phone's choice, kept in a cookie (the page's "Cymraeg / English" links,
which work where a browser has no storage), else Welsh when the browser's languages put
it before English (Accept-Language, which is how the browser states navigator.languages),
else English. The page is served in that language from its first paint, with only that
language's strings; the laptop's answers to a phone are put into it on their way out
(`Speaking`), matched word for word against the catalogue's English.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from html import escape
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summit_app.core.model import SummitInfo
from summit_app.resources import WEB

LANGUAGES = ("en", "cy")
NAMES = {"en": "English", "cy": "Cymraeg"}  # each in its own language, as a switch shows it
COOKIE = "summit-lang"
Entry = str | dict[str, str]  # a sentence, or its forms by number ("one", "other"...)


@cache
def catalogue() -> dict[str, dict[str, dict[str, Entry]]]:
    """section ("page", "server") to key to language to its text."""
    data = tomllib.loads((WEB / "words.toml").read_text(encoding="utf-8"))
    return {section: dict(entries) for section, entries in data.items()}


def plural_form(lang: str, n: int) -> str:
    """The form a number takes (CLDR's rules): Welsh has six, for the mutations that
    follow dau (2), tri (3) and chwe (6)."""
    if lang == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")
    return "one" if n == 1 else "other"


def say(lang: str, key: str, section: str = "server", **args: Any) -> str:
    """One entry in `lang`, its {names} filled in; a number `n` picks the form and is
    printed with thousands separators."""
    entry = catalogue()[section][key][lang]
    if isinstance(entry, dict):
        entry = entry.get(plural_form(lang, args["n"]), entry["other"])
    if isinstance(args.get("n"), int):
        args["n"] = f"{args['n']:,}"
    return entry.format(**args)


def choose(cookie: str | None, accept: str) -> str:
    """The language to speak: the phone's choice, else the first of ours its browser asks."""
    if cookie in LANGUAGES:
        return cookie
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and q > 0:
            ranked.append((-q, i, primary))
    return min(ranked)[2] if ranked else "en"


def language_of(scope: Scope) -> str:
    headers = dict(scope.get("headers", []))
    cookies = headers.get(b"cookie", b"").decode("latin-1")
    chosen = next(
        (v for k, _, v in (c.strip().partition("=") for c in cookies.split(";")) if k == COOKIE),
        None,
    )
    return choose(chosen, headers.get(b"accept-language", b"").decode("latin-1"))


@cache
def page_words(lang: str, host: bool = False, check: bool = False) -> str:
    """The page section in one language, as JSON safe inside a <script> element, with only
    what the script says: not the words the server puts into the HTML ("html."), not the
    table host's on a participant's page, not the room check's ("check.", which has only
    its own), and not the results' words an English page takes from the laptop's presenter
    as they are ("said."). The first load stays small."""
    leave = ["html.", "check."] + ([] if host else ["host."]) + (["said."] if lang == "en" else [])
    words = {
        key: entry[lang]
        for key, entry in catalogue()["page"].items()
        if (key.startswith("check.") if check else not key.startswith(tuple(leave)))
    }
    return json.dumps(words, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def fill(template: bytes, lang: str, host: bool = False, check: bool = False) -> bytes:
    """A page's {{key}} marks in `lang` (HTML-escaped), its `{{lang}}`, and its words for
    the script (`<!--words-->`)."""
    text = template.decode()
    words = catalogue()["page"]
    text = re.sub(
        r"\{\{([a-z_.]+)\}\}",
        lambda m: lang if m[1] == "lang" else escape(str(words[m[1]][lang])),
        text,
    )
    script = f'<script type="application/json" id="words">{page_words(lang, host, check)}</script>'
    return text.replace("<!--words-->", script, 1).encode()


def switch(lang: str, path: str) -> str:
    """The "Cymraeg / English" links: each names its language in that language, and the
    one shown is marked current. Plain links, so they work without script or storage."""
    links = []
    for code in ("cy", "en"):  # "Cymraeg / English", as bilingual services in Wales put it
        current = ' aria-current="true"' if code == lang else ""
        links.append(
            f'<a href="{escape(path)}?lang={code}" lang="{code}" hreflang="{code}"{current}>'
            f"{NAMES[code]}</a>"
        )
    label = escape(str(catalogue()["page"]["html.lang_label"][lang]))
    return f'<nav class="langs" aria-label="{label}">{" / ".join(links)}</nav>'


def notice(info: SummitInfo, lang: str) -> tuple[str, str]:
    """The privacy notice and its language: the facilitator's own as written (in the
    summit's language), else the product's default in the page's."""
    own = info.privacy_notice.strip()
    if own:
        return own, info.content_lang
    who = info.organisers.strip() or say(lang, "notice.who")
    contact = info.contact.strip()
    ask = say(lang, "notice.ask", contact=contact) if contact else ""
    days = say(lang, "n.days", n=info.retention_days)
    return say(lang, "notice.text", who=who, days=days, ask=ask), lang


def brief_notice(info: SummitInfo | None, lang: str) -> str:
    """The notice's first layer, as HTML: who keeps what, where, and that no name is asked
    or needed (true of every summit, whatever notice the facilitator wrote). The organisers'
    name is the summit's own words, marked with its language."""
    organisers = info.organisers.strip() if info else ""
    line = escape(say(lang, "html.privacy_brief", "page", who="\0"))
    if not organisers:
        return line.replace("\0", escape(say(lang, "notice.who")))
    content_lang = info.content_lang if info else "en"
    who = escape(organisers)
    return line.replace(
        "\0", who if content_lang == lang else f'<span lang="{content_lang}">{who}</span>'
    )


@cache
def _patterns() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The server's English sentences: those without names by text, the rest as patterns."""
    exact: dict[str, str] = {}
    patterns = []
    for key, entry in catalogue()["server"].items():
        english = entry["en"]
        if not isinstance(english, str):
            continue
        if "{" not in english:
            exact[english] = key
            continue
        parts = re.split(r"\{(\w+)\}", english)
        regex = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)
        )
        patterns.append((re.compile(regex + r"\Z", re.S), key))
    return exact, patterns


def translate(message: str, lang: str) -> str | None:
    """The laptop's English sentence in `lang`, or None where the catalogue has no such
    sentence (the phone then shows it in English, marked so)."""
    if lang == "en":
        return message
    exact, patterns = _patterns()
    if message in exact:
        return say(lang, exact[message])
    for pattern, key in patterns:
        found = pattern.match(message)
        if found:
            args = found.groupdict()
            if "message" in args:  # a sentence around another: "Your note is posted. ..."
                inner = translate(args["message"], lang)
                if inner is None:
                    return None
                args["message"] = inner
            return str(catalogue()["server"][key][lang]).format(**args)
    return None


class Speaking:
    """The laptop's answers to a phone, in the phone's language: each JSON answer's
    "message" and "error", and a "lang" saying which language they are in (English
    where the catalogue has no such sentence). English phones' answers pass untouched;
    a successful state read and the event stream never come here (only writes and
    refusals)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/api/", "/check/")):
            await self.app(scope, receive, send)
            return
        lang = language_of(scope)
        if lang == "en":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        body: list[bytes] = []
        writing = scope["method"] != "GET"

        async def speak(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                json_answer = headers.get(b"content-type", b"").startswith(b"application/json")
                if json_answer and (writing or message["status"] >= 400):
                    start = message
                    return
                await send(message)
                return
            if not start:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            data = _spoken(b"".join(body), lang)
            kept = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            kept.append((b"content-length", str(len(data)).encode()))
            await send({**start, "headers": kept})
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, speak)


def _spoken(raw: bytes, lang: str) -> bytes:
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict):
        return raw
    said = lang
    for field in ("message", "error"):
        if isinstance(data.get(field), str):
            text = translate(data[field], lang)
            if text is None:
                said = "en"
            else:
                data[field] = text
    data["lang"] = said
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
