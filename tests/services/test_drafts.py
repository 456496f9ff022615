"""Drafts live inside the encrypted journal, survive closing it, and are never entries or exported."""

from __future__ import annotations

import io
import json

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.exports.json_export import write_export
from netjournal.services import drafts
from netjournal.services.drafts import Draft
from netjournal.services.journal import Journal


def test_a_draft_is_kept_replaced_and_discarded(journal: Journal) -> None:
    heard = []
    journal.changes.subscribe(heard.append)
    drafts.save_draft(journal, Draft("exchange", None, {"summaryField": "First words"}, gist="First words"))
    drafts.save_draft(journal, Draft("exchange", None, {"summaryField": "More words"}, gist="More words"))
    drafts.save_draft(journal, Draft("touchpoint", 12, {"noteField": "An edit"}, {"Ana": 3}))
    kept = {d.kind: d for d in drafts.pending_drafts(journal)}  # newest first; these may share a millisecond
    assert [(d.kind, d.entry_id) for d in kept.values()] in (
        [("touchpoint", 12), ("exchange", None)],
        [("exchange", None), ("touchpoint", 12)],
    )
    assert kept["exchange"].fields == {"summaryField": "More words"}
    assert kept["touchpoint"].known_people == {"Ana": 3}
    assert kept["touchpoint"].saved_at.endswith("Z")
    assert heard == []  # not an entry: no view refreshes, no automatic backup, for a keystroke
    drafts.discard_draft(journal, "exchange", None)
    assert [(d.kind, d.entry_id) for d in drafts.pending_drafts(journal)] == [("touchpoint", 12)]


def test_a_draft_survives_closing_and_is_encrypted_with_the_journal(journal: Journal) -> None:
    drafts.save_draft(journal, Draft("reflection", None, {"textField": "Tom keeps asking; a frank chat"}))
    journal.close()
    raw = b"".join(p.read_bytes() for p in journal.path.parent.iterdir() if p.is_file())
    assert b"frank chat" not in raw
    with Journal.open(journal.path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as again:
        [draft] = drafts.pending_drafts(again)
        assert draft.fields["textField"] == "Tom keeps asking; a frank chat"


def test_drafts_are_not_exported(journal: Journal) -> None:
    drafts.save_draft(journal, Draft("exchange", None, {"summaryField": "Half-typed secret"}))
    out = io.BytesIO()
    write_export(journal, out, exported_at="2026-01-01T00:00:00.000Z")
    assert "Half-typed secret" not in json.dumps(json.loads(out.getvalue()))


def test_only_entry_dialogs_have_drafts(journal: Journal) -> None:
    with pytest.raises(ValueError):
        drafts.save_draft(journal, Draft("person", None, {}))
