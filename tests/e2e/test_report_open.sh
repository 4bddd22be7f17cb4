# A report's row opens the person's file: the selection starts on the
# first participant's row, Down/j and Up/k move it, Enter opens the file of
# the row (month report and below-target list); a line that is not a
# participant's says so and opens nothing.
. "$SRC/tests/e2e/lib.sh"

intake Côté Élisabeth 1985-03-02
pc enrol 2026-0001 paas_action --start 2026-01-15 --counsellor marie
intake Gagnon Gérald 1972-11-30
pc enrol 2026-0002 paas_action --start 2025-07-31 --counsellor luc
start --lang en
wait_for "2026-0002 Gagnon, Gérald"
keys F5
wait_for "Participation in March 2026"
wait_for "2026-0002  Gagnon, Gérald"
# rows in report order: the first row's file, then the next one's
first=$(screen | grep -oE '^ *2026-000[12]  ' | head -1 | tr -d ' ')
second=$(screen | grep -oE '^ *2026-000[12]  ' | sed -n 2p | tr -d ' ')
[ -n "$first" ] && [ -n "$second" ] && ok || bad "two rows expected"
keys Enter
wait_for "File $first"
keys Escape
wait_for "Participation in March 2026"
keys Down
settle
keys Enter
wait_for "File $second"
keys Escape
wait_for "Participation in March 2026"
keys k
settle
keys Enter
wait_for "File $first"
keys Escape
# the below-target list: its rows open files too
keys b
wait_for "Reports - below target"
wait_for "2026-0002  Gagnon, Gérald"
keys Enter
wait_for "File 2026-0002"
keys Escape
wait_for "Reports - below target"
keys End Enter
wait_for "This line is not a participant's"
keys Escape
wait_for "2026-0002 Gagnon, Gérald"
keys F10
clean_exit
finish
