"""The import dialog's preview of a netjournal JSON export: what it holds, and whether this journal can take it."""

from __future__ import annotations

from pathlib import Path

from netjournal.services.journal import Journal
from netjournal.ui.dialogs.import_dialog import ImportPreview, Progress
from netjournal.ui.i18n import tr


def json_preview(journal: Journal, path: Path) -> ImportPreview:
    """Read and check the whole export (on a worker); an import is offered only into an empty journal."""
    from netjournal.services.json_import import describe_counts, import_json, preview_json, read_export

    document = read_export(path)
    preview = preview_json(journal, document)
    summary = tr("a netjournal export (format {0}) of {1}.").format(document.version, describe_counts(document.counts))
    if preview.refusal:
        return ImportPreview(summary, refusal=preview.refusal)

    def run(target: Journal, progress: Progress) -> str:
        from netjournal.services import backups

        taken = backups.take_backup(target.snapshot_source(), backups.Reason.BEFORE_IMPORT)
        result = import_json(target, document, progress=progress)
        return tr(
            "Imported the export: {0:,} records, with the identity of the journal it came from. "
            "The journal as it was is kept as the backup {1}."
        ).format(result.total, taken.file.path.name)

    return ImportPreview(summary, run=run)
