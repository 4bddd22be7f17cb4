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
has "$T/err" "ramp: premieres_heures has no ramp-up: its target applies from month 1"
# nothing was stored by the refusals
same "$(sql "SELECT count(*) FROM enrolment")" 0 "enrolments after refusals"
# the longest ramp allowed, ending on the full target, is taken
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 10,20,30,40,60,80
expect 0 enrol "$B" paas_action --start 2026-01-15 --ramp 40,40
same "$(sql "SELECT count(*) FROM enrolment")" 2 "enrolments"

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
