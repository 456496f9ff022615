"""Help → About netjournal: the version, where journals live, and the parts it is built from with their licences."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netjournal import __version__
from netjournal.components import COMPONENTS, Component, shipped_licences


def _version_of(component: Component) -> str:
    if component.name == "Qt 6":
        return qVersion()
    if component.name == "Python":
        return platform.python_version()
    return component.version()


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path, journal: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About netjournal"))
        self.setAccessibleName(self.windowTitle())

        heading = QLabel(self.tr("netjournal {0}").format(__version__), self)
        heading.setObjectName("aboutVersion")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        summary = QLabel(
            self.tr(
                "A private, offline journal of what moves between you and the people you know. Everything "
                "lives in one encrypted file under your passphrase; nothing is sent anywhere."
            ),
            self,
        )
        summary.setWordWrap(True)
        places = [self.tr("New journals go in your data folder: {0}").format(data_folder)]
        if journal is not None:
            places.append(self.tr("This journal: {0}").format(journal))
        self.places = QLabel("\n".join(places), self)
        self.places.setObjectName("aboutDataFolder")
        self.places.setAccessibleName(self.tr("Where journals are kept"))
        self.places.setWordWrap(True)
        self.places.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(len(COMPONENTS), 3, self)
        self.table.setObjectName("componentTable")
        self.table.setAccessibleName(self.tr("Components and their licences"))
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        for row, component in enumerate(COMPONENTS):
            licence = component.licence
            if component.part_of:
                licence = self.tr("{0}, inside {1}").format(licence, component.part_of)
            for column, text in enumerate((component.name, _version_of(component), licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        texts = shipped_licences()
        self.licences = QPlainTextEdit(self)
        self.licences.setObjectName("licenceTexts")
        self.licences.setAccessibleName(self.tr("Licence texts"))
        self.licences.setReadOnly(True)
        self.licences.setPlainText(
            texts
            if texts is not None
            else self.tr(
                "Running from source: each package's licence is in its own folder of the Python environment "
                "(its .dist-info). The installed application carries them all in one file, shown here."
            )
        )
        tabs = QTabWidget(self)
        tabs.setObjectName("aboutTabs")
        tabs.addTab(self.table, self.tr("&Components"))
        tabs.addTab(self.licences, self.tr("&Licence texts"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.places)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
