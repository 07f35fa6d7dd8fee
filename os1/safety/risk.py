"""Risk assessment for one message of the person, with the last few messages as context.

What it holds: `Risk` (level, kind, reasons, about), `assess()` and `combine()`, which joins three readers:
  1. hand-written rules over a normalised copy of the text (explicit and implicit suicidal thinking,
     self-harm, abuse at home, harm to others, medical emergencies; idioms, negations and quoted songs or
     films handled before any rule fires) — they also carry the context of earlier messages;
  2. the structured reading on the dependency parse (`os1.safety.reading`): who is at risk (the person,
     someone else, a character, a professional's case), intent (want, plan, prepared, done), means, time,
     an explicit denial, a joke marker or an ordinary purpose;
  3. the learned model (`os1.safety.model`): logistic regression over the MiniLM embedding, the reading's
     slots and the rules' level, trained on os1/safety/data/risk_corpus.jsonl.
A crisis (high or imminent) needs the model, the rules or a strong reading to say so and no veto from the
reading (a joke marker, a story, someone's job, an ordinary purpose, a denial, only the past). A weak
reading ("I bought a rope") counts only when the model gives it at least `model.POSSIBLE_FLOOR`. The
embedding is skipped when it could not change the answer. Without the model the rules and the reading
decide alone.

Levels, as used everywhere in OS1:
  none      nothing of concern
  low       ordinary distress, or a risk word in the past / negated / a joke / a story
  medium    hopelessness without talk of death; earlier messages raised concern
  high      suicidal thinking (passive or active), current self-harm, ongoing abuse, a credible threat;
            someone else at risk now (kind `other_at_risk`, about="other")
  imminent  means at hand or a plan with a time, an act in progress, danger in the room, a medical emergency

Kinds: suicide_self_harm (the person), other_at_risk (a friend, a child, a partner: the person needs what
to do now and the line to call for them), abuse_at_home, harm_to_others, medical_emergency.

What it leaves out: the reply (os1.safety.response), where the person is (os1.safety.places) and any
memory of earlier assessments (the caller passes `context`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from os1.safety.reading import Reading, gate, read

LEVELS: tuple[str, ...] = ("none", "low", "medium", "high", "imminent")
KINDS: tuple[str, ...] = ("suicide_self_harm", "other_at_risk", "harm_to_others", "abuse_at_home",
                         "medical_emergency")
_RANK = {name: i for i, name in enumerate(LEVELS)}


@dataclass(frozen=True)
class Risk:
    """The outcome of one assessment.

    `about` is "self" (the person's own safety) or "other" (someone the person is worried about).
    """

    level: str = "none"
    kind: str | None = None
    reasons: list[str] = field(default_factory=list)
    about: str = "self"

    @property
    def rank(self) -> int:
        return _RANK[self.level]

    @property
    def is_crisis(self) -> bool:
        """High or imminent: the safety layer builds or checks the reply."""
        return self.rank >= _RANK["high"]

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "kind": self.kind, "reasons": list(self.reasons), "about": self.about}


# --- signals --------------------------------------------------------------------------------------

# Signal categories. The level comes from the combination, not from one pattern alone.
IDEATION = "ideation"  # wanting to die, to kill oneself, not to exist
BURDEN = "burden"  # others better off without me, I'm a burden
FAREWELL = "farewell"  # goodbyes, giving things away, "when I'm gone"
SELF_HARM = "self_harm"  # current self-injury
MEANS = "means"  # lethal means at hand
PLAN = "plan"  # a decided plan, a note, a method chosen
TIMING = "timing"  # tonight, this weekend, after everyone's asleep
ACT = "act"  # an act in progress or just done
HOPELESS = "hopeless"  # hopelessness without death talk
DISTRESS = "distress"  # ordinary low mood
PAST = "past"  # history of risk, recovered; bereavement by suicide
ABUSE = "abuse"
ABUSE_NOW = "abuse_now"
HARM = "harm"  # intent to harm someone
HARM_NOW = "harm_now"
HARM_IDIOM = "harm_idiom"
HARM_MASS = "harm_mass"
MEDICAL = "medical"


@dataclass(frozen=True)
class Signal:
    category: str
    reason: str
    negated: bool = False
    about: str = "self"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    category: str
    reason: str
    negatable: bool = True


def _r(pattern: str, category: str, reason: str, negatable: bool = True) -> _Rule:
    return _Rule(re.compile(pattern), category, reason, negatable)


# Verb forms are tolerant (want|wants) because third-person clauses are rewritten to first person
# before matching ("she wants to kill herself" -> "i wants to kill myself") and then marked "other".
_SELF_RULES: tuple[_Rule, ...] = (
    # --- explicit ideation
    _r(r"\b(kill|killing|end|ending)\s+my\s*self\b", IDEATION, "talks about killing themself"),
    _r(r"\b(i'?m|i\s+am|feel|feels|feeling|felt|been|getting|so|very|be|being)\s+(really\s+|so\s+|quite\s+)?suicidal\b"
       r"|\bsuicidal\s+(thoughts|feelings|again|tonight|today)\b", IDEATION, "says they feel suicidal"),
    _r(r"\b(thinking|thought|thoughts|think)\s+(about|of)\s+(suicide|committing\s+suicide)\b|\bcommit\s+suicide\b",
       IDEATION, "talks about suicide"),
    _r(r"\b(killed|took)\s+myself\b|\btook\s+my\s+own\s+life\b|\b(died|death)\s+by\s+suicide\b|"
       r"\bcommitted\s+suicide\b", PAST, "has lost someone to suicide"),
    _r(r"\b(i'?m\s+going\s+to|i\s+will|i'?ll|i'?m\s+finally\s+going\s+to|going\s+to)\s+(finally\s+)?(kill\s+myself|"
       r"end\s+(it|this|my\s+life)|do\s+it|jump|hang|take\s+(the|my|all))\b", PLAN, "says they intend to act"),
    _r(r"\b(won'?t|don'?t\s+think\s+i'?ll|not\s+going\s+to)\s+be\s+(around|here|alive)\s+(much\s+longer|for\s+long|"
       r"by|after|next)\b", IDEATION, "does not expect to be alive", negatable=False),
    _r(r"\b(end|ending|take|taking)\s+my\s+(own\s+)?life\b", IDEATION, "talks about ending their life"),
    _r(r"\bend\s+it\s+all\b", IDEATION, "talks about ending it all"),
    _r(r"\b(end|ending|finish|finishing)\s+(it|this|things)\b(?!\s+with\b)(?=.*\b(tonight|today|for good|forever|"
       r"once and for all|got everything|have everything|pills|rope|gun)\b)",
       IDEATION, "talks about ending it"),
    _r(r"\bwants?\s+to\s+(die|be dead|not be alive|stop existing|not exist|be gone)\b", IDEATION,
       "says they want to die"),
    _r(r"\bwish(es)?\s+(i|that i)\s+(was|were|'d|had)\s+(dead|never been born|gone)\b", IDEATION,
       "wishes they were dead"),
    _r(r"\bwish(es)?\s+i\s+could\s+(just\s+)?(not\s+exist|disappear forever|die|stop existing)\b", IDEATION,
       "wishes they did not exist"),
    _r(r"\bbetter\s+off\s+dead\b", IDEATION, "says they would be better off dead"),
    _r(r"\b(do|does|did)\s*n[o']?t\s+want\s+to\s+(be\s+alive|live|exist|be\s+here)(\s+any\s*more)?\b", IDEATION,
       "says they don't want to be alive", negatable=False),
    _r(r"\b(tired|sick)\s+of\s+(being\s+alive|living|life|existing)\b", IDEATION, "says they are tired of living"),
    _r(r"\bstop\s+existing\b", IDEATION, "wants to stop existing"),
    _r(r"\b(fall|go)\s+(to\s+)?sleep\s+and\s+(never|not)\s+wake\s+up\b", IDEATION,
       "wishes not to wake up", negatable=False),
    _r(r"\b(never|not)\s+wake\s+up\s+again\b", IDEATION, "wishes not to wake up", negatable=False),
    _r(r"\b(sleep|rest)\s+forever\b(?!.*\b(could have|could've|so tired)\b)", IDEATION, "wants to sleep forever"),
    _r(r"\bno\s+(reason|point)\s+(in\s+|to\s+)?(living|live|being alive|going on|to go on)\b", IDEATION,
       "sees no reason to live", negatable=False),
    _r(r"\b(what'?s|whats)\s+the\s+point\s+(of|in)\s+(being\s+alive|living|life)\b", IDEATION,
       "asks what the point of living is", negatable=False),
    _r(r"\blife\s+(is\s*n'?t|isnt|is\s+not|'?s\s+not)\s+worth\s+(it|living)\b", IDEATION,
       "says life isn't worth living", negatable=False),
    _r(r"\bca\s*n'?t\s+(go\s+on|keep\s+going)\s*(any\s*more|like\s+this)?\b", IDEATION, "says they can't go on",
       negatable=False),
    _r(r"\b(disappear|vanish)(ed)?\s+(forever|for\s+good|permanently)\b", IDEATION, "wants to disappear for good"),
    _r(r"\bpain\s+to\s+(end|stop)\s+(permanently|for\s+good|forever)\b", IDEATION,
       "wants the pain to end for good"),
    _r(r"\b(not|never)\s+(be\s+)?(alive|around|here)\s+(by|for|much longer|after)\b", IDEATION,
       "does not expect to be alive", negatable=False),
    _r(r"\b(do|does)\s*n'?t\s+see\s+my\s*self\s+(being\s+)?(alive|around|here)\b", IDEATION,
       "does not expect to be alive", negatable=False),
    _r(r"\bthinking\s+about\s+(the\s+)?(train\s+tracks|jumping|the\s+bridge|the\s+ledge)\b", IDEATION,
       "keeps thinking about a way to die"),
    _r(r"\b(never|won'?t)\s+find\s+me\b", IDEATION, "says they won't be found", negatable=False),
    # --- burden and absence
    _r(r"\bbetter\s+off\s+without\s+me\b", BURDEN, "says others would be better off without them"),
    _r(r"\b(i'?m|i\s+am|i\s+feels?\s+like)\s+(just\s+|such\s+)?a\s+burden\b(?!\s+on\s+the\s+\w+\s+budget)", BURDEN,
       "feels like a burden"),
    _r(r"\b(won'?t|will\s+not)\s+be\s+a\s+burden\s+(much\s+)?longer\b", BURDEN,
       "says they won't be a burden much longer", negatable=False),
    _r(r"\beasier\s+for\s+everyone\s+if\s+i\s+(just\s+)?(was|were)\s*n'?o?t?\s*(here|around|alive)\b", BURDEN,
       "thinks things would be easier without them"),
    _r(r"\b(nobody|no\s+one)\s+(would|will)\s+(even\s+)?(miss|notice)\b.*\b(gone|vanish|disappear|die|dead)", BURDEN,
       "thinks nobody would miss them", negatable=False),
    _r(r"\b(world|everyone|everything)\s+(keeps|would\s+keep|goes|would\s+go)\s+(spinning|on)\b.*\b(without me|"
       r"not in it|i'?m not)", BURDEN, "thinks the world would go on fine without them", negatable=False),
    _r(r"\bdeserves?\s+(a\s+\w+\s+|someone\s+)?(who\s+is\s*n'?t|better\s+than)\b.*\bburden", BURDEN,
       "sees themself as a burden to their family"),
    # --- farewell and preparation
    _r(r"\b(giving|gave|give)\s+(away\s+)?(my|all\s+my)\s+(things|stuff|belongings|possessions)\s*(away)?\b"
       r"(?!.*\b(mov(e|ing)|charity|declutter))", FAREWELL, "has started giving their things away"),
    _r(r"\b(when|after)\s+i'?m\s+gone\b", FAREWELL, "talks about when they're gone"),
    _r(r"\bi'?ll\s+be\s+gone\b", FAREWELL, "says they'll be gone"),
    _r(r"\bwhere\s+i'?m\s+going\b.*\b(won'?t|don'?t)\s+need\b|\b(won'?t|don'?t)\s+need\b.*\bwhere\s+i'?m\s+going\b",
       FAREWELL, "says they won't need things where they're going", negatable=False),
    _r(r"\bsaid\s+my\s+goodbyes\b", FAREWELL, "has said their goodbyes"),
    _r(r"\blast\s+time\s+you'?ll\s+(hear|see)\s+(from\s+)?me\b", FAREWELL, "says this is the last time"),
    _r(r"\b(i'?m\s+done|i\s+am\s+done)\W+(goodbye|bye)\b", FAREWELL, "says goodbye as if for the last time"),
    _r(r"\bgoodbye\b.*\bthank\s+you\s+for\s+everything\b", FAREWELL, "says goodbye as if for the last time"),
    _r(r"\btell\s+(everyone|them|my\s+\w+)\s+(i'?m\s+sorry|i\s+love\s+(them|her|him))\b", FAREWELL,
       "asks to pass on a last message"),
    _r(r"\b(wrote|written|writing|left)\s+(the|a|my)\s+(suicide\s+)?note\b", PLAN, "has written a note"),
    _r(r"\b(letter|note)\b.*\b(find|read)\s+it\s+after\b", PLAN, "has left a letter to be found afterwards"),
    _r(r"\bsorting\s+out\s+who\s+gets\s+my\s+(stuff|things)\b", FAREWELL, "is arranging who gets their things"),
    _r(r"\b(gave|giving)\s+(my|away\s+my)\s+\w+\s+to\b", FAREWELL, "is giving their things to people"),
    _r(r"\b(made|make)\s+(my\s+)?peace\s+with\s+it\b", FAREWELL, "says they have made peace with it"),
    # --- means
    _r(r"\b(have|got|bought|buy|get|gotten|ordered)\s+(a|the|some)\s+rope\b", MEANS, "has a rope"),
    _r(r"\bthe\s+rope\s+in\b", MEANS, "has a rope"),
    _r(r"\b(pills|meds|tablets|medication)\s+(are\s+)?(ready|lined\s+up|counted|in\s+front\s+of\s+me)\b", MEANS,
       "mentions having the means ready"),
    _r(r"\b(them|it)\s+all\s+lined\s+up\b", MEANS, "mentions having the means ready"),
    _r(r"\b(saved|saving|stockpil\w*|hoard\w*|collect\w*)\s+(up\s+)?(enough\s+)?(of\s+)?(my\s+)?"
       r"(pills|meds|tablets|medication|sleeping\s+pills)\b", MEANS, "has been saving up pills"),
    _r(r"\b(how\s+many|enough)\s+(of\s+)?(my\s+)?(sleeping\s+)?(tablets|pills|meds)\s+(it\s+)?(would|to)\b",
       MEANS, "has looked into an overdose"),
    _r(r"\b(got|have|holding)\s+(my\s+\w+'?s?\s+)?(gun|pistol|rifle)\b|\bgun\b.*\bloaded\b", MEANS,
       "has a gun at hand"),
    _r(r"\b(got|have)\s+everything\s+i\s+need\b", MEANS, "says they have everything they need"),
    _r(r"\bthe\s+car\s+running\b|\bgarage\b.*\bcar\b", PLAN, "has thought about a method"),
    # --- plan and timing
    _r(r"\b(know|knows)\s+(exactly\s+)?(how|when)\s+(i'?m|i\s+am|i'?ll|i\s+will)\s+(going\s+to\s+)?do\s+it\b",
       PLAN, "has a plan"),
    _r(r"\bplan(ning)?\s+(how|to)\s+(i'?d\s+)?(do\s+it|jump|kill|end|hang|overdose)\b", PLAN, "has a plan"),
    _r(r"\bplan\s+to\s+jump\b|\bjump\s+off\b", PLAN, "has thought about jumping"),
    _r(r"\b(made\s+up\s+my\s+mind|i'?ve\s+decided)\b", PLAN, "says they have decided"),
    _r(r"\bit'?s\s+happening\b", PLAN, "says it's happening"),
    _r(r"\b(doing|do)\s+it\s+(after|when|tonight|tomorrow)\b", PLAN, "has chosen a time"),
    _r(r"\b(this\s+is\s+)?my\s+last\s+(night|day)\b(?!\s+(at|in|of)\b)", TIMING, "says this is their last night"),
    _r(r"\b(how|what)\s+and\s+when\b|\bhow\b.*\band\s+when\b", TIMING, "knows when"),
    _r(r"\b(tonight|this\s+weekend|tomorrow|on\s+friday|this\s+week|after\s+everyone'?s\s+asleep|today)\b", TIMING,
       "mentions a time"),
    # --- acts in progress
    _r(r"\b(took|taken|swallowed|downed)\s+(all|most|half|a\s+whole|the\s+whole|a\s+bottle|a\s+pack|a\s+handful)\b"
       r".*\b(pills|tablets|paracetamol|meds|bottle|pack)\b", ACT, "has taken an overdose", negatable=False),
    _r(r"\b(took|taken|swallowed)\s+(all\s+)?my\s+(pills|meds|tablets)\b", ACT, "has taken an overdose",
       negatable=False),
    _r(r"\b(i'?m|i\s+am)\s+(on|at)\s+(the\s+)?(bridge|roof|ledge|edge)\b", ACT, "is at a high place right now"),
    _r(r"\b(sitting|standing)\s+(on|at)\s+the\s+edge\b", ACT, "is at an edge right now"),
    _r(r"\bcut\s+too\s+deep\b|\bwon'?t\s+stop\s+bleeding\b", ACT, "is bleeding from self-harm"),
    _r(r"\bwaiting\s+for\s+the\s+(next\s+)?train\b.*\bedge|\bedge\b.*\bwaiting\s+for\s+the\s+(next\s+)?train",
       ACT, "is at the edge of a train platform"),
    # --- self-harm
    _r(r"\b(cut|cutting|burn|burning|burned|burnt|scratch\w*|hit|hitting)\s+my\s*self\b", SELF_HARM,
       "talks about hurting themself"),
    _r(r"\bself[\s-]?harm(ed|ing)?\b", SELF_HARM, "talks about self-harm"),
    _r(r"\b(burning|cutting|scratching)\s+my\s+(skin|arms?|legs?|wrists?)\b", SELF_HARM,
       "talks about hurting themself"),
    _r(r"\bhurting\s+myself\s+on\s+purpose\b", SELF_HARM, "hurts themself on purpose"),
    # --- hopelessness (no death talk)
    _r(r"\bhopeless\b|\bnothing\s+(ever\s+)?(gets|will\s+get)\s+better\b", HOPELESS, "sounds hopeless"),
    _r(r"\bca\s*n'?t\s+(do|take)\s+(this|it)\s+any\s*more\b", HOPELESS, "says they can't take any more",
       negatable=False),
    _r(r"\bi\s+(feel|felt)\s+(so\s+|really\s+|completely\s+)?empty\b|\bfeel(ing)?\s+empty\s+(all|inside)\b|"
       r"\bnothing\s+left\s+of\s+me\b", HOPELESS, "feels empty"),
    _r(r"\bhate\s+my\s*self\b", HOPELESS, "says they hate themself"),
    _r(r"\b(trapped|no\s+way\s+out)\b", HOPELESS, "feels trapped"),
    _r(r"\bpointless\b", HOPELESS, "feels everything is pointless"),
    _r(r"\bdrowning\b.*\b(nobody|no\s+one)\b", HOPELESS, "feels they are drowning unnoticed"),
    _r(r"\bwant\s+the\s+pain\s+to\s+stop\b", HOPELESS, "wants the pain to stop"),
    _r(r"\b(life|it)\s+(is\s*n'?t|isnt)\s+worth\s+it\b", HOPELESS, "doubts life is worth it", negatable=False),
    # --- ordinary distress
    _r(r"\b(feel|feeling|felt)\s+(so\s+|really\s+|very\s+)?(low|down|awful|terrible|miserable|sad)\b", DISTRESS,
       "feels low"),
    _r(r"\b(exhausted|stressed|lonely|can'?t\s+sleep|burnt\s+out|overwhelmed)\b", DISTRESS, "is under strain"),
)

_ABUSE_AGENT = (
    r"(he|she|they|(my|her|his|\w+'s)\s+(husband|wife|partner|boyfriend|girlfriend|bf|gf|dad|father|mum|mom|mother|stepdad|"
    r"stepmum|stepmom|step-?father|ex|brother|sister|son|daughter|uncle|aunt|carer|fianc[eé]e?))"
)
_OTHER_RULES: tuple[_Rule, ...] = (
    # --- abuse at home (the person is the one being hurt)
    _r(_ABUSE_AGENT + r"('s|\s+)?\s*(\w+\s+){0,3}(hits|hit|beats|beat|chokes|choked|strangled|strangles|"
       r"punched|punches|"
       r"kicked|kicks|slapped|slaps|shoved|pushed|burns|burned)\s+(me|us)\b", ABUSE, "says someone at home hurts them"),
    _r(_ABUSE_AGENT + r"\s+(\w+\s+){0,2}(hits|beats|chokes|punches|kicks|slaps|hurts)\s+(her|him|them)\b", ABUSE,
       "someone is being hurt at home"),
    _r(r"\b(grabbed|held)\s+me\s+by\s+the\s+(throat|neck|hair)\b", ABUSE, "says someone attacked them"),
    _r(r"\bthrew\s+\w+\s+\w*\s*at\s+(me|my\s+head)\b", ABUSE, "says someone attacked them"),
    _r(r"\b(beats|hits)\s+me\s+and\b|\b(beats|hits)\s+(me|us)\b", ABUSE, "says someone hurts them"),
    _r(r"\bscared\s+to\s+go\s+home\b", ABUSE, "is scared to go home"),
    _r(r"\b(he|she)('ll|\s+will|\s+is\s+going\s+to|'s\s+going\s+to)\s+(hurt|kill)\s+me\s+if\b", ABUSE,
       "has been threatened at home"),
    _r(r"\bnext\s+time\s+(he|she)\s+(won'?t|will\s+not)\s+stop\b", ABUSE, "has been threatened at home"),
    _r(r"\b(turning|turns|turned)\s+up\s+at\s+my\s+(house|flat|door)\b.*\bthreat", ABUSE,
       "is being stalked and threatened"),
    _r(r"\b(pushed|shoved)\s+me\s+down\b", ABUSE, "says someone attacked them"),
    _r(r"\b(outside\s+the\s+door|banging\s+on\s+the\s+\w*\s*door|locked\s+myself\s+in|hiding\s+in\s+the)\b",
       ABUSE_NOW, "is in danger right now"),
    _r(r"\b(screaming|shouting|says|said)\s+(that\s+)?(he|she)('ll|\s+will|\s+is\s+going\s+to)\s+kill\s+me\b",
       ABUSE_NOW, "has been threatened with death"),
    _r(r"\b(drunk|high)\s+and\s+(has|got)\s+a\s+(knife|gun)\b|\b(he|she)\s+has\s+a\s+(knife|gun)\b", ABUSE_NOW,
       "someone with a weapon is nearby"),
    # --- harm to others
    _r(r"\b(i'?m\s+going\s+to|i'?ll|i\s+will|gonna|i\s+swear\s+i'?m\s+going\s+to)\s+(kill|stab|shoot|hurt)\s+"
       r"(him|her|them|my\s+\w+|someone|everyone)\b", HARM_IDIOM, "angry words about hurting someone"),
    _r(r"\b(knife|gun|blade)\s+(is\s+)?ready\b|\bgot\s+the\s+(knife|gun)\b|\bbought\s+a\s+(gun|knife)\b", HARM_NOW,
       "has a weapon ready"),
    _r(r"\b(they'?re|he'?s|she'?s)\s+going\s+to\s+pay\b", HARM, "wants revenge"),
    _r(r"\bknow\s+where\s+(he|she|they)\s+lives?\b", HARM, "knows where the person lives"),
    _r(r"\bshoot\s+up\s+(my|the|a)\s+(school|office|work|class)\b", HARM_MASS, "threatens a mass attack"),
    _r(r"\b(thoughts?|thinking)\s+about\s+(hurting|harming|killing)\s+(my\s+)?(baby|child|kids?|son|daughter|partner|"
       r"wife|husband|someone)\b", HARM, "has thoughts of hurting someone"),
    _r(r"\bcould\s+(really\s+)?(hurt|kill)\s+someone\b", HARM, "feels they could hurt someone"),
    _r(r"\bwant\s+to\s+hurt\s+(him|her|them)\s+so\s+badly\b", HARM, "wants to hurt someone"),
    _r(r"\b(stab|shoot)\s+(him|her|them)\b(?=.*\b(next\s+time|when|tonight)\b)", HARM,
       "threatens to stab or shoot someone"),
    # --- medical emergencies
    _r(r"\bchest\s+pains?\b(?=.*\b(breathe|breath|arm|numb|sweat|crushing|tight))|\bcrushing\s+(pain|chest)\b",
       MEDICAL, "describes chest pain with warning signs"),
    _r(r"\b(think\s+)?i'?m\s+having\s+a\s+(heart\s+attack|stroke|seizure|allergic\s+reaction)\b", MEDICAL,
       "thinks they are having a medical emergency"),
    _r(r"\b(left|right)\s+arm\s+(has\s+)?(gone\s+)?numb\b|\bface\s+is\s+(drooping|numb)\b|\bhalf\s+my\s+face\b",
       MEDICAL, "describes stroke or heart warning signs"),
    _r(r"\bwords\s+(are\s+)?coming\s+out\s+wrong\b|\bslurr(ed|ing)\s+(speech|words)\b", MEDICAL,
       "describes stroke warning signs"),
    _r(r"\b(throat|tongue|lips?)\s+(is\s+|are\s+)?(swelling|swollen|closing)\b", MEDICAL,
       "describes a severe allergic reaction"),
    _r(r"\bca\s*n'?t\s+(breathe|swallow)\b|\bhard\s+to\s+breathe\b|\bstruggling\s+to\s+breathe\b", MEDICAL,
       "has trouble breathing"),
    _r(r"\b(collapsed|unconscious|not\s+breathing|is\s*n'?t\s+breathing|is\s*n'?t\s+responding|not\s+responding|"
       r"can'?t\s+wake\s+(him|her|them))\b", MEDICAL, "someone is unresponsive"),
    _r(r"\b(vomiting|throwing\s+up|coughing\s+up)\s+blood\b", MEDICAL, "is bleeding internally"),
    _r(r"\b(accidentally\s+)?took\s+(double|too\s+much|twice)\s+(my\s+)?(insulin|dose|meds)\b", MEDICAL,
       "has taken too much medication"),
)

# Phrases that look like risk but are idioms; they are blanked out before any rule runs.
_IDIOMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\b(is|are|was|were|'s|'re)\s+(slowly\s+|absolutely\s+|literally\s+)?killing\s+me\b",
        r"\b\w+\s+(is|are|were|was)\s+(slowly\s+)?(killing|murdering)\s+my\s+\w+\b",
        r"\bkilling\s+(it|time)\b",
        r"\b(die|dying|died)\s+(for|of|from)\s+(a|an|some|laughing|laughter|embarrassment|shame|boredom|cringe|"
        r"the\s+\w+)\b",
        r"\b(dying|die)\s+to\s+(see|know|try|hear|meet|go|get|watch|read|tell)\b",
        r"\bnearly\s+died\s+laughing\b|\bdied\s+laughing\b",
        r"\b(could|would|'d)\s+kill\s+for\b",
        r"\b(bored|scared|worried|frightened|tickled)\s+(me\s+)?to\s+death\b",
        r"\bto\s+death\b(?=.*\b(bored|scared|love|loved)\b)",
        r"\b(i'?m|i\s+am)\s+(so\s+)?dead\s+if\b",
        r"\b(killed|laughing|lol)\b.*\bi\s+was\s+dead\b",
        r"\bdead\s+(tired|serious|on|right|easy)\b",
        r"\b(rather|'d\s+rather)\s+die\s+than\b",
        r"\bdeath\s+of\s+me\b",
        r"\b(is|are|'s|'re|was)\s+(going\s+to|gonna)\s+(kill|murder)\s+me\b",
        r"\b(kill|murder)\s+me\s+(for|when|if)\b",
        r"\bshoot\s+me\s+now\b|\bjust\s+shoot\s+me\b",
        r"\b(was|is|been|'s)\s+(an?\s+)?(absolute\s+|total\s+|complete\s+|bit\s+of\s+a\s+)?car\s*crash\b",
        r"\bend(ing|ed)?\s+(it|things|the\s+\w+)\s+on\s+a\s+(high|good|positive|low)\s+note\b",
        r"\b(legs|gym|workout|squats|run|running|heat|hot|cringe|spicy|hungover|stairs)\b.{0,60}\bi'?m\s+(literally\s+)?dying\b",
        r"\bi'?m\s+(literally\s+)?dying\b.{0,40}\b(lol|lmao|haha|of\s+(embarrassment|cringe|laughter)|here)\b",
        r"\bgave\s+me\s+a\s+heart\s+attack\b",
        r"\bsuicide\s+(mission|doors?|squad|run|pass)\b",
        r"\b(battery|phone|laptop|car|plants?|engine|conversation|party)\s+(\w+\s+)?(died|dead|dying)\b",
        r"\bkill(ed|ing)?\s+(the|a|this|that)\s+(spider|fly|lights?|presentation|engine|mood|vibe|bug|wasp|"
        r"mosquito|music)\b",
        r"\bkill\s+(two\s+birds|the\s+\w+)\b",
        r"\b(i'?m\s+going\s+to|gonna|i'?ll)\s+kill\s+(it|this)\b",
        r"\bend(ing)?\s+(it|things)\s+with\s+\w+\b",
        r"\bdisappear\s+into\s+(a|the)\s+\w+",
        r"\bcould\s+have\s+slept\s+forever\b",
        r"\b(phone|battery|laptop|car)('s|\s+is|\s+was)\s+(\w+\s+)?dead\b",
        r"\bsick\s+to\s+death\b",
        r"\bdying\s+of\s+(thirst|hunger|heat|cold|boredom|curiosity)\b",
    )
)

_NEGATORS = re.compile(
    r"\b(not|never|no|nor|zero|without|n't|dont|don't|didnt|didn't|wont|won't|wouldn't|wouldnt|haven't|havent|"
    r"isn't|isnt|am\s+not|i'm\s+not)\b|n't\b"
)
# Phrases that contain a negator but do not negate what follows ("I can't stop thinking about dying").
_NOT_NEGATING = re.compile(
    r"\b(can'?t|cannot|couldn'?t)\s+stop\b|\bnot\s+(going\s+to|gonna)\s+lie\b|\bno\s+one\b|\bnot\s+sure\b|"
    r"\bcan'?t\s+help\b|\bdon'?t\s+know\b|\bno\s+longer\s+want\b"
)
_CLAUSE_SPLIT = re.compile(r"[.!?;\n]+|,|\bbut\b|\bjust\b(?=\s+(exhausted|tired|sad|need|burnt|really|angry))")

# Media and discussion frames: a song, a film, a book... the risk words belong to someone else's story.
_MEDIA = re.compile(
    r"\b(songs?|lyrics?|chorus|verse|film|movie|book|novel|poem|poet|poetry|character|show|series|episode|finale|"
    r"play|scene|article|news|essay|thesis|villain|plot|story|thriller|documentary|podcast|sylvia\s+plath|hamlet|"
    r"shakespeare|game|class|lecture|quote|sings|sang)\b"
)
_OWNERSHIP = re.compile(
    r"\b(how\s+i\s+feel|that'?s\s+me|i\s+relate|relatable|exactly\s+how|describes\s+me|i\s+feel\s+the\s+same|"
    r"feel\s+like\s+that|same\s+here|that'?s\s+how\s+i)\b"
)
_QUOTED = re.compile(r"\"([^\"]{2,})\"|(?<![a-z])'((?:[^']|(?<=[a-z])'(?=[a-z])){3,}?)'(?![a-z])")

_THIRD_SUBJECT = re.compile(
    r"\b(she|he|they|herself|himself|themselves|my\s+(friend|best\s+friend|roommate|flatmate|brother|sister|mum|mom|"
    r"dad|father|mother|son|daughter|partner|husband|wife|boyfriend|girlfriend|cousin|uncle|aunt|coworker|colleague|"
    r"neighbour|neighbor|grandad|grandma|grandmother|grandfather|teacher|student|kid|child)|someone\s+i\s+know)\b"
    r"(?!'s\s+(gun|pills|meds|tablets|rope|knife|car|house|garage|place|room|stuff|things|pistol|rifle))"
)
# History, not the present: "I used to self-harm", "years ago".
_PAST_FRAME = re.compile(r"\b(used\s+to|years\s+ago|in\s+my\s+(teens|twenties|thirties)|when\s+i\s+was\s+(\d+|young|"
                         r"a\s+(teen|teenager|kid|child|student)))\b")
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself|im|ive)\b")

# Third-person forms rewritten to first person so the same rules can find a friend's risk.
_TO_FIRST = (
    (re.compile(r"\b(herself|himself|themselves|themself)\b"), "myself"),
    (re.compile(r"\b(she's|he's|they're)\b"), "i'm"),
    (re.compile(r"\b(she|he|they)\s+(is|are)\b"), "i am"),
    (re.compile(r"\b(she|he|they)\b"), "i"),
    (re.compile(r"\b(her|his|their)\s+(own\s+)?life\b"), r"my \2life"),
    (re.compile(r"\b(her|his|their)\s+(pills|meds|tablets|things|stuff)\b"), r"my \2"),
)

_SLANG = (
    (re.compile(r"\bkms\b"), "kill myself"),
    (re.compile(r"\bkys\b"), "kill yourself"),
    (re.compile(r"\bunaliv(e|ing)\b"), r"kill\1"),
    (re.compile(r"\bkill(e|ing)\s+myself\b"), r"kill\1 myself"),
    (re.compile(r"\bwanna\b"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\b(im)\b"), "i'm"),
    (re.compile(r"\b(ive)\b"), "i've"),
    (re.compile(r"\bdont\b"), "don't"),
    (re.compile(r"\bcant\b"), "can't"),
    (re.compile(r"\bdoesnt\b"), "doesn't"),
    (re.compile(r"\bisnt\b"), "isn't"),
    (re.compile(r"\bu\b"), "you"),
    (re.compile(r"\bngl\b"), ""),
    (re.compile(r"\bmy\s+self\b"), "myself"),
    (re.compile(r"\bself\s+harm"), "self-harm"),
)


def normalise(text: str) -> str:
    """Lower-case, straight quotes, common chat spellings expanded, whitespace collapsed."""
    out = text.lower()
    out = out.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    for pattern, repl in _SLANG:
        out = pattern.sub(repl, out)
    # "unkilling" artefact of the unalive rule: "unaliving" -> "killing"
    out = out.replace("killeing", "killing").replace("kille myself", "kill myself")
    return re.sub(r"\s+", " ", out).strip()


def _strip_media(text: str) -> tuple[str, bool]:
    """Remove quoted spans and third-person story content when the person is discussing media.

    Returns the text to analyse and whether a media frame was found. If the person says the quote is
    how they feel ("that lyric is literally how I feel"), the quote is kept as their own words.
    """
    if not _MEDIA.search(text):
        return text, False
    if _OWNERSHIP.search(text):
        # Their own feeling, voiced through the quote: keep the quote, drop the quote marks.
        return _QUOTED.sub(lambda m: " " + (m.group(1) or m.group(2) or "") + " ", text), True
    return _QUOTED.sub(" ", text), True


def figure_of_speech(text: str) -> bool:
    """Does `text` use death or harm words as a figure of speech ("this traffic is killing me", "I'd kill for
    a coffee")? Also what the mind reads as exasperation or a craving, never as distress."""
    low = normalise(text)
    return any(pattern.search(low) for pattern in _IDIOMS)


def _blank_idioms(text: str) -> str:
    for pattern in _IDIOMS:
        text = pattern.sub(" ", text)
    return text


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c and c.strip()]


def _is_negated(clause: str, start: int) -> bool:
    before = clause[max(0, start - 40) : start]
    before = _NOT_NEGATING.sub(" ", before)
    # Only the last few words before the match can negate it.
    window = " ".join(before.split()[-5:])
    return bool(_NEGATORS.search(window))


def _match_rules(clause: str, rules: Sequence[_Rule], about: str) -> list[Signal]:
    found: list[Signal] = []
    past = bool(_PAST_FRAME.search(clause))
    for rule in rules:
        m = rule.pattern.search(clause)
        if m is None:
            continue
        negated = rule.negatable and _is_negated(clause, m.start())
        if past and rule.category in (IDEATION, SELF_HARM, BURDEN, HOPELESS):
            found.append(Signal(PAST, "talks about a hard time in the past", negated, about))
            continue
        found.append(Signal(rule.category, rule.reason, negated, about))
    return found


def _third_person_clause(clause: str) -> bool:
    """The clause is about someone else: a third-person subject and no first-person risk of its own."""
    return bool(_THIRD_SUBJECT.search(clause)) and not re.search(
        r"\b(kill|killing|hurt|hurting|cut|cutting)\s+myself\b|\bi\s+(want|wish)\b", clause
    )


def _to_first_person(clause: str) -> str:
    out = clause
    for pattern, repl in _TO_FIRST:
        out = pattern.sub(repl, out)
    return out


def signals(text: str) -> tuple[list[Signal], bool]:
    """Every signal in one message, and whether it was framed as media/discussion."""
    norm = normalise(text)
    norm, media = _strip_media(norm)
    norm = _blank_idioms(norm)
    found: list[Signal] = []
    for clause in _clauses(norm):
        if _third_person_clause(clause):
            if media:
                continue  # a character's story, not a person the user knows
            rewritten = _to_first_person(clause)
            for sig in _match_rules(rewritten, _SELF_RULES, "other"):
                found.append(sig)
            for sig in _match_rules(clause, _OTHER_RULES, "self"):
                # "my dad collapsed" is an emergency about someone present; abuse "he hits me" is the person's own.
                about = "other" if sig.category == MEDICAL and not _FIRST_PERSON.search(clause) else "self"
                if sig.category == ABUSE and not re.search(r"\b(me|us|my\s+head)\b", clause):
                    about = "other"
                found.append(Signal(sig.category, sig.reason, sig.negated, about))
            continue
        found.extend(_match_rules(clause, _SELF_RULES, "self"))
        found.extend(_match_rules(clause, _OTHER_RULES, "self"))
    if media:
        # In a discussion of a song or film only first-person, present-tense risk counts.
        found = [s for s in found if s.about == "self" and s.category not in (TIMING, DISTRESS)]
    return found, media


# --- combining signals into a level -----------------------------------------------------------------

@dataclass
class _Tally:
    cats: set[str] = field(default_factory=set)
    negated: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)

    def add(self, sig: Signal) -> None:
        if sig.negated:
            self.negated.add(sig.category)
            return
        self.cats.add(sig.category)
        if sig.category != TIMING and sig.reason not in self.reasons:
            self.reasons.append(sig.reason)


def _suicide_level(now: _Tally, before: _Tally) -> str:
    """The level of suicide/self-harm risk from this message's signals and the context's."""
    c = now.cats
    ever = c | before.cats
    core = {IDEATION, BURDEN, FAREWELL, SELF_HARM}
    if ACT in c:
        return "imminent"
    if MEANS in c and (ever & (core | {PLAN, TIMING}) or MEANS in c):
        return "imminent" if (ever & (core | {PLAN, TIMING, MEANS})) else "high"
    if PLAN in c and ever & (core | {MEANS, TIMING}):
        return "imminent"
    if PLAN in c:
        return "imminent" if c & {TIMING} else "high"
    if TIMING in c and before.cats & {MEANS, PLAN}:
        return "imminent"
    if c & core:
        return "high"
    if HOPELESS in c:
        return "medium"
    if DISTRESS in c or PAST in c:
        return "low"
    return "none"


def _other_levels(now: _Tally) -> dict[str, str]:
    c = now.cats
    out: dict[str, str] = {}
    if ABUSE_NOW in c:
        out["abuse_at_home"] = "imminent"
    elif ABUSE in c:
        out["abuse_at_home"] = "high"
    if HARM_MASS in c or (HARM_NOW in c and (HARM in c or HARM_IDIOM in c)):
        out["harm_to_others"] = "imminent"
    elif HARM_NOW in c or HARM in c:
        out["harm_to_others"] = "high"
    elif HARM_IDIOM in c:
        out["harm_to_others"] = "low"
    if MEDICAL in c:
        out["medical_emergency"] = "imminent"
    return out


def _rules_assess(text: str, context: Sequence[str]) -> tuple[Risk, bool]:
    sigs, media = signals(text)
    self_now, other_now, before = _Tally(), _Tally(), _Tally()
    for s in sigs:
        (self_now if s.about == "self" else other_now).add(s)
    for earlier in context[-5:]:
        for s in signals(earlier)[0]:
            if s.about == "self":
                before.add(s)

    candidates: list[tuple[str, str, list[str], str]] = []
    level = _suicide_level(self_now, before)
    if level != "none":
        candidates.append((level, "suicide_self_harm", self_now.reasons, "self"))
    for kind, lvl in _other_levels(self_now).items():
        candidates.append((lvl, kind, [r for r in self_now.reasons], "self"))

    # Someone else's risk: a worry, capped at medium unless they are in danger right now.
    other_level = _suicide_level(other_now, _Tally())
    if other_level != "none":
        capped = "high" if other_level == "imminent" else ("medium" if _RANK[other_level] >= 2 else "low")
        candidates.append((capped, "suicide_self_harm", ["is worried about someone else: " + r
                                                          for r in other_now.reasons], "other"))
    for kind, lvl in _other_levels(other_now).items():
        if kind == "medical_emergency":
            candidates.append((lvl, kind, ["someone with them: " + r for r in other_now.reasons], "other"))
        elif lvl != "low":
            candidates.append(("medium", kind, ["is worried about someone else: " + r for r in other_now.reasons],
                               "other"))

    # Context: earlier messages with real risk keep the companion attentive (medium), not alarmed.
    if not candidates and before.cats & {IDEATION, BURDEN, FAREWELL, SELF_HARM, MEANS, PLAN, ACT}:
        candidates.append(("medium", "suicide_self_harm", ["earlier messages raised concern"], "self"))

    if not candidates:
        return Risk(), media
    order = {k: i for i, k in enumerate(("suicide_self_harm", "abuse_at_home", "harm_to_others",
                                         "medical_emergency"))}
    # Highest level first; the person's own risk before someone else's; then kind priority.
    candidates.sort(key=lambda c: (-_RANK[c[0]], c[3] != "self", order[c[1]]))
    lvl, kind, reasons, about = candidates[0]
    reasons = _relevant_reasons(kind, reasons)
    if lvl == "imminent" and self_now.cats & {TIMING} and kind == "suicide_self_harm":
        reasons = [*reasons, "mentions when"]
    # Low is ordinary distress or history: no kind is claimed for it.
    final_kind: str | None = None if lvl == "low" and kind == "suicide_self_harm" else kind
    return Risk(lvl, final_kind, reasons or ["earlier messages raised concern"], about), media


_KIND_REASONS = {
    "abuse_at_home": ("hurt", "attack", "threat", "scared", "danger", "weapon", "stalk"),
    "harm_to_others": ("hurt", "weapon", "revenge", "lives", "attack", "stab", "angry"),
    "medical_emergency": ("chest", "stroke", "allergic", "breath", "unresponsive", "blood", "medication",
                          "emergency", "warning"),
}


def _relevant_reasons(kind: str, reasons: list[str]) -> list[str]:
    keys = _KIND_REASONS.get(kind)
    if not keys:
        return [r for r in reasons if r not in ("feels low", "is under strain")] or reasons
    picked = [r for r in reasons if any(k in r for k in keys)]
    return picked or reasons


def _reading_level(rd: Reading) -> str:
    """The level the structured reading alone supports, before any veto: none, possible (a weak reading that
    `combine` lets count only when the learned model half agrees), high or imminent."""
    ready = rd.intent & {"prepared", "plan", "done"} or rd.time & {"now", "tonight"}
    harm = bool(rd.death or rd.farewell or rd.burden or rd.self_harm)
    # A means named in an ordinary sentence ("I took the train to Leeds", "I walked by the river today") is
    # not evidence: places and things people pass every day count only beside talk of dying or harm; the
    # means people hold in a crisis (pills, a rope, a gun, a blade) count with intent or a time as well.
    means = rd.means if harm else rd.means & HELD_MEANS
    if means and ready and (rd.intent & {"want"} or harm or (rd.intent & {"done", "prepared"} and _all_of(rd))):
        return "imminent"
    if means and harm and rd.time & {"now", "tonight"}:
        return "imminent"
    if rd.death and rd.intent & {"plan"} and rd.time & {"now", "tonight", "soon"}:
        return "imminent"
    if rd.farewell and rd.time & {"tonight", "soon", "now"} and rd.intent & {"prepared", "plan"}:
        return "imminent"
    if rd.self_harm and "past" not in rd.time:
        return "high"
    if rd.burden and (rd.first_person or rd.who == "other"):
        return "high"
    if rd.death and rd.intent & {"want", "plan"}:
        return "high"
    if means and (rd.intent & {"want"} or harm):
        return "high"
    # Weaker readings: talk of not being here, a farewell with something done, a means named by someone
    # talking about another person.
    if (rd.death and rd.who in ("self", "other")) or (rd.farewell and rd.intent & {"prepared", "plan"}):
        return "possible"
    if means and (rd.who == "other" or rd.intent & {"prepared", "plan"}):
        return "possible"  # "I bought a rope" may be for the climbing wall: the model must half agree
    if rd.farewell and rd.first_person:
        return "possible"
    return "none"


# Means a person holds or gathers in a crisis; the other kinds in os1.safety.reading.MEANS are places and
# things of every day (a river, a train, a garage) that say nothing on their own.
HELD_MEANS = frozenset({"pills", "ligature", "gun", "blade", "gas"})


def _all_of(rd: Reading) -> bool:
    """Held means gathered or taken in a way no errand is: lined up, all of them, a stockpile."""
    return bool(rd.means & HELD_MEANS) and rd.first_person and not rd.purpose


def _vetoed(rd: Reading) -> bool:
    """Readings that make a crisis word someone's story, a joke, a job or an errand, or deny it."""
    past_only = "past" in rd.time and not rd.time & {"tonight", "soon"}
    return rd.hedge or rd.who in ("character", "professional") or rd.purpose or (rd.negated and not rd.burden) \
        or past_only


def combine(rules: Risk, rd: Reading | None, probability: float | None, threshold: float | None = None) -> Risk:
    """The final risk from the rules' answer, the structured reading and the learned probability.

    A crisis needs the learned model above its threshold, or the rules or the reading saying crisis, and no
    veto from the reading (a joke marker, a character or a job, an ordinary purpose, a denial).
    Rules about abuse, harm to others and medical emergencies stand as they are. Someone else at risk is
    its own kind, `other_at_risk`, with `about="other"`.
    """
    from os1.safety.model import POSSIBLE_FLOOR, THRESHOLD

    if rd is None:
        return rules
    if rules.kind in ("abuse_at_home", "harm_to_others", "medical_emergency") and rules.is_crisis:
        # A first-aid course or a film scene is not an emergency; everything else about these kinds is the rules'.
        return rules if not (rd.hedge or rd.who in ("character", "professional")) else Risk(
            "low", None, ["emergency words in a story, a joke or someone's job"], rules.about)
    cut = THRESHOLD if threshold is None else threshold
    # The learned model decides only where the reading found some risk content: it was trained on few
    # ordinary messages, and an everyday sentence must not become a crisis on the embedding alone.
    # A means word alone ("my pills from the pharmacy") is not evidence; a means with intent is.
    evidence = _evidence(rules, rd)
    learned = probability is not None and probability >= cut and evidence and "past" not in rd.time
    # A weak ("possible") reading counts when the model gives it at least this much (or is unavailable).
    unsure = probability is None or probability >= POSSIBLE_FLOOR
    structured = _reading_level(rd)
    vetoed = _vetoed(rd)
    # A veto wins over every part: the learned model has seen only some jokes and stories, the reading
    # recognises their markers in any wording.
    # The reading's `negated` is an explicit denial of the risk itself ("I'm not suicidal", "honestly no,
    # never"); "I don't want to be alive" is not one, so the rules' own reading of it stands.
    rules_vetoed = rd.hedge or rd.who in ("character", "professional") or rd.purpose or rd.negated
    rules_crisis = rules.is_crisis and rules.kind in (None, "suicide_self_harm") and not rules_vetoed
    read_crisis = (structured in ("imminent", "high") or (structured == "possible" and unsure)) and not vetoed
    learned = learned and not vetoed
    if not (learned or rules_crisis or read_crisis):
        if rules.is_crisis:  # the rules fired on a joke, a story or a denial
            return Risk("low", None, ["risk words in a joke, a story, someone's job or a denial"], rules.about)
        if rules.about == "other" and rules.kind == "suicide_self_harm":
            return Risk(rules.level, "other_at_risk", rules.reasons, "other")
        return rules
    imminent = rules.level == "imminent" or structured == "imminent"
    level = "imminent" if imminent else "high"
    reasons = [r for r in rules.reasons if rules.is_crisis] or _reading_reasons(rd)
    if learned and probability is not None and not rules.is_crisis:
        reasons = [*reasons, "sounds close to how people describe a crisis"]
    if rd.who == "other" or (rules.about == "other" and rd.who != "self"):
        return Risk(level, "other_at_risk", [r if r.startswith("is worried") else "someone else: " + r
                                             for r in reasons], "other")
    return Risk(level, "suicide_self_harm", reasons, "self")


def _evidence(rules: Risk, rd: Reading) -> bool:
    """Risk content the learned model may act on (see `combine`)."""
    return (rd.death or rd.burden or rd.self_harm or rd.farewell or rules.rank >= 2
            or (bool(rd.means & HELD_MEANS) and bool(rd.intent & {"prepared", "plan", "done", "want"})))


def _decided_without_model(rules: Risk, rd: Reading) -> bool:
    """True when `combine` gives the same answer whatever the learned probability, so the embedding (the
    slowest step) is skipped: a veto, no risk content at all, or a crisis the rules or the reading already
    call without a veto."""
    if rules.kind in ("abuse_at_home", "harm_to_others", "medical_emergency") and rules.is_crisis:
        return True
    if _vetoed(rd) or (not _evidence(rules, rd) and _reading_level(rd) == "none"):
        return True
    return _reading_level(rd) in ("imminent", "high")


def _reading_reasons(rd: Reading) -> list[str]:
    out: list[str] = []
    if rd.means:
        out.append("mentions means: " + ", ".join(sorted(rd.means)))
    if rd.intent & {"plan", "prepared"}:
        out.append("sounds prepared or decided")
    if rd.intent & {"done"}:
        out.append("says something has been done")
    if rd.time & {"now", "tonight", "soon"}:
        out.append("mentions when")
    if rd.burden:
        out.append("feels like a burden")
    if rd.farewell:
        out.append("sounds like a farewell")
    if rd.self_harm:
        out.append("talks about hurting themself")
    if rd.death:
        out.append("talks about dying or not being here")
    return out or ["sounds like a crisis"]


def reading_of(text: str, *, force: bool = False) -> Reading | None:
    """The structured reading of `text` with idioms blanked, or None when the gate finds no risk vocabulary
    (`force`: read it anyway, as when the rules found something)."""
    norm = normalise(text)
    if not force and not gate(norm):
        return None
    return read(_blank_idioms(norm))


def assess(text: str, context: Sequence[str] = (), *, use_classifier: bool = True) -> Risk:
    """Assess the risk in `text`, with `context` the person's last few messages (oldest first).

    The rules run on every message. A message with any risk vocabulary (`reading.gate`) is also parsed
    (`reading.read`) and, with `use_classifier`, scored by the learned model on its embedding; `combine`
    decides. Without the classifier the rules and the structured reading decide alone.
    """
    rules, _media = _rules_assess(text, context)
    rd = reading_of(text, force=rules.rank > 0)
    if rd is None:
        return combine(rules, None, None)
    probability: float | None = None
    if use_classifier and not _decided_without_model(rules, rd):
        from os1.safety import model

        learned = model.load()
        vec = model.embed(text) if learned is not None else None
        if learned is not None and vec is not None:
            probability = learned.probability(model.vector(vec, rd, rules.level))
    return combine(rules, rd, probability)
