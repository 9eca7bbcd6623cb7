"""The window's language: our translation and Qt's own, installed and switched at run time.

Chinese is the source language of our texts, so Chinese needs only Qt's translation (standard
buttons, file dialogs); English loads ours and Qt's English. Installing a translator makes Qt
send LanguageChange to every widget; the counter window is then built again in the new
language (`Session.switch_language`), and dialogs that stay open retranslate themselves.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir

log = logging.getLogger(__name__)
#: The object name of the translators installed here, so that a switch removes exactly them.
TRANSLATOR = "onewindow-translator"


def install_translation(app: QApplication, language: str) -> None:
    """Replace the translators installed before by those of `language` (zh_CN or en)."""
    for old in app.findChildren(QTranslator, TRANSLATOR):
        app.removeTranslator(old)
        old.deleteLater()
    chinese = language.startswith("zh")
    locale = (
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if chinese
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files = [(qt_folder, f"qtbase_{'zh_CN' if chinese else 'en'}.qm")]
    if not chinese:
        files.append((str(resources_dir() / "translations"), f"onewindow_{language}.qm"))
    for folder, name in files:
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR)
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            log.warning("no translation %s in %s", name, folder)
