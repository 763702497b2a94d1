"""Romanise Russian with the Library of Congress system (ALA-LC), through the ``iuliia`` package.

The project never types a romanisation by hand: every Latin form of a Russian name is made here.
``alalc`` gives the form without diacritics that English-language journals print
(``Posʹetskiĭ`` → ``Pos'etskii``); ``alalc-full`` gives the catalogue form with its diacritics.

iuliia 0.13 maps ``ё`` to the *Cyrillic* ``ё`` in its ALA-LC schema; ALA-LC romanises it as
``ë``, so :func:`romanize` fixes that and checks that no Cyrillic letter is left.
"""

from __future__ import annotations

import re

import iuliia

SYSTEMS = ("alalc", "alalc-full")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_YO = str.maketrans({"ё": "ë", "Ё": "Ë"})


def romanize(text: str, system: str = "alalc") -> str:
    """Romanise Russian ``text`` with ALA-LC (``system`` is ``alalc`` or ``alalc-full``).

    Raises :class:`ValueError` for an unknown system or if a Cyrillic letter survives.
    """
    if system not in SYSTEMS:
        raise ValueError(f"unknown romanisation system '{system}'; use one of {', '.join(SYSTEMS)}")
    schema = iuliia.ALA_LC_ALT if system == "alalc" else iuliia.ALA_LC
    if system == "alalc-full":
        text = text.translate(_YO)
    out = schema.translate(text)
    left = _CYRILLIC.findall(out)
    if left:
        raise ValueError(f"romanising {text!r} left Cyrillic letters {''.join(left)!r}")
    return out
