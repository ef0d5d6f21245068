"""Merge evaluation against hand-written labels: pairwise precision and recall.

A labels file names, per kind (people, events, quotes), the real-world items a reader of
the articles knows about -- e.g. "the two-hour May call, reported by 001 and 004" -- each
with a regular expression that recognises its mentions (and optionally the articles that
report it). Every per-article mention that a label recognises gets that label as its gold
cluster; the briefing item whose evidence holds the mention is its predicted cluster.

* a pair of mentions with the same label *must merge*: counted in recall;
* a pair the merge put together must share a label: counted in precision
  (so two different phone calls merged into one event lower the precision).

Mentions no label recognises are left out.

**Facts and disagreements** are labelled on the article text, not on the tool's output: a
fact label names, per article, a regular expression that finds where that article states
the fact (over the grounding-normalised text). A briefing fact *covers* a label in an
article when its evidence span there overlaps one of the label's matches. Scored per pair
of articles inside one fact:

* recall: of the article pairs that state one labelled fact, the share some briefing fact
  joins with evidence covering that label in both;
* precision: of the article pairs a briefing fact joins, the share whose two pieces of
  evidence cover one label in common -- any other pair is wrong, including pairs of
  unlabelled statements (so labels must list every fact two articles share).

A disagreement label names its two sides the same way; it is found when one briefing
disagreement has one position covering each side. Briefing disagreements that match no
label are counted as false alarms.

**Attributed quotes** are scored per article, not per merge: a label lists every passage an
article puts in quotation marks (``pattern`` matches the start of its normalised words),
whose words they are (``speaker``; "group" for several speakers together) and whether it is
a quote or a "scare" quote (a term nobody is said to have spoken). Recall: labelled quotes
that the article's record holds; precision: the record's quotes that are labelled quotes
(a scare quote reported as a quote counts against it); speakers: right / wrong-but-verified
(the harmful case: a wrong name shown as the text's) / unknown. Pure code, no model.

**Stories** (``stories``: name -> article ids; ``set_aside``: id -> why it is no article):
purity and completeness (inverse purity) of the predicted stories over the documents both the
labels and the output hold, and which labelled non-articles were set aside (see
``StoryScore``).

One module per kind: ``mentions``, ``facts``, ``quotes``, ``stories``, ``desk``, ``plants``,
``entities``; everything is importable from here.
"""

from __future__ import annotations

from .desk import DeskScore, desk_line, desk_total, evaluate_desk
from .entities import ENTITY_TYPES, EntityScore, entity_line, evaluate_entities
from .facts import FactScore, disagreement_for, evaluate_facts, fact_table, matches, resolve
from .mentions import KINDS, Score, evaluate, load_labels, table, total
from .plants import PlantScore, evaluate_plant, shown
from .quotes import QuoteScore, evaluate_quotes, quote_table, speaker_line
from .report import merge_report
from .stories import StoryScore, evaluate_stories, stories_from_json, story_table

__all__ = [
    "DeskScore", "ENTITY_TYPES", "EntityScore", "FactScore", "KINDS", "PlantScore", "QuoteScore",
    "Score", "StoryScore", "desk_line", "desk_total", "disagreement_for", "entity_line", "evaluate",
    "evaluate_desk", "evaluate_entities", "evaluate_facts", "evaluate_plant", "evaluate_quotes",
    "evaluate_stories", "fact_table", "load_labels", "matches", "merge_report", "quote_table",
    "resolve", "shown", "speaker_line", "stories_from_json", "story_table", "table", "total",
]
