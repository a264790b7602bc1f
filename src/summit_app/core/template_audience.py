"""A template's sample questions (with upvotes) and cloud words, sent by sample participants.

They are loaded after the whole agenda, so the phones that ask, upvote and send words are
the participants who cast the sample ballots: the demo's turnout is not inflated by them.
"""

from __future__ import annotations

from collections.abc import Callable

from summit_app.core.errors import SummitError
from summit_app.core.model import Author, Participant
from summit_app.core.store import Summit
from summit_app.core.template_fields import Node, TemplateProblem

QUESTION = {"text", "upvotes", "state", "hidden"}


def load_questions(
    summit: Summit, prompt_id: int, node: Node, people: Callable[[int], list[Participant]]
) -> None:
    """The prompt's sample questions: each asked by one participant and upvoted by the next
    `upvotes` ones, then left in its `state` (open, answering or answered)."""
    questions = node.children("questions", QUESTION, short="text")
    wanted = max((q.whole("upvotes", 0) for q in questions), default=0) + len(questions)
    everyone = people(wanted)
    summit.agenda.open_prompt(prompt_id)
    for n, question in enumerate(questions):
        with _at(question.where):
            upvotes = question.whole("upvotes", 0)
            if upvotes < 0:
                raise question.problem("must be 0 or more.", "upvotes")
            asker = everyone[n % len(everyone)]
            asked = summit.questions.ask(
                prompt_id, question.text("text"), Author.PARTICIPANT, asker.id
            )
            voters = [p for p in everyone if p.id != asker.id][:upvotes]
            for voter in voters:
                summit.questions.upvote(asked.id, voter.id)
            state = question.text("state", "open")
            if state not in ("open", "answering", "answered"):
                raise question.problem("must be open, answering or answered.", "state")
            if state != "open":
                summit.questions.set_state(asked.id, state)
            if question.flag("hidden"):
                summit.questions.set_hidden(asked.id, True)
    summit.agenda.open_prompt(None)


def load_words(
    summit: Summit, prompt_id: int, node: Node, people: Callable[[int], list[Participant]]
) -> None:
    """The prompt's sample answers: each entry is one phone's answer, or a list of them."""
    phones = node.items("words")
    everyone = people(len(phones))
    summit.agenda.open_prompt(prompt_id)
    for n, answers in enumerate(phones):
        where = f"{node.at('words')}[{n}]"
        sent = [answers] if isinstance(answers, str) else answers
        if not isinstance(sent, list) or not all(isinstance(a, str) for a in sent):
            raise TemplateProblem(where, "must be a word in quotes or a list of them.")
        with _at(where):
            for text in sent:
                summit.words.add_word(prompt_id, text, Author.PARTICIPANT, everyone[n].id)
    summit.agenda.open_prompt(None)


class _at:
    def __init__(self, where: str) -> None:
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: object
    ) -> None:
        if isinstance(error, SummitError):
            raise TemplateProblem(self.where, str(error)) from None
