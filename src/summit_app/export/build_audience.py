"""What the room gave beyond notes and votes: a Q&A's questions and a word cloud's words.

The pack model is open to more kinds of results: each is made of the same blocks (a table,
a chart with its data), so every edition prints it without knowing what it is.
"""

from __future__ import annotations

from summit_app.core.model import QuestionState
from summit_app.core.presenting import plural
from summit_app.export.data import PromptBlock
from summit_app.export.model import Bar, Chart, Column, Table
from summit_app.export.typeset import one_line, text_runs


def questions_table(block: PromptBlock) -> Table:
    """A Q&A's questions as the room saw them: most upvoted first, answered ones last."""
    rows = tuple(
        (text_runs(q.text), str(q.upvotes), "yes" if q.state is QuestionState.ANSWERED else "")
        for q in block.questions
        if text_runs(q.text)
    )
    return Table(
        (Column("Question"), Column("Upvotes", numeric=True), Column("Answered")),
        rows,
        caption="The room\u2019s questions, most upvoted first.",
    )


WORDS_CHARTED = 15


def word_cloud(block: PromptBlock) -> Chart:
    """A word cloud as bars: its most frequent words, each with its count of answers."""
    words = block.words[:WORDS_CHARTED]
    top = max(w.count for w in words)
    bars = tuple(Bar(one_line(w.text), (w.count / top,), plural(w.count, "answer")) for w in words)
    more = len(block.words) - len(words)
    alt = "Bar chart of the words the room gave, most often first: " + "; ".join(
        f"{one_line(w.text)}, {plural(w.count, 'answer')}" for w in words
    )
    alt += f"; and {more} more words given less often." if more else "."
    data = Table(
        (Column("Word"), Column("Answers", numeric=True)),
        tuple((one_line(w.text), str(w.count)) for w in block.words),
        caption="Every word the room gave, with its number of answers.",
    )
    return Chart("Words the room gave, most often first", alt, bars, data)
