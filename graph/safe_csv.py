"""CSV cells a spreadsheet shows as text: the OWASP rule against formula (CSV) injection.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets; an article title such as `=HYPERLINK(…)` would run when a
researcher opens the file. Every CSV polgraph writes passes its cells through `csv_safe`.
No import beyond the standard library, so the command line can use it without pandas.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: text that begins with =, +, -, @, a tab or a
    carriage return gets a leading single quote. Numbers, dates and everything else pass
    unchanged, so -4.0 stays a number."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
