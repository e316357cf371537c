"""Words that name happenings: event verbs with the title they give, and event nouns.

A verb entry maps a lemma to a title template: ``{obj}`` is the verb's object noun phrase,
``{with}`` the people met. A template of ``None`` means "the object itself names the
happening" ("attend the Paris Peace Forum" -> "Paris Peace Forum").
"""

from __future__ import annotations

#: lemma -> (title template, particles/prepositions the verb takes before its object)
VERBS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "meet": ("Meeting with {obj}", ("with",)),
    "sit": ("Meeting with {obj}", ("down for", "down with", "down")),
    "talk": ("Talks with {obj}", ("with",)),
    "visit": ("Visit to {obj}", ()),
    "tour": ("Tour of {obj}", ()),
    "attend": (None, ()),
    "participate": (None, ("in",)),
    "take": (None, ("part in",)),
    "join": ("{obj}", ()),
    "deliver": (None, ()),
    "give": (None, ()),
    "hold": (None, ()),
    "host": (None, ()),
    "chair": (None, ()),
    "headline": (None, ()),
    "stage": (None, ()),
    "organise": (None, ()),
    "organize": (None, ()),
    "arrive": ("Arrival in {obj}", ("in", "at", "on")),
    "land": ("Arrival in {obj}", ("in", "at")),
    "return": ("Return to {obj}", ("to", "home to", "home")),
    "travel": ("Trip to {obj}", ("to", "back to")),
    "fly": ("Trip to {obj}", ("to", "back to")),
    "head": ("Trip to {obj}", ("to", "back to")),
    "walk": ("Walkout by {obj}", ("out",)),
    "depart": ("Departure from {obj}", ("from",)),
    "leave": ("Departure from {obj}", ("for",)),
    "speak": ("Speech {obj}", ("at", "to", "before")),
    "address": ("Address to {obj}", ()),
    "testify": ("Testimony before {obj}", ("before", "to")),
    "sign": ("Signing of {obj}", ()),
    "open": ("Opening of {obj}", ()),
    "inaugurate": ("Inauguration of {obj}", ()),
    "unveil": ("Unveiling of {obj}", ()),
    "launch": ("Launch of {obj}", ()),
    "present": ("Presentation of {obj}", ()),
    "release": ("Release of {obj}", ()),
    "publish": ("Publication of {obj}", ()),
    "announce": ("Announcement of {obj}", ()),
    "vote": ("Vote on {obj}", ("on",)),
    "debate": ("Debate on {obj}", ()),
    "hear": ("Hearing on {obj}", ()),
    "rule": ("Ruling on {obj}", ("on",)),
    "celebrate": ("Celebration of {obj}", ()),
    "bless": ("Blessing of {obj}", ()),
    "commemorate": ("Commemoration of {obj}", ()),
    "mark": ("Commemoration of {obj}", ()),
    "honour": ("Ceremony honouring {obj}", ()),
    "honor": ("Ceremony honoring {obj}", ()),
    "perform": ("Performance {obj}", ("at", "in")),
    "gather": ("Gathering {obj}", ("at", "in", "outside", "on")),
    "proceed": ("Trip to {obj}", ("to", "on to")),
    "play": ("Match against {obj}", ("against",)),
    "strike": ("Strike", ()),
    "march": ("March {obj}", ("on", "to", "through")),
    "rally": ("Rally {obj}", ("in", "at")),
    "protest": ("Protest against {obj}", ("against",)),
    "close": ("Closure of {obj}", ()),
    "reopen": ("Reopening of {obj}", ()),
    "begin": ("Start of {obj}", ()),
    "commence": ("Start of {obj}", ()),
    "start": ("Start of {obj}", ()),
    "resume": ("Resumption of {obj}", ()),
    "welcome": ("Welcome for {obj}", ()),
    "receive": ("Reception of {obj}", ()),
    "interview": ("Interview with {obj}", ()),
    "brief": ("Briefing for {obj}", ()),
    "schedule": (None, ()),
    "report": (None, ()),
    "discuss": ("Discussion of {obj}", ()),
    "sentence": ("Sentencing of {obj}", ()),
    "go": ("Trip to {obj}", ("to",)),
    "convene": ("Meeting of {obj}", ()),
    "dine": ("Dinner with {obj}", ("with",)),
    "lay": ("Wreath-laying {obj}", ("a wreath at", "a wreath on", "a wreath")),
    "plant": ("Tree planting {obj}", ("a tree at", "a tree in", "a tree on", "a tree")),
    "broadcast": ("Broadcast of {obj}", ()),
    "screen": ("Screening of {obj}", ()),
    "premiere": ("Premiere of {obj}", ()),
    "debut": ("Debut of {obj}", ()),
    "auction": ("Auction of {obj}", ()),
    "preside": (None, ("at", "over")),
    "end": ("End of {obj}", ()),
    "stand": ("{obj} steps down", ("down", "aside")),
    "lie": ("Lying in state", ("in state",)),
    "continue": ("Trip to {obj}", ("on to", "to")),
    "process": ("Procession to {obj}", ("to",)),
    "step": ("{obj} steps down", ("down", "aside")),
    "conclude": ("Conclusion of {obj}", ()),
    "lead": (None, ()),
}

#: Irregular verb forms -> lemma (regular -s/-es/-ed/-ing forms are handled by rules).
IRREGULAR = {
    "met": "meet", "sat": "sit", "sitting": "sit", "gave": "give", "given": "give",
    "held": "hold", "led": "lead", "took": "take", "taken": "take", "flew": "fly",
    "flown": "fly", "flies": "fly", "left": "leave", "spoke": "speak", "spoken": "speak",
    "heard": "hear", "began": "begin", "begun": "begin", "beginning": "begin",
    "laid": "lay", "laying": "lay", "lays": "lay", "running": "run", "ran": "run",
    "hosting": "host", "stopping": "stop", "planning": "plan", "dining": "dine",
    "making": "make", "having": "have", "coming": "come", "came": "come",
    "arriving": "arrive", "leaving": "leave", "closing": "close", "debating": "debate",
    "voting": "vote", "ruling": "rule", "striking": "strike", "struck": "strike",
    "organising": "organise", "organizing": "organize", "staging": "stage",
    "celebrating": "celebrate", "commemorating": "commemorate", "participating": "participate",
    "delivering": "deliver", "giving": "give", "taking": "take", "facing": "face",
    "releasing": "release", "receiving": "receive", "convening": "convene",
    "welcoming": "welcome", "unveiling": "unveil", "inaugurating": "inaugurate",
    "premiering": "premiere", "debuting": "debut", "auctioning": "auction",
    "testifies": "testify", "testified": "testify", "testifying": "testify",
    "rallying": "rally", "rallies": "rally", "rallied": "rally",
    "lying": "lie", "lies": "lie", "lay in": "lie",
}

#: Nouns that name a happening, matched case-insensitively as the head of a noun phrase.
NOUNS = frozenset(
    """meeting meetings summit conference forum ceremony ceremonies dinner lunch luncheon
    breakfast reception visit trip tour talks speech remarks address hearing trial vote votes
    election elections referendum strike walkout stoppage march protest rally parade festival
    concert match game launch liftoff lift-off opening premiere exhibition briefing debate
    session vigil funeral memorial commemoration celebration inauguration gala auction congress
    convention assembly symposium workshop seminar meetup hackathon race marathon tournament
    championship ceremony commemorations negotiations consultations roundtable round-table
    sitting plenary wedding coronation state-visit fair expo
    screening performance recital broadcast runoff run-off ballot primary caucus
    call event keynote preview unveiling presentation market fete fête carnival hearing
    sentencing banquet fireworks assessment inspection deadline mass liturgy vespers
    procession signing exhibit release relay welcome campaign campaigning registration
    voting counting exam exams examination examinations prayer prayers sermon stoning audience
    pilgrimage closure closures""".split()
)

#: Verbs that report speech: their own date is when something was said, not a happening.
REPORTING = frozenset(
    """said says say told tells added adds announced announces confirmed confirms stated
    states noted notes declined declines explained explains according reported reports
    wrote writes insisted insists argued argues warned warns claimed claims""".split()
)

#: Words that end an object noun phrase (the start of an adjunct or a new clause).
PHRASE_STOPS = frozenset(
    """alongside before after following during while when where which who whom whose that
    as because since until till so but then amid despite including ahead against to where
    together no""".split()
)

#: Phrases that move a happening: the date after them replaces any earlier one.
RESCHEDULE = (
    "postponed", "delayed", "pushed back", "moved", "rescheduled", "brought forward",
    "put off", "deferred", "shifted",
)
CANCEL = ("cancelled", "canceled", "called off", "scrapped", "scrubbed", "axed", "abandoned")
