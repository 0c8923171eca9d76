"""The project's exceptions: expected failures a user can act on, never tracebacks."""

from __future__ import annotations


class PolgraphError(Exception):
    """Root of every expected polgraph failure; the CLI prints it as one line."""


class InputError(PolgraphError):
    """An input file or record could not be read as an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(PolgraphError):
    """The requested spaCy pipeline is not installed or cannot be loaded."""


class ConfigError(PolgraphError):
    """A settings value, dictionary file or option is invalid."""
