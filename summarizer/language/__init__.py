"""The language profile: every word list and pattern the text heuristics use, in one place.

Logic modules (names, quantities, temporal, claims, merge) take a ``LanguageProfile`` and never
hold a word list of their own. English ships as ``ENGLISH``; another language is another
instance of the same class. One site's page furniture ("starAdd to favorites", "Please
Wait...") is no language's: it is a ``PageFurniture`` (``FURNITURE``).

The rules are built so that they still hold when a list misses a word: a title the list does
not know is still recognised as a title when another mention of the same person shows it in
front of a given name, or when the text writes it in lower case ("the commissioner"); a
number word the list lacks is just not read as a number. The lists make the rules sharper;
they are not what the rules rest on.

``profile``: the class, its lists grouped by what reads them; ``english``: the English lists;
``furniture``: page furniture.
"""

from __future__ import annotations

from .english import ENGLISH
from .furniture import FURNITURE, PageFurniture
from .profile import LanguageProfile

__all__ = ["ENGLISH", "FURNITURE", "LanguageProfile", "PageFurniture"]
