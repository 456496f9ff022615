# ruff: noqa: E501 - prose, one paragraph per line so translators see whole sentences
"""The plain-words explanation of every score and hint the window shows, with the numbers the code uses."""

from __future__ import annotations

from netjournal.insights import patterns, specificity
from netjournal.insights.network import VALUABLE_RECEIVED_SIGNIFICANCE
from netjournal.ui.i18n import tr


def explanation() -> str:
    return tr(
        """\
Everything here is a private aid to reflection, worked out only from what you logged. None of it is a verdict on anyone.

Balance: for each window (12 months, 3, 5 and 10 years, all time) netjournal counts the exchanges you gave and received with a person and adds up their significance (1 to 5). An introduction you made counts as given to both people you introduced; one you received counts only for the person who made it.

Pattern hint, checked in this order:
• New: your first entry with them is less than {new} days old.
• Dormant: nothing logged for {dormant} days, or for twice their keep-in-touch cadence if that is longer.
• Mostly you give / mostly you receive: over the last three years the significance one way is at least {ratio:g} times the other (with at least two entries that way).
• Mutual: anything else.
A circumstance you noted (a new baby, a crunch at work) that touches the last {soften} days softens the hint, since it may explain the imbalance.

Seeds planted: things you gave that no later exchange, with anyone, is linked back to. They are an investment, not a debt; returns often take years.

Time to reciprocate: the median number of days between an exchange and the later one you linked as returning it.

Overdue: days since the last entry of any kind (exchange, touchpoint, open loop or reflection) beyond the cadence you set.

Specificity (0 to 100): points for naming whom (a person or organisation), saying what exactly (objects, numbers, documents, roles), why it mattered, and what came of it or when, plus a little for length; filler words such as "stuff" or "some" cost points. Below {vague} counts as vague and the hints say what is missing.

Reflection prompts: a weekly, monthly and quarterly question, plus prompts raised by your own data: an overdue person who gave you significance {valuable} or more, three things received and nothing given in two years, an open loop past due, the anniversary of a meaningful exchange, vague entries this week, no contribution to the network this quarter.
"""
    ).format(
        new=patterns.NEW_DAYS,
        dormant=patterns.DORMANT_DAYS,
        ratio=patterns.IMBALANCE,
        soften=patterns.SOFTENING_DAYS,
        vague=specificity.VAGUE_THRESHOLD,
        valuable=VALUABLE_RECEIVED_SIGNIFICANCE,
    )
