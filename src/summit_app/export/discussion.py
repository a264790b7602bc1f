"""Each section of the day: its items, speakers, and prompts with notes grouped by theme."""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from summit_app.export.data import ItemBlock, PromptBlock, SectionBlock, ThemeBlock
from summit_app.export.flow import Heading, keep_together, pull_quote, swatch_table
from summit_app.export.front import is_content_item
from summit_app.export.results import poll_story
from summit_app.export.styles import FRAME_WIDTH
from summit_app.export.text import para, safe


def section_story(number: int, block: SectionBlock, s: StyleSheet1) -> list[Flowable]:
    section = block.section
    title = f"Section {number}: {section.title}"
    story: list[Flowable] = [Heading(safe(title), s["H1"], f"section{section.id}", title)]
    for paragraph in section.introduction.split("\n\n"):
        if paragraph.strip():
            story.append(para(paragraph.strip(), s["Body"]))
    items = [i for i in block.items if is_content_item(i)]
    for item in items:
        story += item_story(item, s, with_title=len(items) > 1 or item.item.title != section.title)
    return story


def item_story(block: ItemBlock, s: StyleSheet1, with_title: bool = True) -> list[Flowable]:
    item = block.item
    intro: list[Flowable] = []
    only_poll = len(block.polls) == 1 and not block.prompts and not block.speakers
    if only_poll and block.polls[0].result.poll.question.strip() == item.title.strip():
        with_title = False  # the poll's question says it already
    if with_title:
        intro.append(para(item.title, s["H2"]))
    for paragraph in item.description.split("\n\n"):
        if paragraph.strip():
            intro.append(para(paragraph.strip(), s["Body"]))
    content: list[Flowable] = [speaker_story(speaker, s) for speaker in block.speakers]
    for prompt in block.prompts:
        content += prompt_story(prompt, s)
    for poll in block.polls:
        content += poll_story(poll, s)
    # The item's title and description go with the first thing under them (a speaker, a
    # question, a poll's chart), never alone at the foot of a page.
    first = next((i for i, f in enumerate(content) if not isinstance(f, CondPageBreak)), None)
    if not intro or first is None:
        return intro + content
    return [CondPageBreak(90), keep_together(intro + [content[first]]), *content[first + 1 :]]


def speaker_story(speaker, s: StyleSheet1) -> Flowable:
    parts: list[Flowable] = [para(speaker.name, s["H3"])]
    role = ", ".join(x for x in (speaker.role.strip(), speaker.organisation.strip()) if x)
    if role:
        parts.append(para(role, s["Role"]))
    for point in speaker.key_points:
        if point.strip():
            parts.append(para(point, s["Note"], markup_before="<bullet>•</bullet>"))
    parts.append(Spacer(1, 4))
    return KeepTogether(parts)


def prompt_story(block: PromptBlock, s: StyleSheet1) -> list[Flowable]:
    if block.is_empty:
        return []  # a question nobody answered has nothing to tell the reader
    story: list[Flowable] = [CondPageBreak(80), para(block.prompt.text, s["Prompt"])]
    for theme in block.themes:
        if theme.notes or theme.theme.summary.strip():
            story += theme_story(theme, s)
    if block.unthemed:
        if any(t.notes for t in block.themes):
            story.append(Paragraph("Other notes", s["H3"]))
        story += notes_story(block.unthemed, s)
    return story


def theme_story(block: ThemeBlock, s: StyleSheet1) -> list[Flowable]:
    """The theme's name and summary first, then its quotes set apart, then its notes."""
    head: list[Flowable] = [
        swatch_table(block.theme.colour, para(block.theme.name, s["H3"]), FRAME_WIDTH)
    ]
    if block.theme.summary.strip():
        head.append(Spacer(1, 3))
        head.append(para(block.theme.summary, s["ThemeSummary"]))
    notes = notes_story(block.notes, s)
    # Keep the theme's heading with its first note so a heading never ends a page.
    return [KeepTogether(head + notes[:1]), *notes[1:], Spacer(1, 4)]


def notes_story(notes, s: StyleSheet1) -> list[Flowable]:
    quotes = [n for n in notes if n.is_quote]
    others = [n for n in notes if not n.is_quote]
    story: list[Flowable] = []
    for note in quotes:
        story.append(pull_quote(para(f"“{note.text}”", s["Quote"]), FRAME_WIDTH - 24))
    for note in others:
        story.append(para(note.text, s["Note"], markup_before="<bullet>•</bullet>"))
    return story
