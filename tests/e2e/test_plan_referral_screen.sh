# The action plan and the referral journal in the console: an objective
# added to the plan with its domain, status and the date of that status; a
# referral to a partner the person has not consented to share with is
# refused with what to do, one to a partner they did consent to is saved,
# and both read back by partner name on the command line.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"

# ---- an objective in the plan ----
keys 4
wait_for "Plan d'action"
keys Enter
wait_for "> Date du plan *"
type_ "2026-03-01"
keys Tab
wait_for "> Objectif général *"
type_ "Retourner aux études"
keys Tab Tab
wait_for "> Objectifs du plan"
add_objective "Obtenir mon permis"
keys Tab Tab
wait_for "> État *"
keys Space Space
wait_for ": En cours"
keys Tab
wait_for "> Depuis le *"
type_ "2026-03-10"
keys F2
wait_for "Enregistré (révision 1)."
pc show 2026-0001 --json
has_out '"objectives":[{"objective":"Obtenir mon permis","domain":"living","responsible":"participant","status":"in_progress","status_date":"2026-03-10"}]'
wait_for "Dossier 2026-0001"

# ---- a referral: refused without the consent to share, then saved ----
keys 7
wait_for "aucune entrée encore; Entrée : le journal"
keys Enter
wait_for "Référence - Tremblay, Gérald (2026-0001)"
keys a
wait_for "> Date de la référence *"
type_ "2026-03-12"
keys Tab
wait_for "> Partenaire *"
keys Enter
wait_for "CLSC, CIUSSS ou CISSS"
keys Down Down Down Down Down Enter
wait_for "> Partenaire *           : CLSC, CIUSSS ou CISSS"
keys Tab Tab
wait_for "> Motif *"
type_ "Soutien psychosocial"
# the outcome starts pending
wait_for "  Suite donnée *         : En attente"
keys F2
wait_for "Non enregistré : une réponse à corriger."
pc show 2026-0001 --json
same "$(grep -c 'Soutien psychosocial' "$T/out")" 0 "(the refused referral is not saved)"
# the message, under the partner (the cursor is taken there), says what to do
wait_for "> Partenaire *           : CLSC, CIUSSS ou CISSS"
wait_for "! pas de référence vers CLSC, CIUSSS ou CISSS sans"
wait_for "d'abord le consentement dans l'accueil"
# the CLE needs the consent to share with Services Québec, given at intake
keys Enter
wait_for "Centre local d'emploi (CLE) ou Services Québec"
keys Home Enter
wait_for "> Partenaire *           : Centre local d'emploi (CLE) ou Services"
keys F2
wait_for "Enregistré (révision 1)."
wait_for "1 entrée"
pc show 2026-0001
has_out "Centre local d'emploi (CLE) ou Services Québec"
has_out "En attente"
keys Escape Escape F10
clean_exit
finish
