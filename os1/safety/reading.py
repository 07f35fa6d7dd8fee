"""A structured reading of one message on its dependency parse: who, intent, means, time, negation, hedges.

What it holds: `Reading` (the slots below, and `features()`, the fixed-order vector the learned model in
`os1.safety.model` takes beside the sentence embedding), `read(text)` and `gate(text)`, a cheap lexical
test that decides whether a message is worth parsing at all (most everyday chat is not).

Slots, each read from the parse rather than from the raw string where the parse helps:
  who      self | other (a friend, a child: the subject of the risk clause is a third person) |
           character (a book, film, song, game, the news) | professional (a nurse, a trainer, a researcher)
  intent   want (want, wish, hope, rather) | plan (going to, will, decided, planning) |
           prepared (have, got, bought, saved, ready, written, given away) | done (took, cut, swallowed)
  means    pills, rope/ligature, gun, blade, height, train, vehicle, water, gas — named in the message
  time     now | tonight | soon | past
  negated  the risk clause is denied ("I'm not suicidal", "I would never...")
  hedge    a joke marker (lol, haha, 😂, jk) or hyperbole about something trivial
and topic flags: death talk, burden, farewell, self-harm, ordinary purpose ("for the camping trip").

What it leaves out: the level (os1.safety.risk combines this with its rules and the learned model) and any
learning; the lexicons are hand-written. It uses the shared spaCy pipeline without NER or the lemmatizer,
which is all it needs and halves the parse time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# --- lexicons (lower-case surface forms; the lemmatizer is not run) -------------------------------------

MEANS: dict[str, tuple[str, ...]] = {
    "pills": ("pill", "pills", "tablet", "tablets", "meds", "medication", "paracetamol", "tylenol", "insulin",
              "sertraline", "antidepressants", "painkillers", "oxy", "morphine", "overdose", "od", "bottle",
              "blister", "prescription", "sleeping"),
    "ligature": ("rope", "noose", "belt", "cord", "ligature", "hang", "hanging", "hook", "knot", "tie"),
    "gun": ("gun", "guns", "pistol", "rifle", "shotgun", "firearm", "bullets", "loaded"),
    "blade": ("knife", "knives", "blade", "blades", "razor", "razors", "wrist", "wrists"),
    "height": ("bridge", "roof", "ledge", "balcony", "cliff", "cliffs", "edge", "railing", "overpass", "windowsill",
               "pier",
               "jump", "jumping", "tower", "storey", "car park"),
    "train": ("train", "trains", "tracks", "platform", "station", "railway", "lorry", "motorway"),
    "vehicle": ("engine", "hose", "exhaust", "garage", "swerve", "swerving", "crash", "barrier"),
    "water": ("river", "sea", "lake", "drown", "drowning", "hairdryer"),
    "gas": ("charcoal", "bleach", "gas", "tent", "bag", "tape"),
}
_MEANS_WORD = {w: kind for kind, words in MEANS.items() for w in words if " " not in w}

_DEATH = re.compile(
    r"\b(die|dying|dead|death|suicid\w*|kill\w*\s+(my|him|her|them)sel(f|ves)|kms|unalive\w*|ending\s+it(\s+all)?|"
    r"end\s+(it|it\s+all|"
    r"my\s+life|things)|take\s+my\s+(own\s+)?life|not\s+(wake|waking)\s+up|stop\s+existing|not\s+exist|"
    r"not\s+be\s+(here|around|alive)|gone\s+by|be\s+gone|over\s+for\s+good|my\s+(own\s+)?funeral|never\s+been\s+born|"
    r"takes?\s+me\s+in\s+my\s+sleep|not\s+being\s+here|wasn'?t\s+around|was\s+gone|disappear\w*|no\s+future|"
    r"had\s+enough|(don'?t|didn'?t|not|never)\s+(wake|woken|waking)\s+up|stop\s+for\s+good|all\s+to\s+stop|"
    r"hit\s+by\s+a\s+(bus|car|truck|lorry|train)|(plane|car)\s+crash\w*|done\s+existing|make\s+it\s+to\s+my\s+next|"
    r"something\s+happen\w*\s+to\s+me|until\s+it\s+ends|ended\s+sooner|(cancer|illness|it)\s+comes?\s+back\s+so|"
    r"see\s+another\s+(year|spring|christmas|birthday)|n'?t\s+want\s+to\s+(wake\s+up|be\s+alive|live|be\s+here|exist)|"
    r"how\s+(he|she|i)'?d\s+do\s+it|none\s+of\s+this\s+will\s+matter|won'?t\s+matter\s+(after|any\s*more)|(was|were)\s*n'?o?t\s+(around|here|in\s+it)|not\s+around|not\s+be\s+here|won'?t\s+be\s+(here|around)|better\s+if\s+i\s+went|not\s+(to\s+)?wake)\b"
)
_BURDEN = re.compile(
    r"\b(burden|better\s+off\s+without|without\s+me|dead\s+weight|drain\s+on|dragging\s+(them|everyone)\s+down|"
    r"in\s+the\s+way|taking\s+up\s+space|lighter\s+without|relieved\s+if|the\s+problem|doing\s+them\s+a\s+favour|"
    r"get\s+over\s+it|miss\s+me|no\s+room\s+for\s+me|by\s+being\s+here|having\s+me\s+around|anyone'?s\s+problem|"
    r"the\s+reason\s+everyone|making\s+it\s+worse\s+for\s+everyone|mercy\s+for|move\s+on\s+(quicker|faster)|"
    r"then\s+relieved|deserve\s+better\s+than\s+(me|having))\b"
)
_FAREWELL = re.compile(
    r"\b(goodbye|good\s*bye|farewell|my\s+last\s+night|sorry\s+for\s+everything|will\s+and\s+testament|"
    r"giv\w*\s+(away\s+)?(his|her|their|all)\s+(\w+\s+)?(things|stuff|belongings|possessions|tools|clothes|books)|"
    r"tell\s+(my|everyone|them)\s+(\w+\s+)?(i'?m\s+sorry|i\s+love)|wasn'?t\s+(her|his|your|their)\s+fault|"
    r"nobody\s+(will\s+look\s+for|knows\s+i'?m|will\s+find)|after\s+i'?m\s+gone|find\s+it\s+after|read\s+after|"
    r"made\s+my\s+peace|who\s+gets\s+my|remember\s+me\s+by|said\s+goodbye|saying\s+goodbye|"
    r"if\s+anything\s+happens\s+to\s+me|so\s+he'?ll\s+be\s+alright|so\s+she'?ll\s+be\s+alright|"
    r"everything\s+in\s+order|won'?t\s+need\s+(a|my|the|any)\s+\w+\s+next\s+(winter|summer|year|month|week|time))\b"
)
_FAREWELL_SOON = re.compile(
    r"\b(after\s+tonight|tonight|by\s+tomorrow|by\s+the\s+weekend|this\s+week\s+is\s+the\s+last)\b"
)
# Farewell words of every day (a letter, a note, the date, my savings): a farewell only beside talk of dying
# or being a burden, with another such word, or with "tonight"; a cover letter or a note to the plumber is not one.
_FAREWELL_WEAK = re.compile(
    r"\b(last\s+(message|time)|thank\s+you\s+for\s+everything|letters?|notes?|(my|a|the)\s+will|passwords|"
    r"giv(e|ing|en)\s+(away|my)|gave\s+(away|my)|won'?t\s+need|won'?t\s+be\s+needing|in\s+order|loose\s+ends|"
    r"one\s+last\s+time|the\s+date|life\s+insurance|funeral|new\s+home\s+for|explaining\s+why|or\s+ever|"
    r"go\s+out\s+after|last\s+wages|apologi[sz]ed\s+to|my\s+savings|my\s+debts|when\s+they'?re\s+older|"
    r"enough\s+food\s+for)\b"
)
_SELF_HARM = re.compile(
    r"\b(cut|cuts|cutting|carv\w+|burn\w*|scratch\w*|bleed\w*|blood|bruis\w*|punch\w*|hit(ting)?\s+my\s*self|"
    r"bang\w*|bite|starv\w+|sh|self[\s-]?harm\w*|hurt\w*\s+(my|her|him|them)\s*sel(f|ves)|relapsed|pull\w*\s+my\s+hair|"
    r"long\s+sleeves|hide\s+(my|the)\s+(arms|scars|cuts|wrists)|nobody\s+sees\s+my|wrists?\s+(are|is)\s+a\s+mess|"
    r"head\s+against)\b"
)
# Cutting as the act itself ("I've been cutting again", "I cut tonight"), not "cutting it fine".
# Acts that are self-harm without naming a body part or "myself".
_SH_ACTS = re.compile(r"\b(blood\s+everywhere|bleeding\s+through|won'?t\s+stop\s+bleeding|compass\s+into|"
                      r"kettle\s+on\s+my|"
                      r"hot\s+spoon|pulling\s+my\s+hair\s+out|starving\s+(my|her|him)self|(she|he)('s|\s+is|\s+has)?\s+(been\s+)?"
                      r"cutting|(her|him|them)sel(f|ves))\b")
_CUTTING = re.compile(r"\b(i|i'?ve\s+been|been|i'?m|started|stop|to)\s+(cutting|cut)\b"
                      r"(?!\s+(it|the|my\s+hair|down|out|back|"
                      r"off|in|up|class))")
_BODY = re.compile(r"\b(arms?|wrists?|thighs?|legs?|skin|knuckles|stomach|hand|head|scars?|sleeves)\b")
_JOKE = re.compile(
    r"(\blol+\b|\blmf?ao+\b|\bha(ha)+\b|\bhehe\b|\bjk\b|/j\b|\bxd\b|😂|🤣|💀|🙃|😭|\bnot\s+really\s+lol\b|\brofl\b|"
    r"\bjoke\b|\bjoking\b|\bkidding\b)", re.IGNORECASE,
)
_CHARACTER = re.compile(
    r"\b(book|novel|film|movie|show|series|episode|song|lyrics?|chorus|verse|sings|sang|quote|poem|poems|play|opera|game|character|scene|"
    r"chapter|(the|a)\s+story|fanfic|documentary|podcast|article|news|radio|headline|hamlet|romeo|juliet|shakespeare|plath|"
    r"villain|hero|detective|essay|comic|marvel|netflix|read\s+about|celebrity|history\s+lesson)\b"
)
_PROFESSIONAL = re.compile(
    r"\b(as\s+a\s+(nurse|doctor|gp|pharmacist|paramedic|vet|counsellor|counselor|teacher|firefighter|"
    r"hospice\s+nurse|police\s+officer|train\s+driver|volunteer)|i'?m\s+a\s+(nurse|doctor|pharmacist|paramedic|"
    r"counsellor|crisis\s+line\s+volunteer|train\s+driver|firefighter|vet)|patients?|training|course|module|"
    r"lecture|research|dissertation|policy|safeguarding|on\s+shift|awareness|wellbeing\s+team|workshop|ward|coroner|first[\s-]aid|er\b|clinic)\b"
)
_PURPOSE = re.compile(
    r"\b(for\s+(the|my|a)\s+(new\s+)?(camping|garden|barbecue|bbq|allotment|kitchen|boat|tree\s+swing|migraine|jet\s+lag|"
    r"climbing|dog|cat|pumpkin|trip|wedding|charity|time\s+capsule|postman)|because\s+(we'?re|i'?m)\s+moving|"
    r"moving\s+(abroad|house|tomorrow|out)|new\s+job|leaving\s+do|decluttering|upgraded|for\s+charity|"
    r"the\s+view|taking\s+photos|fixing\s+the|handing\s+it\s+in|routine|backpacking|holiday|off\s+to|the\s+move|"
    r"moving\s+to|we'?re\s+moving|last\s+day|leaving\s+(party|do|card)|(for|before)\s+(my|the)\s+(surgery|operation)|dentist|pharmacy|wisdom\s+tooth|"
    r"new\s+project|the\s+baby|budget|finance|oven|tray|chopping|cooking|by\s+accident|accidentally|clumsy|"
    r"slipped|why\s+am\s+i\s+like\s+this|the\s+solicitor|for\s+a\s+walk|walk\s+with\s+the\s+dog|running\s+late|"
    r"commute|organiser|the\s+wedding|thank\s+you\s+(letters|cards)|"
    r"password\s+manager|selling\s+the\s+car|never\s+used\s+it|the\s+old\s+one\s+broke|broke)\b"
)
_THIRD = re.compile(
    r"\b(my|our|a|the)\s+(\w+\s+)?(friend|mate|son|daughter|kid|child|teenager|teen|brother|sister|twin|mum|mom|"
    r"dad|father|mother|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|flatmate|roommate|student|pupil|"
    r"nephew|niece|cousin|aunt|uncle|grandad|grandma|nan|coworker|colleague|neighbour|neighbor|girl|boy|guy|"
    r"someone|somebody)\b|\bsomeone\s+in\s+my\b|\bhe|she|they\b"
)
_THIRD_SUBJ = {"he", "she", "old", "friend", "mate", "son", "daughter", "kid", "child", "teenager", "brother",
               "sister", "twin", "mum", "mom", "dad", "father", "mother", "husband", "wife", "partner", "boyfriend",
               "girlfriend", "bf", "gf", "ex", "flatmate", "roommate", "student", "pupil", "nephew", "niece",
               "cousin", "aunt", "uncle", "grandad", "grandma", "nan", "coworker", "colleague", "neighbour",
               "neighbor", "girl", "boy", "guy", "someone", "somebody", "teen"}
_FIRST = {"i", "me", "my", "myself", "im", "i'm", "ive", "i've", "i'd", "i'll", "mine"}
_WANT = {"want", "wanna", "wants", "wish", "wishing", "hope", "hoping", "rather", "pray", "need", "crave"}
_PLAN = {"going", "gonna", "will", "'ll", "ll", "plan", "planning", "planned", "decided", "decide", "ready",
         "chosen", "picked", "booked", "scheduled", "set"}
_PREPARED = {"have", "got", "bought", "saved", "stockpiled", "ordered", "counted", "lined", "laid", "written",
             "wrote", "tied", "researched", "filled", "found", "kept", "sorted", "gave", "given", "giving", "left",
             "cancelled", "paid", "cleaned", "deleted", "sent", "picked", "loaded", "hid", "hidden", "holding",
             "unscrewed", "attached", "plugged", "finished", "sealed", "scheduled", "put", "returned", "told",
             "recorded", "made", "arranged", "signed", "changed", "booked", "texted", "emailed", "tidied", "packed"}
_DONE = {"took", "taken", "swallowed", "cut", "burned", "burnt", "slit", "overdosed", "tried", "relapsed",
         "did", "used", "carved", "hit", "punched", "pressed", "scratched", "bleeding"}
# A means located somewhere ("the rope is in the boot", "my tablets are under my pillow") is at hand.
_AT_HAND = re.compile(r"\b(is|are|'s|'re|sitting|waiting)\s+(all\s+)?(right\s+)?(on|in|under|next\s+to|by|beside|"
                      r"in\s+front\s+of|"
                      r"there|for\s+me)\b")
# Fixation on a means or an act: "I keep staring at the hook", "thinking about swerving into a lorry".
_FIXATION = re.compile(r"\b(keep|kept|been|can'?t\s+stop)\s+(\w+ing)\s+(at|about|over)\b|"
                       r"\bthinking\s+about\s+(just\s+)?"
                       r"\w+ing\b|\bi\s+could\s+just\b|\bi\s+know\s+(exactly\s+)?(which|where|how|what\s+time)\b|"
                       r"\bthat'?s\s+where\b|\btesting\s+how\b|\bdoing\s+the\s+maths\b|\b(talking|talked|talks|thought|thinking|"
                       r"searching|searched|googling|looking\s+up)\s+(about\s+|how\s+to\s+)?(jumping|killing|ending|dying|"
                       r"suicide|hanging|overdos\w+|tie|driving|walking|taking|cutting)\b")
_NOW = re.compile(r"\b((engine|car)\s+running|long\s+way\s+down|looking\s+down|this\s+is\s+it|"
                  r"nobody\s+knows\s+i'?m\s+here|waiting\s+for\s+me|not\s+scared\s+any\s*more|everyone'?s\s+asleep|"
                  r"right\s+now|now|rn|at\s+the\s+moment|in\s+front\s+of\s+me|in\s+my\s+hand|next\s+to\s+me|"
                  r"i'?m\s+(on|at|standing|sitting|sat|in)\b|sat\s+(on|in)|standing\s+(on|at))\b")
_TONIGHT = re.compile(r"\b(tonight|this\s+evening|today|when\s+everyone'?s\s+asleep|after\s+everyone|by\s+morning|"
                      r"3am|this\s+is\s+it|the\s+night)\b")
_SOON = re.compile(r"\b(tomorrow|this\s+weekend|weekend|friday|saturday|sunday|monday|next\s+week|soon|after\s+my|"
                   r"the\s+date|anniversary)\b")
_PAST = re.compile(r"\b(used\s+to|years?\s+ago|when\s+i\s+was|in\s+my\s+(teens|twenties)|back\s+then|"
                   r"haven'?t\s+\w+\s+in|clean\s+for|since\s+i\s+was)\b")
_NEG_WORDS = {"not", "n't", "never", "no", "nt"}
_RISK_PREDICATES = {"suicidal", "kill", "hurt", "harm", "cut", "die", "self"}
_DENIAL = re.compile(
    r"\b(i'?m|i\s+am|im)\s+(honestly\s+|definitely\s+|really\s+|absolutely\s+)?not\s+(suicidal|going\s+to|gonna|"
    r"planning|thinking|in\s+(any\s+)?danger|a\s+danger|self|depressed|going)|\b(i\s+would|i'?d|i\s+could|i\s+won'?t|"
    r"i'?m)\s+never\s+(ever\s+)?(kill|hurt|harm|do|take|end|cut|consider|go|want)|\bi\s+(would|could)\s*n'?t\s+ever\b|\bnever\s+(wanted|been\s+suicidal|would)\b|"
    r"\bno\s+(plans|thoughts|way\s+i'?d)\b|\b(don'?t|do\s+not)\s+(cut|self[\s-]?harm|have\s+any\s+thoughts)\b|"
    r"\b(isn'?t|is\s+not)\s+something\s+i'?d\b|\bhaven'?t\s+(been\s+cutting|self[\s-]?harmed)\b|\bi'?m\s+safe\b|"
    r"\bnot\s+like\s+i\s+want\b|\b(no|nope),?\s+never\b|\bhonestly\s+no\b|\bnot\s+that\s+i\s+want\b|\bi\s+(do\s+not|don'?t)\s+want\s+to\s+die\b"
)
_HYPERBOLE_IF = re.compile(r"\bif\s+(i\s+have\s+to|he\s+plays|i\s+see|i\s+eat|this|the|one\s+more|my)\b")

@dataclass
class Reading:
    """What one message says, slot by slot (see the module docstring)."""

    who: str = "self"
    intent: set[str] = field(default_factory=set)
    means: set[str] = field(default_factory=set)
    time: set[str] = field(default_factory=set)
    negated: bool = False
    hedge: bool = False
    death: bool = False
    burden: bool = False
    farewell: bool = False
    self_harm: bool = False
    purpose: bool = False
    first_person: bool = False
    question: bool = False

    FEATURES: tuple[str, ...] = (
        "who_self", "who_other", "who_character", "who_professional",
        "want", "plan", "prepared", "done",
        "means_any", "means_pills", "means_ligature", "means_gun", "means_blade", "means_height", "means_train",
        "means_vehicle", "means_water", "means_gas",
        "now", "tonight", "soon", "past",
        "negated", "hedge", "death", "burden", "farewell", "self_harm", "purpose", "first_person", "question",
    )

    def features(self) -> list[float]:
        """The slots as 0/1 in the order of `FEATURES` (the learned model's side input)."""
        on = {
            f"who_{self.who}", *self.intent, *(f"means_{m}" for m in self.means), *self.time,
        }
        if self.means:
            on.add("means_any")
        for name in ("negated", "hedge", "death", "burden", "farewell", "self_harm", "purpose", "first_person",
                     "question"):
            if getattr(self, name):
                on.add(name)
        return [1.0 if f in on else 0.0 for f in self.FEATURES]

    def to_dict(self) -> dict[str, Any]:
        return {"who": self.who, "intent": sorted(self.intent), "means": sorted(self.means), "time": sorted(self.time),
                "negated": self.negated, "hedge": self.hedge}


def gate(normalised: str) -> bool:
    """Is the message worth a parse and an embedding? (False for most everyday chat.)

    Only the reading's own lexicons open it (death, burden, farewell, self-harm, fixation, means): without
    any of them the reading could add nothing to the rules, so the parse and the embedding are skipped.
    """
    if _DEATH.search(normalised) or _BURDEN.search(normalised) or _FAREWELL.search(normalised) \
            or _FAREWELL_WEAK.search(normalised):
        return True
    if _SELF_HARM.search(normalised) or _SH_ACTS.search(normalised) or _FIXATION.search(normalised):
        return True
    return "car park" in normalised or any(w in _MEANS_WORD for w in re.findall(r"[a-z]+", normalised))


def _parse(text: str) -> Any:
    from os1.nlp.parser import get_nlp

    # NER and the lemmatizer are not needed here; skipping them halves the parse time.
    return get_nlp()(text, disable=["ner", "lemmatizer"])


def _who(doc: Any, low: str) -> str:
    """First person, someone else, a character or a professional: from the subjects of the verbs."""
    if _CHARACTER.search(low) and not re.search(r"\b(how\s+i\s+feel|that'?s\s+me|i\s+relate|same\s+here)\b", low):
        return "character"
    if _PROFESSIONAL.search(low) and not re.search(r"\bi\s+(want|wish|need)\s+to\s+die\b", low):
        return "professional"
    subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    # The person, anywhere: "I", "me", "my plants" — but not the "my" of "my friend".
    first = [t for t in doc if t.lower_ in _FIRST and not (t.dep_ == "poss" and t.head.lower_ in _THIRD_SUBJ)]
    third = [t for t in subjects if t.lower_ in _THIRD_SUBJ]
    if not third:
        return "self"
    # "my friend said she wants to die": the first subject is someone else, and "I" only reports it
    # ("I saw her arms", "I don't know what to do"). The person's own risk words keep it "self".
    if re.search(r"\b(kill|hurt|cut|harm)\w*\s+myself\b|\bi\s+(want|wish|need)\s+to\s+die\b|"
                 r"\bi'?m\s+(going|gonna)\s+to\s+(kill|end)\b|\bwithout\s+me\b", low):
        return "self"
    if not first or third[0].i < first[0].i:
        return "other"
    return "self"


def read(text: str) -> Reading:
    """The structured reading of `text` (already normalised or not; case is folded here)."""
    low = text.lower().replace("\u2019", "'")
    doc = _parse(low)
    r = Reading()
    r.who = _who(doc, low)
    r.first_person = any(t.lower_ in _FIRST for t in doc)
    r.question = "?" in low
    for tok in doc:
        w = tok.lower_
        if w in _MEANS_WORD:
            r.means.add(_MEANS_WORD[w])
        if w in _WANT:
            r.intent.add("want")
        elif w in _PLAN and (w != "going" or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to")):
            r.intent.add("plan")
        if w in _PREPARED and tok.pos_ in ("VERB", "AUX"):
            r.intent.add("prepared")
        if (w in _DONE and tok.tag_ in ("VBD", "VBN")) or w in ("bleeding",):
            r.intent.add("done")
        # Only a negation of the risk predicate itself is a denial: "I won't be around", "I'm not scared
        # anymore" and "so they don't end up in a skip" negate something else.
        if w in _NEG_WORDS and tok.dep_ == "neg" and tok.head.lower_ in _RISK_PREDICATES:
            r.negated = True
    if "car park" in low:
        r.means.add("height")
    if re.search(r"\btake\s+(everything|them\s+all|all\s+of\s+(them|it))\b", low):
        r.means.add("pills")
    if r.means and _AT_HAND.search(low):
        r.intent.add("prepared")
    if _FIXATION.search(low):
        r.intent.add("want")
    denial = _DENIAL.search(low)
    # "I'm not suicidal but everyone would be better off without me": what follows "but" is not denied.
    after_but = re.search(r"\bbut\b(.*)", low[denial.end():]) if denial else None
    rest = after_but.group(1) if after_but else ""
    risky_after = bool(_BURDEN.search(rest) or _DEATH.search(rest))
    r.negated = (r.negated or denial is not None) and not risky_after
    r.hedge = bool(_JOKE.search(text)) or bool(_HYPERBOLE_IF.search(low) and _JOKE.search(text))
    if _NOW.search(low):
        r.time.add("now")
    if _TONIGHT.search(low):
        r.time.add("tonight")
    if _SOON.search(low):
        r.time.add("soon")
    if _PAST.search(low):
        r.time.add("past")
    r.death = bool(_DEATH.search(low))
    r.burden = bool(_BURDEN.search(low))
    # A letter or a note is never one of two farewell words: "help me write a letter … since the funeral".
    weak = {m.group(0) for m in _FAREWELL_WEAK.finditer(low) if not re.fullmatch(r"letters?|notes?", m.group(0))}
    r.farewell = bool(_FAREWELL.search(low)) or bool(
        weak and (_DEATH.search(low) or _BURDEN.search(low) or len(weak) >= 2 or _FAREWELL_SOON.search(low))
    )
    r.self_harm = bool(_SELF_HARM.search(low) and (_BODY.search(low) or "myself" in low or "self" in low
                                                   or " sh " in f" {low} " or _CUTTING.search(low)
                                                   or _SH_ACTS.search(low)))
    r.purpose = bool(_PURPOSE.search(low))
    return r
