"""OneWindow: the counter, kiosk and chief-representative desk of a government service center."""
