"""A synthetic mail corpus: realistic-looking messages of the five triage categories, generated from
authored templates with a seed. It trains the shipped content classifier (scripts/train_mail_triage.py),
fills the test IMAP server, and feeds the 10,000-message benchmark. No real person's mail is in it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

FIRST = ["Anna", "Tom", "Priya", "Jonas", "Lena", "Omar", "Mei", "Sam", "Ruth", "Kofi", "Ines", "Dev"]
SHOPS = ["Shoply", "MegaMart", "TrendyWear", "GadgetHub", "BookNook", "HomeGoods Co", "FreshBox"]
LISTS = ["The Weekly Byte", "Garden Notes", "City Cycling Club", "Python Digest", "Local News Roundup"]

IMPORTANT = [
    ("Your appointment on {day} at {hour}", "This is to confirm your appointment with Dr {name} on {day} at {hour}. "
     "Please bring your insurance card. Reply to this email if you need to change the time."),
    ("Invoice {num} due {day}", "Your invoice {num} for {amount} is due on {day}. Payment details are attached. "
     "Let us know if anything looks wrong."),
    ("Interview next {day}", "Thank you for applying. We would like to invite you to an interview on {day} at "
     "{hour}. Could you confirm that this works for you?"),
    ("Flight {num} check-in is open", "Check-in for your flight {num} on {day} is now open. Your departure time "
     "is {hour}. Please check in at least two hours before."),
    ("Action needed: tax return deadline", "Your tax return must be submitted by {day}. Please sign the form we "
     "prepared and send it back this week."),
    ("Lease renewal", "Your lease ends on {day}. Please tell us by {day} whether you want to renew, so we can "
     "prepare the paperwork."),
]
PEOPLE = [
    ("dinner on {day}?", "Hey! Are you free for dinner on {day}? I found a little place near the river. "
     "Miss you. {name}"),
    ("photos from the weekend", "Here are the photos from the weekend, the one of the dog is my favourite. "
     "Call me when you get a chance x"),
    ("Re: how are you doing", "I've been thinking about you since our call. How did the week go? Let's catch "
     "up soon, {name}"),
    ("happy news", "I wanted you to hear it from me first: we're having a baby in the spring! Talk soon, {name}"),
    ("book you lent me", "Finally finished the book you lent me. The ending! We need to talk about it over "
     "coffee."),
]
NEWSLETTERS = [
    ("{list}: issue {num}", "In this issue: five stories from the community, a tutorial on {topic}, and an "
     "interview with a reader. Thanks for subscribing to {list}."),
    ("{list} — this week in {topic}", "Welcome to this week's edition. We look at {topic}, new releases, and "
     "upcoming events. You are receiving this because you subscribed."),
    ("Monthly update from {list}", "Here is our monthly roundup of news about {topic}. Read online. "
     "Manage your subscription preferences at any time."),
]
PROMOTIONS = [
    ("{pct}% off everything this weekend only", "Huge sale at {shop}! Get {pct}% off everything with code "
     "SAVE{pct}. Free shipping on orders over 50. Shop now before the deal ends."),
    ("Last chance: your exclusive offer expires tonight", "Don't miss out — your exclusive discount at {shop} "
     "expires at midnight. Buy now and save big on bestsellers."),
    ("New arrivals just for you", "Fresh styles have landed at {shop}. Limited stock, members get early "
     "access and a free gift with every order. Shop the collection."),
    ("Your cart is waiting", "You left something in your cart at {shop}. Complete your purchase today and get "
     "{pct}% off with this coupon."),
]
JUNK = [
    ("You have WON a prize!!!", "Congratulations winner! Claim your {amount} prize now by verifying your "
     "account details at the link below. Act fast, offer expires!"),
    ("Urgent: verify your account", "Your account will be suspended. Click here immediately to verify your "
     "password and bank details to avoid closure."),
    ("Business proposal", "Dear friend, I am a prince with {amount} to transfer. I need your bank account to "
     "complete the transfer. You will receive 30% commission."),
    ("Cheap meds online", "Best prices on pills, no prescription needed, discreet shipping worldwide. Order "
     "now and get free bonus pills."),
]
TOPICS = ["gardening", "open source", "urban cycling", "data science", "local politics", "birdwatching"]
CATEGORIES = ("important", "people", "newsletters", "promotions", "junk")


def _fill(text: str, rng: random.Random) -> str:
    return text.format(
        day=rng.choice(["Monday", "Tuesday", "Friday", "12 March", "the 3rd"]),
        hour=rng.choice(["9:30", "14:00", "16:15"]), name=rng.choice(FIRST), num=rng.randint(100, 99999),
        amount=rng.choice(["£120.00", "$4,500,000", "€89.90"]), list=rng.choice(LISTS), topic=rng.choice(TOPICS),
        pct=rng.choice([10, 20, 30, 50, 70]), shop=rng.choice(SHOPS),
    )


def make_message(category: str, rng: random.Random, known_people: list[str], when: datetime,
                 me: str = "robin@example.org", attachment_bytes: int = 0) -> EmailMessage:
    """One synthetic message of `category`, with the headers real mail of that kind carries."""
    templates = {"important": IMPORTANT, "people": PEOPLE, "newsletters": NEWSLETTERS,
                 "promotions": PROMOTIONS, "junk": JUNK}[category]
    subject, body = rng.choice(templates)
    message = EmailMessage()
    if category == "people":
        sender = rng.choice(known_people) if known_people else f"{rng.choice(FIRST).lower()}@example.net"
        message["From"] = f"{sender.split('@')[0].title()} <{sender}>"
    elif category == "important":
        message["From"] = f"{rng.choice(['Clinic', 'Billing', 'Careers', 'Airline', 'Tax Office'])} " \
                          f"<no-reply@{rng.choice(['clinic', 'utility', 'acme-jobs', 'skyair', 'gov'])}.example>"
    elif category in ("newsletters", "promotions"):
        brand = rng.choice(LISTS if category == "newsletters" else SHOPS)
        domain = brand.lower().replace(" ", "").replace(":", "")
        message["From"] = f"{brand} <news@{domain}.example>"
        message["List-Unsubscribe"] = f"<mailto:unsubscribe@{domain}.example>"
        message["List-Id"] = f"<{domain}.list.example>"
        message["Precedence"] = "bulk"
    else:
        message["From"] = f"Winner Desk <{rng.randint(1000, 9999)}@{rng.choice(['lottery', 'secure-bank'])}.invalid>"
        message["Authentication-Results"] = "mx.example.org; spf=fail; dkim=none; dmarc=fail"
        if rng.random() < 0.5:
            message["X-Spam-Flag"] = "YES"
    message["To"] = me
    message["Subject"] = _fill(subject, rng)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain="corpus.example")
    message.set_content(_fill(body, rng))
    if attachment_bytes:
        message.add_attachment(rng.randbytes(attachment_bytes), maintype="application", subtype="octet-stream",
                               filename="scan.bin")
    return message


def generate(count: int, seed: int = 1, known_people: list[str] | None = None,
             weights: tuple[float, ...] = (0.04, 0.06, 0.35, 0.4, 0.15)) -> list[tuple[str, EmailMessage]]:
    """`count` messages as (true category, message), newest last."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    people = known_people or []
    return [
        (category, make_message(category, rng, people, start + timedelta(minutes=37 * index)))
        for index, category in enumerate(rng.choices(CATEGORIES, weights=weights, k=count))
    ]
