"""English: the ``LanguageProfile`` the tool ships with (lists only; the rules read them)."""

from __future__ import annotations

from .profile import LanguageProfile


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = LanguageProfile(
    code="en",
    stemmer="english",
    sentence_language="en",
    stop_words=_words(
        "the a an and or nor but of to in on at for with by from that this these those is was were are be been being "
        "has have had having do does did it its as he she they them his her their him we us our you your i me my "
        "would will shall should can could may might must also after before about into than then which who whom "
        "whose what when where while if so not no there here such other another some any each every all both more "
        "most very just only even still already again over under up down out off per via according said says say "
        "told tell tells added adds one's itself himself herself themselves yet however though although since until "
        "because whether either neither how why being s t"
    ),
    speech_verbs=_words(
        "said says say saying told tells telling added adds stated states wrote writes asked asks replied replies "
        "recalled insisted insists declared declares noted notes argued argues urged urges cautioned cautions warned "
        "warns claimed claims announced announces reported reports explained explains described describes "
        "confirmed confirms acknowledged acknowledges suggested suggests stressed stresses mentioned mentions "
        "according tweeted posted called calls recalled replied cautioned"
    ),
    negations=_words("not no never n't without none nobody nothing neither nor cannot"),
    pronouns=_words("he she it they him her them his its their we i you"),
    singular_pronouns=_words("he she"),
    plural_pronouns=_words("they"),
    relative_pronouns=_words("who"),
    determiners=_words("the a an this that these those"),
    place_articles=_words("the a an"),
    definite_articles=("the",),
    locative_prepositions=_words("in at inside near outside"),
    clause_breaks=("; ", ", but ", ", while ", ", whereas ", ", although ", " — ", " – ", ", and "),
    clause_openers=_words("but while whereas although and however so yet"),
    direction_pairs=(
        ("raised", "cut"), ("raise", "lower"), ("raised", "lowered"), ("increased", "decreased"),
        ("increase", "decrease"), ("rose", "fell"), ("rise", "fall"), ("risen", "fallen"), ("up", "down"),
        ("gained", "lost"), ("grew", "shrank"), ("higher", "lower"), ("accepted", "rejected"), ("accept", "reject"),
        ("agreed", "refused"), ("approved", "rejected"), ("approved", "vetoed"), ("supported", "opposed"),
        ("support", "oppose"), ("won", "lost"), ("allowed", "banned"), ("opened", "closed"), ("confirmed", "denied"),
        ("expanded", "contracted"), ("lifted", "lowered"), ("boosted", "reduced"),
        ("allowed", "refused"), ("permitted", "refused"), ("permitted", "denied"), ("allowed", "denied"),
        ("granted", "refused"), ("granted", "denied"), ("cleared", "refused"), ("keep", "give_up"), ("kept", "gave_up"),
    ),  # fmt: skip
    number_words={
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
    },  # fmt: skip
    scale_words={
        "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
    },  # fmt: skip
    fraction_words={"half": 0.5, "a half": 0.5, "quarter": 0.25, "a quarter": 0.25, "third": 1 / 3, "a third": 1 / 3},
    zero_words=_words("no none zero nobody nothing"),
    death_words=_words("killed kill kills dead death deaths died die dies dying body bodies fatal fatality fatalities"),
    currencies={
        "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH",
        "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "cny": "CNY", "inr": "INR",
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB",
        "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "francs": "CHF",
    },  # fmt: skip
    percent_words=("%", "percent", "per cent", "percentage points", "percentage point", "pct"),
    approximators=(
        "about", "around", "roughly", "nearly", "almost", "approximately", "some", "more than", "over", "at least",
        "less than", "fewer than", "under", "up to", "as many as", "at most", "close to", "an estimated",
    ),  # fmt: skip
    time_units={
        "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
        "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
        "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    },  # fmt: skip
    ordinal_suffixes=("st", "nd", "rd", "th"),
    percentage_point_words={
        "percentage point": 1.0, "percentage points": 1.0, "basis point": 0.01, "basis points": 0.01, "bps": 0.01,
    },  # fmt: skip
    indefinite_articles=("a", "an"),
    number_conjunctions=("and",),
    partitives=("of",),
    possessives=_words("its their our his her my your"),
    age_words=("old",),
    number_signs=("no.", "nos.", "#", "№"),
    plural_endings=("s",),
    not_plural_endings=("ss", "us", "is", "'s", "’s"),
    irregular_plurals=_words("people children men women police personnel staff cattle feet teeth mice geese"),
    adjective_endings=("al", "ive", "ous", "ful", "ic", "able", "ible", "less", "ary", "ish", "ian"),
    past_endings=("ed",),
    not_past_endings=("eed",),
    irregular_past=_words(
        "held made given taken built sent led paid seen known brought left found lost began begun took came went got "
        "met spent kept sold bought fought struck stood grew drew wrote written spoke spoken broke broken chose "
        "chosen flew threw thrown ran caught felt meant heard laid"
    ),
    comparative_endings=("er",),
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    },  # fmt: skip
    weekdays={"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    relative_days={
        "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
        "this afternoon": 0, "this evening": 0,
    },  # fmt: skip
    day_prepositions=("on", "by", "since", "until", "till", "from"),
    date_prepositions=("in", "during", "through", "of"),
    period_parts=("early", "mid", "late"),
    day_parts=("morning", "afternoon", "evening", "night"),
    reported_speech_verbs=_words(
        "said told wrote added stated asked replied recalled insisted declared noted argued urged cautioned warned "
        "claimed announced reported explained described confirmed acknowledged suggested stressed mentioned tweeted "
        "posted"
    ),
    date_shifters=_words("after before ago following prior earlier later recently soon"),
    periods={"week": "week", "month": "month", "year": "year", "weekend": "weekend"},
    period_modifiers={
        "this": "this", "last": "last", "next": "next", "earlier this": "earlier", "later this": "later",
        "past": "last", "previous": "last", "coming": "next", "earlier in the": "earlier", "later in the": "later",
    },  # fmt: skip
    future_markers=_words("will would 'll shall due scheduled planned plans plan expected next upcoming coming"),
    date_lead_words=("on", "in", "since", "by", "from", "at", "last", "this", "early", "late", "mid"),
    vague_when=(
        r"not (specified|stated|mentioned)", "unknown", r"n/?a", r"recent(ly)?", "soon", "earlier", "later",
    ),
    time_of_day=("a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc", "bst", "cet", "et", "pt"),
    boilerplate=(
        r"\bcookies?\b", r"\bsubscri(be|ption|bers?)\b", r"\b(sign|log) ?(in|up)\b", r"\bpaywall\b",
        r"continue reading", r"article limit", r"free articles?", r"already a (subscriber|member)",
        r"\barchiv(e|ed|ing)\b.{0,40}\b(crawl|snapshot|captured|page|copy)", r"wayback machine", r"\bcrawl(ed|er)?\b",
        r"tweet with a location", r"\b(embed|embedded) (this )?(tweet|post|video)", r"javascript",
        r"\bprivacy (policy|settings|preferences)\b", r"terms of (use|service)", r"enable .{0,20} in your browser",
        r"view (this )?(post|tweet) on", r"\bpic\.twitter\.com\b", r"^[-—–]\s*\S.{0,60}\(@\w+\)",
        r"all rights reserved", r"\bnewsletter\b",
    ),
    byline_words=("By",),
    credit_words=_words("photo photos photograph photographs image images picture pictures credit illustration video courtesy handout pool file"),
    credit_phrases=(r"getty images", r"\bshutterstock\b", r"\balamy\b", r"\bap photo\b", r"\bafp photo\b", r"\breuters photo\b"),
    link_labels=(
        "related", "read more", "read also", "also read", "see also", "more", "more on this story", "watch", "listen",
        "recommended", "further reading", "don't miss", "trending", "explainer", "analysis", "opinion", "live",
    ),
    trailer_patterns=(
        r"^(additional )?reporting by\b", r"\b(writing|editing|edited|compiled) by\b", r"\bcontributed (to )?(this )?report",
        r"\bcontributed reporting\b", r"^©", r"\bcopyright\b", r"\ball rights reserved\b",
        r"^this (story|article|report|post) (has been|was) (updated|amended|corrected)", r"^updated\b.{0,60}$",
        r"^(editor's note|correction|clarification)\s*:", r"^sign up\b", r"\bnewsletter\b", r"^advertisement\b",
        r"^follow (us|\w+) on\b", r"^(click|tap) here\b", r"^download (the|our) app\b", r"^(share|comment) (this|on this)\b",
    ),
    update_markers=(
        "now", "up from", "down from", "risen", "rose", "has climbed", "climbed", "has fallen", "increased to",
        "brought forward", "moved", "postponed", "delayed", "resumed", "resume", "no longer", "revised", "latest",
        "earlier than planned", "since then", "still",
    ),
    early_markers=(
        "so far", "yet", "not yet", "were reported", "was reported", "have been reported", "has been reported",
        "not immediately", "initially", "first reports", "early reports",
    ),
    role_words=(
        "system", "system prompt", "assistant", "user", "human", "ai", "bot", "chatbot", "model", "developer",
        "instruction", "instructions", "new instructions", "prompt", "new task", "task", "response", "admin",
    ),
    machine_words=(
        "ai", "a.i.", "artificial intelligence", "assistant", "assistants", "chatbot", "chatbots", "bot", "bots",
        "language model", "language models", "llm", "llms", "model", "models", "summariser", "summarisers",
        "summarizer", "summarizers", "summarisation tool", "summarization tool", "summary tool", "ai system",
        "ai systems", "agent", "agents", "crawler", "crawlers", "scraper", "scrapers", "automated", "gpt",
        "machine", "machines", "algorithm", "algorithms", "software", "tool", "tools", "system", "systems",
    ),
    output_words=(
        "title", "titles", "headline", "headlines", "summary", "summaries", "summarise", "summarize", "summarising",
        "summarizing", "key point", "key points", "key_points", "bullet", "bullets", "bullet point", "takeaway",
        "takeaways", "response", "reply", "answer", "output", "json", "field", "fields", "tl;dr",
    ),
    instruction_words=(
        "instruction", "instructions", "prompt", "prompts", "system prompt", "directions", "guidelines", "rules",
        "task", "context", "orders",
    ),
    override_verbs=("ignore", "disregard", "forget", "override", "bypass", "discard", "skip"),
    directive_words=(
        "must", "should", "shall", "need to", "needs to", "have to", "has to", "are to", "is to", "required to",
        "please", "kindly", "make sure", "ensure", "be sure to",
    ),
    address_openers=(
        "note to", "note for", "message to", "message for", "instructions for", "instructions to", "attention",
        "dear", "reminder to", "notice to", "to any", "to all", "for any", "for all", "hey", "hello", "if you are",
        "if you're", "you are", "as an",
    ),
    cumulative_words=_words(
        "killed dead died deaths death toll injured wounded hurt missing arrested detained infected cases evacuated "
        "displaced rescued casualties victims"
    ),
    generic_nouns=_words(
        "people persons person others ones individuals those members member staff colleagues crew children adults men "
        "women dead deaths death toll casualties victims fatalities injured injuries wounded"
    ),
    quantity_nouns=_words("number total count tally toll figure"),
    relative_words=_words("which who whom whose"),
    light_verbs=_words("be have do get make take give go come say tell"),
    value_verbs=_words(
        "be remain stay stand become rise climb grow increase double triple halve fall drop decline decrease reach jump "
        "soar swell surge top exceed"
    ),
    set_apart_words=_words("other further additional more remaining new another extra separate"),
    irrealis_marks=_words("if unless until till before whether once lest"),
    person_noun_endings=("ers", "ors", "ists", "ians", "ants", "ents", "ees", "er", "or", "ist", "ian", "ant", "ent", "ee"),
    byline_roles=(
        "staff writer", "senior writer", "writer", "correspondent", "reporter", "editor", "contributor", "columnist",
        "bureau chief", "staff", "special to",
    ),
    title_words=_words(
        "president vice prime minister secretary general secretary-general mr mrs ms miss dr prof professor "
        "former senator sen rep representative congressman congresswoman chancellor king queen prince princess "
        "pope sir lord lady dame chair chairman chairwoman spokesperson spokesman spokeswoman ambassador governor "
        "gov mayor envoy special deputy chief commander gen col lt capt sgt officer detective inspector "
        "commissioner superintendent constable judge justice attorney premier leader head director minister's "
        "president's assistant acting interim foreign defence defense state the of sergeant captain lieutenant "
        "colonel corporal major councillor councilor alderman bishop archbishop rabbi imam reverend rev"
    ),
    title_connectors=_words("of for"),
    name_suffixes=_words("jr jr. sr sr. ii iii iv"),
    name_joiners=("of", "de", "for"),
    role_connectors=("of",),
    name_particles=_words("de van der von la le da del bin al ibn di du dos das"),
    quote_marks=(
        ("``", ("''",)), ("\u201c", ("\u201d",)), ("\u201e", ("\u201c", "\u201d")), ("\u00ab", ("\u00bb",)),
        ('"', ('"',)), ("\u2018", ("\u2019",)), ("\u201a", ("\u2018", "\u2019")), ("'", ("'",)),
    ),  # fmt: skip
    apostrophes="\u2019'",
    quote_verbs=_words(
        "adding writing noting insisting declaring arguing urging cautioning warning claiming announcing "
        "reporting explaining describing confirming acknowledging suggesting stressing mentioning recalling "
        "replying asking stating tweeting posting underlining underlined underlines underscoring underscored "
        "underscores emphasising emphasised emphasises emphasizing emphasized emphasizes pointing pointed points "
        "vowing vowed vows promising promised promises admitting admitted admits conceding conceded concedes "
        "expressing expressed expresses repeating repeated repeats reiterating reiterated reiterates "
        "predicting predicted predicts pledging pledged pledges agreeing agreed agrees disagreeing disagreed "
        "disagrees"
    ),
    judgement_verbs=_words(
        "described describes describing called calls calling termed terms dubbed branded labelled labeled "
        "found finds deemed deems considered considers hailed hails praised praises"
    ),
    naming_words=frozenset(
        ("called", "dubbed", "named", "so-called", "nicknamed", "titled", "entitled", "known as", "branded",
         "labelled", "labeled", "termed", "dubbed as")
    ),  # fmt: skip
    conjunctions=_words("and or nor"),
    possessive_endings=("'s", "\u2019s", "s'", "s\u2019"),
    participle_endings=("ing",),
    adverb_endings=("ly",),
    complementizers=_words("that"),
    according_phrases=("according to",),
    auxiliaries=_words(
        "is are was were am be been has have had do does did will would shall should can could may might must"
    ),
    passive_auxiliaries=_words("is are was were be been being am get gets got"),
    subordinators=_words(
        "after while when if because although though as since before until once whereas unless which where"
    ),
    prepositions=_words(
        "in on at for with by from after before about into over under against between among during without "
        "within through toward towards across behind beyond despite near upon via amid ahead of to along around "
        "beside throughout past onto above below"
    ),
    verb_adverbs=_words("also then later again likewise still already just only even never not once first further now"),
    organisation_words=_words(
        "ministry department office agency company firm bank government council committee commission court "
        "army navy police service services party union association institute university authority board fund "
        "organisation organization federation network group corporation corp inc ltd plc news press times post "
        "administration cabinet parliament congress senate embassy secretariat newspaper channel broadcaster "
        "industries holdings motors airlines airways energy systems technologies pharmaceuticals chemicals "
        "partners capital foods laboratories media communications railways air alliance survey hospital college "
        "school academy foundation trust society club league bureau directorate coalition lines construction "
        "shipping insurance group guard force operator lender carrier retailer manufacturer insurer utility charity "
        "cooperative co-operative consortium publisher rail tribune gazette herald courier chronicle journal "
        "observer telegraph express ledger rescue engineering radio television tv"
    ),
    male_words=_words(
        "mr mr. sir lord son husband father brother boy man grandfather grandson uncle nephew king prince "
        "stepfather stepson widower"
    ),
    female_words=_words(
        "mrs mrs. ms ms. miss dame lady daughter wife mother sister girl woman grandmother granddaughter aunt "
        "niece queen princess stepmother stepdaughter widow"
    ),
    male_pronouns=_words("he him his himself"),
    female_pronouns=_words("she her hers herself"),
    place_words=_words(
        "street road avenue lane boulevard square plaza quay walk way row river strait sea bay gulf ocean "
        "harbour harbor district quarter island islands valley mountain mountains hill hills park bridge "
        "cathedral church chapel mosque temple synagogue hall stadium arena station terminal trench coast county "
        "province region city town village market tower palace castle field fields lake canal peninsula parade "
        "esplanade promenade point bend house wharf pier dock docks marina beach cliffs moor forest gate cross "
        "crossing junction crescent terrace drive close green"
    ),
    place_openers=_words(
        "port mount lake cape fort river upper lower north south east west st. saint san santa "
        "northern southern eastern western central"
    ),
    place_nouns=_words("capital city town village country province region state island district port county river"),
    place_prepositions=_words("from to into across toward towards between around throughout via"),
    demonym_endings=_words("n an ian ean ese ish i"),
    place_attributes=_words(
        "government economy history capital president parliament army border borders coast north south east west "
        "people population borrowing budget debt biggest largest second-largest main interior regions cities towns "
        "central bank currency"
    ),
    organisation_names=_words(
        "reuters bloomberg afp ap tass interfax xinhua bbc cnn nbc cbs abc pentagon nato"
    ),
    statement_nouns=_words(
        "statement statements post posts remarks comments message letter speech tweet address interview"
    ),
    entity_aliases={
        "u.s.": "united states", "us": "united states", "usa": "united states", "u.s.a.": "united states",
        "america": "united states", "united states of america": "united states", "u.k.": "united kingdom",
        "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
        "eu": "european union", "e.u.": "european union", "un": "united nations", "u.n.": "united nations",
    },  # fmt: skip
)
