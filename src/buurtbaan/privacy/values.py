"""How the export parts of every app write values, so the JSON reads the same everywhere."""


def when(value) -> str | None:
    """A date or datetime as ISO 8601, or None."""
    return value.isoformat() if value else None


def number(value) -> str | None:
    """A decimal as a string (exact, unlike a float), or None."""
    return None if value is None else str(value)
