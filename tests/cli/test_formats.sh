# One voice for hours, money, dates and times (issue 14): the text reports,
# show, due and export-person say "79 h 30" and "1 250,25 $" in French,
# "79:30 h" and "$1,250.25" in English; CSV and JSON keep machine formats
# (79.5, 1250.25, ISO dates); a save refused because someone else saved
# first names that save's time in local time (TZ), never as a UTC stamp.
. "$SRC/tests/cli/lib.sh"
NNBSP=$'\u202f' # between thousands in French

expect 0 init
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
# both in month 8 of PAAS Action in February 2026: a target of 80 h
expect 0 enrol "$A" paas_action --start 2025-07-01
expect 0 enrol "$B" paas_action --start 2025-07-01
# A: nine days of 8 h and one of 7:30 = 79:30, costs 1 250,25 $
args=()
n=1
for d in 02 03 04 05 06 09 10 11 12; do
	args+=(--set "entries.$n.date=2026-02-$d" --set "entries.$n.activity=work" --set "entries.$n.hours=8")
	n=$((n + 1))
done
args+=(--set "entries.$n.date=2026-02-13" --set "entries.$n.activity=work" --set "entries.$n.hours=7:30")
expect 0 submit participation "$A" --period 2026-02 "${args[@]}" --set transport_costs=1250,25
# B: 7,5 h, below the target
expect 0 submit participation "$B" --period 2026-02 \
	--set entries.1.date=2026-02-03 --set entries.1.activity=training --set entries.1.hours=7,5

# ---- French (the default)
expect 0 report month 2026-02
has "$T/out" "Participation en février 2026"
has "$T/out" "80 h   79 h 30"
has "$T/out" "130,00 \$"
has "$T/out" "1${NNBSP}250,25 \$"
has "$T/out" "7 h 30"
has "$T/out" "2 personnes participantes, 0 à la cible, 2 sous la cible; 87 h; allocations 260,00 \$"
hasnt "$T/out" "79.5"
hasnt "$T/out" "79,5"
hasnt "$T/out" "·"
expect 0 report year 2026
has "$T/out" "heures : 87 h"
has "$T/out" "personnes participantes servies : 2"
has "$T/out" "frais 1${NNBSP}250,25 \$"
expect 0 show "$A"
has "$T/out" "Total des heures du mois : 79 h 30"
has "$T/out" "Frais de transport (\$) : 1250,25"
expect 0 export-person "$A"
has "$T/out" "79 h 30 sur 80 h"
hasnt "$T/out" "79.50 h"
expect 0 due
has "$T/out" "7 h 30 sur 80 h en 2026-02"

# ---- English
export LANGUAGE=en
expect 0 report month 2026-02
has "$T/out" "Participation in February 2026"
has "$T/out" "80 h   79:30 h"
has "$T/out" "\$130.00"
has "$T/out" "\$1,250.25"
has "$T/out" "2 participants, 0 met, 2 below; 87 h; allowances \$260.00"
hasnt "$T/out" "79.5"
expect 0 report year 2026
has "$T/out" "hours: 87 h"
has "$T/out" "costs \$1,250.25"
expect 0 show "$A"
has "$T/out" "Total hours of the month: 79:30 h"
expect 0 export-person "$A"
has "$T/out" "79:30 h of 80 h"
expect 0 due
has "$T/out" "7:30 h of 80 h in 2026-02"

# ---- machine formats stay as they were, in both languages
for lang in fr en; do
	expect 0 --lang "$lang" report month 2026-02 --csv
	has "$T/out" "$A,paas_action,80,79.5,below,130.00,150.00,1250.25,79.5,0,0,8,"
	expect 0 --lang "$lang" report month 2026-02 --json
	same "$(jq_ "$T/out" '$.rows[0].total_hours')" 79.5 "JSON hours ($lang)"
	expect 0 --lang "$lang" report year 2026 --csv
	has "$T/out" "paas_action,2,2,87.00,260.00,900.00,1250.25,0"
	expect 0 --lang "$lang" show "$A" --json
	has "$T/out" '"birth_date":"1985-03-02"'
done

# ---- a save that raced another names its time in local time
unset LANGUAGE
expect 0 submit intake "$B" --set phone="819 555-0100"
expect 1 submit intake "$B" --base-revision 1 --set email=g@exemple.ca
at=$(sql "SELECT saved_at FROM revision WHERE form = 'intake' AND revision = 2 AND participant_id = (SELECT id FROM participant WHERE file_no = '$B')")
months=(janvier février mars avril mai juin juillet août septembre octobre novembre décembre)
local_fr() { # the stamp $1 as the French long form in TZ $2
	local d m y H M
	read -r d m y H M <<<"$(TZ=$2 date -d "$1" '+%-d %-m %Y %-H %M')"
	[ "$d" = 1 ] && d=1er
	echo "$d ${months[$((m - 1))]} $y à $H h $M"
}
TZ=America/Montreal expect 1 submit intake "$B" --base-revision 1 --set email=g@exemple.ca
has "$T/err" "intake: la révision 2 a été enregistrée par $(id -un) le $(local_fr "$at" America/Montreal) : la révision 1 n'est pas la dernière"
hasnt "$T/err" "$at"
TZ=Asia/Tokyo expect 1 submit intake "$B" --base-revision 1 --set email=g@exemple.ca
has "$T/err" "le $(local_fr "$at" Asia/Tokyo)"
finish
