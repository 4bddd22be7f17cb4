# An intake saved again for a person already enrolled keeps what the
# enrolment says: the list's programme column follows the open enrolment,
# never the intake's answer (which may be empty or name another programme).
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en PARCOURS_TODAY=2026-03-15

expect 0 init
intake Côté Élisabeth 1985-03-02 --set income_source=last_resort; A=$(cat "$T/out")
expect 0 enrol "$A" paas_action --start 2026-02-01
same "$(sql "SELECT programme FROM participant WHERE file_no = '$A'")" paas_action "enrolled"
# the intake corrected (a phone number), its programme question left empty
expect 0 submit intake "$A" --set phone=819-555-0101
same "$(sql "SELECT programme FROM participant WHERE file_no = '$A'")" paas_action \
	"a saved intake keeps the enrolment's programme"
expect 0 show "$A" --json
same "$(jq_ "$T/out" '$.programme')" paas_action "show says the same"
# an intake naming another programme does not move an enrolled person
expect 0 submit intake "$A" --set programme=ami
same "$(sql "SELECT programme FROM participant WHERE file_no = '$A'")" paas_action \
	"the open enrolment wins over the intake's answer"
# after the exit, the intake's answer is what the list shows again
expect 0 leave "$A" --date 2026-03-01 --reason employment
expect 0 submit intake "$A" --set phone=819-555-0102
same "$(sql "SELECT programme FROM participant WHERE file_no = '$A'")" ami \
	"once the enrolment has ended, the intake's answer"
finish
