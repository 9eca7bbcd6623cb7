"""The slip printer at a counter: where it is (`target`), what state it is in (`status`), and
how a print job reaches it (`connection` and one module per kind of connection).

A job is an ESC/POS byte stream built elsewhere (`printing`); this package only carries it to
the printer and asks the printer how it is. Every failure a clerk can meet is a
`PrinterUnavailable` or a `StatusReport` whose text is a sentence in Chinese; nothing here
waits without a deadline, opens a window, or touches the database.
"""
