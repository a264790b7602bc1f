"""A Q&A's questions and a word cloud in the pack, each with plain words for its numbers.

Only what the room saw is printed: no question or word hidden, waiting for approval or
merged into another (the CSV files keep those, marked). A question's upvotes are phones,
each counted once; a cloud word's count is the answers that were that word.
"""

from __future__ import annotations

from summit_app.core.model import QuestionState
from summit_app.export.data import PromptBlock
from summit_app.export.model import Block, Cloud, Column, Heading, Para, Run, Table, Tone
from summit_app.export.typeset import as_typed, heading, narrative_text, one_line, text_runs

TOP_WORDS = 15  # the table beside the cloud; the cloud itself draws what fits
STATE = {
    QuestionState.ANSWERED: "Answered",
    QuestionState.ANSWERING: "Being answered",
    QuestionState.OPEN: "Not reached",
}


def questions_blocks(block: PromptBlock, level: int) -> list[Block]:
    prompt = block.prompt
    # Most upvoted first, answered or not (the phones list answered ones last).
    questions = sorted(block.questions, key=lambda q: (-q.upvotes, q.created_at, q.id))
    out: list[Block] = [Heading(heading(prompt.text), level, f"prompt-{prompt.id}")]
    out += narrative_text(prompt.writeup)
    answered = sum(1 for q in questions if q.state is QuestionState.ANSWERED)
    asked = _count(len(questions), "question")
    out.append(
        Para(
            (
                Run(
                    f"The room sent {asked} from their phones, and {answered} were answered"
                    " on the day. Upvotes count the people who wanted the same question"
                    " asked (one each); the questions most wanted come first, and a question"
                    " sent twice is counted once."
                ),
            ),
            Tone.CAPTION,
        )
    )
    rows = tuple(
        (text_runs(q.text) or (Run(""),), f"{q.upvotes:,}", STATE[q.state]) for q in questions
    )
    out.append(
        Table(
            (Column("Question"), Column("Upvotes", numeric=True), Column("On the day")),
            rows,
            caption=f"Questions for “{one_line(prompt.text)}”, most upvoted first",
        )
    )
    return out


def cloud_blocks(block: PromptBlock, level: int) -> list[Block]:
    prompt = block.prompt
    words = block.cloud
    out: list[Block] = [Heading(heading(prompt.text), level, f"prompt-{prompt.id}")]
    out += narrative_text(prompt.writeup)
    answers = sum(w.count for w in words)
    out.append(
        Para(
            (
                Run(
                    f"{_count(block.phones, 'person', 'people')} sent"
                    f" {_count(answers, 'answer')} of one to three words each. In the word"
                    " cloud, the more often a word was given, the larger it is; the table"
                    f" lists the {min(TOP_WORDS, len(words))} words given most. The same"
                    " word was counted together whatever its capitals, punctuation or a"
                    " simple plural (“Skills!” and “skill”)."
                ),
            ),
            Tone.CAPTION,
        )
    )
    top = words[:TOP_WORDS]
    data = Table(
        (Column("Word"), Column("Answers", numeric=True)),
        tuple((as_typed(w.text), f"{w.count:,}") for w in top),
        caption=f"The words with the most answers to “{one_line(prompt.text)}”",
    )
    alt = "A word cloud. Most answers first: " + "; ".join(
        f"{as_typed(w.text)}, {w.count}" for w in top
    )
    out.append(
        Cloud("Word cloud", alt + ".", tuple((as_typed(w.text), w.count) for w in words), data)
    )
    return out


def _count(n: int, noun: str, nouns: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n:,} {nouns or noun + 's'}"
