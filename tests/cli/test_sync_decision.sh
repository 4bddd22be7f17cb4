# A decision on a sync conflict travels (parcours(1) SYNC): every decision
# (mine, theirs, merged) saves a new revision naming the conflict it
# settles; that revision reaches the other side like any save, becomes
# current there and closes the same conflict there, with who decided.
# - mine on the laptop: the office's current answers become the laptop's,
#   the office's conflict is closed, its own version stays in its history;
# - decisions that cross (the laptop keeps theirs, the office keeps mine:
#   the same answers) meet without a new conflict;
# - decisions that disagree (both keep mine) are a new conflict, on the
#   decision, which one more decision settles everywhere;
# - a merge of a journal entry at the office closes the laptop's conflict;
# - a side that saved again before the other decided: the old conflict
#   closes on both sides and the new revisions are a new conflict;
# - a person's export (export-person) holds the other copy's version too.
# Both databases end with the same current answers and no open conflict.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
PARCOURS_DB=$O
ME=$(id -un)
# both sides change the profile's FIELD, the laptop syncs: one conflict each
clash() {
	expect 0 --db "$L" submit profile "$A" --set "$1=$2"
	expect 0 submit profile "$A" --set "$1=$3"
	expect 0 --db "$L" sync
	has "$T/err" "1 conflicts"
	same "$(open_conflicts "$O") $(open_conflicts "$L")" "1 1" "(one open conflict each side)"
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 submit profile "$A" --set wellbeing=5 --set interests=menuiserie
expect 0 submit followup "$A" --set meeting_date=2026-03-12 --set kind=phone --set summary=Appel
E=$(sql "SELECT max(id) FROM entry")
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN

# --- mine on the laptop reaches the office ---
clash wellbeing 9 2
expect 0 --db "$L" sync resolve "$A" profile --keep mine
has "$T/out" "$A profile: this version kept as revision 3"
same "$(current "$L" "$A" profile "" wellbeing)" 9
same "$(sqlite3 "$L" "SELECT settles FROM revision WHERE form = 'profile' AND revision = 3")" 2 \
	"(the decision names the conflict it settles)"
same "$(sqlite3 "$L" "SELECT count(*) FROM audit WHERE
	detail = 'sync conflict revision=2 from=BUR kept=mine saved=3'")" 1
expect 0 --db "$L" sync
same "$(current "$O" "$A" profile "" wellbeing)" 9 "(the laptop's decision is current)"
same "$(open_conflicts "$O")" 0 "(the office's conflict is closed)"
same "$(sql "SELECT resolution || ' ' || resolved_by || ' ' || json_extract(answers,
	'$.wellbeing') FROM sync_conflict WHERE form = 'profile' AND revision = 2")" \
	"settled $ME 9" "(closed by the laptop's decision, the laptop's version kept with it)"
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision r WHERE
	form = 'profile' AND revision = 2")" 2 "(the office's own version stays in its history)"
expect 0 sync conflicts
has "$T/out" "no sync conflict"
expect 1 sync resolve "$A" profile --keep theirs
has "$T/err" "no sync conflict"
expect 0 --db "$L" sync
same "$(latest_all "$L")" "$(latest_all "$O")" "(the latest answers differ)"
# a person's export holds both versions, the other copy's marked as such
expect 0 export-person "$A"
has "$T/out" "Versions of another copy set aside by a sync"
has "$T/out" "(revision 2 of RN,"
has "$T/out" "by $ME: set aside)"
expect 0 export-person "$A" --json
same "$(jq_ "$T/out" '$.set_aside[0].site') $(jq_ "$T/out" '$.set_aside[0].revision')" "RN 2"
same "$(jq_ "$T/out" '$.set_aside[0].answers.wellbeing')" 9 "(the laptop's version)"
same "$(jq_ "$T/out" '$.set_aside[0].in_conflict')" 0
same "$(jq_ "$T/out" '$.set_aside[1]')" "" "(one version set aside)"
expect 0 --db "$L" export-person "$A" --json
same "$(jq_ "$T/out" '$.set_aside[0].site') $(jq_ "$T/out" '$.set_aside[0].answers.wellbeing')" \
	"BUR 2" "(the office's version, on the laptop)"
# the laptop's decision reaches the office's log, chained after its entries
same "$(sql "SELECT count(*) FROM audit WHERE
	detail LIKE 'site=RN seq=% sync conflict revision=2 from=BUR kept=mine saved=3'")" 1

# --- decisions that cross meet: the same answers are no conflict ---
clash interests cuisine soudure
expect 0 --db "$L" sync resolve "$A" profile --keep theirs
expect 0 sync resolve "$A" profile --keep mine
same "$(current "$L" "$A" profile "" interests) $(current "$O" "$A" profile "" interests)" \
	"soudure soudure"
expect 0 --db "$L" sync
has "$T/err" "0 conflicts"
same "$(open_conflicts "$O") $(open_conflicts "$L")" "0 0" "(nothing left to decide)"
same "$(latest_all "$L")" "$(latest_all "$O")" "(the latest answers differ)"

# --- decisions that disagree: a new conflict on the decisions ---
clash interests couture jardinage
expect 0 --db "$L" sync resolve "$A" profile --keep mine
expect 0 sync resolve "$A" profile --keep mine
R=$(sql "SELECT max(revision) FROM revision WHERE form = 'profile'")
expect 0 --db "$L" sync
has "$T/err" "1 conflicts"
expect 0 sync conflicts "$A"
has "$T/out" "$A profile revision $R: two versions"
same "$(open_conflicts "$O") $(open_conflicts "$L")" "1 1" "(the new conflict, each side)"
expect 0 sync resolve "$A" profile --keep theirs
has "$T/out" "their version kept as revision $((R + 1))"
expect 0 --db "$L" sync
has "$T/err" "1 conflict decided at BUR closed here"
same "$(current "$L" "$A" profile "" interests) $(current "$O" "$A" profile "" interests)" \
	"couture couture"
same "$(open_conflicts "$O") $(open_conflicts "$L")" "0 0" "(settled everywhere)"

# --- a journal entry merged at the office closes the laptop's conflict ---
expect 0 --db "$L" submit followup "$A" --entry "$E" --set summary="Appel, portable"
expect 0 submit followup "$A" --entry "$E" --set summary="Appel, bureau"
expect 0 --db "$L" sync
has "$T/err" "1 conflicts"
expect 0 sync resolve "$A" followup --period "$E" --keep merged --set summary="Appel, les deux"
expect 0 --db "$L" sync
has "$T/err" "1 conflict decided at BUR closed here"
same "$(current "$L" "$A" followup "$E" summary)" "Appel, les deux"
same "$(open_conflicts "$L")" 0 "(the laptop's entry conflict is closed)"

# --- saved again before the other side decided ---
clash wellbeing 4 6
expect 0 submit profile "$A" --set wellbeing=7
K=$(sqlite3 "$L" "SELECT revision FROM sync_conflict WHERE resolved_at IS NULL")
expect 0 --db "$L" sync resolve "$A" profile --keep mine
expect 0 --db "$L" sync
has "$T/err" "1 conflicts"
same "$(sql "SELECT revision FROM sync_conflict WHERE resolved_at IS NULL")" "$((K + 1))" \
	"(the office's conflict moved to the new revisions)"
same "$(sqlite3 "$L" "SELECT revision FROM sync_conflict WHERE resolved_at IS NULL")" \
	"$((K + 1))" "(the laptop's too)"
expect 0 --db "$L" sync resolve "$A" profile --keep theirs
expect 0 --db "$L" sync
expect 0 --db "$L" sync
same "$(open_conflicts "$O") $(open_conflicts "$L")" "0 0"
same "$(current "$O" "$A" profile "" wellbeing)" 7
same "$(latest_all "$L")" "$(latest_all "$O")" "(the latest answers differ)"

expect 0 audit verify
expect 0 --db "$L" audit verify
check_clean "$O"
check_clean "$L"
finish
