"""The relationship panel, the prompts panel and the balance chart, on a real encrypted journal."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from netjournal.domain import Direction
from netjournal.services import entries, people, prompting, relationships
from netjournal.services.journal import Journal
from netjournal.store.models import Reflection
from netjournal.ui.dialogs.entry_dialogs import ReflectionDialog
from netjournal.ui.panels import relationship_panel as relationship_module
from netjournal.ui.panels.prompts_panel import PromptCard, PromptsPanel
from netjournal.ui.panels.relationship_panel import LinkButton, RelationshipPanel
from netjournal.ui.widgets.balance_chart import BalanceChart, describe_balance, paint_balance
from netjournal.ui.widgets.colors import direction_color, overdue_color

TODAY = dt.date.today()


def pid(journal: Journal, name: str) -> int:
    person = people.find_person(journal, name)
    assert person is not None
    return person.id


def visible_texts(widget: QWidget) -> list[str]:
    """Every piece of text a child could show or speak: label text, button text, accessible names, tooltips."""
    texts = []
    for child in widget.findChildren(QWidget):
        texts += [child.accessibleName(), child.accessibleDescription(), child.toolTip()]
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
    return [t for t in texts if t]


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        ("Window", "#2b2b2b"),
        ("WindowText", "#e6e6e6"),
        ("Base", "#1e1e1e"),
        ("Text", "#e6e6e6"),
        ("Button", "#3a3a3a"),
        ("ButtonText", "#e6e6e6"),
        ("PlaceholderText", "#9a9a9a"),
        ("Link", "#8ab4f8"),
        ("Mid", "#555555"),
    ):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


# -- relationship panel ------------------------------------------------------------


@pytest.fixture
def panel(qtbot, session) -> RelationshipPanel:
    widget = RelationshipPanel(session)
    qtbot.addWidget(widget)
    widget.resize(360, 700)
    widget.show()
    return widget


def chart_of(panel: RelationshipPanel) -> BalanceChart:
    chart = panel.findChild(BalanceChart, "balanceChart")
    assert chart is not None
    return chart


def reason_links(panel: RelationshipPanel) -> list[LinkButton]:
    return panel.findChildren(LinkButton, "reasonLink")


def test_numbers_match_the_relationship_service(panel, session):
    ana = pid(session.journal, "Ana Silva")
    panel.show_person(ana)
    totals = relationships.relationship(session.journal, ana).ledger.totals
    rows = chart_of(panel).rows()
    assert [r.label for r in rows] == ["12 months", "3 years", "All time"]
    for row, key in zip(rows, ("12m", "3y", "all"), strict=True):
        t = totals[key]
        assert tuple(row)[1:] == (t.given_count, t.given_significance, t.received_count, t.received_significance)
    assert rows[0][1:] == (0, 0, 1, 5)  # the gift was 400 days ago, the return 120
    assert panel.findChild(QLabel, "relationshipName").text() == "Ana Silva"
    assert panel.findChild(QLabel, "relationshipSubtitle").text() == "Series A partner · Northwind"
    assert "median 280 days over 1 linked pair" in panel.findChild(QLabel, "reciprocity").text()


def test_ana_is_shown_overdue_and_her_loop_past_due(panel, session):
    panel.show_person(pid(session.journal, "Ana Silva"))
    cadence = panel.findChild(QLabel, "cadence")
    # The last entry is the loop opened 40 days ago; the cadence is 30 days.
    assert "Every 30 days" in cadence.text()
    assert "last contact 40 days ago" in cadence.text()
    assert "overdue by 10 days" in cadence.text()
    assert "overdue by 10 days" in cadence.accessibleName()
    [loop] = panel.findChildren(QLabel, "openLoop")
    assert "Send Ana the pricing spreadsheet" in loop.text()
    assert "past due by 5 days" in loop.text()


def test_tom_mostly_you_give_and_his_seeds(panel, session):
    panel.show_person(pid(session.journal, "Tom Reyes"))
    assert panel.findChild(QLabel, "patternHint").text() == "Mostly you give"
    seeds = panel.findChild(QLabel, "seedsPlanted").text()
    # The introduction of Ana to Tom was returned by Ana, so it is no seed with Tom (paid forward).
    assert "3 given and not yet returned" in seeds
    assert "significance 9" in seeds
    assert "not a debt" in seeds


def test_a_circumstance_softens_the_hint(panel, session):
    tom = pid(session.journal, "Tom Reyes")
    entries.add_circumstance(session.journal, tom, "New baby", start_on=TODAY - dt.timedelta(days=60))
    panel.show_person(tom)
    assert panel.findChild(QLabel, "patternHint").text() == "Mostly you give — softened: New baby"
    assert any("New baby" in c.text() for c in panel.findChildren(QLabel, "circumstance"))


def test_reason_link_emits_the_entry_ids(qtbot, panel, session):
    tom = pid(session.journal, "Tom Reyes")
    panel.show_person(tom)
    hint = relationships.relationship(session.journal, tom).hint
    links = reason_links(panel)
    assert [link.text() for link in links] == [f"show {len(r.entry_ids)} entries" for r in hint.reasons if r.entry_ids]
    reason = hint.reasons[1]
    with qtbot.waitSignal(panel.entriesRequested) as blocker:
        qtbot.mouseClick(links[1], Qt.MouseButton.LeftButton)
    assert blocker.args == [list(reason.entry_ids), reason.text]
    # The same from the keyboard.
    links[0].setFocus()
    with qtbot.waitSignal(panel.entriesRequested) as blocker:
        qtbot.keyClick(links[0], Qt.Key.Key_Space)
    assert blocker.args[0] == list(hint.reasons[0].entry_ids)


def test_person_buttons_emit_the_person(qtbot, panel, session):
    ana = pid(session.journal, "Ana Silva")
    panel.show_person(ana)
    for name, signal in (
        ("editPersonButton", panel.editPersonRequested),
        ("addCircumstanceButton", panel.addCircumstanceRequested),
    ):
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseClick(panel.findChild(QAbstractButton, name), Qt.MouseButton.LeftButton)
        assert blocker.args == [ana]


def test_a_new_exchange_updates_the_panel(qtbot, panel, session):
    ana = pid(session.journal, "Ana Silva")
    panel.show_person(ana)
    entries.add_exchange(
        session.journal, entries.ExchangeInput("given", "advice", "Sent Ana the pricing model", ana, significance=2)
    )
    qtbot.waitUntil(lambda: chart_of(panel).rows()[0][1:3] == (1, 2))
    assert "overdue" not in panel.findChild(QLabel, "cadence").text()


def test_refreshes_only_for_the_person_shown_and_once_per_burst(qtbot, panel, session, monkeypatch):
    ana, tom = pid(session.journal, "Ana Silva"), pid(session.journal, "Tom Reyes")
    panel.show_person(ana)
    calls = []
    real = relationship_module.relationship
    monkeypatch.setattr(relationship_module, "relationship", lambda *a, **k: calls.append(a) or real(*a, **k))
    entries.add_touchpoint(session.journal, tom, "Coffee with Tom")
    QApplication.processEvents()
    assert calls == []
    for n in range(10):
        entries.add_touchpoint(session.journal, ana, f"Check-in {n}")
    qtbot.waitUntil(lambda: len(calls) == 1)
    QApplication.processEvents()
    assert len(calls) == 1
    assert "last contact today" in panel.findChild(QLabel, "cadence").text()


def test_refresh_keeps_the_scroll_position(qtbot, session):
    panel = RelationshipPanel(session)
    qtbot.addWidget(panel)
    panel.resize(360, 300)
    panel.show()
    tom = pid(session.journal, "Tom Reyes")
    panel.show_person(tom)
    bar = panel.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    bar.setValue(100)
    entries.add_touchpoint(session.journal, tom, "Coffee with Tom")
    qtbot.waitUntil(lambda: "last contact today" in panel.findChild(QLabel, "cadence").text())
    assert bar.value() == 100
    panel.show_person(pid(session.journal, "Ana Silva"))
    assert bar.value() == 0


def test_overview_lists_dormant_valuable_ties(qtbot, panel, session):
    old = people.add_person(session.journal, people.PersonInput("Maria Gomez"))
    for days in (500, 520, 540):
        entries.add_exchange(
            session.journal,
            entries.ExchangeInput(
                "received", "advice", "Advice", old, date=TODAY - dt.timedelta(days=days), significance=4
            ),
        )
    panel.show_person(None)
    assert panel.findChild(QLabel, "helpedCount").text() == "1"  # Tom, three times
    [tie] = panel.findChildren(LinkButton, "dormantTie")
    assert tie.text() == "Maria Gomez — quiet for 16 months"
    qtbot.waitUntil(tie.isVisible)  # a widget added to a visible layout shows on the next event loop turn
    with qtbot.waitSignal(panel.personRequested) as blocker:
        qtbot.mouseClick(tie, Qt.MouseButton.LeftButton)
    assert blocker.args == [old]


def test_opening_a_tie_from_the_overview_rebuilds_safely(qtbot, panel, session):
    old = people.add_person(session.journal, people.PersonInput("Maria Gomez"))
    for days in (500, 520):
        entries.add_exchange(
            session.journal,
            entries.ExchangeInput(
                "received", "advice", "Advice", old, date=TODAY - dt.timedelta(days=days), significance=5
            ),
        )
    panel.show_person(None)
    panel.personRequested.connect(panel.show_person)  # as the window wires it: the clicked link is rebuilt away
    [tie] = panel.findChildren(LinkButton, "dormantTie")
    qtbot.waitUntil(tie.isVisible)
    qtbot.mouseClick(tie, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.person_id() == old)
    assert panel.findChild(QLabel, "relationshipName").text() == "Maria Gomez"
    assert panel.findChild(QLabel, "patternHint").text() == "Dormant"


def test_colours_follow_the_palette(panel, session):
    panel.show_person(pid(session.journal, "Ana Silva"))
    cadence = panel.findChild(QLabel, "cadence")
    assert overdue_color(QPalette()).name() in cadence.text()
    panel.setPalette(dark_palette())
    assert overdue_color(dark_palette()).name() in cadence.text()


def test_closing_the_session_clears_the_panel(panel, session):
    panel.show_person(pid(session.journal, "Ana Silva"))
    assert any("Ana" in t for t in visible_texts(panel))
    session.detach()
    assert not [t for t in visible_texts(panel) if "Ana" in t or "Tom" in t]
    assert chart_of(panel).rows() == []
    assert panel.person_id() is None


def test_rules_are_explained_on_demand(qtbot, panel, session):
    panel.show_person(pid(session.journal, "Tom Reyes"))
    rules = panel.findChild(QLabel, "hintRules")
    assert not rules.isVisibleTo(panel)
    qtbot.mouseClick(panel.findChild(QAbstractButton, "howWorkedOut"), Qt.MouseButton.LeftButton)
    assert rules.isVisibleTo(panel)
    assert "twice" in rules.text() and "three years" in rules.text()


# -- prompts panel ----------------------------------------------------------------


@pytest.fixture
def prompts(qtbot, session) -> PromptsPanel:
    widget = PromptsPanel(session, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(360, 500)
    widget.show()
    return widget


def card_for(panel: PromptsPanel, key: str) -> PromptCard:
    [card] = [c for c in panel.cards() if c.prompt.key == key]
    return card


def click(qtbot, card: PromptCard, name: str) -> None:
    qtbot.mouseClick(card.findChild(QAbstractButton, name), Qt.MouseButton.LeftButton)


def test_prompts_for_the_day_are_listed(prompts, session):
    expected = prompting.prompts_for(session.journal, TODAY)
    assert [p.key for p in prompts.prompts()] == [p.key for p in expected]
    assert expected, "the seeded journal has a past-due loop, so at least one prompt"
    card = prompts.cards()[0]
    assert card.findChild(QLabel, "promptText").text() == expected[0].text
    assert card.findChild(QLabel, "promptReason").text() == expected[0].reason
    answer = card.findChild(QAbstractButton, "answerPromptButton")
    assert answer.accessibleName().startswith("Answer: " + " ".join(expected[0].text.split()[:3]))
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert str(TODAY.year) in prompts.findChild(QLabel, "promptsDate").text()


def test_a_prompt_about_a_person_links_to_them(qtbot, prompts, session):
    ana = pid(session.journal, "Ana Silva")
    card = next(c for c in prompts.cards() if c.prompt.person_id == ana)
    link = card.findChild(LinkButton, "promptPersonLink")
    assert link.text() == "Open Ana Silva"
    with qtbot.waitSignal(prompts.personRequested) as blocker:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert blocker.args == [ana]


def test_answering_writes_a_reflection_and_retires_the_card(qtbot, prompts, session, monkeypatch):
    prompt = prompts.prompts()[0]
    monkeypatch.setattr(prompts, "_ask_answer", lambda p: "Write to Ana today, with the spreadsheet.")
    click(qtbot, card_for(prompts, prompt.key), "answerPromptButton")
    qtbot.waitUntil(lambda: prompt.key not in [p.key for p in prompts.prompts()])
    reflection = session.journal.first(Reflection.select().where(Reflection.prompt_id == prompt.key))
    assert reflection is not None
    assert reflection.text == "Write to Ana today, with the spreadsheet."
    assert reflection.person_id == prompt.person_id


def test_return_on_a_focused_card_answers_it(qtbot, prompts, monkeypatch):
    asked = []
    monkeypatch.setattr(prompts, "_ask_answer", lambda p: asked.append(p.key))
    card = prompts.cards()[1]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asked == [card.prompt.key])


def test_answering_through_the_reflection_dialog(qtbot, prompts, session, monkeypatch):
    prompt = prompts.prompts()[0]

    def fill_and_save(dialog: ReflectionDialog) -> int:
        dialog.text_field.setPlainText("Answered in the dialog")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ReflectionDialog, "exec", fill_and_save)
    click(qtbot, card_for(prompts, prompt.key), "answerPromptButton")
    qtbot.waitUntil(lambda: prompt.key not in [p.key for p in prompts.prompts()])
    reflection = session.journal.first(Reflection.select().where(Reflection.prompt_id == prompt.key))
    assert reflection is not None and reflection.text == "Answered in the dialog"


def test_keyboard_focus_moves_to_the_next_card_after_dismissing(qtbot, prompts):
    prompts.activateWindow()
    first, second = prompts.cards()[:2]
    dismiss = first.findChild(QAbstractButton, "dismissPromptButton")
    dismiss.setFocus()
    qtbot.waitUntil(dismiss.hasFocus)
    qtbot.keyClick(dismiss, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: first.prompt.key not in [p.key for p in prompts.prompts()])
    assert prompts.cards()[0].prompt.key == second.prompt.key
    qtbot.waitUntil(lambda: prompts.cards()[0].hasFocus())  # focus follows once the card is gone (a loaded CI is slow)


@pytest.mark.parametrize("button", ["snoozePromptButton", "dismissPromptButton"])
def test_snooze_and_dismiss_hide_the_card(qtbot, prompts, session, button):
    prompt = prompts.prompts()[-1]
    click(qtbot, card_for(prompts, prompt.key), button)
    qtbot.waitUntil(lambda: prompt.key not in [p.key for p in prompts.prompts()])
    state = prompting.prompt_states(session.journal)[prompt.key]
    if button == "snoozePromptButton":
        assert state.snoozed_until == TODAY + dt.timedelta(days=7)
        assert prompt.key in [p.key for p in prompting.prompts_for(session.journal, TODAY + dt.timedelta(days=7))]
    else:
        assert state.dismissed_on == TODAY


def test_a_burst_of_changes_refreshes_once(qtbot, prompts, session, monkeypatch):
    calls = []
    real = prompting.prompts_for
    monkeypatch.setattr(
        prompting, "prompts_for", lambda journal, today=None: calls.append(today) or real(journal, today)
    )
    lee = pid(session.journal, "Lee Park")
    for n in range(10):
        entries.add_touchpoint(session.journal, lee, f"Note {n}")
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1)
    QApplication.processEvents()
    assert calls == [TODAY]


def test_empty_state_when_nothing_is_due(qtbot, prompts, session):
    for prompt in prompting.prompts_for(session.journal, TODAY):
        prompting.dismiss_prompt(session.journal, prompt.key, today=TODAY)
    empty = prompts.findChild(QLabel, "promptsEmpty")
    qtbot.waitUntil(lambda: empty.isVisibleTo(prompts))
    assert prompts.cards() == []
    assert empty.text() == "Nothing asks for your attention today."


def test_closing_the_session_clears_the_prompts(prompts, session):
    assert any("Ana" in t for t in visible_texts(prompts))
    session.detach()
    assert prompts.cards() == []
    assert not [t for t in visible_texts(prompts) if "Ana" in t]
    assert not prompts.findChildren(PromptCard)


# -- balance chart ----------------------------------------------------------------

ROWS = [("12 months", 3, 9, 1, 2), ("3 years", 4, 13, 2, 6), ("All time", 4, 13, 2, 6)]


@pytest.mark.parametrize("palette", [QPalette(), dark_palette()], ids=["light", "dark"])
def test_paint_balance_draws_both_directions(qapp, palette):
    image = QImage(300, 120, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    paint_balance(painter, QRectF(0, 0, 300, 120), ROWS, palette)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 300, 2) for y in range(0, 120, 2)}
    assert direction_color(Direction.GIVEN, palette).rgb() in colours
    assert direction_color(Direction.RECEIVED, palette).rgb() in colours


def test_balance_chart_widget_paints_and_describes_itself(qtbot):
    chart = BalanceChart()
    qtbot.addWidget(chart)
    chart.set_rows(ROWS)
    chart.resize(chart.sizeHint())
    assert chart.sizeHint().width() == 280 and chart.sizeHint().height() >= 110
    assert not chart.grab().isNull()
    description = chart.accessibleDescription()
    assert description == describe_balance(ROWS)
    assert "12 months: you gave 3 times (significance 9), you received 1 time (significance 2)." in description
    empty = QImage(100, 50, QImage.Format.Format_ARGB32)
    painter = QPainter(empty)
    paint_balance(painter, QRectF(0, 0, 100, 50), [], QPalette())  # nothing to draw is not an error
    painter.end()
