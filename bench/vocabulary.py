"""Word lists the generator draws from, so generated projects read like the article.

Everything here is data: French and English labels for the same things, in the article's
register (work packages, objectives, key figures, roles, prose about alliances). The generator
combines them with a seeded random source; nothing here is random itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """A country members can come from: labels, Wikidata item, city-name parts, local names."""

    slug: str
    fr: str
    en: str
    lang: str
    """The language of `local` (English where we do not write the country's script)."""
    qid: str
    stems: tuple[str, ...]
    ends: tuple[str, ...]
    local: tuple[str, str, str, str]
    """The four kinds of university (general, technical, applied sciences, medical), in the
    country's language, `{c}` standing for the city."""


COUNTRIES: tuple[Country, ...] = (
    Country(
        "france",
        "France",
        "France",
        "fr",
        "Q142",
        ("Bel", "Mont", "Val", "Roche", "Cler", "Beau", "Char", "Lou", "Vil", "Sau"),
        ("mont", "ville", "bourg", "ac", "ières", "court", "fort", "lieu", "champ", "nay"),
        (
            "Université de {c}",
            "Université technique de {c}",
            "Université des sciences appliquées de {c}",
            "Université de médecine de {c}",
        ),
    ),
    Country(
        "spain",
        "Espagne",
        "Spain",
        "es",
        "Q29",
        ("Val", "Alme", "Gua", "Sala", "Torre", "Villa", "Mon", "Cas", "Alca", "Bur"),
        ("dolid", "ria", "nares", "lejo", "mar", "dena", "rosa", "gón", "tilla", "res"),
        (
            "Universidad de {c}",
            "Universidad Politécnica de {c}",
            "Escuela Universitaria de Ciencias Aplicadas de {c}",
            "Universidad de Medicina de {c}",
        ),
    ),
    Country(
        "italy",
        "Italie",
        "Italy",
        "it",
        "Q38",
        ("Monte", "Castel", "Ponte", "Villa", "Roc", "Ser", "Bor", "Lu", "Fer", "Sal"),
        ("rano", "tella", "vento", "fiore", "lino", "gano", "nara", "cento", "vella", "ssano"),
        (
            "Università degli Studi di {c}",
            "Politecnico di {c}",
            "Università di Scienze Applicate di {c}",
            "Università di Medicina di {c}",
        ),
    ),
    Country(
        "germany",
        "Allemagne",
        "Germany",
        "de",
        "Q183",
        ("Lan", "Wald", "Hoch", "Stein", "Ober", "Neu", "Rot", "Eisen", "Bern", "Kal"),
        ("burg", "heim", "stadt", "dorf", "feld", "hausen", "bach", "berg", "au", "ingen"),
        (
            "Universität {c}",
            "Technische Universität {c}",
            "Hochschule {c}",
            "Medizinische Universität {c}",
        ),
    ),
    Country(
        "portugal",
        "Portugal",
        "Portugal",
        "pt",
        "Q45",
        ("Vila", "Alda", "Bra", "Por", "Coi", "Ta", "Mira", "Sant", "Ama", "Lou"),
        ("gança", "mar", "lhão", "reira", "ndela", "vira", "res", "tém", "rante", "sal"),
        (
            "Universidade de {c}",
            "Universidade Técnica de {c}",
            "Instituto Politécnico de {c}",
            "Universidade de Medicina de {c}",
        ),
    ),
    Country(
        "greece",
        "Grèce",
        "Greece",
        "en",
        "Q41",
        ("Kala", "Theo", "Ano", "Nea", "Pala", "Ayi", "Kato", "Iro", "Meso", "Ela"),
        ("polis", "kastro", "chori", "nas", "thos", "mata", "dia", "kos", "ssa", "nio"),
        (
            "University of {c}",
            "Technical University of {c}",
            "{c} University of Applied Sciences",
            "Medical University of {c}",
        ),
    ),
    Country(
        "bulgaria",
        "Bulgarie",
        "Bulgaria",
        "en",
        "Q219",
        ("Vel", "Stara", "Bel", "Gab", "Dob", "Lov", "Pet", "Kaz", "Sil", "Yam"),
        ("ovo", "grad", "nitsa", "lak", "ich", "rovo", "chik", "bol", "evo", "ino"),
        (
            "University of {c}",
            "Technical University of {c}",
            "{c} University of Applied Sciences",
            "Medical University of {c}",
        ),
    ),
    Country(
        "romania",
        "Roumanie",
        "Romania",
        "ro",
        "Q218",
        ("Bis", "Tur", "Cra", "Sla", "Alba", "Cam", "Deva", "Fal", "Pia", "Sig"),
        ("trița", "ova", "da", "ești", "ia", "niș", "tina", "ghet", "șoara", "ului"),
        (
            "Universitatea din {c}",
            "Universitatea Tehnică din {c}",
            "Universitatea de Științe Aplicate din {c}",
            "Universitatea de Medicină din {c}",
        ),
    ),
    Country(
        "finland",
        "Finlande",
        "Finland",
        "fi",
        "Q33",
        ("Jär", "Kuo", "Hä", "Sei", "Lap", "Joen", "Ii", "Kok", "Vaa", "Rau"),
        (
            "venpää",
            "pio",
            "meenlinna",
            "näjoki",
            "peenranta",
            "suu",
            "salmi",
            "kola",
            "lahti",
            "ma",
        ),
        (
            "{c}n yliopisto",
            "{c}n teknillinen yliopisto",
            "{c}n ammattikorkeakoulu",
            "{c}n lääketieteellinen yliopisto",
        ),
    ),
    Country(
        "sweden",
        "Suède",
        "Sweden",
        "sv",
        "Q34",
        ("Sköv", "Väx", "Ös", "Lin", "Kar", "Hal", "Borl", "Fal", "Upp", "Gäv"),
        ("de", "sjö", "tersund", "köping", "stad", "msta", "änge", "un", "vik", "holm"),
        (
            "{c} universitet",
            "Tekniska högskolan i {c}",
            "Högskolan i {c}",
            "Medicinska universitetet i {c}",
        ),
    ),
    Country(
        "ireland",
        "Irlande",
        "Ireland",
        "en",
        "Q27",
        ("Bally", "Kil", "Carrick", "Dun", "Ath", "Clon", "Mulli", "Tra", "Gal", "Ennis"),
        ("more", "kenny", "garvan", "dalk", "lone", "mel", "ngar", "way", "corthy", "bridge"),
        (
            "University of {c}",
            "{c} Technological University",
            "{c} Institute of Applied Sciences",
            "{c} Medical University",
        ),
    ),
    Country(
        "poland",
        "Pologne",
        "Poland",
        "pl",
        "Q36",
        ("Biel", "Gor", "Kosz", "Rad", "Tar", "Olsz", "Lub", "Zam", "Piot", "Kiel"),
        ("sko", "zów", "alin", "om", "nów", "tyn", "lin", "ość", "rków", "ce"),
        (
            "Uniwersytet w {c}",
            "Politechnika w {c}",
            "Akademia Nauk Stosowanych w {c}",
            "Uniwersytet Medyczny w {c}",
        ),
    ),
    Country(
        "netherlands",
        "Pays-Bas",
        "Netherlands",
        "nl",
        "Q55",
        ("Zwol", "Leeu", "Ap", "Hilver", "Del", "Gro", "Ams", "Til", "Ede", "Ven"),
        ("le", "warden", "eldoorn", "sum", "ft", "ningen", "tel", "burg", "dam", "lo"),
        (
            "Universiteit {c}",
            "Technische Universiteit {c}",
            "Hogeschool {c}",
            "Medisch Universiteit {c}",
        ),
    ),
    Country(
        "belgium",
        "Belgique",
        "Belgium",
        "fr",
        "Q31",
        ("Mons", "Lou", "Cour", "Ha", "Na", "Li", "Mal", "Tour", "Gem", "Wa"),
        ("vain", "trai", "sselt", "mur", "ège", "ines", "nai", "bloux", "vre", "terloo"),
        (
            "Université de {c}",
            "Université technique de {c}",
            "Haute École de {c}",
            "Université de médecine de {c}",
        ),
    ),
    Country(
        "czechia",
        "Tchéquie",
        "Czechia",
        "cs",
        "Q213",
        ("Brn", "Ost", "Olo", "Plz", "Lib", "Hra", "Par", "Zl", "Jih", "Kar"),
        ("o", "rava", "mouc", "eň", "erec", "dec", "dubice", "ín", "lava", "viny"),
        (
            "Univerzita {c}",
            "Technická univerzita {c}",
            "Vysoká škola {c}",
            "Lékařská univerzita {c}",
        ),
    ),
    Country(
        "denmark",
        "Danemark",
        "Denmark",
        "da",
        "Q35",
        ("Aal", "Ode", "Ros", "Kol", "Hor", "Vej", "Her", "Sil", "Ran", "Es"),
        ("borg", "nse", "kilde", "ding", "sens", "le", "ning", "keborg", "ders", "bjerg"),
        (
            "{c} Universitet",
            "Danmarks Tekniske Universitet {c}",
            "Professionshøjskolen {c}",
            "Medicinsk Universitet {c}",
        ),
    ),
    Country(
        "austria",
        "Autriche",
        "Austria",
        "de",
        "Q40",
        ("Kla", "Vil", "Leo", "Bre", "Dorn", "Stey", "Wels", "Inns", "Gmun", "Krems"),
        ("genfurt", "lach", "ben", "genz", "birn", "reith", "dorf", "bruck", "ach", "au"),
        (
            "Universität {c}",
            "Technische Universität {c}",
            "Fachhochschule {c}",
            "Medizinische Universität {c}",
        ),
    ),
    Country(
        "hungary",
        "Hongrie",
        "Hungary",
        "hu",
        "Q28",
        ("Deb", "Sze", "Mis", "Pé", "Győ", "Nyír", "Kecs", "Eger", "Szol", "Vesz"),
        ("recen", "ged", "kolc", "cs", "r", "egyháza", "kemét", "vár", "nok", "prém"),
        (
            "{c}i Egyetem",
            "{c}i Műszaki Egyetem",
            "{c}i Alkalmazott Tudományok Egyeteme",
            "{c}i Orvostudományi Egyetem",
        ),
    ),
)

UNIVERSITY_KINDS: tuple[tuple[str, str, str], ...] = (
    ("Université {de}", "University of {c}", "{s}"),
    ("Université technique {de}", "Technical University of {c}", "{s}-technical"),
    (
        "Université des Sciences Appliquées {de}",
        "{c} University of Applied Sciences",
        "{s}-applied-sciences",
    ),
    ("Université de Médecine {de}", "Medical University of {c}", "medical-university-{s}"),
)
"""French label, English label and IRI slug of each kind (`{de}` is « de X » or « d’X »)."""

ALLIANCE_HEADS = (
    "EU",
    "UNI",
    "NEO",
    "ARC",
    "AUR",
    "CIV",
    "ENL",
    "ULY",
    "TRA",
    "YUF",
    "CHA",
    "FOR",
    "GAL",
    "HEL",
    "INV",
    "LIT",
    "MAR",
    "NOR",
    "RHE",
    "SEA",
    "VAL",
    "ZEN",
    "ATL",
    "BAL",
)
ALLIANCE_MIDS = ("", "", "", "RO", "TE", "LA", "NI", "VE", "DA", "MI", "SO", "PA")
ALLIANCE_TAILS = (
    "NICE",
    "TERRA",
    "LIS",
    "ORA",
    "ANTA",
    "GENIA",
    "ON",
    "IA",
    "VIS",
    "TAS",
    "CORE",
    "LINK",
    "NOVA",
    "POLIS",
    "SPHERE",
    "UM",
    "EA",
    "US",
    "IDE",
    "ARIS",
)

GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("Eric", "m"),
    ("Ligia", "f"),
    ("Imen", "f"),
    ("Fabien", "m"),
    ("Léa", "f"),
    ("Simon", "m"),
    ("Camille", "f"),
    ("Hugo", "m"),
    ("Chloé", "f"),
    ("Lucas", "m"),
    ("Manon", "f"),
    ("Julien", "m"),
    ("Inès", "f"),
    ("Antoine", "m"),
    ("Sarah", "f"),
    ("Thomas", "m"),
    ("Elena", "f"),
    ("Marco", "m"),
    ("Giulia", "f"),
    ("Pablo", "m"),
    ("Lucía", "f"),
    ("Jonas", "m"),
    ("Anna", "f"),
    ("Mikael", "m"),
    ("Aino", "f"),
    ("Nikos", "m"),
    ("Eleni", "f"),
    ("Ivan", "m"),
    ("Maria", "f"),
    ("Andrei", "m"),
    ("Ioana", "f"),
    ("Seán", "m"),
    ("Aoife", "f"),
    ("Erik", "m"),
    ("Astrid", "f"),
    ("Piotr", "m"),
    ("Zofia", "f"),
    ("Daan", "m"),
    ("Sanne", "f"),
    ("Tomáš", "m"),
    ("Tereza", "f"),
    ("Mads", "m"),
    ("Freja", "f"),
    ("Lukas", "m"),
    ("Lena", "f"),
    ("Bence", "m"),
    ("Réka", "f"),
    ("João", "m"),
    ("Beatriz", "f"),
    ("Olivier", "m"),
    ("Amélie", "f"),
    ("Yanis", "m"),
    ("Nadia", "f"),
    ("Karim", "m"),
    ("Sofia", "f"),
    ("Matteo", "m"),
    ("Clara", "f"),
    ("Dimitar", "m"),
    ("Petra", "f"),
    ("Arnaud", "m"),
)
FAMILY_NAMES: tuple[str, ...] = (
    "Dargent",
    "Livanu",
    "Turki",
    "Bitu",
    "Mairaville",
    "Boulanger",
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Girard",
    "Roux",
    "Fontaine",
    "Chevalier",
    "Rossi",
    "Bianchi",
    "Romano",
    "Colombo",
    "García",
    "Fernández",
    "López",
    "Martínez",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Papadopoulos",
    "Georgiou",
    "Nikolaidis",
    "Ivanova",
    "Petrov",
    "Dimitrova",
    "Popescu",
    "Ionescu",
    "Constantin",
    "Murphy",
    "Kelly",
    "O’Brien",
    "Andersson",
    "Johansson",
    "Lindqvist",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "De Vries",
    "Jansen",
    "Bakker",
    "Novák",
    "Svoboda",
    "Dvořák",
    "Nielsen",
    "Jensen",
    "Hansen",
    "Gruber",
    "Huber",
    "Wagner",
    "Nagy",
    "Kovács",
    "Tóth",
    "Silva",
    "Santos",
    "Ferreira",
    "Peeters",
    "Maes",
    "Janssens",
    "Leroy",
    "Mercier",
    "Blanc",
    "Guérin",
    "Faure",
    "André",
    "Rousseau",
)

TOPICS: dict[str, tuple[str, str]] = {
    "training": ("formations", "training"),
    "research": ("recherche", "research"),
    "mobility": ("mobilités", "mobility"),
    "societal-issues": ("grands sujets sociétaux", "major societal issues"),
    "inclusion": ("inclusion", "inclusion"),
    "equality": ("égalité", "equality"),
    "innovation": ("innovation", "innovation"),
    "digital-transition": ("transition numérique", "digital transition"),
    "green-transition": ("transition écologique", "green transition"),
    "entrepreneurship": ("entrepreneuriat", "entrepreneurship"),
    "open-science": ("science ouverte", "open science"),
    "student-centred-pedagogy": (
        "pédagogies innovantes centrées sur l’étudiant",
        "innovative student-centred teaching",
    ),
    "joint-programme": ("programme conjoint", "joint programme"),
    "pathways-programme": ("programme Pathways", "Pathways programme"),
    "joint-course": ("cours commun", "joint course"),
    "european-degree": ("diplôme européen", "European Degree"),
    "automatic-credit-recognition": (
        "reconnaissance automatique des crédits",
        "automatic recognition of credits",
    ),
    "micro-credential": ("micro-certification", "micro-credential"),
    "lifelong-learning": ("formation tout au long de la vie", "lifelong learning"),
    "well-being": ("bien-être", "well-being"),
    "sustainable-development": ("développement durable", "sustainable development"),
    "community-engagement": ("engagement de la communauté", "community engagement"),
    "research-project": ("projet de recherche", "research project"),
    "postdoctoral-project": ("projet postdoctoral", "postdoctoral project"),
    "professional-network": ("réseau professionnel", "professional network"),
    "double-degree": ("double diplôme", "double degree"),
    "joint-degree": ("diplôme conjoint", "joint degree"),
    "staff-mobility": ("mobilité de personnel", "staff mobility"),
    "staff-involved": ("personnel impliqué", "member of staff involved"),
    "outgoing-student-mobility": ("mobilité sortante d’étudiant", "outgoing student mobility"),
    "virtual-exchange": ("échange virtuel", "virtual exchange"),
    "language-course": ("cours de langue", "language course"),
    "student-mentor": ("mentor étudiant", "student mentor"),
    "business-partnership": ("partenariat avec une entreprise", "partnership with a company"),
    "doctoral-thesis": ("thèse de doctorat", "doctoral thesis"),
    "digital-skills": ("compétences numériques", "digital skills"),
    "research-infrastructure": ("infrastructure de recherche", "research infrastructure"),
    "citizen-science": ("science citoyenne", "citizen science"),
    "quality-assurance": ("assurance qualité", "quality assurance"),
    "governance": ("gouvernance", "governance"),
    "dissemination": ("diffusion des résultats", "dissemination of results"),
    "winter-school": ("université d’hiver", "winter school"),
    "summer-school": ("université d’été", "summer school"),
    "workshop": ("atelier de travail", "workshop"),
    "cultural-activity": ("activité culturelle", "cultural activity"),
    "sport": ("activité sportive", "sport"),
    "societal-activity": ("activité sociétale", "societal activity"),
    "conference": ("conférence", "conference"),
    "visit": ("visite", "visit"),
    "hackathon": ("hackathon", "hackathon"),
    "societal-challenges": ("enjeux sociétaux majeurs", "major societal challenges"),
    "health": ("santé", "health"),
    "energy": ("énergie", "energy"),
    "oceans": ("océans et littoraux", "oceans and coasts"),
}
BROADER: dict[str, str] = {
    "inclusion": "societal-issues",
    "equality": "societal-issues",
    "well-being": "societal-issues",
    "health": "societal-challenges",
    "energy": "societal-challenges",
    "oceans": "societal-challenges",
}

SERIES_ACTIVITIES = (
    ("des ateliers de travail", "workshop"),
    ("des activités culturelles", "cultural-activity"),
    ("des activités sportives", "sport"),
    ("des activités sociétales", "societal-activity"),
    ("des conférences", "conference"),
    ("des visites", "visit"),
    ("des hackathons", "hackathon"),
)
EDITION_ACTIVITIES = (
    ("d’événements sportifs", "sport"),
    ("de conférences", "conference"),
    ("d’ateliers de travail", "workshop"),
    ("de visites", "visit"),
    ("d’activités culturelles", "cultural-activity"),
    ("de hackathons", "hackathon"),
)
"""What an event series or one edition offers: the words of the text, the topic."""

DOMAIN_TOPICS = (
    ("les formations", "training"),
    ("la recherche", "research"),
    ("les mobilités", "mobility"),
    ("l’innovation", "innovation"),
    ("la transition numérique", "digital-transition"),
    ("la transition écologique", "green-transition"),
    ("l’entrepreneuriat", "entrepreneurship"),
    ("la science ouverte", "open-science"),
)
"""Domains of the alliance's projects: the words the text uses and the topic."""

CHARGES = (
    ("l’inclusion et l’égalité", ("inclusion", "equality"), "inclusion and equality"),
    ("le bien-être", ("well-being",), "well-being"),
    ("la santé", ("health",), "health"),
    ("l’énergie", ("energy",), "energy"),
    ("les océans et les littoraux", ("oceans",), "oceans and coasts"),
)
"""Societal subjects a member can be in charge of: text, topics, English."""


@dataclass(frozen=True)
class Theme:
    """A kind of work package: titles, descriptions, topics, and what its objectives count."""

    slug: str
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    topics: tuple[str, ...]
    legal_form: bool = False


THEMES: tuple[Theme, ...] = (
    Theme(
        "governance",
        "Gouvernance et coordination",
        "Governance and coordination",
        "mise en place d’une gouvernance pérenne grâce à l’entité légale de type EGTC "
        "(Groupement européen de coopération territoriale)",
        "setting up lasting governance through a legal entity of the EGTC type "
        "(European grouping of territorial cooperation)",
        ("governance",),
        legal_form=True,
    ),
    Theme(
        "pedagogy",
        "Innovation pédagogique",
        "Teaching innovation",
        "développement de pédagogies innovantes centrées sur l’étudiant",
        "developing innovative, student-centred teaching",
        ("student-centred-pedagogy",),
    ),
    Theme(
        "joint-education",
        "Formations conjointes",
        "Joint education",
        "développement de l’offre de formation commune avec de nouveaux programmes "
        "conjoints, des parcours de mobilité (Pathways), des cours partagés et la "
        "préparation au futur diplôme européen (European Degree)",
        "developing the common education offer with new joint programmes, mobility "
        "pathways (Pathways), shared courses and preparation for the future European Degree",
        ("joint-programme", "pathways-programme", "joint-course", "european-degree"),
    ),
    Theme(
        "research-based",
        "Formation fondée sur la recherche",
        "Research-based education",
        "intégration de la recherche dans les formations",
        "bringing research into education",
        ("research", "training"),
    ),
    Theme(
        "mobility",
        "Mobilité",
        "Mobility",
        "généralisation de la mobilité comme dimension essentielle des parcours de "
        "formation, avec des processus harmonisés et une reconnaissance automatique des "
        "crédits",
        "making mobility an essential part of every study path, with harmonised processes "
        "and automatic recognition of credits",
        ("mobility", "automatic-credit-recognition", "staff-mobility"),
    ),
    Theme(
        "lifelong",
        "Compétences, innovation et apprentissage tout au long de la vie",
        "Skills, innovation and lifelong learning",
        "développement de micro-certifications, de formations tout au long de la vie",
        "developing micro-credentials and lifelong learning",
        ("micro-credential", "lifelong-learning"),
    ),
    Theme(
        "campus",
        "Campus européen engagé",
        "Engaged European campus",
        "promotion de l’inclusion, du bien-être, du développement durable et de "
        "l’engagement de la communauté",
        "promoting inclusion, well-being, sustainable development and community engagement",
        (
            "inclusion",
            "well-being",
            "sustainable-development",
            "community-engagement",
            "student-mentor",
        ),
    ),
    Theme(
        "communication",
        "Communication et diffusion",
        "Communication and dissemination",
        "valorisation des réalisations de l’alliance, renforcement de sa visibilité en "
        "Europe et diffusion des bonnes pratiques",
        "promoting the alliance's achievements, raising its visibility in Europe and "
        "spreading good practice",
        ("dissemination",),
    ),
    Theme(
        "digital",
        "Campus numérique",
        "Digital campus",
        "déploiement d’outils numériques communs et d’échanges virtuels entre les établissements",
        "rolling out shared digital tools and virtual exchanges between the institutions",
        ("digital-transition", "virtual-exchange", "digital-skills"),
    ),
    Theme(
        "research",
        "Recherche et innovation",
        "Research and innovation",
        "montage de projets de recherche communs et partage des infrastructures de recherche",
        "setting up joint research projects and sharing research infrastructure",
        ("research-project", "research-infrastructure", "doctoral-thesis"),
    ),
    Theme(
        "open-science",
        "Science ouverte et science citoyenne",
        "Open science and citizen science",
        "ouverture des données et des publications, et participation des citoyens à la recherche",
        "opening data and publications, and involving citizens in research",
        ("open-science", "citizen-science"),
    ),
    Theme(
        "languages",
        "Langues et cultures",
        "Languages and cultures",
        "apprentissage des langues des partenaires et découverte de leurs cultures",
        "learning the partners' languages and discovering their cultures",
        ("language-course", "cultural-activity"),
    ),
    Theme(
        "entrepreneurship",
        "Entrepreneuriat et liens avec les entreprises",
        "Entrepreneurship and links with companies",
        "accompagnement des projets entrepreneuriaux et partenariats avec les entreprises "
        "du territoire",
        "supporting entrepreneurial projects and partnerships with local companies",
        ("entrepreneurship", "business-partnership"),
    ),
    Theme(
        "quality",
        "Qualité et évaluation",
        "Quality and evaluation",
        "mise en place d’un dispositif commun d’assurance qualité et d’évaluation des actions",
        "setting up a common quality assurance and evaluation of the actions",
        ("quality-assurance",),
    ),
    Theme(
        "green",
        "Transition écologique",
        "Green transition",
        "réduction de l’empreinte environnementale des campus et des mobilités",
        "reducing the environmental footprint of the campuses and of mobility",
        ("green-transition", "sustainable-development"),
    ),
)


@dataclass(frozen=True)
class Target:
    """An objective template: « {verb} {comparison} {n} {things} », the topic it counts."""

    slug: str
    topic: str
    verb_fr: str
    verb_en: str
    things_fr: str
    things_en: str
    low: int
    high: int


TARGETS: tuple[Target, ...] = (
    Target(
        "mobilities",
        "mobility",
        "rendre la mobilité plus accessible avec",
        "make mobility more accessible with",
        "mobilités",
        "mobilities",
        800,
        6000,
    ),
    Target(
        "pathways-programmes",
        "pathways-programme",
        "développer",
        "develop",
        "programmes Pathways",
        "Pathways programmes",
        5,
        40,
    ),
    Target(
        "joint-courses",
        "joint-course",
        "proposer",
        "offer",
        "cours communs",
        "joint courses",
        30,
        300,
    ),
    Target(
        "joint-programmes",
        "joint-programme",
        "mettre en œuvre",
        "implement",
        "programmes conjoints",
        "joint programmes",
        2,
        12,
    ),
    Target(
        "micro-credentials",
        "micro-credential",
        "déployer",
        "deploy",
        "micro-certifications",
        "micro-credentials",
        5,
        60,
    ),
    Target(
        "staff-mobilities",
        "staff-mobility",
        "financer",
        "fund",
        "mobilités de personnels",
        "staff mobilities",
        50,
        900,
    ),
    Target(
        "virtual-exchanges",
        "virtual-exchange",
        "organiser",
        "organise",
        "échanges virtuels",
        "virtual exchanges",
        10,
        200,
    ),
    Target(
        "language-courses",
        "language-course",
        "ouvrir",
        "open",
        "cours de langues",
        "language courses",
        5,
        80,
    ),
    Target(
        "student-mentors",
        "student-mentor",
        "former",
        "train",
        "mentors étudiants",
        "student mentors",
        20,
        500,
    ),
    Target(
        "business-partnerships",
        "business-partnership",
        "signer",
        "sign",
        "partenariats avec des entreprises",
        "partnerships with companies",
        5,
        120,
    ),
    Target(
        "research-projects",
        "research-project",
        "lancer",
        "launch",
        "projets de recherche communs",
        "joint research projects",
        5,
        90,
    ),
    Target(
        "co-supervised-theses",
        "doctoral-thesis",
        "soutenir",
        "support",
        "thèses en co-tutelle",
        "co-supervised theses",
        3,
        40,
    ),
    Target(
        "digital-skills",
        "digital-skills",
        "certifier",
        "certify",
        "compétences numériques",
        "digital skills",
        10,
        150,
    ),
)

COMPARISONS = (
    ("ikg:MoreThan", "plus de ", "more than "),
    ("ikg:AtLeast", "au moins ", "at least "),
    ("ikg:Exactly", "", ""),
)

FIGURES: tuple[tuple[str, str, str, int, int], ...] = (
    ("research-projects", "projets de recherche", "research projects", 5, 80),
    ("postdoctoral-projects", "projets postdoctoraux", "postdoctoral projects", 1, 20),
    ("professional-networks", "réseaux professionnels", "professional networks", 1, 12),
    ("double-degrees", "doubles diplômes", "double degrees", 1, 10),
    ("joint-degrees", "diplômes conjoints", "joint degrees", 1, 10),
    ("staff-mobilities", "mobilités de personnels", "staff mobilities", 20, 400),
    ("staff-involved", "personnels impliqués", "members of staff involved", 20, 300),
    (
        "outgoing-student-mobilities",
        "mobilités sortantes d’étudiants",
        "outgoing student mobilities",
        30,
        600,
    ),
    ("virtual-exchanges", "échanges virtuels", "virtual exchanges", 3, 90),
    ("summer-schools", "universités d’été", "summer schools", 1, 12),
)
"""Key figures: slug, French and English plural, value range. The topic is the singular slug."""

FIGURE_TOPICS = {
    "research-projects": "research-project",
    "postdoctoral-projects": "postdoctoral-project",
    "professional-networks": "professional-network",
    "double-degrees": "double-degree",
    "joint-degrees": "joint-degree",
    "staff-mobilities": "staff-mobility",
    "staff-involved": "staff-involved",
    "outgoing-student-mobilities": "outgoing-student-mobility",
    "virtual-exchanges": "virtual-exchange",
    "summer-schools": "summer-school",
}

AIMS: tuple[tuple[str, str, str], ...] = (
    (
        "inter-university-campuses",
        "créer des « campus interuniversitaires » où les étudiants circulent librement",
        "creating inter-university campuses where students move freely",
    ),
    (
        "link-education-research-innovation",
        "relier l’éducation, la recherche et l’innovation",
        "linking education, research and innovation",
    ),
    (
        "prepare-graduates",
        "préparer les diplômés à une Europe plus verte, plus numérique et plus inclusive",
        "preparing graduates for a greener, more digital and more inclusive Europe",
    ),
    (
        "integrated-european-university",
        "construire une véritable université européenne intégrée",
        "building a truly integrated European university",
    ),
    (
        "open-science-culture",
        "diffuser une culture de la science ouverte",
        "spreading a culture of open science",
    ),
    (
        "regional-anchoring",
        "renforcer l’ancrage des universités dans leurs territoires",
        "strengthening the universities' roots in their regions",
    ),
    (
        "shared-services",
        "mutualiser les services aux étudiants et aux personnels",
        "sharing services for students and staff",
    ),
    (
        "multilingualism",
        "encourager le multilinguisme sur tous les campus",
        "encouraging multilingualism on every campus",
    ),
)

ACHIEVEMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "research-interactions",
        "En {n} ans, {A} a développé de façon rapide les interactions recherche à {h} avec les "
        "partenaires.",
        "développement rapide des interactions recherche avec les partenaires",
        "research interactions with the partners developed quickly",
    ),
    (
        "student-opportunities",
        "Pour les étudiants, cela signifie qu’ils peuvent accéder plus facilement à des "
        "formations internationales et construire des réseaux européens.",
        "accès plus facile des étudiants à des formations internationales",
        "easier access for students to international education",
    ),
    (
        "visibility",
        "L’alliance permet également d’améliorer la visibilité et l’attractivité internationale "
        "de {h}.",
        "amélioration de la visibilité et de l’attractivité internationale",
        "better international visibility and attractiveness",
    ),
    (
        "best-practices",
        "Elle permet d’améliorer progressivement le fonctionnement de {h} en échangeant sur les "
        "meilleures pratiques avec les partenaires.",
        "amélioration progressive du fonctionnement par l’échange de bonnes pratiques",
        "gradual improvement of how the university works, by sharing best practice",
    ),
    (
        "staff-opportunities",
        "Cela donne l’opportunité aux personnels de créer des réseaux professionnels "
        "paneuropéens et de développer leurs mobilités professionnelles.",
        "réseaux professionnels paneuropéens et mobilités pour les personnels",
        "pan-European professional networks and mobility for staff",
    ),
    (
        "joint-calls",
        "Des appels à projets communs ont été lancés chaque année par {A}.",
        "lancement d’appels à projets communs chaque année",
        "joint calls for projects launched every year",
    ),
)


@dataclass(frozen=True)
class Role:
    """A role a testimonial's author holds: IRI slug, French (masculine, feminine), English."""

    slug: str
    fr_m: str
    fr_f: str
    en: str
    lab: bool = False
    student: bool = False


ROLES: tuple[Role, ...] = (
    Role(
        "professor-materials-physics",
        "professeur de physique des matériaux",
        "professeure de physique des matériaux",
        "professor of materials physics",
    ),
    Role(
        "lecturer-psychology",
        "maître de conférences en psychologie",
        "maîtresse de conférences en psychologie",
        "senior lecturer in psychology",
    ),
    Role(
        "physical-oceanographer",
        "océanographe physique",
        "océanographe physique",
        "physical oceanographer",
    ),
    Role("coastal-engineer", "ingénieur côtier", "ingénieure côtière", "coastal engineer"),
    Role("doctoral-student", "doctorant", "doctorante", "doctoral student", lab=True),
    Role("student", "étudiant", "étudiante", "student", student=True),
    Role(
        "master-student",
        "étudiant en master",
        "étudiante en master",
        "master's student",
        student=True,
    ),
    Role(
        "research-engineer",
        "ingénieur de recherche",
        "ingénieure de recherche",
        "research engineer",
        lab=True,
    ),
    Role(
        "lecturer-history",
        "maître de conférences en histoire",
        "maîtresse de conférences en histoire",
        "senior lecturer in history",
    ),
    Role(
        "professor-computer-science",
        "professeur d’informatique",
        "professeure d’informatique",
        "professor of computer science",
    ),
    Role(
        "international-officer",
        "chargé de relations internationales",
        "chargée de relations internationales",
        "international relations officer",
    ),
    Role(
        "postdoctoral-researcher",
        "chercheur postdoctoral",
        "chercheuse postdoctorale",
        "postdoctoral researcher",
        lab=True,
    ),
    Role("librarian", "bibliothécaire", "bibliothécaire", "librarian"),
)
VICE_PRESIDENT = Role(
    "vice-president-international-relations",
    "vice-président relations internationales et alliance européenne",
    "vice-présidente relations internationales et alliance européenne",
    "vice-president for international relations and the European alliance",
)
HEAD_OF_OFFICE = Role(
    "head-of-office", "responsable du pôle", "responsable du pôle", "head of office"
)

FILLER: tuple[str, ...] = (
    "À l’échelle du monde, les alliances internationales revêtent chaque jour un peu plus "
    "d’importance.",
    "Sans surprise, le monde universitaire est également concerné.",
    "C’est la raison pour laquelle les partenariats internationaux se multiplient.",
    "Nous vous proposons un tour d’horizon de tout ce que cette alliance a changé au cours des "
    "dernières années.",
    "Les établissements partenaires partagent une même ambition pour leurs étudiants.",
    "Chaque université apporte ses forces, ses laboratoires et ses territoires.",
    "Les équipes se rencontrent plusieurs fois par an pour faire le point sur les actions.",
    "Les étudiants sont associés à chaque étape des décisions de l’alliance.",
    "Cette dynamique se poursuivra au cours des prochaines années.",
    "Les premiers résultats dépassent déjà les attentes des partenaires.",
    "Les personnels administratifs jouent un rôle essentiel dans cette réussite.",
    "L’alliance s’appuie sur un réseau de correspondants dans chaque établissement.",
    "Les échanges entre les campus sont devenus une habitude pour de nombreux étudiants.",
    "Plusieurs événements ont été organisés pour faire connaître l’alliance.",
    "Cette coopération européenne ouvre de nouvelles perspectives aux chercheurs.",
    "Les partenaires ont adopté une feuille de route commune.",
    "Une charte commune fixe les valeurs partagées par les membres.",
    "Des groupes de travail thématiques réunissent des enseignants de toutes les universités.",
)

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NUMBERS_FR = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
)
NUMBERS_EN = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
ORDINALS_FR = ("première", "deuxième", "troisième", "quatrième")
ORDINALS_EN = ("first", "second", "third", "fourth")
