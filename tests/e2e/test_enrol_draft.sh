# The enrolment and exit panels keep what was typed like a form does: a
# dropped link (kill -HUP) mid-panel leaves a draft that the panel resumes
# when opened again; a saved enrolment or exit leaves none; Esc with
# something typed asks before leaving, and may discard it.
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

pc staff add conseil1 --name "Conseil Un" --role counsellor
intake Tremblay Gérald 1971-11-30
start --lang en
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Not enrolled in any programme (p: enrol)"
keys p
wait_for "Enrolment - Tremblay, Gérald (2026-0001)"
keys Enter
wait_for "│ PAAS Action"
keys Enter
wait_for "Programme             PAAS Action"
keys C-u
type_ "2026-01-15"
keys Tab Tab
type_ "20,40,60"
wait_for "Ramp-up               20,40,60"
# the link drops while the ramp is being typed
kill -HUP "$(console_pid)"
clean_exit
same "$(db 'SELECT count(*) FROM enrolment')" 0 "(nothing enrolled by a hangup)"
same "$(db "SELECT count(*) FROM draft WHERE form = '@enrol'")" 1 "(the panel's draft)"

start --lang en
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Not enrolled in any programme (p: enrol)"
keys p
wait_for "Draft resumed."
wait_for "Programme             PAAS Action"
wait_for "Start date            2026-01-15"
wait_for "Ramp-up               20,40,60"
keys F2
wait_for "Enrolled in PAAS Action from 2026-01-15."
same "$(db "SELECT programme || '|' || start_date || '|' || ramp FROM enrolment")" \
	"paas_action|2026-01-15|[20,40,60]"
same "$(db "SELECT count(*) FROM draft WHERE form = '@enrol'")" 0 "(no draft once enrolled)"

# ---- the exit panel: Esc asks, the draft is kept, then discarded ----
keys l
wait_for "End of participation - Tremblay, Gérald (2026-0001)"
keys C-u
type_ "2026-03-01"
keys Tab
keys Escape
wait_for "Not saved. y: leave (draft kept), d: discard the draft, n: stay"
keys n
wait_for "Exit date             2026-03-01"
keys Escape
wait_for "Not saved. y: leave (draft kept), d: discard the draft, n: stay"
keys y
wait_for "No exit recorded. Draft kept."
same "$(db "SELECT json_extract(answers, '\$.date') FROM draft WHERE form = '@exit'")" \
	"2026-03-01" "(the exit's draft)"
keys l
wait_for "Draft resumed."
wait_for "Exit date             2026-03-01"
keys Escape
wait_for "Not saved. y: leave (draft kept), d: discard the draft, n: stay"
keys d
wait_for "No exit recorded. Draft discarded."
same "$(db "SELECT count(*) FROM draft WHERE form = '@exit'")" 0 "(discarded)"
same "$(db 'SELECT count(*) FROM enrolment WHERE end_date IS NOT NULL')" 0 "(no exit)"
keys l
wait_for "End of participation - Tremblay, Gérald (2026-0001)"
same "$(screen | grep -c "Draft resumed.")" 0 "(nothing resumed after a discard)"
keys Escape
wait_for "No exit recorded."
finish
