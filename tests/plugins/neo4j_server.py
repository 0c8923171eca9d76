"""Fixtures for neo4j_server tests (filled in by its owner)."""
