"""This counter's slip printer: how it is reached, paper, raster mode, status queries, seal.

Anyone who prints may ask the printer's status and print a test page with what the form
holds, before saving; saving is for the administrator (the service checks).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.devices.printer.status import StatusReport
from app.domain.roles import Actor, Permission
from app.services.print_results import PrinterSetup, PrintOutcome
from ui.labels import fill
from ui.messages import render
from ui.operations import Operations
from ui.printer_dialog import PrinterDialog
from ui.tr_marks import QT_TRANSLATE_NOOP

#: How a printer is reached: the setting's prefix, its title, and an example address.
CONNECTIONS = (
    ("simulator", QT_TRANSLATE_NOOP("PrinterSettingsDialog", "模拟打印机（演示）"), ""),
    ("tcp", QT_TRANSLATE_NOOP("PrinterSettingsDialog", "网络打印机"), "192.168.1.50:9100"),
    ("usb", QT_TRANSLATE_NOOP("PrinterSettingsDialog", "USB 打印机"), "0416:5011"),
    ("serial", QT_TRANSLATE_NOOP("PrinterSettingsDialog", "串口打印机"), "/dev/ttyUSB0:9600"),
    ("file", QT_TRANSLATE_NOOP("PrinterSettingsDialog", "设备文件"), "/dev/usb/lp0"),
)


class PrinterSettingsDialog(PrinterDialog):
    """Emits `saved` after the setup has been saved."""

    saved = Signal()

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, printer_operations, actor, "printer_settings", parent)
        self.setWindowTitle(self.tr("打印机设置"))
        self.connection = QComboBox()
        self.connection.setObjectName("connection")
        for prefix, title, _ in CONNECTIONS:
            self.connection.addItem(self.tr(title), prefix)
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem(self.tr("80 毫米"), 80)
        self.paper.addItem(self.tr("58 毫米"), 58)
        self.raster = QCheckBox(self.tr("以图像方式打印（打印机没有中文字库时选用）"))
        self.raster.setObjectName("raster")
        self.reports_status = QCheckBox(self.tr("打印前查询打印机状态"))
        self.reports_status.setObjectName("reports_status")
        self.print_after_intake = QCheckBox(self.tr("登记办件后自动打印凭条"))
        self.print_after_intake.setObjectName("print_after_intake")
        self.seal = QLineEdit()
        self.seal.setObjectName("seal_image")
        self.seal.setPlaceholderText(self.tr("留空则印“样章”"))
        choose_seal = QPushButton(self.tr("选择…"))
        choose_seal.clicked.connect(self._choose_seal)
        self.status_button = QPushButton(self.tr("查询状态"))
        self.status_button.setObjectName("query_status")
        self.test_button = QPushButton(self.tr("打印测试页"))
        self.test_button.setObjectName("test_page")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal, 1)
        seal_row.addWidget(choose_seal)
        form = QFormLayout()
        form.addRow(self.tr("连接方式(&C)"), self.connection)
        form.addRow(self.tr("地址(&D)"), self.address)
        form.addRow(self.tr("纸宽(&W)"), self.paper)
        form.addRow("", self.raster)
        form.addRow("", self.reports_status)
        form.addRow("", self.print_after_intake)
        form.addRow(self.tr("印章图片"), seal_row)
        buttons = QHBoxLayout()
        for button in (self.status_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.connection.currentIndexChanged.connect(self._connection_chosen)
        self.status_button.clicked.connect(self.query_status)
        self.test_button.clicked.connect(self.print_test_page)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        if not actor.can(Permission.CONFIGURE_TERMINAL):
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("只有系统管理员可以修改打印机设置"))
        self.show_setup(services.printing.setup())
        self.resize(620, 0)

    def show_setup(self, setup: PrinterSetup) -> None:
        prefix, _, address = setup.printer.partition(":")
        self.connection.setCurrentIndex(max(self.connection.findData(prefix), 0))
        self._connection_chosen()
        self.address.setText(address)
        self.paper.setCurrentIndex(self.paper.findData(setup.paper_mm))
        self.raster.setChecked(setup.raster)
        self.reports_status.setChecked(setup.reports_status)
        self.print_after_intake.setChecked(setup.print_after_intake)
        self.seal.setText(setup.seal_image)

    def setup(self) -> PrinterSetup:
        """What the form holds, whether or not it names a printer (the service checks)."""
        prefix = self.connection.currentData()
        address = self.address.text().strip()
        return PrinterSetup(
            printer=f"{prefix}:{address}" if prefix != "simulator" else prefix,
            paper_mm=self.paper.currentData(),
            raster=self.raster.isChecked(),
            reports_status=self.reports_status.isChecked(),
            print_after_intake=self.print_after_intake.isChecked(),
            seal_image=self.seal.text().strip(),
        )

    def _connection_chosen(self) -> None:
        example = CONNECTIONS[self.connection.currentIndex()][2]
        self.address.setEnabled(bool(example))
        self.address.setPlaceholderText(fill(self.tr("例如 %1"), example) if example else "")
        if not example:
            self.address.clear()

    def _choose_seal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择印章图片"), self.seal.text(), self.tr("PNG 图片 (*.png)")
        )
        if path:
            self.seal.setText(path)

    # ---- trying and saving ----------------------------------------------------------

    def query_status(self) -> None:
        options = self.setup().options
        self._say(self.tr("正在查询打印机状态……"), error=False)
        self._work.run(
            lambda: self._services.printing.printer_status(options), self._reported, self._fail
        )

    def _reported(self, report: StatusReport) -> None:
        self._say(render(report.message), error=not report.may_print)

    def print_test_page(self) -> None:
        actor, options = self._actor, self.setup().options
        self._say(self.tr("正在打印测试页……"), error=False)
        self._work.run(
            lambda: self._services.printing.test_page(actor, options),
            self._test_printed,
            self._fail,
        )

    def _test_printed(self, outcome: PrintOutcome) -> None:
        self._say(render(outcome.message), error=not outcome.printed)

    def save(self) -> None:
        actor, setup = self._actor, self.setup()
        self._work.run(
            lambda: self._services.printing.configure(actor, setup), self._saved, self._fail
        )

    def _saved(self, _: None) -> None:
        self._say(self.tr("打印机设置已保存。"), error=False)
        self.saved.emit()
