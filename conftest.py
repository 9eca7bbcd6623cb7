"""Root conftest: marks the repository root so that `import app` works in every test."""
