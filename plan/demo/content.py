"""Contenu du plan de démonstration « Hautes-Alpes — Territoire French Impact ».

Données purement déclaratives : organisations, collèges, défis, objectifs, indicateurs,
zones et membres, puis les versions du plan et les décisions prises entre elles. Toutes
les organisations sont fictives ; les adresses e-mail et les sites web utilisent le domaine
réservé example.org.
"""

from __future__ import annotations

from datetime import datetime

PLAN = {
    "slug": "hautes-alpes",
    "title": "Hautes-Alpes — Territoire French Impact",
    "territory_name": "Hautes-Alpes",
    "territory_scale": "departement",
    "first_year": 2020,
    "last_year": 2023,
    "summary": (
        "Des vallées du Buëch au Queyras, associations, coopératives, collectivités, "
        "entreprises, financeurs et habitant·es des Hautes-Alpes co-construisent un plan "
        "stratégique pour une économie de montagne plus sociale et plus solidaire. "
        "Trois défis structurent la démarche : relocaliser l'alimentation grâce aux circuits "
        "courts, lever les freins d'accès à l'emploi et à la mobilité dans les vallées, et "
        "permettre à chacun·e de bien vieillir sans être isolé·e. Animé par l'Udess 05, le "
        "plan fixe des objectifs chiffrés et suit leurs indicateurs de 2020 à 2023."
    ),
    "visibility": "public",
    "lead_organization": "Udess 05",
}

ORGANIZATIONS = [
    # --- Associations -------------------------------------------------------------------
    {
        "name": "Udess 05",
        "kind": "association",
        "size_class": None,
        "siret": "55807302100062",
        "website": "https://udess05.example.org",
    },
    {
        "name": "Mobil'Alpes",
        "kind": "association",
        "size_class": None,
        "siret": "83681930300071",
        "website": "https://mobilalpes.example.org",
    },
    {
        "name": "Entraide Durance Solidarités",
        "kind": "association",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Le Relais des aînés du Queyras",
        "kind": "association",
        "size_class": None,
        "siret": None,
        "website": "https://relais-aines-queyras.example.org",
    },
    {
        "name": "Les Jardins de la Luye",
        "kind": "association",
        "size_class": None,
        "siret": "52621299700039",
        "website": "https://jardins-luye.example.org",
    },
    {
        "name": "Atelier vélo Roule ta bosse",
        "kind": "association",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    # --- Entreprises de l'ESS (SCOP, SCIC, coopératives) --------------------------------
    {
        "name": "Coopérative laitière du Champsaur",
        "kind": "ess_enterprise",
        "size_class": None,
        "siret": "30033224500046",
        "website": "https://laitiere-champsaur.example.org",
    },
    {
        "name": "SCIC Alpes Bois Énergie",
        "kind": "ess_enterprise",
        "size_class": None,
        "siret": None,
        "website": "https://alpes-bois-energie.example.org",
    },
    {
        "name": "SCOP Les Cuisines du Buëch",
        "kind": "ess_enterprise",
        "size_class": None,
        "siret": "93236405600030",
        "website": None,
    },
    {
        "name": "Épicerie coopérative La Cordée",
        "kind": "ess_enterprise",
        "size_class": None,
        "siret": None,
        "website": "https://lacordee-briancon.example.org",
    },
    # --- Collectivités --------------------------------------------------------------------
    {
        "name": "Commune de Veynes",
        "kind": "local_authority",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Commune de Guillestre",
        "kind": "local_authority",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Syndicat intercommunal des vallées du Champsaur",
        "kind": "local_authority",
        "size_class": None,
        "siret": "24547527700035",
        "website": "https://sivc-champsaur.example.org",
    },
    # --- État et opérateurs publics -------------------------------------------------------
    {
        "name": "Service départemental de l'emploi et des solidarités",
        "kind": "public_operator",
        "size_class": None,
        "siret": "17029313700064",
        "website": None,
    },
    {
        "name": "Plateforme d'appui gérontologique du Briançonnais",
        "kind": "public_operator",
        "size_class": None,
        "siret": None,
        "website": "https://appui-geronto-brianconnais.example.org",
    },
    {
        "name": "Office public de l'habitat alpin",
        "kind": "public_operator",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    # --- Recherche et formation -----------------------------------------------------------
    {
        "name": "Lycée agricole de la Haute-Durance",
        "kind": "research_training",
        "size_class": None,
        "siret": "14056086500077",
        "website": "https://lycee-agricole-haute-durance.example.org",
    },
    {
        "name": "Laboratoire Montagne et territoires — antenne de Gap",
        "kind": "research_training",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Centre de formation aux métiers de la montagne",
        "kind": "research_training",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    # --- Financeurs -----------------------------------------------------------------------
    {
        "name": "Fondation Alpes solidaires",
        "kind": "funder",
        "size_class": None,
        "siret": "95847195400015",
        "website": "https://fondation-alpes-solidaires.example.org",
    },
    {
        "name": "Fonds territorial d'initiative sociale 05",
        "kind": "funder",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Caisse solidaire des Alpes du Sud",
        "kind": "funder",
        "size_class": None,
        "siret": "71358952500052",
        "website": "https://caisse-solidaire-alpes-sud.example.org",
    },
    {
        "name": "Fonds de dotation Montagne partagée",
        "kind": "funder",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    # --- Entreprises ----------------------------------------------------------------------
    {
        "name": "Boulangerie paysanne du Buëch",
        "kind": "company",
        "size_class": "tpe",
        "siret": None,
        "website": None,
    },
    {
        "name": "Taxis des Écrins",
        "kind": "company",
        "size_class": "tpe",
        "siret": None,
        "website": None,
    },
    {
        "name": "Transports Durance Voyageurs",
        "kind": "company",
        "size_class": "pme",
        "siret": "91454212400088",
        "website": "https://durance-voyageurs.example.org",
    },
    {
        "name": "Menuiserie alpine de Chorges",
        "kind": "company",
        "size_class": "pme",
        "siret": None,
        "website": None,
    },
    {
        "name": "Groupe hôtelier Altitude Sud",
        "kind": "company",
        "size_class": "eti",
        "siret": "34154990900065",
        "website": "https://altitude-sud.example.org",
    },
    {
        "name": "Groupe Alpimarché",
        "kind": "company",
        "size_class": "large_group",
        "siret": None,
        "website": "https://alpimarche.example.org",
    },
    # --- Collectifs d'habitant·es ---------------------------------------------------------
    {
        "name": "Collectif citoyen Veynes en transition",
        "kind": "citizens_group",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Conseil citoyen du Haut-Gap",
        "kind": "citizens_group",
        "size_class": None,
        "siret": None,
        "website": None,
    },
    {
        "name": "Collectif des habitant·es du Dévoluy",
        "kind": "citizens_group",
        "size_class": None,
        "siret": None,
        "website": None,
    },
]

COLLEGES = [
    "Associations et ESS",
    "Collectivités et acteurs publics",
    "Entreprises",
    "Financeurs",
    "Habitant·es et citoyen·nes",
]

CHALLENGES = [
    {
        "position": 1,
        "title": "Circuits courts et agriculture de montagne",
        "dimension": "environmental",
        "description": (
            "Les exploitations de montagne des Hautes-Alpes, souvent petites et dispersées, "
            "peinent à vivre de leur production alors que l'essentiel de l'alimentation "
            "consommée dans le département vient de l'extérieur. Le plan veut reconnecter "
            "producteurs, cantines, commerces et habitant·es autour d'une alimentation locale, "
            "de saison et rémunératrice, tout en réduisant les transports et en préservant "
            "les paysages pastoraux."
        ),
        "objectives": [
            {
                "title": "Porter à 30 % la part des produits locaux en restauration collective",
                "description": (
                    "Accompagner les cantines scolaires, les EHPAD et les restaurants "
                    "administratifs dans l'évolution de leurs marchés publics, la formation "
                    "des cuisinier·es et la planification des achats avec les producteurs "
                    "du Champsaur, du Buëch et de la vallée de la Durance."
                ),
                "indicators": [
                    {
                        "name": "Part des produits locaux dans les achats alimentaires",
                        "unit": "%",
                        "kind": "result",
                        "baseline_value": "12.5",
                        "baseline_year": 2019,
                        "target_value": "30",
                        "target_year": 2023,
                        "source": "Observatoire départemental de la restauration collective",
                    },
                    {
                        "name": "Repas servis intégrant au moins un produit local",
                        "unit": "repas/an",
                        "kind": "output",
                        "baseline_value": "180000",
                        "baseline_year": 2019,
                        "target_value": "450000",
                        "target_year": 2023,
                        "source": "Déclarations des gestionnaires de restauration collective",
                    },
                ],
            },
            {
                "title": (
                    "Installer de nouvelles exploitations en circuits courts "
                    "et sécuriser celles qui existent"
                ),
                "description": (
                    "Faciliter l'accès au foncier agricole, proposer des espaces-tests et un "
                    "parrainage entre agriculteur·rices pour favoriser l'installation de "
                    "jeunes, notamment hors cadre familial, et accompagner la transmission "
                    "des fermes dans le Haut-Champsaur et le Queyras."
                ),
                "indicators": [
                    {
                        "name": "Exploitations commercialisant en circuits courts",
                        "unit": "exploitations",
                        "kind": "result",
                        "baseline_value": "310",
                        "baseline_year": 2019,
                        "target_value": "380",
                        "target_year": 2023,
                        "source": "Recensement agricole et enquête annuelle du plan",
                    },
                    {
                        "name": "Porteur·ses de projet passé·es par l'espace-test agricole",
                        "unit": "personnes",
                        "kind": "output",
                        "baseline_value": "0",
                        "baseline_year": 2019,
                        "target_value": "24",
                        "target_year": 2023,
                        "source": "Lycée agricole de la Haute-Durance",
                    },
                ],
            },
            {
                "title": "Mutualiser la logistique des produits fermiers entre vallées",
                "description": (
                    "Créer un réseau de points de collecte et de tournées partagées entre "
                    "producteurs pour acheminer les produits vers Gap, Briançon et Embrun "
                    "sans multiplier les trajets individuels sur les routes de montagne."
                ),
                "indicators": [
                    {
                        "name": "Points de collecte mutualisés en service",
                        "unit": "points de collecte",
                        "kind": "output",
                        "baseline_value": "2",
                        "baseline_year": 2019,
                        "target_value": "9",
                        "target_year": 2023,
                        "source": "Coopérative laitière du Champsaur (coordination logistique)",
                    },
                    {
                        "name": "Émissions de CO2 évitées grâce aux tournées partagées",
                        "unit": "t CO2e/an",
                        "kind": "impact",
                        "baseline_value": "0",
                        "baseline_year": 2019,
                        "target_value": "120",
                        "target_year": 2023,
                        "source": "Bilan carbone simplifié réalisé par l'Udess 05",
                    },
                ],
            },
        ],
    },
    {
        "position": 2,
        "title": "Inclusion par le travail et mobilité dans les vallées",
        "dimension": "social",
        "description": (
            "Dans un département où les distances se comptent en cols et en heures de route, "
            "l'absence de permis ou de véhicule reste l'un des premiers obstacles à l'emploi. "
            "Le plan combine solutions de mobilité solidaire, structures d'insertion par "
            "l'activité économique et permanences de proximité pour que personne ne soit "
            "exclu du travail faute de pouvoir se déplacer."
        ),
        "objectives": [
            {
                "title": "Lever le frein de la mobilité pour l'accès à l'emploi",
                "description": (
                    "Déployer la plateforme de mobilité solidaire portée par Mobil'Alpes : "
                    "diagnostic mobilité, location de véhicules et de vélos à assistance "
                    "électrique à petit prix, auto-école sociale et covoiturage organisé "
                    "entre Laragne-Montéglin, Serres, Veynes et Gap."
                ),
                "indicators": [
                    {
                        "name": "Personnes accompagnées par la plateforme de mobilité",
                        "unit": "personnes",
                        "kind": "output",
                        "baseline_value": "140",
                        "baseline_year": 2019,
                        "target_value": "600",
                        "target_year": 2023,
                        "source": "Mobil'Alpes — rapport d'activité annuel",
                    },
                    {
                        "name": "Part des personnes en emploi ou en formation six mois après",
                        "unit": "%",
                        "kind": "result",
                        "baseline_value": "38",
                        "baseline_year": 2019,
                        "target_value": "55",
                        "target_year": 2023,
                        "source": "Enquête de suivi à six mois de Mobil'Alpes",
                    },
                ],
            },
            {
                "title": "Développer l'insertion par l'activité économique dans les vallées",
                "description": (
                    "Soutenir la création de chantiers et d'entreprises d'insertion dans les "
                    "filières locales (maraîchage, bois-énergie, réemploi, restauration) et "
                    "renforcer les partenariats avec les entreprises du territoire pour "
                    "faciliter les sorties vers l'emploi durable."
                ),
                "indicators": [
                    {
                        "name": "Postes en insertion conventionnés",
                        "unit": "ETP",
                        "kind": "output",
                        "baseline_value": "210",
                        "baseline_year": 2019,
                        "target_value": "280",
                        "target_year": 2023,
                        "source": "Service départemental de l'emploi et des solidarités",
                    },
                    {
                        "name": "Taux de sorties dynamiques des salarié·es en insertion",
                        "unit": "%",
                        "kind": "result",
                        "baseline_value": "47",
                        "baseline_year": 2019,
                        "target_value": "60",
                        "target_year": 2023,
                        "source": "Bilans annuels des structures d'insertion",
                    },
                ],
            },
            {
                "title": "Mailler les vallées de permanences emploi itinérantes",
                "description": (
                    "Organiser, avec les communes et les tiers-lieux, des permanences "
                    "régulières d'accompagnement vers l'emploi et l'accès aux droits dans "
                    "les bourgs éloignés : Guillestre, L'Argentière-la-Bessée, Savines-le-Lac, "
                    "Saint-Bonnet-en-Champsaur et le Dévoluy."
                ),
                "indicators": [
                    {
                        "name": "Permanences itinérantes tenues chaque mois",
                        "unit": "permanences/mois",
                        "kind": "output",
                        "baseline_value": "6",
                        "baseline_year": 2019,
                        "target_value": "20",
                        "target_year": 2023,
                        "source": "Tableau de bord partagé des permanences",
                    },
                ],
            },
        ],
    },
    {
        "position": 3,
        "title": "Bien vieillir et rompre l'isolement",
        "dimension": "civic",
        "description": (
            "Les Hautes-Alpes comptent une part croissante de personnes âgées, souvent seules "
            "dans des hameaux difficiles d'accès, surtout en hiver. Le plan mise sur "
            "l'engagement des habitant·es, la coopération entre associations, communes et "
            "professionnel·les du soin, et l'adaptation de l'habitat pour permettre à chacun·e "
            "de vieillir chez soi, en lien avec les autres."
        ),
        "objectives": [
            {
                "title": "Constituer des équipes citoyennes de visite et de voisinage",
                "description": (
                    "Recruter, former et accompagner des bénévoles de proximité qui rendent "
                    "visite aux personnes âgées isolées, repèrent les situations de fragilité "
                    "et les relient aux services existants, en s'appuyant sur les associations "
                    "locales et les collectifs d'habitant·es."
                ),
                "indicators": [
                    {
                        "name": "Bénévoles formé·es et actif·ves dans les équipes de visite",
                        "unit": "bénévoles",
                        "kind": "output",
                        "baseline_value": "45",
                        "baseline_year": 2019,
                        "target_value": "200",
                        "target_year": 2023,
                        "source": "Le Relais des aînés du Queyras et associations partenaires",
                    },
                    {
                        "name": "Personnes âgées isolées visitées au moins deux fois par mois",
                        "unit": "personnes",
                        "kind": "result",
                        "baseline_value": "120",
                        "baseline_year": 2019,
                        "target_value": "500",
                        "target_year": 2023,
                        "source": "Registre partagé des équipes citoyennes",
                    },
                ],
            },
            {
                "title": "Adapter les logements et développer l'habitat inclusif",
                "description": (
                    "Accélérer l'adaptation des logements au vieillissement (accessibilité, "
                    "chauffage, domotique simple) et ouvrir de petites unités d'habitat "
                    "inclusif dans les centres-bourgs, à proximité des commerces et des "
                    "services."
                ),
                "indicators": [
                    {
                        "name": "Logements adaptés au vieillissement",
                        "unit": "logements",
                        "kind": "output",
                        "baseline_value": "60",
                        "baseline_year": 2019,
                        "target_value": "240",
                        "target_year": 2023,
                        "source": "Office public de l'habitat alpin",
                    },
                    {
                        "name": "Places ouvertes en habitat inclusif",
                        "unit": "places",
                        "kind": "output",
                        "baseline_value": "0",
                        "baseline_year": 2019,
                        "target_value": "36",
                        "target_year": 2023,
                        "source": "Plateforme d'appui gérontologique du Briançonnais",
                    },
                ],
            },
            {
                "title": "Réduire le sentiment de solitude des personnes de 75 ans et plus",
                "description": (
                    "Mesurer dans la durée l'effet conjugué des actions du plan sur la "
                    "qualité de vie des aîné·es, grâce à une enquête répétée auprès d'un "
                    "échantillon représentatif des personnes de 75 ans et plus."
                ),
                "indicators": [
                    {
                        "name": "Part des 75 ans et plus déclarant se sentir souvent seul·es",
                        "unit": "%",
                        "kind": "impact",
                        "baseline_value": "27",
                        "baseline_year": 2019,
                        "target_value": "20",
                        "target_year": 2023,
                        "source": "Baromètre départemental de l'isolement des aîné·es",
                    },
                ],
            },
        ],
    },
]

ZONES = [
    {
        "name": "Haut-Champsaur",
        "kind": "internal",
        "rationale": (
            "Territoire pilote du plan : forte présence de l'élevage laitier, hameaux "
            "dispersés et population vieillissante en font un terrain d'expérimentation "
            "privilégié pour les circuits courts et les équipes citoyennes de visite."
        ),
    },
    {
        "name": "Vallée de l'Ubaye",
        "kind": "neighbouring",
        "rationale": (
            "Vallée voisine des Alpes-de-Haute-Provence, reliée aux Hautes-Alpes par le lac de "
            "Serre-Ponçon : les coopérations sur la logistique des produits fermiers et la "
            "mobilité des saisonnier·es dépassent la limite départementale."
        ),
    },
]

MEMBERS = [
    # --- Comptes de démonstration -----------------------------------------------------
    {
        "email": "coordinatrice@example.org",
        "display_name": "Claire Eyraud",
        "role": "coordinator",
        "college": "Associations et ESS",
        "organization": "Udess 05",
    },
    {
        "email": "animateur@example.org",
        "display_name": "Julien Chabrand",
        "role": "facilitator",
        "college": "Associations et ESS",
        "organization": "Mobil'Alpes",
    },
    {
        "email": "contributrice@example.org",
        "display_name": "Sophie Blanc",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": "Collectif citoyen Veynes en transition",
    },
    # --- Associations et ESS ----------------------------------------------------------
    {
        "email": "helene.garcin@example.org",
        "display_name": "Hélène Garcin",
        "role": "contributor",
        "college": "Associations et ESS",
        "organization": "Entraide Durance Solidarités",
    },
    {
        "email": "mathieu.reynaud@example.org",
        "display_name": "Mathieu Reynaud",
        "role": "contributor",
        "college": "Associations et ESS",
        "organization": "Coopérative laitière du Champsaur",
    },
    {
        "email": "nadia.bensalem@example.org",
        "display_name": "Nadia Bensalem",
        "role": "contributor",
        "college": "Associations et ESS",
        "organization": "Les Jardins de la Luye",
    },
    {
        "email": "pierre.achard@example.org",
        "display_name": "Pierre Achard",
        "role": "contributor",
        "college": "Associations et ESS",
        "organization": "SCIC Alpes Bois Énergie",
    },
    {
        "email": "lucie.borel@example.org",
        "display_name": "Lucie Borel",
        "role": "facilitator",
        "college": "Associations et ESS",
        "organization": "Le Relais des aînés du Queyras",
    },
    {
        "email": "thomas.disdier@example.org",
        "display_name": "Thomas Disdier",
        "role": "contributor",
        "college": "Associations et ESS",
        "organization": "SCOP Les Cuisines du Buëch",
    },
    {
        "email": "anais.pellegrin@example.org",
        "display_name": "Anaïs Pellegrin",
        "role": "observer",
        "college": "Associations et ESS",
        "organization": "Épicerie coopérative La Cordée",
    },
    # --- Collectivités et acteurs publics ---------------------------------------------
    {
        "email": "bernard.allemand@example.org",
        "display_name": "Bernard Allemand",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Commune de Veynes",
    },
    {
        "email": "sandrine.faure@example.org",
        "display_name": "Sandrine Faure",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Commune de Guillestre",
    },
    {
        "email": "olivier.davin@example.org",
        "display_name": "Olivier Davin",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Syndicat intercommunal des vallées du Champsaur",
    },
    {
        "email": "isabelle.martinez@example.org",
        "display_name": "Isabelle Martinez",
        "role": "facilitator",
        "college": "Collectivités et acteurs publics",
        "organization": "Service départemental de l'emploi et des solidarités",
    },
    {
        "email": "francois.chaix@example.org",
        "display_name": "François Chaix",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Plateforme d'appui gérontologique du Briançonnais",
    },
    {
        "email": "celine.roux@example.org",
        "display_name": "Céline Roux",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Office public de l'habitat alpin",
    },
    {
        "email": "antoine.jullien@example.org",
        "display_name": "Antoine Jullien",
        "role": "contributor",
        "college": "Collectivités et acteurs publics",
        "organization": "Lycée agricole de la Haute-Durance",
    },
    {
        "email": "marion.escallier@example.org",
        "display_name": "Marion Escallier",
        "role": "observer",
        "college": "Collectivités et acteurs publics",
        "organization": "Laboratoire Montagne et territoires — antenne de Gap",
    },
    # --- Entreprises ------------------------------------------------------------------
    {
        "email": "gilles.bonnafoux@example.org",
        "display_name": "Gilles Bonnafoux",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Boulangerie paysanne du Buëch",
    },
    {
        "email": "karim.haddad@example.org",
        "display_name": "Karim Haddad",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Taxis des Écrins",
    },
    {
        "email": "emilie.arnaud@example.org",
        "display_name": "Émilie Arnaud",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Transports Durance Voyageurs",
    },
    {
        "email": "laurent.tron@example.org",
        "display_name": "Laurent Tron",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Menuiserie alpine de Chorges",
    },
    {
        "email": "valerie.silvestre@example.org",
        "display_name": "Valérie Silvestre",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Groupe hôtelier Altitude Sud",
    },
    {
        "email": "stephane.richard@example.org",
        "display_name": "Stéphane Richard",
        "role": "observer",
        "college": "Entreprises",
        "organization": "Groupe Alpimarché",
    },
    {
        "email": "chloe.motte@example.org",
        "display_name": "Chloé Motte",
        "role": "contributor",
        "college": "Entreprises",
        "organization": "Transports Durance Voyageurs",
    },
    # --- Financeurs -------------------------------------------------------------------
    {
        "email": "catherine.vallon@example.org",
        "display_name": "Catherine Vallon",
        "role": "contributor",
        "college": "Financeurs",
        "organization": "Fondation Alpes solidaires",
    },
    {
        "email": "philippe.rolland@example.org",
        "display_name": "Philippe Rolland",
        "role": "contributor",
        "college": "Financeurs",
        "organization": "Fonds territorial d'initiative sociale 05",
    },
    {
        "email": "sarah.benoit@example.org",
        "display_name": "Sarah Benoît",
        "role": "contributor",
        "college": "Financeurs",
        "organization": "Caisse solidaire des Alpes du Sud",
    },
    {
        "email": "vincent.para@example.org",
        "display_name": "Vincent Para",
        "role": "observer",
        "college": "Financeurs",
        "organization": "Fonds de dotation Montagne partagée",
    },
    {
        "email": "agnes.brun@example.org",
        "display_name": "Agnès Brun",
        "role": "contributor",
        "college": "Financeurs",
        "organization": "Caisse solidaire des Alpes du Sud",
    },
    {
        "email": "nicolas.gondre@example.org",
        "display_name": "Nicolas Gondre",
        "role": "contributor",
        "college": "Financeurs",
        "organization": "Fondation Alpes solidaires",
    },
    # --- Habitant·es et citoyen·nes ---------------------------------------------------
    {
        "email": "jeanne.ranguis@example.org",
        "display_name": "Jeanne Ranguis",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": "Conseil citoyen du Haut-Gap",
    },
    {
        "email": "marc.eymard@example.org",
        "display_name": "Marc Eymard",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": "Collectif des habitant·es du Dévoluy",
    },
    {
        "email": "fatima.ouali@example.org",
        "display_name": "Fatima Ouali",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": "Conseil citoyen du Haut-Gap",
    },
    {
        "email": "robert.michel@example.org",
        "display_name": "Robert Michel",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": None,
    },
    {
        "email": "manon.vincent@example.org",
        "display_name": "Manon Vincent",
        "role": "contributor",
        "college": "Habitant·es et citoyen·nes",
        "organization": "Collectif citoyen Veynes en transition",
    },
    {
        "email": "yves.bernard@example.org",
        "display_name": "Yves Bernard",
        "role": "observer",
        "college": "Habitant·es et citoyen·nes",
        "organization": None,
    },
]

ADMIN = {"email": "admin@example.org", "display_name": "Administration Cap Commun"}

# --- Versions du plan -------------------------------------------------------------------
# La version 1 est consolidée après les trois scrutins du printemps 2021 (ballots.py) et
# validée par le bureau de l'Udess 05. Le comité de pilotage du 17 juin 2021 adopte ensuite
# la fiche 3.1 (scrutin 4) et relève l'objectif 1.1 (FRAME_CHANGES_AFTER_VERSION_1) ; la
# version 2, qui en tient compte, reste un brouillon. Dates en heure UTC.

VERSION_1 = {
    "author": "coordinatrice@example.org",
    "status": "validated",
    "created_at": datetime(2021, 5, 25, 8, 0),
    "published_at": datetime(2021, 5, 31, 16, 0),
    "introduction": (
        "Voici la première version du plan stratégique « Hautes-Alpes — Territoire French "
        "Impact ». Elle rassemble les trois actions que les membres du collectif ont "
        "adoptées au printemps 2021 : la formation des cuisinier·es et des acheteurs publics "
        "aux produits locaux (1.2), le maraîchage d'insertion des Jardins de la Luye pour "
        "les cantines de Gap (1.8) et l'auto-école sociale de Gap et du Laragnais (2.3).\n\n"
        "Ces choix sont le fruit de trois temps de co-construction : l'atelier public du "
        "12 mars à Veynes, où des habitant·es venu·es sans compte ont voté à main levée, le "
        "forum en ligne du 10 avril, qui a classé les priorités du Défi 1, et la "
        "consultation en ligne de mai. Chaque action adoptée figure dans la version de sa "
        "fiche qui a été soumise au vote, avec son résultat et son explication. Les fiches "
        "à retravailler — la légumerie solidaire du Buëch et la navette Embrun–Savines — "
        "sont présentées en annexe : elles reviendront au vote une fois amendées.\n\n"
        "Le Défi 3 « Bien vieillir et rompre l'isolement » n'a pas encore d'action "
        "adoptée : ses premières fiches seront examinées par le comité de pilotage de juin. "
        "Sept engagements d'entreprises et de coopératives accompagnent déjà le plan.\n\n"
        "Le bureau de l'Udess 05, chef de file, a validé cette version le 31 mai 2021. Elle "
        "sert de base au dossier de candidature au label Territoire French Impact."
    ),
    "changelog": (
        "Première version publiée du plan : trois actions adoptées (1.2, 1.8 et 2.3), deux "
        "actions à retravailler en annexe (1.1 et 2.2) et sept engagements d'entreprises."
    ),
}

# Décisions du comité de pilotage du 17 juin 2021 sur le cadre du plan. « objective » est
# l'index de l'objectif dans son défi ; « indicators » associe l'index d'un indicateur de
# cet objectif à ses changements.
FRAME_CHANGES_AFTER_VERSION_1 = [
    {
        "challenge": 1,
        "objective": 0,
        "changes": {
            "title": "Porter à 35 % la part des produits locaux en restauration collective",
        },
        "indicators": {0: {"target_value": "35"}},
    },
]

# Après la version 1, la navette 2.2 (à retravailler : le collège Entreprises y voyait une
# concurrence) est amendée avec les taxis ; la version 2 montre la fiche amendée en annexe.
AMENDMENT_AFTER_VERSION_1 = {
    "reference": "2.2",
    "author": "karim.haddad@example.org",
    "rationale": (
        "Pour lever l'opposition du collège Entreprises : la navette ne roule qu'aux heures "
        "où aucun taxi conventionné n'assure la liaison, et les taxis locaux sont associés."
    ),
    "description_addition": (
        "6. Convention avec les taxis conventionnés de l'Embrunais : la navette ne circule "
        "qu'aux heures où aucun taxi n'assure la liaison, et les courses qu'elle ne peut pas "
        "faire leur sont confiées."
    ),
    "decision_reason": "Accepté : c'est la condition posée par le collège Entreprises.",
}

VERSION_2 = {
    "author": "coordinatrice@example.org",
    "built_at": datetime(2021, 6, 24, 9, 0),
    "introduction": (
        "Cette deuxième version, encore en préparation, tient compte des décisions du comité "
        "de pilotage du 17 juin 2021.\n\n"
        "Le Défi 3 « Bien vieillir et rompre l'isolement » y trouve sa première action : les "
        "équipes citoyennes de visite du Queyras et du Guillestrois (3.1), adoptées par "
        "consentement une fois précisé le rôle des bénévoles, qui signalent une inquiétude "
        "sans rien évaluer eux-mêmes. Le projet d'habitat inclusif de Guillestre (3.4) "
        "rejoint l'annexe : une objection reste à résoudre sur l'accueil des personnes "
        "handicapées vieillissantes.\n\n"
        "Le comité a aussi relevé l'ambition du Défi 1. Les premières mesures de "
        "l'Observatoire départemental de la restauration collective montrant que l'objectif "
        "de 30 % de produits locaux serait atteint avant 2023, il l'a porté à 35 % ; les "
        "fiches 1.2 et 1.8, qui servent cet objectif, le citent sous son nouvel intitulé.\n\n"
        "Trois nouveaux engagements d'entreprises complètent le tour de table, dont deux en "
        "faveur des équipes de visite. Le vote en ligne sur les autres fiches du Défi 3 est "
        "en cours : cette version sera reconsolidée à sa clôture, puis soumise à l'ensemble "
        "des membres avant sa publication."
    ),
    "changelog": (
        "Par rapport à la version 1 :\n\n"
        "- Action ajoutée : 3.1 « Équipes citoyennes de visite du Queyras et du "
        "Guillestrois », adoptée par consentement au comité de pilotage du 17 juin 2021.\n"
        "- Annexe : 3.4 « Habitat inclusif dans l'ancienne gendarmerie de Guillestre » est "
        "à retravailler (une objection n'est pas résolue).\n"
        "- Objectif 1.1 reformulé : « Porter à 35 % la part des produits locaux en "
        "restauration collective » (30 % auparavant). Les fiches 1.2 et 1.8, rattachées à "
        "cet objectif, en reprennent le nouvel intitulé, comme la fiche 1.1 en annexe.\n"
        "- Indicateur « Part des produits locaux dans les achats alimentaires » : cible 2023 "
        "relevée de 30 % à 35 %.\n"
        "- Annexe : la fiche 2.2 « Navette solidaire Embrun–Savines » est amendée (convention "
        "avec les taxis conventionnés de l'Embrunais), avant de revenir au vote.\n"
        "- Engagements d'entreprises : trois nouveaux engagements, de Taxis des Écrins et du "
        "Groupe hôtelier Altitude Sud pour l'action 3.1, et de Transports Durance Voyageurs "
        "pour le plan dans son ensemble."
    ),
}
