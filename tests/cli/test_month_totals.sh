# Month totals (data/012, month_totals.h): the month, below and year reports
# read the totals kept with each participation revision, and print exactly
# what they print from the answers (the path of a month without totals):
# a rich file is reported both ways and compared byte for byte. Any write
# of a revision, even by hand, drops its month's totals; `parcours check`
# finds totals missing, wrong or left over and rebuilds them.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
same "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'month_total'")" 1 "the table"
# work PERIOD FILE [ACTIVITY DATE HOURS]...: the month's entries, replaced
work() {
	local per=$1 f=$2 n=1
	shift 2
	local args=()
	while [ $# -gt 0 ]; do
		args+=(--set "entries.$n.activity=$1" --set "entries.$n.date=$2" --set "entries.$n.hours=$3")
		n=$((n + 1))
		shift 3
	done
	run submit participation "$f" --period "$per" --replace "${args[@]}" "${extra[@]}"
	[ "$rc" = 0 ] && ok || bad "work $per $f: exit $rc: $(head -3 "$T/err")"
}
extra=()
for who in "Côté Élisabeth" "Gagnon Gérald" "Diallo Moïse" "Wapistan Anne" "Roy Zoé" "Tremblay Luc"; do
	intake $who 1985-03-02
	P+=("$(cat "$T/out")")
done
A=${P[0]} B=${P[1]} C=${P[2]} D=${P[3]} E=${P[4]} F=${P[5]}
expect 0 enrol "$A" paas_action --start 2026-01-15 --ramp 20,40,60 --counsellor marie
expect 0 enrol "$B" paas_action --start 2025-07-31 --counsellor luc
expect 0 enrol "$C" premieres_heures --start 2026-01-05 --hours 20
expect 0 enrol "$D" ami --start 2026-01-05
expect 0 enrol "$E" chantier --start 2026-02-03 --hours 35
expect 0 enrol "$F" paas_action --start 2026-02-20
# before the start (counted apart), extra costs with cents, an activity
# AMI does not count, a second revision of a month, an exit mid-month with
# hours after it, a month with no hours at all (F in February)
extra=(--set transport_costs=12,50 --set childcare_costs=7,25)
work 2026-01 "$A" work 2026-01-10 4 training 2026-01-20 6:20 social 2026-01-21 3:40
extra=()
work 2026-02 "$A" work 2026-02-03 13 training 2026-02-04 2,5
work 2026-02 "$A" work 2026-02-03 13 training 2026-02-04 2,5 social 2026-02-05 1:15
work 2026-02 "$B" work 2026-02-02 8 work 2026-02-12 3
work 2026-02 "$C" work 2026-02-02 7 training 2026-02-03 6
work 2026-02 "$D" work 2026-02-02 3 training 2026-02-03 3 social 2026-02-04 3
work 2026-02 "$E" work 2026-02-02 4 work 2026-02-04 6
work 2026-03 "$B" work 2026-03-02 5
expect 0 leave "$B" --date 2026-02-10 --reason employment
expect 0 month close 2026-02
expect 0 submit participation "$C" --period 2026-02 --reason "heures oubliées" \
	--set entries.1.activity=work --set entries.1.date=2026-02-02 --set entries.1.hours=9
same "$(sql "SELECT count(*) FROM month_total")" 7 "a row per month saved"
same "$(sql "SELECT revision FROM month_total WHERE period = '2026-02' AND participant_id = (SELECT id FROM participant WHERE file_no = '$A')")" 2 "the latest revision's"

REPORTS=("report month 2026-01" "report month 2026-02" "report month 2026-02 --csv"
	"report month 2026-02 --json" "report below 2026-02" "report below 2026-02 --csv"
	"report month 2026-03 --json" "report year 2026" "report year 2026 --json"
	"report year 2026 --csv")
# reports ALL NAME: every report into $T/NAME.N
reports() {
	local i=0 args
	for args in "${REPORTS[@]}"; do
		# shellcheck disable=SC2086
		expect 0 $args
		cp "$T/out" "$T/$1.$i"
		i=$((i + 1))
	done
}
# identical A B: the two sets of reports are the same, byte for byte
identical() {
	local i
	for i in "${!REPORTS[@]}"; do
		if cmp -s "$T/$1.$i" "$T/$2.$i"; then ok; else
			bad "${REPORTS[$i]}: $1 and $2 differ"
			diff "$T/$1.$i" "$T/$2.$i" | head -10 >&2
		fi
	done
}
reports totals
has "$T/totals.1" "$A"
has "$T/totals.2" "$A,paas_action,40,16.75,below"
has "$T/totals.8" "\"extra_costs\": 19.75"
# the same reports from the answers alone (the path of a month without totals)
sql "DELETE FROM month_total"
reports answers
identical totals answers

# check: every month's totals missing, rebuilt
expect 0 check
has "$T/out" "month totals (7 participation months read): 7 problems"
has "$T/out" "$A: participation 2026-01 revision 1: the month's totals are missing"
has "$T/out" "all rebuilt from the answers"
has "$T/out" "All is well."
same "$(sql "SELECT count(*) FROM month_total")" 7 "rebuilt"
expect 0 check
has "$T/out" "month totals (7 participation months read): ok"
reports rebuilt
identical totals rebuilt

# wrong totals (a disk fault, a hand edit) and totals of a month never saved
sql "UPDATE month_total SET minutes = '6000 work' || char(10) WHERE period = '2026-02'
      AND participant_id = (SELECT id FROM participant WHERE file_no = '$E');
     INSERT INTO month_total SELECT participant_id, '2026-04', 1, NULL, NULL, '60 work' || char(10), ''
      FROM month_total WHERE period = '2026-02' AND participant_id = (SELECT id FROM participant WHERE file_no = '$E')"
expect 0 check --json
same "$(jq_ "$T/out" '$.month_totals.count')" 2 "two problems"
same "$(jq_ "$T/out" '$.month_totals_rebuilt')" 1 "rebuilt"
same "$(jq_ "$T/out" '$.ok')" 1 "all is well once rebuilt"
has "$T/out" "the month's totals do not match its latest answers"
has "$T/out" "month totals are kept for a month with no participation saved"
same "$(sql "SELECT count(*) FROM month_total WHERE period = '2026-04'")" 0 "the stray row is gone"
reports repaired
identical totals repaired

# a revision written by hand (past the store) drops its month's totals: the
# report reads the new answers, never the old totals
sql "INSERT INTO revision SELECT participant_id, form, period, revision + 1, form_version,
      '{\"entries\":[{\"date\":\"2026-02-05\",\"activity\":\"work\",\"hours\":30}]}', saved_by, saved_at, NULL
      FROM revision WHERE form = 'participation' AND period = '2026-02'
      AND participant_id = (SELECT id FROM participant WHERE file_no = '$E')"
same "$(sql "SELECT count(*) FROM month_total WHERE period = '2026-02' AND participant_id = (SELECT id FROM participant WHERE file_no = '$E')")" 0 "dropped"
expect 0 report month 2026-02 --csv
has "$T/out" "$E,chantier,35,30,"
# a migrated file gets its totals in the migration: schema 11 without the
# table, then init (the later migrations are written to run again)
sql "DROP TABLE month_total; DROP TRIGGER IF EXISTS month_total_new_revision;
     DROP TRIGGER IF EXISTS month_total_changed_revision;
     DROP TRIGGER IF EXISTS month_total_removed_revision; PRAGMA user_version = 11"
expect 0 init
same "$(sql "SELECT count(*) FROM month_total")" 7 "filled by the migration"
expect 0 check
has "$T/out" "month totals (7 participation months read): ok"
# a report read from totals loads no form: a broken definition of another
# form does not stop it, and the participation form, broken, is named
# (FILE:LINE:COL, exit 3) as soon as a month without totals needs it
F=$T/forms
cp -r "$SRC/forms" "$F"
printf 'sections:\n  - [oops\n' >>"$F/skills.yaml"
expect 0 report month 2026-02 --csv
cp "$T/out" "$T/good.csv"
PARCOURS_FORMS=$F run report month 2026-02 --csv
same "$rc" 0 "a report beside a broken form"
cmp -s "$T/out" "$T/good.csv" && ok || bad "the report beside a broken form differs"
PARCOURS_FORMS=$F run report year 2026
same "$rc" 0 "the year beside a broken form"
printf 'sections:\n  - [oops\n' >>"$F/participation.yaml"
PARCOURS_FORMS=$F run report month 2026-03 --json
same "$rc" 0 "read from totals, the broken participation form is not needed"
sql "DELETE FROM month_total WHERE period = '2026-02'"
PARCOURS_FORMS=$F run report month 2026-02 --csv
same "$rc" 3 "a month without totals needs the broken form"
has "$T/err" "$F/participation.yaml:"
expect 0 check
# French
LANGUAGE= LANG=fr_CA.UTF-8 LC_ALL=fr_CA.UTF-8 run --lang fr check
has "$T/out" "totaux des mois (7 mois de participation lus) : ok"
finish
