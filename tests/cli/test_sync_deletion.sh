# A removal on one side against an edit on the other, through the real
# binary (parcours(1) SYNC, "A deletion against an edit"). What a user
# removes is never a deleted row: a row of a form removed is a new
# revision, a workshop presence removed is stamped (who, when, why), a
# person taken out of a caseload is withdrawn (test_sync_assign.sh). So a
# row removed at the office while the laptop edits it, and the reverse,
# is the same form saved on both sides: both versions are kept, a person
# decides, and both ends agree after. A presence removed on both sides is a
# record both changed: the office's stamp at both ends, the laptop's reason
# in the audit log; added back on both sides, one presence stays current.
# Nothing typed on either side is lost.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
ME=$(id -un)
# what both ends must agree on: each form's latest answers, the presences
# and the month totals
data() {
	sqlite3 -batch "$1" "SELECT p.file_no, r.form, r.period, max(r.revision), r.answers
	  FROM revision r JOIN participant p ON p.id = r.participant_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
	  SELECT * FROM ami_presence ORDER BY id;
	  SELECT participant_id, period, revision, minutes, amounts FROM month_total ORDER BY 1, 2"
}
# versions DB FILE_NO: both versions of February's revision 2 kept there,
# one current (revision) and one set aside (sync_conflict), in answer order
versions() {
	sqlite3 -batch "$1" "SELECT answers FROM (SELECT answers FROM revision WHERE revision = 2
	  AND form = 'participation' AND participant_id = (SELECT id FROM participant
	  WHERE file_no = '$2') UNION ALL SELECT answers FROM sync_conflict WHERE revision = 2
	  AND form = 'participation' AND participant_id = (SELECT id FROM participant
	  WHERE file_no = '$2')) ORDER BY answers"
}
# current DB FILE_NO: the latest February answers of that person
current() {
	sqlite3 -batch "$1" "SELECT answers FROM revision WHERE form = 'participation' AND
	  period = '2026-02' AND participant_id = (SELECT id FROM participant WHERE file_no = '$2')
	  ORDER BY revision DESC LIMIT 1"
}
# rows DB FILE_NO: how many rows that person's February holds
rows() {
	sqlite3 -batch "$1" "SELECT json_array_length(answers, '$.entries') FROM revision
	  WHERE form = 'participation' AND period = '2026-02' AND participant_id =
	  (SELECT id FROM participant WHERE file_no = '$2') ORDER BY revision DESC LIMIT 1"
}


PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
for p in "$A" "$B"; do
	expect 0 assign "$p" "$ME"
	expect 0 enrol "$p" paas_action --start 2026-01-15
	expect 0 submit participation "$p" --period 2026-02 \
		--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=5 \
		--set entries.2.date=2026-02-10 --set entries.2.activity=training --set entries.2.hours=3
done
# C, D and E in workshops: C and D at the office's session of March 2
intake Diallo Moïse 2001-01-09; C=$(cat "$T/out")
intake Wapistan Anne 1990-06-21; D=$(cat "$T/out")
intake Tremblay Luc 1979-08-14; E=$(cat "$T/out")
for p in "$C" "$D" "$E"; do
	expect 0 assign "$p" "$ME"
	expect 0 enrol "$p" ami --start 2026-02-02
done
expect 0 session add --date 2026-03-02 --half am --title Cuisine "$C" "$D"
S=$(sed -n 's/^session \([0-9]*\):.*/\1/p' "$T/out")
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN

# A: the office removes February's second row, the laptop changes its hours
expect 0 submit participation "$A" --period 2026-02 --unset entries.2
expect 0 --db "$L" submit participation "$A" --period 2026-02 --set entries.2.hours=9
# B: the laptop removes the second row, the office changes its hours
expect 0 --db "$L" submit participation "$B" --period 2026-02 --unset entries.2
expect 0 submit participation "$B" --period 2026-02 --set entries.2.hours=4
# C's presence removed on both sides, for different reasons; D's on the
# laptop while the office adds E to the same session
expect 0 session change "$S" --remove "$C" --reason "never came"
expect 0 --db "$L" session change "$S" --remove "$C" --reason "left at ten"
expect 0 --db "$L" session change "$S" --remove "$D" --reason "sick"
expect 0 session change "$S" --add "$E"
OA=$(current "$O" "$A") LA=$(current "$L" "$A") OB=$(current "$O" "$B") LB=$(current "$L" "$B")
expect 0 --db "$L" sync
expect 0 --db "$L" sync
# what the laptop took from the office is not sent back as its own
has "$T/err" "sending 0 changes"
# neither the removal nor the edit wins silently: each side keeps its own
# version current and the other's beside it, on both people, at both ends
same "$(current "$O" "$A")" "$OA" "(the office's removal was overwritten)"
same "$(current "$L" "$A")" "$LA" "(the laptop's edit was overwritten)"
same "$(current "$O" "$B")" "$OB" "(the office's edit was overwritten)"
same "$(current "$L" "$B")" "$LB" "(the laptop's removal was overwritten)"
same "$(rows "$O" "$A") $(rows "$L" "$A") $(rows "$O" "$B") $(rows "$L" "$B")" "1 2 2 1"
for db in "$O" "$L"; do
	same "$(open_conflicts "$db")" 2 "(conflicts open in $db)"
	for p in "$A" "$B"; do
		expect 0 --db "$db" sync conflicts "$p"
		has "$T/out" "$p participation 2026-02 revision 2: two versions"
	done
	# each month's totals follow the version current there
	check_clean "$db"
done
# the presences agree: C removed with the office's stamp, D with the
# laptop's, E present; the laptop's reason for C is in the office's log
for db in "$O" "$L"; do
	same "$(sqlite3 "$db" "SELECT removed_reason FROM ami_presence WHERE participant_id =
	  (SELECT id FROM participant WHERE file_no = '$C')")" "never came" "(C's removal in $db)"
	same "$(sqlite3 "$db" "SELECT removed_reason FROM ami_presence WHERE participant_id =
	  (SELECT id FROM participant WHERE file_no = '$D')")" "sick" "(D's removal in $db)"
	expect 0 --db "$db" session show "$S"
	has "$T/out" "1 person present"
	has "$T/out" "$E  Tremblay, Luc"
	has "$T/out" "removed $C (never came)"
	has "$T/out" "removed $D (sick)"
done
same "$(sql "SELECT count(*) FROM audit WHERE file_no = '$C' AND
	detail GLOB 'site=RN seq=[0-9]* ami session=$S removed reason=left at ten'")" 1
expect 0 audit verify
# C added back on both sides: one presence stays current at both ends
# (the lower id), the other is kept removed by its own author, naming it
expect 0 session change "$S" --add "$C" --reason "came after all"
expect 0 --db "$L" session change "$S" --add "$C" --reason "came late"
expect 0 --db "$L" sync
expect 0 --db "$L" sync
has "$T/err" "sending 0 changes"
for db in "$O" "$L"; do
	same "$(sqlite3 "$db" "SELECT count(*), min(id) = (SELECT min(id) FROM ami_presence WHERE
	  added_reason LIKE 'came %') FROM ami_presence WHERE removed_at IS NULL AND participant_id =
	  (SELECT id FROM participant WHERE file_no = '$C')")" "1|1" "(C's current presences in $db)"
	same "$(sqlite3 "$db" "SELECT added_reason || ': ' || removed_reason FROM ami_presence
	  WHERE removed_reason LIKE 'sync: same presence as %'")" \
		"$(sqlite3 "$db" "SELECT (SELECT added_reason FROM ami_presence WHERE added_reason LIKE
		  'came %' ORDER BY id DESC LIMIT 1) || ': sync: same presence as ' || min(id)
		  FROM ami_presence WHERE added_reason LIKE 'came %'")"
	expect 0 --db "$db" session show "$S"
	has "$T/out" "2 people present"
done
same "$(sqlite3 "$L" "SELECT * FROM ami_presence ORDER BY id")" \
	"$(sql "SELECT * FROM ami_presence ORDER BY id")" "(the presences differ)"
# the same two versions of each at both ends
same "$(versions "$L" "$A")" "$(versions "$O" "$A")" "(A's two versions)"
same "$(versions "$L" "$B")" "$(versions "$O" "$B")" "(B's two versions)"
same "$(versions "$O" "$A" | wc -l)" 2
expect 0 sync conflicts "$A"
has "$T/out" '"hours":9'
expect 0 --db "$L" sync conflicts "$B"
has "$T/out" '"hours":4'

# a person decides, on either side: for A the office takes the laptop's
# edit, for B the laptop takes the office's; each decision closes the
# other end's conflict as it arrives, and both ends agree
expect 0 sync resolve "$A" participation --period 2026-02 --keep theirs
has "$T/out" "revision 3"
expect 0 --db "$L" sync resolve "$B" participation --period 2026-02 --keep theirs
has "$T/out" "revision 3"
expect 0 --db "$L" sync
expect 0 --db "$L" sync
same "$(current "$O" "$A")" "$LA" "(A: the laptop's edit is not the office's decision)"
same "$(current "$L" "$B")" "$OB" "(B: the office's edit is not the laptop's decision)"
same "$(data "$L")" "$(data "$O")" "(office and laptop differ after the decisions)"
# and neither version is gone from either end
same "$(versions "$L" "$A")" "$(versions "$O" "$A")"
same "$(versions "$L" "$B")" "$(versions "$O" "$B")"
for db in "$O" "$L"; do
	same "$(open_conflicts "$db")" 0 "(conflicts left open in $db)"
	check_clean "$db"
	expect 0 --db "$db" report month 2026-02 --csv
	has "$T/out" "$A,paas_action,0,14,"
	has "$T/out" "$B,paas_action,0,9,"
done
expect 0 audit verify
finish
