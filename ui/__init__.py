"""The Qt window: widgets only. Every action goes through `app.services`, off the GUI thread."""
