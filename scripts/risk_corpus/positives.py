"""Crisis messages for the risk corpus, by kind of wording. Original text written for OS1.

Each group is a list of (text, level) written by hand, plus small templates whose slots were chosen so
that every combination reads like something a person would type. Levels: high (suicidal thinking, current
self-harm, someone else at risk now) and imminent (means at hand with intent, a time chosen, an act in
progress).
"""

from __future__ import annotations

import itertools
import random

H, I = "high", "imminent"  # noqa: E741 (short labels keep the hand-written lists readable)

# --- means stated plainly ----------------------------------------------------------------------------
MEANS_HAND = [
    ("I have the rope in the garage", I),
    ("the tablets are lined up on the desk", I),
    ("I've counted out all my sertraline and the paracetamol, it's enough", I),
    ("bought a rope today. didn't even feel anything at the till", I),
    ("I'm sat in the car with the engine running in the garage", I),
    ("standing on the balcony on the 12th floor and the railing is really low", I),
    ("my dad keeps his shotgun in the cupboard under the stairs and I know where the key is", H),
    ("I've got his pistol on the table in front of me", I),
    ("the knife is on the bed next to me and I keep picking it up", I),
    ("been walking up and down the platform waiting for the fast train", I),
    ("i know which bridge. i drove past it twice today", I),
    ("the bath is full and I've got the hairdryer plugged in next to it", I),
    ("got a bag and some tape. thats all i need apparently", I),
    ("filled a prescription I'm not going to take the normal way", I),
    ("I keep looking at the bottle of pills and doing the maths", H),
    ("I've been looking up how many of my tablets it would take", H),
    ("I went up on the roof at work today and stood at the edge for ages", H),
    ("I have enough insulin saved up to not wake up", I),
    ("there's a belt on the back of my door and I keep staring at the hook", H),
    ("I found where my mum hides her sleeping pills", H),
    ("the train line is at the end of my road. I walk there every night now and stand closer each time", H),
    ("stockpiled my meds for two months now, they're in a shoebox under the bed", I),
    ("I tied the knot already, I watched a video on how", I),
    ("I've got a razor blade out and the door's locked", I),
    ("took the blister packs out of the drawer and laid them all out on the bed", I),
    ("my granddad's old rifle is in the loft, I checked and there are still bullets", I),
    ("I'm on the cliff path now, the wind is really strong up here", I),
    ("I keep driving really fast on the motorway hoping I'll just clip the barrier", H),
    ("thinking about just swerving into a lorry on the way home", H),
    ("the river is really high at the moment and I've been standing on the bridge watching it", I),
    ("i've got the charcoal and the tent. nobody goes to that part of the woods", I),
    ("bought two boxes of paracetamol from two different shops so they wouldn't ask", I),
    ("i have a whole months supply of my antidepressants and a bottle of vodka", I),
    ("my meds are in my hand right now", I),
    ("I could just walk into the sea, it's right there, nobody is on the beach", I),
    ("the gun is loaded, it's been loaded since Sunday", I),
    ("I keep standing at the top of the multi storey car park", H),
    ("I know exactly which overpass and what time the traffic is heaviest", I),
    ("i've been testing how long i can hold the cord around my neck", I),
    ("I researched which pills are the least painful and ordered them online", I),
    ("there's a pile of pills next to me and a glass of water", I),
    ("I unscrewed the lids. they're just sitting there", I),
    ("left the car in the woods with the hose already attached", I),
    ("I'm at the station and I'm standing behind the yellow line but only just", I),
    ("the rope is in the boot of my car", I),
    ("kept my old prescription instead of handing it back. it's enough to do it", I),
    ("I've been holding the kitchen knife against my wrist", I),
    ("Dad's gun cabinet isn't locked anymore and I keep thinking about it", H),
    ("I'm on the wrong side of the railing", I),
    ("there's a bottle of bleach and I keep thinking about drinking it", H),
    ("ive got a stash of oxy left from my surgery, more than enough", I),
    ("i took the batteries out of the smoke alarm and ive got the charcoal bbq inside", I),
    ("the lake is frozen over and I keep thinking about walking out to the middle", H),
    ("I'm sitting on the windowsill with my legs over the edge", I),
    ("the cliffs by the lighthouse, that's where. I've been twice this week to look", I),
    ("I've got my nan's morphine, she doesn't need it anymore", I),
]
_MEANS_SUBJ = [
    ("the pills", "are"), ("my tablets", "are"), ("the rope", "is"), ("the knife", "is"), ("the gun", "is"),
    ("my meds", "are"), ("the razor", "is"), ("the paracetamol", "is"), ("all the painkillers", "are"),
    ("the belt", "is"),
]
_MEANS_WHERE = ["on the desk", "next to my bed", "in my bag", "on the kitchen table", "in my hand", "in the drawer",
                "under my pillow", "in front of me", "on the bathroom floor", "in the car"]
_MEANS_TAIL = ["", " and I'm ready", " and I'm not scared anymore", " and everyone's asleep", " waiting for me",
               " and I keep staring at them", " and tonight feels like the night"]
_HAVE = ["I've got", "i have", "I bought", "I've saved up", "I picked up", "got"]
_HAVE_OBJ = ["a rope", "enough pills", "a bottle of sleeping tablets", "a gun", "a new pack of blades",
             "all of my mum's tablets", "a hose for the car", "enough of my insulin", "two packs of paracetamol"]
_HAVE_TAIL = [" to end it", " for tonight", " and I know what I'm going to do with it", ", it's all ready",
              " and I'm going to use it", " and I'm done waiting", " so I can finally stop"]
_PLACES = ["the bridge", "the roof of my building", "the top of the car park", "the cliff edge", "the train tracks",
           "the platform", "the balcony", "the ledge outside my window", "the overpass", "the pier"]
_PLACE_LEAD = ["I'm standing on", "i'm at", "I'm on", "sat on", "I'm sitting at", "just got to", "standing at"]
_PLACE_TAIL = [" right now", " and I'm going to jump", " and it's a long way down", " and I don't want to go back",
               ", this is it", " and nobody knows i'm here", " looking down"]


def means(rng: random.Random) -> list[tuple[str, str]]:
    out = list(MEANS_HAND)
    combos = [(f"{s} {v} {w}{t}", I) for (s, v), w, t in itertools.product(_MEANS_SUBJ, _MEANS_WHERE, _MEANS_TAIL)]
    out += rng.sample(combos, 60)
    combos = [(f"{h} {o}{t}", I) for h, o, t in itertools.product(_HAVE, _HAVE_OBJ, _HAVE_TAIL)]
    out += rng.sample(combos, 50)
    combos = [(f"{lead} {p}{t}", I) for lead, p, t in itertools.product(_PLACE_LEAD, _PLACES, _PLACE_TAIL)]
    out += rng.sample(combos, 45)
    return out


# --- preparation and farewells ---------------------------------------------------------------------
PREP_HAND = [
    ("I've been giving my things away to people who'll use them", H),
    ("gave my guitar to my little brother, he should have it", H),
    ("sorted out my will this week and wrote down all my passwords for my sister", H),
    ("I've written letters to everyone, they're in the top drawer", I),
    ("left a note on the kitchen table for mum", I),
    ("I've put money in my son's account so he'll be alright", H),
    ("cancelled my phone contract and my gym, won't be needing them", H),
    ("found a new home for my cat. she'll be happier there", H),
    ("just wanted to say thank you for everything. you've been kind to me", H),
    ("this is the last message you'll get from me", I),
    ("tell my mum I'm sorry and that it wasn't her fault", I),
    ("I picked the date. it's the anniversary of when he left", I),
    ("I've chosen a spot by the river where it's quiet", I),
    ("paid off the last of my debts so nobody gets stuck with them", H),
    ("deleted all my social media and wrote goodbye to the group chat", I),
    ("I made sure the dog has enough food for a few days", I),
    ("I recorded a video for my kids to watch when they're older", H),
    ("wrote down what to do with my savings and who gets my records", H),
    ("I've said goodbye to everyone in my own way, they just don't know it", H),
    ("I've cleaned the flat top to bottom so nobody has to do it after", I),
    ("I've been tying up loose ends. it feels calm, finally", H),
    ("I sent my best friend my favourite jumper in the post with a note", H),
    ("if anything happens to me the passwords are in the blue notebook", H),
    ("returned all the stuff I borrowed and apologised to people I'd hurt", H),
    ("I've set an email to send tomorrow morning to my sister", I),
    ("booked a hotel room for Friday, just one night, nobody will look for me there", I),
    ("made a playlist for my funeral", H),
    ("went to see my grandma one last time today", H),
    ("I told my boss I won't be in next week. or ever", H),
    ("I've given away most of my clothes and my books, the room is nearly empty", H),
    ("i sorted who gets my xbox and my trainers", H),
    ("put the life insurance papers where my wife will find them", H),
    ("I wrote to my daughter explaining why, she'll understand when she's older", I),
    ("I've made my peace. just wanted someone to know", H),
    ("this will be the last time I talk to you, thank you for listening", I),
    ("my rent's paid till the end of the month and that's all that matters now", H),
    ("i've been saying goodbye to places. the park, the chippy, the old school", H),
    ("I signed the donor card and left it on top of the letters", I),
    ("changed my will and left everything to my niece", H),
    ("I won't need my winter coat, you can tell the charity shop to have it", H),
    ("gave my house keys back to the landlord and left the door unlocked for whoever finds me", I),
    ("I scheduled my posts to go out after", I),
    ("I've been practising what I'll write in the note", H),
    ("I've put everything in order. the bills, the cat, the letters", I),
    ("texted everyone I love today. they think it's random", H),
    ("wrote my brother a letter, he'll get it after", I),
    ("sunday. I've decided it's sunday", I),
    ("the notes are written and the flat is tidy", I),
    ("I've told work to pay my last wages to my mum", H),
    ("after tonight none of this will matter", I),
]
_GIVE_WHAT = ["my guitar", "my records", "my good camera", "my bike", "all my books", "my jewellery", "my games",
              "my plants", "my sketchbooks", "my football shirts", "my laptop"]
_GIVE_WHO = ["my brother", "my best mate", "my niece", "the girl next door", "my cousin", "my old flatmate",
             "my sister"]
_GIVE_TAIL = [", I won't be needing them", ", they should have something to remember me by",
              " because it's time", ", I won't be around to use them", " so they don't end up in a skip after",
              ", I'm getting things in order"]
_NOTE_LEAD = ["I've written", "finished writing", "wrote", "left", "I've hidden"]
_NOTE_OBJ = ["a letter for my mum", "notes for each of my kids", "a goodbye letter", "a note for my partner",
             "letters to my friends", "a note explaining everything"]
_NOTE_TAIL = [" and sealed it", " in the drawer", ", she'll find it after", " for when I'm gone",
              ", it's on the pillow", " to read after tonight"]


def preparation(rng: random.Random) -> list[tuple[str, str]]:
    out = list(PREP_HAND)
    combos = [(f"gave {w} to {p}{t}", H) for w, p, t in itertools.product(_GIVE_WHAT, _GIVE_WHO, _GIVE_TAIL)]
    out += rng.sample(combos, 70)
    combos = [(f"{a} {b}{c}", I) for a, b, c in itertools.product(_NOTE_LEAD, _NOTE_OBJ, _NOTE_TAIL)]
    out += rng.sample(combos, 60)
    return out


# --- passive ideation and burden ---------------------------------------------------------------------
BURDEN_HAND = [
    ("everyone's life would be lighter without me", H),
    ("I won't need a coat next winter", H),
    ("my family would do so much better if I just wasn't around", H),
    ("I'm just dead weight to everyone at this point", H),
    ("I wish I could go to sleep and not wake up", H),
    ("sometimes I hope I just don't wake up", H),
    ("it would be easier for all of them if I was gone", H),
    ("I keep thinking it'd be a relief to just not exist", H),
    ("I don't see myself being here at Christmas", H),
    ("nobody would notice if I disappeared for good", H),
    ("I'm a drain on everyone. they'd be free without me", H),
    ("my kids deserve a mum who isn't a burden", H),
    ("I hope the plane crashes, honestly, I wouldn't mind", H),
    ("I don't care if I get hit by a bus anymore", H),
    ("every night I pray God takes me in my sleep", H),
    ("I'm so tired of being alive", H),
    ("what's the point of any of it, I'm only making it worse for everyone", H),
    ("I won't be around long enough for it to matter", H),
    ("there's no future with me in it", H),
    ("I'm the problem. if I'm gone the problem's gone", H),
    ("I'm ready for it all to stop", H),
    ("I keep picturing my own funeral and feeling relieved", H),
    ("mum would get her life back if I wasn't in it", H),
    ("I'm only taking up space someone else deserves", H),
    ("I've been a burden since the day I was born", H),
    ("I don't want to wake up tomorrow", H),
    ("I'm done existing. just done", H),
    ("I wouldn't mind not waking up", H),
    ("if I died tomorrow I think people would be sad for a week then relieved", H),
    ("I'm 84 and I've had enough. I'd rather not be here to see another spring", H),
    ("I'm old and useless and I'm just a worry to my daughter. better if I went", H),
    ("I feel like I'm just waiting to die", H),
    ("I want to disappear and never come back", H),
    ("I keep wishing I'd never been born", H),
    ("everyone would move on quicker than they think", H),
    ("I'd be doing them a favour by not being here", H),
    ("they'd all be happier without me dragging them down", H),
    ("my wife could find someone better if I wasn't in the way", H),
    ("I keep thinking about how peaceful it would be to be dead", H),
    ("I don't think I'll make it to my next birthday and I'm okay with that", H),
    ("the world keeps going fine without me in it, so why stay", H),
    ("I just want to not be here anymore", H),
    ("death doesn't scare me anymore, it sounds restful", H),
    ("I'm not going to be anyone's problem for much longer", H),
    ("no point making plans for next year, I won't be here", H),
    ("it'd be a mercy for everyone if I just stopped", H),
    ("i dont want to be alive anymore but i dont want to hurt anyone either", H),
    ("life is just something I'm putting up with until it ends, I'd rather it ended sooner", H),
    ("I'm not suicidal but everyone would honestly be better off without me", H),
    ("I wouldn't kill myself but I wouldn't mind if something happened to me", H),
    ("I keep hoping the cancer comes back so it's over", H),
    ("I'm tired of being the reason everyone's sad", H),
    ("god I wish I'd just not woken up after the surgery", H),
    ("there's no room for me in anyone's life", H),
]
_BURDEN_WHO = ["my family", "my kids", "my mum", "my partner", "everyone", "my friends", "my parents", "my husband",
               "my wife", "the people I love"]
_BURDEN_FRAME = ["{w} would be better off without me", "{w} would be happier if I was gone",
                 "I'm just a burden to {w}", "{w} would be relieved if I wasn't here anymore",
                 "{w} would get over it quick if I died", "I'm ruining life for {w} just by being here",
                 "{w} deserve better than having me around", "{w} wouldn't even miss me if I was gone"]
_BURDEN_TAIL = ["", " honestly", " and I think about that a lot", ", I'm sure of it", " and I'm tired",
                " it's just true", " and that's the truth of it"]
_PASSIVE = ["I wish I could just fall asleep and not wake up", "I want it all to stop for good",
            "I just want to stop existing", "I'd be fine if I didn't wake up tomorrow",
            "I wish I could just disappear forever", "I don't want to be here anymore",
            "I don't want to live like this anymore", "I'd rather be dead than keep feeling this"]
_PASSIVE_TAIL = ["", " tbh", " and it's getting worse", " every single night", ", it's all I think about",
                 " and I'm scared of how calm I feel about it", " lately"]


def burden(rng: random.Random) -> list[tuple[str, str]]:
    out = list(BURDEN_HAND)
    combos = [(f.format(w=w) + t, H) for f, w, t in itertools.product(_BURDEN_FRAME, _BURDEN_WHO, _BURDEN_TAIL)]
    out += rng.sample(combos, 90)
    combos = [(p + t, H) for p, t in itertools.product(_PASSIVE, _PASSIVE_TAIL)]
    out += rng.sample(combos, 40)
    return out


# --- self-harm ---------------------------------------------------------------------------------------
SH_HAND = [
    ("I cut again last night, worse than before", H),
    ("I've been burning my arm with a lighter when it gets bad", H),
    ("I keep hitting my head against the wall until it goes quiet", H),
    ("wearing long sleeves in this heat so nobody sees my arms", H),
    ("the cuts on my thighs are getting deeper", H),
    ("I scratch my skin until it bleeds and I can't stop", H),
    ("it won't stop bleeding and I think I went too deep", I),
    ("I punched the wall till my knuckles split on purpose", H),
    ("I hurt myself so I can feel something", H),
    ("I relapsed. 40 days clean and I cut tonight", H),
    ("told the nurse the burns were from cooking", H),
    ("I bang my fists into my legs till they bruise", H),
    ("i want to cut so bad rn", H),
    ("I've got the blade out and I'm going to do it", I),
    ("I keep pulling my hair out until there are bald patches", H),
    ("I've been starving myself as a punishment", H),
    ("I carve words into my arm", H),
    ("the only thing that helps is hurting myself", H),
    ("my wrists are a mess and I don't know how to hide it at PE", H),
    ("I stuck a compass into my hand in class so I'd stop crying", H),
    ("I used the kettle on my arm", H),
    ("I'm bleeding through the bandage", I),
    ("I hid the blades in my pencil case so mum won't find them", H),
    ("I bite my arms until they bleed", H),
    ("I've been cutting every night this week", H),
    ("I pressed a hot spoon against my skin again", H),
    ("there's blood everywhere and I feel dizzy", I),
    ("I hit myself in the face when I mess up", H),
    ("my legs are covered in cuts, I just wear trousers all the time", H),
    ("sh again. ik ik", H),
    ("self harmed last night for the first time in a year", H),
    ("i cut and it felt like relief and that scares me", H),
    ("I keep scratching the old scars open", H),
    ("I did it again with the razor from the sharpener", H),
    ("I'm going to burn myself again tonight, I can feel it coming", I),
    ("I've been punching myself in the stomach when I eat", H),
]
_SH_ACT = ["cut my arm", "cut my thighs", "burned myself", "scratched my arms raw", "hit myself",
           "carved into my skin", "used a blade on my wrist", "burnt my hand with a lighter"]
_SH_WHEN = ["again last night", "this morning", "twice today", "again", "in the bathroom at school",
            "after the argument", "when everyone went to bed", "again tonight"]
_SH_TAIL = ["", " and nobody knows", " and it's the only thing that works", " and I can't stop", " on purpose",
            ", it's getting worse", " and hid it under my sleeves"]


def self_harm(rng: random.Random) -> list[tuple[str, str]]:
    out = list(SH_HAND)
    combos = [(f"I {a} {w}{t}", H) for a, w, t in itertools.product(_SH_ACT, _SH_WHEN, _SH_TAIL)]
    out += rng.sample(combos, 130)
    return out


# --- someone else at risk ----------------------------------------------------------------------------
OTHER_HAND = [
    ("my friend just messaged me saying goodbye and that she's sorry for everything", I),
    ("my son told me he wants to die", H),
    ("my daughter is cutting herself, I saw her arms tonight", H),
    ("my mate posted a goodbye on his story and he's not answering his phone", I),
    ("my best friend said she's got pills saved up and she's going to take them tonight", I),
    ("my brother's on the roof of his building and won't come down", I),
    ("my dad said the family would be better off without him", H),
    ("my 14 year old has been searching how to tie a noose", I),
    ("my flatmate locked herself in the bathroom and says she's taken all her tablets", I),
    ("my girlfriend just texted 'I love you, I'm sorry' and turned her phone off", I),
    ("my student wrote in her journal that she doesn't want to be alive", H),
    ("a kid in my class said he's going to kill himself after school", I),
    ("my husband's been giving all his tools away and says he won't need them", H),
    ("my mum keeps saying she's a burden and she wishes she was dead", H),
    ("my friend sent me a photo of a bridge and said this is where", I),
    ("my sister has been burning herself with cigarettes", H),
    ("my boyfriend's drunk and holding his dad's gun", I),
    ("my friend took a load of pills and is falling asleep on me", I),
    ("my nephew said nobody would miss him if he was gone", H),
    ("someone in my discord server says he's going to kill himself tonight and has a rope", I),
    ("my grandad's been talking about not wanting to see another year and he's stopped eating", H),
    ("my roommate wrote letters to all of us and left them on the table", I),
    ("my mate said he's going to jump off the car park", I),
    ("my daughter left a note saying sorry and now she's not in her room", I),
    ("my coworker told me she's been stockpiling her meds", H),
    ("my ex just texted me he's going to end it", I),
    ("my kid has cuts all over his arms", H),
    ("my friend keeps saying she wants to disappear forever", H),
    ("my wife said she's thought about driving the car into a tree", H),
    ("my little brother is only 12 and he told me he wants to die", H),
    ("my friend's been giving away her stuff and saying goodbye to everyone", H),
    ("my dad's locked himself in the garage with the car running", I),
    ("my friend is on the phone to me crying and says she's on the bridge", I),
    ("my best mate told me he's planned how he'd do it", H),
    ("my son wrote 'I hate myself, I want to die' in his notebook", H),
    ("my friend said she can't do it anymore and she's going to take everything in the cabinet", I),
    ("my partner slit his wrists and there's so much blood", I),
    ("a girl at work said she'd be better off dead", H),
    ("my pupil showed me fresh cuts on her arm in the lesson", H),
    ("my aunt has been talking about killing herself since uncle died", H),
    ("our neighbour's teenager said he's got his dad's gun and wants to end it", I),
    ("my friend texted me 'tell everyone I loved them' at 3am", I),
    ("my twin told me she doesn't want to wake up anymore", H),
    ("my mum took too many of her pills on purpose and she's really drowsy", I),
    ("my friend's been hurting herself and made me promise not to tell", H),
    ("my bf says he's going to kill himself if i leave", H),
    ("my friend posted that she's going to be gone by morning", I),
]
_OTHER_WHO = [("my friend", "she", "her"), ("my son", "he", "his"), ("my daughter", "she", "her"),
              ("my best mate", "he", "his"), ("my sister", "she", "her"), ("my brother", "he", "his"),
              ("my husband", "he", "his"), ("my mum", "she", "her"), ("my dad", "he", "his"),
              ("my girlfriend", "she", "her"), ("my boyfriend", "he", "his"), ("my flatmate", "she", "her"),
              ("my student", "he", "his"), ("my teenage son", "he", "his"), ("a friend from school", "she", "her")]
_OTHER_SAYS = [
    ("said {p} wants to kill {r}self", H), ("told me {p} doesn't want to be alive anymore", H),
    ("texted me that {p}'s going to end it tonight", I), ("says {p} has pills saved up", H),
    ("told me {p}'s been cutting again", H), ("just sent me a goodbye message", I),
    ("said everyone would be better off without {o}", H), ("has been giving {q} things away", H),
    ("is talking about jumping off the bridge", I), ("just told me {p} took a whole bottle of pills", I),
    ("keeps saying {p} wishes {p} was dead", H), ("says {p} has a plan to kill {r}self", I),
]
_OTHER_TAIL = ["", " and I don't know what to do", ", what do I do", " and I'm scared", ". help",
               " and now {p}'s not answering", " and I'm miles away"]


def other(rng: random.Random) -> list[tuple[str, str]]:
    out = list(OTHER_HAND)
    combos = []
    for (who, p, q), (says, lvl), tail in itertools.product(_OTHER_WHO, _OTHER_SAYS, _OTHER_TAIL):
        o = "her" if p == "she" else "him"
        r = "her" if p == "she" else "him"
        text = f"{who} {says} {tail}".format(p=p, o=o, r=r, q=q).replace(" ,", ",").replace(" .", ".")
        combos.append((" ".join(text.split()), lvl))
    out += rng.sample(combos, 150)
    return out


# --- direct ------------------------------------------------------------------------------------------
DIRECT_HAND = [
    ("I want to kill myself", H),
    ("I'm going to kill myself tonight", I),
    ("i want to die", H),
    ("kms fr this time", H),
    ("I've been thinking about suicide every day", H),
    ("I'm suicidal", H),
    ("I'm going to end my life", I),
    ("thinking about ending it all", H),
    ("I want to end it", H),
    ("tonight's the night I do it", I),
    ("I can't go on, I want to die", H),
    ("I keep thinking about killing myself", H),
    ("I'm going to take my own life this weekend", I),
    ("i wanna unalive myself", H),
    ("i really want to die right now", H),
    ("suicidal thoughts again, really bad today", H),
    ("I've decided I'm going to kill myself", I),
    ("I'm planning to end my life after my exams", I),
    ("I tried to kill myself last night and it didn't work", I),
    ("I want to be dead", H),
    ("I feel like dying is the only way out", H),
    ("I wanna die so bad", H),
    ("ive been planning my suicide", I),
    ("I'm ready to die", H),
    ("i'm gonna end it tonight", I),
    ("I think about killing myself constantly", H),
    ("how do I tell someone I want to kill myself", H),
    ("I'm thinking of ending my life", H),
    ("I want to commit suicide", H),
    ("i need to die", H),
    ("I'm going to do it this time, I'm not scared", I),
    ("I don't want to live anymore", H),
    ("I am going to kill myself", I),
    ("suicide is all I think about", H),
    ("I'm done, I'm ending it", I),
    ("planning on killing myself on friday", I),
    ("my suicide note is half written", I),
    ("I want to end my life and I know how", I),
    ("i just want to die honestly", H),
    ("I'm seriously considering suicide", H),
]
_DIRECT_A = ["I want to", "I really want to", "i just wanna", "I'm going to", "I'm gonna", "I think I'm going to",
             "I've decided to", "part of me wants to", "I keep wanting to"]
_DIRECT_B = ["kill myself", "end my life", "die", "end it all", "take my own life", "end it"]
_DIRECT_C = ["", " tonight", " this weekend", " soon", " after everyone's asleep", " today", " and I mean it",
             " so badly", " and nobody can stop me"]


def direct(rng: random.Random) -> list[tuple[str, str]]:
    out = list(DIRECT_HAND)
    for a, b, c in rng.sample(list(itertools.product(_DIRECT_A, _DIRECT_B, _DIRECT_C)), 150):
        intent = a in ("I'm going to", "I'm gonna", "I think I'm going to", "I've decided to")
        soon = c.strip() in ("tonight", "this weekend", "soon", "after everyone's asleep", "today")
        out.append((f"{a} {b}{c}", I if (intent or soon) else H))
    return out
