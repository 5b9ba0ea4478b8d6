"""The OECD Global Action's peer-learning partnerships, as public sources describe them.

Facts (names, roles, order, dates) follow the programme of the final PLP event of
2 December 2021; summaries and finding texts are the portal's own wording.
"""

import datetime as dt

PROGRAMME = {
    "slug": "oecd-global-action-sse",
    "name": 'OECD Global Action "Promoting Social and Solidarity Economy Ecosystems"',
    "funder": "European Union (EU Service for Foreign Policy Instruments)",
    "summary": (
        "The OECD Global Action, funded by the European Union, helps countries build "
        "ecosystems in which the Social and Solidarity Economy (SSE) can grow. Between April "
        "and October 2021, six Peer-Learning Partnerships (PLPs) learnt from each other and "
        "shared what they found. Reported by the programme: 136 partners from 30 countries."
    ),
    "description": (
        "The Social and Solidarity Economy gathers associations, co-operatives, mutual "
        "organisations, foundations and social enterprises (SEs) — together, SSE "
        "organisations (SSEOs). The six Peer-Learning Partnerships were launched online on "
        "20 May 2021 and studied internationalisation, legal frameworks, social impact "
        "measurement and local ecosystems."
    ),
    "start_date": dt.date(2020, 1, 1),
    "website": "https://www.oecd.org/cfe/leed/social-economy/global-action/",
}

# (slug, name, acronym, ISO country, kind)
ORGANISATIONS = [
    (
        "oecd",
        "Organisation for Economic Co-operation and Development",
        "OECD",
        "FR",
        "international",
    ),
    ("eu-fpi", "EU Service for Foreign Policy Instruments", "FPI", "BE", "government"),
    ("diesis-network", "DIESIS Network", "", "BE", "network"),
    ("impact-hub", "Impact Hub", "", "AT", "enabler"),
    ("cepes", "Confederación Empresarial Española de la Economía Social", "CEPES", "ES", "network"),
    ("french-impact", "French Impact", "", "FR", "enabler"),
    ("social-value-us", "Social Value US", "", "US", "network"),
    ("upsocial", "UpSocial", "", "ES", "enabler"),
    ("ashoka", "Ashoka", "", "US", "network"),
    ("metropolis", "Metropolis", "", "ES", "network"),
    ("eurocities", "Eurocities", "", "BE", "network"),
    ("ilo", "International Labour Organization", "ILO", "CH", "international"),
    ("ica", "International Cooperative Alliance", "ICA", "BE", "network"),
    ("ciriec", "CIRIEC International", "CIRIEC", "BE", "research"),
    ("aim", "International Association of Mutual Benefit Societies", "AIM", "BE", "network"),
    ("gsef", "Global Social Economy Forum", "GSEF", "KR", "network"),
    ("city-of-rotterdam", "City of Rotterdam", "", "NL", "city"),
    ("city-of-turin", "City of Turin", "", "IT", "city"),
    ("city-of-dublin", "City of Dublin", "", "IE", "city"),
    ("city-of-san-francisco", "City of San Francisco", "", "US", "city"),
    ("city-of-belo-horizonte", "City of Belo Horizonte", "", "BR", "city"),
    ("city-of-warsaw", "City of Warsaw", "", "PL", "city"),
    ("city-of-montreal", "City of Montreal", "", "CA", "city"),
    ("city-of-bilbao", "City of Bilbao", "", "ES", "city"),
    ("city-of-guadalajara", "City of Guadalajara", "", "MX", "city"),
    # PL4SE-PLP's public sources name its ministries by country only.
    *(
        (f"ministry-{slug}", f"{adjective} ministry", "", code, "government")
        for slug, adjective, code in [
            ("belgium", "Belgian", "BE"),
            ("brazil", "Brazilian", "BR"),
            ("canada", "Canadian", "CA"),
            ("korea", "Korean", "KR"),
            ("italy", "Italian", "IT"),
            ("mexico", "Mexican", "MX"),
            ("spain", "Spanish", "ES"),
        ]
    ),
]
MINISTRY_NOTE = (
    "A ministry of {country}, partner of PL4SE-PLP. Public sources name the ministries of the "
    "consortium by country only."
)
# Organisations' descriptions, where the demo has something to say.
ORGANISATION_DESCRIPTIONS = {
    f"ministry-{slug}": MINISTRY_NOTE.format(country=country)
    for slug, country in [
        ("belgium", "Belgium"),
        ("brazil", "Brazil"),
        ("canada", "Canada"),
        ("korea", "Korea"),
        ("italy", "Italy"),
        ("mexico", "Mexico"),
        ("spain", "Spain"),
    ]
}

# (slug, given name, family name, position, affiliation slug or None)
PEOPLE = [
    (
        "karen-maguire",
        "Karen",
        "Maguire",
        "Head of the Local Employment, Skills and Social Innovation (LESI) Division",
        "oecd",
    ),
    (
        "stefan-schleuning",
        "Stefan",
        "Schleuning",
        "Head of Unit, Industrialised countries and foreign policy support",
        "eu-fpi",
    ),
    ("max-bulakovskiy", "Max", "Bulakovskiy", "", "oecd"),
    ("antonella-noya", "Antonella", "Noya", "", "oecd"),
    ("gianluca-pastorelli", "Gianluca", "Pastorelli", "", "diesis-network"),
    ("mariana-nunes", "Mariana", "Nunes", "", "impact-hub"),
    ("carlos-lozano", "Carlos", "Lozano", "", "cepes"),
    ("ingo-michelfelder", "Ingo", "Michelfelder", "", None),
    ("ben-carpenter", "Ben", "Carpenter", "", "social-value-us"),
    ("assiri-valdes-querol", "Assiri", "Valdes Querol", "", "upsocial"),
    ("alexander-kesselring", "Alexander", "Kesselring", "", None),
    ("aneta-qurai-shy", "Aneta", "Qurai Shy", "", None),
    ("john-sherman", "John", "Sherman", "", None),
]

PLP_START, PLP_END = dt.date(2021, 4, 1), dt.date(2021, 10, 31)

CONSORTIA = [
    {
        "slug": "silk",
        "short_name": "SILK",
        "title": "SILK: internationalisation of the Social and Solidarity Economy",
        "topic": (
            "Internationalisation of the SSE: public policies and the strategies of SSE "
            "organisations, the role of collaborators and intangible assets, and the "
            "enabling environments and policies that support them."
        ),
        "lead": "diesis-network",
        "partners": [],
    },
    {
        "slug": "impact-hub",
        "short_name": "ImpactHub consortium",
        "title": "Internationalisation, enablers and women-led social enterprises",
        "topic": (
            "Internationalisation and the role of enablers; the characteristics of women-led "
            "social enterprises as opportunities for the SSE; flexibility across contexts; "
            "networks and alliances as facilitators. The consortium reported partners from 11 "
            "countries."
        ),
        "lead": "impact-hub",
        "partners": [],
    },
    {
        "slug": "pl4se-plp",
        "short_name": "PL4SE-PLP",
        "title": "PL4SE-PLP: legal frameworks for the Social and Solidarity Economy",
        "topic": (
            "SSE legal frameworks: the many legal entities that share values recognised by "
            "law, how advanced frameworks embed the SSE in market rules and socio-economic and "
            "environmental agendas, and tailored support programmes as part of the legal "
            "ecosystem. The consortium reported 25 partners on three continents, among them "
            "ministries of Belgium, Brazil, Canada, Korea, Italy, Mexico and Spain, the ILO, "
            "ICA, CIRIEC, AIM and GSEF."
        ),
        "lead": "cepes",
        "partners": [
            *(
                f"ministry-{country}"
                for country in ("belgium", "brazil", "canada", "korea", "italy", "mexico", "spain")
            ),
            "ilo",
            "ica",
            "ciriec",
            "aim",
            "gsef",
        ],
    },
    {
        "slug": "sim",
        "short_name": "SIM",
        "title": "Social Impact Measurement (SIM) for the SSE",
        "topic": (
            "The SDGs as a tool for social impact measurement: reasons for and against, "
            "technical examples, adapting to local conditions, and a toolbox of good practices "
            "rather than one prescribed method. The consortium reported 18 organisations from "
            "9 countries."
        ),
        "lead": "french-impact",
        "partners": [],
    },
    {
        "slug": "social-value",
        "short_name": "Social Value consortium",
        "title": "Impact measurement and management through stakeholder engagement",
        "topic": (
            "Impact measurement and management (IMM) focused on stakeholder engagement: "
            "meaningful engagement, shared insight through dialogue, capacity and skills, and "
            "enabling public policy; published as white papers. The consortium reported 26 "
            "organisations from 13 countries."
        ),
        "lead": "social-value-us",
        "partners": [],
    },
    {
        "slug": "respond-rebuild-reinvent",
        "short_name": "Respond, Rebuild and Reinvent",
        "title": "Respond, Rebuild and Reinvent: local SSE ecosystems in nine cities",
        "topic": (
            "The elements of local SSE ecosystems in nine cities and how COVID-19 affected "
            "them: local administrations became more proactive, cities convene and connect "
            "the SSE through platforms, and new, more flexible collaboration emerged."
        ),
        "lead": "upsocial",
        "partners": [
            "ashoka",
            "metropolis",
            "eurocities",
            "city-of-rotterdam",
            "city-of-turin",
            "city-of-dublin",
            "city-of-san-francisco",
            "city-of-belo-horizonte",
            "city-of-warsaw",
            "city-of-montreal",
            "city-of-bilbao",
            "city-of-guadalajara",
        ],
    },
]

# (slug, name, kind, description); event themes first, in the event's order.
THEMES = [
    (
        "building-better-enabling-ecosystems",
        "Building better-enabling ecosystems to support the SSE",
        "event",
        "Legal frameworks, public policies and local ecosystems that let the SSE grow.",
    ),
    (
        "connecting-the-sse-in-the-eu-and-globally",
        "Connecting the SSE in the EU and globally",
        "event",
        "How SSE organisations internationalise, and who helps them connect.",
    ),
    (
        "raising-sse-visibility-and-its-impact",
        "Raising the visibility of the SSE and its impact",
        "event",
        "Measuring, managing and communicating the SSE's social impact.",
    ),
    (
        "legal-frameworks",
        "Legal frameworks",
        "topic",
        "Laws that recognise SSE entities and the values they share.",
    ),
    (
        "internationalisation",
        "Internationalisation",
        "topic",
        "SSE organisations working across borders.",
    ),
    (
        "impact-measurement",
        "Social impact measurement",
        "topic",
        "Methods and standards to measure and manage social impact.",
    ),
    (
        "stakeholder-engagement",
        "Stakeholder engagement",
        "topic",
        "Involving the people affected in decisions and in measuring impact.",
    ),
    (
        "local-ecosystems",
        "Local ecosystems",
        "topic",
        "Cities and regions as places where the SSE is convened and supported.",
    ),
    (
        "women-led-social-enterprises",
        "Women-led social enterprises",
        "topic",
        "What women-led social enterprises bring to the SSE.",
    ),
]

PUBLISHED_AT = dt.datetime(2021, 12, 2, 12, 0, tzinfo=dt.UTC)

# Every consortium has published findings; two more show the review workflow.
FINDINGS = [
    {
        "slug": "silk-collaborators-and-intangible-assets",
        "consortium": "silk",
        "title": "Collaborators and intangible assets in SSE internationalisation",
        "summary": (
            "Collaborators play a role in how SSE organisations internationalise, and "
            "intangible assets are more important for them than for conventional businesses."
        ),
        "body": (
            "## What we found\n\n"
            "- **Collaborators** play a role in how SSE organisations internationalise.\n"
            "- **Intangible assets** are more important for SSEOs than for conventional "
            "businesses.\n\n"
            "## Why it matters\n\nEnabling environments and policies for internationalisation "
            "need to take both into account."
        ),
        "themes": ["internationalisation", "connecting-the-sse-in-the-eu-and-globally"],
        "sdgs": [8, 17],
        "countries": ["BE", "IT", "ES", "FR"],
        "status": "published",
    },
    {
        "slug": "silk-enabling-policies-for-internationalisation",
        "consortium": "silk",
        "title": "Enabling environments and policies for internationalising SSE organisations",
        "summary": (
            "Public policies can make or break SSE internationalisation: enabling environments "
            "combine recognition, finance and access to networks."
        ),
        "body": (
            "The consortium studied the public policies and the strategies of SSE organisations "
            "that shape internationalisation, and the enabling environments and policies that "
            "support it."
        ),
        "themes": ["internationalisation", "building-better-enabling-ecosystems"],
        "sdgs": [8, 17],
        "countries": ["BE", "IT"],
        "status": "published",
    },
    {
        "slug": "impact-hub-enablers-and-networks",
        "consortium": "impact-hub",
        "title": "Enablers, networks and alliances make internationalisation possible",
        "summary": (
            "Enablers such as hubs and intermediaries, networks and alliances give social "
            "enterprises the contacts and tools to grow across borders, with the flexibility "
            "to adapt to each context."
        ),
        "body": (
            "Internationalisation is rarely a solo effort. Enablers connect social enterprises "
            "with peers, markets and funders; networks and alliances act as facilitators; and "
            "flexibility across contexts is a condition of success."
        ),
        "themes": ["internationalisation", "connecting-the-sse-in-the-eu-and-globally"],
        "sdgs": [8, 17],
        "countries": ["AT", "PT", "BR"],
        "status": "published",
    },
    {
        "slug": "impact-hub-women-principles",
        "consortium": "impact-hub",
        "title": "Women-led social enterprises and the women principles of internationalisation",
        "summary": (
            "Women-led social enterprises bring characteristics — collaboration, listening, "
            "bottom-up work and flexibility — that are opportunities for the SSE when it "
            "internationalises."
        ),
        "body": (
            "The consortium identified *women principles* in internationalisation: "
            "collaboration, listening, bottom-up approaches and flexibility. They help local "
            "partnerships take root."
        ),
        "themes": [
            "women-led-social-enterprises",
            "internationalisation",
            "connecting-the-sse-in-the-eu-and-globally",
        ],
        "sdgs": [5, 8],
        "countries": ["AT", "PT"],
        "status": "published",
    },
    {
        "slug": "pl4se-legal-entities-and-shared-values",
        "consortium": "pl4se-plp",
        "title": "Many legal entities, one set of values recognised by law",
        "summary": (
            "SSE legal frameworks recognise many legal entities — co-operatives, mutuals, "
            "associations, foundations, social enterprises — that share values written into law."
        ),
        "body": (
            "Comparing the frameworks of Belgium, Brazil, Canada, Korea, Italy, Mexico and "
            "Spain shows a common pattern: the law recognises the values the SSE's legal "
            "forms share, not only the forms themselves."
        ),
        "themes": ["legal-frameworks", "building-better-enabling-ecosystems"],
        "sdgs": [8, 16],
        "countries": ["BE", "BR", "CA", "KR", "IT", "MX", "ES"],
        "status": "published",
    },
    {
        "slug": "pl4se-advanced-legal-frameworks",
        "consortium": "pl4se-plp",
        "title": "Advanced legal frameworks embed the SSE in market rules and support",
        "summary": (
            "The most advanced frameworks embed the SSE in market rules and in socio-economic "
            "and environmental agendas; tailored support programmes are part of the legal "
            "ecosystem."
        ),
        "body": (
            "Advanced frameworks embed the SSE in market rules and in socio-economic and "
            "environmental agendas; tailored support programmes are part of the legal "
            "ecosystem."
        ),
        "themes": ["legal-frameworks", "building-better-enabling-ecosystems"],
        "sdgs": [16, 17],
        "countries": ["ES", "KR", "MX"],
        "status": "published",
    },
    {
        "slug": "sim-sdgs-as-impact-measurement-tool",
        "consortium": "sim",
        "title": "The SDGs as a tool for social impact measurement",
        "summary": (
            "The Sustainable Development Goals can frame social impact measurement — with "
            "reasons for and against, technical examples, and the need to contextualise them "
            "to local conditions."
        ),
        "body": (
            "The consortium weighed the reasons for and against using the SDGs to measure "
            "social impact and collected technical examples. Used as a measurement tool, the "
            "goals need to be contextualised to local conditions."
        ),
        "themes": ["impact-measurement", "raising-sse-visibility-and-its-impact"],
        "sdgs": [8, 17],
        "countries": ["FR", "DE"],
        "status": "published",
    },
    {
        "slug": "sim-toolbox-of-good-practices",
        "consortium": "sim",
        "title": "A toolbox of good practices, not one prescribed method",
        "summary": (
            "Rather than prescribe one method, the SSE needs a toolbox of good practices for "
            "impact measurement — and investors should ask for the SDGs to be used."
        ),
        "body": (
            "No single method fits every SSE organisation. A toolbox of good practices lets "
            "each pick what fits; investors asking for SDG use would help harmonise reporting."
        ),
        "themes": ["impact-measurement", "raising-sse-visibility-and-its-impact"],
        "sdgs": [12, 17],
        "countries": ["FR"],
        "status": "published",
    },
    {
        "slug": "social-value-meaningful-stakeholder-engagement",
        "consortium": "social-value",
        "title": "Meaningful stakeholder engagement at the heart of impact management",
        "summary": (
            "Impact measurement and management must rest on meaningful engagement with "
            "stakeholders, building shared insight through dialogue."
        ),
        "body": (
            "Meaningful engagement means that the people affected shape what is measured and "
            "what is done with it. Shared insight comes from dialogue, not from surveys alone. "
            "The consortium published its work as white papers."
        ),
        "themes": [
            "stakeholder-engagement",
            "impact-measurement",
            "raising-sse-visibility-and-its-impact",
        ],
        "sdgs": [16, 17],
        "countries": ["US", "GB", "CA"],
        "status": "published",
    },
    {
        "slug": "social-value-capacity-and-policy",
        "consortium": "social-value",
        "title": "Capacity, skills and enabling public policy for impact management",
        "summary": (
            "Stakeholder engagement needs capacity and skills, and public policy that enables it."
        ),
        "body": (
            "Meaningful stakeholder engagement takes capacity and skills, and enabling public "
            "policy; the consortium published its work as white papers."
        ),
        "themes": ["stakeholder-engagement", "raising-sse-visibility-and-its-impact"],
        "sdgs": [4, 17],
        "countries": ["US"],
        "status": "published",
    },
    {
        "slug": "rrr-covid-19-and-local-ecosystems",
        "consortium": "respond-rebuild-reinvent",
        "title": "How COVID-19 changed local SSE ecosystems in nine cities",
        "summary": (
            "In nine cities, the pandemic made local administrations more proactive towards "
            "the SSE and brought new, more flexible collaboration."
        ),
        "body": (
            "Rotterdam, Turin, Dublin, San Francisco, Belo Horizonte, Warsaw, Montreal, Bilbao "
            "and Guadalajara mapped the elements of their local SSE ecosystems and how "
            "COVID-19 affected them."
        ),
        "themes": ["local-ecosystems", "building-better-enabling-ecosystems"],
        "sdgs": [8, 11],
        "countries": ["NL", "IT", "IE", "US", "BR", "PL", "CA", "ES", "MX"],
        "status": "published",
    },
    {
        "slug": "rrr-cities-convene-and-connect",
        "consortium": "respond-rebuild-reinvent",
        "title": "Cities convene and connect the SSE through platforms",
        "summary": ("Cities convene the SSE and connect its actors through platforms."),
        "body": (
            "In the nine cities studied, local administrations convene and connect the SSE "
            "through platforms, and new, more flexible forms of collaboration emerged."
        ),
        "themes": ["local-ecosystems", "building-better-enabling-ecosystems"],
        "sdgs": [11, 17],
        "countries": ["NL", "ES", "CA"],
        "status": "published",
    },
    {
        "slug": "sim-investors-and-sdg-reporting",
        "consortium": "sim",
        "title": "Investors should ask SSE organisations to report against the SDGs",
        "summary": "A follow-up proposal, submitted for review after the event.",
        "body": "Investors asking for SDG-based reporting would help harmonise impact data.",
        "themes": ["impact-measurement"],
        "sdgs": [17],
        "countries": ["FR"],
        "status": "submitted",
    },
    {
        "slug": "silk-draft-internationalisation-toolkit",
        "consortium": "silk",
        "title": "A toolkit for SSE internationalisation (draft)",
        "summary": "Work in progress: practical steps for SSEOs that want to work abroad.",
        "body": "Draft notes.",
        "themes": ["internationalisation"],
        "sdgs": [8],
        "countries": ["BE"],
        "status": "draft",
    },
]

FINAL_EVENT_SLUG = "mainstreaming-the-sse-2021"

EVENTS = [
    {
        "slug": FINAL_EVENT_SLUG,
        "title": (
            "Mainstreaming the Social and Solidarity Economy: Perspectives from the "
            "Peer-learning Partnerships"
        ),
        "local_start": dt.datetime(2021, 12, 2, 13, 0),
        "local_end": dt.datetime(2021, 12, 2, 15, 30),
        "time_zone": "Europe/Paris",
        "has_programme": True,
        "format": "online",
        "venue": "Online",
        "summary": (
            "The final event of the Peer-Learning Partnerships: all six consortia presented "
            "their findings and discussed them in three breakouts."
        ),
        "description": (
            "The event presented the findings of all six consortia and discussed them under "
            "three themes: building better-enabling ecosystems to support the SSE; connecting "
            "the SSE in the EU and globally; and raising the visibility of the SSE and its "
            "impact. Over 200 participants and some 25 contributors took part."
        ),
        # The curators' own words around the report written from the programme.
        "report_introduction": (
            "Over 200 participants and some 25 contributors met online for the final event of "
            "the six Peer-Learning Partnerships of the OECD Global Action, funded by the "
            "European Union. This report follows the programme: the opening remarks, the six "
            "consortia's presentations, the three breakout discussions and the closing remarks."
        ),
        "report_conclusions": (
            "The findings presented at the event are published on this portal, each with its "
            "consortium, themes and sources, and can be read by theme and by consortium."
        ),
        "schedule_changes": [],
        "themes": [
            "building-better-enabling-ecosystems",
            "connecting-the-sse-in-the-eu-and-globally",
            "raising-sse-visibility-and-its-impact",
        ],
        # "Over 200" participants and "some 25" contributors: approximations, which the
        # description says in words; the exact counts were not published.
        "participant_count": None,
        "contributor_count": None,
    },
    {
        "slug": "global-action-final-conference",
        "title": "Global Action Final Conference",
        # The dates announced at the final PLP event on 2 December 2021 (its closing remarks).
        "local_start": dt.datetime(2022, 12, 14, 0, 0),
        "local_end": dt.datetime(2022, 12, 16, 23, 59),
        "time_zone": "Europe/Paris",
        "has_programme": False,
        # Public sources date the rescheduled conference "in Paris and online".
        "format": "hybrid",
        "venue": "Paris",
        "summary": (
            "The closing conference of the OECD Global Action, announced at the final PLP "
            "event on 2 December 2021."
        ),
        "description": "",
        # Recorded through events.scheduling, as a curator would. Public sources later date the
        # conference 20–21 March 2023; they say neither when it was moved nor why, so the day
        # of the change and the reason stay empty.
        "schedule_changes": [
            {
                "kind": "rescheduled",
                "local_start": dt.datetime(2023, 3, 20, 0, 0),
                "local_end": dt.datetime(2023, 3, 21, 23, 59),
                "changed_on": None,
                "reason": "",
            },
        ],
        "report_introduction": "",
        "report_conclusions": "",
        "themes": [],
        "participant_count": None,
        "contributor_count": None,
    },
]

# The final event's programme, in order.
SESSIONS = [
    {
        "kind": "opening",
        "title": "Opening remarks",
        "moderator": None,
        "summary": "",
        "contributions": [
            {
                "person": "karen-maguire",
                "kind": "remarks",
                "title": "Opening remarks",
                "consortium": None,
                "findings": [],
                "summary": (
                    "Welcomed the participants and highlighted the PLPs' success and their new "
                    "way of gathering data and sharing it among the participating organisations."
                ),
            },
            {
                "person": "stefan-schleuning",
                "kind": "remarks",
                "title": "Opening remarks",
                "consortium": None,
                "findings": [],
                "summary": (
                    "Spoke for the European Commission and tied the PLP findings to the "
                    "upcoming EU Social Economy Action Plan."
                ),
            },
        ],
        "breakouts": [],
    },
    {
        "kind": "panel",
        "title": "Session 1: What did we learn from the Peer-learning Partnerships?",
        "moderator": "max-bulakovskiy",
        "summary": "Each consortium presented its findings.",
        "contributions": [
            {
                "person": "gianluca-pastorelli",
                "consortium": "silk",
                "findings": [
                    "silk-collaborators-and-intangible-assets",
                    "silk-enabling-policies-for-internationalisation",
                ],
            },
            {
                "person": "mariana-nunes",
                "consortium": "impact-hub",
                "findings": ["impact-hub-enablers-and-networks", "impact-hub-women-principles"],
            },
            {
                "person": "carlos-lozano",
                "consortium": "pl4se-plp",
                "findings": [
                    "pl4se-legal-entities-and-shared-values",
                    "pl4se-advanced-legal-frameworks",
                ],
            },
            {
                "person": "ingo-michelfelder",
                "consortium": "sim",
                "findings": [
                    "sim-sdgs-as-impact-measurement-tool",
                    "sim-toolbox-of-good-practices",
                ],
            },
            {
                "person": "ben-carpenter",
                "consortium": "social-value",
                "findings": [
                    "social-value-meaningful-stakeholder-engagement",
                    "social-value-capacity-and-policy",
                ],
            },
            {
                "person": "assiri-valdes-querol",
                "consortium": "respond-rebuild-reinvent",
                "findings": ["rrr-covid-19-and-local-ecosystems", "rrr-cities-convene-and-connect"],
            },
        ],
        "breakouts": [],
    },
    {
        "kind": "breakouts",
        "title": "Session 2: Peer-learning Partnerships Breakout Discussions",
        "moderator": None,
        "summary": (
            "Three parallel breakouts, one per theme, with PLP representatives, invited policy "
            "makers and experts; each rapporteur reported key points back to the plenary."
        ),
        "contributions": [],
        "breakouts": [
            {
                "title": "Building Better Enabling Ecosystems",
                "theme": "building-better-enabling-ecosystems",
                "rapporteur": "alexander-kesselring",
                "findings": [
                    "pl4se-legal-entities-and-shared-values",
                    "pl4se-advanced-legal-frameworks",
                    "rrr-covid-19-and-local-ecosystems",
                    "rrr-cities-convene-and-connect",
                ],
                "key_points": [
                    (
                        "Legal frameworks and policy initiatives can influence each other in a "
                        "virtuous loop. It works when national, regional and local levels talk "
                        "to each other and co-construct the ecosystem, each recognising the "
                        "others' functions and roles.",
                        ["pl4se-advanced-legal-frameworks"],
                        ["legal-frameworks"],
                    ),
                    (
                        "SSE coalitions hosted or enabled by city administrations could be "
                        "included in building national strategies, policies and legal "
                        "frameworks, as they know the diversity, challenges and support needs "
                        "of SSE actors.",
                        ["rrr-cities-convene-and-connect"],
                        ["local-ecosystems"],
                    ),
                    (
                        "SSE ecosystems concentrate in major cities, so cities are "
                        "intermediaries between national policies, legal forms and funds and "
                        "their local SSE; new legal entities need promotion, guidance and "
                        "monitoring of how they are used.",
                        [
                            "pl4se-legal-entities-and-shared-values",
                            "rrr-covid-19-and-local-ecosystems",
                        ],
                        ["legal-frameworks", "local-ecosystems"],
                    ),
                    (
                        "Cross-sector alliances can answer societal challenges with social "
                        "innovation, but SSE actors still lack the recognition and visibility "
                        "to reach the support that exists for SMEs.",
                        [],
                        [],
                    ),
                ],
            },
            {
                "title": "Connecting the SSE in the EU and Globally",
                "theme": "connecting-the-sse-in-the-eu-and-globally",
                "rapporteur": "aneta-qurai-shy",
                "findings": [
                    "silk-collaborators-and-intangible-assets",
                    "silk-enabling-policies-for-internationalisation",
                    "impact-hub-enablers-and-networks",
                    "impact-hub-women-principles",
                ],
                "key_points": [
                    (
                        "The internationalisation of the SSE is happening and will continue, but "
                        "it needs the ongoing, consolidated support of intergovernmental "
                        "organisations (the OECD, the EU, the UN family) and of governments.",
                        ["silk-enabling-policies-for-internationalisation"],
                        ["internationalisation"],
                    ),
                    (
                        "SSE organisations internationalise in a way better suited to today's "
                        "environmental and social challenges, and should be at the negotiating "
                        "table.",
                        ["silk-collaborators-and-intangible-assets"],
                        ["internationalisation"],
                    ),
                    (
                        "Intermediaries matter: they give access to actors and tools.",
                        ["impact-hub-enablers-and-networks"],
                        ["internationalisation"],
                    ),
                    (
                        "Recognising and fostering female principles (collaboration, a culture "
                        "of listening, bottom-up approaches, flexibility) helps build local "
                        "partnerships, adapt to local needs and tell stories that open new "
                        "opportunities.",
                        ["impact-hub-women-principles"],
                        ["women-led-social-enterprises"],
                    ),
                ],
            },
            {
                "title": "Raising SSE Visibility and its Impact",
                "theme": "raising-sse-visibility-and-its-impact",
                "rapporteur": "john-sherman",
                "findings": [
                    "sim-sdgs-as-impact-measurement-tool",
                    "sim-toolbox-of-good-practices",
                    "social-value-meaningful-stakeholder-engagement",
                    "social-value-capacity-and-policy",
                ],
                "key_points": [
                    (
                        "The SDGs and the SDG Impact Standards offer policy makers and agencies, "
                        "national and subnational, pathways to engage SSE, emerging and "
                        "conventional market actors (SMEs included) in a sustainability "
                        "framework for planning and for assessing non-financial impact.",
                        ["sim-sdgs-as-impact-measurement-tool"],
                        ["impact-measurement"],
                    ),
                    (
                        "Many social impact measurement approaches exist, mostly harmonised but "
                        "differing in specificity and audience. Rather than one recommended "
                        "approach, practitioners pick what fits their context, checking that it "
                        "involves meaningful stakeholder engagement.",
                        [
                            "sim-toolbox-of-good-practices",
                            "social-value-meaningful-stakeholder-engagement",
                        ],
                        ["impact-measurement", "stakeholder-engagement"],
                    ),
                    (
                        "Meaningful stakeholder engagement is required by the SDGs and the SDG "
                        "Impact Standards; other frameworks (e.g. Common Approach) apply to the "
                        "SSE too.",
                        ["social-value-meaningful-stakeholder-engagement"],
                        ["stakeholder-engagement"],
                    ),
                    (
                        "Governments could use public policy to raise visibility and help actors "
                        "apply impact standards; some (Spain, Mexico, Slovenia, Korea) already "
                        "do so or plan to.",
                        ["pl4se-advanced-legal-frameworks"],
                        [],
                    ),
                    (
                        "The capacities and skills of all stakeholders (government, SSE and "
                        "market actors, employees, community) to assess impact need building "
                        "and strengthening.",
                        ["social-value-capacity-and-policy"],
                        ["stakeholder-engagement"],
                    ),
                ],
            },
        ],
    },
    {
        "kind": "closing",
        "title": "Closing remarks",
        "moderator": None,
        "summary": "",
        "contributions": [
            {
                "person": "antonella-noya",
                "kind": "remarks",
                "title": "Closing remarks",
                "consortium": None,
                "findings": [],
                "summary": (
                    "More peer learning is needed: the PLPs show common patterns and local "
                    "specificities. Invitation to the Global Action Final Conference, "
                    "14–16 December 2022."
                ),
            },
        ],
        "breakouts": [],
    },
]
