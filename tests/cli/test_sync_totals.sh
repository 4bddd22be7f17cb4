# Month totals and sync (month_totals.h): the table is derived, so a sync
# file never carries it and a laptop copy does not copy it; each side
# writes its own. A copy has its caseload's totals from the start, and the
# participation a sync brings gets its totals on the receiving side, equal
# to those the sender keeps.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db KEY=$T/usb
mkdir -p "$KEY"
ME=$(id -un)
# totals DB FILE_NO: the totals of that person's months, one per line
totals() {
	sqlite3 -batch "$1" "SELECT t.period, t.revision, t.first_day, t.last_day, t.minutes, t.amounts
	  FROM month_total t JOIN participant p ON p.id = t.participant_id WHERE p.file_no = '$2'
	  ORDER BY t.period"
}
PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 enrol "$B" paas_action --start 2026-01-15
expect 0 submit participation "$A" --period 2026-02 --set entries.1.date=2026-02-03 \
	--set entries.1.activity=work --set entries.1.hours=13 --set transport_costs=12,50
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
# the copy wrote its own totals
same "$(totals "$L" "$A")" "$(totals "$O" "$A")" "the copy's totals"
[ -n "$(totals "$L" "$A")" ] && ok || bad "the copy has no totals"
# the laptop records hours; its sync file carries no totals
expect 0 --db "$L" submit participation "$B" --period 2026-02 --set entries.1.date=2026-02-04 \
	--set entries.1.activity=training --set entries.1.hours=6:30
expect 0 --db "$L" submit participation "$A" --period 2026-02 --set entries.1.date=2026-02-03 \
	--set entries.1.activity=work --set entries.1.hours=14 --set transport_costs=12,50
expect 0 --db "$L" sync export "$KEY/to-office.sync"
expect 0 sync import "$KEY/to-office.sync"
same "$(totals "$O" "$B")" "$(totals "$L" "$B")" "B's totals at the office"
same "$(totals "$O" "$A")" "$(totals "$L" "$A")" "A's new totals at the office"
same "$(sql "SELECT revision FROM month_total WHERE participant_id = (SELECT id FROM participant WHERE file_no = '$A')")" 2 "from revision 2"
expect 0 check
has "$T/out" "month totals (2 participation months read): ok"
expect 0 report month 2026-02 --csv
has "$T/out" "$B,paas_action,0,6.5,"
has "$T/out" "$A,paas_action,0,14,"
finish
