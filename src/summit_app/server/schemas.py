"""The shapes of what phones may send, checked by pydantic before anything touches the file.

Pydantic checks the shape (types, sizes, lengths); the core then checks the poll's own
rules (unknown options, too many picks, points over budget, incomplete ranking, closed
poll) and raises ValidationError with a message written for the participant.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from summit_app.core.checks import NOTE_MAX_CHARS
from summit_app.core.intake import QUESTION_MAX_CHARS
from summit_app.core.polls import MAX_OPTIONS
from summit_app.core.wording import WORD_MAX_CHARS

Choice = Annotated[StrictInt, Field(ge=0, le=1000)]
# Row ids fit SQLite's 64-bit integers; bounded well inside them (and inside a JavaScript
# number), so a huge id is a 422, never an OverflowError and a 500.
MAX_ID = 2**53 - 1
RowId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
OptionId = Annotated[int, Field(ge=1, le=MAX_ID)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class BallotIn(_In):
    poll_id: RowId
    choices: Annotated[dict[OptionId, Choice], Field(max_length=MAX_OPTIONS)]


class NoteIn(_In):
    prompt_id: RowId
    # Stored exactly as typed: no stripping, no normalising.
    text: Annotated[str, Field(min_length=1, max_length=NOTE_MAX_CHARS)]


class QuestionIn(_In):
    prompt_id: RowId
    text: Annotated[str, Field(min_length=1, max_length=QUESTION_MAX_CHARS)]


class UpvoteIn(_In):
    question_id: RowId
    up: StrictBool = True  # False takes the upvote back


class WordIn(_In):
    prompt_id: RowId
    text: Annotated[str, Field(min_length=1, max_length=WORD_MAX_CHARS)]


class GroupIn(_In):
    group: Annotated[str, Field(max_length=200)] | None = None


class CheckIn(_In):
    device: Annotated[str, Field(max_length=200)] = ""


class CardIn(_In):
    code: Annotated[str, Field(min_length=1, max_length=64)]


class TableNoteSendIn(_In):
    """A table's note, with the host phone's own name for it (a resend is found in)."""

    prompt_id: RowId
    text: Annotated[str, Field(min_length=1, max_length=NOTE_MAX_CHARS)]
    key: Annotated[str, Field(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")] | None = (
        None
    )


class TableNoteEditIn(_In):
    note_id: RowId
    text: Annotated[str, Field(min_length=1, max_length=NOTE_MAX_CHARS)]


class TableNoteIn(_In):
    """A table's note withdrawn, or starred (`on`) or unstarred as a key point."""

    note_id: RowId
    on: StrictBool = True


class TableCountIn(_In):
    poll_id: RowId
    counts: Annotated[dict[OptionId, Choice], Field(max_length=MAX_OPTIONS)]
    people: Annotated[StrictInt, Field(ge=0, le=1000)] | None = None


# Messages for the first pydantic error, by field; anything else gets GENERIC.
Messages = dict[tuple[str, str], str]
MESSAGES: Messages = {
    ("text", "string_too_long"): f"That note is too long: at most {NOTE_MAX_CHARS} characters.",
    ("text", "string_too_short"): "A note cannot be empty.",
    ("text", "missing"): "A note cannot be empty.",
    ("choices", "too_long"): "That ballot has more choices than the poll has options.",
    ("choices", "greater_than_equal"): "Choices cannot be negative.",
    ("choices", "less_than_equal"): "That choice is too large.",
    ("choices", "int_type"): "Each choice must be a whole number.",
    ("choices", "int_parsing"): "That option is not in this poll.",
    ("choices", "missing"): "Choose something before sending your vote.",
    ("group", "string_too_long"): "Choose a group from the list.",
    ("code", "string_too_short"): "Type the code printed on your card.",
    ("code", "missing"): "Type the code printed on your card.",
    ("code", "string_too_long"): "That is not the code of a voting card.",
    ("counts", "missing"): "Type how many people at the table picked each option.",
    ("counts", "int_type"): "Each count must be a whole number.",
    ("counts", "greater_than_equal"): "Counts cannot be negative.",
    ("counts", "less_than_equal"): "That count is too large.",
    ("people", "greater_than_equal"): "The number of people cannot be negative.",
    ("people", "less_than_equal"): "That is more people than a table holds.",
    ("people", "int_type"): "The number of people must be a whole number.",
}
# Any complaint about these fields: the page is showing something that has gone.
BY_FIELD = {
    "poll_id": "That poll is not running any more. Reload the page.",
    "prompt_id": "That question is not taking notes any more. Reload the page.",
    "note_id": "That note is not there any more. Reload the page.",
}
# The same complaints about a question's or a word's text, in its own words.
QUESTION_MESSAGES = {
    ("text", "string_too_long"): (
        f"That question is too long: at most {QUESTION_MAX_CHARS} characters."
    ),
    ("text", "string_too_short"): "A question cannot be empty.",
    ("text", "missing"): "A question cannot be empty.",
    ("question_id", "greater_than_equal"): "That question is not on the list any more.",
    ("question_id", "less_than_equal"): "That question is not on the list any more.",
}
WORD_MESSAGES = {
    ("text", "string_too_long"): (
        f"That answer is too long: at most {WORD_MAX_CHARS} characters, one to three words."
    ),
    ("text", "string_too_short"): "Write a word first.",
    ("text", "missing"): "Write a word first.",
}
GENERIC = "The page sent something this server does not understand. Reload the page and try again."


def friendly(error: ValidationError, messages: Messages | None = None) -> str:
    """One sentence for the participant from pydantic's first complaint."""
    first = error.errors()[0]
    if first["type"] == "json_invalid":
        return GENERIC
    field = str(first["loc"][0]) if first["loc"] else ""
    if field == "choices" and "[key]" in first["loc"]:
        return "That option is not in this poll."
    key = (field, first["type"])
    if messages:  # a question's or a word's own wording, else the generic sentence
        return messages.get(key) or MESSAGES.get(key, GENERIC)
    return MESSAGES.get(key) or BY_FIELD.get(field, GENERIC)


# Which messages speak for which shape (the participant app looks them up by model).
MODEL_MESSAGES: dict[type, Messages] = {
    QuestionIn: QUESTION_MESSAGES,
    UpvoteIn: QUESTION_MESSAGES,
    WordIn: WORD_MESSAGES,
}
