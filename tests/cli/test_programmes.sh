# Programmes and participation months from the command line: enrol, leave,
# monthly hours, the month/below/year reports against figures computed by
# hand, closed months.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en # messages are checked in English; French is tested in test_i18n

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Wapistan Anne-Marie 1990-06-21; C=$(cat "$T/out")
intake Diallo Moïse 2001-01-09; D=$(cat "$T/out")
intake Tremblay Zoé 1999-04-04; E=$(cat "$T/out")

# enrolments: the rules of each programme are checked
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor marie
expect 0 enrol "$B" paas_action --start 2025-07-31 --counsellor luc
expect 1 enrol "$C" premieres_heures --start 2026-02-01
has "$T/err" "hours: "
expect 1 enrol "$C" premieres_heures --start 2026-02-01 --hours 80
has "$T/err" "hours: "
expect 0 enrol "$C" premieres_heures --start 2026-02-01 --hours 12,5 --counsellor marie
expect 0 enrol "$D" paas_action --start 2026-02-10
expect 0 enrol "$E" paas_action --start 2025-10-01
expect 1 enrol "$E" ami --start 2026-01-01
has "$T/err" "already enrolled in PAAS Action since October 1, 2025: record the exit first"
expect 1 leave "$E" --date 2025-09-01 --reason employment
has "$T/err" "date: "
expect 0 leave "$E" --date 2026-01-20 --reason employment
expect 1 leave "$E" --date 2026-01-21 --reason employment
expect 1 enrol "$A" nowhere --start 2026-01-01
has "$T/err" "programme: "
expect 1 enrol "$A" ami --start 2026-02-30
has "$T/err" "start: "
expect 1 enrol "$A" ami --start 2026-01-01 --ramp 20,x
has "$T/err" "ramp: "
expect 2 enrol "$A"
expect 1 enrol 1999-9999 ami --start 2026-01-01

# February: A month 2 of a 20,40,60 ramp -> 40 h; 3:30 + 3,5 = 7 h, below
expect 0 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=3:30 \
	--set entries.2.date=2026-02-04 --set entries.2.activity=social --set entries.2.hours=3,5 \
	--set transport_costs=12,50
# B month 8 -> 80 h; ten days of 8 h = 80, met
args=()
for d in 02 03 04 05 06 09 10 11 12 13; do
	n=${#args[@]}; n=$((n / 6 + 1))
	args+=(--set "entries.$n.date=2026-02-$d" --set "entries.$n.activity=training" --set "entries.$n.hours=8")
done
expect 0 submit participation "$B" --period 2026-02 "${args[@]}"
# C: a contract of 12,5 h; 12:30 recorded, met
expect 0 submit participation "$C" --period 2026-02 \
	--set entries.1.date=2026-02-20 --set entries.1.activity=work --set entries.1.hours=12h30
# refused: a date outside the month, a day over 24 h, a bad hours value
expect 1 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-03-01 --set entries.1.activity=work --set entries.1.hours=2
has "$T/err" "entries.1.date: "
expect 1 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-05 --set entries.1.activity=work --set entries.1.hours=25
has "$T/err" "entries.1.hours: "
expect 1 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-05 --set entries.1.activity=work --set entries.1.hours=3:75
has "$T/err" "entries.1.hours: "
# a leap-year February has a 29th; 2027's does not
expect 0 submit participation "$A" --period 2028-02 \
	--set entries.1.date=2028-02-29 --set entries.1.activity=work --set entries.1.hours=1
expect 1 submit participation "$A" --period 2027-02 \
	--set entries.1.date=2027-02-29 --set entries.1.activity=work --set entries.1.hours=1
has "$T/err" "entries.1.date: "

# the month report as CSV, every figure computed by hand
expect 0 report month 2026-02 --csv
same "$(head -1 "$T/out" | tr -d '\r')" \
	"file_no,programme,target_hours,total_hours,status,allowance_participant,allowance_organisation,extra_costs,work,training,social,month,counsellor,family_name,given_name,no_hours"
row() { grep "^$1," "$T/out" | tr -d '\r'; }
same "$(row "$A")" "$A,paas_action,40,7,below,130.00,150.00,12.50,3.5,0,3.5,2,marie,Côté,Élisabeth,0"
same "$(row "$B")" "$B,paas_action,80,80,met,130.00,150.00,0.00,0,80,0,8,luc,Gagnon,Gérald,0"
same "$(row "$C")" "$C,premieres_heures,12.5,12.5,met,0.00,0.00,0.00,12.5,0,0,1,marie,Wapistan,Anne-Marie,0"
same "$(row "$D")" "$D,paas_action,0,0,not_required,0.00,150.00,0.00,0,0,0,1,,Diallo,Moïse,1"
same "$(grep -c "^$E," "$T/out")" 0 "(left in January)"
same "$(grep '^TOTAL,paas_action,' "$T/out" | tr -d '\r')" "TOTAL,paas_action,120,87,,260.00,450.00,12.50,3.5,80,3.5,,,,,"
same "$(wc -l <"$T/out")" 7
# JSON: the same figures
expect 0 report month 2026-02 --json
# ordered by programme, counsellor (none first), file number
same "$(jq_ "$T/out" '$.rows[0].file_no')" "$D"
same "$(jq_ "$T/out" '$.rows[1].total_hours')" 80
same "$(jq_ "$T/out" '$.totals.paas_action.participants')" 3
same "$(jq_ "$T/out" '$.totals.paas_action.met')" 1
same "$(jq_ "$T/out" '$.totals.premieres_heures.total_hours')" 12.5
# text, in English and French
expect 0 --lang en report month 2026-02
has "$T/out" "below target"
expect 0 report month 2026-02
has "$T/out" "Côté, Élisabeth"
# below target, by counsellor
expect 0 --lang en report below 2026-02
has "$T/out" "Counsellor: marie"
has "$T/out" "$A"
hasnt "$T/out" "$B"
expect 0 report below 2026-02 --csv
# A below its target, and D enrolled with no hours at all (target 0)
same "$(grep -c '^20' "$T/out")" 2
expect 1 report month 2026-13
expect 2 report week 2026-02
expect 2 report month

# the year: participants served, months with hours, exits by reason
expect 0 report year 2026 --json
same "$(jq_ "$T/out" '$.programmes.paas_action.participants')" 4
same "$(jq_ "$T/out" '$.programmes.paas_action.months_of_participation')" 2
same "$(jq_ "$T/out" '$.programmes.paas_action.exits.employment')" 1
same "$(jq_ "$T/out" '$.programmes.premieres_heures.hours')" 12.5
expect 0 report year 2026 --csv
has "$T/out" "paas_action,4,2,"
expect 1 report year 26

# closing a month: changes need a reason, which is kept
expect 0 month close 2026-02
expect 1 submit participation "$A" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=4
has "$T/err" "period: "
expect 0 submit participation "$A" --period 2026-02 --reason "heures oubliées" \
	--set entries.1.date=2026-02-03 --set entries.1.activity=work --set entries.1.hours=4
same "$(sql "SELECT reason || '/' || revision FROM month_change")" "heures oubliées/2"
# other months stay open
expect 0 submit participation "$A" --period 2026-03 \
	--set entries.1.date=2026-03-02 --set entries.1.activity=work --set entries.1.hours=4
# only a supervisor or an admin closes a month
sql "UPDATE staff_role SET role = 'counsellor' WHERE role = 'admin';
     DELETE FROM staff_role WHERE role = 'supervisor'"
expect 1 month close 2026-03
has "$T/err" "supervisor"
expect 2 month open 2026-03
finish
