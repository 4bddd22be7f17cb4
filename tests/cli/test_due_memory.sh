#!/bin/bash
# `parcours due` within a bounded memory (issue 16): a caseload of 3,000
# enrolled people, each with three follow-up meetings of some 2 KB of
# answers, a plan and two referrals, written by SQL. The list used to keep
# the whole caseload (eleven copied strings a person), then every item with
# five copied strings of its own: 7.1-7.5 MB more than for a caseload of 20
# here. It now reads one person at a time and sorts the items in a
# temporary file (test_due_stream.sh); it must grow by less than 6 MB over
# the same command on a caseload
# of 20, and say what SQLite says is due: the newest meeting's next one, the
# open objective, the pending referral and the first evaluation of each
# person, by kind, then date, then file number.
. "$(dirname "$0")/lib.sh"
export LANGUAGE=en

expect 0 init
me=$(id -un)
# file numbers in another order than the rows, so that the list's order is
# not the order of writing; people of "other" are the small caseload
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3020)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
            birth_date, programme, counsellor, search_keys, created_at, updated_at)
     SELECT printf('%032x', i), printf('2026-%05d', (i * 7919) % 3020 + 1), 'Nom' || i, 'Prénom',
            'nom' || i, 'prenom', '1980-01-01', 'paas_action', CASE WHEN i <= 3000 THEN '$me' ELSE 'other' END,
            '', '2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z' FROM k;
     INSERT INTO enrolment (id, participant_id, programme, start_date, created_by, created_at)
     SELECT lower(hex(randomblob(16))), id, 'paas_action', '2025-04-01', 'test', '2025-04-01T10:00:00Z'
     FROM participant;
     WITH m(d, nx) AS (VALUES ('2026-01-10', '2026-01-20'), ('2026-02-01', '2026-02-10'),
                             ('2026-03-01', '2026-03-20'))
     INSERT INTO entry (participant_id, form, entry_date, created_by, created_at)
     SELECT p.id, 'followup', m.d, 'test', m.d || 'T10:00:00Z' FROM participant p, m ORDER BY p.rowid, m.d;
     INSERT INTO entry (participant_id, form, entry_date, created_by, created_at)
     SELECT p.id, 'referral', d, 'test', d || 'T10:00:00Z'
     FROM participant p, (SELECT '2026-01-10' AS d UNION ALL SELECT '2026-01-12') ORDER BY p.rowid, d;
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT e.participant_id, 'followup', CAST(e.id AS TEXT), 1, 1,
            json_object('meeting_date', e.entry_date, 'kind', 'phone', 'summary', printf('%.2000c', 'x'),
                        'next_meeting', CASE e.entry_date WHEN '2026-01-10' THEN '2026-01-20'
                                        WHEN '2026-02-01' THEN '2026-02-10' ELSE '2026-03-20' END),
            'test', e.created_at FROM entry e WHERE e.form = 'followup';
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT e.participant_id, 'referral', CAST(e.id AS TEXT), 1, 1,
            json_object('referral_date', e.entry_date, 'partner', 'clsc', 'reason', 'Santé',
                        'outcome', CASE e.entry_date WHEN '2026-01-10' THEN 'pending' ELSE 'accepted' END),
            'test', e.created_at FROM entry e WHERE e.form = 'referral';
     INSERT INTO revision (participant_id, form, period, revision, form_version, answers, saved_by, saved_at)
     SELECT p.id, 'plan', '', 1, 1,
            json_object('plan_date', '2026-01-05', 'goal', 'Emploi', 'objectives', json_array(
              json_object('objective', 'Objectif ' || p.rowid, 'status', 'planned',
                          'due_date', printf('2026-04-%02d', p.rowid % 9 + 1)),
              json_object('objective', 'Fait', 'status', 'achieved', 'due_date', '2026-02-01'),
              json_object('objective', 'Plus tard', 'status', 'in_progress', 'due_date', '2027-06-01'))),
            'test', '2026-01-05T10:00:00Z' FROM participant p;"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'followup' AND length(answers) > 2000")" 9060

peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
small=$(peak due --counsellor other --within 365 --csv)
same "$(grep -c '^objective,' "$T/out")" 20 "objectives due of the small caseload"
big=$(peak due --counsellor "$me" --within 365 --csv)
cp "$T/out" "$T/due.csv"
echo "due of 3,000 people: ${big} KB, of 20: ${small} KB"
if [ $((big - small)) -lt 6144 ]; then ok; else bad "due grew by $((big - small)) KB for 3,000 people"; fi

# what SQLite says is due, in the list's order: kind, then date, then file number
sql "SELECT 'followup,' || file_no || ',2026-03-20' FROM participant WHERE counsellor = '$me' ORDER BY file_no;
     SELECT 'objective,' || file_no || ',' || printf('2026-04-%02d', rowid % 9 + 1) FROM participant
     WHERE counsellor = '$me' ORDER BY rowid % 9, file_no;
     SELECT 'evaluation,' || file_no || ',2026-04-01' FROM participant WHERE counsellor = '$me' ORDER BY file_no;
     SELECT 'referral,' || file_no || ',2026-02-09' FROM participant WHERE counsellor = '$me' ORDER BY file_no" \
	>"$T/want"
awk -F, '$1 ~ /^(followup|objective|evaluation|referral)$/ { print $1 "," $2 "," $(NF - 1) }' "$T/due.csv" >"$T/got"
if cmp -s "$T/want" "$T/got"; then ok; else bad "due differs from SQLite"; diff "$T/want" "$T/got" | head -5 >&2; fi
has "$T/due.csv" "followup,2026-00002,Nom1199,Prénom,$me,"
has "$T/due.csv" ",planned at the meeting of 2026-03-01,2026-03-20,-5"
has "$T/due.csv" ",\"CLSC, CIUSSS or CISSS\",2026-02-09,34"
hasnt "$T/due.csv" "Plus tard"
hasnt "$T/due.csv" "Fait"

# the text and JSON lists say the same, and the run is one audit line
expect 0 due --counsellor "$me" --within 365
has "$T/out" "Objectives due or overdue (3000)"
has "$T/out" "Follow-up meetings due (3000)"
expect 0 due --counsellor "$me" --within 365 --json
same "$(jq_ "$T/out" '$.items[0].file_no')" 2026-00002
same "$(sqlite3 -batch :memory: "SELECT json_array_length(CAST(readfile('$T/out') AS TEXT), '\$.items')")" \
	"$(($(wc -l <"$T/due.csv") - 1))" "items in JSON and CSV"
same "$(sql "SELECT count(*) FROM audit WHERE detail LIKE 'due list caseload=$me items=%'")" 3
finish
