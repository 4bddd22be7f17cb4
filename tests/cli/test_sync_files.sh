# Sync by file (a USB key): an office and a laptop copy change different
# people and forms, exchange files both ways and hold the same data after;
# a file imported twice applies nothing twice; a cut or altered file, one
# meant for another database, and one of other forms are refused with
# nothing applied; the laptop's audit entries reach the office's log in
# order with its chain verifiable. The laptop copy holds only the caseload
# of its login (the people whose counsellor it is): a third person of the
# office, followed by nobody, never reaches it, and what the office sends
# it about them never makes a sync fail.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db KEY=$T/usb
mkdir -p "$KEY"
p() { "$PARCOURS_BIN" "$@"; }
ME=$(id -un)
# what both ends share: the caseload of the laptop's login
data() {
	sqlite3 -batch "$1" "SELECT id, file_no, family_name, given_name, counsellor, status, version,
	  search_keys FROM participant WHERE counsellor = '$ME' ORDER BY id;
	  SELECT participant_id, form, period, revision, answers, saved_by FROM revision
	  WHERE participant_id IN (SELECT id FROM participant WHERE counsellor = '$ME')
	  ORDER BY 1, 2, 3, 4; SELECT * FROM participant_token WHERE file_no IN
	  (SELECT file_no FROM participant WHERE counsellor = '$ME') ORDER BY 1, 2, 3, 4"
}

PARCOURS_DB=$O
expect 0 init
# the laptop's login follows people, and as a supervisor too its copy
# holds only them
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; B=$(cat "$T/out")
intake Bouchard Zéphirine 1960-07-07; D=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 assign "$B" "$ME"
# nothing recorded before the database takes part in sync
same "$(sql "SELECT count(*) FROM sync_log")" 0
expect 2 sync keygen
expect 1 sync keygen --site 'r n'
expect 0 sync keygen --site BUR
same "$(stat -c %a "$O.sync-key")" 600
same "$(stat -c %s "$O.sync-key")" 32
expect 1 sync keygen --site BUR2
expect 0 --db "$L" sync init "$O" --site RN
[ -f "$L.sync-key" ] && ok || bad "the laptop has no key"
same "$(sqlite3 "$L" "SELECT site || ' ' || upstream FROM sync_self")" "RN BUR"
same "$(sql "SELECT site || ' ' || login FROM sync_peer")" "RN $(id -un)"
expect 1 --db "$L" sync init "$O" --site RN2
# the copy holds the caseload and nobody else
same "$(sqlite3 "$L" "SELECT count(*) FROM participant")" 2
same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE counsellor <> '$ME'")" 0
if grep -qa "Bouchard\|Zéphirine\|bouchard" "$L"; then bad "the copy holds $D"; else ok; fi
expect 1 --db "$L" show "$D"
# one site code numbers the copy's files and names it in sync
same "$(sqlite3 "$L" "SELECT code FROM local_site")" RN

# both sides work: the office on A, the laptop on B
expect 0 submit profile "$A" --set wellbeing=6
expect 0 --db "$L" submit profile "$B" --set wellbeing=8
expect 0 --db "$L" participant add --set family_name=Tremblay --set given_name=Luc \
	--set birth_date=1990-01-01 --set consent_date=2026-03-15 --set consent_sharing=oui \
	--set income_source=last_resort --set far_from_labour_market=oui --set employment_barriers=oui
C=$(cat "$T/out")
case $C in RN-2026-0001) ok ;; *) bad "the copy numbered its file $C, not RN-2026-0001" ;; esac
same "$(sql "SELECT count(*) > 0 FROM sync_log")" 1
# the office works on D too, whom the laptop does not follow
expect 0 submit profile "$D" --set wellbeing=3

# laptop -> office
expect 0 --db "$L" sync export "$KEY/to-office.sync"
has "$T/err" "changes written"
# the file holds no readable name
if grep -qa "Tremblay" "$KEY/to-office.sync"; then bad "the file is readable"; else ok; fi
cp "$KEY/to-office.sync" "$T/orig.sync"
# altered in transit: refused, nothing applied
before=$(data "$O")
printf 'X' | dd of="$KEY/to-office.sync" bs=1 seek=200 conv=notrunc 2>/dev/null
expect 1 sync import "$KEY/to-office.sync"
has "$T/err" "altered in transit"
same "$(data "$O")" "$before" "(an altered file changed the office)"
# cut short: refused the same way
head -c 300 "$T/orig.sync" >"$KEY/to-office.sync"
expect 1 sync import "$KEY/to-office.sync"
same "$(data "$O")" "$before"
# not meant for this database: the laptop cannot read its own file
expect 1 --db "$L" sync import "$T/orig.sync"
cp "$T/orig.sync" "$KEY/to-office.sync"
expect 0 sync import "$KEY/to-office.sync"
has "$T/err" "applied"
expect 0 show "$C"
has "$T/out" "Tremblay"
# the search finds the new person (its tokens were rebuilt)
expect 0 participant find trembl
has "$T/out" "$C"
# imported twice: nothing applied twice
n=$(sql "SELECT count(*) FROM revision")
expect 0 sync import "$KEY/to-office.sync"
has "$T/err" "0 applied"
same "$(sql "SELECT count(*) FROM revision")" "$n"

# office -> laptop
expect 0 sync export "$KEY/to-laptop.sync" --to RN
expect 0 --db "$L" sync import "$KEY/to-laptop.sync"
same "$(data "$L")" "$(data "$O")" "(office and laptop differ after sync)"
same "$(sqlite3 "$L" "SELECT count(*) FROM participant WHERE counsellor <> '$ME'")" 0
if grep -qa "Bouchard" "$L"; then bad "sync brought $D to the laptop"; else ok; fi
same "$(sql "SELECT count(*) FROM sync_conflict")" 0

# the laptop's audit entries are at the end of the office's log, in order
same "$(sql "SELECT group_concat(action || ':' || coalesce(file_no, '-'), ' ') FROM
	(SELECT * FROM audit WHERE detail LIKE 'site=RN%' ORDER BY seq)")" \
	"change:$B change:$C"
expect 0 audit verify

# a second round with nothing new moves nothing
expect 0 --db "$L" sync export "$KEY/again.sync"
has "$T/err" "0 changes"

# other forms at one end: refused before anything is applied
mkdir "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
sed -i 's/^version: \([0-9]*\)/version: 99/' "$T/forms/profile.yaml"
grep -q "^version: 99" "$T/forms/profile.yaml" || bad "the test could not change a form's version"
expect 0 --db "$L" submit profile "$B" --set wellbeing=5
expect 0 --db "$L" sync export "$KEY/forms.sync"
before=$(data "$O")
expect 1 --forms "$T/forms" sync import "$KEY/forms.sync"
has "$T/err" "the forms differ"
same "$(data "$O")" "$before"
finish
