"""A summit like the seed's (south east London leadership summit), built through the core API.

Until the demo template lands this stands in for it: the nine initiatives with ballots
giving 15, 15, 13, 11, 11, 9, 9, 9 and 8 percent, a ranking, a scale, a points poll,
themes with summaries, quotes, a hidden note, professional groups, actions and commitments.
"""

from __future__ import annotations

from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import SummitInfo

INITIATIVES = [
    ("Confirm arrangements for protected time for clinicians and care professionals", 15),
    (
        "Complete detailed mapping of an ICS governance model for clinical and care professional"
        " leaders and secure funding for identified sessions and roles",
        15,
    ),
    ("Expand the current CPLG to include wider range of clinical and care professionals", 13),
    ("Develop a proposal for a SEL systems leadership academy", 11),
    ("Facilitated relationship building via networking and inspiration learning events", 11),
    ("Set up a pilot 'Walking in each others shoes' shadowing programme", 9),
    (
        "Host a SEL clinical and care professional conference to bring together health and care"
        " partners to design the clinical vision for south east London",
        9,
    ),
    (
        'Establish a "SEL next generation systems leadership network" to start to build future'
        " capacity and passion among emerging leaders",
        9,
    ),
    (
        "Invite 'bids' for support for a number of systems improvement projects that will"
        " demonstrate clinical and care professional leadership at work in SEL",
        8,
    ),
]

CORE_MESSAGES = [
    "Diversity of Leadership",
    "Underpinned by a clear, purposeful & motivating strategy",
    "Permissive structures based on a culture of trust & connectedness",
    "Focused on key areas of system level work",
    "Learning culture underpinned by psychological safety.",
    "Be ambitious",
    "Systems Leadership development",
    "Integrated and interdependent with executive leadership",
    "ICS to convene and enable for maximum impact",
]

HIDDEN_NOTE = "Off-topic: the car park closes at six"
GROUPS = ["Nursing", "Pharmacy", "General practice", "Social care", "Acute care"]


def build_seedlike(path: Path) -> Path:
    info = SummitInfo(
        title="South East London Clinical and Care Professional Leadership Summit",
        date="13 April 2021",
        venue="Online and in the room, south east London",
        organisers="Our Healthier South East London ICS",
        introduction=(
            "Clinical and Care Professional Leaders from across south east London met for a"
            " summit where we discussed key messages arising from our engagement programme so"
            " far, and what the next steps for developing clinical and care professional"
            " leadership in south east London might be."
        ),
        objectives=(
            "Share the findings of our engagement programme so far",
            "Test and refine a core set of themes for clinical and care professional leadership",
            "Agree priority strands of work for the next three months and confirm next steps.",
        ),
        start_time="09:30",
        contact="Chloe at chloe@kscopehealth.org.uk",
    )
    with Summit.create(path, info) as summit:
        a, n, p, pe = summit.agenda, summit.notes, summit.polls, summit.people
        people = [pe.join(GROUPS[i % len(GROUPS)] if i % 7 else None) for i in range(34)]

        s1 = a.add_section(
            "What does effective clinical and care professional leadership"
            " look like across a system?",
            "To kick off our conversations, we heard from three speakers.",
        )
        talk = a.add_item(s1.id, "Perspectives on system leadership", "talk", 30)
        a.add_speaker(
            talk.id,
            "Angela Helleur",
            "Chief Nurse",
            "Lewisham and Greenwich NHS Trust",
            ["Strong system leadership", "Build and develop relationships"],
        )
        a.add_speaker(
            talk.id,
            "Vanessa Burgess",
            "Chief Pharmacist",
            "NHS South East London Clinical Commissioning Group",
            ["Shared purpose is fundamental", "Keep a focus on compassion"],
        )
        a.add_speaker(
            talk.id,
            "Ben Collins",
            "Director for System Development",
            "Our Healthier South East London ICS",
            ["Clinical leaders as champions of the most deprived"],
        )
        a.add_item(s1.id, "Coffee", "break", 15)

        s2 = a.add_section("What needs to happen in south east London to achieve this vision?")
        rank_item = a.add_item(s2.id, "Ranking the core messages", "ranking", 40)
        prompt = a.add_prompt(rank_item.id, "What did you like, what is missing?")
        why = n.add_theme(
            prompt.id,
            "Start with the why",
            "There must be a clear, purposeful and motivating strategy which"
            " describes why the ICS exists and how it will improve patient lives.",
        )
        div = n.add_theme(
            prompt.id,
            "Diversity of Leadership",
            "Leadership must be inclusive and reflect the diversity of our system.",
        )
        n.add_note(
            prompt.id,
            "This needs to also identify what are the improved patient"
            " outcomes for the population of SEL.",
            theme_id=why.id,
        )
        n.add_note(
            prompt.id, "There is nothing about the patient voice.", theme_id=div.id, is_quote=True
        )
        n.add_note(prompt.id, "We need to think about smaller organisations.", theme_id=div.id)
        hidden = n.add_note(prompt.id, HIDDEN_NOTE)
        n.set_hidden(hidden.id, True)
        n.add_note(prompt.id, "Bottom up ground level empowerment.")
        rank = p.add_poll(rank_item.id, "Rank the core messages", "rank", CORE_MESSAGES)
        p.open_poll(rank.id)
        ids = [o.id for o in rank.options]
        for v, person in enumerate(people[:20]):
            order = list(range(9))
            k = v % 8
            order[k], order[k + 1] = order[k + 1], order[k]
            p.cast_ballot(
                rank.id, person.id, {ids[opt]: place + 1 for place, opt in enumerate(order)}
            )
        p.close_poll(rank.id)

        s3 = a.add_section("Imagining the future - 1 year; 5 years")
        vote_item = a.add_item(s3.id, "Voting on the initiatives", "vote", 30)
        multi = p.add_poll(
            vote_item.id,
            "Which initiatives would help us meet our goals by April 2022?",
            "multi",
            [t for t, _ in INITIATIVES],
            max_choices=3,
        )
        p.open_poll(multi.id)
        picks = [
            o.id for o, (_, c) in zip(multi.options, INITIATIVES, strict=True) for _ in range(c)
        ]
        ballots: dict[int, dict[int, int]] = {}
        for i, option_id in enumerate(picks):
            ballots.setdefault(people[i % 34].id, {})[option_id] = 1
        for pid, choices in ballots.items():
            p.cast_ballot(multi.id, pid, choices)
        p.close_poll(multi.id)
        scale = p.add_poll(
            vote_item.id,
            "How far do you agree?",
            "scale",
            ["We have a shared vision", "Leaders have protected time"],
        )
        p.open_poll(scale.id)
        for v, person in enumerate(people[:25]):
            p.cast_ballot(
                scale.id,
                person.id,
                {scale.options[0].id: 1 + v % 5, scale.options[1].id: 1 + (v * 3) % 4},
            )
        p.close_poll(scale.id)
        points = p.add_poll(
            vote_item.id,
            "Share 10 points between the priorities",
            "points",
            ["Relationships", "Capacity and capability", "Our communities"],
            points=10,
        )
        p.open_poll(points.id)
        for v, person in enumerate(people[:12]):
            p.cast_ballot(
                points.id,
                person.id,
                {points.options[v % 3].id: 6, points.options[(v + 1) % 3].id: 4},
            )
        p.close_poll(points.id)

        s4 = a.add_section("Next steps")
        close = a.add_item(s4.id, "How do you want to stay involved?", "vote", 15)
        stay = p.add_poll(
            close.id,
            "How do you want to stay involved?",
            "single",
            ["Regular meetings", "Workshops", "Inspiration sessions"],
        )
        p.set_hand_counts(
            stay.id,
            [
                (stay.options[0].id, None, 9),
                (stay.options[1].id, None, 5),
                (stay.options[2].id, None, 6),
            ],
            voters=20,
        )
        pe.add_action("Share this pack with all participants", "Chloe", "30 April 2021")
        pe.add_action("To accept invitations to meetings such as this", is_commitment=True)
        pe.add_action("Try to get into someone else's shoes every now & then", is_commitment=True)

        a.start_item(talk.id, at="2021-04-13T09:32:00+01:00")
        a.start_item(rank_item.id, at="2021-04-13T10:20:00+01:00")
        a.end_day(at="2021-04-13T11:05:00+01:00")
    return path
