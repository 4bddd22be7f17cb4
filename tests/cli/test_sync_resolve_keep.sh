# parcours sync resolve --keep mine and --keep theirs end to end, on a form
# and on journal entries (a journal's revisions are kept under their
# entry's id, so its conflict names the entry, not a month):
# - each side keeps its own revision as current and the other's beside it,
#   until a person decides on either side; a decision is audited and
#   `audit verify` holds;
# - mine: this side's answers saved again as a new revision, which travels;
#   the other version stays on file (the conflict, closed, keeps its
#   answers);
# - theirs: the other's answers saved as a new revision, which travels;
# - each decision closes the other side's conflict when it arrives there;
# - an entry's conflict is listed with its entry, kept as two versions,
#   then merged through the entry (--keep merged) or kept (theirs/mine);
# - after the decisions travelled, the current answers are the same.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
PARCOURS_DB=$O
ME=$(id -un)
revisions() {
	sqlite3 -batch "$1" "SELECT count(*) FROM revision r JOIN participant p ON
	  p.id = r.participant_id WHERE p.file_no = '$2' AND r.form = '$3' AND r.period = '$4'"
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 submit profile "$A" --set wellbeing=5 --set interests=menuiserie
for s in Appel Visite; do
	expect 0 submit followup "$A" --set meeting_date=2026-03-12 --set kind=phone --set summary="$s"
done
E1=$(sql "SELECT min(id) FROM entry") E2=$(sql "SELECT max(id) FROM entry")
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN

# both sides change the profile and both entries
expect 0 --db "$L" submit profile "$A" --set wellbeing=9
expect 0 submit profile "$A" --set wellbeing=2
expect 0 --db "$L" submit followup "$A" --entry "$E1" --set summary="Appel, côté portable"
expect 0 submit followup "$A" --entry "$E1" --set summary="Appel, côté bureau" --set wellbeing=6
expect 0 --db "$L" submit followup "$A" --entry "$E2" --set summary="Visite, portable"
expect 0 submit followup "$A" --entry "$E2" --set summary="Visite, bureau"
expect 0 --db "$L" sync
has "$T/err" "3 conflicts"

# two versions on each side, the entry named by its id
expect 0 sync conflicts "$A"
has "$T/out" "$A profile revision 2: two versions"
has "$T/out" "$A followup $E1 revision 2: two versions"
has "$T/out" "$A followup $E2 revision 2: two versions"
has "$T/out" '"summary":"Appel, côté bureau"'
has "$T/out" '"summary":"Appel, côté portable"'
expect 0 --db "$L" sync conflicts "$A"
has "$T/out" "$A followup $E1 revision 2: two versions"
same "$(current "$O" "$A" followup "$E1" summary)" "Appel, côté bureau" "(the office's stays current)"
same "$(current "$L" "$A" followup "$E1" summary)" "Appel, côté portable" "(the laptop's stays current)"

# --- the profile: the office keeps its own ---
n=$(revisions "$O" "$A" profile "")
expect 0 sync resolve "$A" profile --keep mine
has "$T/out" "$A profile: this version kept as revision $((n + 1))"
same "$(current "$O" "$A" profile "" wellbeing)" 2 "(mine is current)"
same "$(revisions "$O" "$A" profile "")" "$((n + 1))" "(mine saved again, to travel)"
# the other version stays on file, with who decided
same "$(sql "SELECT json_extract(answers, '$.wellbeing') || ' ' || resolution || ' ' ||
	resolved_by FROM sync_conflict WHERE form = 'profile'")" "9 mine $ME"
same "$(sql "SELECT count(*) FROM audit WHERE
	detail = 'sync conflict revision=2 from=RN kept=mine saved=$((n + 1))'")" 1
expect 0 sync conflicts "$A"
hasnt "$T/out" "profile revision"
expect 1 sync resolve "$A" profile --keep mine
has "$T/err" "no sync conflict"
expect 0 audit verify

# --- the first entry: the office merges through the entry ---
expect 1 sync resolve "$A" followup --keep merged --set summary=x
has "$T/err" "no sync conflict"
n=$(revisions "$O" "$A" followup "$E1")
expect 0 sync resolve "$A" followup --period "$E1" --keep merged \
	--set summary="Appel, les deux côtés"
has "$T/out" "merged version saved as revision $((n + 1))"
same "$(current "$O" "$A" followup "$E1" summary)" "Appel, les deux côtés"
same "$(current "$O" "$A" followup "$E1" wellbeing)" 6 "(the merge starts from the office's)"
same "$(sql "SELECT count(*) FROM entry")" 2 "(no new entry)"
same "$(sql "SELECT count(*) FROM audit WHERE
	detail = 'sync conflict revision=2 from=RN kept=merged saved=$((n + 1))'")" 1

# --- the second entry: the office keeps the laptop's ---
expect 0 sync resolve "$A" followup --period "$E2" --keep theirs
has "$T/out" "their version kept as revision 3"
same "$(sql "SELECT count(*) FROM audit WHERE
	detail = 'sync conflict revision=2 from=RN kept=theirs saved=3'")" 1
same "$(current "$O" "$A" followup "$E2" summary)" "Visite, portable"
same "$(sqlite3 "$O" "SELECT group_concat(json_extract(answers, '$.summary'), '|') FROM
	(SELECT answers FROM revision WHERE period = '$E2' ORDER BY revision)")" \
	"Visite|Visite, bureau|Visite, portable" "(both versions in the entry's history)"
expect 0 sync conflicts
has "$T/out" "no sync conflict"
expect 0 audit verify

# the office's decisions travel as saves and close the laptop's conflicts
expect 0 --db "$L" sync
has "$T/err" "0 conflicts"
has "$T/err" "3 conflicts decided at BUR closed here"
same "$(current "$L" "$A" followup "$E1" summary)" "Appel, les deux côtés"
same "$(current "$L" "$A" followup "$E2" summary)" "Visite, portable"
same "$(current "$L" "$A" profile "" wellbeing)" 2 "(the office kept its own)"
same "$(sqlite3 "$L" "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE
	form = 'profile' AND revision = 2")" 9 "(the laptop's own version stays in its history)"
same "$(sqlite3 "$L" "SELECT group_concat(resolution || ' ' || resolved_by, '|') FROM
	sync_conflict")" "settled $ME|settled $ME|settled $ME" "(closed by the office's decisions)"
expect 0 --db "$L" sync conflicts
has "$T/out" "no sync conflict"
expect 1 --db "$L" sync resolve "$A" profile --keep theirs
has "$T/err" "no sync conflict"
expect 0 --db "$L" sync
has "$T/err" "0 conflicts"
same "$(latest_all "$L")" "$(latest_all "$O")" "(the latest answers differ)"
expect 0 audit verify
expect 0 --db "$L" audit verify
expect 0 check
expect 0 --db "$L" check
finish
