# parcours sync resolve FILE_NO FORM --keep merged --set FIELD=VALUE...:
# a form changed on both sides (a laptop and the office) is merged into a
# new revision that starts from this side's answers and takes the values
# given; a merge the form refuses says which answers and leaves the
# conflict open as it was; the merged revision closes the conflict,
# is audited, and reaches the laptop like any save. Someone who may not
# read the form of that person is not shown the conflict.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db
PARCOURS_DB=$O
latest() {
	sqlite3 -batch "$1" "SELECT json_extract(answers, '$.$2') FROM revision WHERE form =
	  'profile' ORDER BY revision DESC LIMIT 1"
}
expect 0 init
ME=$(id -un)
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 submit profile "$A" --set wellbeing=5 --set interests=menuiserie
expect 0 sync keygen --site BUR
expect 0 --db "$L" sync init "$O" --site RN
# both sides change the profile: the office the well-being, the laptop both
expect 0 --db "$L" submit profile "$A" --set wellbeing=9 --set interests="cuisine"
expect 0 submit profile "$A" --set wellbeing=2
expect 0 --db "$L" sync
expect 0 sync conflicts "$A"
has "$T/out" "two versions"
# a counsellor who does not follow the person neither sees the two
# versions' answers nor decides
C2=54322
expect 0 staff add uid$C2 --name "Counsellor Two" --role counsellor
as_expect 0 $C2 sync conflicts
has "$T/out" "no sync conflict"
hasnt "$T/out" "wellbeing"
as_expect 1 $C2 sync resolve "$A" profile --keep merged --set wellbeing=3

# usage: merged needs answers; mine and theirs take none
expect 2 sync resolve "$A" profile --keep merged
expect 2 sync resolve "$A" profile --keep mine --set wellbeing=3
# a merge the form refuses: the field's message, nothing saved, conflict open
n=$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")
expect 1 sync resolve "$A" profile --keep merged --set wellbeing=42 --set interests=cuisine
has "$T/err" "wellbeing:"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" "$n"
same "$(sql "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")" 1
expect 0 sync conflicts
has "$T/out" "two versions"
# a merge of no conflict is refused
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
expect 1 sync resolve "$B" profile --keep merged --set wellbeing=3
has "$T/err" "no sync conflict"

# the merge: the office's well-being, the laptop's interests
expect 0 sync resolve "$A" profile --keep merged --set interests=cuisine
has "$T/out" "merged version saved as revision $((n + 1))"
same "$(latest "$O" wellbeing)" 2
same "$(latest "$O" interests)" cuisine
same "$(sql "SELECT resolution FROM sync_conflict")" merged
same "$(sql "SELECT count(*) FROM audit WHERE
	detail LIKE 'sync conflict revision=% from=RN kept=merged saved=$((n + 1))'")" 1
expect 0 sync conflicts
has "$T/out" "no sync conflict"
expect 1 sync resolve "$A" profile --keep merged --set interests=cuisine
# the merged revision reaches the laptop like any save
expect 0 --db "$L" sync
same "$(latest "$L" wellbeing)" 2
same "$(latest "$L" interests)" cuisine
expect 0 audit verify
finish
