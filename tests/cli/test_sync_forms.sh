# The office's forms folder travels with a laptop copy. `sync init` (over
# ssh, here a stand-in, and from a local path) leaves the office's *.yaml
# in LAPTOP.db.forms, private, which the copy uses when neither --forms nor
# PARCOURS_FORMS names another: a laptop with no forms of its own submits
# a form only the office has. When the office's folder changes (a
# programme's hours in programmes.yaml), the next `sync` brings the new
# set before anything moves; a laptop that names a folder of its own that
# differs is refused with what to do, nothing sent or applied (a copy
# that had no folder of its own takes the office's); a laptop's file by
# USB key made with other forms is refused at the office, in English and
# French, with nothing applied, and the office's file brings the new set.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
O=$T/office.db L=$T/laptop.db V=$T/vd.db OF=$T/office-forms KEY=$T/usb
export PARCOURS_DB=$O
mkdir -p "$T/bin" "$KEY" "$OF"
cp "$SRC"/forms/*.yaml "$OF/"
# a form only the office has
cp "$SRC/tests/sync/visit.yaml" "$OF/"
cat >"$T/bin/ssh" <<'SH'
#!/bin/sh
# ssh HOST COMMAND: runs COMMAND here through a shell, as sshd runs it
shift
exec sh -c "$*"
SH
chmod +x "$T/bin/ssh"
# the office's end names its own forms, as its configuration would
export PARCOURS_SSH=$T/bin/ssh PARCOURS_REMOTE="'$PARCOURS_BIN' --forms '$OF'"
export PARCOURS_FORMS=$OF
ME=$(id -un)
. "$SRC/tests/cli/lib_sync.sh"

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; A=$(cat "$T/out")
expect 0 assign "$A" "$ME"
expect 0 sync keygen --site BUR

# the copy brings the office's forms, kept beside it, private
lap 0 sync init "ssh://office$O" --site RN
has "$T/err" "copy made"
if diff -r "$OF" "$L.forms" >"$T/diff"; then ok; else bad "the copy's forms differ: $(cat "$T/diff")"; fi
same "$(stat -c %a "$L.forms")" 700
same "$(stat -c %a "$L.forms/programmes.yaml")" 600
# and uses them: a form only the office has, checked and saved there
lap 0 forms check
has "$T/out" "$L.forms: ok"
lap 0 submit visit "$A" --set place=Rouyn
lap 0 sync
hasnt "$T/err" "forms of BUR changed"
same "$(count "$O" visit)" 1

# the office changes a programme's hours: the laptop receives the new set
# first, then the changes of both go both ways
sed -i 's/^    target_hours: 80$/    target_hours: 60/' "$OF/programmes.yaml"
grep -q "target_hours: 60" "$OF/programmes.yaml" || bad "the test could not change the hours"
lap 0 submit visit "$A" --set place=Amos
expect 0 submit profile "$A" --set wellbeing=4
lap 0 sync
has "$T/err" "the forms of BUR changed (programmes.yaml): received into $L.forms"
if cmp -s "$OF/programmes.yaml" "$L.forms/programmes.yaml"; then ok; else
	bad "the laptop's programmes.yaml is not the office's"
fi
same "$(count "$O" visit)" 2
same "$(count "$L" profile)" 1

# a laptop naming a folder of its own that differs: refused, nothing moves
mkdir "$T/mine"
cp "$L.forms"/*.yaml "$T/mine/"
sed -i 's/^    target_hours: 60$/    target_hours: 50/' "$T/mine/programmes.yaml"
expect 0 --db "$L" --forms "$T/mine" submit visit "$A" --set place=Val-d\'Or
expect 0 submit profile "$A" --set wellbeing=5
sent=$(sqlite3 "$L" "SELECT sent || ' ' || received FROM sync_peer")
office_sent=$(sql "SELECT sent || ' ' || received FROM sync_peer")
expect 1 --db "$L" --forms "$T/mine" sync
has "$T/err" "$T/mine: differs from the forms of BUR (programmes.yaml); nothing was sent or applied"
has "$T/err" "kept in $L.forms"
same "$(count "$O" visit)" 2
same "$(count "$L" profile)" 1
same "$(sqlite3 "$L" "SELECT sent || ' ' || received FROM sync_peer")" "$sent"
same "$(sql "SELECT sent || ' ' || received FROM sync_peer")" "$office_sent"

# by file: the office's folder changed again; the laptop's file, made
# under the old forms, is refused at the office with nothing applied, in
# English and French; the office's file brings the laptop the new set
# (more in test_sync_usb_forms.sh)
sed -i 's/^    target_hours: 60$/    target_hours: 70/' "$OF/programmes.yaml"
expect 0 sync export "$KEY/down.sync" --to RN
lap 0 sync export "$KEY/up.sync"
expect 1 sync import "$KEY/up.sync"
has "$T/err" "the forms folder differs from RN's (programmes.yaml)"
has "$T/err" "nothing was applied"
expect 1 --lang fr sync import "$KEY/up.sync"
has "$T/err" "le dossier des formulaires diffère de celui de RN (programmes.yaml)"
same "$(count "$O" visit)" 2
lap 0 sync import "$KEY/down.sync"
has "$T/err" "the forms of BUR changed (programmes.yaml): received into $L.forms"
same "$(count "$L" profile)" 2
# then over the link, both ways: the office's answer carries no forms
# (the laptop compared them first)
lap 0 sync
hasnt "$T/err" "the forms of BUR changed"
got=$(sed -n 's/^sync: receiving \([0-9]*\) bytes.*/\1/p' "$T/err")
[ "${got:-0}" -gt 0 ] && [ "$got" -lt "$(cat "$OF"/*.yaml | wc -c)" ] && ok ||
	bad "the office's answer over the link carries its forms ($got bytes)"
same "$(count "$O" visit)" 3
same "$(count "$L" profile)" 2

# a copy made before the forms travelled (no LAPTOP.db.forms: the
# installed forms) takes the office's at its next sync and goes on
rm -r "$L.forms"
lap 0 submit profile "$A" --set wellbeing=2
lap 0 sync
has "$T/err" "the forms of BUR changed (programmes.yaml, visit.yaml)"
if diff -r "$OF" "$L.forms" >"$T/diff"; then ok; else bad "the new forms differ: $(cat "$T/diff")"; fi
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision WHERE form = 'profile'
  ORDER BY revision DESC LIMIT 1")" 2

# a copy made from a local path carries them as well
expect 0 --db "$V" sync init "$O" --site VD
if diff -r "$OF" "$V.forms" >"$T/diff"; then ok; else bad "VD's forms differ: $(cat "$T/diff")"; fi
env -u PARCOURS_FORMS "$PARCOURS_BIN" --db "$V" submit visit "$A" --set place=Amos \
	>"$T/out" 2>"$T/err" && ok || bad "VD cannot save a visit: $(cat "$T/err")"
finish
