# A form saved on both copies (an office and a laptop, synced through a
# local path as tests/cli/test_sync_outcomes.sh does) in the console: the
# file says so in the warning colour and marks the form's tab; s shows the
# two versions side by side with the form's labels, the differing answers
# marked and who saved each; keeping the other copy's version (asked
# first) closes the conflict for the screen and for `sync conflicts`;
# another conflict merged in the form editor, where the other copy's
# value is shown under the field, saves a new revision with the merged
# answers; a third, kept with m, saves this copy's answers again, and the
# form's history shows the other copy's version beside ours. Each
# decision, synced, closes the laptop's conflict. At 80x24, and at 120x40
# where the columns take the width.
. "$SRC/tests/e2e/lib.sh"
O=$PARCOURS_DB L=$T/laptop.db
ME=$(id -un)
pc staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30
B=$(cat "$T/out")
intake Roy Rachel 1990-06-14
C=$(cat "$T/out")
for p in "$A" "$B" "$C"; do
	pc assign "$p" "$ME"
	pc submit profile "$p" --set wellbeing=5 --set interests="menuiserie"
done
pc sync keygen --site BUR
pc --db "$L" sync init "$O" --site RN
[ "$rc" = 0 ] || { bad "sync init: $(cat "$T/err")"; finish; exit 1; }
# both copies change the three profiles, differently
for p in "$A" "$B" "$C"; do
	pc --db "$L" submit profile "$p" --set wellbeing=9 --set interests="cuisine"
	pc submit profile "$p" --set wellbeing=2
done
pc --db "$L" sync
grep -qF "3 conflits" "$T/err" && ok || bad "no conflict made: $(cat "$T/err")"

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
wait_for "Conflits de synchro dans 3 dossiers : $A, $B, $C (s : le"
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
pc sync conflicts "$B"
has_out "aucun conflit de synchronisation"
same "$(sqlite3 "$O" "SELECT json_extract(answers, '$.wellbeing') || ' ' ||
	json_extract(answers, '$.interests') FROM revision WHERE form = 'profile' AND
	participant_id = (SELECT id FROM participant WHERE file_no = '$B')
	ORDER BY revision DESC LIMIT 1")" "9 menuiserie"

# ---- 80x24: kept with m, then the history ----
start
open_file "$C" "Roy, Rachel"
wait_for "Conflit de synchro : Profil psychosocial (2 versions)"
keys s
wait_for "Conflit de synchro : Profil psychosocial - Roy, Rachel ($C)"
keys m
wait_for "Garder la version de cette copie pour Profil psychosocial (celle de RN reste"
keys o
wait_for "Conflit clos : la version de cette copie est gardée (révision 3)."
wait_for "Dossier $C"
wait_gone "Conflit de synchro : Profil"
# the profile's history: ours saved again as 3, RN's 2 set aside beside ours
keys 2
wait_for "Bien-être perçu"
keys h
wait_for "Historique - Profil psychosocial - Roy, Rachel ($C)"
wait_for "2 (RN)"
row=$(screen | grep -F "2 (RN)" | head -1)
case "$row" in *"$ME"*"1, mise de côté"*) ok ;; *) bad "set-aside row: '$row'" ;; esac
same "$(screen | grep -cE '^ +[12] +- +20[0-9-]+ [0-9:]+ +[a-z_0-9-]+ +1$')" 2 \
	"(this copy's first two revisions listed)"
row=$(screen | grep -E '^ +3 ' | head -1)
case "$row" in *"$ME"*"1, tranche le 2") ok ;; *) bad "the decision's row: '$row'" ;; esac
# RN's version is the line under our revision 2, newest first
lines=$(screen | grep -E '^ +(2|2 \(RN\)) ' | sed -E 's/^ +([^ ]+( \(RN\))?).*/\1/' | tr '\n' '|')
same "$lines" "2|2 (RN)|" "(ours then RN's, under the same number)"
keys Down Down
keys Enter
wait_for "révision 2 (RN),"
wait_for "cuisine"
keys Escape
wait_for "Historique - Profil psychosocial - Roy, Rachel ($C)"
end_console
pc sync conflicts
has_out "aucun conflit de synchronisation"
same "$(sqlite3 "$O" "SELECT json_extract(answers, '$.wellbeing') || ' ' || settles FROM
	revision WHERE form = 'profile' AND participant_id = (SELECT id FROM participant WHERE
	file_no = '$C') ORDER BY revision DESC LIMIT 1")" "2 2" "(mine saved again, settling 2)"
same "$(sqlite3 "$O" "SELECT resolution FROM sync_conflict ORDER BY resolution")" \
	"merged
mine
theirs"
# the decisions are in the audit log, as sync resolve writes them
same "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE detail LIKE
	'sync conflict revision=% from=RN kept=theirs saved=%'")" 1
same "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE detail LIKE
	'sync conflict revision=% from=RN kept=mine saved=3'")" 1
same "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE detail LIKE
	'sync conflict revision=% from=RN kept=merged saved=%'")" 1
pc audit verify
same "$rc" 0 "(audit verify)"
# the three decisions reach the laptop, closing its conflicts
pc --db "$L" sync
grep -qF "3 conflits tranchés à BUR fermés ici" "$T/err" && ok ||
	bad "decisions not applied on the laptop: $(cat "$T/err")"
same "$(sqlite3 "$L" "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")" 0
same "$(sqlite3 "$L" "SELECT p.file_no || ' ' || json_extract(r.answers, '$.wellbeing') FROM
	revision r JOIN participant p ON p.id = r.participant_id WHERE r.form = 'profile' AND
	r.revision = (SELECT max(revision) FROM revision x WHERE x.participant_id = r.participant_id
	AND x.form = 'profile') ORDER BY 1")" "$A 9
$B 9
$C 2"
finish
