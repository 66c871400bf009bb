"""A deterministic demo network: realistic people, two years of history, a lively agenda.

`generate_network` is pure: the same `today`, sizes and seed always give an equal `Network`,
and every date is relative to `today` (no clock). The default 150 people make an agenda a
person could work through in a few minutes (a handful of check-ins, a couple of celebrations,
an overdue promise, a reply owed); the same code makes 100,000 people / 1,000,000 interactions
for benchmarks in seconds, keeping per-person rates realistic so the agenda stays a small
fraction of the network.

Speed comes from doing the per-row work with plain ints (minutes since a base day) and
turning them into pendulum objects through small caches: one `DateTime` per distinct minute,
one `Date` per distinct day, one summary string per (template, phrase).
"""

from __future__ import annotations

import bisect
import gc
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from pendulum import UTC, Date, DateTime

from core.cadence import DEFAULT_CADENCE_DAYS
from core.models import (
    Channel,
    Circle,
    Commitment,
    Contact,
    DateKind,
    Direction,
    FollowUpQuestion,
    ImportantDate,
    Interaction,
    InteractionKind,
    LifeEvent,
    LifeEventKind,
    Network,
    Note,
    YearlyRule,
)

GENERATOR_VERSION = 2  # bump when the same arguments start giving a different network
INTERACTIONS_PER_CONTACT = 20  # the default history depth (about two years at cadence)
HISTORY_DAYS = 730  # no interaction is older than this
_DAY_MINUTES = 1440
_FIRST_MINUTE = 8 * 60  # interactions happen between 08:00 and 21:55 UTC
_MINUTE_SLOTS = 168  # five-minute slots in that span

# Circle mixes: a personal network of a few hundred, and a large one (Dunbar-like layers,
# so that a 100,000-person network does not have 3,000 "inner" friends).
_PERSONAL_MIX: dict[Circle, float] = {
    Circle.INNER: 0.03,
    Circle.CLOSE: 0.10,
    Circle.ACTIVE: 0.25,
    Circle.NETWORK: 0.35,
    Circle.ACQUAINTANCE: 0.27,
}
_LARGE_MIX: dict[Circle, float] = {
    Circle.INNER: 0.005,
    Circle.CLOSE: 0.02,
    Circle.ACTIVE: 0.10,
    Circle.NETWORK: 0.35,
    Circle.ACQUAINTANCE: 0.525,
}
_LARGE_NETWORK = 1000  # from this many contacts on, use the large mix
_CIRCLES = tuple(Circle)
_BIRTHDAY_KNOWN: dict[Circle, float] = {
    Circle.INNER: 1.0,
    Circle.CLOSE: 0.9,
    Circle.ACTIVE: 0.55,
    Circle.NETWORK: 0.25,
    Circle.ACQUAINTANCE: 0.08,
}
_OVERRIDE_DAYS = (10, 21, 45, 60, 120)
_OVERDUE_SHARE = 0.06  # steady state: most people are touched within their cadence

# --- people --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _City:
    name: str
    country: str
    timezone: str
    dial: str


@dataclass(frozen=True)
class _Region:
    given: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[_City, ...]
    weight: float
    family_first: bool = False


_REGIONS: tuple[_Region, ...] = (
    _Region(
        (
            "Sam",
            "Olivia",
            "Noah",
            "Emma",
            "Liam",
            "Ava",
            "Ethan",
            "Grace",
            "Maya",
            "Jack",
            "Siobhán",
            "Niamh",
            "Ciarán",
            "Hannah",
            "Owen",
            "Ruby",
        ),
        (
            "Smith",
            "Johnson",
            "Brown",
            "O'Brien",
            "Walsh",
            "Taylor",
            "Murphy",
            "Kelly",
            "Bennett",
            "Hughes",
            "Carter",
            "Reid",
        ),
        (
            _City("New York", "USA", "America/New_York", "+1"),
            _City("San Francisco", "USA", "America/Los_Angeles", "+1"),
            _City("Austin", "USA", "America/Chicago", "+1"),
            _City("Toronto", "Canada", "America/Toronto", "+1"),
            _City("London", "UK", "Europe/London", "+44"),
            _City("Dublin", "Ireland", "Europe/Dublin", "+353"),
            _City("Sydney", "Australia", "Australia/Sydney", "+61"),
            _City("Melbourne", "Australia", "Australia/Melbourne", "+61"),
        ),
        0.22,
    ),
    _Region(
        (
            "Ana",
            "João",
            "Inês",
            "Tiago",
            "Beatriz",
            "Rui",
            "Mariana",
            "Gonçalo",
            "Sofia",
            "Duarte",
            "Leonor",
            "Tomás",
        ),
        (
            "Lima",
            "Silva",
            "Costa",
            "Reis",
            "Sá",
            "Nunes",
            "Gonçalves",
            "Ferreira",
            "Araújo",
            "Conceição",
        ),
        (
            _City("Lisbon", "Portugal", "Europe/Lisbon", "+351"),
            _City("Porto", "Portugal", "Europe/Lisbon", "+351"),
            _City("São Paulo", "Brazil", "America/Sao_Paulo", "+55"),
            _City("Rio de Janeiro", "Brazil", "America/Sao_Paulo", "+55"),
        ),
        0.10,
    ),
    _Region(
        (
            "Mateo",
            "Lucía",
            "José",
            "Camila",
            "Diego",
            "Valentina",
            "Sofía",
            "Alejandro",
            "Martina",
            "Andrés",
        ),
        ("García", "Fernández", "López", "Martínez", "Rodríguez", "Peña", "Núñez", "Ortiz"),
        (
            _City("Madrid", "Spain", "Europe/Madrid", "+34"),
            _City("Barcelona", "Spain", "Europe/Madrid", "+34"),
            _City("Mexico City", "Mexico", "America/Mexico_City", "+52"),
            _City("Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires", "+54"),
            _City("Bogotá", "Colombia", "America/Bogota", "+57"),
        ),
        0.10,
    ),
    _Region(
        ("Zoë", "Chloé", "Léa", "Hugo", "Théo", "Camille", "François", "Renée", "Inès", "Mathis"),
        ("Dubois", "Martin", "Lefèvre", "Moreau", "Girard", "Bonnet", "Faure"),
        (
            _City("Paris", "France", "Europe/Paris", "+33"),
            _City("Lyon", "France", "Europe/Paris", "+33"),
            _City("Montréal", "Canada", "America/Toronto", "+1"),
            _City("Brussels", "Belgium", "Europe/Brussels", "+32"),
        ),
        0.08,
    ),
    _Region(
        (
            "Jonas",
            "Lena",
            "Lukas",
            "Anna",
            "Jürgen",
            "Søren",
            "Freja",
            "Björn",
            "Astrid",
            "Mikael",
            "Åsa",
            "Maja",
        ),
        (
            "Müller",
            "Schmidt",
            "Weiß",
            "Madsen",
            "Nielsen",
            "Lindqvist",
            "Bergström",
            "Johansson",
            "Hoffmann",
        ),
        (
            _City("Berlin", "Germany", "Europe/Berlin", "+49"),
            _City("Munich", "Germany", "Europe/Berlin", "+49"),
            _City("Copenhagen", "Denmark", "Europe/Copenhagen", "+45"),
            _City("Stockholm", "Sweden", "Europe/Stockholm", "+46"),
            _City("Oslo", "Norway", "Europe/Oslo", "+47"),
            _City("Zürich", "Switzerland", "Europe/Zurich", "+41"),
        ),
        0.10,
    ),
    _Region(
        ("Łukasz", "Małgorzata", "Katarzyna", "Piotr", "Zofia", "Jakub", "Tereza", "Ondřej"),
        ("Nowak", "Kowalczyk", "Wójcik", "Svoboda", "Dvořák", "Novák", "Mazur", "Krawczyk"),
        (
            _City("Warsaw", "Poland", "Europe/Warsaw", "+48"),
            _City("Kraków", "Poland", "Europe/Warsaw", "+48"),
            _City("Prague", "Czechia", "Europe/Prague", "+420"),
        ),
        0.05,
    ),
    _Region(
        ("Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Can", "Deniz", "İpek", "Burak", "Selin"),
        ("Yılmaz", "Şahin", "Demir", "Çelik", "Kaya", "Öztürk", "Aydın", "Arslan"),
        (
            _City("Istanbul", "Türkiye", "Europe/Istanbul", "+90"),
            _City("Ankara", "Türkiye", "Europe/Istanbul", "+90"),
            _City("İzmir", "Türkiye", "Europe/Istanbul", "+90"),
        ),
        0.06,
    ),
    _Region(
        ("Minh Anh", "Thu Hà", "Quang Huy", "Lan", "Đức", "Bảo Ngọc", "Thanh Tùng"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Võ"),
        (
            _City("Hanoi", "Vietnam", "Asia/Ho_Chi_Minh", "+84"),
            _City("Ho Chi Minh City", "Vietnam", "Asia/Ho_Chi_Minh", "+84"),
        ),
        0.04,
        family_first=True,
    ),
    _Region(
        ("Kenji", "Yuki", "Haruto", "Aiko", "Sora", "Ren", "Mei"),
        ("Watanabe", "Tanaka", "Sato", "Suzuki", "Kobayashi", "Yamamoto"),
        (
            _City("Tokyo", "Japan", "Asia/Tokyo", "+81"),
            _City("Osaka", "Japan", "Asia/Tokyo", "+81"),
        ),
        0.04,
    ),
    _Region(
        ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun"),
        ("Kim", "Park", "Choi", "Jung"),
        (
            _City("Seoul", "South Korea", "Asia/Seoul", "+82"),
            _City("Busan", "South Korea", "Asia/Seoul", "+82"),
        ),
        0.02,
    ),
    _Region(
        ("Wei", "Li Na", "Jun", "Xiaoming", "Mei", "Hao", "Yu"),
        ("Zhang", "Wang", "Chen", "Liu", "Huang", "Lin"),
        (
            _City("Shanghai", "China", "Asia/Shanghai", "+86"),
            _City("Singapore", "Singapore", "Asia/Singapore", "+65"),
            _City("Taipei", "Taiwan", "Asia/Taipei", "+886"),
        ),
        0.05,
    ),
    _Region(
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Neha", "Aditya"),
        ("Raman", "Sharma", "Iyer", "Patel", "Reddy", "Menon", "Gupta"),
        (
            _City("Bangalore", "India", "Asia/Kolkata", "+91"),
            _City("Mumbai", "India", "Asia/Kolkata", "+91"),
            _City("Pune", "India", "Asia/Kolkata", "+91"),
        ),
        0.08,
    ),
    _Region(
        ("Amara", "Chinedu", "Ngozi", "Kwame", "Abena", "Wanjiru", "Tendai", "Thandiwe", "Daniel"),
        ("Nwosu", "Okafor", "Mensah", "Kamau", "Adeyemi", "Ndlovu", "Otieno"),
        (
            _City("Lagos", "Nigeria", "Africa/Lagos", "+234"),
            _City("Nairobi", "Kenya", "Africa/Nairobi", "+254"),
            _City("Accra", "Ghana", "Africa/Accra", "+233"),
            _City("Cape Town", "South Africa", "Africa/Johannesburg", "+27"),
        ),
        0.07,
    ),
    _Region(
        ("Omar", "Layla", "Youssef", "Noor", "Karim", "Fatima", "Hana"),
        ("Haddad", "Khalil", "Mansour", "Saleh", "Farouk"),
        (
            _City("Dubai", "UAE", "Asia/Dubai", "+971"),
            _City("Beirut", "Lebanon", "Asia/Beirut", "+961"),
            _City("Cairo", "Egypt", "Africa/Cairo", "+20"),
            _City("Amman", "Jordan", "Asia/Amman", "+962"),
        ),
        0.05,
    ),
)
_REGION_CUM = tuple(
    sum(region.weight for region in _REGIONS[: index + 1]) for index in range(len(_REGIONS))
)

_COMPANIES = (
    ("Northwind Labs", "northwind.io"),
    ("Acme Robotics", "acme-robotics.com"),
    ("Fjord Analytics", "fjord.ai"),
    ("Lumen Health", "lumenhealth.com"),
    ("Tessellate", "tessellate.design"),
    ("Bluefin Pay", "bluefinpay.com"),
    ("Verdant Energy", "verdant.energy"),
    ("Paperplane", "paperplane.app"),
    ("Quarry Studio", "quarry.studio"),
    ("Orbital Data", "orbitaldata.io"),
    ("Helios Climate", "helios.earth"),
    ("Mosaic Learning", "mosaic.edu"),
    ("Tidewater Bank", "tidewater.bank"),
    ("Cobalt Security", "cobaltsec.com"),
    ("Brightline Design", "brightline.co"),
    ("Granite Cloud", "granite.cloud"),
    ("Saffron Foods", "saffronfoods.com"),
    ("Atlas Mobility", "atlasmobility.eu"),
    ("Nimbus AI", "nimbus.ai"),
    ("Kestrel Ventures", "kestrel.vc"),
    ("City University", "city-uni.edu"),
    ("The Daily Ledger", "dailyledger.news"),
)
_TITLES = (
    "Software Engineer",
    "Senior Product Designer",
    "Staff Engineer",
    "Head of Product",
    "Founder & CEO",
    "CTO",
    "Data Scientist",
    "Engineering Manager",
    "UX Researcher",
    "VP Engineering",
    "Product Manager",
    "Partner",
    "Climate Analyst",
    "Developer Advocate",
    "Marketing Lead",
    "Technical Recruiter",
    "Professor",
    "Journalist",
    "Consultant",
    "ML Engineer",
)
_TAGS = (
    "ex-colleague",
    "climbing-crew",
    "investor",
    "founder",
    "mentor",
    "mentee",
    "conference",
    "neighbor",
    "university",
    "recruiter",
    "client",
    "book-club",
    "open-source",
    "run-club",
)
_HELP = (
    "design feedback",
    "intros to seed investors",
    "hiring advice",
    "Rust mentoring",
    "pitch deck review",
    "fundraising advice",
    "legal basics for startups",
    "climate-tech intros",
    "user research",
    "data engineering help",
    "speaking slots",
    "beta testers",
    "a senior designer",
    "a co-founder",
    "product mentoring",
    "a flat in Lisbon",
    "remote job leads",
    "press contacts",
)
_HOW_MET = (
    "climbing gym",
    "PyCon {year}",
    "Web Summit {year}",
    "university",
    "worked together at {company}",
    "intro from a friend",
    "neighbors",
    "book club",
    "a thread about {topic}",
    "a {topic} meetup",
    "kids' school",
    "hackathon {year}",
    "run club",
    "coworking space",
)
_NOTES = (
    "Two kids, Leo (6) and Mia (3).",
    "Vegetarian; loves Ethiopian food.",
    "Prefers voice notes over long emails.",
    "Thinking of moving abroad next year.",
    "Ran the Lisbon marathon in 3:41.",
    "Allergic to cats.",
    "Partner works in architecture.",
    "Writes a weekly newsletter on climate tech.",
    "Best reached before 10am their time.",
    "Coffee snob: bring beans from Lisbon.",
    "Hates small talk; go straight to the point.",
    "Caring for a parent; be gentle about travel plans.",
    "Plays in a Sunday football league.",
    "Wants to move from engineering into product.",
    "Speaks five languages.",
)

# --- what people talk about ----------------------------------------------------------------

_TOPIC_PHRASES: dict[str, tuple[str, ...]] = {
    "climbing": (
        "bouldering trip to Fontainebleau in spring",
        "finally sent the 7a project",
        "finger pulley is healing slowly",
        "new gym opened near their place",
    ),
    "running": (
        "marathon training, knee is better",
        "signed up for the Porto half",
        "joined a run club on Sundays",
        "PB at the 10k, 44 minutes",
    ),
    "ai": (
        "evals for their LLM support bot",
        "skeptical about agents in production",
        "fine-tuning small models on-device",
        "their team is hiring ML engineers",
    ),
    "climate": (
        "heat pump install finally done",
        "their startup is piloting grid batteries",
        "carbon accounting is a mess at work",
        "reading 'Not the End of the World'",
    ),
    "design": (
        "redesigning the onboarding flow",
        "design system migration is dragging",
        "loved the Dieter Rams exhibition",
        "thinking about going freelance",
    ),
    "cooking": (
        "perfecting a sourdough starter",
        "hosting a supper club next month",
        "learned to make proper ramen",
        "fermenting hot sauce",
    ),
    "photography": (
        "switched to a Fuji X100",
        "photo walk in Alfama",
        "printing a zine of street photos",
    ),
    "startups": (
        "closing a pre-seed round",
        "co-founder tension, working it out",
        "first 10 paying customers",
        "thinking about pivoting to B2B",
    ),
    "music": ("learning jazz piano", "saw Khruangbin live", "their band has a gig in March"),
    "books": (
        "reading 'The Power Broker', slow going",
        "book club picked 'Piranesi'",
        "loved 'Working in Public'",
    ),
    "cycling": (
        "bikepacking across the Alentejo",
        "new gravel bike",
        "commuting by bike all winter",
    ),
    "product": (
        "roadmap planning for next year",
        "struggling with prioritization",
        "shipping the mobile app beta",
    ),
    "open-source": (
        "maintainer burnout on their library",
        "got a grant for their project",
        "first PR merged into CPython",
    ),
    "cities": (
        "fighting for a bike lane on their street",
        "loves the new tram line",
        "rents are wild where they live",
    ),
    "parenting": (
        "kid started daycare, lots of colds",
        "sleep regression is brutal",
        "planning a family trip to the Azores",
    ),
    "fintech": (
        "open banking API headaches",
        "compliance audit went fine",
        "moving to a payments startup",
    ),
    "health": (
        "back on track after surgery",
        "doing yoga every morning",
        "quit coffee for a month",
    ),
    "travel": (
        "just back from Japan",
        "planning a sabbatical in South America",
        "remote month in Lisbon",
    ),
    "security": (
        "incident postmortem at work",
        "rolling out passkeys",
        "giving a talk on supply-chain attacks",
    ),
    "data": (
        "migrating to DuckDB",
        "dashboard sprawl at work",
        "building a data team from scratch",
    ),
    "writing": (
        "newsletter hit 1,000 subscribers",
        "working on a book proposal",
        "writing about remote work",
    ),
}
_TOPICS = tuple(_TOPIC_PHRASES)
_LIFE_PHRASES = (
    "catching up after the holidays",
    "moving flats next month",
    "their dog is 12 and fine",
    "work is intense, planning time off",
    "visiting family in the summer",
    "new role is going well",
    "talked about burnout and boundaries",
    "just back from a wedding",
    "renovating the kitchen",
    "thinking about moving abroad",
)
_SHARE_TITLES: dict[str, str] = {
    "climbing": "The Crux of Bouldering",
    "running": "The Science of the Long Run",
    "ai": "Your AI Product Needs Evals",
    "climate": "Drawdown: the 2025 update",
    "design": "Laws of UX",
    "startups": "Do Things That Don't Scale",
    "product": "The Mom Test, summarized",
    "open-source": "Working in Public",
    "cities": "Why Cities Need Trams",
    "data": "DuckDB in Production",
    "security": "A Field Guide to Supply-Chain Attacks",
    "writing": "On Writing Well, again",
    "cooking": "Salt Fat Acid Heat notes",
    "books": "The Best Books of the Year",
}
_QUESTIONS: dict[str, str] = {
    "climbing": "did they send the project?",
    "running": "how did the race go?",
    "ai": "did the evals work out?",
    "climate": "how is the battery pilot going?",
    "design": "did they go freelance?",
    "startups": "did the round close?",
    "parenting": "is the little one sleeping yet?",
    "travel": "how was the trip?",
    "open-source": "did the grant come through?",
    "writing": "how is the book proposal?",
    "product": "did the beta ship?",
    "health": "how is recovery going?",
}
_HELP_DONE = (
    "reviewed their pitch deck",
    "gave feedback on their CV",
    "helped debug their Postgres setup",
    "shared salary benchmarks",
    "read their essay draft",
    "sent notes on their talk",
)
_ASKS = (
    "asked for feedback on my talk",
    "asked about their hiring process",
    "asked for advice on pricing",
    "asked for a flat recommendation",
)
_CONGRATS = (
    "congrats on the new role",
    "congrats on the promotion",
    "happy birthday!",
    "congrats on the launch",
    "congrats on the move",
)
_COMMITMENTS = (
    "send {given} the deck",
    "intro {given} to a climate VC",
    "review {given}'s CV",
    "send {given} my notes from the talk",
    "book dinner with {given}",
    "return {given}'s book",
    "feedback on {given}'s essay draft",
    "share the hiring rubric with {given}",
)


@dataclass(frozen=True)
class _Template:
    channel: Channel
    kind: InteractionKind
    direction: Direction
    prefix: str
    phrases: str  # "topic", "help", "ask", "congrats" or "share"


_TEMPLATES = (
    _Template(Channel.TEXT, InteractionKind.MESSAGE, Direction.OUTBOUND, "texted", "topic"),
    _Template(Channel.TEXT, InteractionKind.MESSAGE, Direction.INBOUND, "they texted", "topic"),
    _Template(Channel.CALL, InteractionKind.CALL, Direction.MUTUAL, "call", "topic"),
    _Template(Channel.VIDEO, InteractionKind.CALL, Direction.MUTUAL, "video call", "topic"),
    _Template(Channel.IN_PERSON, InteractionKind.MEETING, Direction.MUTUAL, "coffee", "topic"),
    _Template(Channel.IN_PERSON, InteractionKind.MEETING, Direction.MUTUAL, "dinner", "topic"),
    _Template(Channel.EMAIL, InteractionKind.CHECK_IN, Direction.OUTBOUND, "email", "topic"),
    _Template(
        Channel.EMAIL, InteractionKind.MESSAGE, Direction.INBOUND, "email from them", "topic"
    ),
    _Template(Channel.SOCIAL, InteractionKind.MESSAGE, Direction.OUTBOUND, "DM", "topic"),
    _Template(Channel.EMAIL, InteractionKind.SHARE, Direction.OUTBOUND, "shared", "share"),
    _Template(Channel.EMAIL, InteractionKind.HELP, Direction.OUTBOUND, "helped", "help"),
    _Template(Channel.EMAIL, InteractionKind.ASK, Direction.OUTBOUND, "email", "ask"),
    _Template(Channel.TEXT, InteractionKind.CONGRATS, Direction.OUTBOUND, "texted", "congrats"),
)
_CONGRATS_TEMPLATE = 12
# Template weights per circle (parallel to _TEMPLATES): close people text and meet,
# the wider network gets email and DMs.
_TEMPLATE_WEIGHTS: dict[Circle, tuple[int, ...]] = {
    Circle.INNER: (22, 14, 16, 6, 10, 8, 2, 1, 3, 3, 2, 2, 1),
    Circle.CLOSE: (18, 10, 12, 8, 12, 4, 6, 3, 4, 4, 3, 3, 1),
    Circle.ACTIVE: (8, 5, 8, 12, 10, 2, 18, 9, 8, 7, 5, 4, 1),
    Circle.NETWORK: (3, 2, 4, 10, 8, 0, 24, 12, 14, 9, 6, 5, 1),
    Circle.ACQUAINTANCE: (1, 1, 2, 6, 6, 0, 28, 14, 18, 10, 5, 6, 1),
}
_TEMPLATE_CUM: dict[Circle, tuple[int, ...]] = {
    circle: tuple(sum(weights[: index + 1]) for index in range(len(weights)))
    for circle, weights in _TEMPLATE_WEIGHTS.items()
}
_NOT_INBOUND = tuple(
    index
    for index, template in enumerate(_TEMPLATES)
    if template.direction is not Direction.INBOUND and template.phrases == "topic"
)
_INBOUND = tuple(
    index for index, template in enumerate(_TEMPLATES) if template.direction is Direction.INBOUND
)
_PREFERRED: dict[Circle, tuple[Channel, ...]] = {
    Circle.INNER: (Channel.TEXT, Channel.TEXT, Channel.CALL, Channel.IN_PERSON),
    Circle.CLOSE: (Channel.TEXT, Channel.CALL, Channel.VIDEO, Channel.EMAIL),
    Circle.ACTIVE: (Channel.EMAIL, Channel.TEXT, Channel.VIDEO, Channel.SOCIAL),
    Circle.NETWORK: (Channel.EMAIL, Channel.EMAIL, Channel.SOCIAL),
    Circle.ACQUAINTANCE: (Channel.EMAIL, Channel.SOCIAL),
}

# --- hand-made people for the roles the default agenda needs ------------------------------


@dataclass(frozen=True)
class _Featured:
    given: str
    family: str
    circle: Circle
    city: _City
    company: str
    title: str
    interests: tuple[str, ...]
    role: str
    family_first: bool = False


_LISBON = _City("Lisbon", "Portugal", "Europe/Lisbon", "+351")
_FEATURED = (
    _Featured(
        "Ana",
        "Lima",
        Circle.INNER,
        _LISBON,
        "Helios Climate",
        "Climate Analyst",
        ("running", "climbing", "climate"),
        "overdue",
    ),
    _Featured(
        "Zoë",
        "Martin",
        Circle.CLOSE,
        _City("London", "UK", "Europe/London", "+44"),
        "Tessellate",
        "Senior Product Designer",
        ("design", "cooking"),
        "birthday",
    ),
    _Featured(
        "João",
        "Silva",
        Circle.ACTIVE,
        _City("São Paulo", "Brazil", "America/Sao_Paulo", "+55"),
        "Bluefin Pay",
        "Engineering Manager",
        ("fintech", "cycling"),
        "reply",
    ),
    _Featured(
        "Ayşe",
        "Yılmaz",
        Circle.ACTIVE,
        _City("Istanbul", "Türkiye", "Europe/Istanbul", "+90"),
        "Nimbus AI",
        "ML Engineer",
        ("ai", "photography"),
        "new-job",
    ),
    _Featured(
        "Minh Anh",
        "Nguyễn",
        Circle.NETWORK,
        _City("Hanoi", "Vietnam", "Asia/Ho_Chi_Minh", "+84"),
        "Orbital Data",
        "Data Scientist",
        ("data", "travel"),
        "leap-birthday",
        family_first=True,
    ),
    _Featured(
        "Søren",
        "Madsen",
        Circle.CLOSE,
        _City("Copenhagen", "Denmark", "Europe/Copenhagen", "+45"),
        "Kestrel Ventures",
        "Partner",
        ("startups", "cycling", "climate"),
        "overdue-commitment",
    ),
    _Featured(
        "Priya",
        "Raman",
        Circle.NETWORK,
        _City("Bangalore", "India", "Asia/Kolkata", "+91"),
        "Paperplane",
        "Head of Product",
        ("product", "writing"),
        "commitment-soon",
    ),
    _Featured(
        "Łukasz",
        "Nowak",
        Circle.ACTIVE,
        _City("Warsaw", "Poland", "Europe/Warsaw", "+48"),
        "Granite Cloud",
        "Staff Engineer",
        ("open-source", "security"),
        "work-anniversary",
    ),
    _Featured(
        "Daniel",
        "Okafor",
        Circle.INNER,
        _City("Lagos", "Nigeria", "Africa/Lagos", "+234"),
        "Lumen Health",
        "CTO",
        ("parenting", "ai", "music"),
        "fathers-day",
    ),
    _Featured(
        "Mateo",
        "García",
        Circle.NETWORK,
        _City("Mexico City", "Mexico", "America/Mexico_City", "+52"),
        "Atlas Mobility",
        "VP Engineering",
        ("cities", "running"),
        "promotion",
    ),
    _Featured(
        "Kenji",
        "Watanabe",
        Circle.ACQUAINTANCE,
        _City("Tokyo", "Japan", "Asia/Tokyo", "+81"),
        "Acme Robotics",
        "Developer Advocate",
        ("ai", "books"),
        "never",
    ),
    _Featured(
        "Amara",
        "Nwosu",
        Circle.NETWORK,
        _City("Nairobi", "Kenya", "Africa/Nairobi", "+254"),
        "Mosaic Learning",
        "Founder & CEO",
        ("startups", "education"),
        "never",
    ),
    _Featured(
        "Fatma",
        "Şahin",
        Circle.CLOSE,
        _City("İzmir", "Türkiye", "Europe/Istanbul", "+90"),
        "Brightline Design",
        "UX Researcher",
        ("design", "books"),
        "reply",
    ),
)

_ASCII_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def _ascii_slug(text: str) -> str:
    """`Nguyễn` -> `nguyen`: for email addresses and handles."""
    folded = text.lower().translate(_ASCII_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


def _occurrence(month: int, day: int, year: int) -> Date:
    """A fixed yearly date in `year`, Feb 29 on Feb 28 in common years."""
    if month == 2 and day == 29 and not _is_leap(year):
        day = 28
    return Date(year, month, day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> Date:
    """The nth (1..4, or -1 for the last) `weekday` (0=Monday) of a month."""
    if nth > 0:
        first = Date(year, month, 1)
        return Date.fromordinal(first.toordinal() + (weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = Date.fromordinal(Date(year + month // 12, month % 12 + 1, 1).toordinal() - 1)
    return Date.fromordinal(last.toordinal() - (last.weekday() - weekday) % 7)


def _near(today: Date, occurs: Date, *, before: int, after: int) -> bool:
    """Whether `occurs` (in any year around today) is within [today-before, today+after]."""
    for year in (today.year - 1, today.year, today.year + 1):
        moved = _occurrence(occurs.month, occurs.day, year)
        if -before <= moved.toordinal() - today.toordinal() <= after:
            return True
    return False


class _Dates:
    """Caches: one pendulum `Date` per ordinal, one `DateTime` per minute."""

    def __init__(self, today: Date) -> None:
        self.today_ordinal = today.toordinal()
        self.base_ordinal = self.today_ordinal - HISTORY_DAYS - 400
        self._days: dict[int, Date] = {}
        self._instants: dict[int, DateTime] = {}

    def day(self, days_from_today: int) -> Date:
        ordinal = self.today_ordinal + days_from_today
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = Date.fromordinal(ordinal)
        return found

    def minute(self, days_ago: int, slot: int) -> int:
        """Minutes since the base day for `days_ago` days before today at a five-minute slot."""
        return (
            (self.today_ordinal - days_ago - self.base_ordinal) * _DAY_MINUTES
            + _FIRST_MINUTE
            + 5 * slot
        )

    def instant(self, minute: int) -> DateTime:
        found = self._instants.get(minute)
        if found is None:
            day = self.day(minute // _DAY_MINUTES + self.base_ordinal - self.today_ordinal)
            within = minute % _DAY_MINUTES
            found = DateTime(day.year, day.month, day.day, within // 60, within % 60, tzinfo=UTC)
            self._instants[minute] = found
        return found


def _share_counts(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integer parts proportional to `weights` (largest remainder)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * weight / weight_sum for weight in weights]
    counts = [math.floor(value) for value in exact]
    leftover = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for index in by_remainder[:leftover]:
        counts[index] += 1
    return counts


class _Summaries:
    """One shared string per (template, phrase) so a million rows do not mean a million strings."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str, int], str] = {}
        self._topics: dict[str, tuple[str, ...]] = {topic: (topic,) for topic in _TOPICS}

    def pick(
        self, rng: random.Random, template_index: int, interests: Sequence[str]
    ) -> tuple[str, tuple[str, ...]]:
        template = _TEMPLATES[template_index]
        topic = interests[int(rng.random() * len(interests))] if interests else ""
        if template.phrases == "topic":
            if topic and rng.random() < 0.7:
                pool = _TOPIC_PHRASES[topic]
            else:
                pool, topic = _LIFE_PHRASES, ""
        elif template.phrases == "share":
            if topic not in _SHARE_TITLES:
                topic = "books"
            pool = (_SHARE_TITLES[topic],)
        elif template.phrases == "help":
            pool, topic = _HELP_DONE, ""
        elif template.phrases == "ask":
            pool, topic = _ASKS, ""
        else:
            pool, topic = _CONGRATS, ""
        choice = int(rng.random() * len(pool))
        key = (template_index, topic, choice)
        text = self._cache.get(key)
        if text is None:
            phrase = pool[choice]
            if template.phrases == "share":
                text = f'{template.prefix} "{phrase}"'
            elif template.phrases == "topic":
                # Channel and kind are recorded beside it: a note says what was said.
                text = phrase
            else:
                text = f"{template.prefix} — {phrase}"
            self._cache[key] = text
        return text, self._topics.get(topic, ())


@dataclass
class _Person:
    """The plan for one contact before it becomes a `Contact`."""

    circle: Circle
    cadence: int
    role: str = ""
    featured: _Featured | None = None
    touches: int = 0
    last_days_ago: int = 0


def _plan_people(rng: random.Random, contacts: int) -> list[_Person]:
    """Circles, cadences and roles (which person plays which part in today's agenda)."""
    featured = list(_FEATURED[:contacts])
    mix = _LARGE_MIX if contacts >= _LARGE_NETWORK else _PERSONAL_MIX
    wanted = _share_counts(contacts, [mix[circle] for circle in _CIRCLES])
    for item in featured:
        wanted[_CIRCLES.index(item.circle)] -= 1
    circles: list[Circle] = []
    for circle, count in zip(_CIRCLES, wanted, strict=True):
        circles.extend([circle] * max(count, 0))
    rng.shuffle(circles)
    circles = circles[: contacts - len(featured)]
    people = [
        _Person(item.circle, DEFAULT_CADENCE_DAYS[item.circle], item.role, item)
        for item in featured
    ]
    people.extend(_Person(circle, DEFAULT_CADENCE_DAYS[circle]) for circle in circles)
    for person in people[len(featured) :]:
        if rng.random() < 0.04:
            person.cadence = _OVERRIDE_DAYS[int(rng.random() * len(_OVERRIDE_DAYS))]

    # Roles for the rest, scaled with the network size.
    free = list(range(len(featured), contacts))
    rng.shuffle(free)

    def take(count: int, role: str) -> None:
        have = sum(1 for person in people if person.role == role)
        for _ in range(max(count - have, 0)):
            if not free:
                return
            people[free.pop()].role = role

    if contacts >= 10:
        take(max(2, round(contacts * 0.01)), "never")
        take(round(1 + math.sqrt(contacts) / 10), "reply")
        take(max(3, round(contacts * _OVERDUE_SHARE)), "overdue")
        take(max(1, round(contacts * 0.005)), "snoozed")
        take(max(1, round(contacts * 0.003)), "skipped")
        take(round(contacts * 0.01), "archived")
    return people


def _allocate_touches(rng: random.Random, people: list[_Person], interactions: int) -> None:
    """How many interactions each person gets: at least one each, the rest by cadence."""
    contacted = [index for index, person in enumerate(people) if person.role != "never"]
    if interactions < len(contacted):
        chosen = sorted(rng.sample(contacted, interactions))
        for index in chosen:
            people[index].touches = 1
        for index in contacted:
            if people[index].touches == 0:
                people[index].role = "never"
        return
    weights = [
        HISTORY_DAYS / people[index].cadence * (0.6 + 0.8 * rng.random()) for index in contacted
    ]
    extra = _share_counts(interactions - len(contacted), weights)
    for index, more in zip(contacted, extra, strict=True):
        people[index].touches = 1 + more


def _last_touch_days_ago(rng: random.Random, person: _Person) -> int:
    """Days since the person's last touch, chosen so their role shows up in the agenda."""
    cadence = person.cadence
    role = person.role
    if role == "overdue" and person.featured is not None:
        return cadence + 11  # the home screen's first row: clearly late, not absurdly
    if role == "overdue":
        return cadence + int(rng.random() * min(60, max(2, cadence * 0.6)))
    if role in ("snoozed", "skipped"):
        return cadence + 1 + int(rng.random() * min(20, cadence))
    if role == "reply":
        return 1 + int(rng.random() * 4)
    if role == "promotion":
        return 9
    if role == "new-job":
        return 5 + int(rng.random() * (cadence - 6))
    return 1 + int(rng.random() * (cadence - 1))


def generate_network(
    today: Date, *, contacts: int = 150, interactions: int | None = None, seed: int = 7
) -> Network:
    """A realistic network as of `today`, the same for the same arguments.

    `interactions` defaults to 20 per contact (about two years at each person's cadence).
    Each contact's cadence state is the fold of its interactions in id (= time) order.
    """
    if contacts < 0:
        raise ValueError("contacts must not be negative")
    total = INTERACTIONS_PER_CONTACT * contacts if interactions is None else interactions
    if total < 0:
        raise ValueError("interactions must not be negative")
    if contacts == 0:
        if total:
            raise ValueError("interactions need at least one contact")
        return Network()

    # Millions of long-lived objects make the cyclic GC rescan the heap over and over
    # (quadratic in practice); nothing here makes cycles, so pause it while building.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(today, contacts, total, seed)
    finally:
        if was_enabled:
            gc.enable()


def _generate(today: Date, contacts: int, total: int, seed: int) -> Network:
    rng = random.Random(seed)
    dates = _Dates(today)
    people = _plan_people(rng, contacts)
    _allocate_touches(rng, people, total)
    summaries = _Summaries()

    # Interactions as parallel columns; `order_keys` sorts them by time (stable per contact).
    row_minute: list[int] = []
    row_contact: list[int] = []
    row_template: list[int] = []
    row_summary: list[str] = []
    row_topics: list[tuple[str, ...]] = []
    built: list[Contact] = []
    names_seen: dict[str, int] = {}
    never_rank = 0
    never_total = sum(1 for person in people if person.role == "never")
    never_window = max(28, math.ceil(never_total / 5))

    for index, person in enumerate(people):
        contact_id = index + 1
        interests, identity = _identity(rng, person, names_seen)
        circle_cum = _TEMPLATE_CUM[person.circle]
        weight_total = circle_cum[-1]

        first_due: Date | None = None
        created_days_ago: int
        last_touch = last_outbound = awaiting = -1
        if person.touches == 0:
            never_rank += 1
            first_due = dates.day(2 + (never_rank * 7919) % never_window)
            created_days_ago = 1 + int(rng.random() * 10)
        else:
            last_days_ago = _last_touch_days_ago(rng, person)
            person.last_days_ago = last_days_ago
            span = min(
                HISTORY_DAYS,
                max(
                    last_days_ago + person.touches,
                    int(person.touches * person.cadence * (0.7 + 0.6 * rng.random())),
                ),
            )
            older = span - last_days_ago
            days_ago = [
                last_days_ago + 1 + int(rng.random() * older) for _ in range(person.touches - 1)
            ]
            days_ago.sort(reverse=True)
            days_ago.append(last_days_ago)
            minutes = sorted(
                dates.minute(day, int(rng.random() * _MINUTE_SLOTS)) for day in days_ago
            )
            created_days_ago = days_ago[0] + int(rng.random() * 30)
            last_position = len(minutes) - 1
            answer_next = False  # they wrote: the next touch is our answer
            for position, minute in enumerate(minutes):
                template = _pick_template(rng, circle_cum, weight_total)
                if position == last_position and person.role == "reply":
                    template = _INBOUND[int(rng.random() * len(_INBOUND))]
                elif position == last_position and person.role == "promotion":
                    template = _CONGRATS_TEMPLATE
                elif _TEMPLATES[template].direction is Direction.INBOUND and (
                    answer_next
                    or position == last_position
                    or (position == last_position - 1 and person.role == "reply")
                ):
                    template = _NOT_INBOUND[int(rng.random() * len(_NOT_INBOUND))]
                answer_next = _TEMPLATES[template].direction is Direction.INBOUND
                topics: tuple[str, ...]
                if person.role == "promotion" and position == last_position:
                    summary, topics = "texted — congrats on the promotion", ()
                elif person.role == "overdue" and person.featured and position == last_position:
                    template = 2  # call
                    summary, topics = "marathon training, knee is better", ("running",)
                else:
                    summary, topics = summaries.pick(rng, template, interests)
                row_minute.append(minute)
                row_contact.append(contact_id)
                row_template.append(template)
                row_summary.append(summary)
                row_topics.append(topics)
                # The same fold as core.cadence.apply_interaction, on ints.
                if minute > last_touch:
                    last_touch = minute
                if _TEMPLATES[template].direction is Direction.INBOUND:
                    if last_outbound < minute and (awaiting < 0 or minute < awaiting):
                        awaiting = minute
                else:
                    if minute > last_outbound:
                        last_outbound = minute
                    if 0 <= awaiting <= minute:
                        awaiting = -1

        snoozed = dates.day(3 + int(rng.random() * 10)) if person.role == "snoozed" else None
        skipped = dates.day(-1 - int(rng.random() * 3)) if person.role == "skipped" else None
        built.append(
            Contact(
                id=contact_id,
                circle=person.circle,
                cadence_override_days=(
                    person.cadence
                    if person.cadence != DEFAULT_CADENCE_DAYS[person.circle]
                    else None
                ),
                interests=interests,
                archived=person.role == "archived",
                created_on=dates.day(-created_days_ago),
                first_due_on=first_due,
                last_touch_at=dates.instant(last_touch) if last_touch >= 0 else None,
                last_outbound_at=dates.instant(last_outbound) if last_outbound >= 0 else None,
                awaiting_reply_since=dates.instant(awaiting) if awaiting >= 0 else None,
                snoozed_until=snoozed,
                skipped_on=skipped,
                **identity,
            )
        )

    interactions_out = _interactions_in_time_order(
        dates, row_minute, row_contact, row_template, row_summary, row_topics
    )
    extras = _Extras(rng, dates, today, people, built)
    return Network(
        contacts=tuple(built),
        interactions=interactions_out,
        dates=tuple(extras.dates),
        events=tuple(extras.events),
        commitments=tuple(extras.commitments),
        questions=tuple(extras.questions),
        notes=tuple(extras.notes),
    )


def _pick_template(rng: random.Random, cumulative: tuple[int, ...], total: int) -> int:
    return bisect.bisect_right(cumulative, rng.random() * total)


def _interactions_in_time_order(
    dates: _Dates,
    row_minute: list[int],
    row_contact: list[int],
    row_template: list[int],
    row_summary: list[str],
    row_topics: list[tuple[str, ...]],
) -> tuple[Interaction, ...]:
    """Interactions with ids 1..M in time order (a contact's own rows keep their order)."""
    count = len(row_minute)
    keys = [minute * count + row for row, minute in enumerate(row_minute)]
    keys.sort()
    out: list[Interaction] = []
    append = out.append
    instant = dates.instant
    for new_id, key in enumerate(keys, start=1):
        row = key % count
        template = _TEMPLATES[row_template[row]]
        # Positional on purpose: twice as fast as keywords for a million rows.
        append(
            Interaction(
                new_id,
                row_contact[row],
                instant(row_minute[row]),
                template.channel,
                template.direction,
                template.kind,
                row_summary[row],
                row_topics[row],
            )
        )
    return tuple(out)


class _Identity(TypedDict):
    display_name: str
    given_name: str
    family_name: str
    nickname: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    handles: tuple[tuple[str, str], ...]
    company: str
    title: str
    location: str
    timezone: str
    tags: tuple[str, ...]
    offers: tuple[str, ...]
    needs: tuple[str, ...]
    how_met: str
    preferred_channel: Channel


def _identity(
    rng: random.Random, person: _Person, names_seen: dict[str, int]
) -> tuple[tuple[str, ...], _Identity]:
    """Interests and the descriptive fields of a contact (names, company, where, how met)."""
    featured = person.featured
    if featured is not None:
        given, family, city = featured.given, featured.family, featured.city
        family_first = featured.family_first
        company = next(item for item in _COMPANIES if item[0] == featured.company)
        title = featured.title
        interests = featured.interests
    else:
        region = _REGIONS[_weighted_index(rng, _REGION_CUM)]
        city = region.cities[int(rng.random() * len(region.cities))]
        family_first = region.family_first
        for _ in range(3):
            given = region.given[int(rng.random() * len(region.given))]
            family = region.family[int(rng.random() * len(region.family))]
            if _display(given, family, family_first) not in names_seen:
                break
        company = _COMPANIES[int(rng.random() * len(_COMPANIES))]
        title = _TITLES[int(rng.random() * len(_TITLES))]
        interests = _some(rng, _TOPICS, 1 + int(rng.random() * 3))
    display = _display(given, family, family_first)
    if display in names_seen:  # a middle initial, as people do to tell two Ana Limas apart
        display = _display(f"{given} {chr(65 + int(rng.random() * 26))}.", family, family_first)
    names_seen[display] = names_seen.get(display, 0) + 1

    given_slug = _ascii_slug(given)
    family_slug = _ascii_slug(family)
    emails: tuple[str, ...] = (f"{given_slug}.{family_slug}@{company[1]}",)
    if rng.random() < 0.4:
        emails += (f"{given_slug}{family_slug}{int(rng.random() * 90) + 10}@mail.example",)
    phones: tuple[str, ...] = ()
    if person.circle in (Circle.INNER, Circle.CLOSE) or rng.random() < 0.5:
        digits = f"{int(rng.random() * 1_000_000_000):09d}"
        phones = (f"{city.dial} {digits[:3]} {digits[3:6]} {digits[6:]}",)
    handles: tuple[tuple[str, str], ...] = (("linkedin", f"{given_slug}-{family_slug}"),)
    if "open-source" in interests or "ai" in interests or "data" in interests:
        handles += (("github", f"{given_slug[:1]}{family_slug}"),)
    tag_count = int(rng.random() * 3)
    tags = tuple(sorted(_some(rng, _TAGS, tag_count)))
    offers = _some(rng, _HELP, int(rng.random() * 3))
    needs = tuple(need for need in _some(rng, _HELP, int(rng.random() * 2)) if need not in offers)
    how_met = _HOW_MET[int(rng.random() * len(_HOW_MET))].format(
        year=2014 + int(rng.random() * 10), company=company[0], topic=interests[0]
    )
    preferred = _PREFERRED[person.circle]
    nickname = given.split()[0][:3] if person.circle is Circle.INNER and len(given) > 5 else ""
    return interests, {
        "display_name": display,
        "given_name": given,
        "family_name": family,
        "nickname": nickname,
        "emails": emails,
        "phones": phones,
        "handles": handles,
        "company": company[0],
        "title": title,
        "location": f"{city.name}, {city.country}",
        "timezone": city.timezone,
        "tags": tags,
        "offers": offers,
        "needs": needs,
        "how_met": how_met,
        "preferred_channel": preferred[int(rng.random() * len(preferred))],
    }


def _some(rng: random.Random, pool: Sequence[str], count: int) -> tuple[str, ...]:
    """`count` distinct items of a small pool (cheaper than `random.sample` for tiny counts)."""
    chosen: list[str] = []
    while len(chosen) < count:
        item = pool[int(rng.random() * len(pool))]
        if item not in chosen:
            chosen.append(item)
    return tuple(chosen)


def _display(given: str, family: str, family_first: bool) -> str:
    return f"{family} {given}" if family_first else f"{given} {family}"


def _weighted_index(rng: random.Random, cumulative: tuple[float, ...]) -> int:
    target = rng.random() * cumulative[-1]
    for index, bound in enumerate(cumulative):
        if target < bound:
            return index
    return len(cumulative) - 1


class _Extras:
    """Dates, life events, commitments, questions and notes, with ids in creation order."""

    def __init__(
        self,
        rng: random.Random,
        dates: _Dates,
        today: Date,
        people: list[_Person],
        contacts: list[Contact],
    ) -> None:
        self.dates: list[ImportantDate] = []
        self.events: list[LifeEvent] = []
        self.commitments: list[Commitment] = []
        self.questions: list[FollowUpQuestion] = []
        self.notes: list[Note] = []
        self._rng = rng
        self._day = dates.day
        self._today = today
        # A curated demo keeps random dates out of the agenda window, so only the planted
        # celebrations show; a large network is a steady state where they simply occur.
        self._curated = len(people) < _LARGE_NETWORK
        # How much we know about people's dates and news does not grow with the address
        # book: a 100,000-person network still has a few dozen celebrations a day, not 300.
        self._known = min(1.0, math.sqrt(_LARGE_NETWORK / len(people)))
        for person, contact in zip(people, contacts, strict=True):
            self._yearly(person, contact)
            self._life(person, contact)
            self._talk(person, contact, dates)
        self._promises(people, contacts)

    def _yearly(self, person: _Person, contact: Contact) -> None:
        rng, today, role = self._rng, self._today, person.role
        cid = contact.id
        if role == "birthday":
            soon = self._day(4)
            born = soon.year - 35
            if soon.month == 2 and soon.day == 29:
                born -= born % 4
            self._add_date(cid, DateKind.BIRTHDAY, YearlyRule(soon.month, soon.day), born)
        elif role == "leap-birthday":
            self._add_date(cid, DateKind.BIRTHDAY, YearlyRule(2, 29), 1996)
        elif rng.random() < _BIRTHDAY_KNOWN[person.circle] * self._known:
            month, day = self._random_month_day()
            year = today.year - 24 - int(rng.random() * 40) if rng.random() < 0.65 else None
            if year is not None and month == 2 and day == 29:
                year -= year % 4  # a leap year
            self._add_date(cid, DateKind.BIRTHDAY, YearlyRule(month, day), year)
        if role == "work-anniversary":
            soon = self._day(1)
            started = soon.year - (4 if soon.month == 2 and soon.day == 29 else 3)
            self._add_date(
                cid,
                DateKind.WORK_ANNIVERSARY,
                YearlyRule(soon.month, soon.day),
                started,
                label=f"at {contact.company}",
            )
        elif person.circle in (Circle.ACTIVE, Circle.NETWORK) and rng.random() < 0.08 * self._known:
            month, day = self._random_month_day()
            start = today.year - 1 - int(rng.random() * 10)
            if month == 2 and day == 29:
                day = 28
            self._add_date(
                cid,
                DateKind.WORK_ANNIVERSARY,
                YearlyRule(month, day),
                start,
                label=f"at {contact.company}",
            )
        if role == "fathers-day":
            month, weekday, nth, label = 6, 6, 3, "Father's Day (first one as a dad)"
            if _near(today, _nth_weekday(today.year, month, weekday, nth), before=3, after=16):
                month, nth, label = 5, 2, "Mother's Day, call his mum"
            self._add_date(
                cid, DateKind.CUSTOM, YearlyRule(month, weekday=weekday, nth=nth), None, label=label
            )
        if (
            person.circle is Circle.INNER
            and role != "fathers-day"
            and rng.random() < 0.4 * self._known
        ):
            month, day = self._random_month_day()
            self._add_date(
                cid,
                DateKind.ANNIVERSARY,
                YearlyRule(month, min(day, 28)),
                today.year - 2 - int(rng.random() * 15),
                label="wedding anniversary",
            )

    def _random_month_day(self) -> tuple[int, int]:
        rng = self._rng
        while True:
            ordinal = int(rng.random() * 366)
            occurs = Date.fromordinal(Date(2024, 1, 1).toordinal() + ordinal)  # a leap year
            if not self._curated or not _near(self._today, occurs, before=3, after=16):
                return occurs.month, occurs.day

    def _add_date(
        self,
        contact_id: int,
        kind: DateKind,
        rule: YearlyRule,
        year: int | None,
        *,
        label: str = "",
    ) -> None:
        celebrated: Date | None = None
        if not self._curated and rule.day is not None:
            # Steady state: a date that has just passed was usually celebrated on the day.
            today = self._today
            occurs = _occurrence(rule.month, rule.day, today.year)
            if occurs > today:
                occurs = _occurrence(rule.month, rule.day, today.year - 1)
            if (today - occurs).days <= 2 and occurs != today and self._rng.random() < 0.8:
                celebrated = occurs
        self.dates.append(
            ImportantDate(
                id=len(self.dates) + 1,
                contact_id=contact_id,
                kind=kind,
                rule=rule,
                year=year,
                label=label,
                celebrated_on=celebrated,
            )
        )

    def _life(self, person: _Person, contact: Contact) -> None:
        rng, role, cid = self._rng, person.role, contact.id
        if role == "new-job":
            self._add_event(
                cid,
                LifeEventKind.NEW_JOB,
                f"started as {contact.title} at {contact.company}",
                -4,
                None,
            )
        elif role == "promotion":
            self._add_event(
                cid, LifeEventKind.PROMOTION, f"promoted to {contact.title}", -10, self._day(-9)
            )
        elif role == "fathers-day":
            self._add_event(cid, LifeEventKind.BABY, "had a baby girl, Ada", -150, self._day(-149))
        elif rng.random() < 0.08 * self._known:
            kinds = (
                (LifeEventKind.NEW_JOB, f"joined {contact.company}"),
                (LifeEventKind.PROMOTION, f"promoted to {contact.title}"),
                (LifeEventKind.MOVE, f"moved to {contact.location.split(',')[0]}"),
                (LifeEventKind.BABY, "had a baby"),
                (LifeEventKind.WEDDING, "got married"),
                (LifeEventKind.LAUNCH, "launched their product"),
            )
            kind, text = kinds[int(rng.random() * len(kinds))]
            earliest = 20 if self._curated else 0
            ago = earliest + int(rng.random() * (HISTORY_DAYS - earliest))
            acknowledged = self._day(-ago + 1) if ago > 1 and rng.random() < 0.7 else None
            self._add_event(cid, kind, text, -ago, acknowledged)

    def _add_event(
        self,
        contact_id: int,
        kind: LifeEventKind,
        text: str,
        days: int,
        acknowledged: Date | None,
    ) -> None:
        self.events.append(
            LifeEvent(
                id=len(self.events) + 1,
                contact_id=contact_id,
                kind=kind,
                text=text,
                occurred_on=self._day(days),
                acknowledged_on=acknowledged,
            )
        )

    def _talk(self, person: _Person, contact: Contact, dates: _Dates) -> None:
        rng, cid = self._rng, contact.id
        close = person.circle in (Circle.INNER, Circle.CLOSE, Circle.ACTIVE)
        if person.role == "overdue" and person.featured is not None:
            self._add_question(cid, "how did the Porto race go?", -person.last_days_ago, None)
        elif close and rng.random() < 0.25:
            asks = [topic for topic in contact.interests if topic in _QUESTIONS]
            text = _QUESTIONS[asks[0]] if asks else "how is the new place?"
            ago = max(person.last_days_ago, 1)
            self._add_question(cid, text, -ago - int(rng.random() * 30), None)
            if rng.random() < 0.4:
                self._add_question(cid, "what are they reading lately?", -ago - 60, self._day(-ago))
        if rng.random() < (0.4 if close else 0.15):
            body = _NOTES[int(rng.random() * len(_NOTES))]
            known_for = dates.today_ordinal - (contact.created_on or self._today).toordinal()
            ago = 1 + int(rng.random() * max(1, min(HISTORY_DAYS // 2, known_for - 1)))
            self.notes.append(
                Note(
                    id=len(self.notes) + 1,
                    contact_id=cid,
                    body=body,
                    created_at=dates.instant(dates.minute(ago, int(rng.random() * _MINUTE_SLOTS))),
                )
            )

    def _add_question(self, contact_id: int, text: str, created: int, asked: Date | None) -> None:
        self.questions.append(
            FollowUpQuestion(
                id=len(self.questions) + 1,
                contact_id=contact_id,
                text=text,
                created_on=self._day(created),
                asked_on=asked,
            )
        )

    def _promises(self, people: list[_Person], contacts: list[Contact]) -> None:
        """A few open promises (some overdue, some due soon) and a history of kept ones."""
        rng = self._rng
        count = len(contacts)
        active = [
            index
            for index, person in enumerate(people)
            if person.role not in ("never", "archived") and person.featured is None
        ]
        open_total = round(3 + math.sqrt(count) / 4)
        planned: list[tuple[int, int | None]] = []  # (contact index, due in days)
        featured = {person.role: index for index, person in enumerate(people) if person.featured}
        if "overdue-commitment" in featured:
            planned.append((featured["overdue-commitment"], -3))
        if "commitment-soon" in featured:
            planned.append((featured["commitment-soon"], 2))

        def pick() -> int:
            return active[int(rng.random() * len(active))]

        if active:
            have_overdue = sum(1 for _, due in planned if due is not None and due < 0)
            have_soon = len(planned) - have_overdue
            for _ in range(max(1, round(open_total * 0.25)) - have_overdue):
                planned.append((pick(), -1 - int(rng.random() * 6)))
            for _ in range(max(1, round(open_total * 0.25)) - have_soon):
                planned.append((pick(), int(rng.random() * 3)))
            for _ in range(open_total - len(planned)):
                later = 10 + int(rng.random() * 50) if rng.random() < 0.8 else None
                planned.append((pick(), later))
        for _ in range(round(count * 0.04) if active else 0):
            planned.append((pick(), -20 - int(rng.random() * 600)))
        planned.sort(key=lambda item: (item[1] if item[1] is not None else 10_000, item[0]))
        for index, due in planned:
            contact = contacts[index]
            text = _COMMITMENTS[int(rng.random() * len(_COMMITMENTS))].format(
                given=contact.given_name
            )
            if index == featured.get("overdue-commitment"):
                text = f"send {contact.given_name} the deck"
            kept = due is not None and due < -15
            self.commitments.append(
                Commitment(
                    id=len(self.commitments) + 1,
                    contact_id=contact.id,
                    text=text,
                    due_on=self._day(due) if due is not None else None,
                    created_on=self._day(
                        (due if due is not None else 0) - 7 - int(rng.random() * 14)
                    ),
                    done_on=self._day(due + int(rng.random() * 3))
                    if kept and due is not None
                    else None,
                )
            )


def write_demo(
    path: Path,
    today: Date,
    *,
    contacts: int = 150,
    interactions: int | None = None,
    seed: int = 7,
) -> None:
    """Create a demo database at `path` (which must be new or empty) anchored on `today`."""
    from data.store import Store  # here: the generator itself needs no database

    network = generate_network(today, contacts=contacts, interactions=interactions, seed=seed)
    store = Store.open(path)
    try:
        store.load_network(network)
        store.set_setting("demo_anchor", today.isoformat())
        store.set_setting("demo_generator", str(GENERATOR_VERSION))
    finally:
        store.close()
