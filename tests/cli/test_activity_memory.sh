#!/bin/bash
# report activity keeps flat memory (issue 16): 60,000 people written by
# SQL, each reached in 2026 with an intake. The report used to gather the
# ids of everyone reached (a UNION) and sort their profiles (a GROUP BY);
# now it reads a row per person and adds it up as it goes: it must grow by
# less than 2 MB over the same report of a year nobody was reached in, and
# its counts must be those SQLite counts from the same rows.
. "$(dirname "$0")/lib.sh"
export LANGUAGE=en

expect 0 init
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60000)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
            birth_date, search_keys, created_at, updated_at)
     SELECT printf('%032x', i), printf('2026-%05d', i), 'Roy', 'Luc', 'roy', 'luc',
            CASE WHEN i % 11 THEN printf('%04d-%02d-15', 1950 + i % 55, 1 + i % 12) END, '',
            printf('2026-%02d-01T10:00:00Z', 1 + i % 12), '2026-01-01T00:00:00Z' FROM k;
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT id, 'intake', '', 1, 1, json_object('income_source',
            CASE rowid % 3 WHEN 0 THEN 'last_resort' WHEN 1 THEN 'employment_insurance' END),
            'test', '2026-01-01T00:00:00Z' FROM participant;
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT id, 'profile', '', 1, 1, json_object('barriers', json_array('transport', 'health')),
            'test', '2026-01-01T00:00:00Z' FROM participant WHERE rowid % 4 = 0;"
same "$(sql "SELECT count(*) FROM revision")" 75000

peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
none=$(peak report activity 1990 --csv)
all=$(peak report activity 2026 --csv)
cp "$T/out" "$T/activity.csv"
echo "report activity 2026: ${all} KB, 1990: ${none} KB"
if [ $((all - none)) -lt 2048 ]; then ok; else bad "report activity grew by $((all - none)) KB"; fi
same "$(grep "^people_reached," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" 60000 "people reached"
same "$(grep "^income_source,last_resort," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" \
	"$(sql "SELECT count(*) FROM participant WHERE rowid % 3 = 0")" "last resort"
same "$(grep "^barriers,transport," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" 15000 "transport"
same "$(grep "^barriers,health," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" 15000 "health"
same "$(grep "^barriers,," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" 45000 "no barriers"
same "$(grep "^age,," "$T/activity.csv" | awk -F, '{ print $NF }' | tr -d '\r')" \
	"$(sql "SELECT count(*) FROM participant WHERE birth_date IS NULL")" "no birth date"
# every age band adds up to everyone reached
same "$(grep "^age," "$T/activity.csv" | awk -F, '{ s += $NF } END { print s }')" 60000 "ages"
finish
