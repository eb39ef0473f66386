"""Fiches actions du plan de démonstration « Hautes-Alpes — Territoire French Impact ».

Données purement déclaratives, complément de content.py : vingt-six fiches actions réparties
entre les trois défis (neuf, neuf et huit), chacune avec ses révisions successives, les
commentaires et réponses des membres, les amendements proposés et leur sort.

Conventions :

- « challenge » est la position du défi (1, 2 ou 3) ; les actions sont numérotées 1.1, 1.2…
  dans l'ordre de la liste, défi par défi ;
- « objectives » donne les index (0, 1, 2) des objectifs du défi dans content.CHALLENGES ;
- organisations, zones et auteur·rices sont désigné·es par leur nom ou leur adresse exacte
  dans content.ORGANIZATIONS, content.ZONES et content.MEMBERS ;
- la première révision porte le contenu complet (« content ») ; les suivantes et les
  amendements ne portent que les champs modifiés (« changes ») ;
- « merged_into » vaut (défi, index de l'action dans ce défi), par exemple (2, 1) pour la
  fiche 2.2, quand la fiche a été fusionnée dans une autre.
"""

ACTIONS = [
    # =====================================================================================
    # Défi 1 — Circuits courts et agriculture de montagne
    # =====================================================================================
    # --- 1.1 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "thomas.disdier@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "thomas.disdier@example.org",
                "change_note": "",
                "content": {
                    "title": "Légumerie solidaire du Buëch pour la restauration collective",
                    "objectives": [0],
                    "context": (
                        "Les cantines des écoles et collèges du Buëch et du Laragnais achètent "
                        "encore plus de 85 % de leurs légumes à des grossistes situés hors du "
                        "département. Les maraîcher·es du Buëch produisent pourtant des volumes "
                        "suffisants, mais aucun outil local ne permet de laver, éplucher et "
                        "découper les légumes au format attendu par les cuisines collectives."
                    ),
                    "objectives_text": (
                        "Fournir aux cantines du Buëch, de Veynes et de Gap des légumes locaux "
                        "prêts à l'emploi, à un prix compatible avec leurs budgets, et offrir "
                        "un débouché régulier à une quinzaine de maraîcher·es."
                    ),
                    "description": (
                        "1. Aménager une légumerie de 250 m² dans les locaux de la SCOP à "
                        "Serres (2021).\n"
                        "2. Contractualiser des volumes annuels avec les maraîcher·es du Buëch "
                        "et de la vallée de la Durance.\n"
                        "3. Proposer aux gestionnaires de cantines un catalogue de saison et "
                        "des commandes hebdomadaires.\n"
                        "4. Recruter et former quatre salarié·es, dont deux en parcours "
                        "d'insertion.\n"
                        "5. Mesurer chaque année la part de produits locaux dans les repas "
                        "servis par les cantines clientes."
                    ),
                    "expected_results": (
                        "- 60 tonnes de légumes locaux transformées par an à partir de 2022\n"
                        "- 25 restaurants collectifs approvisionnés\n"
                        "- 4 emplois créés, dont 2 en insertion"
                    ),
                    "lead_organization": "SCOP Les Cuisines du Buëch",
                    "lead_contact": "Thomas Disdier, cogérant de la SCOP",
                    "partners": [
                        {"organization": "Les Jardins de la Luye", "role": "technical"},
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                        {"organization": "Commune de Veynes", "role": "political"},
                    ],
                    "target_audiences": (
                        "Restaurants scolaires, EHPAD et restaurants administratifs du Buëch, "
                        "du Laragnais et de Gap ; maraîcher·es du Buëch"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 185_000},
                        {"year": 2021, "kind": "operating", "amount": 42_000},
                        {"year": 2022, "kind": "operating", "amount": 68_000},
                        {"year": 2023, "kind": "operating", "amount": 60_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 90_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 55_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 50_000,
                            "status": "requested",
                        },
                        {
                            "funder": "SCOP Les Cuisines du Buëch",
                            "nature": "own_funds",
                            "amount": 60_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Légumes locaux transformés",
                            "unit": "t/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "60",
                        },
                        {
                            "name": "Restaurants collectifs clients",
                            "unit": "restaurants",
                            "kind": "output",
                            "baseline": "0",
                            "target": "25",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "thomas.disdier@example.org",
                "change_note": "Investissement actualisé d'après les devis reçus en mars 2021",
                "changes": {
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 198_000},
                        {"year": 2021, "kind": "operating", "amount": 42_000},
                        {"year": 2022, "kind": "operating", "amount": 68_000},
                        {"year": 2023, "kind": "operating", "amount": 60_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 98_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 60_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 80_000,
                            "status": "requested",
                        },
                        {
                            "funder": "SCOP Les Cuisines du Buëch",
                            "nature": "own_funds",
                            "amount": 90_000,
                            "status": "secured",
                        },
                    ],
                },
            },
            {
                "author": "coordinatrice@example.org",
                "change_note": "Indicateur de résultat ajouté après le comité technique",
                "changes": {
                    "indicators": [
                        {
                            "name": "Légumes locaux transformés",
                            "unit": "t/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "60",
                        },
                        {
                            "name": "Restaurants collectifs clients",
                            "unit": "restaurants",
                            "kind": "output",
                            "baseline": "0",
                            "target": "25",
                        },
                        {
                            "name": "Part des produits locaux dans les achats des cantines "
                            "clientes",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "9",
                            "target": "35",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "gilles.bonnafoux@example.org",
                "stance": "for",
                "body": (
                    "Enfin l'outil qui manque au Buëch depuis des années. Nos tournées de pain "
                    "passent déjà par Serres et Veynes le matin : nous pourrions **mutualiser "
                    "les livraisons** vers les cantines."
                ),
                "replies": [
                    {
                        "author": "thomas.disdier@example.org",
                        "stance": "neutral",
                        "body": (
                            "Avec plaisir : on l'inscrit à l'ordre du jour du prochain groupe "
                            "logistique, avec la coopérative laitière."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "sarah.benoit@example.org",
                "stance": "question",
                "body": (
                    "À partir de quel volume la légumerie atteint-elle son équilibre "
                    "d'exploitation ? Le plan de financement suppose-t-il déjà les 25 cantines "
                    "dès 2022 ?"
                ),
                "replies": [
                    {
                        "author": "thomas.disdier@example.org",
                        "stance": "neutral",
                        "body": (
                            "L'équilibre est atteint vers 45 t/an, soit environ 18 cantines. "
                            "Nous en avons 11 engagées par lettre d'intention ; le budget 2022 "
                            "prévoit une montée en charge progressive."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "robert.michel@example.org",
                "stance": "against",
                "body": (
                    "Je crains que la légumerie ne fasse concurrence aux petits maraîchers qui "
                    "livrent déjà en direct les cantines de Serres et de Veynes. Sans prix "
                    "plancher garanti, ce sont eux qui paieront la baisse des coûts."
                ),
                "replies": [
                    {
                        "author": "thomas.disdier@example.org",
                        "stance": "neutral",
                        "body": (
                            "Les prix seront fixés dans une charte co-écrite avec les "
                            "producteurs, avec un **prix plancher annuel**. Les ventes directes "
                            "existantes restent prioritaires : la légumerie ne démarche que les "
                            "cantines qui n'achètent pas encore local."
                        ),
                    },
                    {
                        "author": "robert.michel@example.org",
                        "stance": "neutral",
                        "body": "Merci, c'est rassurant si la charte est publiée.",
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "anais.pellegrin@example.org",
                "stance": "neutral",
                "body": (
                    "Les épiceries coopératives seraient preneuses de légumes épluchés et "
                    "sous vide en petites quantités, par exemple pour les soupes d'hiver."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "antoine.jullien@example.org",
                "stance": "for",
                "body": (
                    "Le lycée agricole peut accueillir à la légumerie les élèves du BTS "
                    "« Développement, animation des territoires ruraux » en stage, et tester "
                    "avec vous des variétés adaptées à l'altitude."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "olivier.davin@example.org",
                "stance": "question",
                "body": "Les cantines du Champsaur pourront-elles aussi être livrées ?",
                "replies": [
                    {
                        "author": "mathieu.reynaud@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui, via les tournées mutualisées de l'action 1.5 : le camion "
                            "frigorifique remonte de Gap à Saint-Bonnet-en-Champsaur chaque "
                            "mardi et vendredi."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "isabelle.martinez@example.org",
                "rationale": (
                    "Les deux postes en insertion doivent être conventionnés au titre de "
                    "l'insertion par l'activité économique : le Service départemental peut "
                    "alors financer les aides au poste et doit figurer parmi les partenaires."
                ),
                "status": "accepted",
                "decision_reason": (
                    "Accepté par le pilote : le conventionnement sécurise le financement des "
                    "deux postes."
                ),
                "changes": {
                    "partners": [
                        {"organization": "Les Jardins de la Luye", "role": "technical"},
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                        {"organization": "Commune de Veynes", "role": "political"},
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                    ],
                },
            },
            {
                "author": "robert.michel@example.org",
                "rationale": (
                    "Plutôt que de construire, louer une cuisine existante permettrait de "
                    "réduire fortement l'investissement et de démarrer plus vite."
                ),
                "status": "rejected",
                "decision_reason": (
                    "Aucune cuisine aux normes sanitaires n'est disponible dans le Buëch ; la "
                    "location a été étudiée en 2020 et écartée."
                ),
                "changes": {
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 40_000},
                        {"year": 2021, "kind": "operating", "amount": 62_000},
                        {"year": 2022, "kind": "operating", "amount": 88_000},
                        {"year": 2023, "kind": "operating", "amount": 80_000},
                    ],
                },
            },
        ],
        "merged_into": None,
    },
    # --- 1.2 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "coordinatrice@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "coordinatrice@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Former les cuisinier·es et accompagner les acheteurs publics vers "
                        "les produits locaux"
                    ),
                    "objectives": [0],
                    "context": (
                        "La commande publique interdit tout critère géographique, et beaucoup "
                        "de gestionnaires de cantines renoncent à acheter local faute de "
                        "savoir rédiger des lots adaptés aux petits producteurs. Les "
                        "cuisinier·es, habitué·es aux produits prêts à l'emploi, manquent "
                        "aussi de temps et de formation pour travailler des produits bruts de "
                        "saison."
                    ),
                    "objectives_text": (
                        "- Former 80 cuisinier·es de la restauration collective au travail "
                        "des produits bruts et de saison\n"
                        "- Accompagner 20 acheteurs publics dans l'allotissement de leurs "
                        "marchés alimentaires"
                    ),
                    "description": (
                        "1. Cycle de formation de trois jours en cuisine, au lycée agricole "
                        "de la Haute-Durance, animé par des chef·fes de la restauration "
                        "collective.\n"
                        "2. Guide pratique de l'allotissement et des critères de qualité "
                        "autorisés (fraîcheur, saisonnalité, performance environnementale).\n"
                        "3. Rencontre annuelle acheteurs–producteurs à Gap, chaque automne.\n"
                        "4. Accompagnement individuel de 20 collectivités au renouvellement "
                        "de leurs marchés."
                    ),
                    "expected_results": (
                        "80 cuisinier·es formé·es et 20 marchés publics comportant des lots "
                        "accessibles aux producteurs locaux d'ici fin 2023."
                    ),
                    "lead_organization": "Udess 05",
                    "lead_contact": "Aurélie Mathieu, chargée de mission alimentation durable",
                    "partners": [
                        {
                            "organization": "Lycée agricole de la Haute-Durance",
                            "role": "technical",
                        },
                        {
                            "organization": "Syndicat intercommunal des vallées du Champsaur",
                            "role": "political",
                        },
                        {
                            "organization": "Fonds territorial d'initiative sociale 05",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Cuisinier·es et gestionnaires de la restauration collective, "
                        "élu·es et acheteurs publics des communes et intercommunalités"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 18_000},
                        {"year": 2021, "kind": "operating", "amount": 32_000},
                        {"year": 2022, "kind": "operating", "amount": 32_000},
                        {"year": 2023, "kind": "operating", "amount": 28_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "État — Programme national pour l'alimentation",
                            "nature": "subsidy",
                            "amount": 45_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 15_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Udess 05",
                            "nature": "own_funds",
                            "amount": 12_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Cuisinier·es formé·es",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "80",
                        },
                        {
                            "name": "Marchés publics alimentaires comportant des lots locaux",
                            "unit": "marchés",
                            "kind": "result",
                            "baseline": "3",
                            "target": "20",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "animateur@example.org",
                "change_note": "Seconde rencontre acheteurs–producteurs à Saint-Bonnet",
                "changes": {
                    "description": (
                        "1. Cycle de formation de trois jours en cuisine, au lycée agricole "
                        "de la Haute-Durance, animé par des chef·fes de la restauration "
                        "collective.\n"
                        "2. Guide pratique de l'allotissement et des critères de qualité "
                        "autorisés (fraîcheur, saisonnalité, performance environnementale).\n"
                        "3. Rencontres acheteurs–producteurs chaque automne à Gap et à "
                        "Saint-Bonnet-en-Champsaur.\n"
                        "4. Accompagnement individuel de 20 collectivités au renouvellement "
                        "de leurs marchés."
                    ),
                },
            },
        ],
        "comments": [
            {
                "author": "bernard.allemand@example.org",
                "stance": "question",
                "body": (
                    "Beaucoup de petites communes n'ont pas de cuisinier·e titulaire mais un·e "
                    "agent·e polyvalent·e. La formation leur est-elle ouverte, et sur quel "
                    "temps de travail ?"
                ),
                "replies": [
                    {
                        "author": "coordinatrice@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui, la formation est ouverte à tout·e agent·e qui prépare des "
                            "repas. Elle est prise en charge par le CNFPT et organisée hors "
                            "vacances scolaires pour ne pas fermer les cantines."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "valerie.silvestre@example.org",
                "stance": "for",
                "body": (
                    "Nos chefs de l'hôtellerie sont prêts à animer une journée sur la cuisine "
                    "des légumes de montagne en hiver : c'est là que tout se joue."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.3 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "antoine.jullien@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "antoine.jullien@example.org",
                "change_note": "",
                "content": {
                    "title": "Espace-test agricole du lycée de la Haute-Durance à Embrun",
                    "objectives": [1],
                    "context": (
                        "Près d'un tiers des chef·fes d'exploitation des Hautes-Alpes partiront "
                        "à la retraite d'ici dix ans, et les candidat·es à l'installation, "
                        "souvent hors cadre familial, peinent à tester leur projet avant "
                        "d'investir. Le lycée agricole dispose à Embrun de quatre hectares "
                        "irrigables et de bâtiments sous-utilisés."
                    ),
                    "objectives_text": (
                        "Permettre chaque année à six porteur·ses de projet de tester en "
                        "grandeur réelle une activité de maraîchage, de petits fruits ou de "
                        "petit élevage, avec un statut sécurisé, du matériel partagé et un "
                        "tutorat."
                    ),
                    "description": (
                        "1. Aménagement de quatre parcelles irriguées, d'une serre-tunnel et "
                        "d'un local de stockage (2020–2021).\n"
                        "2. Portage juridique des porteur·ses de projet par une couveuse "
                        "d'activité, en contrat d'appui au projet d'entreprise (CAPE).\n"
                        "3. Tutorat par un·e agriculteur·rice en place et suivi technique par "
                        "les enseignant·es du lycée.\n"
                        "4. Commercialisation via les paniers du lycée et les épiceries "
                        "coopératives du Briançonnais et de l'Embrunais.\n"
                        "5. Recherche de foncier en sortie de test, en lien avec l'action 1.4."
                    ),
                    "expected_results": (
                        "24 porteur·ses de projet accueilli·es en test de 2021 à 2023, dont au "
                        "moins la moitié installé·es dans le département à l'issue du test."
                    ),
                    "lead_organization": "Lycée agricole de la Haute-Durance",
                    "lead_contact": "Antoine Jullien, directeur de l'exploitation du lycée",
                    "partners": [
                        {
                            "organization": "Centre de formation aux métiers de la montagne",
                            "role": "technical",
                        },
                        {"organization": "Épicerie coopérative La Cordée", "role": "technical"},
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                    ],
                    "target_audiences": (
                        "Porteur·ses de projet agricole, notamment hors cadre familial et en "
                        "reconversion professionnelle"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 65_000},
                        {"year": 2021, "kind": "investment", "amount": 40_000},
                        {"year": 2021, "kind": "operating", "amount": 35_000},
                        {"year": 2022, "kind": "operating", "amount": 38_000},
                        {"year": 2023, "kind": "operating", "amount": 38_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 80_000,
                            "status": "secured",
                        },
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 45_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Lycée agricole de la Haute-Durance",
                            "nature": "own_funds",
                            "amount": 31_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Porteur·ses de projet accueilli·es en test",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "24",
                        },
                        {
                            "name": "Installations effectives à l'issue du test",
                            "unit": "installations",
                            "kind": "result",
                            "baseline": "0",
                            "target": "12",
                        },
                    ],
                    "priority": "high",
                },
            },
        ],
        "comments": [
            {
                "author": "mathieu.reynaud@example.org",
                "stance": "for",
                "body": (
                    "Très utile. Pensez aussi au **petit élevage laitier** : la coopérative "
                    "peut collecter le lait d'un·e porteur·se de projet en test et l'aider à "
                    "calibrer sa future transformation fromagère."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "marc.eymard@example.org",
                "stance": "question",
                "body": (
                    "Où logeront les porteur·ses de projet pendant le test ? À Embrun, les "
                    "loyers en saison sont hors de portée d'un revenu de couveuse."
                ),
                "replies": [
                    {
                        "author": "antoine.jullien@example.org",
                        "stance": "neutral",
                        "body": (
                            "Deux studios de l'internat leur sont réservés à l'année, pour "
                            "150 € par mois. Nous cherchons deux logements supplémentaires "
                            "avec l'Office public de l'habitat alpin."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.4 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "olivier.davin@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "olivier.davin@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Veille foncière et parrainage pour transmettre les fermes du "
                        "Haut-Champsaur"
                    ),
                    "objectives": [1],
                    "context": (
                        "Dans le Haut-Champsaur, une ferme sur trois n'a pas de repreneur "
                        "identifié, et des terres partent à l'agrandissement ou deviennent "
                        "des terrains de loisirs. Les cédant·es découvrent souvent trop tard "
                        "les démarches de transmission."
                    ),
                    "objectives_text": (
                        "Repérer les cédant·es cinq ans avant leur départ, maintenir les terres "
                        "en agriculture et accompagner au moins dix transmissions vers de "
                        "nouveaux et nouvelles installé·es en circuits courts."
                    ),
                    "description": (
                        "1. Convention de veille foncière avec la SAFER sur les communes du "
                        "syndicat.\n"
                        "2. Rencontres individuelles avec les agriculteur·rices de plus de "
                        "55 ans.\n"
                        "3. Binômes cédant·e–repreneur·se avec un parrainage de 18 mois.\n"
                        "4. Baux ruraux environnementaux sur les terres communales libérées.\n"
                        "5. Bilan annuel présenté en conférence territoriale à "
                        "Saint-Bonnet-en-Champsaur."
                    ),
                    "expected_results": (
                        "Dix transmissions hors cadre familial réalisées et 300 hectares "
                        "maintenus en agriculture d'ici 2023."
                    ),
                    "lead_organization": "Syndicat intercommunal des vallées du Champsaur",
                    "lead_contact": "Delphine Gaillard, chargée de mission agriculture et foncier",
                    "partners": [
                        {
                            "organization": "Lycée agricole de la Haute-Durance",
                            "role": "technical",
                        },
                        {
                            "organization": "Coopérative laitière du Champsaur",
                            "role": "technical",
                        },
                    ],
                    "target_audiences": (
                        "Agriculteur·rices cédant·es et candidat·es à l'installation du "
                        "Haut-Champsaur"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 28_000},
                        {"year": 2022, "kind": "operating", "amount": 30_000},
                        {"year": 2023, "kind": "operating", "amount": 30_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Syndicat intercommunal des vallées du Champsaur",
                            "nature": "own_funds",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 45_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Cédant·es repéré·es et accompagné·es",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "40",
                        },
                        {
                            "name": "Transmissions réalisées hors cadre familial",
                            "unit": "fermes",
                            "kind": "result",
                            "baseline": "1",
                            "target": "10",
                        },
                        {
                            "name": "Surface maintenue en agriculture",
                            "unit": "hectares",
                            "kind": "impact",
                            "baseline": "",
                            "target": "300",
                        },
                    ],
                    "priority": "medium",
                },
            },
            {
                "author": "olivier.davin@example.org",
                "change_note": "Réserve foncière ajoutée après délibération du comité syndical",
                "changes": {
                    "description": (
                        "1. Convention de veille foncière avec la SAFER sur les communes du "
                        "syndicat.\n"
                        "2. Rencontres individuelles avec les agriculteur·rices de plus de "
                        "55 ans.\n"
                        "3. Binômes cédant·e–repreneur·se avec un parrainage de 18 mois.\n"
                        "4. Réserve foncière intercommunale : acquisition et portage "
                        "temporaire des terres mises en vente, puis baux ruraux "
                        "environnementaux.\n"
                        "5. Bilan annuel présenté en conférence territoriale à "
                        "Saint-Bonnet-en-Champsaur."
                    ),
                    "partners": [
                        {
                            "organization": "Lycée agricole de la Haute-Durance",
                            "role": "technical",
                        },
                        {
                            "organization": "Coopérative laitière du Champsaur",
                            "role": "technical",
                        },
                        {
                            "organization": "Fonds de dotation Montagne partagée",
                            "role": "financial",
                        },
                    ],
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 28_000},
                        {"year": 2022, "kind": "operating", "amount": 30_000},
                        {"year": 2022, "kind": "investment", "amount": 120_000},
                        {"year": 2023, "kind": "operating", "amount": 30_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Syndicat intercommunal des vallées du Champsaur",
                            "nature": "own_funds",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 68_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 50_000,
                            "status": "requested",
                        },
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 50_000,
                            "status": "requested",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "mathieu.reynaud@example.org",
                "stance": "for",
                "body": (
                    "La coopérative connaît chaque ferme laitière du secteur : nous pouvons "
                    "signaler, avec leur accord, les adhérent·es qui approchent de la retraite "
                    "sans successeur."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "vincent.para@example.org",
                "stance": "neutral",
                "body": (
                    "Le Fonds de dotation Montagne partagée étudiera la demande en comité de "
                    "septembre. Notre règlement limite l'intervention foncière à **50 000 € "
                    "par projet** et exige un bail environnemental."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.5 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "mathieu.reynaud@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "mathieu.reynaud@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Tournées mutualisées et points de collecte des produits fermiers "
                        "Champsaur–Gap–Embrun"
                    ),
                    "objectives": [2],
                    "context": (
                        "Chaque semaine, une soixantaine de producteurs du Champsaur, du "
                        "Valgaudemar et de l'Embrunais livrent eux-mêmes leurs clients, "
                        "souvent avec un utilitaire à moitié vide. La coopérative laitière "
                        "dispose déjà d'un camion frigorifique qui descend chaque jour à Gap "
                        "et d'un quai à Saint-Bonnet-en-Champsaur."
                    ),
                    "objectives_text": (
                        "Mettre en place un réseau de points de collecte réfrigérés et trois "
                        "tournées partagées par semaine, pour réduire les kilomètres parcourus "
                        "et le temps que les producteurs passent sur la route."
                    ),
                    "description": (
                        "1. Étude des flux avec les producteurs volontaires (2020).\n"
                        "2. Équipement de six points de collecte réfrigérés : "
                        "Saint-Bonnet-en-Champsaur, Chorges, Embrun, Guillestre, "
                        "Savines-le-Lac et Laragne-Montéglin.\n"
                        "3. Acquisition d'un second camion frigorifique au bioGNV.\n"
                        "4. Logiciel partagé de réservation des tournées.\n"
                        "5. Tarification au poids et à la distance, révisée chaque année en "
                        "assemblée des usagers."
                    ),
                    "expected_results": (
                        "- 9 points de collecte en service en 2023\n"
                        "- 180 000 km de livraisons individuelles évités chaque année\n"
                        "- Une cinquantaine de producteurs usagers réguliers"
                    ),
                    "lead_organization": "Coopérative laitière du Champsaur",
                    "lead_contact": "Mathieu Reynaud, responsable logistique",
                    "partners": [
                        {
                            "organization": "Syndicat intercommunal des vallées du Champsaur",
                            "role": "political",
                        },
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                        {"organization": "Udess 05", "role": "technical"},
                    ],
                    "target_audiences": (
                        "Producteurs fermiers du Champsaur, du Valgaudemar, de l'Embrunais et "
                        "du Guillestrois ; commerces et cantines de Gap, Embrun et Briançon"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 15_000},
                        {"year": 2021, "kind": "investment", "amount": 140_000},
                        {"year": 2021, "kind": "operating", "amount": 30_000},
                        {"year": 2022, "kind": "operating", "amount": 45_000},
                        {"year": 2023, "kind": "operating", "amount": 45_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 80_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 50_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisse solidaire des Alpes du Sud",
                            "nature": "financial_sponsorship",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Coopérative laitière du Champsaur",
                            "nature": "own_funds",
                            "amount": 60_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Participations des producteurs usagers",
                            "nature": "own_funds",
                            "amount": 55_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Points de collecte mutualisés en service",
                            "unit": "points de collecte",
                            "kind": "output",
                            "baseline": "2",
                            "target": "9",
                        },
                        {
                            "name": "Kilomètres de livraison évités",
                            "unit": "km/an",
                            "kind": "result",
                            "baseline": "0",
                            "target": "180000",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "mathieu.reynaud@example.org",
                "change_note": "Point de collecte de Barcelonnette ajouté (vallée de l'Ubaye)",
                "changes": {
                    "description": (
                        "1. Étude des flux avec les producteurs volontaires (2020).\n"
                        "2. Équipement de sept points de collecte réfrigérés : "
                        "Saint-Bonnet-en-Champsaur, Chorges, Embrun, Guillestre, "
                        "Savines-le-Lac, Laragne-Montéglin et Barcelonnette.\n"
                        "3. Acquisition d'un second camion frigorifique au bioGNV.\n"
                        "4. Logiciel partagé de réservation des tournées.\n"
                        "5. Tarification au poids et à la distance, révisée chaque année en "
                        "assemblée des usagers."
                    ),
                    "zones": ["Haut-Champsaur", "Vallée de l'Ubaye"],
                },
            },
            {
                "author": "coordinatrice@example.org",
                "change_note": "Indicateur carbone aligné sur la méthode de l'Udess 05",
                "changes": {
                    "indicators": [
                        {
                            "name": "Points de collecte mutualisés en service",
                            "unit": "points de collecte",
                            "kind": "output",
                            "baseline": "2",
                            "target": "9",
                        },
                        {
                            "name": "Kilomètres de livraison évités",
                            "unit": "km/an",
                            "kind": "result",
                            "baseline": "0",
                            "target": "180000",
                        },
                        {
                            "name": "Émissions de CO2 évitées grâce aux tournées partagées",
                            "unit": "t CO2e/an",
                            "kind": "impact",
                            "baseline": "0",
                            "target": "120",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "emilie.arnaud@example.org",
                "stance": "for",
                "body": (
                    "Nos cars de ligne Gap–Briançon ont des soutes presque vides en semaine. "
                    "Ils pourraient transporter des caisses isothermes entre deux points de "
                    "collecte, à un tarif forfaitaire."
                ),
                "replies": [
                    {
                        "author": "mathieu.reynaud@example.org",
                        "stance": "neutral",
                        "body": (
                            "Très bonne piste pour Embrun et Guillestre, qui sont sur votre "
                            "ligne. Proposez-la en amendement pour qu'on l'intègre à la fiche."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "gilles.bonnafoux@example.org",
                "stance": "question",
                "body": (
                    "Les produits secs (pain, farine, légumineuses) peuvent-ils emprunter les "
                    "tournées, ou seulement le frais ?"
                ),
                "replies": [
                    {
                        "author": "mathieu.reynaud@example.org",
                        "stance": "neutral",
                        "body": (
                            "Le camion a un compartiment sec de 4 m³ : le pain et la farine "
                            "sont les bienvenus, au même tarif au kilo."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "pierre.achard@example.org",
                "stance": "against",
                "body": (
                    "Je ne suis pas convaincu par le camion au bioGNV : la seule station est à "
                    "Gap et le gaz vient de loin. Un utilitaire électrique, rechargé sur les "
                    "points de collecte, serait plus cohérent pour des tournées courtes."
                ),
                "replies": [
                    {
                        "author": "mathieu.reynaud@example.org",
                        "stance": "neutral",
                        "body": (
                            "Aucun utilitaire électrique frigorifique ne tient aujourd'hui "
                            "la montée du col Bayard chargé, en hiver. Nous réétudierons le "
                            "choix lors du renouvellement du premier camion."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "emilie.arnaud@example.org",
                "rationale": (
                    "Associer Transports Durance Voyageurs comme partenaire technique : les "
                    "soutes des cars de ligne Gap–Embrun–Briançon peuvent relier les points de "
                    "collecte de la vallée de la Durance sans trajet supplémentaire."
                ),
                "status": "open",
                "decision_reason": "",
                "changes": {
                    "partners": [
                        {
                            "organization": "Syndicat intercommunal des vallées du Champsaur",
                            "role": "political",
                        },
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                        {"organization": "Udess 05", "role": "technical"},
                        {"organization": "Transports Durance Voyageurs", "role": "technical"},
                    ],
                },
            },
        ],
        "merged_into": None,
    },
    # --- 1.6 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "contributrice@example.org",
        "status": "draft",
        "revisions": [
            {
                "author": "contributrice@example.org",
                "change_note": "",
                "content": {
                    "title": "Cantines de Veynes : un repas 100 % local par semaine",
                    "objectives": [0],
                    "context": (
                        "Les deux écoles de Veynes servent environ 260 repas par jour, livrés "
                        "par un prestataire extérieur. Des parents et des producteurs du "
                        "collectif souhaitent montrer qu'un repas entièrement local est "
                        "possible sans augmenter le prix payé par les familles."
                    ),
                    "objectives_text": (
                        "Servir un repas hebdomadaire composé uniquement de produits du Buëch "
                        "et du Dévoluy dans les écoles de Veynes, à titre d'expérimentation."
                    ),
                    "description": (
                        "À préciser avec la commune. Premières pistes :\n\n"
                        "- menus construits avec les producteurs du collectif ;\n"
                        "- ateliers cuisine avec les parents volontaires ;\n"
                        "- bilan du coût matière à la fin de l'année scolaire."
                    ),
                    "expected_results": "Un repas 100 % local par semaine dès la rentrée 2022.",
                    "lead_organization": "Commune de Veynes",
                    "lead_contact": "Sophie Blanc, membre du collectif (pilote à confirmer)",
                    "partners": [
                        {
                            "organization": "Collectif citoyen Veynes en transition",
                            "role": "technical",
                        },
                    ],
                    "target_audiences": "Élèves des écoles maternelle et élémentaire de Veynes",
                    "zones": [],
                    "first_year": 2022,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2022, "kind": "operating", "amount": 8_000},
                        {"year": 2023, "kind": "operating", "amount": 12_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Commune de Veynes",
                            "nature": "own_funds",
                            "amount": 10_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [],
                    "priority": "low",
                },
            },
        ],
        "comments": [],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.7 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "gilles.bonnafoux@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "gilles.bonnafoux@example.org",
                "change_note": "",
                "content": {
                    "title": "Filière blé–farine–pain du Buëch et fournil partagé à Laragne",
                    "objectives": [1, 2],
                    "context": (
                        "Les céréales cultivées dans le Buëch et le Laragnais partent presque "
                        "toutes chez des négociants hors du département, alors que les "
                        "boulangeries locales achètent leurs farines dans la Drôme ou en "
                        "Isère. Quatre céréalier·es et trois boulanger·es se sont réuni·es "
                        "en 2020 pour relocaliser la filière."
                    ),
                    "objectives_text": (
                        "Recréer une filière locale du grain au pain, garantir un prix "
                        "rémunérateur aux céréalier·es et ouvrir un fournil partagé à de "
                        "jeunes paysan·nes-boulanger·es."
                    ),
                    "description": (
                        "1. Achat d'un moulin à meules de pierre et d'un trieur, installés "
                        "à Laragne-Montéglin.\n"
                        "2. Contrats de prix sur trois ans entre céréalier·es et "
                        "boulanger·es.\n"
                        "3. Ouverture du fournil deux jours par semaine à des porteur·ses de "
                        "projet en test.\n"
                        "4. Vente du pain aux cantines de Serres et de Laragne et sur les "
                        "marchés du Buëch."
                    ),
                    "expected_results": (
                        "80 tonnes de blé local moulues par an en 2023 et quatre "
                        "paysan·nes-boulanger·es accompagné·es vers l'installation."
                    ),
                    "lead_organization": "Boulangerie paysanne du Buëch",
                    "lead_contact": "Gilles Bonnafoux, paysan-boulanger et gérant",
                    "partners": [
                        {"organization": "SCOP Les Cuisines du Buëch", "role": "technical"},
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                        {
                            "organization": "Fonds territorial d'initiative sociale 05",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Céréalier·es, paysan·nes-boulanger·es et porteur·ses de projet du "
                        "Buëch et du Laragnais"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 95_000},
                        {"year": 2022, "kind": "operating", "amount": 22_000},
                        {"year": 2023, "kind": "operating", "amount": 22_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 45_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Caisse solidaire des Alpes du Sud",
                            "nature": "financial_sponsorship",
                            "amount": 20_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Boulangerie paysanne du Buëch",
                            "nature": "own_funds",
                            "amount": 25_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Blé local transformé en farine",
                            "unit": "t/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "80",
                        },
                        {
                            "name": "Porteur·ses de projet accueilli·es au fournil",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "4",
                        },
                    ],
                    "priority": "medium",
                },
            },
            {
                "author": "gilles.bonnafoux@example.org",
                "change_note": "Mécénat du Groupe Alpimarché ajouté au plan de financement",
                "changes": {
                    "funding_lines": [
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 45_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Caisse solidaire des Alpes du Sud",
                            "nature": "financial_sponsorship",
                            "amount": 20_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Boulangerie paysanne du Buëch",
                            "nature": "own_funds",
                            "amount": 25_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Groupe Alpimarché",
                            "nature": "csr",
                            "amount": 15_000,
                            "status": "envisaged",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "stephane.richard@example.org",
                "stance": "neutral",
                "body": (
                    "Groupe Alpimarché pourrait référencer le pain de la filière dans ses "
                    "magasins de Gap et de Laragne, en plus du mécénat, si les volumes le "
                    "permettent."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "thomas.disdier@example.org",
                "stance": "for",
                "body": (
                    "Nous sommes prêts à acheter la farine pour nos pâtisseries et nos "
                    "pâtes fraîches : un débouché régulier d'environ 6 tonnes par an."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "robert.michel@example.org",
                "stance": "question",
                "body": "Quel sera le prix du pain pour les cantines, comparé à l'actuel ?",
                "replies": [
                    {
                        "author": "gilles.bonnafoux@example.org",
                        "stance": "neutral",
                        "body": (
                            "Autour de 3,20 € le kilo livré, contre 2,60 € aujourd'hui. "
                            "L'écart est compensé par des pains plus denses, qui se gaspillent "
                            "beaucoup moins."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.8 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "nadia.bensalem@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "nadia.bensalem@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Maraîchage d'insertion des Jardins de la Luye pour les cantines de Gap"
                    ),
                    "objectives": [0],
                    "context": (
                        "Les Jardins de la Luye emploient vingt salarié·es en parcours "
                        "d'insertion sur trois hectares à Gap et vendent l'essentiel de leur "
                        "production en paniers. La cuisine centrale de Gap cherche des légumes "
                        "bio locaux, mais exige des volumes réguliers et des calibres "
                        "homogènes."
                    ),
                    "objectives_text": (
                        "Doubler la surface cultivée et réserver la moitié de la production à "
                        "la restauration collective de Gap, tout en renforçant les compétences "
                        "des salarié·es en insertion."
                    ),
                    "description": (
                        "1. Mise en culture de trois hectares supplémentaires mis à "
                        "disposition par la ville de Gap au bord de la Luye.\n"
                        "2. Plan de culture annuel établi avec la cuisine centrale.\n"
                        "3. Investissements : chambre froide, serre-tunnel, laveuse à "
                        "légumes.\n"
                        "4. Formation certifiante des salarié·es en insertion aux métiers du "
                        "maraîchage et de la logistique alimentaire."
                    ),
                    "expected_results": (
                        "30 tonnes de légumes livrées chaque année à la restauration "
                        "collective de Gap et 60 % de sorties dynamiques pour les salarié·es "
                        "en insertion."
                    ),
                    "lead_organization": "Les Jardins de la Luye",
                    "lead_contact": "Nadia Bensalem, directrice",
                    "partners": [
                        {"organization": "SCOP Les Cuisines du Buëch", "role": "technical"},
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                    ],
                    "target_audiences": (
                        "Salarié·es en insertion des Jardins de la Luye ; convives de la "
                        "restauration scolaire de Gap"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2022,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 48_000},
                        {"year": 2020, "kind": "operating", "amount": 25_000},
                        {"year": 2021, "kind": "operating", "amount": 30_000},
                        {"year": 2022, "kind": "operating", "amount": 30_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 35_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 25_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Groupe hôtelier Altitude Sud",
                            "nature": "skills_sponsorship",
                            "amount": 8_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Les Jardins de la Luye",
                            "nature": "own_funds",
                            "amount": 35_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Légumes livrés à la restauration collective",
                            "unit": "t/an",
                            "kind": "output",
                            "baseline": "4",
                            "target": "30",
                        },
                        {
                            "name": "Sorties dynamiques des salarié·es en insertion",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "52",
                            "target": "60",
                        },
                    ],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "fatima.ouali@example.org",
                "stance": "for",
                "body": (
                    "Plusieurs habitant·es du Haut-Gap ont retrouvé du travail grâce aux "
                    "Jardins. Que leurs légumes arrivent dans l'assiette de nos enfants, "
                    "c'est une belle fierté pour le quartier."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 1.9 ---------------------------------------------------------------------------
    {
        "challenge": 1,
        "author": "manon.vincent@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "manon.vincent@example.org",
                "change_note": "",
                "content": {
                    "title": "Point de retrait fermier et marché de producteurs en gare de Veynes",
                    "objectives": [2],
                    "context": (
                        "La gare de Veynes, nœud ferroviaire entre Gap, Grenoble et Marseille, "
                        "voit passer chaque jour plusieurs centaines de navetteur·ses, alors "
                        "que l'ancienne halle marchandises est inoccupée. Les producteurs du "
                        "Buëch n'ont aucun point de vente collectif entre Serres et Gap."
                    ),
                    "objectives_text": (
                        "Créer dans la halle un point de retrait collectif des commandes "
                        "fermières et un marché hebdomadaire, accessibles aux navetteur·ses et "
                        "aux habitant·es sans voiture."
                    ),
                    "description": (
                        "1. Convention d'occupation de la halle avec SNCF Gares & Connexions "
                        "et la commune.\n"
                        "2. Travaux légers : casiers réfrigérés, éclairage, sanitaires.\n"
                        "3. Commande en ligne jusqu'au mercredi, retrait le vendredi de 16 h "
                        "à 19 h.\n"
                        "4. Marché de producteurs le samedi matin, d'avril à octobre.\n"
                        "5. Gestion bénévole, appuyée par un·e salarié·e à mi-temps à partir "
                        "de la deuxième année."
                    ),
                    "expected_results": (
                        "25 producteurs présents et 120 commandes retirées chaque semaine au "
                        "bout de deux ans."
                    ),
                    "lead_organization": "Collectif citoyen Veynes en transition",
                    "lead_contact": "Élise Pascal, coprésidente du collectif",
                    "partners": [
                        {"organization": "Commune de Veynes", "role": "political"},
                        {"organization": "Boulangerie paysanne du Buëch", "role": "technical"},
                        {
                            "organization": "Fonds de dotation Montagne partagée",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Habitant·es et navetteur·ses de Veynes et du Buëch ; producteurs du "
                        "Buëch et du Dévoluy"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 35_000},
                        {"year": 2022, "kind": "operating", "amount": 18_000},
                        {"year": 2023, "kind": "operating", "amount": 18_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Commune de Veynes",
                            "nature": "subsidy",
                            "amount": 15_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 20_000,
                            "status": "requested",
                        },
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 20_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Collectif citoyen Veynes en transition",
                            "nature": "own_funds",
                            "amount": 8_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Producteurs présents au point de retrait",
                            "unit": "producteurs",
                            "kind": "output",
                            "baseline": "0",
                            "target": "25",
                        },
                        {
                            "name": "Commandes retirées par semaine",
                            "unit": "commandes/semaine",
                            "kind": "result",
                            "baseline": "0",
                            "target": "120",
                        },
                    ],
                    "priority": "low",
                },
            },
            {
                "author": "bernard.allemand@example.org",
                "change_note": (
                    "Calendrier décalé d'un an : la convention avec SNCF Gares & Connexions "
                    "n'a été signée qu'en 2022"
                ),
                "changes": {
                    "first_year": 2022,
                    "budget_lines": [
                        {"year": 2022, "kind": "investment", "amount": 35_000},
                        {"year": 2022, "kind": "operating", "amount": 9_000},
                        {"year": 2023, "kind": "operating", "amount": 18_000},
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "chloe.motte@example.org",
                "stance": "question",
                "body": "Les horaires de retrait sont-ils calés sur l'arrivée des TER ?",
                "replies": [
                    {
                        "author": "manon.vincent@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui : le créneau de 16 h à 19 h couvre les arrivées des TER de "
                            "Gap et de Grenoble en fin de journée. Nous l'ajusterons à chaque "
                            "changement de service."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "gilles.bonnafoux@example.org",
                "stance": "for",
                "body": (
                    "La boulangerie tiendra un stand le samedi et déposera le pain commandé "
                    "dans les casiers le vendredi."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # =====================================================================================
    # Défi 2 — Inclusion par le travail et mobilité dans les vallées
    # =====================================================================================
    # --- 2.1 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "animateur@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "animateur@example.org",
                "change_note": "",
                "content": {
                    "title": "Plateforme de mobilité solidaire du Buëch et du Gapençais",
                    "objectives": [0],
                    "context": (
                        "Dans le Buëch et le Laragnais, près d'une personne en recherche "
                        "d'emploi sur trois déclare avoir renoncé à un entretien ou à une "
                        "formation faute de moyen de transport. Les lignes régulières ne "
                        "desservent pas les horaires décalés de l'agroalimentaire, du "
                        "nettoyage ou de l'hôtellerie."
                    ),
                    "objectives_text": (
                        "Offrir en un lieu unique un diagnostic mobilité et une solution "
                        "adaptée à chaque personne orientée par les acteurs de l'emploi : "
                        "location de voiture ou de vélo à assistance électrique à petit prix, "
                        "covoiturage organisé, aide au permis."
                    ),
                    "description": (
                        "1. Guichet unique à Gap et antennes hebdomadaires à "
                        "Laragne-Montéglin et Veynes.\n"
                        "2. Diagnostic mobilité réalisé par un·e conseiller·e formé·e, sur "
                        "orientation de Pôle emploi, de la mission locale ou des services "
                        "sociaux du Département.\n"
                        "3. Parc de 12 voitures et 30 vélos à assistance électrique loués de "
                        "2 à 8 € par jour.\n"
                        "4. Covoiturage organisé entre Laragne-Montéglin, Serres, Veynes et "
                        "Gap, avec indemnisation des conducteur·rices.\n"
                        "5. Suivi de chaque personne accompagnée six mois après la fin de "
                        "l'accompagnement."
                    ),
                    "expected_results": (
                        "600 personnes accompagnées en 2023 et 55 % d'entre elles en emploi "
                        "ou en formation six mois après."
                    ),
                    "lead_organization": "Mobil'Alpes",
                    "lead_contact": "Camille Nicolas, responsable de la plateforme",
                    "partners": [
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                        {"organization": "Commune de Veynes", "role": "political"},
                        {"organization": "Atelier vélo Roule ta bosse", "role": "technical"},
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Demandeur·ses d'emploi, allocataires du RSA et salarié·es précaires "
                        "sans solution de transport du Buëch, du Laragnais et du Gapençais"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 85_000},
                        {"year": 2021, "kind": "investment", "amount": 60_000},
                        {"year": 2021, "kind": "operating", "amount": 110_000},
                        {"year": 2022, "kind": "operating", "amount": 115_000},
                        {"year": 2023, "kind": "operating", "amount": 115_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 160_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 150_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds social européen (FSE)",
                            "nature": "eu_funds",
                            "amount": 90_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 45_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Mobil'Alpes (participations des usager·es)",
                            "nature": "own_funds",
                            "amount": 40_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Personnes accompagnées par la plateforme",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "140",
                            "target": "600",
                        },
                        {
                            "name": "Part des personnes en emploi ou en formation six mois après",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "38",
                            "target": "55",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "animateur@example.org",
                "change_note": (
                    "Antenne de Serres ajoutée à la demande de la communauté de communes"
                ),
                "changes": {
                    "description": (
                        "1. Guichet unique à Gap et antennes hebdomadaires à "
                        "Laragne-Montéglin, Serres et Veynes.\n"
                        "2. Diagnostic mobilité réalisé par un·e conseiller·e formé·e, sur "
                        "orientation de Pôle emploi, de la mission locale ou des services "
                        "sociaux du Département.\n"
                        "3. Parc de 12 voitures et 30 vélos à assistance électrique loués de "
                        "2 à 8 € par jour.\n"
                        "4. Covoiturage organisé entre Laragne-Montéglin, Serres, Veynes et "
                        "Gap, avec indemnisation des conducteur·rices.\n"
                        "5. Suivi de chaque personne accompagnée six mois après la fin de "
                        "l'accompagnement."
                    ),
                },
            },
            {
                "author": "isabelle.martinez@example.org",
                "change_note": "Montants 2022–2023 alignés sur la convention pluriannuelle",
                "changes": {
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 85_000},
                        {"year": 2021, "kind": "investment", "amount": 60_000},
                        {"year": 2021, "kind": "operating", "amount": 110_000},
                        {"year": 2022, "kind": "operating", "amount": 120_000},
                        {"year": 2023, "kind": "operating", "amount": 120_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 160_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 160_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds social européen (FSE)",
                            "nature": "eu_funds",
                            "amount": 90_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 45_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Mobil'Alpes (participations des usager·es)",
                            "nature": "own_funds",
                            "amount": 40_000,
                            "status": "secured",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "karim.haddad@example.org",
                "stance": "against",
                "body": (
                    "Le covoiturage indemnisé risque de capter les trajets du petit matin que "
                    "nous assurons aujourd'hui en transport à la demande. Sans coordination "
                    "avec les taxis, on fragilise des emplois locaux pour en créer d'autres."
                ),
                "replies": [
                    {
                        "author": "animateur@example.org",
                        "stance": "neutral",
                        "body": (
                            "Le covoiturage ne concerne que des trajets réguliers domicile–"
                            "travail. Nous vous proposons une convention de relais : les "
                            "trajets urgents ou isolés vous seront orientés, au tarif "
                            "conventionné."
                        ),
                    },
                    {
                        "author": "karim.haddad@example.org",
                        "stance": "neutral",
                        "body": "Cela me convient, rencontrons-nous pour l'écrire.",
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "sarah.benoit@example.org",
                "stance": "question",
                "body": (
                    "Après la location, les personnes peuvent-elles être orientées vers un "
                    "microcrédit pour acheter leur propre véhicule ?"
                ),
                "replies": [
                    {
                        "author": "animateur@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui, c'est prévu : 15 dossiers ont été orientés vers la Caisse "
                            "solidaire en 2020, et nous voulons doubler ce nombre."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "jeanne.ranguis@example.org",
                "stance": "for",
                "body": (
                    "Au Haut-Gap, beaucoup de femmes seules avec enfants n'ont pas le permis. "
                    "Un guichet unique, c'est **une seule démarche au lieu de cinq**."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "jeanne.ranguis@example.org",
                "rationale": (
                    "Les femmes ne représentent que 31 % des personnes accompagnées alors "
                    "qu'elles sont majoritaires parmi les allocataires du RSA sans véhicule. "
                    "Un indicateur dédié permettrait de suivre ce déséquilibre."
                ),
                "status": "accepted",
                "decision_reason": (
                    "Accepté : la donnée est déjà collectée par Mobil'Alpes et sera publiée "
                    "chaque année."
                ),
                "changes": {
                    "indicators": [
                        {
                            "name": "Personnes accompagnées par la plateforme",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "140",
                            "target": "600",
                        },
                        {
                            "name": "Part des personnes en emploi ou en formation six mois après",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "38",
                            "target": "55",
                        },
                        {
                            "name": "Part des femmes parmi les personnes accompagnées",
                            "unit": "%",
                            "kind": "output",
                            "baseline": "31",
                            "target": "50",
                        },
                    ],
                },
            },
            {
                "author": "bernard.allemand@example.org",
                "rationale": (
                    "L'antenne de Veynes affiche complet trois semaines à l'avance. Passer à "
                    "deux demi-journées par semaine éviterait que les personnes se rabattent "
                    "sur Gap, à 25 km."
                ),
                "status": "open",
                "decision_reason": "",
                "changes": {
                    "description": (
                        "1. Guichet unique à Gap, antenne bihebdomadaire à Veynes et antennes "
                        "hebdomadaires à Laragne-Montéglin et Serres.\n"
                        "2. Diagnostic mobilité réalisé par un·e conseiller·e formé·e, sur "
                        "orientation de Pôle emploi, de la mission locale ou des services "
                        "sociaux du Département.\n"
                        "3. Parc de 12 voitures et 30 vélos à assistance électrique loués de "
                        "2 à 8 € par jour.\n"
                        "4. Covoiturage organisé entre Laragne-Montéglin, Serres, Veynes et "
                        "Gap, avec indemnisation des conducteur·rices.\n"
                        "5. Suivi de chaque personne accompagnée six mois après la fin de "
                        "l'accompagnement."
                    ),
                },
            },
        ],
        "merged_into": None,
    },
    # --- 2.2 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "helene.garcin@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "helene.garcin@example.org",
                "change_note": "",
                "content": {
                    "title": "Navette solidaire Embrun–Savines",
                    "objectives": [0],
                    "context": (
                        "Entre Embrun, Baratier, Crots et Savines-le-Lac, les offres d'emploi "
                        "ne manquent pas (hôtellerie, bases nautiques, commerces, aide à "
                        "domicile), mais la ligne régulière ne compte que quatre allers-retours "
                        "par jour, aucun avant 7 h ni après 19 h. Les demandeur·ses d'emploi "
                        "sans véhicule des hameaux du lac renoncent aux postes en horaires "
                        "décalés."
                    ),
                    "objectives_text": (
                        "Assurer un transport solidaire à la demande, réservable la veille, "
                        "entre les hameaux de l'Embrunais et de Savines-le-Lac et les lieux "
                        "d'emploi et de formation, aux heures que la ligne régulière ne couvre "
                        "pas."
                    ),
                    "description": (
                        "1. Acquisition d'un minibus accessible de 9 places, conduit par deux "
                        "salarié·es en contrat d'insertion.\n"
                        "2. Réservation par téléphone ou SMS, sur prescription d'un·e "
                        "conseiller·e emploi.\n"
                        "3. Service de 6 h à 21 h, sept jours sur sept en saison estivale.\n"
                        "4. Participation de 1 € par trajet, gratuité pour les allocataires "
                        "du RSA pendant les trois premiers mois d'emploi.\n"
                        "5. Bilan de fréquentation trimestriel et ajustement des horaires "
                        "avec les employeurs."
                    ),
                    "expected_results": (
                        "- 9 000 trajets par an en régime de croisière\n"
                        "- 120 personnes ayant accédé à un emploi ou à une formation grâce à "
                        "la navette d'ici 2023"
                    ),
                    "lead_organization": "Entraide Durance Solidarités",
                    "lead_contact": "Hélène Garcin, directrice",
                    "partners": [
                        {"organization": "Mobil'Alpes", "role": "technical"},
                        {"organization": "Transports Durance Voyageurs", "role": "technical"},
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                        {"organization": "Groupe hôtelier Altitude Sud", "role": "financial"},
                    ],
                    "target_audiences": (
                        "Demandeur·ses d'emploi sans véhicule des vallées de l'Embrunais et du "
                        "pourtour de Serre-Ponçon"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 52_000},
                        {"year": 2021, "kind": "operating", "amount": 38_000},
                        {"year": 2022, "kind": "operating", "amount": 55_000},
                        {"year": 2023, "kind": "operating", "amount": 55_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Groupe hôtelier Altitude Sud",
                            "nature": "csr",
                            "amount": 30_000,
                            "status": "requested",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 26_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 60_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 35_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Trajets réalisés",
                            "unit": "trajets/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "9000",
                        },
                        {
                            "name": "Personnes ayant accédé à un emploi grâce à la navette",
                            "unit": "personnes",
                            "kind": "result",
                            "baseline": "0",
                            "target": "120",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "helene.garcin@example.org",
                "change_note": "Service étendu de 5 h 30 à 22 h à la demande des employeurs",
                "changes": {
                    "description": (
                        "1. Acquisition d'un minibus accessible de 9 places, conduit par deux "
                        "salarié·es en contrat d'insertion.\n"
                        "2. Réservation par téléphone ou SMS auprès de la plateforme de "
                        "Mobil'Alpes, sur prescription d'un·e conseiller·e emploi.\n"
                        "3. Service de 5 h 30 à 22 h, sept jours sur sept en saison estivale, "
                        "pour couvrir les prises de poste en hôtellerie et en boulangerie.\n"
                        "4. Participation de 1 € par trajet, gratuité pour les allocataires "
                        "du RSA pendant les trois premiers mois d'emploi.\n"
                        "5. Bilan de fréquentation trimestriel et ajustement des horaires "
                        "avec les employeurs."
                    ),
                },
            },
            {
                "author": "animateur@example.org",
                "change_note": "Budget 2022 revu après le comité de pilotage",
                "changes": {
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 52_000},
                        {"year": 2021, "kind": "operating", "amount": 38_000},
                        {"year": 2022, "kind": "operating", "amount": 62_000},
                        {"year": 2023, "kind": "operating", "amount": 58_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Groupe hôtelier Altitude Sud",
                            "nature": "csr",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 26_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 70_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 35_000,
                            "status": "requested",
                        },
                    ],
                },
            },
            {
                "author": "helene.garcin@example.org",
                "change_note": "Indicateur de résultat précisé : emploi ou formation",
                "changes": {
                    "indicators": [
                        {
                            "name": "Trajets réalisés",
                            "unit": "trajets/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "9000",
                        },
                        {
                            "name": (
                                "Usager·es en emploi ou en formation trois mois après leur "
                                "premier trajet"
                            ),
                            "unit": "personnes",
                            "kind": "result",
                            "baseline": "0",
                            "target": "120",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "contributrice@example.org",
                "stance": "for",
                "body": (
                    "Je connais plusieurs personnes à Savines qui ont refusé un CDI à la base "
                    "nautique faute de pouvoir rentrer après 20 h. **Indispensable.**"
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "karim.haddad@example.org",
                "stance": "against",
                "body": (
                    "Aux heures extrêmes, un minibus de 9 places roulera souvent presque vide. "
                    "Un conventionnement avec les taxis locaux, payés à la course, coûterait "
                    "moins cher :\n\n"
                    "- pas d'investissement ;\n"
                    "- pas de chauffeur immobilisé entre deux courses ;\n"
                    "- une couverture du territoire immédiate."
                ),
                "replies": [
                    {
                        "author": "helene.garcin@example.org",
                        "stance": "neutral",
                        "body": (
                            "Nous avons comparé : au-delà de 12 trajets par jour, le minibus "
                            "revient moins cher, et nous en prévoyons une trentaine. En "
                            "revanche, un **relais taxi** pour les trajets isolés après 22 h "
                            "serait bienvenu."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "emilie.arnaud@example.org",
                "stance": "question",
                "body": (
                    "Comment la navette s'articule-t-elle avec notre ligne régulière "
                    "Gap–Embrun–Briançon ? Il ne faudrait pas lui prendre ses voyageur·ses en "
                    "journée."
                ),
                "replies": [
                    {
                        "author": "helene.garcin@example.org",
                        "stance": "neutral",
                        "body": (
                            "La navette ne prend aucun trajet sur la RN 94 dans les 30 minutes "
                            "qui précèdent ou suivent un passage de votre ligne : elle la "
                            "complète en rabattant les hameaux vers vos arrêts."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "yves.bernard@example.org",
                "stance": "against",
                "body": (
                    "Encore un projet pour les amis de la mairie, comme le camping municipal. "
                    "Demandez donc à M. R., du garage de la route du lac, comment les marchés "
                    "sont attribués ici."
                ),
                "replies": [],
                "hidden_reason": "Propos hors sujet et nominatifs",
            },
            {
                "author": "valerie.silvestre@example.org",
                "stance": "for",
                "body": (
                    "Nos deux hôtels de Savines-le-Lac recrutent chaque année une douzaine de "
                    "saisonnier·es locaux. Le groupe confirme sa participation au titre de sa "
                    "politique RSE."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "lucie.borel@example.org",
                "stance": "question",
                "body": (
                    "Les aîné·es de Savines sans voiture pourraient-ils utiliser les places "
                    "libres en milieu de journée, pour un rendez-vous médical à Embrun ?"
                ),
                "replies": [
                    {
                        "author": "helene.garcin@example.org",
                        "stance": "neutral",
                        "body": (
                            "Pas la première année, car le financement est fléché sur "
                            "l'emploi. Une ouverture expérimentale entre 10 h et 15 h est "
                            "envisagée à partir de 2022, à voir au bilan."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "valerie.silvestre@example.org",
                "rationale": (
                    "Nos établissements du Lauzet-Ubaye et de Pontis peinent à recruter. "
                    "Prolonger la navette au-delà de Savines-le-Lac, jusqu'au Lauzet-Ubaye, "
                    "ouvrirait ces postes aux habitant·es de l'Embrunais."
                ),
                "status": "rejected",
                "decision_reason": (
                    "Le budget 2021 ne permet pas un second circuit ; la demande sera "
                    "réexaminée au bilan de la première saison."
                ),
                "changes": {
                    "zones": ["Vallée de l'Ubaye"],
                    "description": (
                        "1. Acquisition d'un minibus accessible de 9 places, conduit par deux "
                        "salarié·es en contrat d'insertion.\n"
                        "2. Réservation par téléphone ou SMS auprès de la plateforme de "
                        "Mobil'Alpes, sur prescription d'un·e conseiller·e emploi.\n"
                        "3. Service de 5 h 30 à 22 h, sept jours sur sept en saison estivale, "
                        "prolongé jusqu'à Pontis et au Lauzet-Ubaye.\n"
                        "4. Participation de 1 € par trajet, gratuité pour les allocataires "
                        "du RSA pendant les trois premiers mois d'emploi.\n"
                        "5. Bilan de fréquentation trimestriel et ajustement des horaires "
                        "avec les employeurs."
                    ),
                },
            },
        ],
        "merged_into": None,
    },
    # --- 2.3 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "coordinatrice@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "coordinatrice@example.org",
                "change_note": "",
                "content": {
                    "title": "Auto-école sociale de Gap et du Laragnais",
                    "objectives": [0],
                    "context": (
                        "Le permis B est exigé ou implicitement attendu dans plus de 70 % des "
                        "offres d'emploi du département. Pour les personnes en difficulté "
                        "d'apprentissage, de langue ou de financement, un coût moyen de "
                        "1 800 € et le rythme des auto-écoles classiques sont des obstacles "
                        "souvent insurmontables."
                    ),
                    "objectives_text": (
                        "Permettre à 60 personnes par an d'obtenir le permis B grâce à une "
                        "pédagogie adaptée, un reste à charge limité et un accompagnement "
                        "social."
                    ),
                    "description": (
                        "1. Ouverture de l'auto-école sociale à Gap (2020) et d'un point de "
                        "leçons à Laragne-Montéglin (2021).\n"
                        "2. Code de la route en petits groupes, avec des supports en facile à "
                        "lire et à comprendre (FALC) et en langues étrangères.\n"
                        "3. Leçons de conduite sur véhicule à double commande, au rythme de "
                        "chaque élève.\n"
                        "4. Mobilisation du compte personnel de formation et des aides du "
                        "Département.\n"
                        "5. Suivi de l'insertion professionnelle un an après l'obtention du "
                        "permis."
                    ),
                    "expected_results": (
                        "240 élèves inscrit·es entre 2020 et 2023, un taux de réussite à "
                        "l'examen pratique d'au moins 70 % et 60 % des élèves en emploi un an "
                        "après le permis."
                    ),
                    "lead_organization": "Mobil'Alpes",
                    "lead_contact": (
                        "Samia Latil, enseignante de la conduite et responsable pédagogique"
                    ),
                    "partners": [
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                        {
                            "organization": "Centre de formation aux métiers de la montagne",
                            "role": "technical",
                        },
                    ],
                    "target_audiences": (
                        "Demandeur·ses d'emploi et allocataires du RSA de Gap et du Laragnais, "
                        "personnes allophones ou en situation d'illettrisme"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 28_000},
                        {"year": 2020, "kind": "operating", "amount": 55_000},
                        {"year": 2021, "kind": "operating", "amount": 70_000},
                        {"year": 2022, "kind": "operating", "amount": 72_000},
                        {"year": 2023, "kind": "operating", "amount": 72_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 110_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 80_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisse solidaire des Alpes du Sud",
                            "nature": "financial_sponsorship",
                            "amount": 20_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Mobil'Alpes (participations des élèves et CPF)",
                            "nature": "own_funds",
                            "amount": 87_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Élèves inscrit·es à l'auto-école sociale",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "240",
                        },
                        {
                            "name": "Taux de réussite à l'examen pratique",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "70",
                        },
                        {
                            "name": "Élèves en emploi un an après l'obtention du permis",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "60",
                        },
                    ],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "chloe.motte@example.org",
                "stance": "for",
                "body": (
                    "Nous manquons de conducteur·rices de car. Une passerelle entre "
                    "l'auto-école sociale et le permis D, avec nos contrats de "
                    "professionnalisation, serait précieuse."
                ),
                "replies": [
                    {
                        "author": "coordinatrice@example.org",
                        "stance": "neutral",
                        "body": (
                            "Bonne idée : nous l'inscrivons au programme du groupe de travail "
                            "« recrutement » avec le Centre de formation aux métiers de la "
                            "montagne."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "fatima.ouali@example.org",
                "stance": "question",
                "body": (
                    "Les cours de code pourraient-ils avoir lieu au centre social du Haut-Gap ?"
                ),
                "replies": [
                    {
                        "author": "coordinatrice@example.org",
                        "stance": "neutral",
                        "body": (
                            "Mobil'Alpes est d'accord pour une séance par semaine au centre "
                            "social dès la rentrée, si la salle est disponible le mardi matin."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.4 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "contributrice@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "contributrice@example.org",
                "change_note": "",
                "content": {
                    "title": "Atelier vélo d'insertion et location de vélos électriques à Veynes",
                    "objectives": [0, 1],
                    "context": (
                        "À Veynes et alentour, beaucoup de trajets domicile–travail font moins "
                        "de 10 km, mais le relief décourage le vélo classique. L'atelier "
                        "associatif Roule ta bosse récupère chaque année plus de 300 vélos "
                        "abandonnés en déchetterie, dont une bonne partie pourrait être remise "
                        "en état."
                    ),
                    "objectives_text": (
                        "- Louer à petit prix 40 vélos à assistance électrique à des personnes "
                        "en insertion ou en emploi précaire\n"
                        "- Créer un chantier d'insertion de réparation et de réemploi de vélos "
                        "employant six salarié·es"
                    ),
                    "description": (
                        "1. Aménagement d'un atelier de 200 m² dans l'ancien garage municipal "
                        "de Veynes.\n"
                        "2. Conventionnement d'un atelier et chantier d'insertion de six "
                        "postes, encadré par un·e mécanicien·ne cycles.\n"
                        "3. Location longue durée de vélos à assistance électrique, de 10 à "
                        "25 € par mois selon les revenus.\n"
                        "4. Vente de vélos reconditionnés et ateliers d'autoréparation "
                        "ouverts à tou·tes le samedi."
                    ),
                    "expected_results": (
                        "40 vélos électriques en location, 250 vélos remis en circulation "
                        "chaque année et six postes en insertion en 2023."
                    ),
                    "lead_organization": "Atelier vélo Roule ta bosse",
                    "lead_contact": "Yannick Martin, coordinateur de l'atelier",
                    "partners": [
                        {"organization": "Mobil'Alpes", "role": "technical"},
                        {"organization": "Commune de Veynes", "role": "political"},
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Habitant·es de Veynes et du Buëch en recherche d'emploi ou en emploi "
                        "précaire ; salarié·es en parcours d'insertion"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 60_000},
                        {"year": 2021, "kind": "operating", "amount": 45_000},
                        {"year": 2022, "kind": "operating", "amount": 90_000},
                        {"year": 2023, "kind": "operating", "amount": 90_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 142_000,
                            "status": "requested",
                        },
                        {
                            "funder": "ADEME — programme AVELO",
                            "nature": "subsidy",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Commune de Veynes",
                            "nature": "in_kind",
                            "amount": 18_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 25_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Atelier vélo Roule ta bosse (ventes et locations)",
                            "nature": "own_funds",
                            "amount": 60_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Vélos à assistance électrique en location",
                            "unit": "vélos",
                            "kind": "output",
                            "baseline": "0",
                            "target": "40",
                        },
                        {
                            "name": "Postes en insertion à l'atelier",
                            "unit": "ETP",
                            "kind": "output",
                            "baseline": "0",
                            "target": "6",
                        },
                        {
                            "name": "Vélos remis en circulation",
                            "unit": "vélos/an",
                            "kind": "output",
                            "baseline": "60",
                            "target": "250",
                        },
                    ],
                    "priority": "medium",
                },
            },
            {
                "author": "animateur@example.org",
                "change_note": "Articulation avec la plateforme Mobil'Alpes précisée",
                "changes": {
                    "description": (
                        "1. Aménagement d'un atelier de 200 m² dans l'ancien garage municipal "
                        "de Veynes.\n"
                        "2. Conventionnement d'un atelier et chantier d'insertion de six "
                        "postes, encadré par un·e mécanicien·ne cycles.\n"
                        "3. Location longue durée de vélos à assistance électrique, de 10 à "
                        "25 € par mois selon les revenus, sur orientation de la plateforme "
                        "de mobilité solidaire (action 2.1).\n"
                        "4. Entretien du parc de vélos de la plateforme Mobil'Alpes.\n"
                        "5. Vente de vélos reconditionnés et ateliers d'autoréparation "
                        "ouverts à tou·tes le samedi."
                    ),
                },
            },
        ],
        "comments": [
            {
                "author": "manon.vincent@example.org",
                "stance": "for",
                "body": (
                    "Le collectif peut fournir des bénévoles pour les ateliers du samedi, et "
                    "plusieurs membres sont prêts à prêter leurs outils."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "bernard.allemand@example.org",
                "stance": "question",
                "body": (
                    "Où seront stockés les vélos électriques en location, et qui assure le parc ?"
                ),
                "replies": [
                    {
                        "author": "contributrice@example.org",
                        "stance": "neutral",
                        "body": (
                            "Dans une partie fermée du garage municipal, selon la convention "
                            "en cours de rédaction avec vos services. L'assurance est "
                            "mutualisée avec le parc de Mobil'Alpes."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.5 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "pierre.achard@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "pierre.achard@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Chantier d'insertion bois-énergie dans les forêts communales du Champsaur"
                    ),
                    "objectives": [1],
                    "context": (
                        "Les forêts communales du Champsaur sont peu exploitées faute de "
                        "main-d'œuvre, alors que les chaufferies bois des écoles et des "
                        "équipements publics achètent des plaquettes venues de l'Isère. Les "
                        "métiers de la forêt offrent des débouchés durables, mais les "
                        "entreprises locales peinent à recruter."
                    ),
                    "objectives_text": (
                        "Créer un chantier d'insertion de dix postes qui exploite le bois des "
                        "forêts communales et le transforme en plaquettes, avec un parcours "
                        "qualifiant vers les métiers de la forêt et du bois."
                    ),
                    "description": (
                        "1. Convention avec l'ONF et les communes pour cinq coupes par an.\n"
                        "2. Recrutement de dix salarié·es en contrat à durée déterminée "
                        "d'insertion, encadré·es par deux encadrants techniques.\n"
                        "3. Formations certifiantes : abattage, conduite d'engins, sécurité.\n"
                        "4. Vente des plaquettes aux chaufferies publiques du Champsaur.\n"
                        "5. Immersions en entreprise pour préparer les sorties vers l'emploi."
                    ),
                    "expected_results": (
                        "Dix postes en insertion conventionnés, 60 % de sorties dynamiques et "
                        "4 000 MAP de plaquettes locales livrées chaque année."
                    ),
                    "lead_organization": "SCIC Alpes Bois Énergie",
                    "lead_contact": "Pierre Achard, directeur de la SCIC",
                    "partners": [
                        {
                            "organization": "Syndicat intercommunal des vallées du Champsaur",
                            "role": "political",
                        },
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                        {
                            "organization": "Centre de formation aux métiers de la montagne",
                            "role": "technical",
                        },
                        {"organization": "Menuiserie alpine de Chorges", "role": "technical"},
                    ],
                    "target_audiences": (
                        "Demandeur·ses d'emploi de longue durée et jeunes sans qualification "
                        "du Champsaur et du Gapençais"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 85_000},
                        {"year": 2020, "kind": "operating", "amount": 90_000},
                        {"year": 2021, "kind": "operating", "amount": 160_000},
                        {"year": 2022, "kind": "operating", "amount": 170_000},
                        {"year": 2023, "kind": "operating", "amount": 170_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 380_000,
                            "status": "secured",
                        },
                        {
                            "funder": "FEADER (LEADER)",
                            "nature": "eu_funds",
                            "amount": 50_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 95_000,
                            "status": "requested",
                        },
                        {
                            "funder": "SCIC Alpes Bois Énergie (vente de plaquettes)",
                            "nature": "own_funds",
                            "amount": 150_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Postes en insertion conventionnés",
                            "unit": "ETP",
                            "kind": "output",
                            "baseline": "0",
                            "target": "10",
                        },
                        {
                            "name": "Taux de sorties dynamiques",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "60",
                        },
                        {
                            "name": "Plaquettes forestières locales livrées",
                            "unit": "MAP/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "4000",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "olivier.davin@example.org",
                "change_note": "Coupes d'Ancelle et de Saint-Bonnet ajoutées au programme",
                "changes": {
                    "description": (
                        "1. Convention avec l'ONF et les communes pour cinq coupes par an, "
                        "dont deux à Ancelle et à Saint-Bonnet-en-Champsaur dès 2021.\n"
                        "2. Recrutement de dix salarié·es en contrat à durée déterminée "
                        "d'insertion, encadré·es par deux encadrants techniques.\n"
                        "3. Formations certifiantes : abattage, conduite d'engins, sécurité.\n"
                        "4. Vente des plaquettes aux chaufferies publiques du Champsaur.\n"
                        "5. Immersions en entreprise pour préparer les sorties vers l'emploi."
                    ),
                },
            },
        ],
        "comments": [
            {
                "author": "laurent.tron@example.org",
                "stance": "for",
                "body": (
                    "La menuiserie accueillera deux salarié·es du chantier en immersion chaque "
                    "année, et nous embauchons régulièrement sur les postes de débit."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "marion.escallier@example.org",
                "stance": "question",
                "body": (
                    "Un suivi des sorties à 12 mois est-il prévu, au-delà de la sortie "
                    "immédiate du chantier ?"
                ),
                "replies": [
                    {
                        "author": "pierre.achard@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui, un appel à 6 et 12 mois par l'accompagnatrice "
                            "socioprofessionnelle. Nous serions heureux que le laboratoire "
                            "nous aide à en exploiter les résultats."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.6 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "valerie.silvestre@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "valerie.silvestre@example.org",
                "change_note": "",
                "content": {
                    "title": (
                        "Parcours qualifiants à l'année pour les saisonnier·es de Serre-Ponçon"
                    ),
                    "objectives": [1],
                    "context": (
                        "Les hôtels et campings de Serre-Ponçon et de l'Ubaye recrutent de mai "
                        "à septembre, les stations et les exploitations de l'Embrunais en "
                        "hiver : beaucoup de saisonnier·es alternent chômage et contrats courts "
                        "sans jamais se qualifier. Les employeurs, eux, recommencent chaque "
                        "année recrutement et formation."
                    ),
                    "objectives_text": (
                        "Construire avec un groupement d'employeurs des parcours annuels qui "
                        "enchaînent saison d'été en hôtellerie et saison d'hiver en station ou "
                        "en agriculture, avec une qualification reconnue à la clé."
                    ),
                    "description": (
                        "1. Création d'un groupement d'employeurs pour l'insertion et la "
                        "qualification (GEIQ) réunissant hôtels, campings, exploitations et "
                        "régies de remontées mécaniques.\n"
                        "2. Recrutement de 15 personnes par an, en priorité éloignées de "
                        "l'emploi.\n"
                        "3. Contrats de professionnalisation de douze mois, avec formation "
                        "au Centre de formation aux métiers de la montagne.\n"
                        "4. Logements saisonniers mobilisés avec l'Office public de l'habitat "
                        "alpin.\n"
                        "5. Accompagnement socioprofessionnel tout au long du parcours."
                    ),
                    "expected_results": (
                        "40 personnes recrutées en parcours annuel et 30 qualifications "
                        "obtenues d'ici fin 2023."
                    ),
                    "lead_organization": "Groupe hôtelier Altitude Sud",
                    "lead_contact": "Valérie Silvestre, directrice des ressources humaines",
                    "partners": [
                        {
                            "organization": "Centre de formation aux métiers de la montagne",
                            "role": "technical",
                        },
                        {
                            "organization": "Office public de l'habitat alpin",
                            "role": "technical",
                        },
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Saisonnier·es et demandeur·ses d'emploi de l'Embrunais, du Savinois "
                        "et de l'Ubaye"
                    ),
                    "zones": ["Vallée de l'Ubaye"],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 45_000},
                        {"year": 2022, "kind": "operating", "amount": 80_000},
                        {"year": 2023, "kind": "operating", "amount": 85_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Groupe hôtelier Altitude Sud",
                            "nature": "own_funds",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Opérateur de compétences (OPCO) de l'hôtellerie",
                            "nature": "subsidy",
                            "amount": 70_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "subsidy",
                            "amount": 50_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 50_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Personnes recrutées en parcours annuel",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "40",
                        },
                        {
                            "name": "Qualifications obtenues",
                            "unit": "certifications",
                            "kind": "result",
                            "baseline": "0",
                            "target": "30",
                        },
                    ],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "helene.garcin@example.org",
                "stance": "question",
                "body": (
                    "Le logement reste le point dur pour les saisonnier·es. Combien de "
                    "logements l'Office peut-il réellement mobiliser dès 2021 ?"
                ),
                "replies": [
                    {
                        "author": "valerie.silvestre@example.org",
                        "stance": "neutral",
                        "body": (
                            "Six logements à Embrun et quatre à Savines-le-Lac en 2021, puis "
                            "une dizaine de plus en 2022 avec la résidence de Chorges."
                        ),
                    },
                    {
                        "author": "celine.roux@example.org",
                        "stance": "neutral",
                        "body": "Je confirme ces chiffres pour l'Office.",
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "jeanne.ranguis@example.org",
                "stance": "against",
                "body": (
                    "Je crains qu'on institutionnalise la précarité : un parcours qui enchaîne "
                    "deux saisons reste un emploi saisonnier. Il faudrait viser des **CDI "
                    "annualisés** au sein du groupement."
                ),
                "replies": [
                    {
                        "author": "valerie.silvestre@example.org",
                        "stance": "neutral",
                        "body": (
                            "C'est l'objectif à terme : le GEIQ salarie les personnes à "
                            "l'année pendant le parcours, et nous visons des CDI annualisés "
                            "pour au moins la moitié des sortant·es."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "mathieu.reynaud@example.org",
                "stance": "for",
                "body": (
                    "Plusieurs fermes d'alpage cherchent du monde l'hiver pour la "
                    "transformation fromagère : nous sommes partants pour rejoindre le "
                    "groupement."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.7 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "isabelle.martinez@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "isabelle.martinez@example.org",
                "change_note": "",
                "content": {
                    "title": "Permanences emploi itinérantes dans les bourgs des vallées",
                    "objectives": [2],
                    "context": (
                        "À Guillestre, Savines-le-Lac, Saint-Bonnet-en-Champsaur ou dans le "
                        "Dévoluy, les habitant·es doivent parcourir jusqu'à 80 km pour "
                        "rencontrer un·e conseiller·e emploi ou faire valoir leurs droits. "
                        "Les permanences actuelles, mensuelles, sont saturées et mal connues."
                    ),
                    "objectives_text": (
                        "Porter de 6 à 20 le nombre de permanences mensuelles dans les bourgs "
                        "éloignés, en réunissant au même endroit et le même jour emploi, "
                        "droits sociaux et mobilité."
                    ),
                    "description": (
                        "1. Véhicule aménagé en bureau mobile, équipé d'une connexion "
                        "satellite.\n"
                        "2. Tournée bimensuelle dans huit communes : Guillestre, "
                        "Savines-le-Lac, Chorges, Saint-Bonnet-en-Champsaur, Orcières, "
                        "Saint-Étienne-en-Dévoluy, Serres et Rosans.\n"
                        "3. Présence coordonnée de Pôle emploi, de la mission locale, de la "
                        "CAF et de Mobil'Alpes.\n"
                        "4. Accueil dans les mairies, les tiers-lieux et les espaces France "
                        "services.\n"
                        "5. Tableau de bord partagé de la fréquentation et des suites données."
                    ),
                    "expected_results": (
                        "20 permanences par mois en 2023 et 1 800 personnes reçues chaque "
                        "année, dont un tiers qui n'avaient jamais rencontré de conseiller·e."
                    ),
                    "lead_organization": "Service départemental de l'emploi et des solidarités",
                    "lead_contact": "Karine Lagier, cheffe du pôle insertion",
                    "partners": [
                        {"organization": "Commune de Guillestre", "role": "political"},
                        {
                            "organization": "Syndicat intercommunal des vallées du Champsaur",
                            "role": "political",
                        },
                        {"organization": "Mobil'Alpes", "role": "technical"},
                        {
                            "organization": "Collectif des habitant·es du Dévoluy",
                            "role": "technical",
                        },
                    ],
                    "target_audiences": (
                        "Habitant·es des bourgs et hameaux éloignés en recherche d'emploi ou "
                        "en difficulté d'accès aux droits"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 75_000},
                        {"year": 2020, "kind": "operating", "amount": 30_000},
                        {"year": 2021, "kind": "operating", "amount": 60_000},
                        {"year": 2022, "kind": "operating", "amount": 62_000},
                        {"year": 2023, "kind": "operating", "amount": 62_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "own_funds",
                            "amount": 120_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 102_000,
                            "status": "secured",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 40_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Commune de Guillestre",
                            "nature": "in_kind",
                            "amount": 12_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Permanences itinérantes tenues chaque mois",
                            "unit": "permanences/mois",
                            "kind": "output",
                            "baseline": "6",
                            "target": "20",
                        },
                        {
                            "name": "Personnes reçues en permanence",
                            "unit": "personnes/an",
                            "kind": "output",
                            "baseline": "450",
                            "target": "1800",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "sandrine.faure@example.org",
                "change_note": "L'Argentière-la-Bessée et Vallouise ajoutées à la tournée",
                "changes": {
                    "description": (
                        "1. Véhicule aménagé en bureau mobile, équipé d'une connexion "
                        "satellite.\n"
                        "2. Tournée bimensuelle dans dix communes : Guillestre, "
                        "L'Argentière-la-Bessée, Vallouise, Savines-le-Lac, Chorges, "
                        "Saint-Bonnet-en-Champsaur, Orcières, Saint-Étienne-en-Dévoluy, "
                        "Serres et Rosans.\n"
                        "3. Présence coordonnée de Pôle emploi, de la mission locale, de la "
                        "CAF et de Mobil'Alpes.\n"
                        "4. Accueil dans les mairies, les tiers-lieux et les espaces France "
                        "services.\n"
                        "5. Tableau de bord partagé de la fréquentation et des suites données."
                    ),
                },
            },
            {
                "author": "isabelle.martinez@example.org",
                "change_note": "Subvention DETR obtenue ; mécénat du fonds de dotation sollicité",
                "changes": {
                    "funding_lines": [
                        {
                            "funder": "Service départemental de l'emploi et des solidarités",
                            "nature": "own_funds",
                            "amount": 120_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 102_000,
                            "status": "secured",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Commune de Guillestre",
                            "nature": "in_kind",
                            "amount": 12_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 15_000,
                            "status": "requested",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "marc.eymard@example.org",
                "stance": "question",
                "body": (
                    "Que devient la permanence du Dévoluy quand le col du Festre est fermé ou "
                    "les routes enneigées ?"
                ),
                "replies": [
                    {
                        "author": "isabelle.martinez@example.org",
                        "stance": "neutral",
                        "body": (
                            "Dans ce cas, la permanence bascule en visioconférence depuis le "
                            "tiers-lieu de Saint-Étienne-en-Dévoluy (action 2.8), avec un·e "
                            "bénévole du collectif sur place."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "sandrine.faure@example.org",
                "stance": "for",
                "body": (
                    "La commune met à disposition la salle du conseil et le parking de la "
                    "mairie chaque premier et troisième mardi du mois."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.8 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "marc.eymard@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "marc.eymard@example.org",
                "change_note": "",
                "content": {
                    "title": "Point emploi-mobilité au tiers-lieu du Dévoluy",
                    "objectives": [2, 0],
                    "context": (
                        "Le Dévoluy vit au rythme de la station de Superdévoluy : l'hiver, les "
                        "emplois abondent, mais hors saison les habitant·es permanent·es sont "
                        "à plus d'une heure de Gap. Le tiers-lieu ouvert par le collectif à "
                        "Saint-Étienne-en-Dévoluy accueille déjà un espace de travail partagé "
                        "et un point numérique."
                    ),
                    "objectives_text": (
                        "Faire du tiers-lieu un relais permanent pour l'emploi : accueil "
                        "hebdomadaire, accès aux offres, rendez-vous en visioconférence avec "
                        "les conseiller·es et covoiturage vers Veynes et Gap."
                    ),
                    "description": (
                        "1. Aménagement d'une cabine de visioconférence confidentielle.\n"
                        "2. Accueil bénévole deux demi-journées par semaine, par des "
                        "habitant·es formé·es aux outils de recherche d'emploi.\n"
                        "3. Rendez-vous à distance avec Pôle emploi, la mission locale et "
                        "Mobil'Alpes.\n"
                        "4. Tableau de covoiturage vers Veynes et Gap, relayé sur la "
                        "plateforme de Mobil'Alpes."
                    ),
                    "expected_results": (
                        "150 habitant·es accueilli·es chaque année à partir de 2022."
                    ),
                    "lead_organization": "Collectif des habitant·es du Dévoluy",
                    "lead_contact": "Aline Blanchard, coordinatrice du tiers-lieu",
                    "partners": [
                        {
                            "organization": (
                                "Service départemental de l'emploi et des solidarités"
                            ),
                            "role": "technical",
                        },
                        {"organization": "Mobil'Alpes", "role": "technical"},
                        {
                            "organization": "Fonds territorial d'initiative sociale 05",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Habitant·es permanent·es du Dévoluy, saisonnier·es en intersaison"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 12_000},
                        {"year": 2021, "kind": "operating", "amount": 15_000},
                        {"year": 2022, "kind": "operating", "amount": 20_000},
                        {"year": 2023, "kind": "operating", "amount": 20_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Fonds territorial d'initiative sociale 05",
                            "nature": "subsidy",
                            "amount": 25_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Commune de Dévoluy",
                            "nature": "subsidy",
                            "amount": 10_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Collectif des habitant·es du Dévoluy (bénévolat valorisé)",
                            "nature": "in_kind",
                            "amount": 15_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur — tiers-lieux",
                            "nature": "subsidy",
                            "amount": 17_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Habitant·es accueilli·es au point emploi",
                            "unit": "personnes/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "150",
                        },
                    ],
                    "priority": "low",
                },
            },
        ],
        "comments": [
            {
                "author": "isabelle.martinez@example.org",
                "stance": "for",
                "body": (
                    "Le tiers-lieu sera le point d'appui de la tournée itinérante (action 2.7) "
                    "en hiver. Nous formerons les bénévoles d'accueil à l'orientation."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 2.9 ---------------------------------------------------------------------------
    {
        "challenge": 2,
        "author": "robert.michel@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "robert.michel@example.org",
                "change_note": "",
                "content": {
                    "title": "Minibus solidaire Savines-le-Lac – Embrun pour aller travailler",
                    "objectives": [0],
                    "context": (
                        "À Savines-le-Lac, des jeunes refusent du travail à Embrun parce qu'il "
                        "n'y a plus de bus le soir. L'été, les hôtels et les bases nautiques "
                        "recrutent, mais les horaires ne collent pas avec la ligne régulière."
                    ),
                    "objectives_text": (
                        "Mettre en place un minibus le matin tôt et le soir entre "
                        "Savines-le-Lac et Embrun pour les personnes qui travaillent sans "
                        "voiture."
                    ),
                    "description": (
                        "1. Acheter ou louer un minibus de 9 places.\n"
                        "2. Faire appel à des conducteur·rices bénévoles retraité·es pour les "
                        "week-ends.\n"
                        "3. Deux départs le matin et deux le soir, avec réservation la veille "
                        "en mairie."
                    ),
                    "expected_results": (
                        "Une vingtaine de personnes transportées chaque jour en été."
                    ),
                    "lead_organization": "Entraide Durance Solidarités",
                    "lead_contact": "Robert Michel, habitant de Savines-le-Lac et bénévole",
                    "partners": [],
                    "target_audiences": "Habitant·es de Savines-le-Lac qui travaillent à Embrun",
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2022,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 45_000},
                        {"year": 2021, "kind": "operating", "amount": 20_000},
                        {"year": 2022, "kind": "operating", "amount": 20_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 40_000,
                            "status": "envisaged",
                        },
                        {
                            "funder": "Communes de Savines-le-Lac et d'Embrun",
                            "nature": "subsidy",
                            "amount": 20_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "animateur@example.org",
                "stance": "neutral",
                "body": (
                    "Cette fiche recoupe presque entièrement l'action 2.2 « Navette solidaire "
                    "Embrun–Savines » : même trajet, même public, même véhicule. Je propose "
                    "de la **fusionner dans la 2.2**, en y reprenant l'idée des "
                    "conducteur·rices bénévoles pour les week-ends."
                ),
                "replies": [
                    {
                        "author": "robert.michel@example.org",
                        "stance": "neutral",
                        "body": (
                            "Je n'avais pas vu la 2.2, d'accord pour la fusion. Je me porte "
                            "volontaire comme conducteur."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "helene.garcin@example.org",
                "stance": "for",
                "body": (
                    "Merci Robert : les conducteur·rices bénévoles permettraient d'assurer "
                    "les dimanches sans alourdir la masse salariale. Nous l'intégrons au "
                    "bilan de la première saison."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": (2, 1),
    },
    # =====================================================================================
    # Défi 3 — Bien vieillir et rompre l'isolement
    # =====================================================================================
    # --- 3.1 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "lucie.borel@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "lucie.borel@example.org",
                "change_note": "",
                "content": {
                    "title": "Équipes citoyennes de visite du Queyras et du Guillestrois",
                    "objectives": [0, 2],
                    "context": (
                        "Dans les hameaux du Queyras et du Guillestrois, un habitant sur trois "
                        "a plus de 65 ans, et l'hiver coupe parfois les routes plusieurs jours. "
                        "Le Relais des aînés anime depuis 2016 une équipe de 45 bénévoles à "
                        "Abriès, Aiguilles et Château-Ville-Vieille, qui ne suffit plus à "
                        "répondre aux demandes."
                    ),
                    "objectives_text": (
                        "- Quadrupler le nombre de bénévoles formé·es d'ici 2023\n"
                        "- Garantir à chaque personne âgée isolée repérée au moins deux visites "
                        "par mois, y compris en hiver"
                    ),
                    "description": (
                        "1. Campagne de recrutement avec les communes, les paroisses, les "
                        "clubs sportifs et les associations de parents d'élèves.\n"
                        "2. Formation initiale de deux jours (écoute, repérage des fragilités, "
                        "limites du rôle bénévole) avec la Plateforme d'appui gérontologique "
                        "du Briançonnais.\n"
                        "3. Binômes bénévole–aîné·e et planning partagé des visites.\n"
                        "4. Groupes de parole trimestriels pour les bénévoles."
                    ),
                    "expected_results": (
                        "180 bénévoles actif·ves et 180 personnes âgées visitées au moins deux "
                        "fois par mois dans le Queyras et le Guillestrois en 2023."
                    ),
                    "lead_organization": "Le Relais des aînés du Queyras",
                    "lead_contact": "Lucie Borel, coordinatrice du Relais",
                    "partners": [
                        {
                            "organization": ("Plateforme d'appui gérontologique du Briançonnais"),
                            "role": "technical",
                        },
                        {"organization": "Commune de Guillestre", "role": "political"},
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                    ],
                    "target_audiences": (
                        "Personnes âgées isolées des hameaux du Queyras et du Guillestrois ; "
                        "habitant·es souhaitant s'engager comme bénévoles"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 22_000},
                        {"year": 2021, "kind": "operating", "amount": 38_000},
                        {"year": 2022, "kind": "operating", "amount": 42_000},
                        {"year": 2023, "kind": "operating", "amount": 42_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": (
                                "Conférence des financeurs de la prévention de la perte d'autonomie"
                            ),
                            "nature": "subsidy",
                            "amount": 60_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisses de retraite (action sociale inter-régimes)",
                            "nature": "subsidy",
                            "amount": 20_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Commune de Guillestre",
                            "nature": "subsidy",
                            "amount": 8_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Le Relais des aînés du Queyras",
                            "nature": "own_funds",
                            "amount": 16_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Bénévoles formé·es",
                            "unit": "bénévoles",
                            "kind": "output",
                            "baseline": "45",
                            "target": "200",
                        },
                        {
                            "name": "Personnes âgées visitées au moins deux fois par mois",
                            "unit": "personnes",
                            "kind": "result",
                            "baseline": "40",
                            "target": "180",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "lucie.borel@example.org",
                "change_note": (
                    "Chaîne téléphonique hivernale ajoutée après l'épisode neigeux de janvier 2021"
                ),
                "changes": {
                    "description": (
                        "1. Campagne de recrutement avec les communes, les paroisses, les "
                        "clubs sportifs et les associations de parents d'élèves.\n"
                        "2. Formation initiale de deux jours (écoute, repérage des fragilités, "
                        "limites du rôle bénévole) avec la Plateforme d'appui gérontologique "
                        "du Briançonnais.\n"
                        "3. Binômes bénévole–aîné·e et planning partagé des visites.\n"
                        "4. **Chaîne téléphonique hivernale** : chaque personne visitée est "
                        "appelée chaque jour en cas d'épisode neigeux ou de coupure de route.\n"
                        "5. Groupes de parole trimestriels pour les bénévoles."
                    ),
                },
            },
            {
                "author": "lucie.borel@example.org",
                "change_note": "Budget 2022–2023 revu après le comité de pilotage",
                "changes": {
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 22_000},
                        {"year": 2021, "kind": "operating", "amount": 38_000},
                        {"year": 2022, "kind": "operating", "amount": 46_000},
                        {"year": 2023, "kind": "operating", "amount": 48_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": (
                                "Conférence des financeurs de la prévention de la perte d'autonomie"
                            ),
                            "nature": "subsidy",
                            "amount": 66_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisses de retraite (action sociale inter-régimes)",
                            "nature": "subsidy",
                            "amount": 24_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Commune de Guillestre",
                            "nature": "subsidy",
                            "amount": 8_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Le Relais des aînés du Queyras",
                            "nature": "own_funds",
                            "amount": 16_000,
                            "status": "secured",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "francois.chaix@example.org",
                "stance": "for",
                "body": (
                    "La Plateforme assurera la formation initiale : huit sessions par an, à "
                    "Guillestre et à Aiguilles, et un numéro unique pour les signalements des "
                    "bénévoles."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "jeanne.ranguis@example.org",
                "stance": "question",
                "body": (
                    "Comment sont protégées les données des personnes visitées dans le "
                    "planning partagé ? Il s'agit d'informations sensibles."
                ),
                "replies": [
                    {
                        "author": "lucie.borel@example.org",
                        "stance": "neutral",
                        "body": (
                            "Le planning ne contient que le prénom, le hameau et les créneaux. "
                            "Les informations de santé ne sont jamais saisies ; le "
                            "consentement écrit de chaque personne est recueilli à la "
                            "première visite."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "robert.michel@example.org",
                "stance": "against",
                "body": (
                    "Je suis réservé sur le fait de confier le repérage des fragilités à des "
                    "bénévoles. Ce n'est pas leur rôle, et cela risque de décharger les "
                    "services publics de leurs responsabilités."
                ),
                "replies": [
                    {
                        "author": "lucie.borel@example.org",
                        "stance": "neutral",
                        "body": (
                            "Les bénévoles n'évaluent rien : ils **signalent** une inquiétude, "
                            "et c'est la Plateforme qui évalue et oriente. La formation insiste "
                            "justement sur ces limites."
                        ),
                    },
                    {
                        "author": "francois.chaix@example.org",
                        "stance": "neutral",
                        "body": (
                            "Je confirme : chaque signalement donne lieu à un rappel d'un·e "
                            "professionnel·le sous 48 heures."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "sandrine.faure@example.org",
                "stance": "for",
                "body": (
                    "La commune met à disposition la salle polyvalente pour les formations et "
                    "les groupes de parole, et relaiera l'appel à bénévoles dans son bulletin."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "catherine.vallon@example.org",
                "stance": "neutral",
                "body": (
                    "Pour la Fondation, le bon indicateur n'est pas le nombre de bénévoles "
                    "formé·es mais le nombre de bénévoles **encore actif·ves** un an après. "
                    "Je propose un amendement dans ce sens."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "yves.bernard@example.org",
                "stance": "for",
                "body": (
                    "Bénévole depuis trois ans à Aiguilles : pour certaines personnes, notre "
                    "visite est la seule de la semaine en hiver. Le besoin est immense."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "catherine.vallon@example.org",
                "rationale": (
                    "Distinguer les bénévoles formé·es des bénévoles réellement actif·ves un "
                    "an après leur formation : c'est la fidélisation qui conditionne la "
                    "régularité des visites."
                ),
                "status": "accepted",
                "decision_reason": (
                    "Accepté : l'indicateur d'activité est ajouté et suivi dans le registre "
                    "partagé des équipes citoyennes."
                ),
                "changes": {
                    "indicators": [
                        {
                            "name": "Bénévoles formé·es",
                            "unit": "bénévoles",
                            "kind": "output",
                            "baseline": "45",
                            "target": "200",
                        },
                        {
                            "name": "Bénévoles encore actif·ves un an après leur formation",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "75",
                        },
                        {
                            "name": "Personnes âgées visitées au moins deux fois par mois",
                            "unit": "personnes",
                            "kind": "result",
                            "baseline": "40",
                            "target": "180",
                        },
                    ],
                },
            },
        ],
        "merged_into": None,
    },
    # --- 3.2 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "francois.chaix@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "francois.chaix@example.org",
                "change_note": "",
                "content": {
                    "title": "Former des « sentinelles » au repérage des fragilités des aîné·es",
                    "objectives": [0],
                    "context": (
                        "Bénévoles, aides à domicile, facteur·rices ou commerçant·es "
                        "ambulant·es voient chaque semaine des personnes âgées dont l'état se "
                        "dégrade, sans savoir à qui le signaler. Les situations arrivent "
                        "souvent à la Plateforme au moment d'une hospitalisation en urgence à "
                        "Briançon ou à Gap."
                    ),
                    "objectives_text": (
                        "Former 300 sentinelles au repérage des signes de fragilité et leur "
                        "offrir un circuit de signalement unique et simple vers la Plateforme."
                    ),
                    "description": (
                        "1. Module de formation de trois heures : grille de repérage, "
                        "situations types, numéro unique.\n"
                        "2. Sessions dans chaque bassin de vie : Briançon, "
                        "L'Argentière-la-Bessée, Guillestre, Embrun et Gap.\n"
                        "3. Numéro et formulaire en ligne de signalement, avec rappel d'un·e "
                        "professionnel·le sous 48 heures.\n"
                        "4. Retour d'information anonymisé aux sentinelles sur les suites "
                        "données."
                    ),
                    "expected_results": (
                        "300 sentinelles formées d'ici 2023 et 90 % des signalements traités "
                        "sous 48 heures."
                    ),
                    "lead_organization": "Plateforme d'appui gérontologique du Briançonnais",
                    "lead_contact": "François Chaix, médecin coordonnateur",
                    "partners": [
                        {
                            "organization": "Le Relais des aînés du Queyras",
                            "role": "technical",
                        },
                        {
                            "organization": "Entraide Durance Solidarités",
                            "role": "technical",
                        },
                        {"organization": "Taxis des Écrins", "role": "technical"},
                    ],
                    "target_audiences": (
                        "Bénévoles, aides à domicile, commerçant·es itinérant·es, "
                        "chauffeur·ses de taxi et agent·es communaux au contact des aîné·es"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 25_000},
                        {"year": 2022, "kind": "operating", "amount": 25_000},
                        {"year": 2023, "kind": "operating", "amount": 20_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Agence régionale de santé Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 45_000,
                            "status": "secured",
                        },
                        {
                            "funder": (
                                "Conférence des financeurs de la prévention de la perte d'autonomie"
                            ),
                            "nature": "subsidy",
                            "amount": 20_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Plateforme d'appui gérontologique du Briançonnais",
                            "nature": "own_funds",
                            "amount": 5_000,
                            "status": "secured",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Sentinelles formées",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "300",
                        },
                        {
                            "name": "Signalements traités sous 48 heures",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "90",
                        },
                    ],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "karim.haddad@example.org",
                "stance": "for",
                "body": (
                    "Nos chauffeur·ses conduisent chaque jour des patient·es âgé·es vers "
                    "Briançon et Gap. Huit d'entre eux sont volontaires pour la formation."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "helene.garcin@example.org",
                "stance": "question",
                "body": (
                    "Une session est-elle prévue pour les bénévoles de l'Embrunais et de "
                    "Savines-le-Lac, qui dépendent pourtant du secteur de Gap ?"
                ),
                "replies": [
                    {
                        "author": "francois.chaix@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui, la session d'Embrun leur est ouverte. Les signalements du "
                            "secteur de Gap seront transmis au dispositif d'appui voisin, "
                            "avec lequel nous avons une convention."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 3.3 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "celine.roux@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "celine.roux@example.org",
                "change_note": "",
                "content": {
                    "title": "Adapter 150 logements sociaux au vieillissement de leurs locataires",
                    "objectives": [1],
                    "context": (
                        "Un tiers des locataires de l'Office ont plus de 65 ans, et beaucoup "
                        "vivent dans des logements des années 1970 à Gap, Briançon ou Embrun : "
                        "baignoires, marches, chauffage électrique coûteux. Les demandes de "
                        "mutation vers un rez-de-chaussée restent des années en attente."
                    ),
                    "objectives_text": (
                        "Adapter 150 logements occupés par des locataires âgé·es d'ici 2023 "
                        "(douche de plain-pied, barres d'appui, volets motorisés, thermostat "
                        "simple), sans hausse de loyer."
                    ),
                    "description": (
                        "1. Diagnostic à domicile par un·e ergothérapeute, avec le ou la "
                        "locataire.\n"
                        "2. Travaux par lots, confiés notamment à des entreprises locales et "
                        "à une régie d'insertion.\n"
                        "3. Menuiseries adaptées fabriquées par la Menuiserie alpine de "
                        "Chorges.\n"
                        "4. Accompagnement des locataires pendant les travaux par des "
                        "bénévoles des équipes de visite.\n"
                        "5. Enquête de satisfaction six mois après les travaux."
                    ),
                    "expected_results": (
                        "150 logements adaptés fin 2023, sans hausse de loyer, et au moins "
                        "85 % de locataires satisfait·es."
                    ),
                    "lead_organization": "Office public de l'habitat alpin",
                    "lead_contact": "Céline Roux, responsable de la maîtrise d'ouvrage",
                    "partners": [
                        {"organization": "Menuiserie alpine de Chorges", "role": "technical"},
                        {
                            "organization": ("Plateforme d'appui gérontologique du Briançonnais"),
                            "role": "technical",
                        },
                        {
                            "organization": "Caisse solidaire des Alpes du Sud",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Locataires de 65 ans et plus de l'Office public de l'habitat alpin"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 90_000},
                        {"year": 2021, "kind": "investment", "amount": 200_000},
                        {"year": 2021, "kind": "operating", "amount": 20_000},
                        {"year": 2022, "kind": "investment", "amount": 200_000},
                        {"year": 2023, "kind": "investment", "amount": 160_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Office public de l'habitat alpin",
                            "nature": "own_funds",
                            "amount": 400_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 120_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisse nationale de solidarité pour l'autonomie",
                            "nature": "subsidy",
                            "amount": 100_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Logements adaptés au vieillissement",
                            "unit": "logements",
                            "kind": "output",
                            "baseline": "0",
                            "target": "150",
                        },
                        {
                            "name": "Locataires satisfait·es six mois après les travaux",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "85",
                        },
                    ],
                    "priority": "high",
                },
            },
            {
                "author": "celine.roux@example.org",
                "change_note": "Objectif porté à 180 logements après l'accord de financement",
                "changes": {
                    "title": "Adapter 180 logements sociaux au vieillissement de leurs locataires",
                    "objectives_text": (
                        "Adapter 180 logements occupés par des locataires âgé·es d'ici 2023 "
                        "(douche de plain-pied, barres d'appui, volets motorisés, thermostat "
                        "simple), sans hausse de loyer."
                    ),
                    "expected_results": (
                        "180 logements adaptés fin 2023, sans hausse de loyer, et au moins "
                        "85 % de locataires satisfait·es."
                    ),
                    "budget_lines": [
                        {"year": 2020, "kind": "investment", "amount": 90_000},
                        {"year": 2021, "kind": "investment", "amount": 240_000},
                        {"year": 2021, "kind": "operating", "amount": 20_000},
                        {"year": 2022, "kind": "investment", "amount": 240_000},
                        {"year": 2023, "kind": "investment", "amount": 200_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Office public de l'habitat alpin",
                            "nature": "own_funds",
                            "amount": 480_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 120_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisse nationale de solidarité pour l'autonomie",
                            "nature": "subsidy",
                            "amount": 150_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Caisses de retraite (action sociale inter-régimes)",
                            "nature": "subsidy",
                            "amount": 40_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Logements adaptés au vieillissement",
                            "unit": "logements",
                            "kind": "output",
                            "baseline": "0",
                            "target": "180",
                        },
                        {
                            "name": "Locataires satisfait·es six mois après les travaux",
                            "unit": "%",
                            "kind": "result",
                            "baseline": "",
                            "target": "85",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "laurent.tron@example.org",
                "stance": "for",
                "body": (
                    "Nous avons conçu avec un ergothérapeute une fenêtre à ouverture basse et "
                    "une porte de douche sans seuil, fabriquées à Chorges en mélèze local."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "fatima.ouali@example.org",
                "stance": "question",
                "body": "Les logements du Haut-Gap font-ils partie du programme ?",
                "replies": [
                    {
                        "author": "celine.roux@example.org",
                        "stance": "neutral",
                        "body": (
                            "Oui : 45 logements du Haut-Gap sont programmés en 2022, en "
                            "priorité dans les bâtiments sans ascenseur."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 3.4 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "sandrine.faure@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "sandrine.faure@example.org",
                "change_note": "",
                "content": {
                    "title": "Habitat inclusif dans l'ancienne gendarmerie de Guillestre",
                    "objectives": [1, 2],
                    "context": (
                        "Beaucoup d'aîné·es du Guillestrois et du Queyras quittent leur maison "
                        "de hameau pour un EHPAD à Embrun ou à Briançon, faute de solution "
                        "intermédiaire. L'ancienne gendarmerie, propriété de la commune, est "
                        "vide depuis 2018, à deux pas des commerces et de la maison de santé."
                    ),
                    "objectives_text": (
                        "Créer huit logements d'habitat inclusif avec un espace commun et un·e "
                        "animateur·rice de vie partagée, pour permettre de vieillir au village "
                        "sans être seul·e."
                    ),
                    "description": (
                        "1. Étude de programmation et concertation avec les futur·es "
                        "habitant·es (2021).\n"
                        "2. Réhabilitation par l'Office public de l'habitat alpin, dans le "
                        "cadre d'un bail à réhabilitation.\n"
                        "3. Projet de vie sociale et partagée co-écrit avec les habitant·es "
                        "et le Relais des aînés du Queyras.\n"
                        "4. Recrutement d'un·e animateur·rice financé·e par l'aide à la vie "
                        "partagée.\n"
                        "5. Ouverture prévue à l'automne 2023."
                    ),
                    "expected_results": (
                        "Huit places d'habitat inclusif ouvertes fin 2023 et un espace commun "
                        "ouvert aux aîné·es du bourg deux après-midi par semaine."
                    ),
                    "lead_organization": "Commune de Guillestre",
                    "lead_contact": "Sandrine Faure, adjointe aux solidarités",
                    "partners": [
                        {
                            "organization": "Office public de l'habitat alpin",
                            "role": "technical",
                        },
                        {
                            "organization": "Le Relais des aînés du Queyras",
                            "role": "technical",
                        },
                        {
                            "organization": ("Plateforme d'appui gérontologique du Briançonnais"),
                            "role": "technical",
                        },
                        {
                            "organization": "Fonds de dotation Montagne partagée",
                            "role": "financial",
                        },
                    ],
                    "target_audiences": (
                        "Personnes de plus de 65 ans du Guillestrois et du Queyras souhaitant "
                        "quitter un logement isolé"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 25_000},
                        {"year": 2022, "kind": "investment", "amount": 250_000},
                        {"year": 2023, "kind": "investment", "amount": 230_000},
                        {"year": 2023, "kind": "operating", "amount": 20_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Commune de Guillestre (apport du bâtiment)",
                            "nature": "in_kind",
                            "amount": 90_000,
                            "status": "secured",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 100_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 80_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 25_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Places ouvertes en habitat inclusif",
                            "unit": "places",
                            "kind": "output",
                            "baseline": "0",
                            "target": "8",
                        },
                        {
                            "name": "Habitant·es déclarant se sentir souvent seul·es",
                            "unit": "%",
                            "kind": "impact",
                            "baseline": "",
                            "target": "",
                        },
                    ],
                    "priority": "medium",
                },
            },
            {
                "author": "celine.roux@example.org",
                "change_note": (
                    "Bail à réhabilitation confirmé par le conseil d'administration de l'Office"
                ),
                "changes": {
                    "funding_lines": [
                        {
                            "funder": "Commune de Guillestre (apport du bâtiment)",
                            "nature": "in_kind",
                            "amount": 90_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Office public de l'habitat alpin",
                            "nature": "own_funds",
                            "amount": 220_000,
                            "status": "secured",
                        },
                        {
                            "funder": "État — DETR",
                            "nature": "subsidy",
                            "amount": 100_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Région Provence-Alpes-Côte d'Azur",
                            "nature": "subsidy",
                            "amount": 80_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 25_000,
                            "status": "envisaged",
                        },
                    ],
                },
            },
        ],
        "comments": [
            {
                "author": "lucie.borel@example.org",
                "stance": "for",
                "body": (
                    "Plusieurs personnes que nous visitons dans le Queyras nous ont dit "
                    "qu'elles rejoindraient volontiers Guillestre si elles n'avaient pas à "
                    "entrer en EHPAD. Le Relais animera l'espace commun avec plaisir."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "marion.escallier@example.org",
                "stance": "question",
                "body": (
                    "L'indicateur d'impact n'a ni valeur de départ ni cible : comment "
                    "comptez-vous mesurer l'effet sur l'isolement ?"
                ),
                "replies": [
                    {
                        "author": "sandrine.faure@example.org",
                        "stance": "neutral",
                        "body": (
                            "La valeur de départ sera mesurée à l'entrée des habitant·es, qui "
                            "seront intégré·es à l'échantillon du baromètre (action 3.6). La "
                            "cible sera fixée à ce moment-là."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [
            {
                "author": "francois.chaix@example.org",
                "rationale": (
                    "Les personnes handicapées vieillissantes du Guillestrois n'ont aucune "
                    "solution entre le domicile parental et l'établissement. Réserver deux "
                    "des huit logements à ce public répondrait à un besoin repéré par la "
                    "Plateforme."
                ),
                "status": "open",
                "decision_reason": "",
                "changes": {
                    "objectives_text": (
                        "Créer huit logements d'habitat inclusif, dont deux réservés à des "
                        "personnes en situation de handicap vieillissantes, avec un espace "
                        "commun et un·e animateur·rice de vie partagée, pour permettre de "
                        "vieillir au village sans être seul·e."
                    ),
                    "target_audiences": (
                        "Personnes de plus de 65 ans du Guillestrois et du Queyras souhaitant "
                        "quitter un logement isolé ; personnes en situation de handicap "
                        "vieillissantes"
                    ),
                },
            },
        ],
        "merged_into": None,
    },
    # --- 3.5 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "olivier.davin@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "olivier.davin@example.org",
                "change_note": "",
                "content": {
                    "title": "Cafés des aîné·es itinérants dans les villages du Haut-Champsaur",
                    "objectives": [0, 2],
                    "context": (
                        "Dans les villages du Haut-Champsaur, les lieux de rencontre ont "
                        "disparu avec la fermeture des cafés et des bureaux de poste. De "
                        "nombreuses personnes âgées ne sortent plus de chez elles de novembre "
                        "à mars, sauf pour les courses à Saint-Bonnet-en-Champsaur."
                    ),
                    "objectives_text": (
                        "Recréer chaque semaine un moment de convivialité dans un village "
                        "différent, et en faire une porte d'entrée vers les équipes de visite "
                        "et les services."
                    ),
                    "description": (
                        "1. Tournée dans six villages (Ancelle, Orcières, Champoléon, "
                        "La Motte-en-Champsaur, Saint-Léger-les-Mélèzes, Chabottes), un "
                        "après-midi par semaine.\n"
                        "2. Café, jeux, ateliers mémoire et passage du camion de la "
                        "coopérative laitière pour les courses.\n"
                        "3. Transport à la demande depuis les hameaux, assuré par Taxis des "
                        "Écrins à tarif conventionné.\n"
                        "4. Orientation des personnes repérées vers les équipes citoyennes de "
                        "visite."
                    ),
                    "expected_results": (
                        "150 après-midi organisés par an et 90 participant·es réguliers, dont "
                        "un tiers qui ne participaient à aucune activité auparavant."
                    ),
                    "lead_organization": "Syndicat intercommunal des vallées du Champsaur",
                    "lead_contact": "Martine Bonnet, animatrice sociale",
                    "partners": [
                        {
                            "organization": "Coopérative laitière du Champsaur",
                            "role": "technical",
                        },
                        {
                            "organization": "Le Relais des aînés du Queyras",
                            "role": "technical",
                        },
                        {"organization": "Taxis des Écrins", "role": "technical"},
                    ],
                    "target_audiences": (
                        "Personnes âgées vivant seules dans les villages et hameaux du "
                        "Haut-Champsaur"
                    ),
                    "zones": ["Haut-Champsaur"],
                    "first_year": 2021,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2021, "kind": "investment", "amount": 8_000},
                        {"year": 2021, "kind": "operating", "amount": 18_000},
                        {"year": 2022, "kind": "operating", "amount": 26_000},
                        {"year": 2023, "kind": "operating", "amount": 26_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Syndicat intercommunal des vallées du Champsaur",
                            "nature": "own_funds",
                            "amount": 20_000,
                            "status": "secured",
                        },
                        {
                            "funder": (
                                "Conférence des financeurs de la prévention de la perte d'autonomie"
                            ),
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Mutualité sociale agricole Alpes-Vaucluse",
                            "nature": "subsidy",
                            "amount": 15_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 13_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Cafés des aîné·es organisés",
                            "unit": "après-midi/an",
                            "kind": "output",
                            "baseline": "0",
                            "target": "150",
                        },
                        {
                            "name": "Participant·es réguliers",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "90",
                        },
                    ],
                    "priority": "medium",
                },
            },
        ],
        "comments": [
            {
                "author": "mathieu.reynaud@example.org",
                "stance": "for",
                "body": (
                    "Le camion de la coopérative peut caler ses arrêts sur les cafés : les "
                    "gens font leurs courses et restent prendre un café, c'est tout l'intérêt."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "karim.haddad@example.org",
                "stance": "question",
                "body": (
                    "Quel tarif conventionné envisagez-vous pour le transport depuis les "
                    "hameaux ? Les distances à Champoléon ou Orcières sont longues."
                ),
                "replies": [
                    {
                        "author": "olivier.davin@example.org",
                        "stance": "neutral",
                        "body": (
                            "Un forfait par après-midi et par village plutôt qu'à la course, "
                            "avec un reste à charge de 2 € par personne. Nous proposons d'en "
                            "discuter lors de la préparation de la convention."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 3.6 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "coordinatrice@example.org",
        "status": "submitted",
        "revisions": [
            {
                "author": "coordinatrice@example.org",
                "change_note": "",
                "content": {
                    "title": "Baromètre départemental de l'isolement des aîné·es",
                    "objectives": [2],
                    "context": (
                        "La mesure de référence de 2019 (27 % des 75 ans et plus se sentent "
                        "souvent seul·es) repose sur une enquête ponctuelle, réalisée une "
                        "seule fois. Sans enquête répétée, le plan ne saura pas si ses "
                        "actions réduisent réellement la solitude des aîné·es."
                    ),
                    "objectives_text": (
                        "Mesurer chaque année, auprès d'un échantillon représentatif de "
                        "1 000 personnes de 75 ans et plus, le sentiment de solitude, la "
                        "fréquence des contacts et le recours aux services."
                    ),
                    "description": (
                        "1. Questionnaire co-construit avec les associations et validé par "
                        "un comité scientifique.\n"
                        "2. Passation par téléphone et en face à face par des étudiant·es "
                        "formé·es.\n"
                        "3. Publication annuelle et restitution publique dans chaque bassin "
                        "de vie.\n"
                        "4. Mise à disposition des données anonymisées en open data."
                    ),
                    "expected_results": (
                        "Quatre vagues d'enquête de 2020 à 2023 et un indicateur d'impact "
                        "fiable pour piloter le défi 3."
                    ),
                    "lead_organization": "Laboratoire Montagne et territoires — antenne de Gap",
                    "lead_contact": "Julie Ranchin, maîtresse de conférences en géographie",
                    "partners": [
                        {"organization": "Udess 05", "role": "technical"},
                        {
                            "organization": ("Plateforme d'appui gérontologique du Briançonnais"),
                            "role": "technical",
                        },
                        {"organization": "Fondation Alpes solidaires", "role": "financial"},
                    ],
                    "target_audiences": (
                        "Acteurs du plan, collectivités et financeurs ; personnes de 75 ans "
                        "et plus interrogées"
                    ),
                    "zones": [],
                    "first_year": 2020,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2020, "kind": "operating", "amount": 30_000},
                        {"year": 2021, "kind": "operating", "amount": 24_000},
                        {"year": 2022, "kind": "operating", "amount": 24_000},
                        {"year": 2023, "kind": "operating", "amount": 28_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 40_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Laboratoire Montagne et territoires — antenne de Gap",
                            "nature": "in_kind",
                            "amount": 30_000,
                            "status": "secured",
                        },
                        {
                            "funder": "Département des Hautes-Alpes",
                            "nature": "subsidy",
                            "amount": 20_000,
                            "status": "requested",
                        },
                        {
                            "funder": "Fonds de dotation Montagne partagée",
                            "nature": "financial_sponsorship",
                            "amount": 16_000,
                            "status": "requested",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Personnes interrogées chaque année",
                            "unit": "personnes",
                            "kind": "output",
                            "baseline": "400",
                            "target": "1000",
                        },
                        {
                            "name": "Part des 75 ans et plus se sentant souvent seul·es",
                            "unit": "%",
                            "kind": "impact",
                            "baseline": "27",
                            "target": "20",
                        },
                    ],
                    "priority": "medium",
                },
            },
            {
                "author": "coordinatrice@example.org",
                "change_note": "Suréchantillon du Haut-Champsaur, territoire pilote, ajouté",
                "changes": {
                    "description": (
                        "1. Questionnaire co-construit avec les associations et validé par "
                        "un comité scientifique.\n"
                        "2. Passation par téléphone et en face à face par des étudiant·es "
                        "formé·es.\n"
                        "3. Suréchantillon de 200 personnes dans le Haut-Champsaur, pour "
                        "mesurer l'effet des actions conduites sur le territoire pilote.\n"
                        "4. Publication annuelle et restitution publique dans chaque bassin "
                        "de vie.\n"
                        "5. Mise à disposition des données anonymisées en open data."
                    ),
                    "zones": ["Haut-Champsaur"],
                },
            },
        ],
        "comments": [
            {
                "author": "marion.escallier@example.org",
                "stance": "neutral",
                "body": (
                    "Le laboratoire confirme sa participation : deux doctorant·es encadreront "
                    "la passation, et le questionnaire reprendra l'échelle de solitude "
                    "utilisée dans les enquêtes nationales, pour permettre les comparaisons."
                ),
                "replies": [],
                "hidden_reason": None,
            },
            {
                "author": "philippe.rolland@example.org",
                "stance": "question",
                "body": (
                    "Quel est le coût par questionnaire, et peut-on le réduire avec des bénévoles ?"
                ),
                "replies": [
                    {
                        "author": "coordinatrice@example.org",
                        "stance": "neutral",
                        "body": (
                            "Environ 24 € par questionnaire. Nous préférons des enquêteur·rices "
                            "formé·es : des bénévoles qui visitent les mêmes personnes "
                            "biaiseraient les réponses sur la solitude."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 3.7 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "karim.haddad@example.org",
        "status": "withdrawn",
        "revisions": [
            {
                "author": "karim.haddad@example.org",
                "change_note": "",
                "content": {
                    "title": "Transport accompagné des aîné·es vers les consultations médicales",
                    "objectives": [2],
                    "context": (
                        "Les personnes âgées sans voiture du Briançonnais et de l'Embrunais "
                        "renoncent à des consultations de spécialistes à Gap faute "
                        "d'accompagnement. Le transport sanitaire n'est remboursé que sur "
                        "prescription, et personne ne les accompagne dans les couloirs de "
                        "l'hôpital."
                    ),
                    "objectives_text": (
                        "Proposer un transport de porte à porte avec un·e accompagnateur·rice "
                        "qui reste pendant la consultation, à un tarif social."
                    ),
                    "description": (
                        "1. Réservation auprès de la Plateforme d'appui gérontologique.\n"
                        "2. Transport en taxi conventionné, avec un·e accompagnateur·rice "
                        "formé·e.\n"
                        "3. Tarif social de 10 € l'aller-retour, la différence étant prise en "
                        "charge par un fonds dédié."
                    ),
                    "expected_results": "500 accompagnements par an à partir de 2022.",
                    "lead_organization": "Taxis des Écrins",
                    "lead_contact": "Karim Haddad, gérant",
                    "partners": [
                        {
                            "organization": ("Plateforme d'appui gérontologique du Briançonnais"),
                            "role": "technical",
                        },
                        {
                            "organization": "Entraide Durance Solidarités",
                            "role": "technical",
                        },
                    ],
                    "target_audiences": (
                        "Personnes de 75 ans et plus sans véhicule du Briançonnais et de "
                        "l'Embrunais"
                    ),
                    "zones": [],
                    "first_year": 2021,
                    "last_year": 2022,
                    "budget_lines": [
                        {"year": 2021, "kind": "operating", "amount": 35_000},
                        {"year": 2022, "kind": "operating", "amount": 40_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": (
                                "Conférence des financeurs de la prévention de la perte d'autonomie"
                            ),
                            "nature": "subsidy",
                            "amount": 30_000,
                            "status": "envisaged",
                        },
                        {
                            "funder": "Taxis des Écrins",
                            "nature": "own_funds",
                            "amount": 10_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [],
                    "priority": "low",
                },
            },
        ],
        "comments": [
            {
                "author": "francois.chaix@example.org",
                "stance": "neutral",
                "body": (
                    "La Plateforme lance en 2021, avec l'ARS, un service d'accompagnement "
                    "bénévole aux consultations pour les 75 ans et plus. Il y a un risque de "
                    "doublon : pourquoi ne pas rejoindre ce dispositif comme transporteur "
                    "conventionné ?"
                ),
                "replies": [
                    {
                        "author": "karim.haddad@example.org",
                        "stance": "neutral",
                        "body": (
                            "Vous avez raison. Je retire la fiche : nos chauffeur·ses "
                            "rejoindront votre dispositif et suivront la formation des "
                            "sentinelles (action 3.2)."
                        ),
                    },
                ],
                "hidden_reason": None,
            },
            {
                "author": "helene.garcin@example.org",
                "stance": "against",
                "body": (
                    "Même à tarif social, le taxi reste trop cher pour beaucoup de retraité·es "
                    "de l'Embrunais, et le fonds de compensation n'est pas identifié."
                ),
                "replies": [],
                "hidden_reason": None,
            },
        ],
        "amendments": [],
        "merged_into": None,
    },
    # --- 3.8 ---------------------------------------------------------------------------
    {
        "challenge": 3,
        "author": "fatima.ouali@example.org",
        "status": "draft",
        "revisions": [
            {
                "author": "fatima.ouali@example.org",
                "change_note": "",
                "content": {
                    "title": "Cohabitation intergénérationnelle entre étudiant·es et aîné·es à Gap",
                    "objectives": [1, 2],
                    "context": (
                        "À Gap, les étudiant·es de l'IUT et de l'institut de formation en "
                        "soins infirmiers peinent à se loger, tandis que de nombreuses "
                        "personnes âgées vivent seules dans de grands appartements du "
                        "Haut-Gap et du centre-ville."
                    ),
                    "objectives_text": (
                        "Mettre en relation étudiant·es et aîné·es pour une cohabitation "
                        "solidaire : une chambre à loyer modéré contre une présence le soir et "
                        "des petits services."
                    ),
                    "description": (
                        "Brouillon à compléter avec le conseil citoyen :\n\n"
                        "- charte de cohabitation et convention type ;\n"
                        "- entretiens croisés avant chaque mise en relation ;\n"
                        "- suivi par une association spécialisée (à identifier)."
                    ),
                    "expected_results": "Une vingtaine de binômes constitués d'ici fin 2023.",
                    "lead_organization": "Conseil citoyen du Haut-Gap",
                    "lead_contact": "Fatima Ouali, membre du conseil citoyen",
                    "partners": [],
                    "target_audiences": (
                        "Personnes âgées vivant seules à Gap ; étudiant·es et apprenti·es"
                    ),
                    "zones": [],
                    "first_year": 2022,
                    "last_year": 2023,
                    "budget_lines": [
                        {"year": 2022, "kind": "operating", "amount": 15_000},
                        {"year": 2023, "kind": "operating", "amount": 15_000},
                    ],
                    "funding_lines": [
                        {
                            "funder": "Ville de Gap",
                            "nature": "subsidy",
                            "amount": 10_000,
                            "status": "envisaged",
                        },
                        {
                            "funder": "Fondation Alpes solidaires",
                            "nature": "financial_sponsorship",
                            "amount": 10_000,
                            "status": "envisaged",
                        },
                    ],
                    "indicators": [
                        {
                            "name": "Binômes étudiant·e–aîné·e constitués",
                            "unit": "binômes",
                            "kind": "output",
                            "baseline": "0",
                            "target": "20",
                        },
                    ],
                    "priority": "low",
                },
            },
        ],
        "comments": [],
        "amendments": [],
        "merged_into": None,
    },
]
