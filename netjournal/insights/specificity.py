"""How specific is an exchange's description? A 0-100 score with reasons and hints.

The score is a plain sum of five components, so the UI can show exactly how it
was reached (``SpecificityReport.reasons``):

=========  =======  ========================================================
component  points   what earns them
=========  =======  ========================================================
whom       25       a person, organisation or named thing: a capitalised
                    word that is not merely the first word of a sentence,
                    initials ("J. Okafor"), an @handle, an acronym ("ACME")
what       15 / 25  concrete details: documents and objects ("pitch deck",
                    "CV"), roles and titles ("CTO"), numbers, quoted titles;
                    15 for one detail, 25 for two or more
why        20       a reason: "because", "so that", "to help", "for her
                    seed round", "ahead of the interview", ...
result     15       an outcome or a date: "hired", "signed", "led to",
                    "12 May", "2024-03-01", "$5k"
length     0-15     words in the summary, details counting half: 3+ words
                    earn 5, 6+ earn 10, 10+ earn 15
filler     -5 each  vague words in the summary ("stuff", "things", "some",
                    "chat", "misc", an "intro" naming nobody); at most -15
=========  =======  ========================================================

A component found only in the details earns half its points: the summary is
what the timeline shows, so it should carry the substance. The total is clamped
to 0..100; below ``VAGUE_THRESHOLD`` the entry counts as vague.

This is a heuristic reflective aid, not a grammar checker. It runs on every
keystroke, so it uses precompiled patterns and word-set lookups, and reads only
the first ``MAX_CHARS`` characters of each text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

VAGUE_THRESHOLD: int = 40
WHOM_POINTS = 25
WHAT_ONE_POINTS = 15
WHAT_MANY_POINTS = 25
WHY_POINTS = 20
RESULT_POINTS = 15
FILLER_PENALTY = 5
FILLER_PENALTY_CAP = 15
MAX_CHARS = 1200


@dataclass(frozen=True, slots=True)
class SpecificityHint:
    """Something concrete the description lacks."""

    code: str  # "whom", "what", "why", "result" or "length"
    text: str


@dataclass(frozen=True, slots=True)
class SpecificityReport:
    score: int
    hints: tuple[SpecificityHint, ...]
    reasons: tuple[str, ...]

    @property
    def is_vague(self) -> bool:
        return self.score < VAGUE_THRESHOLD


HINT_TEXTS: dict[str, str] = {
    "whom": "Name the person or organisation, e.g. who was introduced to whom.",
    "what": "Say what exactly: the document, role, number or topic.",
    "filler": "Replace vague words like \u201c{word}\u201d with what it actually was.",
    "why": "Say why it mattered, e.g. \u201cfor her job search\u201d.",
    "result": "Add what came of it or when, e.g. \u201cthey met on 12 May\u201d.",
    "length": "Add a few more words so this still makes sense in a year.",
}


def _wordset(words: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(words.split(sep))


_MONTHS = (
    "january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
# Title-cased filler ("Coffee Chat About Stuff") and sentence-opening verbs
# ("Sent Ana ...") must not pass for names.
# Verbs that, right after a capitalised opening word, show it is a subject:
# "Marco advised me", "Ingrid gave me". Regular past tenses end in -ed.
_SUBJECT_VERBS = _wordset(
    "sent gave got had made told took wrote found brought lent paid showed read built "
    "bought left spent taught ran put met spoke came went knew thought is was has will "
    "would can could did does offered"
)
_COMMON = _SUBJECT_VERBS | _wordset(
    "a an the and or but nor to of in on at for with about from by as into over "
    "after before via per re up out off my your his her its our their i me you he "
    "she we they it him them us this that these those who which what when why how "
    "there here some any all just also very really quick again then later finally "
    "still stuff things thing something anything everything nothing everyone someone "
    "anyone nobody general misc various etc chat chatted call meeting coffee lunch "
    "dinner catch catchup advice help helped support info information intro "
    "introduction update feedback email note thanks referral recommendation "
    "endorsement opportunity resource expertise passed asked talked ok am pm tbd fyi "
    f"asap yesterday today tomorrow {_MONTHS} {_WEEKDAYS}"
)
_ABBREVIATIONS = _wordset("dr mr mrs ms mx prof st jr sr vs")
_CONCRETE_WORDS = _wordset(
    "deck slides cv résumé resume contract proposal report paper draft chapter "
    "manuscript thesis article post spec doc document spreadsheet template "
    "checklist playbook dataset code script repo repository api prototype "
    "portfolio website budget forecast pricing roadmap strategy plan offer salary "
    "grant application visa licence license invoice funding round job role "
    "position opening vacancy internship interview talk keynote panel workshop "
    "podcast conference meetup course book list database benchmark audit survey "
    "study architecture migration launch newsletter headline bio profile agenda "
    "negotiation rfp tender lease desk laptop recommendation reference ceo cto "
    "cfo coo vp director manager engineer designer lead founder co-founder "
    "cofounder partner investor angel recruiter editor professor researcher "
    "analyst consultant advisor adviser mentor customer client supplier vendor "
    "postdoc phd"
)
_CONCRETE_PHRASES = _wordset(
    "pitch deck|cover letter|reference letter|recommendation letter|blog post|"
    "design doc|data set|pull request|landing page|financial model|business plan|"
    "term sheet|cap table|seed round|series a|series b|series c|contract role|"
    "case study|press release|office space|hiring manager|board seat|board member|"
    "head of|job description|job spec|user research|code review",
    "|",
)
_OUTCOME_WORDS = _wordset(
    "hired signed closed landed accepted joined won raised published shipped "
    "launched funded approved merged booked invested offered promoted saved agreed "
    "resulted secured renewed cited adopted fixed solved yesterday today tomorrow"
)
_RELATIVE_DATE = re.compile(
    rf"\b(?:on|last|next|by|this) (?:week|month|{_WEEKDAYS.replace(' ', '|')})\b",
    re.IGNORECASE,
)
_FILLER_WORDS = _wordset(
    "stuff thing things something anything various general generally misc "
    "miscellaneous etc some chat chatted catch-up catchup bits whatever"
)

_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_SENTENCE_END = ".!?;:\n\u2022*\u2013\u2014"
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_INITIALS = re.compile(r"\b(?:[A-Z]\.\s?){1,3}[A-Z][\w'\u2019-]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_VERB_LIKE = re.compile(r"\w{3,}(?:ed|ing)$")
_PAST_TENSE = re.compile(r"\w{2,}ed$")
_NAME_GAP = re.compile(r"\.?[ \t]*")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.])[$\u20ac\u00a3]?\d[\d,.]*(?:\s?(?:k|m|bn|%))?(?!\w)")
_QUOTED = re.compile(r"[\"\u201c\u2018'][^\"\u201d\u2019']{3,80}[\"\u201d\u2019']")
# Month names are checked against a set after a digit-anchored match: an
# alternation of month names tried at every position was the slowest pattern.
_MONTH_SET = _wordset(_MONTHS)
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s([^\W\d_]{3,9})\b")
_MONTH_LEADS = _wordset("in by since until till early late mid last next this")
_DAY_AFTER = re.compile(r"\.?\s\d{1,2}(?:st|nd|rd|th)?\b")
_DATE_OR_AMOUNT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:19|20)\d{2}\b"
    r"|[$\u20ac\u00a3]\s?\d[\d,.]*\s?(?:k|m|bn)?|\b\d+\s?(?:k|m|bn|%|percent)(?!\w)",
    re.IGNORECASE,
)
_OUTCOME_PHRASE = re.compile(
    r"\b(?:led to|went on to|ended up|turned into|they met|got (?:an?|the|her|his|"
    r"their|my) (?:offer|job|role|interview|grant|contract|deal|visa|place|seat))\b",
    re.IGNORECASE,
)
_PURPOSE = (
    r"(?: (?:round|role|job|search|interview|launch|move|application|meeting|talk|"
    r"team|project|thesis|book|visa|raise|hire|pitch|review|exam|course))?"
)
_WHY = re.compile(
    r"\bbecause\b|\bsince (?:she|he|they|we|i|you)\b|\bso (?:that|she|he|they|we|i|you|his|her|their|our|my|the)\b"
    r"|\bin order to\b|\bto help\b|\bhelping (?:her|him|them)\b|\bin time for\b"
    r"|\b(?:ahead of|before|for|towards?) (?:his|her|their|my|our|its|your|the|a|an|"
    rf"this|that) (?!(?:stuff|things?|chat|call)\b)\w+{_PURPOSE}"
    r"|\bas (?:she|he|they|we|i) (?:was|were|is|are|had|needed|prepare[sd]?)\b"
    r"|\b(?:who|which) (?:was|is|were|are) (?:looking|hiring|raising|moving|trying|"
    r"stuck|preparing|applying|searching)\b|\bneeded\b|\bwanted to\b"
    r"|\bto (?:prepare|find|land|hire|raise|decide|choose|fix|win|pass|apply|"
    r"understand|avoid|improve|reach|start|launch|negotiate|price|staff|replace|"
    r"recruit|unblock|speed up|get)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Hits:
    """What one text (summary or details) contains, component by component."""

    names: list[str] = field(default_factory=list)
    what: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    words: int = 0


def _is_sentence_start(text: str, start: int) -> bool:
    # A short window is enough and keeps long texts linear.
    before = text[max(0, start - 24) : start].rstrip(" \t\"'(\u201c\u2018")
    if not before:
        return True
    prev = before[:-1].split()[-1:] if before[-1] == "." else []
    # "J. Okafor" and "Dr. Ng" continue a sentence rather than start one.
    if prev and (len(prev[0]) == 1 or prev[0].lower() in _ABBREVIATIONS):
        return False
    return before[-1] in _SENTENCE_END


def _names(text: str, words: list[re.Match[str]]) -> list[str]:
    """Named people, organisations and things, adjacent words merged ("Tom Reyes")."""
    spans = [m.span() for m in _HANDLE.finditer(text)]
    spans += [m.span() for m in _INITIALS.finditer(text)]
    for m in words:
        word = m.group().rstrip(".-")
        if not word[:1].isupper():
            continue
        bare = _POSSESSIVE.sub("", word)
        if bare.lower() in _COMMON:
            continue
        # A possessive ("Priya's deck") is a name even when it opens a sentence.
        if _ACRONYM.fullmatch(bare) or bare != word or not _is_sentence_start(text, m.start()):
            spans.append((m.start(), m.start() + len(word)))
        elif (
            text[m.end() : m.end() + 1] == " "
            and not _VERB_LIKE.search(bare)
            and bare.lower() not in _CONCRETE_WORDS
            and (nxt := _WORD.match(text, m.end() + 1))
        ):
            # An opening word is a name when a surname or a verb follows it
            # ("Tom Reyes ...", "Marco advised ..."); "Introduced Ana" is not.
            following = nxt.group().rstrip(".-").lower()
            if (nxt.group()[0].isupper() and following not in _COMMON) or (
                following in _SUBJECT_VERBS or _PAST_TENSE.search(following)
            ):
                spans.append((m.start(), m.start() + len(word)))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or _NAME_GAP.fullmatch(text, merged[-1][1], start)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[s:e] for s, e in merged]


def _analyse(text: str) -> _Hits:
    hits = _Hits()
    matches = list(_WORD.finditer(text))
    words = [m.group().rstrip(".-'\u2019") for m in matches]
    lower = [w.lower() for w in words]
    hits.names = _names(text, matches)
    i = 0
    while i < len(lower):
        word = lower[i]
        pair = f"{word} {lower[i + 1]}" if i + 1 < len(lower) else ""
        if pair in _CONCRETE_PHRASES or pair[:-1] in _CONCRETE_PHRASES:
            hits.what.append(f"{words[i]} {words[i + 1]}")
            i += 2
            continue
        if word in _CONCRETE_WORDS or (word[-1:] == "s" and word[:-1] in _CONCRETE_WORDS):
            hits.what.append(words[i])
        if word in _OUTCOME_WORDS:
            hits.result.append(words[i])
        elif word in _MONTH_SET and (day := _DAY_AFTER.match(text, matches[i].end())):
            hits.result.append(words[i] + day.group())
        elif word in _MONTH_SET and i and lower[i - 1] in _MONTH_LEADS:
            # "in March", not the modal verb "may"
            hits.result.append(f"{words[i - 1]} {words[i]}")
        if word in _FILLER_WORDS or pair in ("helped with", "helped out", "catch up"):
            hits.fillers.append(pair if word == "helped" or word == "catch" else word)
        i += 1
    if lower[-1:] == ["helped"]:
        hits.fillers.append("helped")
    if not hits.names:
        # An introduction that names nobody says nothing about whom it connected.
        hits.fillers += [w for w in lower if w in ("intro", "intros", "introduction")]
    if _DIGIT.search(text):
        hits.what += [m.group() for m in _NUMBER.finditer(text)]
        hits.result += [m.group() for m in _DAY_MONTH.finditer(text) if m.group(1).lower() in _MONTH_SET]
        hits.result += [m.group() for m in _DATE_OR_AMOUNT.finditer(text)]
    hits.what += [m.group() for m in _QUOTED.finditer(text)]
    hits.why = [m.group() for m in _WHY.finditer(text)]
    hits.result += [m.group() for m in _RELATIVE_DATE.finditer(text)]
    hits.result += [m.group() for m in _OUTCOME_PHRASE.finditer(text)]
    hits.words = len(words) + len(_NUMBER.findall(text))
    return hits


def _what_points(count: int) -> int:
    return WHAT_MANY_POINTS if count >= 2 else WHAT_ONE_POINTS if count == 1 else 0


def _length_points(words: float) -> int:
    return 15 if words >= 10 else 10 if words >= 6 else 5 if words >= 3 else 0


def _examples(items: list[str]) -> str:
    return ", ".join(list(dict.fromkeys(i.strip() for i in items))[:3])


def score_specificity(summary: str, details: str = "") -> SpecificityReport:
    """Score how specific a description is; the module docstring gives the rules."""
    s = _analyse((summary or "")[:MAX_CHARS].strip())
    d = _analyse((details or "")[:MAX_CHARS].strip())
    total = 0
    reasons: list[str] = []
    hints: list[SpecificityHint] = []

    # (code, summary hits, details hits, points for the summary's hits, label, missing)
    components = (
        ("whom", s.names, d.names, WHOM_POINTS, "names a person or organisation", "no person or organisation named"),
        (
            "what",
            s.what,
            d.what,
            _what_points(len(s.what)),
            "says what exactly",
            "no concrete object, role, number or document",
        ),
        ("why", s.why, d.why, WHY_POINTS, "says why it mattered", "no reason given"),
        ("result", s.result, d.result, RESULT_POINTS, "states a result or date", "no result or date"),
    )
    for code, in_summary, in_details, points, label, missing in components:
        full = WHAT_MANY_POINTS if code == "what" else points
        from_details = (_what_points(len(in_details)) if code == "what" else full) // 2
        if in_summary and points >= from_details:
            total += points
            reasons.append(f"+{points}: {label} ({_examples(in_summary)})")
        elif in_details:
            total += from_details
            reasons.append(f"+{from_details}: {label}, in the details only ({_examples(in_details)})")
        else:
            reasons.append(f"+0: {missing}")
        if code == "what" and s.fillers and points < full:
            word = s.fillers[0].lower()
            hints.append(SpecificityHint(code, HINT_TEXTS["filler"].format(word=word)))
        elif not in_summary and not in_details:
            hints.append(SpecificityHint(code, HINT_TEXTS[code]))

    points = _length_points(s.words + d.words / 2)
    total += points
    reasons.append(f"+{points}: {s.words} words in the summary, {d.words} in the details")
    if points < 10:
        hints.append(SpecificityHint("length", HINT_TEXTS["length"]))

    if s.fillers:
        penalty = min(FILLER_PENALTY * len(s.fillers), FILLER_PENALTY_CAP)
        total -= penalty
        reasons.append(f"-{penalty}: vague words ({_examples(s.fillers)})")

    return SpecificityReport(score=max(0, min(100, total)), hints=tuple(hints), reasons=tuple(reasons))
