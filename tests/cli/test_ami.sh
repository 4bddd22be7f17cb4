# AMI workshops (departement-insertion-preprofessionnelle.txt: "2 à 4
# demi-journées par semaine", 200 to 300 participants a year): one session
# records the group present; only people enrolled in AMI that day are
# taken, the others refused by name; a correction keeps the removed
# presence; the month report judges each ISO week against 2 to 4 half-days
# and the activity report counts the year's participants and sessions.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en PARCOURS_TODAY=2026-05-15
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Diallo Moïse 2001-01-09; C=$(cat "$T/out")
intake Wapistan Anne 1990-06-21; D=$(cat "$T/out")
intake Tremblay Luc 1979-08-14; E=$(cat "$T/out")
expect 0 enrol "$A" ami --start 2026-03-02
expect 0 enrol "$B" ami --start 2026-03-02
expect 0 enrol "$C" ami --start 2026-04-08
expect 0 enrol "$D" paas_action --start 2026-03-02
sessions() { sql "SELECT count(*) FROM ami_session"; }
# session DATE HALF TITLE FILE_NO...: records one; its number in $S
session() {
	expect 0 session add --date "$1" --half "$2" --title "$3" "${@:4}"
	S=$(sed -n 's/^session \([0-9]*\):.*/\1/p' "$T/out")
}

# ---- refusals: each person not enrolled in AMI that day is named, nothing stored
expect 1 session add --date 2026-04-07 --half am --title Cuisine "$A" "$C" "$D" "$E" 9999-0001
has "$T/err" "$C: Moïse Diallo is not enrolled in a workshop programme (AMI) on 2026-04-07"
has "$T/err" "$D: Anne Wapistan is not enrolled in a workshop programme (AMI) on 2026-04-07"
has "$T/err" "$E: Luc Tremblay is not enrolled in a workshop programme (AMI) on 2026-04-07"
has "$T/err" "9999-0001: unknown file number"
hasnt "$T/err" "$A:"
same "$(sessions)" 0 "(a refused session was stored)"
expect 1 session add --date 2026-05-16 --half am --title Cuisine "$A"
has "$T/err" "date: the session of 2026-05-16 is after today (2026-05-15): record it once held"
expect 1 session add --date 2026-04-07 --half soir --title Cuisine "$A"
has "$T/err" "half: a half-day is am (morning) or pm (afternoon)"
expect 1 session add --date 2026-04-07 --half am --title " " "$A"
has "$T/err" "title: a workshop title is 1 to 200 characters"
expect 1 session add --date 2026-04-07 --half am --title Cuisine "$A" "$A"
has "$T/err" "$A: named twice"
expect 2 session add --date 2026-04-07 --half am --title Cuisine
same "$(sessions)" 0 "(a refused session was stored)"

# ---- a counsellor who does not follow a person cannot record their attendance
CO=61001
expect 0 staff add uid$CO --name "Conseillère Atelier" --role counsellor
as_expect 1 $CO session add --date 2026-04-07 --half am --title Cuisine "$A"
has "$T/err" "$A: Élisabeth Côté: "
same "$(sessions)" 0 "(a refused session was stored)"

# ---- the half-days of A in April, as in tests/unit/test_ami_weeks.c
# week 14 (March 30 to April 5): 3; week 15: 2; week 16: 5 (above);
# week 17: 3 (two workshops on the morning of the 21st count once); week 18: 4
session 2026-03-30 am "Cuisine collective" "$A"
session 2026-03-31 pm "Budget" "$A" "$B"
session 2026-04-02 am "Curriculum vitæ" "$A"
session 2026-04-07 am "Cuisine collective" "$A" "$B"
W15=$S
session 2026-04-09 am "Friperie" "$A" "$C"
for d in "2026-04-13 am" "2026-04-13 pm" "2026-04-14 am" "2026-04-15 am" "2026-04-16 pm"; do
	set -- $d
	session "$1" "$2" "Atelier" "$A"
	[ "$1" = 2026-04-15 ] && hasnt "$T/err" "warning"
done
# the fifth half-day of the week is kept, and said
has "$T/err" "$A: warning: Élisabeth Côté now has 5 half-days in the week of 2026-04-13, above the 4 a week of the programme"
session 2026-04-21 am "Cuisine" "$A"
session 2026-04-21 am "Sortie au musée" "$A" "$C"
session 2026-04-23 pm "Budget" "$A" "$C"
session 2026-04-25 am "Friperie" "$A"
session 2026-04-28 am "Cuisine" "$A"
session 2026-04-30 pm "Budget" "$A"
session 2026-05-01 am "Cuisine" "$A"
session 2026-05-02 am "Friperie" "$A"
has "$T/out" "session $S: 2026-05-02 am, Friperie, 1 person present"
same "$(sessions)" 18 "sessions recorded"
same "$(sql "SELECT count(*) FROM ami_presence")" 23 "presences recorded"

# ---- a correction: B left before the workshop of April 7, C came instead (too
# early: C starts on April 8); the removal is kept, never deleted
expect 1 session change "$W15" --add "$C"
has "$T/err" "$C: Moïse Diallo is not enrolled in a workshop programme (AMI) on 2026-04-07"
expect 1 session change "$W15" --remove "$D"
has "$T/err" "$D: Anne Wapistan is not present at session $W15"
expect 1 session change "$W15" --add "$A"
has "$T/err" "$A: Élisabeth Côté is already present at session $W15"
expect 1 session change "$W15"
expect 0 session change "$W15" --remove "$B" --reason "parti avant l'atelier"
has "$T/out" "session $W15: 0 added, 1 removed"
expect 1 session change "$W15" --remove "$B"
expect 0 session show "$W15"
has "$T/out" "1 person present"
has "$T/out" "$A  Côté, Élisabeth"
has "$T/out" "removed $B (parti avant l'atelier)"
same "$(sql "SELECT count(*) FROM ami_presence WHERE session_id = $W15")" 2 "(the removed presence is kept)"
# the store never deletes a presence nor rewrites a session
run_sql() { sqlite3 -batch "$PARCOURS_DB" "$1" 2>&1; }
has <(run_sql "DELETE FROM ami_presence WHERE session_id = $W15") "a presence is never deleted"
has <(run_sql "UPDATE ami_session SET half = 'pm' WHERE id = $W15") "keeps its date, half-day and title"
# added back: a new row, the old removal still there
expect 0 session change "$W15" --add "$B" --reason "revenu finalement"
same "$(sql "SELECT count(*) FROM ami_presence WHERE session_id = $W15 AND removed_at IS NULL")" 2
expect 0 session change "$W15" --remove "$B" --reason "erreur de saisie"
expect 1 session show 999
has "$T/err" "session: there is no session 999"
expect 2 session show x

# ---- a closed month: a change needs a reason
expect 0 month close 2026-03
expect 1 session add --date 2026-03-31 --half am --title "Budget" "$A"
has "$T/err" "reason: 2026-03 was closed by"
same "$(sessions)" 18 "(a session in a closed month was stored without a reason)"
expect 0 session add --date 2026-03-31 --half am --title "Budget (oubli)" --reason "feuille retrouvée" "$A"
same "$(sessions)" 19 "sessions"

# ---- the month against 2 to 4 half-days a week (weeks of the month's Thursdays)
expect 0 report ami 2026-04 --csv
has "$T/out" "file_no,programme,week,from,to,half_days,status,counsellor,family_name,given_name"
has "$T/out" "$A,ami,month,2026-04-01,2026-04-30,13,above,"
has "$T/out" "$A,ami,2026-W14,2026-03-30,2026-04-05,4,met,"   # March 31 am added above
has "$T/out" "$A,ami,2026-W15,2026-04-06,2026-04-12,2,met,"
has "$T/out" "$A,ami,2026-W16,2026-04-13,2026-04-19,5,above,"
has "$T/out" "$A,ami,2026-W17,2026-04-20,2026-04-26,3,met,"
has "$T/out" "$A,ami,2026-W18,2026-04-27,2026-05-03,4,met,"
# B: one half-day in week 14 (March 31), none after the removal on April 7
has "$T/out" "$B,ami,month,2026-04-01,2026-04-30,0,below,"
has "$T/out" "$B,ami,2026-W14,2026-03-30,2026-04-05,1,below,"
has "$T/out" "$B,ami,2026-W15,2026-04-06,2026-04-12,0,below,"
# C enrolled on Wednesday April 8: that week is partial, shown, not judged
has "$T/out" "$C,ami,2026-W15,2026-04-06,2026-04-12,1,partial,"
has "$T/out" "$C,ami,2026-W17,2026-04-20,2026-04-26,2,met,"
has "$T/out" "$C,ami,2026-W16,2026-04-13,2026-04-19,0,below,"
hasnt "$T/out" "$C,ami,2026-W14"
hasnt "$T/out" "$D,"
expect 0 report ami 2026-04
has "$T/out" "  13 half-days in the month: above range (warning)"
has "$T/out" "  week 2026-W16 (2026-04-13 to 2026-04-19): 5, above range (warning)"
has "$T/out" "  week 2026-W15 (2026-04-06 to 2026-04-12): 1, partial week, not judged"
has "$T/out" "3 enrolled, 2 below target, 1 above range"
expect 0 report ami 2026-04 --json
same "$(jq_ "$T/out" '$.people[0].file_no')" "$A"
same "$(jq_ "$T/out" '$.people[0].programme_label')" "Mobilisation and insertion workshops (AMI)"
same "$(jq_ "$T/out" '$.people[0].weeks[2].status')" above
same "$(jq_ "$T/out" '$.people[0].min')" 2
# May: today is May 15, so only the week of May 4 has ended (nothing: below)
expect 0 report ami 2026-05 --csv
has "$T/out" "$A,ami,month,2026-05-01,2026-05-31,2,below,"
has "$T/out" "$A,ami,2026-W19,2026-05-04,2026-05-10,0,below,"
has "$T/out" "$A,ami,2026-W20,2026-05-11,2026-05-17,0,in_progress,"
expect 1 report ami 2026-13
has "$T/err" "period: \"2026-13\" is not a month: write it as YYYY-MM"
as_expect 1 $CO report ami 2026-04
has "$T/err" "only a supervisor may run reports"

# ---- the year: distinct people present at one session at least, and sessions
expect 0 report activity 2026 --csv
has "$T/out" "ami_participants,,,,,3"
has "$T/out" "ami_sessions,,,,,19"
expect 0 report activity 2026
has "$T/out" "3 AMI workshop participants (present at one session at least), 19 sessions"
expect 0 report activity 2025 --json
same "$(jq_ "$T/out" '$.ami_participants')" 0

# ---- export-person: the sessions held on the person, removals included
expect 0 export-person "$B"
has "$T/out" "AMI workshop sessions"
has "$T/out" "  2026-04-07 am, Cuisine collective (session $W15), recorded"
has "$T/out" "parti avant l'atelier"
has "$T/out" "erreur de saisie"
expect 0 export-person "$B" --json
same "$(jq_ "$T/out" '$.ami_sessions[0].date')" 2026-03-31
same "$(jq_ "$T/out" '$.ami_sessions[1].removed_reason')" "parti avant l'atelier"
same "$(jq_ "$T/out" '$.ami_sessions[2].added_reason')" "revenu finalement"
expect 0 export-person "$D"
hasnt "$T/out" "AMI workshop sessions"

# ---- in French
LANGUAGE=fr expect 1 session add --date 2026-04-07 --half am --title Cuisine "$E"
has "$T/err" "$E: Luc Tremblay n'a pas d'inscription à un programme d'ateliers"
finish
