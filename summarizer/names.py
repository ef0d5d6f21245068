"""Person names: titles, surnames, and when two names are the same person.

Pure string logic shared by grounding (is the claimed speaker the one the text names?),
extraction post-processing (split "NATO Secretary-General Mark Rutte" into role + name) and
the merge (Zelensky = Zelenskyy, Donald Trump != Donald Trump Jr.).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "general", "secretary-general", "mr", "mrs", "ms",
    "dr", "us", "u.s.", "u.s", "former", "senator", "chancellor", "king", "queen", "the", "state", "leader",
    "foreign", "ukrainian", "russian", "american", "french", "german", "british", "italian", "polish", "spanish",
    "nato", "uk", "eu", "of", "defense", "defence", "russia's", "ukraine's", "america's", "pope", "sir", "lord",
    "chair", "chairman", "spokesperson", "spokesman", "ambassador", "governor", "mayor", "envoy", "special",
    "deputy", "chief", "commander", "general's", "european", "commission", "head", "premier",
    "ukraine", "russia", "france", "germany", "britain", "china", "israel", "iran", "nato's", "kremlin",
}  # fmt: skip
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {"de", "van", "der", "von", "la", "le", "da", "del", "bin", "al", "ibn", "di", "du"}
_SURNAME_MIN = 85.0


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").casefold()


def _is_initial(tok: str) -> bool:
    return bool(re.fullmatch(r"\w\.", tok))


def parse_name(name: str) -> tuple[list[str], str | None]:
    """'Ukrainian President Volodymyr Zelenskyy' -> (['volodymyr', 'zelenskyy'], None)."""
    toks = [t.strip(",") for t in _fold(name).replace("-", " ").split()]
    suffix = next((t.rstrip(".") for t in toks if t in SUFFIXES), None)
    core = [t for t in toks if t not in SUFFIXES and t not in TITLE_WORDS and not _is_initial(t) and t.strip(".")]
    return core, suffix


def split_title(name: str) -> tuple[str | None, str]:
    """'NATO Secretary-General Mark Rutte' -> ('NATO Secretary-General', 'Mark Rutte')."""
    words = name.split()
    cut = 0
    for i, w in enumerate(words[:-1]):
        folded = _fold(w).strip(",")
        parts = folded.replace("-", " ").split()
        if all(p in TITLE_WORDS or _is_initial(p) for p in parts):
            cut = i + 1
        else:
            break
    if cut == 0:
        return None, name.strip()
    return " ".join(words[:cut]).strip(" ,"), " ".join(words[cut:]).strip()


def looks_like_name(name: str) -> bool:
    """Capitalised words (particles aside): 'Mark Rutte' yes, 'U. S. Air Force plane' no."""
    _, bare = split_title(name)
    words = re.findall(r"[\w'’.-]+", bare)
    if not words or len(words) > 5:
        return False
    return all(w[0].isupper() or w.casefold() in _PARTICLES for w in words if w[0].isalpha())


def looks_like_role(role: str) -> bool:
    """'US Vice President' yes; 'Attending the 61st Munich Security Conference' no."""
    words = role.split()
    return 0 < len(words) <= 8 and not re.search(r"(ing|ed)$", words[0].casefold())


def surname_match(a: str, b: str) -> bool:
    """Two (folded) surnames within spelling variance: Zelensky / Zelenskyy."""
    return _surname_match(a, b)


def _surname_match(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= _SURNAME_MIN)


def same_surname(a: str, b: str) -> bool:
    """Loose: could ``a`` and ``b`` be the same person? (for checking a quote's speaker)"""
    ta, _ = parse_name(a)
    tb, _ = parse_name(b)
    if not ta or not tb:
        return False
    return any(_surname_match(ta[-1], y) for y in tb) or any(_surname_match(tb[-1], x) for x in ta)


def same_person(a: str, b: str) -> bool:
    """Strict: same surname (fuzzy), no conflicting given name, same generational suffix."""
    ta, sa = parse_name(a)
    tb, sb = parse_name(b)
    if not ta or not tb or sa != sb or not _surname_match(ta[-1], tb[-1]):
        return False
    if len(ta) > 1 and len(tb) > 1:
        fa, fb = ta[0], tb[0]
        if not (fa == fb or (min(len(fa), len(fb)) <= 2 and fa[0] == fb[0]) or fuzz.ratio(fa, fb) >= 85):
            return False
    return True


def surname_key(name: str) -> str | None:
    """A blocking key: the first letters of the surname."""
    core, _ = parse_name(name)
    return core[-1][:4] if core else None
