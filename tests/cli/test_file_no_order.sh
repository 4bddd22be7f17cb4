# File numbers from 10000 in a year are given, found and printed whole
# ("2026-10000", never cut), and namesakes come by the number at the end of
# their file number ("2026-0900", "2026-2000", "2026-10000"; site-coded
# ones "RN-2026-0041" before "RN-2026-0100"), in every search plan and in
# the list's windows further down (offset), which give the same rows as the
# first page asked long enough.
. "$SRC/tests/cli/lib.sh"

expect 0 init
sql "INSERT INTO file_counter (year, last) VALUES (2026, 9999)"
intake Roy Marie 1990-01-01
same "$(cat "$T/out")" 2026-10000 "(the 10000th file of the year)"
sql "UPDATE file_counter SET last = 1999 WHERE year = 2026"
intake Roy Marie 1991-02-02
same "$(cat "$T/out")" 2026-2000
sql "UPDATE file_counter SET last = 899 WHERE year = 2026"
intake Roy Marie 1992-03-03
same "$(cat "$T/out")" 2026-0900
intake Abel Léa 1980-05-05
same "$(cat "$T/out")" 2026-0901
# two site-coded numbers (offline copies), made from two more namesakes
intake Roy Marie 1993-04-04
intake Roy Marie 1994-05-05
recode() {
	sql "UPDATE participant SET file_no = '$2', search_keys = replace(search_keys, ' $1 ', ' $2 ')
	     WHERE file_no = '$1';
	     UPDATE participant_token SET file_no = '$2' WHERE file_no = '$1';"
}
recode 2026-0902 RN-2026-0100
recode 2026-0903 RN-2026-0041

roys="2026-0900 2026-2000 2026-10000 RN-2026-0041 RN-2026-0100 "
# every participant (the list's first screen), then a search by name
expect 0 participant find ""
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-0901 $roys" "(everyone)"
expect 0 participant find "roy marie"
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "$roys" "(two words: namesakes by number)"
expect 0 participant find roy
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "$roys" "(one word)"
expect 0 participant find "marie r"
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "$roys" "(a prefix)"
# the whole file number finds it, and only it; a prefix finds both
expect 0 participant find 2026-10000
same "$(cut -f1 "$T/out")" 2026-10000 "(found by its whole number)"
expect 0 participant find 2026-1000
same "$(cut -f1 "$T/out")" 2026-10000 "(a prefix of the number)"

# many namesakes: a word common enough for the merge and walk plans
# (more than 2,000 index entries), a window of 3 further down gives the
# rows of the whole order
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)
     INSERT INTO participant (id, file_no, family_name, given_name, family_folded,
       given_folded, search_keys, created_at, updated_at)
     SELECT printf('x%031d', i), printf('2025-%d', 12100 - i * 5), 'Gagnon', 'Luc', 'gagnon',
       'luc', printf(' 2025-%d 2025 %d gagnon luc ', 12100 - i * 5, 12100 - i * 5),
       '2026-01-01', '2026-01-01' FROM n;
     INSERT OR IGNORE INTO participant_token (token, family_folded, given_folded, file_no)
     SELECT t.value, 'gagnon', 'luc', p.file_no FROM participant p,
       json_each(json_array(p.file_no, '2025', substr(p.file_no, 6), 'gagnon', 'luc')) t
     WHERE p.id LIKE 'x%';"
expect 0 participant find gagnon --limit 4
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2025-1600 2025-1605 2025-1610 2025-1615 " \
	"(2,100 namesakes: by number, not as text)"
expect 0 participant find "luc g" --limit 3
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2025-1600 2025-1605 2025-1610 " "(two common words)"
expect 0 participant find 2025-1 --limit 3
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2025-1600 2025-1605 2025-1610 " "(a file-number prefix: the walk)"
expect 0 participant find 2025 --limit 3
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2025-1600 2025-1605 2025-1610 " "(the year)"
finish
