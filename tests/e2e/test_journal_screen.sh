# A journal form in the console (period: entry, the shipped followup): the
# tab opens a list of entries newest first; a adds an entry, Enter opens
# one, a correction is a new revision of that entry with the earlier text
# in its history (h); a new entry typed when the link drops is kept as a
# draft and offered again. The list is compared at 80x24 and 120x40.
. "$SRC/tests/e2e/lib.sh"
me=$(id -un)

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys 6
wait_for "aucune entrée encore; Entrée : le journal"
keys Enter
wait_for "Suivi - Tremblay, Gérald (2026-0001)"
wait_for "Aucune entrée encore : a en ajoute une."

# ---- a first entry ----
keys a
wait_for "nouvelle entrée"
wait_for "> Date de la rencontre *"
type_ "2026-03-02"
keys Tab
wait_for "> Type de rencontre *"
keys Enter
wait_for "Au téléphone"
keys Down Enter
wait_for "Type de rencontre *        : Au téléphone"
keys Tab Tab Tab
wait_for "> Résumé *"
type_ "Premier appel, rappel demandé"
keys F2
wait_for "Enregistré (révision 1)."
wait_for "1 entrée"
wait_for " 2026-03-02  Au téléphone"

# ---- a second entry: the newest comes first ----
keys a
wait_for "> Date de la rencontre *"
type_ "2026-03-09"
keys Tab Enter
wait_for "Atelier de groupe"
keys Down Down Down Down Enter
wait_for "Type de rencontre *        : Atelier de groupe"
keys Tab Tab Tab
type_ "Atelier CV"
keys F2
wait_for "2 entrées"
same "$(line_of ' 2026-03-09  Atelier de groupe')" 3 "(newest first)"
same "$(line_of ' 2026-03-02  Au téléphone')" 4
pc show 2026-0001 --json
has_out '"revision_count":1,'
pc export followup --csv
same "$(grep -c '^2026-0001,' "$T/out")" 2 "(two entries, two rows)"

# ---- correcting the first: a new revision of that entry only ----
keys Down Enter
wait_for "entrée 1"
wait_for "Résumé *                   : Premier appel, rappel demandé"
keys Tab Tab Tab Tab
wait_for "> Résumé *"
type_ " le 3 mars"
keys F2
wait_for "Enregistré (révision 2)."
wait_for " 2026-03-02  Au téléphone         Premier appel, rappel dema"
pc show 2026-0001 --json
has_out '"current":{"meeting_date":"2026-03-02","kind":"phone","summary":"Premier appel, rappel demandé le 3 mars"}'
has_out '"revision":1,"form_version":3,"by":"'"$me"'"'
has_out '"summary":"Premier appel, rappel demandé"}'
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT group_concat(id || ':' || (SELECT max(revision) FROM revision r WHERE r.period = CAST(e.id AS TEXT) AND r.form = 'followup'), ' ') FROM entry e")" \
	"1:2 2:1"
# its history: both revisions, the earlier text kept
keys h
wait_for "Historique - Suivi"
wait_for "Révision   Entrée"
keys Down Enter
wait_for "révision 1,"
wait_for "Résumé               : Premier appel, rappel demandé"
hasnt_screen() { if screen | grep -qF -- "$1"; then bad "screen shows: $1"; else ok; fi; }
hasnt_screen "le 3 mars"
keys Escape
wait_for "Révision   Entrée"
keys Escape
wait_for "2 entrées"

# ---- the list at 80x24 and 120x40 ----
cmp_screen() { # cmp_screen NAME: the screen, logins as LOGIN, against screens/NAME
	local want="$SRC/tests/e2e/screens/$1" got="$T/screen.txt"
	screen | sed 's/[[:space:]]*$//' | sed "s/ $me\( \|$\)/ LOGIN\1/g" >"$got"
	if [ "${E2E_REGEN:-}" = 1 ]; then cp "$got" "$want"; ok
	elif diff -u "$want" "$got" >"$T/diff"; then ok
	else bad "screen differs from $1:"; cat "$T/diff" >&2; fi
}
keys Up
settle
cmp_screen journal_80x24.txt
tm resize-window -t pc -x 120 -y 40 2>/dev/null || tm resize-pane -t pc -x 120 -y 40
wait_for "Historique de l'entrée"
settle
cmp_screen journal_120x40.txt
tm resize-window -t pc -x 80 -y 24 2>/dev/null || tm resize-pane -t pc -x 80 -y 24
settle

# ---- a new entry being typed when the link drops: kept, offered again ----
keys a
wait_for "> Date de la rencontre *"
type_ "2026-03-12"
keys Tab Tab Tab Tab
wait_for "> Résumé *"
type_ "Absent, message laissé"
kill -HUP "$(console_pid)"
clean_exit
pc show 2026-0001 --json
same "$(grep -c 'message laissé' "$T/out")" 0 "(a draft is not an entry)"
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT count(*) FROM entry")" 2

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys 6
wait_for "Suivi*"
wait_for "; brouillon du 20"
keys Enter
wait_for "Une nouvelle entrée commencée le 20"
keys a
wait_for "le reprendre ? (o/n)"
keys o
wait_for "Brouillon repris."
wait_for "Résumé *                   : Absent, message laissé"
keys Tab
wait_for "> Type de rencontre *"
keys Enter
wait_for "Absence au rendez-vous"
keys Down Down Down Down Down Enter
wait_for "Type de rencontre *        : Absence au rendez-vous"
keys F2
wait_for "3 entrées"
wait_gone "Une nouvelle entrée commencée"
same "$(line_of ' 2026-03-12  Absence au rendez')" 3
same "$(sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT count(*) FROM draft")" 0
keys Escape
wait_for "Dossier 2026-0001"
wait_for "3 entrées (dernière le 2026-03-12, $me)"
keys Escape
wait_for "parcours - Participants"
keys F10
clean_exit
finish
