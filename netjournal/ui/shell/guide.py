# ruff: noqa: E501 - prose, one paragraph per line so translators see whole sentences
"""Help → The ideas behind netjournal: why direction, why specificity, what circumstances are."""

from __future__ import annotations

from netjournal.ui.i18n import tr


def guide() -> str:
    return tr(
        """\
netjournal is a memory for the give and take of working life. It keeps what actually moved between you and the people you know, so that years later you can still see it plainly.

Why direction. Every exchange is either given or received. A relationship in which help only ever flows one way is not wrong, but it is worth noticing: you may owe someone a thank-you, or you may be the one always asked and never asking. Writing down which way each thing went is what lets the balance, the quiet ties and the reflection prompts say anything true.

Why specificity. “Helped with the launch” fades; “Introduced her to Tom Reyes, who led the seed round” can still be acted on, remembered and returned. The specificity score only counts the concrete things in a summary (names, numbers, dates, what happened) and nudges you when an entry is vague. Specific notes are also the ones that make a thank-you or a brief worth reading.

What circumstances are. Circumstances are what is going on in someone's life for a while: a new job, a move, a child, an illness, a fundraise. They have a start and sometimes an end. Knowing them is what turns a well-timed word into the right word, and they remind you why someone has gone quiet.

Open loops are the promises still open in either direction: what you promised and what you asked for. Keeping them is how trust is kept.

None of it is a score of people. It is a private aid to your own attention, and it never leaves this computer unless you export it."""
    )
