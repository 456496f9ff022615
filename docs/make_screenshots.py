"""Render every screen of the window offscreen into docs/screenshots/, light and dark, 1280×800; the main
screens (a person, the prompts, search) also at 1024×700 and 1440×900 (``main-person-1024-light.png``).

    python docs/make_screenshots.py

Uses a fresh small demo journal (invented people) in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NETJOURNAL_AUTO_BACKUP"] = "0"
# This checkout's code, not whichever copy the environment has installed (as make_reviews.py does).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the backups shown are the ones taken below, no more

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QStyleFactory, QWidget

from netjournal.app import application
from netjournal.domain import ContactDetail, DetailField
from netjournal.services import backups, deletions, drafts, entries, sync_folder, use_cases
from netjournal.services.brokered_introductions import get_brokered
from netjournal.services.demo import create_demo_journal
from netjournal.services.journal import Journal
from netjournal.ui.dialogs.drafts import keep_all_quietly
from netjournal.ui.dialogs.import_dialog import ImportDialog
from netjournal.ui.shell.delete_commands import person_question
from netjournal.ui.shell.draft_offer import offer_box
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.appearance import dark_palette

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1280, 800)
MAIN_SIZES = ((1024, 700), (1440, 900))
PASSPHRASE = "screenshot-demo-passphrase"


def save(image: QImage, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    image.save(str(path))
    print(path.relative_to(OUT.parent.parent))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 30) -> None:
    """Let work on a worker finish (a sync, a merge's preview) before the picture is taken."""
    ends = time.monotonic() + seconds
    while not done() and time.monotonic() < ends:
        app.processEvents()
        time.sleep(0.01)
    settle(app)


def grab_with_dialog(window: QWidget, dialog: QWidget) -> QImage:
    """The window with ``dialog`` drawn centred over a dimmed copy, as a person sees a modal dialog."""
    image = window.grab().toImage()
    painter = QPainter(image)
    painter.fillRect(image.rect(), QColor(0, 0, 0, 70))
    shot = dialog.grab()
    corner = QPoint((image.width() - shot.width()) // 2, (image.height() - shot.height()) // 3)
    painter.drawPixmap(corner, shot)
    painter.end()
    return image


def new_window(app: QApplication, settings_dir: Path) -> MainWindow:
    (settings_dir / "settings.ini").unlink(missing_ok=True)  # each theme starts with the default column widths
    settings = WindowSettings(QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    settle(app)
    return window


def busiest_person_with_history(journal: Journal) -> int:
    (person_id,) = journal.sql(
        "SELECT e.person_id FROM exchange e JOIN person p ON p.id = e.person_id "
        "WHERE p.cadence_days IS NOT NULL AND p.archived = 0 "
        "GROUP BY e.person_id HAVING sum(e.direction = 'given') > 0 AND sum(e.direction = 'received') > 0 "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return person_id


def import_sample(journal: Journal) -> str:
    """A small vCard file of the kind a phone exports, partly overlapping the demo journal."""
    known = journal.sql(
        "SELECT p.name, p.organisation, d.value FROM person p JOIN contact_detail d ON d.person_id = p.id "
        "WHERE d.field = 'email' GROUP BY p.id ORDER BY p.name LIMIT 3"
    ).fetchall()
    (namesake,) = journal.sql("SELECT name FROM person WHERE organisation != '' ORDER BY name DESC LIMIT 1").fetchone()
    cards = []
    for number, (name, organisation, email) in enumerate(known):
        phone = f"TEL;TYPE=CELL:+351 91 555 01{number:02d}\r\n" if number == 0 else ""
        cards.append(f"FN:{name}\r\nORG:{organisation}\r\nEMAIL;TYPE=WORK:{email}\r\n{phone}")
    invented = [
        ("Rosa Delgado", "Harbourline Logistics", "rosa@harbourline.example"),
        ("Emeka Obi", "Kiln & Loom Studio", "emeka@kilnloom.example"),
        ("Sanna Virtanen", "Northlight Health", "sanna.virtanen@northlight.example"),
        ("Tomás Ferreira", "", "tomas.f@mail.example"),
    ]
    cards += [f"FN:{n}\r\nORG:{o}\r\nEMAIL:{e}\r\n" for n, o, e in invented]
    cards.append(f"FN:{namesake}\r\nORG:Quarry Lane Partners\r\n")
    cards.append("ORG:Front desk\r\nTEL:+351 21 555 0000\r\n")
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{card}END:VCARD\r\n" for card in cards)


def spreadsheet_sample() -> str:
    """A hand-made spreadsheet whose headers netjournal does not all know: "Who" holds the names."""
    rows = [
        ("Rosa Delgado", "Harbourline Logistics", "rosa@harbourline.example", "14/03/2023", "Lisbon"),
        ("Emeka Obi", "Kiln & Loom Studio", "emeka@kilnloom.example", "02/11/2022", "Porto"),
        ("Sanna Virtanen", "Northlight Health", "sanna.virtanen@northlight.example", "21/06/2024", "Helsinki"),
        ("Tomás Ferreira", "", "tomas.f@mail.example", "", "Braga"),
    ]
    lines = ["Who;Company;Mail;Met;Based in"] + [";".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def wait_for_preview(app: QApplication, window: MainWindow, dialog: ImportDialog) -> None:
    while window.session.busy or (dialog.columns is not None and dialog.columns.pending):
        app.processEvents()
    settle(app)


def add_twins(journal: Journal) -> list[int]:
    """Two demo people entered a second time, as an import from another address book might."""
    from netjournal.services import people

    twins = []
    for name, email in journal.sql(
        "SELECT p.name, d.value FROM person p JOIN contact_detail d ON d.person_id = p.id "
        "WHERE d.field = 'email' GROUP BY p.id ORDER BY p.name DESC LIMIT 2"
    ).fetchall():
        first, _, last = name.partition(" ")
        twin = people.PersonInput(name=f"{last}, {first}", details=[ContactDetail(DetailField.EMAIL, email.upper())])
        twins.append(people.add_person(journal, twin))
    return twins


def select_long_entry(window: MainWindow) -> None:
    """Make the entry with the longest text among the newest current, so the detail pane has something to read."""
    timeline = window.workspace.timeline
    rows = [(row, timeline.model.row_at(row)) for row in range(min(40, timeline.model.rowCount()))]
    entries = [(len(getattr(e, "title", "")) + len(getattr(e, "details", "")), row) for row, e in rows]
    timeline.list.setCurrentIndex(timeline.model.index(max(entries)[1]))


def shoot_main_screens(
    app: QApplication, window: MainWindow, person: int, take: Callable[[str, QImage], None], suffix: str
) -> None:
    """A person with an entry read in full, the prompts tab with a card focused, and search results."""
    workspace = window.workspace
    if suffix:  # the 1280 person shot is taken earlier, before the dialogs
        workspace.select_person(person)
        select_long_entry(window)
        workspace.timeline.list.setFocus()
        settle(app)
        take(f"main-person{suffix}", window.grab().toImage())
    workspace.show_everyone()
    workspace.focus_prompts()
    settle(app)
    take(f"prompts{suffix}", window.grab().toImage())
    workspace.side.setCurrentWidget(workspace.relationship)
    workspace.search.box.setText("pricing")
    workspace.search.run_search()
    settle(app)
    take(f"search{suffix}", window.grab().toImage())
    workspace.search.clear()


def busiest_day_of_the_year(journal: Journal) -> dt.date:
    """This year's date of the day and month with the most entries in earlier years (today may have none)."""
    (day,) = journal.sql(
        "SELECT substr(date, 6) FROM exchange WHERE date < ? GROUP BY 1"
        " ORDER BY count(DISTINCT substr(date, 1, 4)) DESC, count(*) DESC LIMIT 1",
        (f"{dt.date.today().year}-01-01",),
    ).fetchone()
    month, number = (int(part) for part in day.split("-"))
    return dt.date(dt.date.today().year, month, min(number, 28) if month == 2 else number)


def shoot_views(
    app: QApplication, window: MainWindow, journal: Journal, person: int, take: Callable, suffix: str = ""
) -> None:
    """The View menu's pages, each as its key opens it (``suffix``: the window's size, when not the usual)."""
    views = window.views
    window.workspace.select_person(person)
    settle(app)
    views.show("over_time")
    settle(app)
    take(f"view-over-time-person{suffix}", window.grab().toImage())
    views.over_time.scope.setCurrentIndex(0)
    views.over_time.span.setCurrentIndex(2)
    settle(app)
    take(f"view-over-time-network{suffix}", window.grab().toImage())
    views.on_this_day.today = busiest_day_of_the_year(journal)
    views.show("on_this_day")
    settle(app)
    take(f"view-on-this-day{suffix}", window.grab().toImage())
    views.on_this_day.today = None
    for name in ("overdue", "introductions", "tags"):
        views.show(name)
        settle(app)
        take(f"view-{name}{suffix}", window.grab().toImage())
        if name == "introductions" and not suffix:
            dialog = views.ask_outcome(views.introductions.table.current_record())
            settle(app)
            take("outcome-dialog", grab_with_dialog(window, dialog))
            dialog.reject()
            settle(app)
            # An introduction someone else made, as its dialog shows it (the newest with an outcome).
            (row,) = journal.sql(
                "SELECT id FROM brokered_introduction WHERE outcome != '' ORDER BY date DESC LIMIT 1"
            ).fetchone()
            window.entries.edit_entry(get_brokered(journal, row))
            dialog = window.entries.current_dialog
            settle(app)
            take("brokered-dialog", grab_with_dialog(window, dialog))
            dialog.reject()
            settle(app)
    window.workspace.show_everyone()
    settle(app)


def shoot(app: QApplication, journal_path: Path, folder: Path, theme: str) -> None:
    window = new_window(app, folder)
    shots: list[tuple[str, Callable[[], QImage]]] = []

    def take(name: str, image: QImage) -> None:
        save(image, f"{name}-{theme}")

    take("welcome", window.grab().toImage())

    window.show_unlock(journal_path)
    settle(app)
    take("unlock", window.grab().toImage())

    journal = Journal.open(journal_path, PASSPHRASE)
    window.attach(journal)
    settle(app)
    person = busiest_person_with_history(journal)
    window.workspace.select_person(person)
    select_long_entry(window)
    settle(app)
    take("main-person", window.grab().toImage())

    # The same person's dialog: their contact details, in order, with labels.
    window.entries.edit_person(person)
    dialog = window.entries.current_dialog
    settle(app)
    take("person-dialog", grab_with_dialog(window, dialog))
    dialog.reject()
    settle(app)

    # Deleting a person: the question names what goes with them; afterwards the status bar offers Undo.
    question = person_question(deletions.what_goes_with(journal, person))
    box = messages.confirmation_box(window, window.tr("Delete person"), question, action=window.tr("Delete"))
    box.show()
    settle(app)
    take("delete-person", grab_with_dialog(window, box))
    box.close()
    box.deleteLater()
    window.undo_history.push(use_cases.delete_person(journal, person))
    settle(app)
    take("person-deleted", window.grab().toImage())
    window.deletes.undo()
    window.workspace.timeline.list.setCurrentIndex(window.workspace.timeline.model.index(1))
    settle(app)

    window.entries.log_exchange()
    dialog = window.entries.current_dialog
    dialog.findChild(QLineEdit, "summaryField").setText("helped with some stuff")
    settle(app)
    take("exchange-dialog-hint", grab_with_dialog(window, dialog))
    dialog.findChild(QLineEdit, "summaryField").setText(
        "Introduced her to the Series A lead at Northwind for the seed round; they met on 12 May"
    )
    settle(app)
    take("exchange-dialog-specific", grab_with_dialog(window, dialog))
    # Esc with text typed: keep it as a draft, discard it, or go back.
    dialog.reject()
    settle(app)
    question = dialog.findChild(QMessageBox, "keepDraftQuestion")
    take("keep-draft-question", grab_with_dialog(window, question))
    question.done(0)
    keep_all_quietly(window)
    dialog.reject()
    settle(app)
    # After a lock or a crash, the next unlock offers the draft back.
    draft = drafts.save_draft(
        journal,
        drafts.Draft("exchange", None, {"summaryField": "Walked her through the Series A term sheet"},
                     gist="Walked her through the Series A term sheet"),
    )  # fmt: skip
    offer = offer_box(window, draft)
    offer.show()
    settle(app)
    take("draft-offer", grab_with_dialog(window, offer))
    offer.close()
    offer.deleteLater()
    drafts.discard_draft(journal, "exchange", None)

    # Backups: two taken, the newest previewed (read from the backup itself, on a worker).
    source = journal.snapshot_source()
    shutil.rmtree(backups.backup_folder(journal_path), ignore_errors=True)  # the other theme's run took some
    backups.take_backup(source, backups.Reason.AUTO, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    backups.take_backup(source, backups.Reason.MANUAL)
    window.journals.show_backups()
    dialog = window.journals.backups_dialog
    restore_button = dialog.findChild(QPushButton, "restoreBackupButton")
    while not restore_button.isEnabled():
        app.processEvents()
    settle(app)
    take("backups", grab_with_dialog(window, dialog))
    dialog.reject()
    settle(app)

    # Importing contacts: three people already in the journal (one gains a phone), new ones, a namesake
    # at another organisation (left out, not guessed) and a card with no name, previewed before anything
    # is written.
    contacts = folder / "contacts.vcf"
    contacts.write_text(import_sample(journal), encoding="utf-8", newline="")
    dialog = window.imports.import_file(contacts)
    while window.session.busy:
        app.processEvents()
    settle(app)
    take("import-preview", grab_with_dialog(window, dialog))
    dialog.groups.setCurrentIndex(2)
    settle(app)
    take("import-preview-skipped", grab_with_dialog(window, dialog))
    dialog.reject()
    settle(app)

    # A spreadsheet with a column netjournal does not know as the name: the Columns tab asks for it, and
    # once "Who" is the name and "Met" the date met, the preview follows.
    spreadsheet = folder / "people.csv"
    spreadsheet.write_text(spreadsheet_sample(), encoding="utf-8")
    dialog = window.imports.import_file(spreadsheet)
    wait_for_preview(app, window, dialog)
    take("import-columns-name", grab_with_dialog(window, dialog))
    dialog.columns.choose("Who", "name")
    dialog.columns.choose("Met", "met_on")
    dialog.columns.choose("Based in", "location")
    wait_for_preview(app, window, dialog)
    dialog.columns.combos[3].setFocus()
    settle(app)
    take("import-columns", grab_with_dialog(window, dialog))
    dialog.reject()
    settle(app)

    # Possible duplicates: two people entered twice, by another spelling.
    twins = add_twins(journal)
    dialog = window.merges.show_duplicates()
    settle(app)
    take("duplicates", grab_with_dialog(window, dialog))
    dialog.reject()
    for twin in twins:
        deletions.delete_person(journal, twin)
    settle(app)

    # As on a Linux desktop, whose session bus answers: no note that the screen lock cannot work here.
    window.screen_lock.listening = True
    shared = folder / "Sync"
    shared.mkdir(exist_ok=True)
    sync_folder.set_sync_folder(journal, shared, "Work laptop")
    controller = window.sync.controller
    controller.restart()
    wait_until(app, lambda: controller.last_report is not None or bool(controller.last_error))
    dialog = window.edit_preferences()
    settle(app)
    take("preferences", grab_with_dialog(window, dialog))
    dialog.reject()
    settle(app)
    take("sync-status", window.grab().toImage())
    sync = window.sync.show_sync()
    settle(app)
    take("sync", grab_with_dialog(window, sync))
    sync.reject()
    sync_folder.set_sync_folder(journal, None)
    controller.restart()
    settle(app)

    # Another copy of the journal, merged by hand: its passphrase, then the preview of what comes in.
    copy = journal.backup_to(folder / f"laptop-{theme} (conflicted copy 2026-11-28).netjournal")
    with Journal.open(copy, PASSPHRASE) as other:
        someone = other.sql("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]
        entries.add_touchpoint(other, someone, "Lunch at the conference; she asked for the hiring rubric")
    merge = window.sync.merge_copy(copy)
    merge.passphrase.setText(PASSPHRASE)
    merge.preview()
    wait_until(app, lambda: merge.merge_button.isEnabled() or merge.error.isVisible())
    take("merge-copy", grab_with_dialog(window, merge))
    merge.reject()
    settle(app)

    shoot_main_screens(app, window, person, take, "")
    for width, height in MAIN_SIZES:
        window.resize(width, height)
        settle(app)
        shoot_main_screens(app, window, person, take, f"-{width}")
        shoot_views(app, window, journal, person, take, f"-{width}")
    window.resize(*SIZE)
    settle(app)
    shoot_views(app, window, journal, person, take)

    sheet = window.help.show_shortcuts()
    settle(app)
    take("shortcuts", grab_with_dialog(window, sheet))
    sheet.reject()
    settle(app)

    # Help → About: the version, where the data lives, what it is built from and under which licences.
    about = window.journals.about()
    settle(app)
    take("about", grab_with_dialog(window, about))
    about.reject()
    settle(app)

    # A filter that finds nobody says so, rather than leaving the list blank.
    window.workspace.show_everyone()
    window.workspace.contacts.filter.setText("zzq")
    settle(app)
    take("filter-nobody", window.grab().toImage())
    window.workspace.contacts.filter.clear()

    # As after `netjournal --demo`: the lock screen shows the demo's passphrase, which its banner said is needed.
    window.unlock.know_demo(journal_path, PASSPHRASE)
    window.lock()
    settle(app)
    take("lock", window.grab().toImage())
    window.close()
    settle(app)
    del shots


def main() -> int:
    app = application(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    light = app.style().standardPalette()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "demo.netjournal"
        create_demo_journal(path, PASSPHRASE, "small", seed=7)
        for theme, palette in (("light", light), ("dark", dark_palette())):
            app.setPalette(palette)
            shoot(app, path, folder, theme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
