"""People, quotes, organisations and places of one article's record: the model's people kept
as the text writes them and where it names them, code's speakers added, each quote's speaker
as the text bears it out, and places and organisations as the names' types say."""

from __future__ import annotations

import re
from collections import Counter

from ..inputs.articles import Article, body_spans, paragraphs
from ..language import ENGLISH, LanguageProfile
from ..reading.entities import Named
from ..reading.grounding import (
    Document,
    find_all,
    find_mentions,
    normalize,
)
from ..reading.liveblog import find_turns
from ..reading.names import (
    fold,
    looks_like_name,
    looks_like_role,
    same_person,
    split_title,
    used_as_place_or_thing,
)
from ..reading.notnews import caption_words, screen
from ..reading.quotes import FoundQuote, Quotations, find_quotes, verify_speaker
from ..reading.text import content_id
from ..schemas import (
    ArticleExtraction,
    GroundingReport,
    Person,
    Quote,
    Span,
)


def dedupe(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen[key] = item.strip()
    return list(seen.values())


MAX_ENTITIES = 25  # organisations, and places, listed per article


def not_a_person(name: str, named: list[Named], profile: LanguageProfile = ENGLISH) -> bool:
    """Does code type ``name`` -- or a name that holds it, or that it holds -- as an
    organisation or a place ("Geophysical Survey" of "Calveran Geophysical Survey")?"""
    key = fold(name)
    if key.split()[-1] in profile.organisation_words | profile.place_words:
        return True  # no person's name ends in "Survey" or "Street"
    others = [fold(x) for n in named if n.kind in ("organisation", "place") for x in (n.name, *n.aliases)]
    return any(key == o or (len(o) > 3 and (key in o or o in key)) for o in others)


def _person_names(model_people: list[str], named: list[Named], news: str, profile: LanguageProfile) -> list[str]:
    """Who the record lists as people: the model's names that the news lines write (not only
    a byline or a photo credit), with no figure in them, that code does not type as an
    organisation or a place ("Aurelia Air", "Safety Board", "Geophysical Survey") and, for a
    single word, that code types as a person; then the persons code found that the model did
    not list."""
    typed = {fold(x): n.kind for n in named for x in (n.name, *n.aliases)}
    kept = []
    for written in model_people:
        name = re.sub(r"\s*\([^()]*\)", "", written).strip()
        key = fold(name)
        if not name or re.search(r"\d", name) or fold(name.split()[-1]) not in fold(news):
            continue
        if not_a_person(name, named, profile):
            continue
        if len(name.split()) == 1 and typed.get(key) != "person":
            continue
        kept.append(written)
    return kept + [n.name for n in named if n.kind == "person" and not any(same_person(n.name, p, profile) for p in kept)]


def _people(
    article: Article, names: list[str], doc: Document, lower: set[str], taken: set[str], profile: LanguageProfile
) -> list[Person]:
    """The model's people, checked against the text: a name the article writes, not a place,
    an organisation or a common noun; the role by code (the title in front of the name, or an
    apposition: "Jim Okafor, the bank's governor,")."""
    lower_stems = {profile.stem(w) for w in lower}
    people: list[Person] = []
    for written in names:
        written = re.sub(r"\s*\([^()]*\)", "", written).strip()  # "Brennmark Rail (BNR)": the aside is no part of a name
        title, name = split_title(written, profile, titles=lower)
        if not looks_like_name(name, profile) or any(
            same_person(name, q.name, profile) and len(name) <= len(q.name) for q in people
        ):
            continue  # not a person's name ("U. S. Air Force plane"), or already listed
        if len(name.split()) == 1 and title and _only_behind(article.raw, name, title, profile):
            continue  # "Storm Idra", "Brennmark National Rail": the end of a longer name, not a person
        if used_as_place_or_thing(name, article.raw, profile):
            continue  # the article treats it as an organisation or a place ("the Citadel,", "in Varnel")
        if all(w in lower or profile.stem(w) in lower_stems for w in fold(name).split()):
            continue  # every word of it is a common noun in this text ("Firefighters"): not a name
        spans = _whole_words(doc.text, find_all(doc, written.strip(), limit=10)[0])
        if not spans:
            spans = _whole_words(doc.text, find_all(doc, name, limit=10)[0])
        if not spans and (spelled := _as_written(article.raw, name, lower, profile)):
            name = spelled  # the model's "Mykola Dorenko": the article's spelling
            if any(same_person(name, q.name, profile) for q in people):
                continue
            spans = _whole_words(doc.text, find_all(doc, name, limit=10)[0])
        if not spans:
            # only the surname appears
            spans = [Span(start=m.start, end=m.end, status="fuzzy", score=90) for m in find_mentions(doc, [name])][:10]
        if not spans:
            continue  # a "person" the article never names
        role = title if title and find_all(doc, title, limit=1)[0] else _role_in_text(article.raw, spans, lower, profile)
        people.append(Person(id=content_id("p", article.id, normalize(name), taken=taken), name=name, role=role, evidence=spans))
    return people


def _only_behind(text: str, word: str, title: str, profile: LanguageProfile) -> bool:
    """Is ``word`` written only right behind the last word of ``title``, a word that is no
    title the profile knows and no abbreviation? ("Storm Idra" throughout: yes; "President
    Macron", "Mr. Berg" or a "Varga said" anywhere: no.)"""
    last = title.split()[-1]
    if fold(last) in profile.title_words or last.endswith("."):
        return False
    mentions = list(re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
    return bool(mentions) and all(re.search(rf"{re.escape(last)}\s+$", text[max(0, m.start() - 60) : m.start()]) for m in mentions)


def _whole_words(text: str, spans: list[Span]) -> list[Span]:
    """Matches that are whole words: "Mykola Dorenko" is not written in "... Dorenkko"."""
    return [
        s for s in spans
        if not (s.start > 0 and text[s.start - 1].isalnum()) and not (s.end < len(text) and text[s.end].isalnum())
    ]  # fmt: skip


def _as_written(text: str, name: str, lower: set[str], profile: LanguageProfile) -> str | None:
    """How the article writes a name the model spelled its own way: the most frequent run of
    capitalised words in the text, title taken off, that is the same person with as many
    words or more ("Mykola Dorenko" -> "Mykola Dorenkko")."""
    wanted = len(name.split())
    forms: Counter[str] = Counter()
    for m in _patterns(profile)["capitalised"].finditer(text):
        form = split_title(m.group(0), profile, titles=lower)[1]
        if len(form.split()) >= wanted and looks_like_name(form, profile) and same_person(name, form, profile):
            forms[form] += 1
    return forms.most_common(1)[0][0] if forms else None


_WORD_CAP = r"[A-Z](?:[\w'\u2019&-]|\.(?=[A-Z]))*"  # "Varnel", "U.S" -- a full stop only inside an abbreviation
_POSSESSOR = r"[A-Z][\w.]*['\u2019]s"  # "Estmark's", "NATO's"
_WORD = r"[\w'\u2019-]+"


def _patterns(profile: LanguageProfile) -> dict[str, re.Pattern[str]]:
    """The profile's words in the patterns of this module, compiled once per profile."""
    return profile.compiled("extraction.people", _compile)


def _compile(profile: LanguageProfile) -> dict[str, re.Pattern[str]]:
    alt = lambda words: "|".join(map(re.escape, words))  # noqa: E731
    the, of = alt(profile.definite_articles), alt(profile.role_connectors)
    articles = alt(profile.definite_articles + profile.indefinite_articles)
    any_case_the = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in profile.definite_articles)
    return {
        # ", the bank's governor," right after a name
        "after": re.compile(rf"^,\s+((?:{articles}|{_POSSESSOR})\s[^,.;:\n]{{2,60}}?),"),
        # "the chair, Tomas Lind," / "the head of the bank, Jim Okafor,": right before a name
        "before": re.compile(
            rf"(?:^|[,;:.]\s|\b\w+\s)((?:{any_case_the}|{_POSSESSOR})\s"
            rf"(?:(?!(?:{articles})\b){_WORD}\s(?:(?:{of})\s(?:(?:{the})\s)?)?){{0,3}}{_WORD}),\s*$"
        ),
        # a run of capitalised words, joiners inside ("Bank of Estmark")
        "capitalised": re.compile(rf"{_WORD_CAP}(?:\s+(?:(?:{alt(profile.name_joiners)})\s+)?{_WORD_CAP})*"),
    }


def _role_in_text(text: str, spans: list[Span], lower: set[str], profile: LanguageProfile) -> str | None:
    """A role the text gives a name: the capitalised words right before a mention when a title
    is among them ("NATO Secretary-General Mark Ellery", "Ostravian President ..."; a title being
    a profile word, an abbreviation, or a word the text also writes in lower case), or an
    apposition after it ("Jim Okafor, the bank's governor,")."""
    apposition = _patterns(profile)
    for s in spans:
        before = text[max(0, s.start - 60) : s.start].split("\n")[-1].split()
        run: list[str] = []
        for w in reversed(before[-6:]):
            connector = w in profile.title_connectors and run  # "Secretary of State"
            if w != w.strip(",;:") or not (connector or (w[:1].isupper() and w.casefold() not in profile.stop_words)):
                break
            run.insert(0, w)
        while run and run[0] in profile.title_connectors:
            run.pop(0)
        while run:
            title, _ = split_title(" ".join([*run, "X"]), profile, titles=lower)
            if title == " ".join(run) and looks_like_role(title, profile):
                return title
            run.pop(0)  # "Ostravia President" is a role, "Monday Quennell" is not: drop words from the left
        m = apposition["after"].match(text[s.end : s.end + 80])
        if m and len(m.group(1).split()) <= 6:
            return m.group(1)
        m = apposition["before"].search(text[max(0, s.start - 60) : s.start])
        if m and text[s.end : s.end + 1] == ",":  # "the chair, Tomas Lind, spoke"
            return m.group(1)
    return None


def _quotes(
    article: Article, found: list[FoundQuote], ex: ArticleExtraction, people: list[Person], taken: set[str],
    report: GroundingReport, profile: LanguageProfile,
) -> list[Quote]:
    """Quotes found by code; speakers by code where the text settles them, else the model's
    answer for that quote id: verified when the text names that speaker near the words, shown
    unverified when the article names them elsewhere, and "unknown" when it never does."""
    answers = {a.quote.strip().upper(): a.speaker.strip() for a in ex.speakers}
    names = [p.name for p in people]
    out: list[Quote] = []
    for q in found:
        if q.kind != "quote":
            continue
        speaker, status, asked = q.speaker, "verified", None
        if q.rule == "unsure":  # a name two people of the article share, no honorific to tell them apart
            speaker, status = "unknown", "unverified"
        elif speaker is None:
            asked = answers.get(q.id)
            if asked and verify_speaker(article.raw, q, asked, names, profile):
                speaker = asked
            elif asked and (any(same_person(asked, n, profile) for n in names) or normalize(asked) in normalize(article.raw)):
                # the article names them, but not near these words
                speaker, status = asked, "unverified"
            else:  # no answer, or a name the article never writes
                speaker, status = "unknown", "unverified"
        full = next((n for n in names if same_person(speaker, n, profile)), speaker)  # "Quennell" -> "Ada Quennell"
        spans = [Span(start=a, end=b, status="exact", score=100) for a, b in q.segments]
        again = next((o for o in out if normalize(o.text) == normalize(q.text) and o.speaker == full), None)
        if again is not None:  # the same words by the same speaker, repeated: one quote, every place
            again.evidence += spans
            continue
        out.append(
            Quote(
                id=content_id("q", article.id, normalize(q.text), taken=taken),
                speaker=full,
                text=q.text,
                speaker_status=status,
                speaker_attributed_to=q.speaker or (speaker if status == "verified" else None),
                evidence=spans,
            )
        )
        report.quotes_direct += 1
        report.speakers_verified += status == "verified"
        report.speakers_unverified += status != "verified"
    return out


def _new_speakers(quotes: list[Quote], people: list[Person], profile: LanguageProfile) -> list[str]:
    """Persons the text names as speakers whom the model did not list."""
    out: list[str] = []
    for q in quotes:
        name = q.speaker_attributed_to
        if q.speaker_status != "verified" or not name or len(name.split()) < 2:
            continue
        if not any(same_person(name, p.name, profile) for p in people) and name not in out:
            out.append(name)
    return out


def named_in(spans: list[Span], mentions) -> list[str]:
    """The people a statement's evidence names (an event's participants, by code)."""
    if not spans:
        return []
    s = spans[0]
    return dedupe([m.name for m in mentions if s.start <= m.start < s.end])


_FURNITURE = ("byline", "credit", "caption", "trailer", "link", "embed")


def news_lines(article: Article, profile: LanguageProfile = ENGLISH) -> tuple[list[tuple[int, int]], str]:
    """Where the article names people, organisations and places -- its headline, body and
    captions without their credits; not its bylines, credits, datelines, trailers or headers
    -- and the text of its page furniture (bylines, credits, trailers, links), where the
    publisher names itself."""
    lines = paragraphs(article)
    screened = screen(article.raw, lines, title=article.title_hint, profile=profile)
    title = [(a, b) for a, b in lines[:1] if article.title_hint and article.raw[a:b].strip() == article.title_hint.strip()]
    furniture = [n for n in screened.set_aside if n.reason in _FURNITURE]
    captions = [(n.start, n.start + caption_words(n.text, profile)) for n in furniture if n.reason in ("caption", "credit")]
    credits = " ".join(
        n.text[caption_words(n.text, profile) :] if n.reason in ("caption", "credit") else n.text for n in furniture
    )
    return sorted(title + screened.body + captions), credits


def places_and_organisations(
    named: list[Named], people: list[Person], furniture: str, profile: LanguageProfile = ENGLISH
) -> tuple[list[str], list[str]]:
    """Places and organisations as the names' types say; a person is never one, nor the
    publisher, which names itself in the page's furniture ("told the Post" in a page that
    ends "Sign up for The Capital Post's newsletter")."""
    is_person = lambda n: any(same_person(n, p.name, profile) for p in people)  # noqa: E731
    own = lambda n: bool(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", furniture, re.IGNORECASE))  # noqa: E731
    places = [n.label for n in named if n.kind == "place" and not is_person(n.name)]
    orgs = [n.label for n in named if n.kind == "organisation" and not is_person(n.name) and not own(n.name)]
    return places[:MAX_ENTITIES], orgs[:MAX_ENTITIES]


def people_and_quotes(
    article: Article,
    ex: ArticleExtraction,
    doc: Document,
    named: list[Named],
    news: str,
    lower: set[str],
    quotes: Quotations | list[FoundQuote] | None,
    taken: set[str],
    report: GroundingReport,
    profile: LanguageProfile = ENGLISH,
) -> tuple[list[Person], list[Quote], list[list[Span]]]:
    """The article's people (the model's, as the text writes them, and every speaker code found
    whom the model did not list), its quotes with their speakers, and the evidence of both.
    ``news``: the text of the lines that name people (``news_lines``); ``quotes``: the
    quotations read before the request, settled here knowing the people (``Quotations``), or
    quotes taken as they are (a list); None: read here knowing the people."""
    people = _people(article, _person_names(ex.people, named, news, profile), doc, lower, taken, profile)
    seen = [p.evidence for p in people]
    names = [p.name for p in people]
    if isinstance(quotes, Quotations):
        found = quotes.knowing(names)
    else:
        found = quotes if quotes is not None else find_quotes(article.raw, body_spans(article), names, profile)
    quotes_out = _quotes(article, found, ex, people, taken, report, profile)
    seen += [q.evidence for q in quotes_out]
    headers = [t for t in find_turns(article.raw) if t.role]  # "Ilse Varga (mayor of Marrowick): ..."
    header_role = lambda name: next((t.role for t in headers if same_person(name, t.speaker, profile)), None)  # noqa: E731
    for name in _new_speakers(quotes_out, people, profile):  # a speaker code found whom the model did not list
        spans = [Span(start=m.start, end=m.end, status="exact", score=100) for m in find_mentions(doc, [name])][:10]
        if spans and looks_like_name(name, profile) and not not_a_person(name, named, profile):
            people.append(Person(id=content_id("p", article.id, normalize(name), taken=taken), name=name,
                                 role=_role_in_text(article.raw, spans, lower, profile) or header_role(name), evidence=spans))  # fmt: skip
    for p in people:
        if p.role is None and headers:
            p.role = header_role(p.name)
    return people, quotes_out, seen
