# No lost update: a form saved by someone else (here the command line)
# while it was open on screen is not overwritten silently; the person is
# told who saved it and decides. Then the list's screen dump at 80x24.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
intake Côté Élisabeth 1985-03-02
ENV="TZ=America/Montreal" start
wait_for "2026-0002 Côté, Élisabeth"
matches list.txt
keys Down Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille *                : Tremblay"
keys Tab Tab Tab Tab Tab Tab
wait_for "> Téléphone"
type_ "819 555-0100"
keys Tab

# meanwhile, someone saves this form
pc submit intake 2026-0001 --set family_name=Tremblay --set given_name=Gérald \
	--set birth_date=1971-11-30 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set email=gerald@exemple.ca
same "$rc" 0 "(the other save: $(cat "$T/err"))"

keys F2
wait_for "Non enregistré : "
wait_for "Enregistrer quand même par-dessus ? (o/n)"
# the other save's time in local time (TZ=America/Montreal), never a UTC stamp
at=$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT saved_at FROM revision WHERE form = 'intake' AND revision = 2")
months=(janvier février mars avril mai juin juillet août septembre octobre novembre décembre)
read -r d m y H M <<<"$(TZ=America/Montreal date -d "$at" '+%-d %-m %Y %-H %M')"
[ "$d" = 1 ] && d=1er
wait_for "le $d ${months[$((m - 1))]} $y à $H h $M"
if screen | grep -qE '[0-9]T[0-9]{2}:[0-9]{2}'; then bad "a UTC stamp in the prompt"; else ok; fi
keys n
wait_gone "Enregistrer quand même"
pc show 2026-0001 --json
same "$(grep -c '819 555-0100' "$T/out")" 0 "(not saved over the other one)"
keys F2
wait_for "Enregistrer quand même par-dessus ? (o/n)"
keys o
wait_for "Enregistré (révision 3)."
# the audit log says the save came from the console, the other from the command line
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT group_concat(face || ':' || detail, ' ')
	FROM (SELECT face, detail FROM audit WHERE action = 'change' AND form = 'intake'
	      AND file_no = '2026-0001' ORDER BY seq)")" "cli:revision=1 cli:revision=2 tui:revision=3"
pc show 2026-0001 --json
has_out '"phone":"819 555-0100"'
keys Escape F10
clean_exit
finish
