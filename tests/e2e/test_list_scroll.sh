# The participant list scrolls through every match, not one screenful:
# PgDn/PgUp (and Ctrl-F/Ctrl-B), End/Home (Ctrl-E/Ctrl-A), a "12-30 of
# 5,214" count with thousands in the user's language, arrows when rows are
# hidden, and the selected person kept (by id, not by row) when the list
# comes back after someone was added above them. Also a pop-up choice list
# shows that more choices hide below (the profile's barriers: "Other").
# File numbers from 10000 are shown whole, after a namesake's 2026-2000.
. "$SRC/tests/e2e/lib.sh"

pc demo --participants 1200
same "$rc" 0 "(demo: $(cat "$T/err"))"
pc participant find --limit 5000 ""
cut -f1 "$T/out" >"$T/order"
same "$(wc -l <"$T/order")" 1200 "(participants found)"
nth() { sed -n "${1}p" "$T/order"; }

start --lang en
wait_for "1-19 of 1,200"
wait_for "$(nth 1) "
if screen | grep -qF "$(nth 20) "; then bad "row 20 shown on the first page"; else ok; fi
same "$(line 21 | sed 's/ *$//' | tail -c 4)" "↓" "(a mark says more rows are below)"
keys NPage
wait_for "20-38 of 1,200"
wait_for "$(nth 38) "
same "$(line 3 | sed 's/ *$//' | tail -c 4)" "↑" "(a mark says rows are hidden above)"
keys C-f
wait_for "39-57 of 1,200"
keys C-b
wait_for "20-38 of 1,200"
keys End
wait_for "1,182-1,200 of 1,200"
wait_for "$(nth 1200) "
keys Up Up
settle
keys Enter
wait_for "File $(nth 1198)"
keys Escape
wait_for "1,182-1,200 of 1,200"
keys Home
wait_for "1-19 of 1,200"
keys C-e
wait_for "1,182-1,200 of 1,200"
keys C-a
wait_for "1-19 of 1,200"

# the selection is a person, not a row: someone added above them (by
# name order) while their file is open leaves them selected on return
keys NPage Down Down
wait_for "20-38 of 1,200"
settle
keys Enter
sel=$(nth 22)
wait_for "File $sel"
intake Aaaron Zed 1990-01-01
keys Escape
wait_for "20-38 of 1,201"
keys Enter
wait_for "File $sel"
keys Escape
wait_for "of 1,201"
end_console

# French: a narrow no-break space (U+202F) between thousands
start --lang fr
wait_for "1-19 de 1$(printf '\342\200\257')201"
keys F10
clean_exit

# a pop-up choice list longer than its box says so, and scrolls to the end
start --lang en
wait_for "1-19 of 1,201"
type_ "$(nth 1)"
wait_for "1-1 of 1"
keys Enter
wait_for "File $(nth 1)"
keys 2
wait_for "Nothing saved yet"
keys Enter
wait_for "> Barriers to employment"
keys Enter
wait_for "[ ] Transport"
if screen | grep -qF "[ ] Other"; then bad "Other shown: the box is not full"; else ok; fi
screen | grep -q "│.*↓\|↓.*│" && ok || bad "no mark of more choices below"
keys End
wait_for "[ ] Other"
screen | grep -q "↑" && ok || bad "no mark of choices above"
keys Escape
settle
end_console

# a file number from 10000 in a year is shown whole, not "2026-1000…"
sqlite3 "$PARCOURS_DB" "UPDATE file_counter SET last = 9999 WHERE year = 2026"
intake Aaab Zed 1990-01-01
# a namesake with a 4-digit number comes first: by number, not as text
sqlite3 "$PARCOURS_DB" "UPDATE file_counter SET last = 1999 WHERE year = 2026"
intake Aaab Zed 1991-01-01
start --lang en
wait_for "2026-10000 Aaab, Zed"
wait_for "2026-2000  Aaab, Zed"
a=$(screen | grep -n "2026-2000  Aaab" | cut -d: -f1)
b=$(screen | grep -n "2026-10000 Aaab" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] && ok || bad "2026-2000 not above 2026-10000 ($a, $b)"
keys F10
clean_exit
finish
