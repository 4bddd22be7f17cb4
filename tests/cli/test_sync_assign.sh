# A person assigned to the laptop's login at the office after `sync init`
# reaches the laptop at the next sync, whole (names, revisions, enrolment,
# search tokens), once, however the sync is cut or repeated; what the
# laptop then types about them reaches the office. A person never assigned
# is nowhere in the laptop's file. A person taken out of the caseload is
# removed from the copy, but only once nothing typed on it is unsent. The
# derived tables follow: a newcomer's month totals and search tokens are
# built on the laptop, a withdrawn person leaves none behind.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db KEY=$T/usb
mkdir -p "$KEY"
ME=$(id -un)
# what both ends share about person $2 (a file number) in database $1
person() {
	sqlite3 -batch "$1" "SELECT id, file_no, family_name, given_name, counsellor, status,
	  version, search_keys FROM participant WHERE file_no = '$2';
	  SELECT form, period, revision, answers, saved_by FROM revision WHERE participant_id =
	  (SELECT id FROM participant WHERE file_no = '$2') ORDER BY 1, 2, 3;
	  SELECT id, programme, start_date FROM enrolment WHERE participant_id =
	  (SELECT id FROM participant WHERE file_no = '$2');
	  SELECT token FROM participant_token WHERE file_no = '$2' ORDER BY 1"
}
count() { sqlite3 -batch "$1" "SELECT count(*) FROM $2"; }
# the month totals of person $2 (a file number) in database $1
totals() {
	sqlite3 -batch "$1" "SELECT t.period, t.revision, t.first_day, t.last_day, t.minutes,
	  t.amounts FROM month_total t JOIN participant p ON p.id = t.participant_id
	  WHERE p.file_no = '$2' ORDER BY t.period"
}
# hours DB FILE_NO DAY HOURS: a February participation saved in that database
hours() {
	expect 0 --db "$1" submit participation "$2" --period 2026-02 --set entries.1.date="$3" \
		--set entries.1.activity=work --set entries.1.hours="$4" --set transport_costs=8,25
}
# the line of person $2 in database $1's February report
reported() {
	"$PARCOURS_BIN" --db "$1" report month 2026-02 --csv 2>/dev/null | grep -F "$2,"
}
# rows left in database $1 about people it no longer holds: every table with
# a participant_id (drafts of an intake use ''; the audit log is history,
# never edited) and the search tokens, by file number
leftovers() {
	sqlite3 -batch "$1" "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
	  WHERE m.type = 'table' AND c.name = 'participant_id' AND m.name <> 'audit'" |
		while read -r t; do
			sqlite3 -batch "$1" "SELECT '$t', count(*) FROM \"$t\" WHERE participant_id <> ''
			  AND participant_id NOT IN (SELECT id FROM participant) HAVING count(*) > 0"
		done
	sqlite3 -batch "$1" "SELECT 'participant_token', count(*) FROM participant_token
	  WHERE file_no NOT IN (SELECT file_no FROM participant) HAVING count(*) > 0"
}

PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
expect 0 staff add marie --name "Marie Otis" --role counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
# both have hours: the copy holds their month totals
expect 0 enrol "$A" paas_action --start 2026-01-15
expect 0 enrol "$B" paas_action --start 2026-01-15
hours "$O" "$A" 2026-02-03 11
hours "$O" "$B" 2026-02-04 6:30
# a person with hours from before the copy, someone else's for now
intake Quenneville Rosalie 1983-04-04; Q=$(cat "$T/out")
expect 0 assign "$Q" marie
expect 0 enrol "$Q" paas_action --start 2026-01-15
hours "$O" "$Q" 2026-02-06 9:15
AID=$(sql "SELECT id FROM participant WHERE file_no = '$A'")
BID=$(sql "SELECT id FROM participant WHERE file_no = '$B'")
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
same "$(count "$L" participant)" 2

# after the copy: a new person with a history, then assigned to the login
intake Tremblay Noémie 1990-07-14; N=$(cat "$T/out")
expect 0 submit intake "$N" --set given_name=Noémie-Rose
expect 0 enrol "$N" paas_action --start 2026-01-15
hours "$O" "$N" 2026-02-05 13
expect 0 assign "$N" "$ME"
# and a person nobody assigns to the login
intake Xiradakis Philomène 1970-01-01; S=$(cat "$T/out")
expect 0 assign "$S" marie
expect 0 submit intake "$S" --set given_name=Philomène-Zoé

expect 0 --db "$L" sync
has "$T/err" "1 people newly assigned to you arrived"
hasnt "$T/err" "sync init"
same "$(person "$L" "$N")" "$(person "$O" "$N")" "(the newcomer differs on the laptop)"
same "$(sqlite3 "$L" "SELECT count(*) FROM revision WHERE participant_id = (SELECT id FROM
	participant WHERE file_no = '$N')")" 3
# the newcomer's months have their totals, as the office's, and the same report line
[ -n "$(totals "$O" "$N")" ] && ok || bad "the office has no totals for $N"
same "$(totals "$L" "$N")" "$(totals "$O" "$N")" "(the newcomer's month totals on the laptop)"
[ -n "$(reported "$O" "$N")" ] && ok || bad "the office's report lacks $N"
same "$(reported "$L" "$N")" "$(reported "$O" "$N")" "(the newcomer's report line on the laptop)"
expect 0 --db "$L" participant find tremblay
has "$T/out" "$N"
expect 0 --db "$L" show "$N"
has "$T/out" "Noémie-Rose"
# the office's log says they left on the copy
same "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'caseload copy site=RN people=1%'")" 1
# nothing about the other person, in the database or beside it
for f in "$L" "$L-wal"; do
	[ -f "$f" ] || continue
	if grep -qa "Xiradakis\|xiradakis\|Philomène" "$f"; then bad "$f holds $S"; else ok; fi
done
expect 1 --db "$L" show "$S"

# the laptop works on the newcomer; it reaches the office
expect 0 --db "$L" submit intake "$N" --set given_name=Noémie-Claire
expect 0 --db "$L" sync
same "$(sql "SELECT given_name FROM participant WHERE file_no = '$N'")" Noémie-Claire
same "$(person "$L" "$N")" "$(person "$O" "$N")" "(the laptop's change did not reach the office)"
# synced again: nothing sent twice, nothing set aside
expect 0 --db "$L" sync
hasnt "$T/err" "newly assigned"
same "$(sql "SELECT count(*) FROM sync_conflict")" 0
same "$(count "$L" sync_conflict)" 0

# a newcomer whose hours were saved before the copy was made: the office
# sends none of their old changes again, the laptop builds their totals
expect 0 assign "$Q" "$ME"
expect 0 --db "$L" sync
has "$T/err" "1 people newly assigned to you arrived"
same "$(person "$L" "$Q")" "$(person "$O" "$Q")"
[ -n "$(totals "$O" "$Q")" ] && ok || bad "the office has no totals for $Q"
same "$(totals "$L" "$Q")" "$(totals "$O" "$Q")" "(the newcomer's month totals on the laptop)"
same "$(reported "$L" "$Q")" "$(reported "$O" "$Q")" "(the newcomer's report line on the laptop)"
check_clean "$L"

# a sync cut: the office wrote a file holding a newcomer, which never arrived
intake Lévesque Anaïs 1995-05-05; M=$(cat "$T/out")
expect 0 assign "$M" "$ME"
expect 0 sync export "$KEY/lost.sync" --to RN
expect 0 --db "$L" sync
has "$T/err" "1 people newly assigned to you arrived"
same "$(person "$L" "$M")" "$(person "$O" "$M")"
# a file that arrived but whose receipt did not come back: the office
# sends the person again, the laptop keeps what it has, nothing twice
intake Pelletier Jocelyn 1981-08-08; P=$(cat "$T/out")
expect 0 assign "$P" "$ME"
expect 0 sync export "$KEY/first.sync" --to RN
expect 0 --db "$L" sync import "$KEY/first.sync"
has "$T/err" "1 people newly assigned to you arrived"
expect 0 --db "$L" submit intake "$P" --set given_name=Jocelyne
expect 0 submit profile "$P" --set wellbeing=4
expect 0 sync export "$KEY/second.sync" --to RN
expect 0 --db "$L" sync import "$KEY/second.sync"
hasnt "$T/err" "newly assigned"
# the same file twice: nothing applied twice
expect 0 --db "$L" sync import "$KEY/second.sync"
has "$T/err" "0 applied"
same "$(sqlite3 "$L" "SELECT given_name FROM participant WHERE file_no = '$P'")" Jocelyne
same "$(sqlite3 "$L" "SELECT count(*) FROM revision WHERE form = 'profile' AND participant_id =
	(SELECT id FROM participant WHERE file_no = '$P')")" 1
expect 0 --db "$L" sync
same "$(person "$L" "$P")" "$(person "$O" "$P")" "(after a repeated file)"
same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE counsellor = '$ME'")" \
	"$(sql "SELECT count(*) FROM participant WHERE counsellor = '$ME'")"
same "$(count "$L" sync_conflict)" 0
# a cut file is refused whole and the next sync brings everything
intake Roy Cédric 1977-02-02; R=$(cat "$T/out")
expect 0 assign "$R" "$ME"
expect 0 sync export "$KEY/whole.sync" --to RN
head -c 400 "$KEY/whole.sync" >"$KEY/cut.sync"
expect 1 --db "$L" sync import "$KEY/cut.sync"
expect 1 --db "$L" show "$R"
expect 0 --db "$L" sync
same "$(person "$L" "$R")" "$(person "$O" "$R")"

# a conflict on A, decided on the laptop (which closes the office's too):
# the laptop keeps the versions it set aside until A leaves it
expect 0 --db "$L" submit profile "$A" --set wellbeing=9
expect 0 submit profile "$A" --set wellbeing=2
expect 0 --db "$L" sync
expect 0 --db "$L" sync resolve "$A" profile --keep theirs
expect 0 --db "$L" sync
same "$(sql "SELECT resolution FROM sync_conflict")" settled "(decided on the laptop)"
same "$(count "$L" sync_conflict) $(sql "SELECT count(*) FROM sync_conflict")" "1 1"

# taken out of the caseload: removed from the copy once nothing typed on
# it about them is unsent
expect 0 assign "$A" marie
expect 0 --db "$L" sync
has "$T/err" "1 people no longer in your caseload at BUR were removed"
expect 1 --db "$L" show "$A"
same "$(sqlite3 "$L" "SELECT count(*) FROM revision WHERE participant_id NOT IN (SELECT id FROM
	participant)")" 0
# nothing derived stays behind: no month totals, no tokens, no row of theirs
same "$(sqlite3 "$L" "SELECT count(*) FROM month_total WHERE participant_id = '$AID'")" 0 \
	"(the withdrawn person's month totals stayed on the laptop)"
same "$(leftovers "$L")" "" "(rows about people the laptop no longer holds)"
check_clean "$L"
expect 0 --db "$L" participant find côté
hasnt "$T/out" "$A"
# ...but kept while the laptop holds a change the office has not received
expect 0 --db "$L" submit intake "$B" --set given_name=Gérard
expect 0 assign "$B" marie
expect 0 sync export "$KEY/to-laptop.sync" --to RN
expect 0 --db "$L" sync import "$KEY/to-laptop.sync"
has "$T/err" "kept here until what was typed about them reaches it"
has "$T/err" "$B"
expect 0 --db "$L" show "$B"
has "$T/out" "Gérard"
# the next sync sends it, then removes the person
expect 0 --db "$L" sync
has "$T/err" "were removed"
same "$(sql "SELECT given_name FROM participant WHERE file_no = '$B'")" Gérard
expect 1 --db "$L" show "$B"
same "$(sqlite3 "$L" "SELECT count(*) FROM month_total WHERE participant_id = '$BID'")" 0
same "$(leftovers "$L")" ""
# assigned back: the person returns whole
expect 0 assign "$B" "$ME"
expect 0 --db "$L" sync
has "$T/err" "1 people newly assigned to you arrived"
same "$(person "$L" "$B")" "$(person "$O" "$B")"
same "$(totals "$L" "$B")" "$(totals "$O" "$B")" "(the returning person's month totals)"
same "$(reported "$L" "$B")" "$(reported "$O" "$B")" "(the returning person's report line)"
same "$(leftovers "$L")" ""
check_clean "$L"
expect 0 audit verify
finish
