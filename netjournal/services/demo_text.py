"""Word lists and templates for the demo journal (see ``demo``).

Organisations, universities and most communities are invented; events mix
well-known community conferences (PyCon, FOSDEM) with invented ones; people
are combinations of common first and last names from many cultures.

Templates use ``str.format`` slots that ``demo`` fills on demand:

- ``{p}``/``{P}``: the counterpart's first/full name; ``{sp}``, ``{Sp}``, ``{op}``, ``{pr}``:
  their pronouns (she, She, her, her); ``{p_org}``: their organisation.
- ``{o}``, ``{o_first}``, ``{o_org}``, ``{o_desc}``: another person (for introductions,
  the second person); ``{o_desc}`` reads " (role, organisation)".
- ``{why}``, ``{res}``: a reason, a result, seen from the exchange's side (given or
  received); ``{tail}``: either or nothing; ``{outcome}``: a result or nothing.
- pools: ``{org}``, ``{org2}``, ``{uni}``, ``{role}``, ``{doc}``, ``{topic}``, ``{tech}``,
  ``{event}``, ``{city}``, ``{community}``, ``{field}``, ``{service}``, ``{language}``,
  ``{hardship}``, ``{hardship_me}``, ``{amount}``, ``{small_amount}``, ``{period}``;
  numbers and dates: ``{n}``, ``{day}``, ``{month}``, ``{yr}``.
"""

from __future__ import annotations


def _w(text: str) -> tuple[str, ...]:
    """Comma-separated words, so names with spaces ("de Vries") survive."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


MONTHS = _w("January, February, March, April, May, June, July, August, September, October, November, December")

# (female first names, male first names, last names), one culture per row.
CULTURES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        _w("Emma, Olivia, Hannah, Claire, Rachel, Sarah, Laura, Megan, Kate, Lucy, Grace, Abigail, Fiona, Siobhan"),
        _w("James, Thomas, Daniel, Ben, Oliver, Samuel, Matthew, Andrew, Chris, Jack, Ryan, Nathan, Callum, Liam"),
        _w("Walker, Bennett, Hughes, Carter, Foster, Ellis, Palmer, Reid, Morgan, Shaw, Turner, Brooks, Hayes, "
           "Parker, Murray, Fletcher, Grant, Holloway, Pearce, Sutton, O'Brien, MacLeod, Doyle"),
    ),
    (
        _w("Anna, Lena, Katrin, Julia, Sabine, Miriam, Johanna, Clara, Franziska, Lea, Greta"),
        _w("Jonas, Lukas, Felix, Matthias, Tobias, Stefan, Florian, Jan, Moritz, Henrik, Konstantin"),
        _w("Weber, Schneider, Hoffmann, Becker, Wagner, Richter, Krüger, Braun, Vogel, Hartmann, Lehmann, "
           "Neumann, Zimmermann, Schäfer, Koch, Brandt"),
    ),
    (
        _w("Camille, Chloé, Léa, Manon, Inès, Juliette, Élise, Margaux, Sophie, Aurélie"),
        _w("Julien, Antoine, Mathieu, Nicolas, Théo, Baptiste, Hugo, Guillaume, Rémi, Olivier"),
        _w("Moreau, Lefebvre, Fontaine, Girard, Lambert, Rousseau, Mercier, Bonnet, Dupont, Chevalier, "
           "Garnier, Faure, Marchand"),
    ),
    (
        _w("Lucía, Sofía, Carmen, Valentina, Isabel, Paula, Daniela, Mariana, Camila, Elena, Ximena"),
        _w("Javier, Diego, Mateo, Alejandro, Pablo, Andrés, Santiago, Carlos, Miguel, Rafael, Emilio"),
        _w("García, Martínez, Rodríguez, López, Fernández, Morales, Herrera, Castillo, Navarro, Ortega, "
           "Vargas, Romero, Medina, Delgado, Ruiz, Aguilar"),
    ),
    (
        _w("Ana, Beatriz, Inês, Catarina, Joana, Larissa, Rita, Fernanda, Luísa"),
        _w("João, Tiago, Pedro, Gonçalo, Bruno, Rodrigo, Lucas, Vinícius, Duarte"),
        _w("Silva, Santos, Oliveira, Costa, Ferreira, Pereira, Almeida, Carvalho, Ribeiro, Sousa, Lopes, Marques"),
    ),
    (
        _w("Giulia, Francesca, Chiara, Martina, Alessia, Federica, Silvia"),
        _w("Marco, Luca, Matteo, Davide, Alessandro, Lorenzo, Giorgio, Stefano"),
        _w("Rossi, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Conti, De Luca, Esposito, Gallo, Moretti"),
    ),
    (
        _w("Priya, Ananya, Kavya, Meera, Divya, Nisha, Aisha, Pooja, Shreya, Lakshmi, Ishita"),
        _w("Arjun, Rohan, Vikram, Rahul, Aditya, Karthik, Siddharth, Nikhil, Sanjay, Amit, Varun"),
        _w("Nair, Sharma, Iyer, Patel, Reddy, Gupta, Menon, Rao, Kapoor, Desai, Banerjee, Krishnan, Joshi, "
           "Mehta, Chatterjee, Pillai"),
    ),
    (
        _w("Mei, Lin, Xiaoling, Yan, Jing, Hui, Ying, Qing"),
        _w("Wei, Jun, Hao, Lei, Tao, Ming, Zhiwei, Chen"),
        _w("Zhang, Wang, Li, Liu, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, He, Guo"),
    ),
    (
        _w("Yuki, Haruka, Aiko, Sakura, Naoko, Emi, Mariko"),
        _w("Kenji, Takeshi, Hiroshi, Daisuke, Ryo, Satoshi, Kenta"),
        _w("Tanaka, Sato, Suzuki, Takahashi, Watanabe, Yamamoto, Nakamura, Kobayashi, Ito, Mori"),
    ),
    (
        _w("Ji-woo, Seo-yeon, Min-ji, Hye-jin, Soo-ah, Eun-ji"),
        _w("Min-jun, Ji-ho, Hyun-woo, Dong-hyun, Sung-min, Jae-won"),
        _w("Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Han, Shin"),
    ),
    (
        _w("Chiamaka, Ngozi, Adaeze, Folake, Yetunde, Amara, Funmi, Abena, Efua, Ama"),
        _w("Chinedu, Emeka, Tunde, Oluwaseun, Kwame, Kofi, Ifeanyi, Segun, Babajide, Yaw"),
        _w("Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Adebayo, Mensah, Asante, Owusu, Afolabi, Boateng"),
    ),
    (
        _w("Wanjiru, Achieng, Amani, Nia, Zawadi, Makena, Nyambura"),
        _w("Kamau, Otieno, Baraka, Juma, Tendai, Kipchoge, Tafadzwa"),
        _w("Odhiambo, Kariuki, Njoroge, Wambui, Ochieng, Kimani, Mutua, Omondi, Moyo, Mwangi"),
    ),
    (
        _w("Layla, Yasmin, Nour, Rania, Salma, Leila, Hala, Dina"),
        _w("Omar, Karim, Youssef, Tariq, Hassan, Samir, Khalid, Rami"),
        _w("Haddad, Khoury, Mansour, Nasser, Saleh, Farouk, Aziz, Hamdan, Rahman, El-Amin, Qasim, Sabbagh"),
    ),
    (
        _w("Elif, Zeynep, Ayşe, Defne, Selin, Ebru"),
        _w("Emre, Mehmet, Can, Burak, Kerem, Ozan"),
        _w("Yılmaz, Demir, Kaya, Şahin, Çelik, Aydın, Öztürk, Arslan"),
    ),
    (
        _w("Agnieszka, Katarzyna, Marta, Zofia, Natalia, Olena, Iryna, Oksana"),
        _w("Piotr, Tomasz, Michał, Paweł, Andrii, Dmytro, Bartosz, Taras"),
        _w("Nowak, Wójcik, Mazur, Kaczmarek, Dudek, Bondarenko, Shevchenko, Kovalenko, Tkachenko, Horvat"),
    ),
    (
        _w("Ingrid, Astrid, Freja, Sigrid, Maja, Elin, Sanna, Aino"),
        _w("Erik, Lars, Magnus, Anders, Nils, Oskar, Mikael, Jussi"),
        _w("Lindqvist, Johansson, Nilsson, Berg, Hansen, Larsen, Andersen, Eriksson, Virtanen, Korhonen, Lund, Dahl"),
    ),
    (
        _w("Sanne, Fleur, Lotte, Anouk, Femke, Noor"),
        _w("Daan, Bram, Sven, Joost, Ruben, Thijs"),
        _w("de Vries, van Dijk, Jansen, Bakker, Visser, Smit, Mulder, de Boer, van den Berg, Meijer"),
    ),
    (
        _w("Linh, Trang, Thao, Mai, Andrea, Bea, Kristine, Patricia"),
        _w("Minh, Duc, Quang, Huy, Tuan, Paolo, Carlo, Jose"),
        _w("Nguyen, Tran, Le, Pham, Hoang, Vu, Reyes, Cruz, Bautista, Villanueva, Dela Cruz, Mendoza"),
    ),
    (
        _w("Noa, Tamar, Maya, Yael, Shira, Shirin, Parisa, Roya, Azadeh"),
        _w("Noam, Eitan, Ariel, Yonatan, Omer, Reza, Arash, Kian, Babak"),
        _w("Cohen, Levi, Mizrahi, Friedman, Shapiro, Katz, Tehrani, Hosseini, Rahimi, Karimi, Sadeghi"),
    ),
)

# Organisations are built from an invented root and a sector word.
ORG_ROOTS = _w(
    "Fernhill, Kestrel, Alderbrook, Brightwater, Tidewell, Northgate, Ashgrove, Larkspur, Quillon, Solenne, "
    "Cobalt Reach, Harrowgate, Juniper Row, Marlowe, Oakhaven, Pellucid, Redfern, Saltmarsh, Thistle, Umbra, "
    "Verdant, Wrenfield, Yarrow, Zephyrine, Bramblecote, Copperleaf, Driftwood, Emberline, Foxglove, Greywing, "
    "Halcyon Bay, Ironbark, Kittiwake, Lanternfish, Moorfield, Nightjar, Orchard Lane, Pinecrest, Quarrystone, "
    "Riverbend, Silverbirch, Tamarind, Upland, Vantage Hill, Willowmere, Amberfield, Bellweather, Cairnmoor, "
    "Dovetail, Eastwick, Fieldmark, Goldcrest, Hearthstone, Inkwell, Jadeport, Kelpie, Lodestar, Mossbank, "
    "Nettlebed, Ottermill, Pebbledash, Rookery, Stillwater, Teasel, Underhill, Waymark, Xylo, Yellowhammer"
)
ORG_SUFFIXES: dict[str, tuple[str, ...]] = {
    "startup": _w(
        "Labs, Analytics, Health, Robotics, Systems, Bio, Energy, Logistics, Software, Data, AI, Payments, Foods, "
        "Mobility, Studio, Works, Security, Climate, Learning, Materials, Carbon, Insights, Cloud"
    ),
    "vc": _w("Capital, Ventures, Partners, Fund, Growth Partners, Seed Fund"),
    "ngo": _w("Foundation, Trust, Alliance, Initiative, Collective, Institute for Public Data"),
    "agency": _w("Consulting, Advisory, & Partners, Design, Strategy, Research"),
    "corporate": _w("Group, Bank, Insurance, Retail, Pharma, Telecom, Holdings, Utilities"),
    "media": _w("Media, Press, Review, Weekly, Podcast Network"),
}
PLACES = _w(
    "Eastmoor, Halden, Wrenfield, Corrowby, Ostheim, Valmont, Marrowdale, Kingsreach, Lindqvist Bay, Aldwater, "
    "Southbrook, Northmere, Ravensholt, Belcourt"
)
UNIVERSITY_PATTERNS = (
    "University of {place}",
    "{place} Institute of Technology",
    "{place} School of Economics",
    "{place} University",
    "{place} College of Art and Design",
    "{place} Medical School",
)
ORG_TYPE_WEIGHTS = (("startup", 44), ("vc", 10), ("university", 13), ("ngo", 10), ("agency", 10),
                    ("corporate", 10), ("media", 3))

ROLES: dict[str, tuple[str, ...]] = {
    "startup": _w(
        "Founder & CEO, Co-founder & CTO, Head of Data, Staff engineer, Senior product designer, VP Engineering, "
        "Engineering manager, Head of Growth, Product manager, Chief of staff, Head of People, Data scientist, "
        "Platform lead, Head of Sales, Customer success lead, Technical recruiter, Machine learning engineer, "
        "Principal engineer, Head of Partnerships, COO, CFO, Developer advocate, Founding engineer, Head of Product"
    ),
    "vc": _w(
        "Series A partner, General partner, Principal, Associate, Venture partner, Platform lead, Scout, "
        "Head of portfolio talent, Investment director"
    ),
    "university": _w(
        "Professor of Economics, Professor of Computational Biology, Associate professor of Design, "
        "Lecturer in Public Policy, Postdoc in Climate Science, PhD candidate in Statistics, Research fellow, "
        "Professor of Computer Science, Lecturer in Sociology, Head of the Urban Planning department, "
        "Professor of Operations Research, PhD candidate in Linguistics, Tech transfer manager"
    ),
    "ngo": _w(
        "Programme director, Policy lead, Executive director, Fundraising manager, Community organiser, "
        "Research lead, Grants officer, Head of Partnerships"
    ),
    "agency": _w(
        "Managing partner, Senior consultant, Strategy director, Design director, Account director, "
        "Principal consultant, Research director"
    ),
    "corporate": _w(
        "Head of Innovation, Procurement lead, Director of Engineering, Senior data analyst, Head of Sustainability, "
        "Legal counsel, Product director, Communications director, Head of Data Platform, Chief Risk Officer"
    ),
    "media": _w("Editor, Tech journalist, Podcast host, Newsletter writer, Features editor"),
    "none": _w(
        "Independent consultant, Angel investor, Freelance designer, Author, Fractional CFO, Executive coach, "
        "Freelance data engineer"
    ),
}
TYPE_TAGS = {
    "startup": ("startup",), "vc": ("investor",), "university": ("academic", "research"), "ngo": ("nonprofit",),
    "agency": ("consulting",), "corporate": ("enterprise",), "media": ("media",), "none": ("independent",),
}
# (marker in the role, tag it earns)
ROLE_TAGS = (
    ("Data", "data"), ("data", "data"), ("design", "design"), ("Design", "design"), ("engineer", "engineering"),
    ("Engineering", "engineering"), ("Founder", "founder"), ("Co-founder", "founder"), ("Sales", "sales"),
    ("People", "hiring"), ("recruiter", "hiring"), ("Product", "product"), ("Climate", "climate"),
    ("Policy", "policy"), ("Sustainability", "climate"), ("partner", "investor"),
)
INTEREST_TAGS = _w(
    "climate, health, fintech, AI, open source, mentor, mentee, alumni, friend, former colleague, speaker, "
    "community, Berlin, Lisbon, London, Nairobi, Toronto, Bangalore, policy, hiring, customer, board, writer, "
    "education, Python, remote"
)

# how_met templates by the channel of the first conversation.
HOW_MET = (
    ("conference", "Met at {event} {yr} hallway track"),
    ("conference", "Sat next to {op} at the {event} {yr} speakers' dinner"),
    ("conference", "Met after {pr} talk at {event} {yr}"),
    ("conference", "Met at {event} {yr}"),
    ("email", "{intro}'s intro"),
    ("email", "Intro from {intro} in {yr}"),
    ("coffee", "Worked together at {org} ({yr})"),
    ("coffee", "Former colleague at {org}"),
    ("message", "Alumni of {uni}"),
    ("message", "Same PhD cohort at {uni}"),
    ("email", "Cold email about {topic}"),
    ("LinkedIn", "{Sp} replied to my post about {topic}"),
    ("coffee", "Through {community}"),
    ("coffee", "Same cohort at the {org} accelerator"),
    ("call", "Client at {org} ({yr})"),
    ("call", "Podcast guest on {topic}"),
)
FIRST_NOTES = (
    "First proper conversation; mostly about {topic}",
    "Got to know {op} over {topic}",
    "First call; {sp} told me about {pr} work at {p_org}",
    "First coffee; compared notes on {topic}",
    "Long first chat about {topic} and {city}",
)
PERSON_NOTES = _w(
    "Prefers mornings, Two kids; school run until 9, Speaks Portuguese and German, Always replies within a day, "
    "Vegetarian, Runs marathons, Hates long emails: three lines max, Keeps a newsletter going since 2016, "
    "Do not call before 10, Climbs most weekends, Likes being asked for opinions; dislikes vague asks, "
    "Moved countries twice in five years, Collects old maps, Plays in a jazz band, Brilliant at pricing, "
    "Writes thoughtful long replies; give it a week"
)

EVENTS = _w(
    "PyCon, PyData Lisbon, EuroPython, FOSDEM, NeurIPS, Northern Data Summit, Founders Forum Porto, "
    "Climate Tech Week, Open Health Days, Design Systems London, Product Circle Live, Bangalore Builders, "
    "Nairobi Tech Week, Data Council, Lisbon Startup Days, CHI, Strange Loop, Berlin Buzzwords, "
    "Fintech Frontier, the Aldwater research retreat"
)
COMMUNITIES = _w(
    "Berlin Data Meetup, Climate founders Slack, PyData Lisbon, Women in ML Nairobi, Product Circle Manchester, "
    "Founders Breakfast Porto, Open Source Fridays, Data Engineers Guild, Design Ops Collective, "
    "Bangalore Indie Hackers, Remote Managers Forum, Research Software Engineers UK, Toronto Health Tech, "
    "Fractional Execs Network, First-time Managers Circle, Lisbon Women in Tech, Impact Investors Roundtable, "
    "the alumni Discord, Open Science Coffee, Civic Tech Berlin, Pricing Nerds Slack, Hiring Managers Club"
)
CITIES = _w(
    "Berlin, Lisbon, London, Nairobi, Toronto, Bangalore, Singapore, São Paulo, Amsterdam, Stockholm, Lagos, "
    "Mexico City, Barcelona, Seoul, Melbourne, Dublin, Warsaw, Istanbul, Tel Aviv, Cape Town, Montreal, Porto"
)
TOPICS = _w(
    "pricing experiments, data-infra hiring, usage-based billing, GDPR data retention, remote onboarding, "
    "board reporting, carbon accounting, grant writing, dbt migrations, Kubernetes costs, customer interviews, "
    "sales compensation, ML model monitoring, open-source licensing, hospital procurement, B2B SEO, "
    "design systems, angel fundraising, equity for first hires, churn analysis, clinical trial data, "
    "supply-chain emissions, accessibility audits, LLM evaluation, tenure-track applications, peer review, "
    "community moderation, pricing in emerging markets, on-call rotations, data contracts, product analytics, "
    "enterprise security reviews, employer branding, performance reviews, warehouse robotics, "
    "public-sector tenders, podcast growth, API versioning, seed-stage hiring plans, cap-table cleanup, "
    "research data management, inclusive hiring, partnership contracts, forecasting demand, "
    "university spin-outs, user research ops, EU AI Act compliance, developer relations"
)
DOCS = _w(
    "pitch deck, CV, cover letter, grant proposal, board memo, pricing page, design doc, job description, "
    "investor update, paper draft, product spec, conference talk, financial model, sales playbook, hiring plan, "
    "data strategy, thesis chapter, book proposal, landing page copy, term sheet, cap table, OKR draft, "
    "onboarding checklist, case study, research proposal, partnership contract, annual report"
)
TECH = _w(
    "data pipeline, billing system, search stack, ML platform, analytics warehouse, mobile app, API gateway, "
    "recommendation engine, CI setup, event tracking, forecasting model, pricing calculator"
)
HIRING_ROLES = _w(
    "senior data engineer, first designer, head of sales, founding engineer, product manager, data scientist, "
    "ML engineer, platform lead, chief of staff, growth marketer, research assistant, UX researcher, "
    "engineering manager, customer success lead, CFO, developer advocate, head of operations"
)
FIELDS = _w("data-engineering, design, ML, product, climate-tech, policy, research, frontend, security, sales")
SERVICES = _w("data engineering, UX research, fractional CFO, pricing, technical writing, security audit, analytics")
LANGUAGES = _w("Portuguese, German, Spanish, French, Japanese, Arabic, Polish, Korean")
HARDSHIPS = _w(
    "job search, visa wait, fundraise, recovery from surgery, first months as a manager, parental leave, "
    "co-founder split"
)
HARDSHIPS_ME = _w(
    "between jobs, burnt out, waiting on my visa, recovering from surgery, running the fundraise alone, "
    "closing down the company"
)
AMOUNTS = _w("€2k, €5k, $8k, £12k, €15k, $25k, €40k, £60k, $120k, €250k, $500k, €1.2m, $3m")
SMALL_AMOUNTS = _w("€150, €300, $500, £250, €1,000, $200")

WHY = {
    "given": (
        "for {pr} seed round", "ahead of {pr} interview at {org}", "because {sp} is hiring a {role}",
        "so {sp} could price the enterprise tier", "to help {op} prepare for {pr} board meeting",
        "as {sp} was moving to {city}", "for {pr} grant application to {org}", "before {pr} talk at {event}",
        "because {sp} was stuck on {topic}", "so {sp} could decide between {org} and {org2}",
        "for {pr} job search", "to help {op} land the {org} contract",
    ),
    "received": (
        "for our seed round", "ahead of my interview at {org}", "because I am hiring a {role}",
        "so I could price the enterprise tier", "to prepare for the board meeting", "as I was moving to {city}",
        "for my grant application to {org}", "before my talk at {event}", "because I was stuck on {topic}",
        "so I could decide between {org} and {org2}", "for my job search", "to help me land the {org} contract",
    ),
}
# Results that fit any kind of exchange (kind-specific ones live in the templates).
RESULTS = {
    "given": (
        "{sp} said it saved {op} a week", "{sp} wrote back a long thank-you",
        "{sp} followed up in {month} to say it worked", "nothing came of it yet", "{sp} used it the next day",
        "{sp} said it changed {pr} plan", "{sp} came back with two more questions", "it paid off for {op} in {month}",
        "{sp} signed with {org} in {month}", "{sp} got the offer from {org}",
    ),
    "received": (
        "it saved me a week", "it changed my plan for {month}", "used it the next day", "still thinking about it",
        "it paid off in {month}", "thanked {op} properly in {month}", "worth far more than it cost {op}",
        "it unblocked the {org} deal", "we signed with {org} in {month}", "led to a hire in {month}",
    ),
}

# Summaries by kind and direction.  The counterpart is {p}; introductions
# also name the second person {o}.
SUMMARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "introduction": {
        "given": (
            "Introduced {p} to {o}{o_desc} {why}",
            "Connected {p} with {o}{o_desc}, who has hired for {topic} twice",
            "Double-opt-in intro: {p} and {o}{o_desc}, about {topic}",
            "Put {p} in touch with {o}{o_desc} {why}",
            "Intro email: {p} to {o}{o_desc}; both work on {topic}",
            "Introduced {p} to {o} ({o_org}); {pr} team needs help with {topic}",
            "Connected {p} and {o}{o_desc} over {topic}{tail}",
            "Introduced {p} to {o}{o_desc} because {o_first} is hiring a {role}",
        ),
        "received": (
            "{P} introduced me to {o}{o_desc} {why}",
            "{p} connected me with {o}{o_desc}, who knows {topic} better than anyone I know",
            "Warm intro from {p} to {o}{o_desc} {why}",
            "{p} put me in touch with {o}{o_desc}; we spoke about {topic}",
            "Double-opt-in intro from {p} to {o}{o_desc}{tail}",
            "Intro from {P}: {o}{o_desc}, for {topic}",
            "{p} introduced me to {o} at {o_org} because I am hiring a {role}",
        ),
    },
    "referral": {
        "given": (
            "Referred {p} for the {role} role at {org}{outcome}",
            "Recommended {p} to {o} at {org} for {service} work",
            "Put {p}'s name forward for the {role} opening at {org}",
            "Referred a client who needs {topic} work to {p}; worth roughly {amount}",
            "Passed {p}'s CV to the hiring manager at {org} for the {role} position",
            "Named {p} as a speaker for {event} when the organisers asked me",
            "Referred the team at {org} to {p} for help with {topic}{tail}",
        ),
        "received": (
            "{p} referred me to {org} for a {topic} project worth {amount}",
            "{p} put my name forward for the {role} role at {org}",
            "{P} recommended me to {o} at {org} for {service} work",
            "Referral from {p}: {org} needs help with {topic}{outcome}",
            "{p} passed my CV to the hiring manager at {org}",
            "{p} suggested me as a panellist for {event} {yr}",
        ),
    },
    "information": {
        "given": (
            "Sent {p} the salary benchmarks for {role} roles in {city}",
            "Told {p} that {org} is about to open a {city} office",
            "Shared my notes from {event} on {topic} with {p}",
            "Gave {p} the inside view on how {org} runs procurement{tail}",
            "Forwarded {p} the {doc} template we use for {topic}",
            "Sent {p} a reading list on {topic} ({n} papers)",
            "Let {p} know about the {org} grant call for {topic} projects",
        ),
        "received": (
            "{p} sent me what {org} paid for its {tech}",
            "{p} explained how the {city} visa process works for founders",
            "{P} shared {pr} market map of {topic} ({n} companies)",
            "Tip from {p}: {org} is quietly hiring a {role}",
            "{p} forwarded the {doc} from {pr} last fundraise",
            "{p} told me which {org} team owns {topic} budgets{tail}",
            "{p} sent a list of {n} {city} investors who back {topic}",
        ),
    },
    "advice": {
        "given": (
            "Talked {p} through negotiating {pr} offer from {org}{outcome}",
            "Advised {p} on pricing {pr} enterprise tier before the {org} renewal",
            "Spent an hour with {p} on whether to take the {role} role at {org}",
            "Walked {p} through how I approach {topic}{tail}",
            "Told {p} to split the {doc} into two asks; {sp} agreed",
            "Gave {p} my view on {topic} {why}",
            "Coached {p} before {pr} interview at {org}",
            "Helped {p} decide between {org} and {org2}{outcome}",
        ),
        "received": (
            "{p} advised me to raise a smaller round of {amount} first{outcome}",
            "{p} talked me out of signing the {org} contract as drafted",
            "{P} walked me through how {sp} hires a {role} {why}",
            "Long call with {p} about {topic}; {pr} advice: start smaller",
            "{p} told me how to handle the {org} negotiation{tail}",
            "Advice from {p} on {topic} {why}",
            "{p} explained how {sp} would price the {org} pilot",
        ),
    },
    "expertise": {
        "given": (
            "Reviewed the architecture of {p}'s {tech} for two hours",
            "Ran a {n}-hour workshop on {topic} for {p}'s team at {p_org}",
            "Audited {p}'s {doc} and flagged {n} issues",
            "Helped {p} rethink {pr} approach to {topic} {why}",
            "Did a pro-bono review of the {doc} at {p_org}",
            "Debugged the {tech} at {p_org} with {p} over a screen share{tail}",
        ),
        "received": (
            "{p} reviewed our {tech} design and found the bottleneck{tail}",
            "{P} ran a session on {topic} for my team, unpaid",
            "{p} checked the statistics in my {doc}{tail}",
            "{p} spent a Saturday fixing our {tech}",
            "{p} audited our {doc} before the {org} deadline",
            "Expert read from {p} on {topic} {why}",
        ),
    },
    "feedback": {
        "given": (
            "Gave {p} written feedback on {pr} {doc}{tail}",
            "Line-by-line comments on the {doc} {p} is sending to {org}",
            "Mock interview with {p} for the {role} role at {org}; sent notes after",
            "Told {p} honestly that the {doc} buried the main ask",
            "Sat in on {p}'s practice talk for {event} and gave notes",
            "Reviewed the first {n} pages of {p}'s {doc} {why}",
        ),
        "received": (
            "{p} tore apart my {doc}, kindly{tail}",
            "{P} gave me notes on my talk for {event}",
            "Feedback from {p} on my {doc}: lead with the result, cut the history",
            "{p} did a mock interview with me ahead of my interview at {org}",
            "{p} read my draft chapter on {topic} and sent {n} comments",
            "{p} told me the {org} proposal was too cautious{tail}",
        ),
    },
    "opportunity": {
        "given": (
            "Passed {p} a paid {topic} project at {org} ({amount})",
            "Invited {p} to speak at {event} {yr}",
            "Brought {p} into the {org} pitch as a subcontractor",
            "Offered {p} a seat on our advisory board",
            "Told {p} about the {role} opening at {org} before it was posted{outcome}",
            "Got {p} a slot on the {event} panel about {topic}",
        ),
        "received": (
            "{p} offered me a {topic} contract at {p_org} worth {amount}",
            "{P} invited me to keynote {event} {yr}",
            "{p} brought me into a bid for {org} as the {topic} lead",
            "{p} offered me a place in the {org} fellowship{outcome}",
            "{p} got me an early look at the {role} opening at {org}",
            "Board seat at {org} offered through {p}",
        ),
    },
    "support": {
        "given": (
            "Checked in on {p} every week during {pr} {hardship}",
            "Covered {p}'s talk at {event} when {sp} was ill",
            "Wrote {p} a character reference for {pr} visa application",
            "Listened to {p} for an hour after the {org} layoffs",
            "Helped {p} move flat in {city}",
            "Vouched for {p} with the {org} board during a hard quarter",
        ),
        "received": (
            "{p} called every week while I was {hardship_me}",
            "{P} stood up for me in the {org} partner meeting",
            "{p} stepped in to run my {event} workshop when I was sick",
            "{p} wrote a reference letter for my visa application",
            "{p} helped me think through leaving {org}{outcome}",
            "Encouragement from {p} the night before my {event} talk",
        ),
    },
    "resource": {
        "given": (
            "Lent {p} my {doc} template for {topic}",
            "Gave {p} desk space at our {city} office for {n} weeks",
            "Shared our {topic} dataset with {p} {why}",
            "Sent {p} {n} hours of recorded interviews on {topic}",
            "Donated {small_amount} to the {topic} fundraiser {p} runs",
            "Gave {p} my spare ticket for {event} {yr}",
        ),
        "received": (
            "{p} gave me {n} months of free desk space at {p_org}",
            "{P} shared {pr} {doc} template; saved me days",
            "{p} lent me {pr} {topic} dataset {why}",
            "{p} sent a box of books on {topic}",
            "{p} covered my {event} ticket ({small_amount})",
            "{p} gave me free access to {pr} course on {topic}",
        ),
    },
    "endorsement": {
        "given": (
            "Wrote {p} a LinkedIn recommendation about {pr} work on {topic}",
            "Gave {p} a reference call for the {role} role at {org}{outcome}",
            "Endorsed the {topic} grant application {p} sent to {org}",
            "Quoted {p}'s work on {topic} in my {event} talk",
            "Backed {p} publicly in the {community} thread about {topic}",
            "Signed {p}'s nomination for the {org} award",
        ),
        "received": (
            "{p} gave a reference for me to {org}{outcome}",
            "{P} wrote me a LinkedIn recommendation about the {topic} project",
            "{p} vouched for me with {o} at {org}",
            "{p} featured my {doc} in {pr} newsletter ({n}k readers)",
            "{p} recommended my {topic} course to {pr} team at {p_org}",
            "Reference from {p} for the {role} application at {org}",
        ),
    },
    "other": {
        "given": (
            "Hosted {p} for dinner when {sp} was in town for {event}",
            "Translated {p}'s {doc} into {language}",
            "Drove {p} to the airport after {event} {yr}",
            "Sent {p} a book on {topic} after our talk",
            "Took the {p_org} team out after their launch",
        ),
        "received": (
            "{p} put me up for a week in {city} during {event}",
            "{p} sent flowers when {org} shut down",
            "{P} translated my {doc} into {language}",
            "{p} bought lunch and told stories about the early days of {org}",
            "{p} sent me a signed copy of {pr} book on {topic}",
        ),
    },
}

# Deliberately vague summaries: the specificity score flags all of these.
VAGUE = (
    "helped with stuff", "gave some advice", "intro", "coffee chat about things", "sent some info",
    "helped out", "feedback on some stuff", "misc help", "chat about various things", "some help with the thing",
    "talked about stuff", "useful call", "quick catch-up, some ideas", "helped", "some intro stuff",
    "advice on things",
)

DETAILS = {
    "given": (
        "{p} asked me not to share the numbers outside the team.",
        "Took about two hours, most of it on the {doc}.",
        "Context: {sp} had just left {org} and was weighing two offers.",
        "Sent it as a shared doc with comments; {sp} replied the same evening.",
        "We disagreed on {topic}; worth coming back to.",
        "Worth remembering: {sp} prefers written feedback to calls.",
        "Mentioned {o} might be a better fit for the next step.",
        "{Sp} had asked twice before I found the time; should have been quicker.",
        "Followed up a week later to see how it landed.",
        "{Sp} offered to pay; said no, it was a favour.",
    ),
    "received": (
        "{Sp} did this on a Sunday, unasked.",
        "Saved me from an expensive mistake with {org}.",
        "Took {op} about an hour; I owe {op} one.",
        "{Sp} had clearly thought about it beforehand: arrived with notes.",
        "Wrote to thank {op} the same day.",
        "Most useful point: talk to customers before touching {topic}.",
        "{Sp} refused to let me pay for lunch.",
        "Should return this; {sp} is looking into {topic} next year.",
        "Came at exactly the right moment, two days before the {org} meeting.",
        "{Sp} asked nothing in return.",
    ),
}
RETURN_NOTES = (
    "Partly to return the favour from {when}.",
    "A thank-you, in kind, for {when}.",
    "Returning what {sp} did for me in {when}.",
)
RETURN_NOTES_RECEIVED = (
    "{Sp} said it was for {when}.",
    "Felt like {pr} answer to {when}.",
    "{Sp} mentioned {when} when I thanked {op}.",
)

OUTCOMES = {
    "given": (
        "They met on {met_day}; {o_first} hired {p} as a contractor",
        "They met on {met_day} and are now running a pilot together",
        "They spoke on {met_day}; nothing came of it, timing was wrong",
        "{p} joined the advisory board of {o_first}'s company after they met on {met_day}",
        "They met on {met_day} and co-wrote a grant application to {org}",
        "{o_first} invested {amount} after their call on {met_day}",
        "{p} got the role; they had met on {met_day}",
        "Still meeting monthly since {met_day}",
    ),
    "received": (
        "We met on {met_day}; {o_first} became a customer",
        "We met on {met_day} and {o_first} joined as an advisor",
        "Spoke on {met_day}; useful, but no fit for now",
        "Met {o_first} on {met_day}; led to a paid pilot",
        "{o_first} invested {amount} after we met on {met_day}",
        "We met on {met_day} and now swap notes every quarter",
    ),
}

# Contributions to the network as a whole: (kind, template).
CONTRIBUTIONS = (
    ("expertise", "Gave a talk on {topic} at {community}"),
    ("information", "Shared a list of {n} open {field} roles with {community}"),
    ("advice", "Ran office hours for {n} first-time founders at {community}"),
    ("other", "Organised the {month} meetup of {community}; {n} people came"),
    ("resource", "Published our {doc} template for {community} members"),
    ("feedback", "Reviewed {n} talk proposals for {community}"),
    ("expertise", "Wrote a guide to {topic} for {community}"),
    ("support", "Moderated {community} for the {month} cohort"),
    ("information", "Answered {n} questions about {topic} in {community}"),
    ("opportunity", "Posted a paid {topic} project for members of {community}"),
    ("resource", "Donated {small_amount} to {community} for speaker travel"),
    ("advice", "Mentored two members of {community} on {topic}"),
    ("endorsement", "Recommended {n} {community} members on a public hiring thread"),
    ("referral", "Passed {n} freelance leads on {topic} to {community}"),
)

CHANNELS = (("email", 25), ("message", 24), ("call", 15), ("coffee", 15), ("LinkedIn", 13), ("conference", 8))
TOUCH_NOTES = {
    "email": (
        "Congratulated {op} on the new role at {org}", "Sent {op} the article on {topic} we talked about",
        "Thank-you note after {event}", "New year note; asked how things are going at {p_org}",
        "Shared photos from {event} {yr}", "Replied to {pr} newsletter about {topic}",
    ),
    "message": (
        "Checked in after {pr} parental leave", "Birthday message", "Quick hello; {sp} is moving to {city}",
        "Sent a voice note about {topic}", "Congratulated {op} on the launch at {p_org}",
        "Asked how the {topic} project turned out",
    ),
    "call": (
        "Quick call to catch up; {sp} is thinking about leaving {p_org}", "Called to hear how the {topic} work went",
        "Monthly call; mostly about {topic}", "Twenty-minute catch-up about {pr} move to {city}",
        "Called after the news about {org}",
    ),
    "coffee": (
        "Coffee near {pr} office in {city}; talked about {topic}", "Breakfast in {city}; {sp} is hiring again",
        "Walk along the river after work; talked about {topic}", "Lunch at {p_org}; met {pr} new team",
        "Coffee before {event}; compared notes on {topic}",
    ),
    "LinkedIn": (
        "Liked {pr} post about {topic} and left a comment", "Congratulated {op} on {n} years at {p_org}",
        "Commented on the recording of {pr} {event} talk", "Congratulated {op} on the move to {org}",
    ),
    "conference": (
        "Ran into {op} at {event} {yr}", "Sat together at the {event} dinner",
        "Saw {pr} talk on {topic} at {event}; said hello after", "Hallway chat at {event} about {topic}",
    ),
}
TOUCH_EXTRAS = (
    "Promised to send {op} the {doc}.", "{Sp} asked after the family.", "Sounds tired but upbeat.",
    "{Sp} mentioned {o} is looking for a {role}.", "Agreed to meet properly next time I am in {city}.",
    "Said {sp} might need help with {topic} later this year.",
)

LOOPS = {
    "promised": (
        "Send {p} the {doc} template", "Introduce {p} to someone at {org}", "Review {p}'s {doc}",
        "Share my notes from {event} with {p}", "Write {p} a LinkedIn recommendation",
        "Ask {o} whether {org} is hiring for {p}", "Send {p} my list of people who know {topic}",
        "Read the draft of {p}'s paper on {topic}", "Check if our {city} office has a desk for {p}",
    ),
    "asked": (
        "Asked {p} for an intro to {o} at {org}", "Asked {p} for feedback on my {doc}",
        "Asked {p} to check the {topic} numbers in my {doc}", "Asked {p} for a reference for the {org} application",
        "Asked {p} whether {org} would pilot our {topic} tool", "Asked {p} for {pr} {doc} template",
        "Asked {p} to look over the {org} contract",
    ),
    "none": (
        "Share the {topic} job list with {community}", "Write up the {event} talk as a blog post",
        "Send the {month} newsletter to {community}", "Post the {doc} template for {community}",
    ),
}

REFLECTIONS = (
    "Most of what I gave this {period} was introductions. The ones that worked were the ones where I knew both "
    "people well enough to say why.",
    "I notice I ask for help by email and offer help in person. Worth flipping that at least once this month.",
    "The {community} talk took three evenings to prepare and brought {n} conversations I would not have had "
    "otherwise.",
    "I wrote 'helped with stuff' too often this {period}. When I reread it next year it will mean nothing.",
    "Who would I call if {org} let me go tomorrow? The list is shorter than I would like, and most names on it "
    "are people I have not written to in a year.",
    "Generosity is easy when it is cheap. The introductions that cost me something are the ones people remember.",
    "People keep coming to me about {topic}. Maybe write it down once instead of explaining it {n} times.",
    "Balance is not the point. Some of the people who gave me the most never needed anything back; the best I "
    "can do is pass it on.",
    "Keeping in touch without an agenda still feels awkward. The check-ins this {period} turned into two of the "
    "best conversations I had.",
    "A year ago I would have said yes to the {org} request. Saying no kept room for the work that matters.",
    "Three people asked me about {topic} this month. Time for a short guide I can share with {community}.",
    "I forget the small things people do for me. Writing them down here makes me more grateful, and more "
    "specific when I thank them.",
    "Reading back over {yr}: more received than given. It was a hard year; I want to even it out slowly.",
    "The best introduction I made this {period} took five minutes. The worst took an hour and led nowhere. "
    "Effort is not the measure.",
    "I keep postponing the follow-ups I promised after {event}. Blocking Friday morning for them.",
    "Being specific when I ask makes people more likely to say yes. 'Could you look at slide four' gets a reply; "
    "'any thoughts?' does not.",
    "Networks decay quietly. Nobody falls out; we just stop writing.",
    "Paid forward the advice I got on {topic}: founders in {city} now use the same checklist.",
    "Moving to {city} reset half my network. The people who kept writing are the ones I want to invest in.",
    "I measure the week by what I shipped, never by whom I helped. Both compound.",
    "Asked for far more than usual this {period} because of the fundraise. Making a list of what I can offer back.",
    "Noticed I only log the big favours. The small ones are most of what holds the network together.",
    "It is easier to give advice than to give time. The people who gave me time are the ones I remember.",
    "Saying thank you twice, once now and once when it pays off, seems to matter more than I thought.",
)
PERSON_REFLECTIONS = (
    "I owe {P} more than a thank-you for the help with {topic}. Find something concrete I can do for {op} this "
    "{period}.",
    "Most of my messages to {p} this year were asks. The next one should be an offer.",
    "{P} has been quiet since leaving {p_org}. Not a reason to drift; a reason to check in.",
    "{p} always gives advice with the reasoning attached. I want to learn to do that.",
    "Looking at the history with {p}: years of it, and the balance has swung both ways. That is what a good "
    "relationship looks like.",
    "I keep introducing people to {p} and hear nothing back. Fine, but I should ask whether the intros are useful "
    "to {op}.",
    "Not sure {p} realises how much the advice on {topic} changed my year.",
    "{p} asked for help in a way that made it easy to say yes: specific, short, with a way out.",
    "Let the thread with {p} go cold. Writing today, with no ask.",
    "Spent the evening thinking about what {p} said about {topic}. {Sp} was right, and I resisted it for months.",
    "{p} is stretched thin. The imbalance lately is not a pattern, just a season.",
    "Met {p} at {event} years ago and so many things started from that conversation.",
)
REFLECTION_CODAS = (
    "Next step: write to two people I have not contacted in a year.", "Note to self: thank people within a day.",
    "Revisit in three months.", "Will bring this up at the next {community} meetup.",
    "Small action: one unprompted introduction this week.", "", "", "",
)
PERIODS = _w("week, month, quarter, year")

CIRCUMSTANCES = (
    ("end", "Parental leave until {end_month}"),
    ("open", "Stretched thin: running a fundraise"),
    ("any", "Between jobs after the {org} layoffs"),
    ("any", "Caring for a parent; replies slowly"),
    ("any", "Moved to {city}; still settling in"),
    ("end", "Writing up {pr} thesis until {end_month}"),
    ("any", "Recovering from surgery"),
    ("any", "First ninety days in a new role at {org}"),
    ("end", "On sabbatical until {end_month}"),
    ("end", "Busy with the {p_org} launch until {end_month}"),
    ("open", "Burnt out after the acquisition; taking it slow"),
    ("open", "New baby at home; short replies for a while"),
)
