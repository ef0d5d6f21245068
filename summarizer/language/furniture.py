"""Page furniture: what scraped pages leave around an article, line by line.

Not the language's words but the sites': a button ("starAdd to favorites"), a loading notice
("Please Wait..."), a section and time line ("folder_open World access_time 2 days ago"), an
embedded post's chrome. ``summarizer.inputs.articles`` strips these lines from what the model
sees (``raw`` keeps them). Another site's furniture is another instance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageFurniture:
    """The furniture of one family of sites."""

    #: whole lines that are page furniture, not article text (regular expressions, case ignored)
    lines: tuple[str, ...]
    #: furniture glued to the end of the text ("...he said.\n\nComments"), as written
    trailing: tuple[str, ...]
    #: a site's section/time line (regular expression with groups "section" and "when")
    section_line: str
    #: the word of a leading date line ("date 2025-08-21 ...")
    date_line_words: tuple[str, ...]


FURNITURE = PageFurniture(
    lines=(
        r"please wait\.*", r"comments", r"source link", r"star\s*add to favorites", r"share( this)?( article)?",
        r"advertisement", r"read more",
        # what an embedded post leaves in a scraped page, line by line (three copies of it once
        # made a briefing's only "corroborated" fact)
        r"tweet with a location", r"you can add location information to your tweets\b.*", r"learn more",
        r"turn on", r"not now", r"view (this )?(post|tweet|video) on \w+\.?", r"a post shared by .{1,80}",
        r"pic\.twitter\.com/\S+", r"[-\u2014\u2013]\s*[^\n]{1,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}",
    ),
    trailing=("Comments", "Source link"),
    section_line=r"folder_open\s*(?P<section>.*?)\s*access_time\s*(?P<when>.*?)",
    date_line_words=("date",),
)
