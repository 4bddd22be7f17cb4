# The other field types of a real form (profile): multi-choice in a list
# with Space to toggle, a relevance on the count of choices, a textarea on
# several lines, an integer with a soft warning, yes/no; then the history
# of the form lists both revisions and shows an old one's answers.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys 2
wait_for "vide"
keys Enter
wait_for "> Freins à l'emploi"
if screen | grep -qF "Frein à lever en priorité"; then bad "priority asked before two barriers"; else ok; fi
keys Enter
wait_for "[ ] Transport"
keys Space Down Space Enter
wait_for "> Freins à l'emploi               : Transport, Garde d'enfants"
wait_for "Frein à lever en priorité"
keys Tab
wait_for "> Frein à lever en priorité"
keys Space Space
wait_for "> Frein à lever en priorité       : Garde d'enfants"
# needs (none), then the health textarea on three lines
keys Tab Tab
wait_for "> Santé physique et mentale"
type_ "Mal de dos."
keys Enter
type_ "Suivi au CLSC, 2 fois par mois."
keys Tab
wait_for "Mal de dos."
wait_for "Suivi au CLSC, 2 fois par mois."
keys y Tab
wait_for "> Bien-être perçu (1 à 10)"
type_ "2"
keys Tab
wait_for "À vérifier : Bien-être très bas"
wait_for "> Référence proposée à la personne"
keys o
keys F2
wait_for "Enregistré (révision 1). À vérifier : Bien-être très bas"
pc show 2026-0001 --json
has_out '"barriers":["transport","childcare"]'
has_out '"priority_barrier":"childcare"'
has_out '"health":"Mal de dos.\nSuivi au CLSC, 2 fois par mois."'
has_out '"health_followup":true'
has_out '"wellbeing":2'
has_out '"referral_offered":true'

# a second revision: one barrier less, so the priority is no longer asked
keys Enter
wait_for "> Freins à l'emploi               : Transport, Garde d'enfants"
keys Enter
wait_for "[x] Transport"
keys Space Enter
wait_for "> Freins à l'emploi               : Garde d'enfants"
wait_gone "Frein à lever en priorité"
keys F2
wait_for "Enregistré (révision 2)."
pc show 2026-0001 --json
has_out '"barriers":["childcare"]'

# the history: both revisions, the first one's answers
keys h
wait_for "Historique - Profil psychosocial - Tremblay, Gérald (2026-0001)"
same "$(screen | grep -cE '^ +[12] +- +20[0-9-]+ [0-9:]+ +[a-z_0-9-]+ +1$')" 2 "(two revisions listed)"
keys Down Enter
wait_for "révision 1,"
wait_for "Freins à l'emploi"
wait_for "Transport, Garde d'enfants"
wait_for "Frein à lever en priorité"
keys Escape
wait_for "Enregistrée le"
keys Escape
wait_for "Dossier 2026-0001"
keys Escape F10
clean_exit
finish
