"""Adapters for the counter's devices: the ID-card reader now, the slip printer later."""
