"""The one rule for a new passphrase, for the window and the command line alike.

Strength is zxcvbn's estimate (the one password managers use), from 0 to 4;
a new passphrase needs at least ``MIN_SCORE``.  It is checked where a
passphrase is chosen (creating a journal, changing its passphrase); opening
takes whatever passphrase the journal has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netjournal.store.errors import JournalError

MIN_SCORE = 2
_MAX_CHARS = 72  # zxcvbn 4.5 refuses longer input, and its cost grows with length
# Words a guesser tries first against this program's files; callers may add more (e.g. the file name).
COMMON_WORDS = ("netjournal", "journal")
SCORE_WORDS = ("very weak", "weak", "fair", "strong", "very strong")


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 to 4
    time_to_guess: str  # from a stolen copy, at a slow hash's rate, in zxcvbn's words
    warning: str
    suggestions: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


class WeakPassphraseError(JournalError):
    def __init__(self, strength: Strength) -> None:
        advice = " ".join(part for part in (strength.warning, *strength.suggestions) if part)
        super().__init__(
            f"That passphrase is too easy to guess ({SCORE_WORDS[strength.score]}; a stolen copy of the journal "
            f"could be opened in {strength.time_to_guess}). {advice}".rstrip()
        )


def assess(passphrase: str, user_inputs: Iterable[str] = ()) -> Strength:
    if not passphrase:
        return Strength(0, "no time at all", "", ())
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:_MAX_CHARS], user_inputs=[*COMMON_WORDS, *user_inputs])
    feedback = result["feedback"]
    return Strength(
        int(result["score"]),
        str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"]),
        str(feedback["warning"] or ""),
        tuple(str(s) for s in feedback["suggestions"]),
    )


def check_new_passphrase(passphrase: str, user_inputs: Iterable[str] = ()) -> str:
    """``passphrase`` if it may protect a journal; else an error saying why, in a sentence."""
    from netjournal.store.database import check_passphrase

    check_passphrase(passphrase)  # empty, invisible, NUL
    strength = assess(passphrase, user_inputs)
    if not strength.acceptable:
        raise WeakPassphraseError(strength)
    return passphrase
