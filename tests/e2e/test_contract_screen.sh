# Work contracts and closed months in the console (issue 13): the today
# screen lists a chantier contract ending within 30 days; Enter opens the
# file, whose glance gives the contract's end; an exit dated back into a
# closed month is refused until the panel's added field says why, and the
# reason is kept for the closed month.
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

intake Tremblay Gérald 1971-11-30
# 6 months from 2025-10-11: the contract ends on 2026-04-10, 26 days ahead
pc enrol 2026-0001 chantier --start 2025-10-11 --hours 30
same "$rc" 0 "(enrol: $(cat "$T/err"))"
has_out "contrat jusqu'au 2026-04-10"
pc month close 2026-02
same "$rc" 0 "(month close: $(cat "$T/err"))"

start --lang en
wait_for "2026-0001 Tremblay, Gérald"
keys C-t
wait_for "Work contracts ending within 30 days or ended (1)"
wait_for "2026-04-10  in 26 d     contract ends: Work i"
# the items: no follow-up, below target, then the contract (headings skipped)
keys Down Down
settle
keys Enter
wait_for "File 2026-0001"
wait_for "Work integration site since 2025-10-11"
wait_for "; contract until 2026-04-10"

# an exit on 2026-02-10 changes the closed February
keys l
wait_for "End of participation - Tremblay, Gérald (2026-0001)"
keys C-u
type_ "2026-02-10"
keys Tab Enter
wait_for "│ Employment"
keys Enter
wait_for "Reason                Employment"
keys F2
wait_for "Exit not recorded: see the answers to fix."
wait_for "Why (closed months)"
wait_for "an exit on 2026-02-10 changes the closed months"
wait_for "2026-02: give the reason (this field)"
same "$(db 'SELECT count(*) FROM enrolment WHERE end_date IS NOT NULL')" 0 "(no exit yet)"
# the cursor is on the new field: the reason is typed there
type_ "Fin signalée en retard par l'employeur"
keys F2
wait_for "Exit recorded on 2026-02-10: Employment."
same "$(db "SELECT period || '|' || change || '|' || reason FROM enrolment_change")" \
	"2026-02|leave|Fin signalée en retard par l'employeur" "(the reason kept for February)"
# back on the today screen: an exit ends what was due
keys Escape
wait_for "Nothing is due"
keys Escape
wait_for "2026-0001 Tremblay, Gérald"
keys F10
clean_exit
finish
