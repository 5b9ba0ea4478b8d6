"""The vocabulary the generated texts are drawn from: the social and solidarity economy's words.

Plain lists, no external data: a seeded ``random.Random`` picks from them, so the same seed
always writes the same texts.
"""

# fmt: off
# (city, ISO country code, IANA time zone): where organisations sit and events take place.
CITIES = [
    ("Lisbon", "PT", "Europe/Lisbon"),
    ("Porto", "PT", "Europe/Lisbon"),
    ("Madrid", "ES", "Europe/Madrid"),
    ("Valencia", "ES", "Europe/Madrid"),
    ("Seville", "ES", "Europe/Madrid"),
    ("Lyon", "FR", "Europe/Paris"),
    ("Lille", "FR", "Europe/Paris"),
    ("Nantes", "FR", "Europe/Paris"),
    ("Bologna", "IT", "Europe/Rome"),
    ("Naples", "IT", "Europe/Rome"),
    ("Trento", "IT", "Europe/Rome"),
    ("Ghent", "BE", "Europe/Brussels"),
    ("Liège", "BE", "Europe/Brussels"),
    ("Utrecht", "NL", "Europe/Amsterdam"),
    ("Leipzig", "DE", "Europe/Berlin"),
    ("Hamburg", "DE", "Europe/Berlin"),
    ("Graz", "AT", "Europe/Vienna"),
    ("Geneva", "CH", "Europe/Zurich"),
    ("Cork", "IE", "Europe/Dublin"),
    ("Glasgow", "GB", "Europe/London"),
    ("Manchester", "GB", "Europe/London"),
    ("Aarhus", "DK", "Europe/Copenhagen"),
    ("Malmö", "SE", "Europe/Stockholm"),
    ("Tampere", "FI", "Europe/Helsinki"),
    ("Tallinn", "EE", "Europe/Tallinn"),
    ("Kraków", "PL", "Europe/Warsaw"),
    ("Brno", "CZ", "Europe/Prague"),
    ("Ljubljana", "SI", "Europe/Ljubljana"),
    ("Zagreb", "HR", "Europe/Zagreb"),
    ("Cluj-Napoca", "RO", "Europe/Bucharest"),
    ("Thessaloniki", "GR", "Europe/Athens"),
    ("Montreal", "CA", "America/Toronto"),
    ("Quebec City", "CA", "America/Toronto"),
    ("Oakland", "US", "America/Los_Angeles"),
    ("Cleveland", "US", "America/New_York"),
    ("Mexico City", "MX", "America/Mexico_City"),
    ("Bogotá", "CO", "America/Bogota"),
    ("Quito", "EC", "America/Guayaquil"),
    ("São Paulo", "BR", "America/Sao_Paulo"),
    ("Recife", "BR", "America/Recife"),
    ("Buenos Aires", "AR", "America/Argentina/Buenos_Aires"),
    ("Montevideo", "UY", "America/Montevideo"),
    ("Santiago", "CL", "America/Santiago"),
    ("Dakar", "SN", "Africa/Dakar"),
    ("Abidjan", "CI", "Africa/Abidjan"),
    ("Accra", "GH", "Africa/Accra"),
    ("Nairobi", "KE", "Africa/Nairobi"),
    ("Kigali", "RW", "Africa/Kigali"),
    ("Cape Town", "ZA", "Africa/Johannesburg"),
    ("Tunis", "TN", "Africa/Tunis"),
    ("Casablanca", "MA", "Africa/Casablanca"),
    ("Seoul", "KR", "Asia/Seoul"),
    ("Gwangju", "KR", "Asia/Seoul"),
    ("Osaka", "JP", "Asia/Tokyo"),
    ("Quezon City", "PH", "Asia/Manila"),
    ("Bangkok", "TH", "Asia/Bangkok"),
    ("Kuala Lumpur", "MY", "Asia/Kuala_Lumpur"),
    ("Pune", "IN", "Asia/Kolkata"),
    ("Dhaka", "BD", "Asia/Dhaka"),
    ("Melbourne", "AU", "Australia/Melbourne"),
    ("Wellington", "NZ", "Pacific/Auckland"),
]

GIVEN_NAMES = [
    "Ana", "Bruno", "Carla", "Diego", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Karin", "Luca", "Maria", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Samir", "Teresa",
    "Ulla", "Víctor", "Wanjiru", "Xavier", "Yuna", "Zeynep", "Amadou", "Beatriz", "Chiara",
    "Daniel", "Esther", "Fatou", "Giulia", "Hana", "Ivan", "Jia", "Kwame", "Lena", "Mateo",
    "Nora", "Olga", "Pedro", "Rania", "Sofia", "Tomás", "Uma", "Vera", "Wei", "Yusuf", "Zofia",
    "Aisha", "Benoît", "Camille", "Dorota", "Emeka", "Fernanda", "Gabriel", "Helga", "Imani",
    "Joaquim", "Kenji", "Lucía", "Minh", "Niamh", "Oskar", "Priya", "Rafael", "Sun-hee",
    "Thabo", "Valentina",
]

FAMILY_NAMES = [
    "Almeida", "Bauer", "Costa", "Dubois", "Eriksson", "Fernández", "García", "Hansen",
    "Ivanova", "Jansen", "Kowalski", "Lambert", "Moreau", "Novak", "Okafor", "Petrov",
    "Quispe", "Rossi", "Santos", "Tanaka", "Urbano", "Varga", "Weber", "Yilmaz", "Zanetti",
    "Achieng", "Bianchi", "Castillo", "Diallo", "Esposito", "Fischer", "Gonçalves", "Horvat",
    "Ito", "Jiménez", "Kim", "Lindqvist", "Mensah", "Nakamura", "O'Brien", "Park", "Ramos",
    "Schmidt", "Traoré", "Usman", "Virtanen", "Wiśniewska", "Xu", "Young", "Zielińska",
    "Adeyemi", "Bergström", "Cruz", "De Vries", "Ekström", "Ferrari", "Gómez", "Haddad",
    "Iyer", "Jovanović", "Kariuki", "Leclerc", "Mwangi", "Nguyen", "Oliveira", "Pereira",
    "Romano", "Silva", "Takahashi", "Van Dijk",
]

HONORIFICS = ["", "", "", "", "Dr", "Ms", "Mr", "Prof."]

POSITIONS = [
    "Director", "Policy Officer", "Head of Research", "Programme Manager", "Co-founder",
    "Project Coordinator", "Senior Economist", "Chief Executive", "Head of Partnerships",
    "Researcher", "Advisor on the Social Economy", "Deputy Mayor for the Social Economy",
    "Head of Unit", "Community Organiser", "Impact Manager", "Legal Advisor",
    "Head of International Relations", "Financial Analyst", "Training Coordinator", "",
]

# Organisation names by kind: templates take {city}, {country}, {family}, {word}.
ORGANISATION_NAMES = {
    "network": [
        "{country} Social Economy Network",
        "{city} Cooperative Federation",
        "Network of Social Enterprises of {city}",
        "{word} Alliance for Solidarity Economy",
    ],
    "enterprise": [
        "{word} Cooperative",
        "{word} Social Enterprise",
        "{city} Community Bakery",
        "{word} Work-Integration Enterprise",
        "{word} Housing Cooperative",
        "{city} Energy Community",
    ],
    "city": ["City of {city}", "{city} Metropolitan Council"],
    "government": [
        "Ministry of Labour and Social Economy of {country}",
        "{country} Agency for Social Innovation",
    ],
    "international": ["{word} International Solidarity Forum", "Global {word} Partnership"],
    "foundation": ["{family} Foundation", "{word} Foundation for {city}"],
    "investor": ["{word} Impact Fund", "{city} Solidarity Finance", "{word} Ethical Bank"],
    "research": [
        "University of {city}",
        "{city} Institute for Social Innovation",
        "Centre for Cooperative Studies, {city}",
    ],
    "enabler": ["{word} Hub {city}", "{city} Social Innovation Lab", "{word} Incubator"],
    "other": ["{word} Collective", "{city} Citizens' Association"],
}

# Weights of the organisation kinds: many SSE organisations, fewer funders.
ORGANISATION_KIND_WEIGHTS = {
    "network": 18,
    "enterprise": 22,
    "city": 12,
    "government": 6,
    "international": 3,
    "foundation": 7,
    "investor": 6,
    "research": 12,
    "enabler": 10,
    "other": 4,
}

NAME_WORDS = [
    "Aurora", "Beacon", "Common Ground", "Confluence", "Equinox", "Fair Share", "Harvest",
    "Horizon", "Kinship", "Lighthouse", "Mosaic", "Mutual", "Open Door", "Orchard", "Pathway",
    "Riverbend", "Seedbed", "Solstice", "Tandem", "Together", "Tributary", "Weave", "Wellspring",
    "Compass", "Keystone", "Hearth", "Crossroads", "Meridian", "Sunrise", "Bridgeway",
]

ACRONYM_PARTS = [
    "SOL", "COOP", "MUT", "ECO", "SEED", "LINK", "NET", "IMPACT", "LOCAL", "FAIR", "PACT",
    "SHARE", "GROW", "BRIDGE", "CIRC", "CARE", "SKILL", "FIN", "SOC", "COMM",
]

CONSORTIUM_TITLES = [
    "Peer learning on {object} among {actors}",
    "{Actors} working together on {object}",
    "{Object} for {actors}: a peer-learning partnership",
]

ACTORS = [
    "social enterprises", "cooperatives", "mutual societies", "associations", "foundations",
    "work-integration social enterprises", "platform cooperatives", "community businesses",
    "local authorities", "regional governments", "impact investors", "credit unions",
    "SSE networks", "incubators", "universities", "public employment services",
    "housing cooperatives", "energy communities", "social entrepreneurs", "ethical banks",
]

# (present, past, imperative) of what actors do.
VERBS = [
    ("scale up", "scaled up", "Scale up"),
    ("strengthen", "strengthened", "Strengthen"),
    ("measure", "measured", "Measure"),
    ("finance", "financed", "Finance"),
    ("co-design", "co-designed", "Co-design"),
    ("document", "documented", "Document"),
    ("replicate", "replicated", "Replicate"),
    ("pilot", "piloted", "Pilot"),
    ("support", "supported", "Support"),
    ("evaluate", "evaluated", "Evaluate"),
    ("promote", "promoted", "Promote"),
    ("map", "mapped", "Map"),
    ("open up", "opened up", "Open up"),
    ("build", "built", "Build"),
]

OBJECTS = [
    "local supply chains", "inclusive hiring practices", "their social impact",
    "peer-learning networks", "shared back-office services", "community ownership",
    "participatory governance", "access to public markets", "digital skills", "care services",
    "affordable housing", "renewable energy projects", "short food supply chains",
    "circular business models", "training for young people", "cross-border partnerships",
    "legal recognition", "blended finance instruments", "data on SSE employment",
    "mentoring programmes", "social clauses in public contracts", "worker buy-outs",
    "community land trusts", "patient capital", "impact reporting standards",
]

CONDITIONS = [
    "when public authorities commit to multi-year funding",
    "where a dedicated law recognises their status",
    "if procurement rules include social clauses",
    "once networks share their data openly",
    "when intermediaries offer patient capital",
    "where universities act as neutral conveners",
    "when members take part in governance",
    "if local government treats them as partners rather than suppliers",
    "where statistics count them as a sector of their own",
    "when training is designed with the people it serves",
    "as long as peer exchanges continue after the project ends",
]

OUTCOMES = [
    "higher retention of vulnerable workers", "more stable revenues",
    "better access to public contracts", "stronger ties with local government",
    "more women in leadership roles", "lower energy bills for members",
    "faster growth in rural areas", "more jobs for people far from the labour market",
    "greater trust among partners", "wider take-up of impact measurement",
]

OBSTACLES = [
    "the lack of a legal definition of social enterprise", "short, project-based funding cycles",
    "fragmented statistics on the sector", "procurement rules that favour the lowest price",
    "limited digital skills among small organisations",
    "weak links with mainstream business support", "high costs of impact reporting",
    "the difficulty of raising equity without giving up control",
    "a shortage of trained managers", "uncertain tax treatment of surpluses",
]

EVIDENCE = [
    "Interviews with {n} organisations", "Surveys of {n} SSE entities",
    "Case studies from {n} cities", "Peer visits in {n} countries",
    "Focus groups with {n} practitioners", "Reviews of {n} national strategies",
]

FINDING_TITLES = [
    "How {actors} {verb} {object} in {place}",
    "What {actors} in {place} learnt about {object}",
    "{Object} as a lever for {outcome}",
    "Lessons on {object} from {n} {actors}",
    "{Actors} and {object}: evidence from {place}",
    "Why {actors} care about {object}",
    "{Actors} get further with {object} {condition}",
]

SENTENCES = [
    "{Evidence} show that {actors} {verb} {object} {condition}.",
    "In {place}, {actors} {verb_past} {object} with the help of {other_actors}.",
    "{Actors} that {verb} {object} report {outcome}.",
    "The partners agreed that {object} should be part of any national strategy for the SSE.",
    "Without {object}, {actors} struggle to {verb} {other_object}.",
    "{percent}% of the organisations surveyed {verb_past} {object} in the last {n} years.",
    "A recurring obstacle is {obstacle}.",
    "{Other_actors} in {place} pointed to {obstacle} as the main barrier.",
    "The results were strongest {condition}.",
    "Several partners linked {object} to {outcome}.",
]

RECOMMENDATIONS = [
    "{Verb} {object} {condition}.",
    "Give {actors} a seat at the table when {object} are discussed.",
    "Fund {object} for at least {n} years, not project by project.",
    "Count {actors} in official statistics so that {object} can be measured.",
    "Pair {actors} with {other_actors} to {verb} {object}.",
]

BULLET_LEADS = [
    "Policy", "Finance", "Skills", "Governance", "Data", "Markets", "Partnerships", "Scale",
]

REVIEW_COMMENTS = {
    "request_changes": [
        "Please say which countries the survey covered and how many organisations answered.",
        "The summary promises more than the body shows: please add the evidence or soften it.",
        "Please add a source for the figures in the second section.",
        "The recommendations need to say who should act; please make them concrete.",
    ],
    "reject": [
        "This repeats an earlier finding of the consortium without new evidence.",
        "This is a project description rather than a finding; please start from what you learnt.",
    ],
    "withdraw": [
        "Withdrawn at the consortium's request: the survey data is being corrected.",
        "Withdrawn: superseded by a later finding of the same consortium.",
    ],
    "publish": ["", "", "", "Thank you: a clear and well-sourced finding."],
}

SOURCE_KINDS = ["Final report", "Policy brief", "Case study", "Survey results", "Working paper"]

EVENT_TITLES = [
    "Peer-learning forum on {theme}",
    "{city} exchange: {theme}",
    "Annual meeting of the peer-learning partnerships",
    "Mid-term review of the peer-learning partnerships",
    "Webinar: {theme}",
]

SESSION_TITLES = {
    "opening": ["Welcome and opening remarks", "Opening: why peer learning matters"],
    "panel": [
        "What the partnerships found on {object}", "Panel: {theme}", "From findings to policy",
    ],
    "breakouts": ["Breakout discussions", "Parallel discussions by theme"],
    "closing": ["Closing remarks and next steps", "Wrap-up: what we take home"],
}
# fmt: on
