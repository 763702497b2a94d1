"""Tables for readers: Markdown that reads the same in JupyterLab and on the site."""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import Markdown, display

from helpers.values import is_missing


def _cell(value: Any) -> str:
    if is_missing(value):
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(frame: pd.DataFrame, index: bool = False) -> str:
    """``frame`` as a GitHub-flavoured Markdown table (pipes escaped, nothing truncated)."""
    table = frame.reset_index() if index else frame
    header = "| " + " | ".join(_cell(c) for c in table.columns) + " |"
    rule = "|" + "|".join("---" for _ in table.columns) + "|"
    rows = [
        "| " + " | ".join(_cell(v) for v in row) + " |" for row in table.itertuples(index=False)
    ]
    return "\n".join([header, rule, *rows])


def show(frame: pd.DataFrame, index: bool = False) -> None:
    """Display ``frame`` as a Markdown table."""
    display(Markdown(markdown(frame, index=index)))
