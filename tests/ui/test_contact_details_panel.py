"""The relationship panel's contact details: links, escaping, birthdays, and refreshing when they change."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from netjournal.domain import ContactDetail, DetailField, Entity
from netjournal.services import people
from netjournal.services.contact_details import store_details
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.ui.panels.contact_details_view import ContactDetailsView, birthday_line
from netjournal.ui.panels.relationship_panel import RelationshipPanel

TODAY = dt.date(2026, 4, 10)
ANA, TOM = 1, 2  # ids in the seeded journal
EMAIL, PHONE, WEB, LOCATION, BIRTHDAY = (DetailField(f) for f in ("email", "phone", "web", "location", "birthday"))


@pytest.fixture
def panel(qtbot, session) -> RelationshipPanel:
    widget = RelationshipPanel(session, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    return widget


def details_view(panel: RelationshipPanel) -> ContactDetailsView:
    view = panel.findChild(ContactDetailsView, "contactDetails")
    assert view is not None
    return view


def lines(panel: RelationshipPanel) -> list[QLabel]:
    """The value of each detail shown, in order."""
    found = details_view(panel).findChildren(QLabel)
    return [line for line in found if line.isVisibleTo(panel) and line.objectName().endswith("Detail")]


def captions(panel: RelationshipPanel) -> list[str]:
    found = details_view(panel).findChildren(QLabel, "detailCaption")
    return [caption.text() for caption in found if caption.isVisibleTo(panel)]


def set_details(session, person_id: int, details: list[ContactDetail]) -> None:
    record = people.get_person(session.journal, person_id)
    people.update_person(session.journal, person_id, people.PersonInput(record.name, details=details))


def test_details_show_under_the_name_with_links(qtbot, panel, session):
    set_details(session, ANA, [
        ContactDetail(EMAIL, "ana@northwind.example", "work"),
        ContactDetail(PHONE, "+351 912 345 678", "mobile"),
        ContactDetail(WEB, "https://www.linkedin.com/in/ana-silva-example", "LinkedIn"),
        ContactDetail(WEB, "ana.example/about"),
        ContactDetail(LOCATION, "Lisbon, Portugal"),
    ])  # fmt: skip
    panel.show_person(ANA)
    assert details_view(panel).isVisible()
    shown = lines(panel)
    assert [line.objectName() for line in shown] == [
        "emailDetail", "phoneDetail", "webDetail", "webDetail", "locationDetail",
    ]  # fmt: skip
    assert captions(panel) == ["work", "mobile", "LinkedIn", "Web", "Location"]  # the label, else the kind
    assert 'href="mailto:ana@northwind.example"' in shown[0].text()
    assert 'href="tel:+351912345678"' in shown[1].text()
    assert 'href="https://www.linkedin.com/in/ana-silva-example">linkedin.com/in/ana-silva-example<' in shown[2].text()
    assert 'href="https://ana.example/about"' in shown[3].text()  # no scheme typed: https
    assert "href" not in shown[4].text() and "Lisbon, Portugal" in shown[4].text()
    assert shown[0].accessibleName() == "Email, work: ana@northwind.example"
    assert not shown[0].openExternalLinks()  # opened through QDesktopServices by linkActivated


def test_values_are_shown_literally_never_as_markup(qtbot, panel, session):
    # Stored as they are, past today's checks (which refuse such an email): as a journal or an
    # export written before those checks may hold them.
    with session.journal.write():
        store_details(session.journal, ANA, [
            ContactDetail(EMAIL, "<b>x</b>@example.com", "<i>home</i>"),
            ContactDetail(WEB, "javascript:alert(1)"),
            ContactDetail(WEB, 'https://example.com/"><img src=x>'),
        ])  # fmt: skip
    panel.show_person(ANA)
    email, script, quoted = lines(panel)
    assert "&lt;b&gt;x&lt;/b&gt;@example.com" in email.text() and "<b>" not in email.text()
    assert captions(panel)[0] == "<i>home</i>"  # a caption is plain text
    assert "<b>x</b>@example.com" in email.accessibleName()  # what is read out is what was typed
    assert "href" not in script.text()  # only mailto:, tel: and http(s) become links
    assert "<img" not in quoted.text() and '"><' not in quoted.text()


def test_an_email_link_carries_the_address_and_nothing_else(qtbot, panel, session):
    """Found in review: "?attach=…" in an email made a mailto: link that some mail programs obey."""
    from netjournal.ui.panels.contact_details_view import detail_url

    url = detail_url(ContactDetail(EMAIL, "eve@evil.example?attach=/home/user/.ssh/id_rsa"))
    assert url is not None and url.scheme() == "mailto" and not url.hasQuery()


def test_a_birthday_reads_as_a_date_with_age_and_a_reminder(qtbot, panel, session):
    assert birthday_line("1985-04-15", TODAY) == "15 April 1985 (40) · in 5 days"
    assert birthday_line("--04-10", TODAY) == "10 April · today"
    assert birthday_line("--04-11", TODAY) == "11 April · tomorrow"
    assert birthday_line("--05-30", TODAY) == "30 May"  # more than two weeks off: no reminder
    assert birthday_line("1990-01-02", TODAY) == "2 January 1990 (36)"
    set_details(session, ANA, [ContactDetail(BIRTHDAY, "1985-04-15")])
    panel.show_person(ANA)
    (line,) = lines(panel)
    assert "15 April 1985 (40) · in 5 days" in line.text() and captions(panel) == ["Birthday"]


def test_nothing_is_shown_without_details(panel):
    panel.show_person(TOM)
    assert not details_view(panel).isVisible() and lines(panel) == []


def test_an_edit_of_the_person_refreshes_the_details(qtbot, panel, session):
    panel.show_person(ANA)
    set_details(session, ANA, [ContactDetail(EMAIL, "ana@harbor.example")])  # an Entity.PERSON change
    qtbot.waitUntil(lambda: [line.objectName() for line in lines(panel)] == ["emailDetail"])
    assert "ana@harbor.example" in lines(panel)[0].text()


def test_a_change_of_details_alone_refreshes_them_too(qtbot, panel, session):
    panel.show_person(ANA)
    journal = session.journal
    with journal.write() as changes:  # as a bulk edit of details might: saying neither whose nor which person
        store_details(journal, ANA, [ContactDetail(PHONE, "+1 555-0142")])
        changes.append(JournalChange(Entity.CONTACT_DETAIL, ChangeAction.UPDATED, ()))
    qtbot.waitUntil(lambda: [line.objectName() for line in lines(panel)] == ["phoneDetail"])
    with journal.write() as changes:
        store_details(journal, ANA, [])
        changes.append(JournalChange(Entity.CONTACT_DETAIL, ChangeAction.DELETED, (1,), (ANA,)))
    qtbot.waitUntil(lambda: not details_view(panel).isVisible())


def test_closing_the_session_forgets_the_details(panel, session):
    set_details(session, ANA, [ContactDetail(EMAIL, "ana@northwind.example")])
    panel.show_person(ANA)
    session.detach()
    assert not any("northwind" in line.text() for line in details_view(panel).findChildren(QLabel))
