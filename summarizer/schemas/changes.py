"""What changed since an earlier briefing (``summarizer brief --since PREVIOUS.json``): every
story, fact, disagreement, quote and event of this briefing marked new, updated or unchanged,
and what the earlier briefing held that no article supports any more."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["new", "updated", "unchanged", "no_longer_reported"]
ChangeKind = Literal["story", "fact", "disagreement", "quote", "event"]
What = Literal["figure", "date", "sources", "position", "detail"]


class EarlierSource(BaseModel):
    """An article of the earlier briefing, so that what it alone said can still be cited."""

    id: str
    title: str
    published: str | None = None
    outlet: str | None = None


class Change(BaseModel):
    kind: ChangeKind
    status: Status
    id: str = Field(description="The item's id in this briefing; for 'no_longer_reported', in the earlier one.")
    story: str | None = Field(
        default=None, description="The id of the story it belongs to (a digest), in the same briefing as ``id``."
    )
    text: str = Field(description="The statement, the disagreement's subject, the quotation, the event or the story's title.")
    previous_id: str | None = Field(default=None, description="The earlier briefing's item it continues.")
    previous_text: str | None = Field(default=None, description="How the earlier briefing put it, when the words differ.")
    what: list[What] = Field(
        default_factory=list,
        description=(
            "For 'updated': what changed ('detail': the statement goes on and adds a date ahead the earlier one did not give, in 'new'); "
            "for a part no longer reported: 'figure', the figure as written in 'old'."
        ),
    )
    old: str | None = Field(default=None, description="The earlier value: a figure, a date, the sides of a disagreement.")
    new: str | None = Field(default=None, description="This briefing's value.")
    sources: list[str] = Field(
        default_factory=list,
        description="The articles that say it now (for 'no_longer_reported': the earlier ones, see ``earlier_sources``).",
    )
    previous_sources: list[str] = Field(default_factory=list)
    part: bool = Field(
        default=False,
        description=(
            "A part of the item's statement, not the item: what a statement that goes on tells that its story never told "
            "(status 'new': a clause, with its subject and who says it), or a figure of an earlier statement that goes on "
            "which no statement of its story gives any more (status 'no_longer_reported': the words around it; the "
            "earlier statement in 'previous_text'). The item's own line carries its own mark."
        ),
    )


class Changes(BaseModel):
    """The changes of a briefing or digest against an earlier one of this tool."""

    since: str | None = Field(
        description="The earlier briefing's time: the latest publication date of its articles (nothing here is dated by the clock)."
    )
    previous_headline: str | None = None
    counts: dict[str, int] = Field(default_factory=dict, description="Items per status.")
    items: list[Change] = Field(
        default_factory=list, description="New and updated first, then no longer reported, then unchanged."
    )
    earlier_sources: list[EarlierSource] = Field(default_factory=list)

    def of_story(self, story: str | None) -> Changes:
        """The changes of one story of a digest (``--split-dir``: each story's own file)."""
        items = [c for c in self.items if c.story == story]
        counts: dict[str, int] = {}
        for c in items:
            counts[c.status] = counts.get(c.status, 0) + 1
        cited = {s for c in items for s in [*c.sources, *c.previous_sources]}
        earlier = [s for s in self.earlier_sources if s.id in cited]
        return self.model_copy(update={"items": items, "counts": counts, "earlier_sources": earlier})
