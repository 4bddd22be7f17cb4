# Sourced by test_due.sh: a forms folder with the shipped forms and, until
# the shipped ones have them, the plan, evaluation and referral forms in the
# shape wave 2's contract gives them (field names the due rules read).
mkdir -p "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
export PARCOURS_FORMS=$T/forms
cat >"$T/forms/plan.yaml" <<'Y'
form: plan
version: 1
title: {fr: "Plan d'action", en: "Action plan"}
period: none
access:
  read: [caseload, supervisor]
  write: [caseload, supervisor]
sections:
  - title: {fr: "Plan", en: "Plan"}
    fields:
      - name: plan_date
        type: date
        label: {fr: "Date du plan", en: "Date of the plan"}
      - name: objectives
        type: repeat
        label: {fr: "Objectifs", en: "Objectives"}
        fields:
          - {name: objective, type: text, label: {fr: "Objectif", en: "Objective"}}
          - {name: due_date, type: date, label: {fr: "Échéance", en: "Due date"}}
          - name: status
            type: choice
            label: {fr: "État", en: "Status"}
            choices:
              - {value: planned, label: {fr: "Prévu", en: "Planned"}}
              - {value: in_progress, label: {fr: "En cours", en: "In progress"}}
              - {value: achieved, label: {fr: "Atteint", en: "Achieved"}}
              - {value: abandoned, label: {fr: "Abandonné", en: "Abandoned"}}
          - {name: status_date, type: date, label: {fr: "Depuis le", en: "Since"}}
Y
cat >"$T/forms/evaluation.yaml" <<'Y'
form: evaluation
version: 1
title: {fr: "Évaluation", en: "Evaluation"}
period: entry
entry_date: evaluation_date
access:
  read: [caseload, supervisor]
  write: [caseload, supervisor]
sections:
  - title: {fr: "Évaluation", en: "Evaluation"}
    fields:
      - {name: evaluation_date, type: date, required: true, label: {fr: "Date", en: "Date"}}
      - {name: next_evaluation, type: date, label: {fr: "Prochaine", en: "Next"}}
Y
cat >"$T/forms/referral.yaml" <<'Y'
form: referral
version: 1
title: {fr: "Référence", en: "Referral"}
period: entry
entry_date: referral_date
access:
  read: [caseload, supervisor]
  write: [caseload, supervisor]
sections:
  - title: {fr: "Référence", en: "Referral"}
    fields:
      - {name: referral_date, type: date, required: true, label: {fr: "Date", en: "Date"}}
      - name: partner
        type: choice
        label: {fr: "Partenaire", en: "Partner"}
        choices:
          - {value: cle, label: {fr: "Centre local d'emploi", en: "Local employment centre"}}
          - {value: sarca, label: {fr: "SARCA", en: "SARCA"}}
          - {value: clsc, label: {fr: "CLSC, CIUSSS ou CISSS", en: "CLSC, CIUSSS or CISSS"}}
      - name: outcome
        type: choice
        label: {fr: "Suite", en: "Outcome"}
        choices:
          - {value: pending, label: {fr: "En attente", en: "Pending"}}
          - {value: accepted, label: {fr: "Acceptée", en: "Accepted"}}
          - {value: refused, label: {fr: "Refusée", en: "Refused"}}
          - {value: done, label: {fr: "Réalisée", en: "Done"}}
      - {name: outcome_date, type: date, label: {fr: "Connue le", en: "Known on"}}
Y
