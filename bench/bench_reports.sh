#!/bin/bash
# `make bench` rows for the reports and the memory of commands (issue 16):
# month and year reports at 10,000 participants as whole processes (median
# of 5, spread min-max) beside the sqlite3 shell running the same query,
# and the peak resident memory of each report, export and find at 100,000.
# Usage: bench_reports.sh PARCOURS_BINARY FORMS REPORT_DB BIG_DB (the
# databases `make bench` built; each is copied, never written in place).
set -u
BIN=$1 FORMS=$2 RDB=$3 BIG=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC PARCOURS_TODAY=2026-11-15
cp "$RDB" "$T/r.db" && "$BIN" --db "$T/r.db" --forms "$FORMS" init >/dev/null || exit 1

# median and spread of N whole-process wall times (ms) of a command
times() {
	local n=$1
	shift
	for _ in $(seq "$n"); do
		local a b
		a=$(date +%s%N)
		"$@" >/dev/null 2>&1
		b=$(date +%s%N)
		echo $(((b - a) / 1000000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%d ms (%d-%d)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
peak() { # KB of resident memory at the peak of one command
	/usr/bin/time -f %M -o "$T/peak" "$BIN" --db "$1" --forms "$FORMS" "${@:2}" >/dev/null 2>&1
	awk '{ printf "%.1f MiB", $1 / 1024 }' "$T/peak"
}
# the queries the reports run (src/store/enrolment.c), with the settings
# of the command's connection (store.c pc_store_bounded): rows, enrolments
# and the month totals kept with each revision (month_totals.h), no answers
BOUNDED="PRAGMA cache_size = -2048; PRAGMA temp_store = FILE;"
MONTH_SQL="$BOUNDED SELECT p.id, p.file_no, p.family_name, p.given_name, p.counsellor,
 e.participant_id, e.programme, e.start_date, e.end_date, e.hours, e.ramp,
 t.participant_id IS NOT NULL, t.revision, t.first_day, t.last_day, t.minutes, t.amounts
 FROM (SELECT e.rowid AS erow, p.rowid AS prow FROM enrolment e
 JOIN participant p ON p.id = e.participant_id
 WHERE e.start_date <= '2026-06-30' AND (e.end_date IS NULL OR e.end_date >= '2026-06-01')
 ORDER BY e.programme, coalesce(p.counsellor, ''), p.file_no LIMIT -1) k
 CROSS JOIN enrolment e ON e.rowid = k.erow CROSS JOIN participant p ON p.rowid = k.prow
 LEFT JOIN month_total t ON t.participant_id = p.id AND t.period = '2026-06'"
YEAR_SQL="$BOUNDED WITH RECURSIVE m(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM m WHERE k < 11),
 months(period, first, last) AS MATERIALIZED (SELECT printf('2026-%02d', k), printf('2026-%02d-01', k),
 date(printf('2026-%02d-01', k), '+1 month', '-1 day') FROM m)
 SELECT p.id, p.file_no, NULL, NULL, NULL, e.participant_id, e.programme, e.start_date,
 e.end_date, e.hours, e.ramp, t.participant_id IS NOT NULL, t.revision, t.first_day, t.last_day,
 t.minutes, t.amounts, months.period
 FROM enrolment e JOIN participant p ON p.id = e.participant_id CROSS JOIN months
 LEFT JOIN month_total t ON t.participant_id = p.id AND t.period = months.period
 WHERE e.start_date <= '2026-12-31' AND (e.end_date IS NULL OR e.end_date >= '2026-01-01')
 AND e.start_date <= months.last AND (e.end_date IS NULL OR e.end_date >= months.first)
 ORDER BY e.participant_id"
people=$(sqlite3 "$T/r.db" "SELECT count(*) FROM enrolment")
echo "| month report, $people participants, CSV, whole process, median of 5 (min-max) | $(times 5 "$BIN" --db "$T/r.db" --forms "$FORMS" report month 2026-06 --csv) |"
echo "| same query in the sqlite3 shell (rows, enrolments and month totals, no rules) | $(times 5 sqlite3 "$T/r.db" "$MONTH_SQL") |"
echo "| year report 2026 (11 months), same database, whole process, median of 5 | $(times 5 "$BIN" --db "$T/r.db" --forms "$FORMS" report year 2026) |"
echo "| same query in the sqlite3 shell | $(times 5 sqlite3 "$T/r.db" "$YEAR_SQL") |"
echo "| peak memory: report month / below / year, $people participants | $(peak "$T/r.db" report month 2026-06 --csv) / $(peak "$T/r.db" report below 2026-06) / $(peak "$T/r.db" report year 2026) |"
rm -f "$T/r.db"*
if [ -f "$BIG" ]; then
	cp "$BIG" "$T/b.db" && "$BIN" --db "$T/b.db" --forms "$FORMS" init >/dev/null || exit 1
	n=$(sqlite3 "$T/b.db" "SELECT count(*) FROM participant")
	echo "| peak memory at $n participants: export profile --csv / export intake --json | $(peak "$T/b.db" export profile --csv) / $(peak "$T/b.db" export intake --json) |"
	echo "| peak memory at $n participants: find --limit 100000 (everyone) / find --limit 100000 2026 | $(peak "$T/b.db" participant find --limit 100000) / $(peak "$T/b.db" participant find --limit 100000 2026) |"
	echo "| peak memory at $n participants: report month / year / activity | $(peak "$T/b.db" report month 2026-06) / $(peak "$T/b.db" report year 2026) / $(peak "$T/b.db" report activity 2026) |"
fi
