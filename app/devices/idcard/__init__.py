"""The resident ID card and the residence cards read like it, spoken to through a SAM reader.

Pure parts only: frames in and out (`frame`), what the reader's status bytes mean (`status`),
the card's text record (`layouts`, `records`, `ethnicity`), the photo hook (`photo`) and the
fictional cards the simulator and the tests read (`virtual_cards`). Transports (PC/SC,
serial, simulator) build on these; nothing here opens a device, a thread or a window.
"""
