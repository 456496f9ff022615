"""What a merge did, as plain records for the window and the command line.

Rows added, updated and deleted per kind, every conflict and how it was
decided (whose version is current, where the other one went), files that
were skipped and why, and where the changes came from (a device's name and
id, or a journal file) and when.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from netjournal.store.sync_apply import DELETED_UNSENT, KEPT_OVER_DELETION, Applied, Decision

_PLURALS = {
    "person": "people",
    "contact_detail": "contact details",
    "circumstance": "circumstances",
    "exchange": "exchanges",
    "touchpoint": "touchpoints",
    "loop": "open loops",
    "reflection": "reflections",
    "prompt_state": "prompt states",
    "brokered_introduction": "introductions between others",
    "entry_history": "history entries",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where merged changes came from."""

    label: str  # "Home desktop", or a journal file's name
    device_id: str | None  # None for a journal file merged once
    written_at: str | None  # when that device wrote them (its clock), if known


@dataclass(frozen=True, slots=True)
class SourceResult:
    source: Source
    added: dict[str, int]  # by entity
    updated: dict[str, int]
    deleted: dict[str, int]
    decisions: tuple[Decision, ...]
    files: int  # files merged from it (1 for a journal)


@dataclass(slots=True)
class MergeReport:
    merged_at: str
    dry_run: bool = False
    sources: list[SourceResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sentences: a damaged or foreign file, and why; rows too
    skipped_files: list[str] = field(default_factory=list)  # the files among them (paths), one each
    written: str | None = None  # the change file this device wrote, if any
    backup: str | None = None  # the backup taken before the first merge of the session
    notes: list[str] = field(default_factory=list)  # sentences: a journal found to be a copy, files waited for

    def add(self, source: Source, applied: Applied, files: int = 1) -> None:
        self.sources.append(
            SourceResult(source, dict(applied.added), dict(applied.updated), dict(applied.deleted),
                         tuple(applied.decisions), files)
        )  # fmt: skip
        self.skipped.extend(f"{source.label}: {reason}" for reason in dict.fromkeys(applied.skipped))

    def totals(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        added: Counter[str] = Counter()
        updated: Counter[str] = Counter()
        deleted: Counter[str] = Counter()
        for result in self.sources:
            added.update(result.added)
            updated.update(result.updated)
            deleted.update(result.deleted)
        return added, updated, deleted

    @property
    def files_skipped(self) -> int:
        """How many files were skipped (``skipped`` also holds sentences about rows that could not be merged)."""
        return len(dict.fromkeys(self.skipped_files))

    @property
    def conflicts(self) -> list[Decision]:
        return [d for result in self.sources for d in result.decisions]

    @property
    def changed(self) -> bool:
        added, updated, deleted = self.totals()
        return bool(added or updated or deleted or self.conflicts)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {_PLURALS.get(e, e) if n != 1 else e.replace('_', ' ')}" for e, n in sorted(counts.items()))


def decision_line(decision: Decision) -> str:
    kind = decision.entity.replace("_", " ")
    if decision.reason == KEPT_OVER_DELETION:
        return (
            f"{kind} {decision.uuid[:8]}: deleted in the other copy at {decision.other_updated_at}, but edited "
            f"here after that ({decision.kept_updated_at}); kept, and sent back"
        )
    whose = "this journal's" if decision.kept == "here" else "the other copy's"
    where = f"history entry {decision.history_uuid[:8]}" if decision.history_uuid else "nowhere"
    if decision.reason == DELETED_UNSENT:
        return (
            f"{kind} {decision.uuid[:8]}: deleted in the other copy at {decision.kept_updated_at}, before this "
            f"journal's edit of it ({decision.other_updated_at}, by this clock) was sent; removed, the edited "
            f"version kept in {where}"
        )
    if decision.reason == "parent deleted":
        return (
            f"{kind} {decision.uuid[:8]}: edited ({decision.other_updated_at}) after what it belongs to was "
            f"deleted ({decision.kept_updated_at}); removed with it, the edited version kept in {where}"
        )
    return (
        f"{kind} {decision.uuid[:8]}: changed in both copies; {whose} version ({decision.kept_updated_at}) "
        f"is current, the other ({decision.other_updated_at}) is in {where}"
    )


def report_lines(report: MergeReport) -> list[str]:
    """The report as sentences, for the command line (the window lays out the same records)."""
    lines: list[str] = []
    if report.backup:
        lines.append(f"Backup taken first: {report.backup}")
    if report.written:
        lines.append(f"Wrote this device's changes: {report.written}")
    for result in report.sources:
        when = f", written {result.source.written_at}" if result.source.written_at else ""
        files = f" ({result.files} files)" if result.files > 1 else ""
        lines.append(f"From {result.source.label}{files}{when}:")
        parts = [
            f"{verb} {_counts(counts)}"
            for verb, counts in (("added", result.added), ("updated", result.updated), ("deleted", result.deleted))
            if counts
        ]
        lines.append("  " + ("; ".join(parts) if parts else "nothing new"))
        lines.extend(f"  conflict: {decision_line(d)}" for d in result.decisions)
    lines.extend(f"Skipped {reason}" for reason in report.skipped)
    lines.extend(report.notes)
    if not report.sources and not report.skipped:
        lines.append("Nothing new from other devices.")
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return lines
