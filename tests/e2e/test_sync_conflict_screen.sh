# A form saved on both copies (an office and a laptop, synced through a
# local path as tests/cli/test_sync_outcomes.sh does) in the console: the
# file says so in the warning colour and marks the form's tab; s shows the
# two versions side by side with the form's labels, the differing answers
# marked and who saved each; keeping the other copy's version (asked
# first) closes the conflict for the screen and for `sync conflicts`;
# another conflict merged in the form editor, where the other copy's
# value is shown under the field, saves a new revision with the merged
# answers. At 80x24, and at 120x40 where the columns take the width.
. "$SRC/tests/e2e/lib.sh"
O=$PARCOURS_DB L=$T/laptop.db
ME=$(id -un)
pc staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30
B=$(cat "$T/out")
for p in "$A" "$B"; do
	pc assign "$p" "$ME"
	pc submit profile "$p" --set wellbeing=5 --set interests="menuiserie"
done
pc sync keygen --site BUR
pc --db "$L" sync init "$O" --site RN
[ "$rc" = 0 ] || { bad "sync init: $(cat "$T/err")"; finish; exit 1; }
# both copies change both profiles, differently
for p in "$A" "$B"; do
	pc --db "$L" submit profile "$p" --set wellbeing=9 --set interests="cuisine"
	pc submit profile "$p" --set wellbeing=2
done
pc --db "$L" sync
grep -qF "2 conflits" "$T/err" && ok || bad "no conflict made: $(cat "$T/err")"

# open_file FILE_NO NAME: from the list, the person found by name
open_file() {
	wait_for "Aujourd'hui : ce qui est à faire"
	keys Escape
	wait_for "Participants"
	type_ "$2"
	wait_for "$1 $2"
	keys Enter
	wait_for "Dossier $1"
}

# ---- 80x24: the today screen names the files, the file says it ----
start
wait_for "Conflits de synchro dans 2 dossiers : $A, $B (s : le premier)"
open_file "$A" "Côté, Élisabeth"
wait_for "Conflit de synchro : Profil psychosocial (2 versions), s : voir les deux"
wait_for "  !Profi"
wait_for "s Conflit  Entrée"
keys s
wait_for "Conflit de synchro : Profil psychosocial - Côté, Élisabeth ($A)"
wait_for "Deux versions : 2 réponses diffèrent (≠); rien n'est perdu avant votre choix."
wait_for "Cette copie"
wait_for "Autre copie (RN)"
wait_for "enregistré par $ME"
# the differing answer, marked, both values on one line
row=$(screen | grep -F "Bien-être" | head -1)
case "$row" in *"≠"*"2"*"|"*"9"*) ok ;; *) bad "well-being row: '$row'" ;; esac
row=$(screen | grep -F "menuiserie" | head -1)
case "$row" in *"≠"*"menuiserie"*"|"*"cuisine"*) ok ;; *) bad "interests row: '$row'" ;; esac
# keep theirs: asked first, n leaves it open
keys t
wait_for "Garder la version de l'autre copie pour Profil psychosocial (venue de RN)"
keys n
wait_for "Rien n'est décidé : le conflit reste ouvert."
keys t
wait_for "Garder la version de l'autre copie pour Profil psychosocial (venue de RN)"
keys o
wait_for "Conflit clos : la version de l'autre copie est gardée"
wait_for "Dossier $A"
wait_gone "Conflit de synchro : Profil"
end_console
pc sync conflicts "$A"
has_out "aucun conflit de synchronisation"
same "$(sqlite3 "$O" "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form =
	'profile' AND participant_id = (SELECT id FROM participant WHERE file_no = '$A')
	ORDER BY revision DESC LIMIT 1")" 9

# ---- 120x40: merged in the editor ----
WIDTH=120 HEIGHT=40 start
open_file "$B" "Gagnon, Gérald"
wait_for "Conflit de synchro : Profil psychosocial (2 versions)"
keys s
wait_for "Conflit de synchro : Profil psychosocial - Gagnon, Gérald ($B)"
# wider: the whole values and both columns use the width
row=$(screen | grep -F "menuiserie" | head -1)
case "$row" in *"menuiserie"*"|"*"cuisine"*) ok ;; *) bad "interests row: '$row'" ;; esac
col=$(screen | grep -F "Autre copie (RN)" | head -1)
[ "$(printf '%s' "${col%%Autre copie*}" | wc -m)" -gt 60 ] && ok || bad "columns not wider: '$col'"
keys e
wait_for "fusion"
# the editor opens on the first answer that differs, the other's value under it
wait_for "Autre copie (RN) : 9"
# take the laptop's well-being, keep this copy's interests
type_ "9"
keys F2
wait_for "Enregistrer cette version fusionnée et clore le conflit de synchronisation ? (o/n)"
keys o
wait_for "Version fusionnée enregistrée (révision"
wait_for "Dossier $B"
wait_gone "Conflit de synchro : Profil"
end_console
pc sync conflicts
has_out "aucun conflit de synchronisation"
same "$(sqlite3 "$O" "SELECT json_extract(answers, '$.wellbeing') || ' ' ||
	json_extract(answers, '$.interests') FROM revision WHERE form = 'profile' AND
	participant_id = (SELECT id FROM participant WHERE file_no = '$B')
	ORDER BY revision DESC LIMIT 1")" "9 menuiserie"
same "$(sqlite3 "$O" "SELECT resolution FROM sync_conflict ORDER BY resolution")" \
	"merged
theirs"
# both decisions are in the audit log, as sync resolve writes them
same "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE detail LIKE
	'sync conflict revision=% from=RN kept=theirs'")" 1
same "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE detail LIKE
	'sync conflict revision=% from=RN kept=merged saved=%'")" 1
pc audit verify
same "$rc" 0 "(audit verify)"
finish
