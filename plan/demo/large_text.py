"""Banques de phrases du grand plan de démonstration « Pays des Trois Rivières ».

Le générateur (plan/demo/large.py) les combine avec un générateur pseudo-aléatoire à graine
fixe : mêmes graine et taille, mêmes textes. Le territoire, ses communes, ses structures et
ses habitant·es sont fictifs ; les adresses utilisent le domaine réservé example.org.
"""

from __future__ import annotations

import random
import unicodedata

PLAN = {
    "slug": "grand-territoire",
    "title": "Pays des Trois Rivières — grand plan de coopération",
    "territory_name": "Pays des Trois Rivières",
    "territory_scale": "petr",
    "first_year": 2024,
    "last_year": 2029,
    "summary": (
        "Des plateaux de la Sarre-Haute aux bords de la Vionne, près de trois cents "
        "structures et des centaines d'habitant·es du Pays des Trois Rivières co-construisent "
        "un plan de coopération pour une économie plus sociale et plus solidaire. Trois défis "
        "le structurent : nourrir le territoire, travailler et se déplacer, vivre ensemble à "
        "tous les âges. Ce plan, généré pour mesurer les performances de Cap Commun, compte "
        "un millier de fiches actions, des dizaines de scrutins et dix versions publiées."
    ),
    "visibility": "public",
}

DOMAIN = "grand-territoire.example.org"

CHALLENGES = [
    {
        "position": 1,
        "title": "Nourrir le territoire : une alimentation locale, durable et accessible",
        "dimension": "environmental",
        "short": "alimentation locale",
        "description": (
            "Relocaliser la production et la transformation, approvisionner la restauration "
            "collective en produits locaux et rendre une alimentation de qualité accessible "
            "aux ménages modestes."
        ),
        "objectives": [
            ("Installer de nouveaux agriculteurs et agricultrices", "installations", "output"),
            ("Approvisionner les cantines en produits locaux", "% des achats", "result"),
            ("Réduire la précarité alimentaire", "ménages accompagnés", "impact"),
        ],
        "things": [
            "une légumerie solidaire",
            "un atelier de transformation partagé",
            "un magasin de producteurs",
            "une épicerie sociale et solidaire",
            "une plateforme logistique des circuits courts",
            "un espace test agricole",
            "des jardins partagés",
            "une conserverie coopérative",
            "un marché de plein vent",
            "une cuisine centrale bio",
            "un groupement d'achat citoyen",
            "une ferme urbaine",
            "un réseau de composteurs de quartier",
            "une halle gourmande",
            "un verger conservatoire",
            "un abattoir mobile",
            "une banque de semences paysannes",
            "un fournil coopératif",
        ],
        "audiences": [
            "les cantines scolaires",
            "les producteurs et productrices du plateau",
            "les ménages en précarité alimentaire",
            "les établissements pour personnes âgées",
            "les jeunes agriculteurs et agricultrices",
            "les restaurateurs du territoire",
            "les familles monoparentales",
            "les étudiant·es",
        ],
    },
    {
        "position": 2,
        "title": "Travailler et se déplacer : emploi, insertion et mobilités du quotidien",
        "dimension": "economic",
        "short": "emploi et mobilité",
        "description": (
            "Lever les freins d'accès à l'emploi — mobilité, garde d'enfants, formation — et "
            "développer des activités d'insertion ancrées dans les besoins du territoire."
        ),
        "objectives": [
            ("Lever les freins de mobilité vers l'emploi", "personnes transportées", "output"),
            ("Créer des emplois d'insertion durables", "emplois", "result"),
            ("Former aux métiers en tension", "personnes formées", "impact"),
        ],
        "things": [
            "une navette solidaire",
            "un garage solidaire",
            "une plateforme de covoiturage rural",
            "un chantier d'insertion",
            "une auto-école sociale",
            "un tiers-lieu de l'emploi",
            "une coopérative d'activité et d'emploi",
            "un service de location de vélos électriques",
            "une recyclerie",
            "un groupement d'employeurs",
            "une crèche à horaires atypiques",
            "un atelier de réparation de vélos",
            "une entreprise à but d'emploi",
            "un bus de l'emploi itinérant",
            "une école de production",
            "un réseau de parrainage vers l'emploi",
            "une conciergerie d'entreprises",
            "un service de transport à la demande",
        ],
        "audiences": [
            "les demandeurs et demandeuses d'emploi",
            "les jeunes sans permis",
            "les travailleurs et travailleuses saisonnier·es",
            "les allocataires du RSA",
            "les femmes éloignées de l'emploi",
            "les personnes en situation de handicap",
            "les salarié·es des zones d'activité",
            "les apprenti·es",
        ],
    },
    {
        "position": 3,
        "title": "Vivre ensemble : solidarités, santé et bien vieillir",
        "dimension": "social",
        "short": "solidarités et bien vieillir",
        "description": (
            "Repérer et accompagner les personnes isolées, rapprocher les services de santé "
            "des habitant·es et faire vivre les liens entre générations."
        ),
        "objectives": [
            ("Rompre l'isolement des personnes âgées", "personnes visitées", "output"),
            ("Rapprocher l'offre de soins des habitant·es", "consultations", "result"),
            ("Développer l'habitat inclusif", "logements", "impact"),
        ],
        "things": [
            "un réseau de visiteurs bénévoles",
            "une maison de santé pluriprofessionnelle",
            "un habitat partagé intergénérationnel",
            "un café des aidant·es",
            "un bus itinérant des services publics",
            "une plateforme de répit",
            "un atelier numérique pour les aîné·es",
            "une résidence autonomie",
            "un service de portage de repas",
            "une ludothèque itinérante",
            "un centre social rural",
            "une permanence d'accès aux droits",
            "un jardin thérapeutique",
            "une colocation solidaire",
            "un réseau de veille contre l'isolement",
            "une épicerie itinérante",
            "un lieu d'accueil enfants-parents",
            "une maison des jeunes",
        ],
        "audiences": [
            "les personnes âgées isolées",
            "les proches aidant·es",
            "les habitant·es des hameaux",
            "les familles nouvellement installées",
            "les adolescent·es",
            "les personnes sans médecin traitant",
            "les habitant·es des quartiers prioritaires",
            "les personnes en perte d'autonomie",
        ],
    },
]

VERBS = [
    "Créer",
    "Développer",
    "Structurer",
    "Lancer",
    "Essaimer",
    "Consolider",
    "Expérimenter",
    "Ouvrir",
    "Mutualiser",
    "Pérenniser",
]

COMMUNE_STEMS = [
    "Saint-Martin",
    "Villeneuve",
    "Montfort",
    "Beaulieu",
    "Chambon",
    "Roche",
    "Fontaine",
    "Bellegarde",
    "Champagnac",
    "Saint-Julien",
    "Mirabel",
    "Vaulnaveys",
    "Sainte-Colombe",
    "Pontcharra",
    "Lavaur",
]
COMMUNE_SUFFIXES = [
    "-sur-Vionne",
    "-les-Bois",
    "-en-Sarre",
    "-la-Rivière",
    "-du-Plateau",
    "-des-Prés",
]

ZONES = [
    ("Quartier des Aubépines", "internal", "Quartier prioritaire de la politique de la ville."),
    ("Vallée de la Sarre-Haute", "internal", "Hameaux dispersés, faible desserte en transports."),
    ("Plateau de Mirabel", "internal", "Population vieillissante et désert médical."),
    ("Centre-bourg de Bellegarde", "internal", "Revitalisation du centre-bourg engagée."),
    ("Bords de Vionne", "internal", "Zone inondable, activités agricoles en recul."),
    ("Pays de la Lhône", "neighbouring", "Territoire voisin, bassin d'emploi partagé."),
]

FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Jeanne",
    "Louise",
    "Nadia",
    "Aïcha",
    "Mathilde",
    "Claire",
    "Hélène",
    "Sophie",
    "Anne",
    "Fatou",
    "Martine",
    "Élodie",
    "Yasmine",
    "Margaux",
    "Lucas",
    "Hugo",
    "Thomas",
    "Nicolas",
    "Julien",
    "Karim",
    "Mehdi",
    "Antoine",
    "Pierre",
    "Paul",
    "François",
    "Olivier",
    "Bernard",
    "Mamadou",
    "Théo",
    "Romain",
    "Yann",
    "Gaël",
    "Rémi",
    "Éric",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Durand",
    "Moreau",
    "Lefèvre",
    "Garcia",
    "Roux",
    "Fournier",
    "Girard",
    "Bonnet",
    "Faure",
    "Mercier",
    "Blanc",
    "Guérin",
    "Chevalier",
    "Gauthier",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Rousseau",
    "Mathieu",
    "Benali",
    "Diallo",
    "Nguyen",
    "Ferreira",
    "Lambert",
    "Fontaine",
    "Chauvin",
    "Brunet",
    "Masson",
    "Marchand",
    "Dumas",
    "Barbier",
    "Renaud",
    "Arnaud",
    "Colin",
    "Vidal",
]

ORGANIZATION_PATTERNS = {
    "association": [
        "Association {thing} de {commune}",
        "Les Amis de {commune}",
        "{brand} — association",
        "Collectif {thing} de {commune}",
    ],
    "ess_enterprise": ["SCIC {brand}", "SCOP {brand}", "Coopérative {thing} de {commune}"],
    "local_authority": ["Commune de {commune}", "Communauté de communes de {commune}"],
    "company": ["{name} et fils", "{brand} SAS", "Établissements {name}", "{name} Services"],
    "funder": ["Fondation {thing} des Trois Rivières", "Fonds {name} pour l'innovation sociale"],
    "public_operator": ["Agence {thing} du Pays", "Maison France services de {commune}"],
    "research_training": ["Lycée agricole de {commune}", "Institut {thing} de {commune}"],
    "citizens_group": ["Collectif d'habitant·es de {commune}", "Conseil citoyen de {commune}"],
}
BRANDS = [
    "Terres Vives",
    "La Fourmilière",
    "Le Chant des Pierres",
    "Cap Vert",
    "L'Établi",
    "Tiers-Temps",
    "Les Petits Pas",
    "Roue Libre",
    "La Clé des Champs",
    "Graines d'Avenir",
    "Le Fil d'Ariane",
    "Mille Pattes",
]
ORGANIZATION_THEMES = [
    "solidaire",
    "vert",
    "des circuits courts",
    "de l'entraide",
    "des mobilités",
    "du bien vieillir",
    "des savoir-faire",
    "de la transition",
    "des jardins",
    "du lien social",
]
# Organisation kinds, in shares of 150 (the rest are associations).
ORGANIZATION_KINDS = [
    ("ess_enterprise", 20),
    ("local_authority", 20),
    ("company", 35),
    ("funder", 10),
    ("public_operator", 8),
    ("research_training", 6),
    ("citizens_group", 6),
]

CONTEXT = [
    "Sur {place}, {audience} n'ont aujourd'hui aucune solution à moins de vingt minutes.",
    "Le diagnostic partagé de 2023 a montré que {audience} sont les premiers touchés par "
    "le recul des services.",
    "Plusieurs structures portent déjà des initiatives isolées, sans moyens communs ni "
    "coordination.",
    "Les ateliers participatifs ont fait remonter ce besoin à de nombreuses reprises.",
    "Les collectivités du territoire cherchent un partenaire pour porter ce projet dans la durée.",
    "Une première expérimentation, menée en 2023, a donné des résultats encourageants.",
    "La fermeture de plusieurs commerces et services a accentué les difficultés sur {place}.",
]
OBJECTIVES_TEXT = [
    "Toucher {number} bénéficiaires d'ici la fin du plan.",
    "Rendre le service accessible à {audience} sur {place}.",
    "Stabiliser un modèle économique qui ne dépende plus des seules subventions.",
    "Créer {small} emplois non délocalisables, dont une partie en insertion.",
    "Associer les habitant·es à la gouvernance du projet.",
]
DESCRIPTION = [
    "Le projet consiste à {verb} {thing} pour {audience}.",
    "Une équipe de {small} salarié·es, appuyée par des bénévoles, assurera le fonctionnement "
    "au quotidien.",
    "Un comité de suivi réunira chaque trimestre les partenaires et des usager·es.",
    "La première année sera consacrée à l'étude de faisabilité et à la recherche de locaux.",
    "Les partenaires mettent à disposition des locaux, du matériel et du temps de coordination.",
    "Une attention particulière sera portée aux personnes les plus éloignées du numérique.",
    "Le modèle sera documenté pour pouvoir être essaimé dans les territoires voisins.",
    "Des permanences seront organisées dans les mairies des communes rurales.",
]
EXPECTED = [
    "{number} personnes accompagnées chaque année.",
    "Un service pérenne, géré par une structure de l'économie sociale et solidaire.",
    "Une baisse mesurable de l'isolement ressenti par {audience}.",
    "{small} emplois créés sur le territoire.",
    "Des partenariats durables entre collectivités, associations et entreprises.",
]
CHANGE_NOTES = [
    "Budget précisé après le comité technique.",
    "Ajout d'un partenaire financier.",
    "Calendrier décalé d'un an.",
    "Indicateurs reformulés à la demande des financeurs.",
    "Description complétée après l'atelier participatif.",
    "Public cible élargi.",
    "Prise en compte des commentaires des membres.",
    "Plan de financement mis à jour.",
]
ADDITIONS = [
    "Les retours des habitant·es ont conduit à élargir les horaires d'ouverture.",
    "Un partenariat avec le lycée agricole est désormais prévu.",
    "La phase pilote sera menée sur deux communes avant d'être étendue.",
    "Le comité de suivi intégrera deux représentant·es des usager·es.",
    "Une convention de mise à disposition des locaux a été signée.",
    "Le projet s'appuiera sur les bénévoles du réseau déjà constitué.",
]

COMMENTS = {
    "for": [
        "Très bonne idée, {audience} en ont vraiment besoin.",
        "Nous soutenons ce projet et sommes prêts à y contribuer.",
        "Enfin une réponse concrète pour {place} !",
        "C'est exactement ce qui manquait sur le territoire.",
        "Notre structure peut mettre des bénévoles à disposition.",
        "Le budget paraît réaliste au regard des premiers résultats.",
    ],
    "against": [
        "Le coût me semble disproportionné par rapport au nombre de bénéficiaires.",
        "Ce projet fait doublon avec ce qui existe déjà à {place}.",
        "Je crains que le modèle économique ne tienne pas sans subventions.",
        "Les commerçants locaux risquent d'en pâtir.",
        "On oublie encore une fois les hameaux les plus éloignés.",
    ],
    "question": [
        "Qui portera le projet une fois l'expérimentation terminée ?",
        "Quel sera le calendrier précis de mise en œuvre ?",
        "Les financements de la deuxième année sont-ils acquis ?",
        "Comment {audience} seront-ils associés à la gouvernance ?",
        "Est-ce que le service sera accessible aux personnes sans voiture ?",
    ],
    "neutral": [
        "Il faudrait préciser les indicateurs de suivi.",
        "Attention à bien coordonner avec les projets voisins.",
        "À rapprocher de la fiche sur le même sujet dans le défi voisin.",
        "Un point d'étape au prochain comité de pilotage serait utile.",
    ],
}
REPLIES = [
    "Merci pour ce retour, nous en tiendrons compte dans la prochaine version.",
    "Bonne question : nous y répondrons lors de l'atelier du mois prochain.",
    "Je partage cet avis.",
    "Ce point a été discuté en comité technique, la fiche sera précisée.",
    "Nous avons pris contact avec les structures concernées.",
]
HIDDEN_REASONS = ["Propos hors sujet.", "Message en double.", "Propos irrespectueux."]

FUNDERS = [
    ("Région", "subsidy"),
    ("Département", "subsidy"),
    ("FEADER (LEADER)", "eu_funds"),
    ("FSE+", "eu_funds"),
    ("Fondation des Trois Rivières", "financial_sponsorship"),
    ("Banque des Territoires", "subsidy"),
    ("Fonds propres du porteur", "own_funds"),
    ("Mécénat de compétences", "skills_sponsorship"),
]

BALLOT_DESCRIPTIONS = [
    "Chaque membre attribue une mention à chaque fiche. Les résultats sont publiés à la "
    "clôture et figurent dans la version suivante du plan.",
    "Scrutin préparé par le comité technique après deux mois de discussion en ligne.",
    "Les porteurs et porteuses ont présenté leurs fiches lors de l'atelier public ; les "
    "membres votent depuis leur téléphone.",
]
INTRODUCTIONS = [
    "Cette version rassemble les fiches adoptées depuis le lancement de la démarche.",
    "Cette version intègre les décisions des derniers scrutins et les fiches retravaillées.",
    "Cette version, soumise aux membres, fait le point sur l'avancement du plan.",
]


def fold_ascii(text: str) -> str:
    """« Élodie Lefèvre » → « elodie-lefevre », for e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char if char.isalnum() else "-" for char in plain).strip("-")


def communes() -> list[str]:
    return [stem + suffix for suffix in COMMUNE_SUFFIXES for stem in COMMUNE_STEMS]


class Writer:
    """Sentences drawn from the banks with one seeded generator. The words of a fiche
    (what, for whom, where) are drawn once and reused in its texts and comments."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places = communes()

    def words(self, challenge: dict) -> dict[str, str]:
        return {
            "verb": self.rng.choice(VERBS),
            "thing": self.rng.choice(challenge["things"]),
            "audience": self.rng.choice(challenge["audiences"]),
            "place": self.rng.choice(self.places),
        }

    def fill(self, template: str, words: dict[str, str]) -> str:
        return template.format(
            place=words["place"],
            audience=words["audience"],
            thing=words["thing"],
            verb=words["verb"].lower(),
            number=self.rng.randrange(40, 2000, 10),
            small=self.rng.randint(2, 12),
        )

    def paragraph(self, bank: list[str], words: dict[str, str], low: int, high: int) -> str:
        chosen = self.rng.sample(bank, self.rng.randint(low, min(high, len(bank))))
        return " ".join(self.fill(template, words) for template in chosen)

    @staticmethod
    def title(words: dict[str, str]) -> str:
        return f"{words['verb']} {words['thing']} pour {words['audience']} à {words['place']}"

    def comment(self, stance: str, words: dict[str, str]) -> str:
        first = self.fill(self.rng.choice(COMMENTS[stance]), words)
        if self.rng.random() < 0.4:
            return f"{first} {self.fill(self.rng.choice(COMMENTS['neutral']), words)}"
        return first
