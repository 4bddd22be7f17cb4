# A laptop that never sees the network gets the office's forms folder by
# USB key: the office's file for a laptop carries its forms folder inside
# the encrypted, authenticated file; `sync import` on the laptop installs
# it into LAPTOP.db.forms (as `sync` over the link does) and then applies
# the changes, all or nothing: a tampered file or a refused apply leaves
# the laptop's forms folder as it was; a laptop naming its own folder
# (--forms) is refused with what to do. A laptop's file made under old
# forms stays refused at the office, which says what to do by key.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db OF=$T/office-forms KEY=$T/usb
export PARCOURS_DB=$O PARCOURS_FORMS=$OF
mkdir -p "$KEY" "$OF"
cp "$SRC"/forms/*.yaml "$SRC/tests/sync/visit.yaml" "$OF/"
ME=$(id -un)
. "$SRC/tests/cli/lib_sync.sh"
# flip FILE OFFSET: one bit of the byte at OFFSET changed in place
flip() {
	local b
	b=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 sync keygen --site BUR
# the serving end (this binary, for a local path) reads the office's folder
expect 0 --db "$L" sync init "$O" --site RN
same "$(sums "$L.forms")" "$(sums "$OF")"

# the office changes a form (a new field) and a programme's hours
sed -i 's/^version: 1$/version: 2/' "$OF/visit.yaml"
cat >>"$OF/visit.yaml" <<'YAML'
      - name: duration
        type: text
        max: 20
        label: {fr: "Durée", en: "Duration"}
YAML
sed -i 's/^    target_hours: 80$/    target_hours: 60/' "$OF/programmes.yaml"
grep -q "target_hours: 60" "$OF/programmes.yaml" || bad "the test could not change the hours"
expect 0 forms check
expect 0 submit profile "$A" --set wellbeing=4
expect 0 sync export "$KEY/down.sync" --to RN
has "$T/err" "changes written"
cp "$KEY/down.sync" "$T/orig.sync"
old=$(sums "$L.forms")

# altered in transit: refused before anything, the forms included, is installed
flip "$KEY/down.sync" $(($(stat -c %s "$KEY/down.sync") / 2))
lap 1 sync import "$KEY/down.sync"
has "$T/err" "altered in transit"
same "$(sums "$L.forms")" "$old" "(a tampered file changed the laptop's forms)"
same "$(count "$L" profile)" 0

# the office's file: its forms folder first, then its changes
cp "$T/orig.sync" "$KEY/down.sync"
lap 0 sync import "$KEY/down.sync"
has "$T/err" "the forms of BUR changed (programmes.yaml, visit.yaml): received into $L.forms"
same "$(sums "$L.forms")" "$(sums "$OF")" "(the laptop's forms are not the office's)"
same "$(count "$L" profile)" 1
# the new field is usable on the laptop, and its file is taken at the office
lap 0 submit visit "$A" --set place=Rouyn --set duration=2h
lap 0 sync export "$KEY/up.sync"
expect 0 sync import "$KEY/up.sync"
same "$(sql "SELECT json_extract(answers, '$.duration') FROM revision WHERE form = 'visit'")" 2h
# the same file again: the forms are the same, nothing is installed twice
lap 0 sync import "$KEY/down.sync"
hasnt "$T/err" "the forms of BUR changed"

# an apply refused on the laptop leaves its forms folder as it was
sed -i 's/^    target_hours: 60$/    target_hours: 70/' "$OF/programmes.yaml"
expect 0 submit profile "$A" --set wellbeing=5
expect 0 sync export "$KEY/down2.sync" --to RN
old=$(sums "$L.forms")
sqlite3 "$L" "CREATE TRIGGER test_refuses BEFORE INSERT ON revision
  BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
lap 1 sync import "$KEY/down2.sync"
has "$T/err" "breaks a rule of this database: nothing was applied"
has "$T/err" "nothing was applied: the former forms folder is back in $L.forms"
same "$(sums "$L.forms")" "$old" "(a refused apply changed the laptop's forms)"
same "$(count "$L" profile)" 1
ls -a "$T" | grep -q 'laptop.db.forms.tmp' && bad "a temporary forms folder was left" || ok
sqlite3 "$L" "DROP TRIGGER test_refuses"

# a laptop naming a folder of its own: refused, with what to do
mkdir "$T/mine"
cp "$L.forms"/*.yaml "$T/mine/"
lap 1 --forms "$T/mine" sync import "$KEY/down2.sync"
has "$T/err" "$T/mine: differs from the forms of BUR (programmes.yaml); nothing was sent or applied"
has "$T/err" "kept in $L.forms"
same "$(sums "$T/mine")" "$old"
same "$(count "$L" profile)" 1
lap 0 sync import "$KEY/down2.sync"
same "$(count "$L" profile)" 2
same "$(sums "$L.forms")" "$(sums "$OF")"

# a laptop's file made under old forms stays refused at the office, which
# says what to do by key too, in English and French
sed -i 's/^    target_hours: 70$/    target_hours: 90/' "$OF/programmes.yaml"
lap 0 submit visit "$A" --set place=Amos
lap 0 sync export "$KEY/up2.sync"
expect 1 sync import "$KEY/up2.sync"
has "$T/err" "the forms folder differs from RN's (programmes.yaml)"
has "$T/err" "by importing the office's latest file on the laptop (parcours sync import)"
has "$T/err" "nothing was applied"
expect 1 --lang fr sync import "$KEY/up2.sync"
has "$T/err" "en important le dernier fichier du bureau sur le portable (parcours sync import)"
same "$(count "$O" visit)" 1

# a file for the office carries no forms folder: it stays small
expect 0 sync export "$KEY/down3.sync" --to RN
lap 0 sync import "$KEY/down3.sync"
lap 0 sync export "$KEY/up3.sync"
forms=$(cat "$OF"/*.yaml | wc -c)
[ "$(stat -c %s "$KEY/up3.sync")" -lt "$forms" ] && ok || bad "the laptop's file carries forms"
[ "$(stat -c %s "$KEY/down3.sync")" -gt "$forms" ] && ok || bad "the office's file lacks its forms"
expect 0 sync import "$KEY/up3.sync"
same "$(count "$O" visit)" 2
finish
