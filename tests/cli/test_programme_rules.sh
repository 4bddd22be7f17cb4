# Programme rules as the source documents state them (issue 13): a PAAS
# ramp-up reaches the full target by month 7 at the latest, never exceeds it
# and never goes down; a month is closed only once it has ended.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")

# ---- ramps (paas-action-2011.txt: 80 h a month, at the latest six months
# after the start: months 1 to 6 may ramp up, month 7 is the full target)
expect 1 enrol "$A" paas_action --start 2026-01-15 --ramp 10,20,30,40,50,60,70
has "$T/err" "ramp: a ramp-up covers months 1 to 6 at most (the full target of 80 h is due from month 7); 7 values given"
expect 1 enrol "$A" paas_action --start 2026-01-15 --ramp 100
has "$T/err" "ramp: month 1: 100 h is above the full target of 80 h"
expect 1 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,30
has "$T/err" "ramp: month 3: 30 h is below month 2 (40 h): a ramp-up never goes down"
expect 1 enrol "$A" premieres_heures --start 2026-01-15 --hours 20 --ramp 10
has "$T/err" "ramp: Premières Heures has no ramp-up: its target applies from month 1"
# nothing was stored by the refusals
same "$(sql "SELECT count(*) FROM enrolment")" 0 "enrolments after refusals"
# the longest ramp allowed, ending on the full target, is taken
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 10,20,30,40,60,80
expect 0 enrol "$B" paas_action --start 2026-01-15 --ramp 40,40
same "$(sql "SELECT count(*) FROM enrolment")" 2 "enrolments"

# ---- hours outside an enrolment: kept, said on entry, never counted
intake Diallo Moïse 2001-01-09; C=$(cat "$T/out")
intake Wapistan Anne 1990-06-21; D=$(cat "$T/out")
hours() { # hours FILE PERIOD DATE H [DATE H...]: one row of work per pair
	local f=$1 per=$2 n=1
	shift 2
	local args=()
	while [ $# -gt 0 ]; do
		args+=(--set "entries.$n.date=$1" --set "entries.$n.activity=work" --set "entries.$n.hours=$2")
		n=$((n + 1))
		shift 2
	done
	run submit participation "$f" --period "$per" --replace "${args[@]}"
}
# never enrolled: saved, with a warning, and no report counts them
hours "$C" 2026-02 2026-02-10 5
same "$rc" 0 "hours of a person never enrolled are kept"
has "$T/err" "period: warning: $C is not enrolled in 2026-02: these hours are kept but not counted in the reports"
# before the start (A started 2026-01-15) and after the exit
hours "$A" 2026-01 2026-01-10 4 2026-01-20 6
same "$rc" 0 "hours before the start are kept"
has "$T/err" "entries.1.date: warning: 4 h dated 2026-01-10, before the enrolment's start on 2026-01-15, are not counted"
hasnt "$T/err" "entries.2.date"
expect 0 report month 2026-01 --json
same "$(jq_ "$T/out" "\$.rows[0].total_hours")" 6 "January counts only the hours from the start"
# in the future (today is 2026-03-15)
hours "$A" 2026-03 2026-03-14 2 2026-03-20 3
same "$rc" 0 "future hours are kept"
has "$T/err" "entries.2.date: warning: 2026-03-20 is after today: hours are recorded once done"
expect 0 leave "$B" --date 2026-02-10 --reason employment
hours "$B" 2026-02 2026-02-09 7 2026-02-11 3
has "$T/err" "entries.2.date: warning: 3 h dated 2026-02-11, after the exit on 2026-02-10, are not counted"

# ---- Premières Heures (mie-de-pain-insertion.txt: "d'1 à 72 heures par mois")
expect 0 enrol "$D" premieres_heures --start 2026-01-05 --hours 20
# above the contract: saved, with a warning
hours "$D" 2026-02 2026-02-02 24 2026-02-03 24 2026-02-04 2
same "$rc" 0 "50 h against a 20 h contract is kept"
has "$T/err" "entries: warning: 50 h this month is above the contract's 20 h"
# 82 h (the seed's example) is above the programme's 72 h a month as well
# above the programme's 72 h: refused, nothing saved
hours "$D" 2026-02 2026-02-02 24 2026-02-03 24 2026-02-04 24 2026-02-05 10
same "$rc" 1 "82 h in a month of Premières Heures"
has "$T/err" "entries: 82 h this month is above the 72 h a month Premières Heures allows"
hours "$D" 2026-01 2026-01-06 24 2026-01-07 24 2026-01-08 24 2026-01-09 1
same "$rc" 1 "73 h in a month of Premières Heures"
has "$T/err" "entries: 73 h this month is above the 72 h a month Premières Heures allows"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'participation' AND period = '2026-01' AND participant_id = (SELECT id FROM participant WHERE file_no = '$D')")" 0 "nothing saved"
# ---- reports name programmes by their titles, never by their ids
expect 0 report month 2026-02
has "$T/out" "Premières Heures"
has "$T/out" "PAAS Action"
hasnt "$T/out" "paas_action"
hasnt "$T/out" "premieres_heur"
expect 0 report year 2026
has "$T/out" "Premières Heures"
hasnt "$T/out" "premieres_heures"
# ---- an enrolled month with no hours at all: its target may be 0 (no
# ramp-up) but the organisation's 150 $ runs, so supervisors see it
intake Roy Zoé 1999-04-04; Z=$(cat "$T/out")
expect 0 enrol "$Z" paas_action --start 2026-02-20
expect 0 report month 2026-02 --json
# rows: A, B, Z (paas_action, no counsellor, by file number) then D
same "$(sql "SELECT json_extract(value, '$.no_hours') FROM json_each(CAST(readfile('$T/out') AS TEXT), '$.rows') WHERE json_extract(value, '$.file_no') = '$Z'")" 1 "no hours flagged"
same "$(sql "SELECT json_extract(value, '$.status') FROM json_each(CAST(readfile('$T/out') AS TEXT), '$.rows') WHERE json_extract(value, '$.file_no') = '$Z'")" not_required
same "$(sql "SELECT json_extract(value, '$.allowance_organisation') FROM json_each(CAST(readfile('$T/out') AS TEXT), '$.rows') WHERE json_extract(value, '$.file_no') = '$Z'")" 150.0
expect 0 report below 2026-02
has "$T/out" "$Z"
has "$T/out" "no hours"
expect 0 report below 2026-02 --csv
has "$T/out" "$Z,paas_action,0,0,not_required,0.00,150.00,0.00"
# ---- closing months: only once they have ended (today is 2026-03-15)
expect 1 month close 2026-03
has "$T/err" "2026-03 has not ended yet: a month is closed from its first day after, 2026-04-01"
expect 1 month close 2027-01
has "$T/err" "2027-01 has not ended yet"
same "$(sql "SELECT count(*) FROM month_closing")" 0 "months closed after refusals"
expect 0 month close 2026-02
same "$(sql "SELECT count(*) FROM month_closing")" 1 "months closed"
# French
LANGUAGE= LANG=fr_CA.UTF-8 LC_ALL=fr_CA.UTF-8 run --lang fr month close 2026-04
has "$T/err" "2026-04 n'est pas terminé : un mois se ferme à partir du premier jour qui suit, le 2026-05-01"
finish
