"""What the fact merge is tuned by, in one object: ``Thresholds`` (what a user might set: when
two statements are one fact, how many pairs to ask the model about) and, inside it, the
``Weights`` the comparison was measured with on the labelled seeds, test stories and desk
(README "Quality"). Re-measure any change with ``summarizer evaluate``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Weights:
    """How claims are read for comparison and how much each kind of evidence counts."""

    # -- reading a claim (``units``)
    #: content words either side of a figure that say what it measures
    window: int = 4
    #: closeness given to the arguments of a figure's verb in what it measures
    argument_weight: float = 0.5
    #: a figure this close (characters) to another is part of its measure ("six of the nine")
    next_figure_chars: int = 12
    #: quoted words up to this many are a feature ("meaningful and frank") ...
    quoted_phrase_max: int = 6
    #: ... and a short quotation of this many words or more found inside another claim's quotation
    quoted_run: int = 2
    #: a pronoun among a statement's first words makes it lean on the sentence before
    pronoun_words: int = 4

    # -- similarity (``compare``)
    #: a figure or a date two statements share says more than a word they share
    figure_weight: float = 1.5
    #: a name two statements share says less than a word they share (it says who, not what)
    name_weight: float = 0.45
    #: weight of "the shorter claim is inside the longer one" ...
    contain_weight: float = 0.8
    #: ... counted only when they share this many features ("The strike is open-ended" is in no long sentence)
    contain_min_shared: int = 3
    #: one claim quoting a part of what the other quotes makes the two at least this similar
    shared_quote_score: float = 0.5

    # -- figures (``compare.FigureRules``)
    #: two figures further apart than this factor measure different things
    value_ratio_max: float = 10
    #: an equal value's match counts this much more when figures are paired
    equal_preference: float = 1.3
    #: two figures this alike in what they measure (noun, verb, words) are about one thing
    strong_measure: float = 1.5
    #: closeness-weighted overlap of two figures' measures to compare their values ...
    measure_min: float = 0.4
    #: ... plus this when what one figure counts is named around the other
    noun_bonus: float = 0.5
    #: words of a disagreement's subject besides the noun
    subject_words: int = 3

    # -- verdicts (``compare.decide``)
    #: similarity of the rest of two claims with a differing slot to call it a conflict
    conflict_min: float = 0.3
    #: ... and to call them one fact with a disputed detail (or an agreeing figure)
    disputed_same_min: float = 0.55
    #: "not X" vs "X": the rest must be this similar (negation is easy to misread)
    negation_min: float = 0.55

    # -- cost (``facts``)
    #: claims (~25 articles) up to which every pair that shares a feature is compared
    small_briefing: int = 600


@dataclass(frozen=True)
class Thresholds:
    """What a user might tune: when two statements are one fact, and how many pairs to ask about.

    Chosen on the labelled seeds and test stories (README "Quality"); re-measure a change with
    ``summarizer evaluate``."""

    #: similarity at or above which two claims with no differing detail are one fact
    same: float = 0.45
    #: below: unrelated; between ``ask`` and ``same``: asked (or unrelated without a model)
    ask: float = 0.3
    #: two articles that share this many statements at ``same`` report one occasion ...
    aligned_min: int = 2
    #: ... and their other statements are compared with these (a prior, not a word list)
    same_aligned: float = 0.35
    ask_aligned: float = 0.25
    #: pairs sent to the model in the one adjudication call (most similar first)
    max_questions: int = 24
    #: the weights the comparison was measured with
    weights: Weights = field(default_factory=Weights)
