"""Comparing two snapshots of the plan, and the changelog written from the comparison."""

from __future__ import annotations

import copy
import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

from flask import Flask, render_template
from flask_babel import force_locale

from plan.versions.diff import changelog_of, diff_snapshots, euros, signed_euros

NNBSP = "\u202f"  # thousands separator in French
NBSP = "\u00a0"  # before the euro sign
MINUS = "\u2212"


# --------------------------------------------------------------------------- factory


def make_action(
    reference: str,
    title: str,
    *,
    section: str = "actions",
    budget: dict[int, int] | None = None,
    funding: int = 0,
    description: str = "Une navette hebdomadaire entre Embrun et Savines.",
    outcome: str = "adopted",
    grade: str | None = None,
) -> dict[str, Any]:
    """An action as the snapshot holds it (see /tmp/demo-snapshot.json)."""
    budget = {2022: 3_000_000} if budget is None else budget
    budget_lines = [
        {"year": year, "kind": "operating", "kind_label": "Fonctionnement", "amount_cents": cents}
        for year, cents in sorted(budget.items())
    ]
    funding_lines = (
        [
            {
                "funder": "Département des Hautes-Alpes",
                "nature": "subsidy",
                "nature_label": "Subvention",
                "status": "secured",
                "status_label": "acquis",
                "amount_cents": funding,
            }
        ]
        if funding
        else []
    )
    outcome_labels = {"adopted": "Adoptée", "to_rework": "À retravailler"}
    grade_labels = {"bien": "Bien", "assez_bien": "Assez bien"}
    adopted = section == "actions"
    return {
        "reference": reference,
        "challenge": int(reference.split(".")[0]),
        "title": title,
        "revision": 1,
        "status": "adopted" if adopted else "to_rework",
        "status_label": "Adoptée" if adopted else "À retravailler",
        "fiche": {
            "context": "Les vallées sont mal desservies.",
            "objectives_text": "Relier les hameaux.",
            "description": description,
            "expected_results": "200 trajets par an.",
            "objectives": ["2.1 Lever les freins à la mobilité"],
            "lead_organization": "Udess 05",
            "lead_contact": "Aurélie Mathieu",
            "partners": [
                {"organization": "Commune d'Embrun", "role": "political", "role_label": "politique"}
            ],
            "target_audiences": "Habitant·es des hameaux",
            "zones": ["Haut-Champsaur"],
            "first_year": 2021,
            "last_year": 2023,
            "budget_lines": budget_lines,
            "funding_lines": funding_lines,
            "indicators": [
                {
                    "name": "Trajets",
                    "unit": "trajets/an",
                    "kind": "output",
                    "baseline": "0",
                    "target": "200",
                    "kind_label": "Réalisation",
                }
            ],
            "priority": "high",
            "priority_label": "Haute",
            "budget_total_cents": sum(budget.values()),
            "funding_total_cents": funding,
        },
        "result": {
            "ballot": 1,
            "ballot_title": "Consultation de mai 2021",
            "closed_at": "2021-05-17",
            "method": "majority_judgment" if grade else "approval",
            "method_label": "Jugement majoritaire" if grade else "Approbation",
            "outcome": outcome,
            "outcome_label": outcome_labels[outcome],
            "majority_grade": grade,
            "majority_grade_label": grade_labels.get(grade or "", ""),
            "sentence": f"{outcome_labels[outcome]} : mention majoritaire.",
            "profile": None,
            "colleges": [],
            "voters": 31,
            "paper_votes": 0,
        },
    }


def make_indicator(name: str, target: str = "4000") -> dict[str, Any]:
    return {
        "name": name,
        "unit": "repas/an",
        "kind": "output",
        "kind_label": "Réalisation",
        "baseline_value": "1000",
        "baseline_year": 2019,
        "target_value": target,
        "target_year": 2023,
        "source": "Observatoire",
    }


def refresh_totals(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The funding summary, as the snapshot computes it from the adopted actions."""
    actions = snapshot["actions"]
    snapshot["funding"] = {
        "budget_by_challenge_year": [],
        "funding_by_nature_status": [],
        "budget_total_cents": sum(a["fiche"]["budget_total_cents"] for a in actions),
        "funding_total_cents": sum(a["fiche"]["funding_total_cents"] for a in actions),
        "years": [2021, 2022, 2023],
    }
    return snapshot


def make_snapshot() -> dict[str, Any]:
    snapshot = {
        "schema_version": 1,
        "plan": {"slug": "hautes-alpes", "title": "Hautes-Alpes", "summary": "Un plan."},
        "introduction": "Introduction **éditoriale** du plan.",
        "changelog": "- Première version",
        "colleges": [{"name": "Associations et ESS", "weight": "20"}],
        "challenges": [
            {
                "position": position,
                "title": title,
                "dimension": "social",
                "dimension_label": "Sociale",
                "description": f"Le défi {position}.",
                "objectives": [
                    {
                        "position": 1,
                        "title": f"Objectif {position}.1",
                        "description": "Une description.",
                        "indicators": [make_indicator(f"Indicateur {position}.1")],
                    }
                ],
            }
            for position, title in [(1, "Circuits courts"), (2, "Mobilité"), (3, "Bien vieillir")]
        ],
        "zones": [
            {"name": "Haut-Champsaur", "kind": "internal", "kind_label": "Sur le territoire"},
            {"name": "Vallée de l'Ubaye", "kind": "neighbouring", "kind_label": "Voisin"},
        ],
        "actions": [
            make_action("1.2", "Former les cuisinier·es", budget={2021: 5_000_000}),
            make_action(
                "2.3",
                "Navette solidaire Embrun–Savines",
                budget={2021: 3_000_000, 2022: 3_000_000},
                funding=4_000_000,
            ),
        ],
        "annex": [
            make_action(
                "3.1",
                "Café des aidants",
                section="annex",
                outcome="to_rework",
                grade="assez_bien",
                budget={2022: 1_000_000},
            )
        ],
        "zones_actions": [],
        "participation": {"members": 37, "voters": 32},
        "companies": {"commitments": [], "companies": 0},
        "organizations": [],
        "label_readiness": [],
    }
    return refresh_totals(snapshot)


def changed(old: dict[str, Any], change: Any) -> dict[str, Any]:
    """A copy of `old`, changed by `change(new)`, with the funding summary recomputed."""
    new = copy.deepcopy(old)
    change(new)
    return refresh_totals(new)


def action(snapshot: dict[str, Any], reference: str) -> dict[str, Any]:
    return next(a for a in snapshot["actions"] + snapshot["annex"] if a["reference"] == reference)


def set_budget(a: dict[str, Any], year: int, cents: int) -> None:
    for line in a["fiche"]["budget_lines"]:
        if line["year"] == year:
            line["amount_cents"] = cents
    a["fiche"]["budget_total_cents"] = sum(x["amount_cents"] for x in a["fiche"]["budget_lines"])


# --------------------------------------------------------------------------- the diff


def test_identical_snapshots_are_unchanged() -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, copy.deepcopy(old))
    assert diff["unchanged"] is True
    assert diff["totals"]["added"] == diff["totals"]["removed"] == diff["totals"]["changed"] == 0
    assert diff["actions"] == {"added": [], "removed": [], "changed": []}
    assert diff["totals"]["budget"]["difference"] == 0
    assert diff["introduction"]["changed"] is False
    assert diff["other_changes"] == []


def test_a_different_changelog_alone_changes_nothing() -> None:
    old = make_snapshot()
    new = changed(old, lambda s: s.update(changelog="- Deuxième version"))
    assert diff_snapshots(old, new)["unchanged"] is True


def test_the_diff_is_json_ready() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        action(s, "2.3")["fiche"]["description"] = "Une navette quotidienne."
        s["actions"].append(make_action("3.7", "Café des aidants itinérant"))

    diff = diff_snapshots(old, changed(old, change))
    assert json.loads(json.dumps(diff)) == diff


def test_action_added() -> None:
    old = make_snapshot()
    new = changed(old, lambda s: s["actions"].append(make_action("3.7", "Café itinérant")))
    diff = diff_snapshots(old, new)
    assert diff["unchanged"] is False
    assert diff["totals"]["added"] == 1
    [added] = diff["actions"]["added"]
    assert added["reference"] == "3.7"
    assert added["title"] == "Café itinérant"
    assert added["section"] == "actions"
    assert added["result_label"] == "Adoptée"
    assert added["budget_total_cents"] == 3_000_000
    assert diff["actions"]["removed"] == diff["actions"]["changed"] == []


def test_action_removed() -> None:
    old = make_snapshot()
    new = changed(old, lambda s: s["actions"].pop(0))
    diff = diff_snapshots(old, new)
    assert [a["reference"] for a in diff["actions"]["removed"]] == ["1.2"]
    assert diff["totals"]["removed"] == 1
    assert diff["totals"]["budget"] == {
        "old": 11_000_000,
        "new": 6_000_000,
        "difference": -5_000_000,
    }


def test_action_removed_from_the_annex_notes_its_section() -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, changed(old, lambda s: s["annex"].clear()))
    [removed] = diff["actions"]["removed"]
    assert (removed["reference"], removed["section"]) == ("3.1", "annex")
    # The annex is not in the plan's budget.
    assert diff["totals"]["budget"]["difference"] == 0


def test_changed_action_field_by_field_with_word_diff() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        fiche = action(s, "2.3")["fiche"]
        fiche["description"] = "Une navette quotidienne entre Embrun et Savines."
        fiche["partners"].append(
            {"organization": "Commune de Savines", "role": "technical", "role_label": "technique"}
        )
        fiche["zones"] = []
        fiche["last_year"] = 2024
        fiche["priority_label"] = "Moyenne"
        fiche["priority"] = "medium"

    diff = diff_snapshots(old, changed(old, change))
    [change_23] = diff["actions"]["changed"]
    assert change_23["reference"] == "2.3"
    assert change_23["field_names"] == ["description", "partners", "zones", "years", "priority"]
    fields = {f["field"]: f for f in change_23["fields"]}
    description = fields["description"]
    assert description["old"] == "Une navette hebdomadaire entre Embrun et Savines."
    assert description["new"] == "Une navette quotidienne entre Embrun et Savines."
    assert description["ops"] == [
        {"kind": "equal", "text": "Une navette "},
        {"kind": "delete", "text": "hebdomadaire"},
        {"kind": "insert", "text": "quotidienne"},
        {"kind": "equal", "text": " entre Embrun et Savines."},
    ]
    partners = fields["partners"]
    assert partners["new"] == "Commune d'Embrun (politique)\nCommune de Savines (technique)"
    assert {"kind": "insert", "text": "\nCommune de Savines (technique)"} in partners["ops"]
    assert fields["zones"]["ops"] == [{"kind": "delete", "text": "Haut-Champsaur"}]
    assert (fields["years"]["old"], fields["years"]["new"]) == ("2021–2023", "2021–2024")
    assert (fields["priority"]["old"], fields["priority"]["new"]) == ("Haute", "Moyenne")
    assert change_23["result"] is None
    assert change_23["status"] is None
    assert change_23["budget"]["difference"] == 0
    assert diff["totals"]["changed"] == 1


def test_title_and_text_fields_deletions_and_insertions() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        a = action(s, "1.2")
        a["title"] = "Former les cuisinier·es de montagne"
        a["fiche"]["context"] = "Les vallées sont desservies."
        a["fiche"]["lead_organization"] = "Fédération des cuisines"

    diff = diff_snapshots(old, changed(old, change))
    [change_12] = diff["actions"]["changed"]
    assert change_12["old_title"] == "Former les cuisinier·es"
    assert change_12["title"] == "Former les cuisinier·es de montagne"
    fields = {f["field"]: f for f in change_12["fields"]}
    assert fields["title"]["ops"] == [
        {"kind": "equal", "text": "Former les cuisinier·es"},
        {"kind": "insert", "text": " de montagne"},
    ]
    assert fields["context"]["ops"] == [
        {"kind": "equal", "text": "Les vallées sont "},
        {"kind": "delete", "text": "mal "},
        {"kind": "equal", "text": "desservies."},
    ]
    assert fields["lead_organization"]["new"] == "Fédération des cuisines"


def test_unchanged_actions_are_not_listed() -> None:
    old = make_snapshot()
    new = changed(old, lambda s: action(s, "2.3").update(title="Navette Embrun–Savines"))
    diff = diff_snapshots(old, new)
    assert [a["reference"] for a in diff["actions"]["changed"]] == ["2.3"]
    assert diff["totals"]["changed"] == 1


def test_budget_and_funding_of_a_changed_action() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        a = action(s, "2.3")
        set_budget(a, 2022, 4_500_000)
        a["fiche"]["funding_lines"][0]["amount_cents"] = 5_000_000
        a["fiche"]["funding_total_cents"] = 5_000_000

    diff = diff_snapshots(old, changed(old, change))
    [change_23] = diff["actions"]["changed"]
    assert change_23["field_names"] == ["budget_lines", "funding_lines"]
    assert change_23["budget"] == {"old": 6_000_000, "new": 7_500_000, "difference": 1_500_000}
    assert change_23["funding"] == {"old": 4_000_000, "new": 5_000_000, "difference": 1_000_000}
    assert change_23["budget_years"] == [
        {"year": 2022, "old": 3_000_000, "new": 4_500_000, "difference": 1_500_000}
    ]
    budget_lines = next(f for f in change_23["fields"] if f["field"] == "budget_lines")
    assert f"2022 · Fonctionnement · 45{NNBSP}000{NBSP}€" in budget_lines["new"]
    assert diff["totals"]["budget"] == {
        "old": 11_000_000,
        "new": 12_500_000,
        "difference": 1_500_000,
    }
    assert diff["totals"]["funding"] == {
        "old": 4_000_000,
        "new": 5_000_000,
        "difference": 1_000_000,
    }


def test_result_changed_when_an_action_leaves_the_annex() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        reworked = s["annex"].pop()
        reworked.update(status="adopted", status_label="Adoptée", revision=2)
        reworked["result"].update(
            ballot=2, outcome="adopted", outcome_label="Adoptée", majority_grade="bien"
        )
        reworked["result"]["majority_grade_label"] = "Bien"
        s["actions"].append(reworked)

    diff = diff_snapshots(old, changed(old, change))
    assert diff["actions"]["added"] == diff["actions"]["removed"] == []
    [change_31] = diff["actions"]["changed"]
    assert (change_31["old_section"], change_31["section"]) == ("annex", "actions")
    assert change_31["section_changed"] is True
    assert change_31["revision"] == {"old": 1, "new": 2}
    assert change_31["status"] == {"old": "À retravailler", "new": "Adoptée"}
    assert change_31["result"]["old"]["label"] == "Assez bien (à retravailler)"
    assert change_31["result"]["new"]["label"] == "Bien (adoptée)"
    assert change_31["result"]["new"]["outcome"] == "adopted"
    assert change_31["fields"] == []
    # Now adopted, its budget joins the plan's.
    assert diff["totals"]["budget"]["difference"] == 1_000_000


def test_indicator_target_changed() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        indicator = s["challenges"][0]["objectives"][0]["indicators"][0]
        indicator["target_value"] = "5000"

    diff = diff_snapshots(old, changed(old, change))
    assert diff["unchanged"] is False
    assert diff["indicators"]["changed"] == [
        {
            "objective": "1.1",
            "name": "Indicateur 1.1",
            "changes": [{"field": "target_value", "old": "4000", "new": "5000"}],
        }
    ]
    assert diff["actions"]["changed"] == []


def test_same_indicator_value_written_differently_is_unchanged() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["challenges"][0]["objectives"][0]["indicators"][0]["target_value"] = "4000.0"

    assert diff_snapshots(old, changed(old, change))["indicators"]["changed"] == []


def test_objective_added_and_indicator_added() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["challenges"][1]["objectives"].append(
            {
                "position": 2,
                "title": "Développer le covoiturage",
                "description": "",
                "indicators": [],
            }
        )
        s["challenges"][2]["objectives"][0]["indicators"].append(make_indicator("Bénévoles"))

    diff = diff_snapshots(old, changed(old, change))
    assert diff["objectives"]["added"] == [
        {"reference": "2.2", "title": "Développer le covoiturage"}
    ]
    [indicator] = diff["indicators"]["added"]
    assert (indicator["objective"], indicator["name"]) == ("3.1", "Bénévoles")


def test_challenge_and_objective_text_changed() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["challenges"][0]["description"] = "Le premier défi."
        s["challenges"][0]["objectives"][0]["title"] = "Objectif 1.1 révisé"

    diff = diff_snapshots(old, changed(old, change))
    [challenge] = diff["challenges"]["changed"]
    assert challenge["position"] == 1
    assert [f["field"] for f in challenge["fields"]] == ["description"]
    [objective] = diff["objectives"]["changed"]
    assert objective["reference"] == "1.1"
    assert objective["fields"][0]["ops"][-1] == {"kind": "insert", "text": " révisé"}


def test_zone_removed() -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, changed(old, lambda s: s["zones"].pop()))
    assert diff["zones"]["removed"] == [{"name": "Vallée de l'Ubaye", "kind_label": "Voisin"}]
    assert diff["zones"]["added"] == []
    assert diff["unchanged"] is False


def test_introduction_changed() -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, changed(old, lambda s: s.update(introduction="Nouvelle.")))
    assert diff["introduction"]["changed"] is True
    assert diff["unchanged"] is False


def test_other_sections_are_named() -> None:
    old = make_snapshot()
    new = changed(old, lambda s: s["participation"].update(voters=40))
    diff = diff_snapshots(old, new)
    assert diff["other_changes"] == ["participation"]
    assert diff["unchanged"] is False


# --------------------------------------------------------------------------- changelog


def test_euros_like_the_app() -> None:
    assert euros(1_250_000) == f"12{NNBSP}500{NBSP}€"
    assert euros(1_250_050) == f"12{NNBSP}500,50{NBSP}€"
    assert signed_euros(12_000_000) == f"+120{NNBSP}000{NBSP}€"
    assert signed_euros(-500_000) == f"{MINUS}5{NNBSP}000{NBSP}€"


def test_changelog_of_unchanged() -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, copy.deepcopy(old))
    assert changelog_of(diff, 1) == "Depuis la version 1 : aucune modification."


def test_changelog_lines() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["actions"].append(make_action("3.7", "Café des aidants itinérant", budget={}))
        s["actions"].pop(0)  # 1.2, 50 000 €
        navette = action(s, "2.3")
        navette["fiche"]["description"] = "Une navette quotidienne entre Embrun et Savines."
        set_budget(navette, 2022, 4_500_000)
        reworked = s["annex"].pop()
        reworked.update(status="adopted", status_label="Adoptée")
        reworked["result"].update(
            ballot=2, outcome="adopted", outcome_label="Adoptée", majority_grade="bien"
        )
        reworked["result"]["majority_grade_label"] = "Bien"
        s["actions"].append(reworked)
        s["annex"].append(make_action("1.5", "Légumerie", section="annex", outcome="to_rework"))
        s["challenges"][0]["objectives"][0]["indicators"][0]["target_value"] = "5000"
        s["challenges"][1]["objectives"].append(
            {"position": 2, "title": "Covoiturage", "description": "", "indicators": []}
        )
        s["zones"].pop()
        s["introduction"] = "Une introduction revue."

    diff = diff_snapshots(old, changed(old, change))
    assert changelog_of(diff, 1).splitlines() == [
        "Depuis la version 1 :",
        "",
        "- Action ajoutée en annexe : 1.5 Légumerie",
        "- Action ajoutée : 3.7 Café des aidants itinérant",
        "- Action modifiée : 2.3 Navette solidaire Embrun–Savines (description, budget)",
        "- Action modifiée : 3.1 Café des aidants "
        "(résultat : Assez bien (à retravailler) → Bien (adoptée))",
        "- Action retirée : 1.2 Former les cuisinier·es",
        "- Objectif ajouté : 2.2 Covoiturage",
        f"- Indicateur modifié (objectif 1.1) : Indicateur 1.1 (cible 4{NNBSP}000 → 5{NNBSP}000)",
        "- Territoire prioritaire retiré : Vallée de l'Ubaye",
        "- Introduction modifiée",
        f"- Budget du plan : 110{NNBSP}000{NBSP}€ → 85{NNBSP}000{NBSP}€ "
        f"({MINUS}25{NNBSP}000{NBSP}€)",
    ]


def test_changelog_budget_increase_and_funding() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        navette = action(s, "2.3")
        set_budget(navette, 2022, 15_000_000)
        navette["fiche"]["funding_lines"][0]["amount_cents"] = 6_000_000
        navette["fiche"]["funding_total_cents"] = 6_000_000

    text = changelog_of(diff_snapshots(old, changed(old, change)), 2)
    assert text.splitlines() == [
        "Depuis la version 2 :",
        "",
        "- Action modifiée : 2.3 Navette solidaire Embrun–Savines (budget, plan de financement)",
        f"- Budget du plan : 110{NNBSP}000{NBSP}€ → 230{NNBSP}000{NBSP}€ (+120{NNBSP}000{NBSP}€)",
        f"- Financements du plan : 40{NNBSP}000{NBSP}€ → 60{NNBSP}000{NBSP}€ "
        f"(+20{NNBSP}000{NBSP}€)",
    ]


def test_changelog_names_other_sections() -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["participation"]["voters"] = 40
        s["companies"]["companies"] = 1

    text = changelog_of(diff_snapshots(old, changed(old, change)), 1)
    assert text.splitlines()[-1] == "- Également mis à jour : participation, entreprises engagées"


# --------------------------------------------------------------------------- the page


def test_diff_fragment_is_readable_without_colour(app: Flask) -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        navette = action(s, "2.3")
        navette["fiche"]["description"] = "Une navette quotidienne entre Embrun et Savines."
        set_budget(navette, 2022, 4_500_000)
        s["actions"].append(make_action("3.7", "Café des aidants itinérant"))
        s["actions"].pop(0)
        s["challenges"][0]["objectives"][0]["indicators"][0]["target_value"] = "5000"
        s["zones"].pop()
        s["participation"]["voters"] = 40

    diff = diff_snapshots(old, changed(old, change))
    versions = (
        SimpleNamespace(
            number=1,
            status_label="Validated",
            published_at=dt.datetime(2021, 2, 12, 10, 0),
            built_at=dt.datetime(2021, 2, 11, 10, 0),
        ),
        SimpleNamespace(
            number=2, status_label="Draft", published_at=None, built_at=dt.datetime(2021, 6, 1)
        ),
    )
    with app.test_request_context(), force_locale("en"):
        html = render_template("versions/_diff.html", diff=diff, old=versions[0], new=versions[1])
    text = " ".join(html.split())
    assert "Version 1</strong> (validated, 2/12/21)" in text
    assert "Version 2</strong> (draft, 6/1/21)" in text
    # The summary, in words and signs.
    assert f"+ 1 action added · {MINUS} 1 action removed · ~ 1 action changed" in text
    assert f"budget {MINUS}5,000 €" in text.replace(NBSP, " ")
    # Each change says what it is in words, not in colour.
    assert "3.7</strong> Café des aidants itinérant — added" in text
    assert "1.2</strong> Former les cuisinier·es — removed" in text
    assert "2.3 Navette solidaire Embrun–Savines — changed" in text
    assert "<del>" in html
    assert "<ins>" in html
    assert f'[{MINUS}</span>hebdomadaire<span aria-hidden="true">{MINUS}]' in html
    assert '[+</span>quotidienne<span aria-hidden="true">+]' in html
    assert "deleted: " in html
    assert "added: " in html
    assert "Budget 2022</dt><dd>30,000 € → 45,000 € (+15,000 €)" in text.replace(NBSP, " ")
    assert "Indicator changed: Indicateur 1.1 (objective 1.1)" in text
    assert "Target</dt><dd>4,000 → 5,000" in text
    assert "Territory removed: Vallée de l&#39;Ubaye" in text
    assert "Also updated: Participation" in text


def test_diff_fragment_of_unchanged_versions(app: Flask) -> None:
    old = make_snapshot()
    diff = diff_snapshots(old, copy.deepcopy(old))
    version = SimpleNamespace(number=1, status_label="Validated", published_at=None, built_at=None)
    with app.test_request_context(), force_locale("en"):
        html = render_template("versions/_diff.html", diff=diff, old=version, new=version)
    assert "No difference between these two versions." in html
    assert "added" not in html


def test_diff_fragment_without_action_changes(app: Flask) -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["challenges"][0]["objectives"][0]["indicators"][0]["target_year"] = 2024

    diff = diff_snapshots(old, changed(old, change))
    version = SimpleNamespace(number=3, status_label="Draft", published_at=None, built_at=None)
    with app.test_request_context(), force_locale("en"):
        html = render_template("versions/_diff.html", diff=diff, old=version, new=version)
    text = " ".join(html.split())
    assert "<strong>no action added, removed or changed</strong>" in text
    assert "~ Indicator changed: Indicateur 1.1 (objective 1.1)" in text
    assert "Target year</dt><dd>2023 → 2024" in text
    assert "<h2>Actions</h2>" not in text


def test_diff_fragment_escapes_the_texts(app: Flask) -> None:
    old = make_snapshot()

    def change(s: dict[str, Any]) -> None:
        s["actions"].append(make_action("3.9", "<script>alert(1)</script>"))
        action(s, "2.3")["fiche"]["description"] = "Une <img src=x onerror=alert(1)> navette."

    diff = diff_snapshots(old, changed(old, change))
    version = SimpleNamespace(number=1, status_label="Draft", published_at=None, built_at=None)
    with app.test_request_context(), force_locale("en"):
        html = render_template("versions/_diff.html", diff=diff, old=version, new=version)
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
