"""The domain: plain Python rules of the service center, free of Qt, SQL and I/O."""
