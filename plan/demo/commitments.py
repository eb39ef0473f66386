"""Engagements d'entreprises du plan de démonstration « Hautes-Alpes — Territoire French
Impact ».

Données purement déclaratives, complément de content.py et actions.py : dix engagements
pris en 2021 par des entreprises de toutes tailles (deux TPE, deux PME, une ETI, un grand
groupe) et par une coopérative, couvrant les cinq types d'engagement. Certains portent sur
une action adoptée, d'autres sur le plan dans son ensemble.

Conventions :

- « organization » est le nom exact d'une organisation de content.ORGANIZATIONS ;
- « action » est la référence d'une fiche (« 1.8 ») ou None pour un engagement envers le
  plan dans son ensemble ;
- « kind » : csr (RSE), financial_sponsorship (mécénat financier), skills_sponsorship
  (mécénat de compétences), partnership (partenariat), responsible_purchasing (achats
  responsables) ;
- « valuation » est la valorisation en euros (None : non chiffrée) ;
- « made_at » date l'engagement (heure UTC) : les engagements antérieurs à la version 1
  du plan y figurent, les suivants n'apparaissent qu'à partir de la version 2 ;
- « recorded_by » est l'adresse exacte (content.MEMBERS) de qui l'a saisi.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

COMMITMENTS: list[dict[str, Any]] = [
    # --- Avant la version 1 (printemps 2021) -------------------------------------------
    {
        "organization": "Groupe Alpimarché",
        "action": "1.8",
        "kind": "responsible_purchasing",
        "description": (
            "Les trois supermarchés Alpimarché de Gap achètent chaque semaine 400 kg de "
            "légumes de saison aux Jardins de la Luye, à un prix garanti fixé pour l'année, "
            "et les présentent dans un rayon « Produit ici, en insertion »."
        ),
        "valuation": 45_000,
        "made_at": datetime(2021, 3, 29, 9, 0),
        "recorded_by": "animateur@example.org",
    },
    {
        "organization": "Groupe Alpimarché",
        "action": None,
        "kind": "financial_sponsorship",
        "description": (
            "Mécénat de 20 000 € par an, de 2021 à 2023, versé à la Fondation Alpes "
            "solidaires pour le fonds d'amorçage des actions du plan."
        ),
        "valuation": 60_000,
        "made_at": datetime(2021, 3, 29, 9, 30),
        "recorded_by": "coordinatrice@example.org",
    },
    {
        "organization": "Groupe hôtelier Altitude Sud",
        "action": "1.2",
        "kind": "skills_sponsorship",
        "description": (
            "Deux chef·fes de cuisine du groupe animent six journées de formation par an pour "
            "les cuisinier·es des cantines : cuisiner les légumes bruts de saison, composer "
            "des menus avec les produits du Champsaur, réduire le gaspillage."
        ),
        "valuation": 9_600,
        "made_at": datetime(2021, 5, 20, 14, 0),
        "recorded_by": "animateur@example.org",
    },
    {
        "organization": "Transports Durance Voyageurs",
        "action": "2.3",
        "kind": "partnership",
        "description": (
            "Prêt d'un autocar et d'un moniteur pour préparer au permis D les élèves de "
            "l'auto-école sociale ; stage dans l'entreprise et embauche d'au moins deux "
            "conducteur·rices par an à l'issue de la formation."
        ),
        "valuation": 15_000,
        "made_at": datetime(2021, 4, 6, 10, 0),
        "recorded_by": "animateur@example.org",
    },
    {
        "organization": "Boulangerie paysanne du Buëch",
        "action": None,
        "kind": "csr",
        "description": (
            "Charte RSE de la boulangerie : farine de blé du Buëch moulue à la ferme, "
            "invendus donnés chaque soir à l'épicerie solidaire de Laragne, une place "
            "d'apprentissage réservée chaque année à un·e jeune suivi·e par la mission locale."
        ),
        "valuation": None,
        "made_at": datetime(2021, 4, 12, 16, 0),
        "recorded_by": "animateur@example.org",
    },
    {
        "organization": "Menuiserie alpine de Chorges",
        "action": None,
        "kind": "partnership",
        "description": (
            "Accueil chaque année de quatre stagiaires des chantiers d'insertion du "
            "territoire et priorité d'embauche à compétences égales ; fourniture à prix "
            "coûtant du bois des Alpes pour les aménagements des tiers-lieux du plan."
        ),
        "valuation": 8_000,
        "made_at": datetime(2021, 5, 11, 8, 30),
        "recorded_by": "coordinatrice@example.org",
    },
    {
        "organization": "Coopérative laitière du Champsaur",
        "action": "1.2",
        "kind": "partnership",
        "description": (
            "Visites de la laiterie pour les cuisinier·es en formation et produits laitiers "
            "fournis gratuitement pour les ateliers de cuisine ; la coopérative adapte ses "
            "conditionnements aux besoins de la restauration collective."
        ),
        "valuation": 2_400,
        "made_at": datetime(2021, 5, 20, 14, 30),
        "recorded_by": "animateur@example.org",
    },
    # --- Après la version 1 (comité de pilotage du 17 juin 2021 et au-delà) -----------
    {
        "organization": "Taxis des Écrins",
        "action": "3.1",
        "kind": "skills_sponsorship",
        "description": (
            "Deux après-midi par mois, de novembre à mars, les chauffeur·ses conduisent "
            "gracieusement les bénévoles des équipes de visite vers les hameaux isolés du "
            "Queyras quand les routes sont enneigées."
        ),
        "valuation": 3_200,
        "made_at": datetime(2021, 6, 24, 9, 0),
        "recorded_by": "animateur@example.org",
    },
    {
        "organization": "Groupe hôtelier Altitude Sud",
        "action": "3.1",
        "kind": "financial_sponsorship",
        "description": (
            "Arrondi solidaire proposé aux client·es des hôtels du groupe à Briançon et à "
            "Guillestre, reversé aux équipes citoyennes de visite pour la formation des "
            "bénévoles et leurs frais de déplacement (montant estimé pour 2021–2023)."
        ),
        "valuation": 7_500,
        "made_at": datetime(2021, 7, 2, 11, 0),
        "recorded_by": "coordinatrice@example.org",
    },
    {
        "organization": "Transports Durance Voyageurs",
        "action": None,
        "kind": "csr",
        "description": (
            "Plan de mobilité employeur : covoiturage organisé entre les dépôts de Gap et "
            "d'Embrun, conversion de deux autocars au biogaz d'ici 2023, et bilan annuel de "
            "ses engagements présenté au comité de pilotage du plan."
        ),
        "valuation": None,
        "made_at": datetime(2021, 9, 14, 15, 0),
        "recorded_by": "animateur@example.org",
    },
]
