# File numbers from 10000 in a year: shown whole and ordered by number, so
# that namesakes come "2026-2000" before "2026-10000" (as text they would
# not), in the list, the search and the command line's find.
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

# every participant (the list's first screen), then a search by name
expect 0 participant find ""
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-0901 2026-0900 2026-2000 2026-10000 " "(everyone)"
expect 0 participant find "roy marie"
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-0900 2026-2000 2026-10000 " "(namesakes by number)"
expect 0 participant find roy
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-0900 2026-2000 2026-10000 " "(one word)"
# the whole file number finds it
expect 0 participant find 2026-10000
same "$(cut -f1 "$T/out")" 2026-10000 "(found by its whole number)"
finish
