# Sync's defined outcomes (parcours(1) SYNC) when the office and a laptop
# acted on the same person: an exit recorded at the office against hours
# the laptop added (dated before the exit, and after it: kept, not
# counted), a month closed at the office while the laptop added
# hours to it, and a record both changed (the office's version wins on
# both sides). Nothing is lost and both ends hold the same after.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
data() {
	sqlite3 -batch "$1" "SELECT id, file_no, programme, counsellor, status, version FROM
	  participant ORDER BY id; SELECT participant_id, form, period, revision, answers FROM
	  revision ORDER BY 1, 2, 3, 4; SELECT * FROM enrolment ORDER BY id;
	  SELECT * FROM month_closing ORDER BY period"
}
totals() {
	sqlite3 -batch "$1" "SELECT participant_id, period, revision, first_day, last_day, minutes,
	  amounts FROM month_total ORDER BY 1, 2"
}
hours() {
	"$PARCOURS_BIN" --db "$1" submit participation "$2" --period "$3" \
		--set entries.1.date="$3-0$4" --set entries.1.activity=work --set entries.1.hours="$5" \
		>/dev/null 2>&1
}


PARCOURS_DB=$O
expect 0 init
ME=$(id -un)
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
# both are the laptop login's caseload: the copy holds them
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 enrol "$B" paas_action --start 2026-01-15
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
same "$(sqlite3 "$L" "SELECT count(*) FROM participant")" 2

# an exit at the office, new hours on the laptop before it and after it
# (typed there before the exit reached it): on the 25th of the exit's
# month and in the month after
expect 0 leave "$A" --date 2026-02-20 --reason employment
expect 0 --db "$L" submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=5 \
	--set entries.2.date=2026-02-25 --set entries.2.activity=work --set entries.2.hours=7
hours "$L" "$A" 2026-03 2 4 && ok || bad "the laptop could not add hours after the exit"
# a month closed at the office while the laptop adds hours to it
expect 0 month close 2026-01
hours "$L" "$B" 2026-01 6 4 && ok || bad "the laptop could not add hours to January"
expect 0 --db "$L" sync
expect 0 --db "$L" sync
same "$(data "$L")" "$(data "$O")" "(office and laptop differ)"
# the exit stays, and so do the laptop's hours of before it
same "$(sql "SELECT status FROM participant WHERE file_no = '$A'")" \
	"$(sqlite3 "$L" "SELECT status FROM participant WHERE file_no = '$A'")"
same "$(sql "SELECT end_date FROM enrolment WHERE participant_id = (SELECT id FROM participant
	WHERE file_no = '$A')")" 2026-02-20
same "$(sql "SELECT json_extract(answers, '$.entries[0].hours') FROM revision WHERE
	form = 'participation' AND period = '2026-02'")" 5
# ...and those after it, as the laptop saved them, counted nowhere
same "$(sql "SELECT json_extract(answers, '$.entries[1].date') || ' ' ||
	json_extract(answers, '$.entries[1].hours') FROM revision WHERE
	form = 'participation' AND period = '2026-02'")" "2026-02-25 7"
same "$(sql "SELECT json_extract(answers, '$.entries[0].hours') FROM revision WHERE
	form = 'participation' AND period = '2026-03'")" 4
for db in "$O" "$L"; do
	expect 0 --db "$db" report month 2026-02 --csv
	has "$T/out" "$A,paas_action,0,5,"
	expect 0 --db "$db" report month 2026-03 --csv
	hasnt "$T/out" "$A,"
	same "$(totals "$db")" "$(totals "$O")" "(month totals differ)"
	check_clean "$db"
done
# the month stays closed at the office, the hours are there
same "$(sql "SELECT count(*) FROM month_closing WHERE period = '2026-01'")" 1
same "$(sql "SELECT json_extract(answers, '$.entries[0].hours') FROM revision WHERE
	form = 'participation' AND period = '2026-01'")" 4

# a record changed on both sides: the office's version wins at both ends
expect 0 submit intake "$B" --set given_name=Gérard
expect 0 --db "$L" leave "$B" --date 2026-03-01 --reason moved
expect 0 --db "$L" sync
same "$(data "$L")" "$(data "$O")" "(the office's version did not win on the laptop)"
finish
