"""Services: every action of the application, each in one transaction, each permission-checked."""
