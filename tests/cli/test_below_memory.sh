#!/bin/bash
# `parcours report below` streams its lines (issue 16): 20,000 people
# enrolled with no hours in February, all of them listed. The list used to
# keep every line until all were known, to sort them by counsellor (7.9 MB
# more than an empty month here; 3 MB now, mostly the page cache filled);
# the month is now read in counsellor order and written as it comes: it
# must grow by less than 4 MB over the same report of an empty month, in
# the same order as SQLite's (counsellor, none first, then file number),
# its JSON valid, its totals by programme.
. "$(dirname "$0")/lib.sh"
export LANGUAGE=en

expect 0 init
# file numbers and counsellors in another order than the rows; programmes
# mixed so that the walk by counsellor meets them out of their order
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
            birth_date, counsellor, search_keys, created_at, updated_at)
     SELECT printf('%032x', i), printf('2026-%05d', (i * 7919) % 20000 + 1), 'Nom' || i, 'Prénom',
            'nom' || i, 'prenom', '1980-01-01',
            CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 'zoe' WHEN 2 THEN 'alain' ELSE 'marc' END,
            '', '2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z' FROM k;
     INSERT INTO enrolment (id, participant_id, programme, start_date, created_by, created_at)
     SELECT lower(hex(randomblob(16))), id,
            CASE rowid % 3 WHEN 0 THEN 'paas_action' WHEN 1 THEN 'premieres_heures' ELSE 'chantier' END,
            '2025-04-01', 'test', '2025-04-01T10:00:00Z' FROM participant;"

peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
empty=$(peak report below 2024-02 --csv)
full=$(peak report below 2026-02 --csv)
cp "$T/out" "$T/below.csv"
echo "report below: ${full} KB, on an empty month ${empty} KB"
if [ $((full - empty)) -lt 4096 ]; then ok; else bad "the below report grew by $((full - empty)) KB"; fi
sql "SELECT p.file_no || ',' || e.programme FROM participant p JOIN enrolment e ON e.participant_id = p.id
     ORDER BY coalesce(p.counsellor, ''), p.file_no" >"$T/want"
awk -F, '/^2026-/ { print $1 "," $2 }' "$T/below.csv" >"$T/got"
same "$(wc -l <"$T/got")" 20000 "lines of the below report"
if cmp -s "$T/want" "$T/got"; then ok; else bad "the below report's order differs from SQLite's"; diff "$T/want" "$T/got" | head -5 >&2; fi
same "$(grep '^TOTAL,' "$T/below.csv" | cut -d, -f2 | tr '\n' ' ')" "chantier paas_action premieres_heures "

expect 0 report below 2026-02 --json
same "$(sqlite3 -batch :memory: "SELECT json_valid(CAST(readfile('$T/out') AS TEXT))")" 1 "JSON of the below report"
same "$(jq_ "$T/out" '$.rows[0].file_no')" "$(head -n 1 "$T/want" | cut -d, -f1)"
same "$(jq_ "$T/out" '$.totals.paas_action.participants')" 6666

expect 0 report below 2026-02
same "$(grep -c '^Counsellor:' "$T/out")" 4 "counsellor headings"
same "$(grep '^Counsellor:' "$T/out" | tr '\n' ' ')" "Counsellor: (none) Counsellor: alain Counsellor: marc Counsellor: zoe "
finish
