#!/bin/bash
# `participant find` streams its results (issue 16): 30,000 people written
# by SQL, a search that every one of them matches printed whole must grow by
# less than 4 MB over the same search stopped at one line (it used to gather
# every file number and participant first: 13 MB more here), and the lines
# must be SQLite's own answer, in the list's order (names, then file
# numbers by number), each person once, for the walk, the rare-word plan
# and several words.
. "$(dirname "$0")/lib.sh"

expect 0 init
# people named from small lists, so words match many; "Marie-Martine"
# matches "ma" through two of her tokens and must come out once
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 30000),
     n AS (SELECT i, printf('2026-%05d', i) AS no,
            CASE i % 5 WHEN 0 THEN 'Tremblay' WHEN 1 THEN 'Martin' WHEN 2 THEN 'Côté'
                       WHEN 3 THEN 'Roy' ELSE 'Gagnon' END AS fam,
            CASE WHEN i % 997 = 0 THEN 'Marie-Martine' WHEN i % 7 = 0 THEN 'Zoé'
                 ELSE CASE i % 3 WHEN 0 THEN 'Alain' WHEN 1 THEN 'Béatrice' ELSE 'Luc' END END AS giv
            FROM k),
     f AS (SELECT i, no, fam, giv, replace(replace(lower(fam), 'ô', 'o'), 'é', 'e') AS ff,
            replace(replace(lower(giv), 'é', 'e'), 'É', 'e') AS gf FROM n)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded, given_folded,
            birth_date, programme, search_keys, created_at, updated_at)
     SELECT printf('%032x', i), no, fam, giv, ff, gf, printf('19%02d-01-01', i % 90 + 10),
            CASE WHEN i % 2 THEN 'paas_action' END,
            ' ' || ff || ' ' || gf || ' ' || CASE WHEN instr(gf, '-') THEN
              substr(gf, 1, instr(gf, '-') - 1) || ' ' || substr(gf, instr(gf, '-') + 1) || ' ' ELSE '' END
              || no || ' 2026 ' || substr(no, 6) || ' ',
            '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM f;
     INSERT INTO participant_token (token, family_folded, given_folded, file_no)
     SELECT ff, ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant)
     UNION SELECT gf, ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant)
     UNION SELECT no, ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant)
     UNION SELECT '2026', ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant)
     UNION SELECT substr(no, 6), ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant)
     UNION SELECT 'marie', ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant
                                            WHERE gf = 'marie-martine')
     UNION SELECT 'martine', ff, gf, no FROM (SELECT family_folded ff, given_folded gf, file_no no FROM participant
                                              WHERE gf = 'marie-martine');"
same "$(sql "SELECT count(*) FROM participant")" 30000

peak() { # peak resident memory (KB) of one parcours command (see test_report_memory.sh)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
		/usr/bin/time -f %M -o "$T/peak" "$PARCOURS_BIN" "$@" >"$T/out" 2>"$T/err" || echo "exit $?" >&2
	cat "$T/peak"
}
# want WORDS...: SQLite's list of the people whose search keys hold a word
# starting with each of WORDS (folded), in the list's order
want() {
	local w cond=""
	for w in "$@"; do cond+=" AND instr(search_keys, ' $w') > 0"; done
	sql "SELECT file_no || char(9) || family_name || char(9) || given_name || char(9)
	       || coalesce(birth_date, '') || char(9) || coalesce(programme, '')
	     FROM participant WHERE 1 $cond ORDER BY family_folded, given_folded, length(file_no), file_no"
}

one=$(peak participant find --limit 1 2026)
all=$(peak participant find --limit 100000 2026)
echo "find --limit 100000 2026: ${all} KB, --limit 1: ${one} KB"
if [ $((all - one)) -lt 4096 ]; then ok; else bad "find grew by $((all - one)) KB for 30,000 lines"; fi
same "$(wc -l <"$T/out")" 30000 "lines of find 2026"
want 2026 >"$T/want"
if cmp -s "$T/want" "$T/out"; then ok; else bad "find 2026 differs from SQLite"; diff "$T/want" "$T/out" | head -5 >&2; fi

# the same with no text, a rare word (the index range plan, Marie-Martine
# once), a common one, two words, and a window cut by --limit
check() { # check LIMIT WORDS...: find's lines are SQLite's, cut at LIMIT
	local limit=$1
	shift
	expect 0 participant find --limit "$limit" "$@"
	want "$@" | head -n "$limit" >"$T/want"
	if cmp -s "$T/want" "$T/out"; then ok; else
		bad "find --limit $limit $* differs from SQLite"
		diff "$T/want" "$T/out" | head -5 >&2
	fi
}
check 100000
check 100000 ma
check 100000 marie
check 100000 zoe
check 100000 cote z
check 250 tremblay alain
check 100000 2026-001
check 50 b
same "$(grep -c 'Marie-Martine' "$T/out" || true)" 0 "b finds no Marie-Martine"
finish
