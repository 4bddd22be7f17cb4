# Nothing typed is lost: kill -HUP (a dropped SSH link) in the middle of a
# field keeps that field's text in the draft with the answers left before;
# reopening offers the draft, which is resumed and saved. Stored data are
# checked through the command line.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille"
keys Tab C-u
type_ "Gérald-Ève"
# family, given, birth, gender, indigenous, language, then the phone
keys Tab Tab Tab Tab Tab
wait_for "> Téléphone"
type_ "514 555-0000"
wait_for "> Téléphone                       : 514 555-0000"

kill -HUP "$(console_pid)"
clean_exit
# a draft is not a revision
pc show 2026-0001 --json
same "$(grep -c '514 555-0000' "$T/out")" 0 "(the draft is not saved as a revision)"

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "; brouillon du 20"
wait_for "Accueil*"
keys Enter
wait_for "existe : le reprendre ? (o/n)"
wait_for "Un brouillon du 20"
keys o
wait_for "Brouillon repris."
wait_for "Prénom *                        : Gérald-Ève"
wait_for "Téléphone                       : 514 555-0000"
keys F2
wait_for "Enregistré (révision 2)."
pc show 2026-0001 --json
has_out '"given_name":"Gérald-Ève"'
has_out '"phone":"514 555-0000"'
# saved: the draft is gone
wait_gone "brouillon du"
keys Escape
# the list (not the form's header, which also shows the name) with the new name
wait_for "parcours - Participants"
wait_for "2026-0001 Tremblay, Gérald-È"

keys F10
clean_exit
finish
