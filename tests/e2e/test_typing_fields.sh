# Typing in a form's fields as in most form tools: a field entered with a
# value is selected, so that typing replaces it (never "Awashish" appended
# to the old name); a move (End, arrows) edits it instead; an erase empties
# it. A date field takes t or . for today, and "hier", "demain"... become
# the date they mean when the field is left.
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "Accueil - Tremblay, Gérald (2026-0001)"
wait_for "> Nom de famille *                : Tremblay"
# the name is selected: typing replaces it
type_ "Awashish"
wait_for "> Nom de famille *                : Awashish"
keys Tab
wait_for "> Prénom *                        : Gérald"
# End, then typing, edits the text in place
keys End
type_ "-Ève"
wait_for "> Prénom *                        : Gérald-Ève"
keys Tab
wait_for "> Date de naissance *             : 1971-11-30"
# an erase empties a selected field; then the date is typed whole
keys BSpace
wait_for "> Date de naissance *             :"
type_ "1971-11-29"
keys F2
wait_for "Enregistré (révision 2)."
same "$(db "SELECT family_name || '|' || given_name || '|' || birth_date FROM participant")" \
	"Awashish|Gérald-Ève|1971-11-29" "(what was typed, replaced or edited)"

# ---- dates: t for today, words for the days around it ----
keys 6
wait_for "aucune entrée encore; Entrée : le journal"
keys Enter
wait_for "Suivi - Awashish, Gérald-Ève (2026-0001)"
keys a
wait_for "> Date de la rencontre *"
keys t
wait_for "> Date de la rencontre *     : 2026-03-15"
keys Tab Enter
wait_for "Au téléphone"
keys Enter
keys Tab Tab Tab
wait_for "> Résumé *"
type_ "Appel"
keys Tab Tab Tab
wait_for "> Prochaine rencontre"
type_ "Demain"
keys Tab
wait_for "Prochaine rencontre        : 2026-03-16"
keys F2
wait_for "Enregistré (révision 1)."
same "$(db "SELECT json_extract(answers, '\$.meeting_date') || '|' || json_extract(answers, '\$.next_meeting') FROM revision WHERE form = 'followup'")" \
	"2026-03-15|2026-03-16" "(dates stored as the ISO dates shown)"
finish
