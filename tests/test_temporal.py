"""Date expressions: found with offsets, resolved against the article's own date (temporal.py)."""

from __future__ import annotations

import dataclasses
import inspect
import re

import pytest

from summarizer.language import ENGLISH
from summarizer.reading import temporal
from summarizer.reading.temporal import TimeExpression, find_dates, resolve_when

from .conftest import SEEDS

WED = "2026-03-04"  # a Wednesday
THU = "2025-08-21"  # a Thursday


def only(text: str, published: str | None) -> TimeExpression:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def seed(prefix: str) -> tuple[str, str | None]:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", text)
    return text, m and m.group(1)


# ---------------------------------------------------------------------------------- absolute


ABSOLUTE = [
    ("The regulator fined the bank on February 14.", "on February 14", "2026-02-14", "day"),
    ("The regulator fined the bank on 14 February.", "on 14 February", "2026-02-14", "day"),
    ("The fine, announced Feb. 14, was appealed.", "Feb. 14", "2026-02-14", "day"),
    ("The fine was announced on February 14th.", "on February 14th", "2026-02-14", "day"),
    ("The plant opened on February 14, 2025, to fanfare.", "on February 14, 2025", "2025-02-14", "day"),
    ("The report is dated 2025-08-21 in the archive.", "2025-08-21", "2025-08-21", "day"),
    ("Prices peaked in August 2025 and fell.", "in August 2025", "2025-08", "month"),
    ("Prices peaked August 2025 and fell.", "August 2025", "2025-08", "month"),
    ("The company was founded in 2024 by two engineers.", "in 2024", "2024", "year"),
    ("The mine has been closed since 2019.", "since 2019", "2019", "year"),
    ("Construction stalled in mid-March after the floods.", "in mid-March", "2026-03", "month"),
    ("The strike began in early January.", "in early January", "2026-01", "month"),
    ("Shares fell sharply in May.", "in May", "2026-05", "month"),
    ("Shares fell sharply on May 3.", "on May 3", "2026-05-03", "day"),
    ("Shares fell sharply in May 2025.", "in May 2025", "2025-05", "month"),
]


@pytest.mark.parametrize(("text", "surface", "iso", "precision"), ABSOLUTE)
def test_absolute(text, surface, iso, precision):
    e = only(text, WED)
    assert (e.kind, e.surface, e.date, e.precision) == ("absolute", surface, iso, precision)


NOT_MONTHS = [
    "Protesters may march on the ministry, and officials may respond.",  # verbs, lower case
    "May said the deal was dead.",  # a name: no day, year or preposition
    "Former prime minister Theresa May arrived late.",
    "The plant employs 2024 workers and 1,500 contractors.",  # bare numbers are not years
    "The ministry counted 2025 complaints.",
    "Jan Kowalski, the plant manager, declined to comment.",
]


@pytest.mark.parametrize("text", NOT_MONTHS)
def test_not_months_or_years(text):
    assert find_dates(text, WED) == []


def test_month_day_without_year_looks_back_unless_future():
    # November 12 in the article's year is eight months ahead: news looks back, to last year
    assert only("The plant was sold on November 12.", WED).date == "2025-11-12"
    # a future marker takes the next occurrence on or after the article date
    e = only("The plant will be sold on November 12.", WED)
    assert (e.date, e.future) == ("2026-11-12", True)
    assert only("The appeal is due on February 2.", WED).date == "2027-02-02"
    # within six months ahead, no marker: still the article's year
    assert only("The results came on April 20.", WED).date == "2026-04-20"


# ---------------------------------------------------------------------------------- weekdays


WEEKDAYS = [
    ("The mayor visited the site on Monday.", "on Monday", "2026-03-02"),
    ("The mayor visited the site Monday.", "Monday", "2026-03-02"),
    ("The mayor visited the site on Wednesday.", "on Wednesday", "2026-03-04"),  # the article's own day
    ("The mayor visited the site last Monday.", "last Monday", "2026-03-02"),
    ("The mayor visited the site last Wednesday.", "last Wednesday", "2026-02-25"),  # strictly before
    ("The mayor visits the site next Tuesday.", "next Tuesday", "2026-03-10"),
    ("The mayor visits the site next Wednesday.", "next Wednesday", "2026-03-11"),  # strictly after
    ("The mayor visits the site this Friday.", "this Friday", "2026-03-06"),  # the article's week
    ("The alarm sounded on Friday afternoon.", "on Friday afternoon", "2026-02-27"),
    ("The alarm sounded early on Sunday.", "early on Sunday", "2026-03-01"),
    ("The alarm sounded late on Monday, officials said.", "late on Monday", "2026-03-02"),
    ("Sunday's fire destroyed the warehouse.", "Sunday", "2026-03-01"),
    ("In Friday's vote, the council backed the plan.", "Friday", "2026-02-27"),
]


@pytest.mark.parametrize(("text", "surface", "iso"), WEEKDAYS)
def test_weekday(text, surface, iso):
    e = only(text, WED)
    assert (e.kind, e.surface, e.date, e.precision) == ("weekday", surface, iso, "day")


FUTURE = [
    ("The town would hold a vigil on Friday.", "2026-03-06", True),
    ("Officials will meet on Tuesday.", "2026-03-10", True),
    ("We'll reopen the road on Wednesday.", "2026-03-04", True),  # on or after: the article's day
    ("The board will meet this Monday.", "2026-03-09", True),  # "this" too, when a marker governs it
    ("The ministry would not comment, a spokesman said on Monday.", "2026-03-02", False),  # speech in between
    ("Talks will resume soon. The envoy arrived on Tuesday.", "2026-03-03", False),  # another sentence
    ("Prices will rise; the board met on Tuesday.", "2026-03-03", False),  # another clause
    ("Schools will close for the week of the funeral, which took place on Tuesday.", "2026-03-03", False),
]


@pytest.mark.parametrize(("text", "iso", "future"), FUTURE)
def test_future_marker_governs_the_weekday(text, iso, future):
    e = only(text, WED)
    assert (e.date, e.future) == (iso, future)


def test_said_on_thursday_that_they_would_meet_on_friday():
    text = "Trump said on Thursday that U.S. and Russian officials would also meet in Munich on Friday."
    thursday, friday = find_dates(text, "2026-05-14")  # a Thursday
    assert (thursday.surface, thursday.date, thursday.future) == ("on Thursday", "2026-05-14", False)
    assert (friday.surface, friday.date, friday.future) == ("on Friday", "2026-05-15", True)


def test_named_days_are_not_weekdays():
    assert find_dates("Shops opened early for Black Friday and Good Friday.", WED) == []


# ---------------------------------------------------------------------------------- relative days


RELATIVE_SENTENCE = "The council voted {} to close the pool."
RELATIVE = [
    ("today", "2026-03-04", False),
    ("tonight", "2026-03-04", False),
    ("yesterday", "2026-03-03", False),
    ("tomorrow", "2026-03-05", True),
    ("last night", "2026-03-03", False),
    ("yesterday morning", "2026-03-03", False),
]


@pytest.mark.parametrize(("word", "iso", "future"), RELATIVE)
def test_relative_days(word, iso, future):
    e = only(RELATIVE_SENTENCE.format(word), WED)
    assert (e.kind, e.surface, e.date, e.precision, e.future) == ("relative_day", word, iso, "day", future)


# ---------------------------------------------------------------------------------- periods


PERIOD_SENTENCE = "Inspectors found the leak {}, the company said."
PERIODS = [
    ("this week", THU, "2025-08", "month"),  # Mon 18 - Sun 24 August
    ("last week", THU, "2025-08", "month"),  # 11 - 17 August
    ("next week", THU, "2025-08", "month"),  # 25 - 31 August
    ("earlier this week", THU, "2025-08", "month"),  # 18 - 20 August
    ("earlier in the week", THU, "2025-08", "month"),
    ("past week", THU, "2025-08", "month"),
    ("this month", THU, "2025-08", "month"),
    ("last month", THU, "2025-07", "month"),
    ("next month", THU, "2025-09", "month"),
    ("earlier this month", "2025-08-24", "2025-08", "month"),
    ("later this month", THU, "2025-08", "month"),
    ("this year", THU, "2025", "year"),
    ("last year", THU, "2024", "year"),
    ("next year", THU, "2026", "year"),
    ("earlier this year", THU, "2025", "year"),
    ("last week", WED, "2026", "year"),  # 23 February - 1 March: two months, one year
    ("last week", "2026-01-07", None, "unknown"),  # 29 December - 4 January: two years
    ("last month", "2026-01-07", "2025-12", "month"),
    ("earlier this week", "2026-03-02", None, "unknown"),  # a Monday: no earlier day this week
    ("earlier this week", "2026-03-03", "2026-03-02", "day"),  # a Tuesday: only Monday
]


@pytest.mark.parametrize(("phrase", "published", "iso", "precision"), PERIODS)
def test_periods(phrase, published, iso, precision):
    e = only(PERIOD_SENTENCE.format(phrase), published)
    assert (e.kind, e.surface, e.date, e.precision) == ("period", phrase, iso, precision)


def test_period_future_flag():
    assert only("Rates rise next month.", THU).future
    assert only("Rates rise later this month.", THU).future
    assert not only("Rates rose last month.", THU).future


# ---------------------------------------------------------------------------------- not dates


NOT_DATES = [
    "The factory recently hired 40 staff.",
    "A decision is expected soon.",
    "Days after the blast, the road reopened.",
    "Earlier, the minister had resigned.",
    "More job cuts are likely in the coming weeks.",
    "The explosion happened at 3 a.m. and at 4:15 p.m. a second blast followed.",
    "Police arrested 12 people and seized 300 kilos.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert [e for e in find_dates(text, WED) if e.date is not None] == []


# ---------------------------------------------------------------------------------- no article date


def test_without_published_date_relative_expressions_are_found_but_unresolved():
    text = "The crane fell on Friday. Yesterday the site closed; earlier this month it passed an inspection."
    found = find_dates(text, None)
    assert [e.surface for e in found] == ["on Friday", "Yesterday", "earlier this month"]
    assert all((e.date, e.precision) == (None, "unknown") for e in found)


def test_without_published_date_absolute_with_year_resolves():
    found = find_dates("The crane, bought on 3 May 2021, fell on February 14 in 2024.", None)
    assert [(e.surface, e.date, e.precision) for e in found] == [
        ("on 3 May 2021", "2021-05-03", "day"),
        ("on February 14", None, "unknown"),  # no year, nothing to take it from
        ("in 2024", "2024", "year"),
    ]


def test_a_malformed_published_date_counts_as_none():
    assert only("The crane fell on Friday.", "2 days ago").date is None


# ---------------------------------------------------------------------------------- real articles


def test_seed_000_earlier_in_the_week():
    text, published = seed("000")
    assert published == "2025-08-21"
    e = next(e for e in find_dates(text, published) if e.surface == "earlier in the week")
    assert (e.kind, e.date, e.precision) == ("period", "2025-08", "month")


def test_seed_003_on_friday_and_earlier_this_month():
    text, published = seed("003")
    assert published == "2025-08-24"
    found = {e.surface: e for e in find_dates(text, published)}
    assert (found["on Friday"].date, found["on Friday"].precision) == ("2025-08-22", "day")
    assert (found["earlier this month"].date, found["earlier this month"].precision) == ("2025-08", "month")


def test_seed_002_has_no_date_line():
    text, published = seed("002")
    assert published is None
    found = find_dates(text, published)
    surfaces = [e.surface for e in found]
    assert "on Friday" in surfaces and "on Thursday" in surfaces
    assert all(e.date is None and e.precision == "unknown" for e in found if e.kind == "weekday")
    # "Trump said on Thursday that ... officials would also meet in Munich on Friday": found as ahead
    munich = next(e for e in found if text[e.start - 10 : e.start] == "in Munich ")
    assert (munich.surface, munich.future) == ("on Friday", True)


ARTICLE = """\
A worker died in hospital on Tuesday, two days after an explosion at the Kessler chemical plant.
Sunday's fire burned for six hours before it was brought under control at 3 a.m.
The mayor said the town would hold a vigil on Friday.
State inspectors began examining the site on Monday, and the plant's owner said it had recently
passed a safety audit."""


def test_own_article_dated_wednesday():
    found = {e.surface: e for e in find_dates(ARTICLE, WED)}
    assert set(found) == {"on Tuesday", "Sunday", "on Friday", "on Monday"}
    assert found["on Tuesday"].date == "2026-03-03"
    assert found["Sunday"].date == "2026-03-01"
    assert (found["on Friday"].date, found["on Friday"].future) == ("2026-03-06", True)
    assert (found["on Monday"].date, found["on Monday"].future) == ("2026-03-02", False)


ARTICLE_THU = """\
Inflation slowed to 2.1 percent in April, the statistics office said on Wednesday.
The central bank held rates on Thursday. The bank's next rate decision is due on June 25."""


def test_own_article_dated_thursday():
    found = {e.surface: e for e in find_dates(ARTICLE_THU, "2026-05-14")}
    assert found["in April"].date == "2026-04"
    assert found["on Wednesday"].date == "2026-05-13"
    assert found["on Thursday"].date == "2026-05-14"
    assert (found["on June 25"].date, found["on June 25"].future) == ("2026-06-25", True)


# ---------------------------------------------------------------------------------- resolve_when


WHEN = [
    ("on Monday", WED, ("2026-03-02", "day")),
    ("Monday morning", WED, ("2026-03-02", "day")),
    ("earlier this month", "2025-08-24", ("2025-08", "month")),
    ("February 14", WED, ("2026-02-14", "day")),
    ("2025-08-21", None, ("2025-08-21", "day")),
    ("Monday, March 2, 2026", WED, ("2026-03-02", "day")),  # two expressions that agree
    ("Monday, March 2, 2026", None, ("2026-03-02", "day")),  # the weekday cannot resolve, the date can
    ("on Monday", None, (None, "unknown")),
    ("on Monday or on Friday", WED, (None, "unknown")),  # ambiguous
    ("days after Monday", WED, (None, "unknown")),  # not Monday
    ("two days before June 25", WED, (None, "unknown")),
    ("recently", WED, (None, "unknown")),
    ("earlier", WED, (None, "unknown")),
    ("", WED, (None, "unknown")),
]


@pytest.mark.parametrize(("when", "published", "expected"), WHEN)
def test_resolve_when(when, published, expected):
    assert resolve_when(when, published) == expected


# ---------------------------------------------------------------------------------- invariants


def test_another_profile_brings_its_own_words():
    german = dataclasses.replace(
        ENGLISH,
        weekdays={"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4},
        relative_days={"heute": 0, "gestern": -1, "morgen": 1},
    )
    found = find_dates("Der Brand brach am Montag aus; gestern kam der Minister.", WED, german)
    assert [(e.surface, e.date) for e in found] == [("Montag", "2026-03-02"), ("gestern", "2026-03-03")]
    assert find_dates("The fire broke out on Monday.", WED)[0].date == "2026-03-02"  # ENGLISH is untouched


def test_no_clock():
    source = inspect.getsource(temporal)
    assert not re.search(r"\b(now|today|utcnow)\(", source)


def test_offsets_order_and_no_overlap():
    texts = [(case[0], WED) for case in ABSOLUTE + WEEKDAYS + FUTURE]
    texts += [(RELATIVE_SENTENCE.format(case[0]), WED) for case in RELATIVE]
    texts += [(PERIOD_SENTENCE.format(phrase), published) for phrase, published, *_ in PERIODS]
    texts += [(text, published) for text in NOT_MONTHS + NOT_DATES for published in (WED, None)]
    texts += [(case[0], published) for case in WHEN for published in (WED, None)]
    texts += [(ARTICLE, WED), (ARTICLE_THU, "2026-05-14"), (ARTICLE, None)]
    texts += [(p.read_text(encoding="utf-8"), day) for p in sorted(SEEDS.glob("*.txt")) for day in (THU, None)]
    for text, published in texts:
        found = find_dates(text, published)
        assert found == find_dates(text, published)  # deterministic
        for e in found:
            assert text[e.start : e.end] == e.surface == e.surface.strip()
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_a_future_marker_several_words_before_the_weekday_still_governs_it():
    """From the fire test story: the marker stands seven words before the date."""
    text = "Millbrook's mayor, Clara Odum, said the town would hold a vigil for the victims on Friday."
    [d] = find_dates(text, "2026-03-04")
    assert (d.date, d.future) == ("2026-03-06", True)
