"""Fixtures for browser tests (filled in by its owner)."""
