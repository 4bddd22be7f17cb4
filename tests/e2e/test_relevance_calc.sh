# Relevance and calculations follow the answers live: a field shown and
# hidden by a choice (its text kept while hidden, dropped when saved
# irrelevant), a field shown once another is answered, a repeat's rows added
# and deleted with the month totals recomputed, all checked on the command
# line after saving.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille"
keys Tab Tab Tab Tab
wait_for "> Identité autochtone"
if screen | grep -qF "Nation ou communauté"; then bad "community shown before it applies"; else ok; fi

# first nations: the community is asked, and takes syllabics
keys Space
wait_for "> Identité autochtone             : Première Nation"
wait_for "Nation ou communauté"
keys Tab
wait_for "> Nation ou communauté"
type_ "ᐊᐱᐦᑖᐤ Wemotaci"
keys BTab
wait_for "  Nation ou communauté            : ᐊᐱᐦᑖᐤ Wemotaci"
keys Space
wait_for ": Inuit"
wait_for "Nation ou communauté"
keys Space
wait_for ": Métis"
wait_gone "Nation ou communauté"
# around the list and back: the text typed is still there
keys Space Space Space Space
wait_for ": Première Nation"
wait_for "  Nation ou communauté            : ᐊᐱᐦᑖᐤ Wemotaci"

# a message may be left only once there is a phone
if screen | grep -qF "On peut laisser un message"; then bad "shown without a phone"; else ok; fi
keys Tab Tab Tab
wait_for "> Téléphone"
type_ "418 555-0199"
keys Tab
wait_for "> On peut laisser un message"
keys o
wait_for "> On peut laisser un message      : oui"
keys F2
wait_for "Enregistré (révision 2)."
pc show 2026-0001 --json
has_out '"community":"ᐊᐱᐦᑖᐤ Wemotaci"'
has_out '"can_leave_message":true'

# métis: the community is no longer asked, and no longer saved
keys Enter
wait_for "> Nom de famille"
keys Tab Tab Tab Tab
keys Enter
wait_for "Préfère ne pas répondre"
keys Down Down Enter
wait_for ": Métis"
wait_gone "Nation ou communauté"
keys C-s
wait_for "Enregistré (révision 3)."
pc show 2026-0001 --json
has_out '"indigenous":"metis"'
if grep -qF '"community":"ᐊᐱᐦᑖᐤ Wemotaci"}' "$T/out" ||
	[ "$(sqlite3 -batch -noheader :memory: "SELECT json_extract(CAST(readfile('$T/out') AS TEXT), '\$.forms.intake.current.community')")" != "" ]; then
	bad "an answer that is no longer asked was saved"
else ok; fi

# the month's participation: rows added, totals computed as they change
keys 5
wait_for "Mois 2026-03 (< >) : vide"
keys e # the generic form (Enter opens the month grid)
wait_for "> Présences                       : aucune ligne"
keys +
wait_for "> Date *"
type_ "2026-03-03"
keys Tab Space Tab
type_ "3:30"
keys Tab
type_ "atelier cuisine"
keys Escape
wait_for "1 2026-03-03"
keys +
wait_for "ligne 2"
type_ "2026-03-04"
keys Tab Space Space Tab
type_ "2,5"
keys Escape Escape
wait_for "Tâches s'apparentant au travail : 3 h 30"
wait_for "Activités de formation          : 2 h 30"
wait_for "Total des heures du mois        : 6 h"
wait_for "1. 2026-03-03 · Tâches s'apparentant au travail · 3:30 · atelier cuisine"
# the second row goes, after a question
keys Enter
wait_for "2 2026-03-04"
keys Down -
wait_for "Supprimer la ligne 2 ? (o/n)"
keys o
wait_for "Ligne supprimée."
keys Escape
wait_for "Total des heures du mois        : 3 h 30"
wait_gone "2. 2026-03-04"
keys F2
wait_for "Enregistré (révision 1)."
pc show 2026-0001 --json
has_out '"entries":[{"date":"2026-03-03","activity":"work","hours":3.5,"note":"atelier cuisine"}]'
has_out '"total_hours":3.5'
keys Escape F10
clean_exit
finish
