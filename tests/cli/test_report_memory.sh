#!/bin/bash
# Reports stream within a bounded memory (issue 16): 300 enrolled people
# whose February holds some 60 KB of answers each (18 MB in all). The month
# report used to sort whole rows with their answers in memory; it must now
# grow by less than 4 MB over the same command on an empty month, and its
# hours must be those SQLite sums from the same answers.
. "$(dirname "$0")/lib.sh"

expect 0 init
expect 0 demo --participants 300
peak() { # peak resident memory (KB) of one parcours command; under
	# AddressSanitizer, freed blocks are not held in quarantine (that would
	# measure the sanitizer, not the program)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
# the export's own baseline, before the heavy months: the reports load no
# form up front and the export does, so an empty report is not its measure
light=$(peak export participation --csv)
# an enrolment and a heavy February for each person, written by SQL: the
# answers are what a save writes (200 rows, each with a 190-character note)
sql "INSERT INTO enrolment (id, participant_id, programme, start_date, created_by, created_at)
     SELECT lower(hex(randomblob(16))), id, 'paas_action', '2026-01-05', 'test', '2026-01-05T10:00:00Z'
     FROM participant p WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id);
     WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT p.id, 'participation', '2026-02', 1 + coalesce((SELECT max(revision) FROM revision o
              WHERE o.participant_id = p.id AND o.form = 'participation' AND o.period = '2026-02'), 0), 1,
            json_object('entries', (SELECT json_group_array(json_object(
                'date', printf('2026-02-%02d', 1 + i % 28),
                'activity', CASE i % 4 WHEN 0 THEN 'work' WHEN 1 THEN 'training' WHEN 2 THEN 'social' ELSE 'other' END,
                'hours', (i % 7) * 0.25 + (p.rowid % 3),
                'note', printf('%.190c', 'x'))) FROM k),
                'transport_costs', p.rowid % 40 * 0.5),
            'test', '2026-02-28T10:00:00Z'
     FROM participant p;"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'participation' AND length(answers) > 50000")" 300

empty=$(peak report month 2025-06 --csv)
full=$(peak report month 2026-02 --csv)
cp "$T/out" "$T/month.csv"
echo "report month: ${full} KB, on an empty month ${empty} KB"
if [ $((full - empty)) -lt 4096 ]; then ok; else bad "the month report grew by $((full - empty)) KB"; fi
same "$(grep -c '^2026-' "$T/month.csv")" \
	"$(sql "SELECT count(*) FROM enrolment WHERE start_date <= '2026-02-28' AND (end_date IS NULL OR end_date >= '2026-02-01')")" \
	"rows in the month report"
# the hours of the people enrolled here, as SQLite sums them: counted
# categories only, from the latest revision
sql "SELECT p.file_no || ',' || (SELECT sum(CAST(round(json_extract(e.value, '\$.hours') * 60) AS INT))
       FROM json_each(r.answers, '\$.entries') e
       WHERE json_extract(e.value, '\$.activity') IN ('work', 'training', 'social'))
     FROM participant p JOIN enrolment n ON n.participant_id = p.id AND n.created_by = 'test'
     JOIN revision r ON r.participant_id = p.id AND r.form = 'participation' AND r.period = '2026-02'
     WHERE r.revision = (SELECT max(revision) FROM revision o WHERE o.participant_id = p.id
                         AND o.form = 'participation' AND o.period = '2026-02')
     ORDER BY p.file_no" >"$T/want"
sed 's/,.*//' "$T/want" >"$T/mine"
same "$(wc -l <"$T/want")" "$(sql "SELECT count(*) FROM enrolment WHERE created_by = 'test'")" "people enrolled by the test"
awk -F, '/^2026-/ { printf "%s,%d\n", $1, $4 * 60 + 0.5 }' "$T/month.csv" | grep -F -f "$T/mine" | sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then ok; else bad "hours differ from SQLite's sums"; diff "$T/want" "$T/got" | head -5 >&2; fi

full=$(peak report year 2026)
echo "report year: ${full} KB"
if [ $((full - empty)) -lt 4096 ]; then ok; else bad "the year report grew by $((full - empty)) KB"; fi
full=$(peak export participation --csv)
echo "export participation: ${full} KB, before the heavy February ${light} KB"
if [ $((full - light)) -lt 4096 ]; then ok; else bad "the export grew by $((full - light)) KB"; fi
finish
