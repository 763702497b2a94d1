"""What every checker shares: the message for an empty starter, the check of an answer's shape."""

from __future__ import annotations

from typing import Any

NOT_ANSWERED = "Not answered yet: "


def needs_keys(answer: Any, keys: tuple[str, ...], example: str) -> str | None:
    """A message if ``answer`` is None or not a dict with ``keys``; None if the shape is right."""
    if answer is None:
        return f"{NOT_ANSWERED}set `answer` to a dict like {example}."
    if not isinstance(answer, dict):
        return f"Expected a dict like {example}, got {type(answer).__name__}."
    missing = [k for k in keys if k not in answer]
    if missing:
        return f"The dict lacks {', '.join(repr(k) for k in missing)}; expected e.g. {example}."
    return None
