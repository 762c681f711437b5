"""Buyer support messages for the translation benchmarks, with sentences that never repeat.

``unique_messages(300)`` gives 300 English support e-mails (1,000+ sentences) in which no
sentence reaches the model twice: uniqueness is checked on what the model sees, i.e. *after*
order numbers, prices, URLs and e-mail addresses became placeholders, so the translation
memory and de-duplication cannot do the model's work. ``repeating_messages`` gives the same
number of messages built from a small set of stock phrases (greetings, thanks, "where is my
order"), as real inboxes also have; benchmarks report it only as a second, labelled figure.

Sentences are built from a grammar of clauses a buyer writes (what they bought, what went wrong,
what they want, when, where), so they read like mail rather than like templates with a number
swapped. One kind of sentence carries text garbled by a wrong charset (U+FFFD), as some real
mail does: the model is unsure of it, so the decoding policy re-decodes it with beam search.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from translation.segment import segment
from translation.spans import SpanProtector

NAMES = [
    "Emily", "Chen Wei", "Lucas", "Sofia", "Jae-won", "Priya", "Tom", "Marta", "Ahmed", "Olivia",
    "Noah", "Hana", "Mateo", "Grace", "Ivan", "Lea", "Omar", "Yuki", "Ben", "Ana",
]  # fmt: skip
ITEMS = [
    "ceramic teapot", "matcha whisk set", "indigo tenugui towel", "cast iron kettle",
    "sakura tumbler", "washi notebook", "bamboo lunch box", "kimono belt", "incense kit",
    "lacquer chopsticks", "furoshiki wrapping cloth", "daruma doll", "linen noren curtain",
    "hinoki bath stool", "kokeshi doll", "sencha tea sampler", "yukata robe", "origami paper pack",
    "ramen bowl set", "knife sharpening stone", "gyokuro tea tin", "zabuton cushion",
    "paper lantern", "ikebana vase", "shiba inu plush", "glass wind chime", "sake cup set",
]  # fmt: skip
COLOURS = ["navy", "white", "black", "red", "green", "grey", "pink", "beige", "mustard", "sky blue"]
SIZES = ["small", "medium", "large", "extra large", "travel", "family", "gift"]
CITIES = [
    "Taipei", "Seoul", "Singapore", "Vancouver", "Berlin", "Sydney", "Lyon", "Austin", "Manila",
    "Jakarta", "Bangkok", "Madrid", "Toronto", "Dublin", "Hanoi", "Lisbon", "Melbourne",
    "Chicago", "Oslo", "Warsaw", "Kuala Lumpur", "Auckland", "Zurich",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
CARRIERS = ["Japan Post", "EMS", "DHL", "FedEx", "Yamato", "the local post office", "UPS"]
PEOPLE = ["my mother", "my sister", "a friend", "my husband", "my wife", "my colleague",
          "my grandmother", "my son", "my daughter", "my neighbour", "my teacher"]  # fmt: skip
OCCASIONS = ["her birthday", "a wedding", "Christmas", "our anniversary", "the new year",
             "his graduation", "a house warming", "Mother's Day", "a farewell party"]  # fmt: skip
DAMAGE = ["the lid is cracked", "one cup was broken", "the paint is scratched",
          "the handle came off", "the box was wet", "there is a chip on the rim",
          "the stitching is coming apart", "the glass is shattered", "a corner is dented",
          "the colour is faded", "the zip does not close", "the fabric has a stain"]  # fmt: skip
FEELINGS = ["a bit disappointed", "quite worried", "really happy", "confused", "a little upset",
            "very grateful", "surprised", "frustrated", "relieved"]  # fmt: skip
PAYMENTS = ["my credit card", "PayPal", "Apple Pay", "a bank transfer", "my debit card"]

OPENERS = [
    "Hello, my name is {name} and I live in {city}.",
    "Hi, this is {name} writing from {city}.",
    "Dear {shop} team, I am writing about my recent order.",
    "Good morning, I bought a {colour} {item} from your shop last {month}.",
    "Hello, I am contacting you on behalf of {person}.",
    "Hi {shop}, I have a question about the {size} {item}.",
]
BODIES = [
    "I placed order {order} on {day} but the {item} still has not arrived in {city}.",
    "The tracking page at {url} has not changed since {carrier} picked it up.",
    "Could you tell me when the {colour} {item} will be shipped to {city}?",
    "I was charged {price} although the {item} was listed at {price2}.",
    "The {item} arrived yesterday and {damage}.",
    "Is it possible to change the colour of my {item} to {colour} before it ships?",
    "I would like to return the {size} {item} and get a refund to {payment}.",
    "Please send the invoice for the {item} to {email} because customs in {city} need it.",
    "Do you ship the {size} {item} to {city}, and how long does {carrier} usually take?",
    "My parcel with the {item} was returned to you, so please resend it to my new address.",
    "The code on my receipt is {sku}; is that the {size} {item} or a different one?",
    "I paid {price} for express shipping but the {item} came with {carrier} by standard mail.",
    "The {item} is a present for {person} for {occasion}, so it has to arrive before {day}.",
    "I am {feeling} because the {colour} {item} looks different from the photos.",
    "Could you wrap the {item} as a gift and add a card for {person}?",
    "Do you still have the {colour} {item} in {size} size, or will it come back in {month}?",
    "{carrier} says the parcel is waiting at a depot in {city} but nobody has contacted me.",
    "I ordered two of the {item} but only one was in the box, and {damage}.",
    "Can I pay for the {item} with {payment} instead, since my card was declined?",
    "My account still shows order {order} as pending even though {payment} was charged.",
    "I would like to cancel the {item} because {person} already bought one for {occasion}.",
    "How should I clean the {item}, and is it safe to put it in the dishwasher?",
    "Is the {item} handmade in Japan, and does it come with instructions in English?",
    "Please let me know whether {carrier} can deliver the {item} on {day} morning.",
    "I left a review for the {colour} {item} but it does not appear on your site.",
    "The customs office in {city} asked me for {price} in import tax for the {item}.",
    # Mail from a client with the wrong charset: the model is unsure, so beam search re-decodes.
    'My screen shows "{garbled}" on the {colour} label.',
]
CLOSERS = [
    "Thank you for your help, {name}.",
    "Looking forward to your reply about the {item}.",
    "Best regards from {city}, {name}",
    "Thanks in advance, and have a nice {day}!",
    "Please answer by e-mail at {email}.",
    "I am {feeling} about this and hope you can help me soon.",
]
STOCK = [
    "Hello.",
    "Hi there!",
    "Where is my order?",
    "Thank you for your help.",
    "Best regards.",
    "Could you check the status of my order?",
    "I have not received my package yet.",
    "Please let me know.",
    "Thanks in advance!",
    "Looking forward to your reply.",
]


@dataclass(frozen=True)
class SupportMessage:
    text: str
    spans: list[str]  # order numbers, URLs, prices…: must come through byte for byte


def _values(rng: random.Random, n: int) -> dict[str, str]:
    name = rng.choice(NAMES)
    return {
        "name": name,
        "shop": "Kakehashi",
        "item": rng.choice(ITEMS),
        "colour": rng.choice(COLOURS),
        "size": rng.choice(SIZES),
        "city": rng.choice(CITIES),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "carrier": rng.choice(CARRIERS),
        "person": rng.choice(PEOPLE),
        "occasion": rng.choice(OCCASIONS),
        "damage": rng.choice(DAMAGE),
        "feeling": rng.choice(FEELINGS),
        "payment": rng.choice(PAYMENTS),
        "order": f"#KH-{rng.randint(10000, 99999)}",
        "url": f"https://track.example.com/parcel/{rng.randint(100000, 999999)}?ref=mail_{n}",
        "email": f"{name.split()[0].lower()}_{n}@example.org",
        "price": f"¥{rng.randint(1, 30)},{rng.randint(100, 999)}",
        "price2": f"US${rng.randint(10, 300)}.{rng.randint(10, 99)}",
        "sku": f"SKU{rng.randint(10000, 99999)}",
        "garbled": "".join(
            rng.choice("\ufffd\ufffd\ufffd\ufffdxqz") for _ in range(rng.randint(12, 24))
        ),
    }


_SPAN_KEYS = ("order", "url", "email", "price", "price2", "sku")


def model_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as the model sees them (spans replaced by placeholders)."""
    return list(segment(SpanProtector().protect(text).text).sentences)


def unique_messages(count: int = 300, *, seed: int = 7) -> list[SupportMessage]:
    """``count`` messages of 3–6 sentences; no sentence (as the model sees it) appears twice."""
    rng = random.Random(seed)
    seen: set[str] = set()
    messages: list[SupportMessage] = []
    attempts = 0
    while len(messages) < count:
        attempts += 1
        if attempts > count * 200:
            raise RuntimeError("the grammar is too small for that many unique messages")
        values = _values(rng, len(messages))
        parts = [rng.choice(OPENERS)]
        parts.append(" ".join(rng.sample(BODIES, rng.randint(2, 4))))
        parts.append(rng.choice(CLOSERS))
        text = "\n\n".join(parts).format(**values)
        sentences = model_sentences(text)
        if len(set(sentences)) != len(sentences) or seen.intersection(sentences):
            continue
        seen.update(sentences)
        spans = [values[k] for k in _SPAN_KEYS if values[k] in text]
        messages.append(SupportMessage(text, spans))
    return messages


def repeating_messages(count: int = 300, *, seed: int = 11) -> list[SupportMessage]:
    """Messages where about half the sentences are stock phrases many buyers write."""
    rng = random.Random(seed)
    unique = unique_messages(count, seed=seed)
    messages = []
    for message in unique:
        parts = [rng.choice(STOCK), message.text, rng.choice(STOCK), rng.choice(STOCK)]
        messages.append(SupportMessage(" ".join(parts), message.spans))
    return messages
