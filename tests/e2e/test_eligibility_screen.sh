# The enrolment panel shows, before anything is saved, the conditions of
# the picked programme the person does not meet (PAAS Action's eligibility,
# programmes.yaml), each in words, and none for a programme without any. A
# counsellor's save is refused and names who confirms; a supervisor types
# the exception's reason, and the file screen then shows it. Another login
# is played with setpriv (root only, as CI runs).
. "$SRC/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || { bad "run as root: another login is played with setpriv"; finish; exit 1; }
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

# an intake with no income source and no answer about difficulties
pc participant add --set family_name=Bellefleur --set given_name=Nadine \
	--set birth_date=1979-04-04 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set far_from_labour_market=oui
same "$rc" 0 "(intake)"
pc staff add uid54720 --name "Conseil Un" --role counsellor
same "$rc" 0 "(counsellor added)"
chgrp 54000 "$T" "$PARCOURS_DB"
chmod 2770 "$T"
chmod 660 "$PARCOURS_DB"
real=$PARCOURS_BIN
cat >"$T/as_counsellor.sh" <<EOF2
#!/bin/sh
exec setpriv --reuid=54720 --regid=54000 --clear-groups "$real" "\$@"
EOF2
chmod 755 "$T/as_counsellor.sh"

# ---- the counsellor: conditions shown, the save refused ----
PARCOURS_BIN=$T/as_counsellor.sh start --lang en
PARCOURS_BIN=$real
# a counsellor's console opens on the day's list, then their caseload
wait_for "Nothing is due"
keys Escape
wait_for "Participants: my caseload"
keys C-o
wait_for "2026-0001 Bellefleur, Nadine"
keys Enter
wait_for "File 2026-0001"
keys p
wait_for "Enrolment - Bellefleur, Nadine (2026-0001)"
if screen | grep -qF "Eligibility for"; then bad "conditions shown before a programme is picked"; else ok; fi
keys Enter
wait_for "│ PAAS Action"
keys Enter
wait_for "Programme             PAAS Action"
wait_for "Eligibility for PAAS Action not shown by the intake:"
wait_for "not answered in the intake: receives last-resort financial assistance"
wait_for "not answered in the intake: has difficulties that keep them from"
# the condition met is not listed
if screen | grep -qF "is far from the labour market"; then bad "a condition met was listed"; else ok; fi
keys F2
wait_for "PAAS Action asks for these conditions: a supervisor confirms the exception"
same "$(db 'SELECT count(*) FROM enrolment')" 0 "(a counsellor enrolled an uneligible person)"
# nor may the counsellor confirm it
keys Tab Tab Tab Tab
type_ "I vouch for her"
wait_for "Exception             I vouch for her"
keys F2
wait_for "only a supervisor may confirm an exception to a programme's eligibility"
same "$(db 'SELECT count(*) FROM enrolment')" 0 "(a counsellor's exception enrolled)"
# a programme without conditions lists none
keys BTab BTab BTab BTab BTab Enter
wait_for "│ Work integration site"
keys Down Down Down Enter
wait_for "Programme             Work integration site"
wait_gone "Eligibility for"
# leaving with something typed asks, as a form does; d discards the draft
keys Escape
wait_for "Not saved. y: leave (draft kept), d: discard the draft, n: stay"
keys d
wait_for "File 2026-0001"
keys Escape
wait_for "2026-0001 Bellefleur, Nadine"
keys F10
wait_exit

# ---- the supervisor: the reason typed, kept, shown on the file ----
# (wide enough for the file's enrolment line to hold the whole reason)
WIDTH=140 start --lang en
wait_for "2026-0001 Bellefleur, Nadine"
keys Enter
wait_for "File 2026-0001"
keys p
wait_for "Enrolment - Bellefleur, Nadine (2026-0001)"
keys Enter
wait_for "│ PAAS Action"
keys Enter
wait_for "Eligibility for PAAS Action not shown by the intake:"
keys Tab Tab Tab Tab
type_ "Referred by the CLE, income under review"
keys F2
wait_for "Enrolled in PAAS Action from 2026-03-15."
same "$(db "SELECT confirmed_by || '|' || reason FROM eligibility_exception")" \
	"root|Referred by the CLE, income under review"
same "$(db "SELECT face FROM audit WHERE detail LIKE 'eligibility exception %'")" "tui"
wait_for "eligibility exception confirmed by root: Referred by the CLE"
keys Escape
wait_for "2026-0001 Bellefleur, Nadine"
keys F10
clean_exit
finish
