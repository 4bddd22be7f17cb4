#!/bin/bash
# `due` streams what is due (issue 16; test_due_memory.sh is a caseload): a supervisor's list of everyone is
# sorted in a temporary file, not held in memory. 600 people, each with a
# plan of 30 objectives due, 300 characters each (18,000 items, some 6 MB
# of text): the list must grow by less than 3 MB over the same command
# before the plans, and still list every objective, grouped by kind.
. "$(dirname "$0")/lib.sh"

expect 0 init
expect 0 demo --participants 600
peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
light=$(peak due --json)
# a new plan for everyone, written by SQL as a save writes it: 30 objectives
# planned for 2026-03-10 (five days before the tests' today)
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 30)
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT p.id, 'plan', '', 1 + coalesce((SELECT max(revision) FROM revision o
              WHERE o.participant_id = p.id AND o.form = 'plan' AND o.period = ''), 0), 2,
            json_object('plan_date', '2026-03-01', 'goal', 'Reprendre une routine.',
                'orientation', 'social', 'objectives', (SELECT json_group_array(json_object(
                'objective', printf('Objectif %d de %s : %.280c', i, p.file_no, 'x'),
                'domain', 'social', 'responsible', 'participant',
                'due_date', '2026-03-10', 'status', 'planned')) FROM k)),
            'test', '2026-03-01T10:00:00Z'
     FROM participant p;"
full=$(peak due --json)
cp "$T/out" "$T/due.json"
echo "due --json: ${full} KB, before the plans ${light} KB"
if [ $((full - light)) -lt 3072 ]; then ok; else bad "due grew by $((full - light)) KB"; fi
# every objective of everyone still in a programme (an exit ends what is due)
want=$(sql "SELECT 30 * count(*) FROM participant p WHERE NOT EXISTS (SELECT 1 FROM enrolment e
	WHERE e.participant_id = p.id AND e.end_date IS NOT NULL AND e.rowid = (SELECT max(rowid)
	FROM enrolment l WHERE l.participant_id = p.id))")
same "$(grep -c '"kind":"objective"' "$T/due.json")" "$want" "(objectives listed)"
# grouped by kind, in the list's order of kinds
grep -o '"kind":"[a-z_]*"' "$T/due.json" | uniq | cut -d'"' -f4 >"$T/kinds"
same "$(sort -u "$T/kinds" | wc -l)" "$(wc -l <"$T/kinds")" "(each kind in one group)"
full=$(peak due)
echo "due: ${full} KB"
if [ $((full - light)) -lt 3072 ]; then ok; else bad "due (text) grew by $((full - light)) KB"; fi
has "$T/out" "Objectifs"
finish
