# Who may enrol a person or record their exit (the same rule for the
# command line and the console): a supervisor, the person's counsellor, or
# a counsellor for a person nobody follows yet (who then follows them);
# never the front desk. Naming another counsellor is a supervisor's
# (as assign). An intake naming a programme says how to enrol, and does not.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
[ "$(id -u)" = 0 ] || { echo "FAIL: this test plays other uids with setpriv: run it as root" >&2; exit 1; }
FD=54601 C1=54602 C2=54603 SUP=54604
expect 0 init
expect 0 staff add uid$FD --name "Front Desk" --role frontdesk
expect 0 staff add uid$C1 --name "Counsellor One" --role counsellor
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
expect 0 staff add uid$SUP --name "Super Visor" --role supervisor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
hasnt "$T/err" "not enrolled yet"
intake Gagnon Gérald 1972-11-30 --set programme=paas_action --set start_date=2026-02-01
B=$(cat "$T/out")
same "$(wc -l <"$T/out")" 1 "(participant add printed more than the file number)"
has "$T/err" "$B is not enrolled yet: parcours enrol $B paas_action --start 2026-02-01"
same "$(sql "SELECT count(*) FROM enrolment")" 0 "(an intake enrolled silently)"
enrols() { sql "SELECT count(*) FROM enrolment"; }
audits() { sql "SELECT count(*) FROM audit WHERE detail LIKE 'enrol %' OR detail LIKE 'leave %'"; }

# the front desk takes intakes, not enrolments
as_expect 1 $FD enrol "$A" paas_action --start 2026-01-15
has "$T/err" "only a supervisor or the person's counsellor may enrol them"
as_expect 1 $FD enrol "$A" paas_action --start 2026-01-15 --counsellor uid$FD
same "$(enrols)" 0 "(a refused enrolment was stored)"
# a counsellor may not hand a new person to a colleague
as_expect 1 $C1 enrol "$A" paas_action --start 2026-01-15 --counsellor uid$C2
has "$T/err" "only a supervisor may assign a participant's counsellor"
# ... and refused input is said with the refusal, all at once
as_expect 1 $FD enrol "$A" nope --start 2026-13-01
has "$T/err" "programme: there is no programme"
has "$T/err" "start: \"2026-13-01\" is not a date"
has "$T/err" "only a supervisor or the person's counsellor"
same "$(enrols)" 0 "(a refused enrolment was stored)"
same "$(audits)" 0 "(a refused enrolment was recorded)"
# a counsellor takes a person nobody follows, and then follows them
as_expect 0 $C1 enrol "$A" paas_action --start 2026-01-15 --counsellor uid$C1
same "$(sql "SELECT counsellor FROM participant WHERE file_no = '$A'")" "uid$C1"
same "$(audits)" 1
# another counsellor may neither re-enrol nor end it
as_expect 1 $C2 leave "$A" --date 2026-02-01 --reason employment
has "$T/err" "only a supervisor or the person's counsellor"
same "$(sql "SELECT coalesce(end_date, '-') FROM enrolment")" "-" "(a refused exit was stored)"
# the person's counsellor records the exit
as_expect 0 $C1 leave "$A" --date 2026-02-01 --reason employment
same "$(sql "SELECT end_date || '|' || end_reason FROM enrolment")" "2026-02-01|employment"
# a supervisor enrols anyone, with any counsellor
as_expect 0 $SUP enrol "$B" paas_action --start 2026-02-01 --counsellor uid$C2
same "$(sql "SELECT counsellor FROM participant WHERE file_no = '$B'")" "uid$C2"
same "$(audits)" 3
finish
