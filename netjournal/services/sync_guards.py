"""Warnings about how a journal file is kept: inside a folder a sync tool copies, or copied by one into conflicts.

A sync tool that copies the live database file (rather than the change files
netjournal writes for it) is the well-known way to lose a journal: a write
caught halfway, a ``-wal`` carried without its database, two edited copies
turned into "conflicted copy" files.  These checks only look at paths and
names on disk; they read no journal.
"""

from __future__ import annotations

import re
from pathlib import Path

# A folder that marks the tree under it as synced, and the tool it belongs to.
_MARKERS: tuple[tuple[str, str], ...] = (
    (".stfolder", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".sync", "Resilio Sync"),
    (".owncloudsync.log", "ownCloud"),
    (".nextcloudsync.log", "Nextcloud"),
)
# Folder names sync tools give their root (matched whole, case-insensitively).
_ROOT_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"dropbox( \(.+\))?", re.IGNORECASE), "Dropbox"),
    (re.compile(r"onedrive( - .+)?", re.IGNORECASE), "OneDrive"),
    (re.compile(r"nextcloud", re.IGNORECASE), "Nextcloud"),
    (re.compile(r"owncloud", re.IGNORECASE), "ownCloud"),
    (re.compile(r"icloud ?drive|mobile documents|com~apple~clouddocs", re.IGNORECASE), "iCloud Drive"),
    (re.compile(r"google ?drive|my drive", re.IGNORECASE), "Google Drive"),
    (re.compile(r"sync", re.IGNORECASE), "a sync tool"),
)
# What sync tools call the copies they make when two machines changed one file: "journal (conflicted copy
# 2026-12-01).netjournal" (Dropbox; also "(Ana's conflicted copy …)"), "journal.sync-conflict-20261201-101500-ABCDEFG
# .netjournal" (Syncthing), "journal_conflict-20261201-101500.netjournal" (Nextcloud), "journal (1).netjournal" (many).
# OneDrive's "journal-LAPTOP.netjournal" cannot be told from a journal named so on purpose: it is not looked for.
_CONFLICT_MARKS = re.compile(
    r"conflicted copy|\.sync-conflict-|_conflict-\d|\(conflict|conflict \d|\(\d+\)$", re.IGNORECASE
)


def looks_synced(path: Path) -> str | None:
    """The sync tool whose folder holds ``path`` (walking up its parents), or None when none is seen."""
    folder = path.expanduser().absolute().parent
    home = Path.home()
    for parent in (folder, *folder.parents):
        for marker, tool in _MARKERS:
            if (parent / marker).exists():
                return tool
        if parent != home and parent != parent.parent:  # a home folder called "sync" says nothing
            for pattern, tool in _ROOT_NAMES:
                if pattern.fullmatch(parent.name):
                    return tool
    return None


def conflict_copies(path: Path) -> list[Path]:
    """Files beside ``path`` that a sync tool made as conflicting copies of it, oldest name first."""
    path = path.expanduser().absolute()
    stem, suffix = path.stem, path.suffix
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return []
    found = []
    for sibling in siblings:
        if sibling == path or not sibling.is_file() or sibling.suffix != suffix:
            continue
        rest = sibling.stem[len(stem) :] if sibling.stem.startswith(stem) else ""
        if rest and _CONFLICT_MARKS.search(rest.strip()):
            found.append(sibling)
    return sorted(found)


def warnings_for(path: Path) -> list[str]:
    """The sentences the window and the command line say about where ``path`` is kept (none when all is well)."""
    said = []
    tool = looks_synced(path)
    if tool is not None:
        said.append(
            f"This journal is in a folder {tool} copies. A sync tool copying the live journal can damage it or "
            "split it into conflicting copies; keep the journal outside, and choose a sync folder in Preferences "
            "for netjournal's own change files instead."
        )
    copies = conflict_copies(path)
    if copies:
        names = ", ".join(f"“{copy.name}”" for copy in copies[:3]) + (" …" if len(copies) > 3 else "")
        said.append(
            f"A sync tool left {len(copies)} conflicting {'copy' if len(copies) == 1 else 'copies'} of this journal "
            f"beside it ({names}). Merge {'it' if len(copies) == 1 else 'them'} in with Journal → Merge another "
            "copy… (or `netjournal merge FILE`), then remove the copies."
        )
    return said
