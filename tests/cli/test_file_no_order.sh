# File numbers from 10000 in a year are given, found and printed whole
# ("2026-10000", never cut), and the list's window further down (offset)
# gives the same rows as the first page asked long enough.
. "$SRC/tests/cli/lib.sh"

expect 0 init
sql "INSERT INTO file_counter (year, last) VALUES (2026, 9999)"
intake Roy Marie 1990-01-01
same "$(cat "$T/out")" 2026-10000 "(the 10000th file of the year)"
intake Abel Léa 1980-05-05
same "$(cat "$T/out")" 2026-10001
expect 0 participant find ""
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-10001 2026-10000 " "(everyone, by name)"
# the whole file number finds it, and only it
expect 0 participant find 2026-10000
same "$(cut -f1 "$T/out")" 2026-10000 "(found by its whole number)"
expect 0 participant find 2026-1000
same "$(cut -f1 "$T/out" | tr '\n' ' ')" "2026-10001 2026-10000 " "(a prefix finds both)"
finish
