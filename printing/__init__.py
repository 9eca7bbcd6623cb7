"""Slips for the thermal printer and the written notices as PDF, laid out from a case's facts."""
