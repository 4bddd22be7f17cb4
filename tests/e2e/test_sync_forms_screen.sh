# A laptop copy made by `sync init` on a machine with no forms of its own
# (no --forms, no PARCOURS_FORMS) opens in the console with the office's
# forms, kept beside it: the file shows a form only the office has, and a
# save of it typed there reaches the office at the next sync.
. "$SRC/tests/e2e/lib.sh"
O=$PARCOURS_DB L=$T/laptop.db OF=$T/office-forms
ME=$(id -un)
mkdir -p "$OF"
cp "$SRC"/forms/*.yaml "$OF/"
cp "$SRC/tests/sync/visit.yaml" "$OF/"
export PARCOURS_FORMS=$OF
pc staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")
pc assign "$A" "$ME"
pc sync keygen --site BUR
pc --db "$L" sync init "$O" --site RN
[ "$rc" = 0 ] || { bad "sync init: $(cat "$T/err")"; finish; exit 1; }
unset PARCOURS_FORMS

start --db "$L"
wait_for "Aujourd'hui : ce qui est à faire"
keys Escape
wait_for "Participants"
type_ "Côté"
wait_for "$A Côté, Élisabeth"
keys Enter
wait_for "Dossier $A"
wait_for "Visit…"
# the office's form, filled in here and saved
key_until "Visite à domicile" Right
keys Enter
wait_for "> Lieu de la visite"
type_ "Rouyn"
keys F2
wait_for "Enregistré (révision 1)."
end_console
same "$(sqlite3 "$L" "SELECT json_extract(answers, '$.place') FROM revision
  WHERE form = 'visit'")" Rouyn
# and it reaches the office (whose end, run here from a local path, finds
# its forms in the configuration file, after the copy's own folder)
echo "forms = $OF" >"$T/parcours.conf"
PARCOURS_CONFIG=$T/parcours.conf pc --db "$L" sync
[ "$rc" = 0 ] && ok || bad "the laptop's sync failed: $(cat "$T/err")"
grep -qF "formulaires de BUR ont changé" "$T/err" && bad "the forms were sent again" || ok
same "$(sqlite3 "$O" "SELECT json_extract(answers, '$.place') FROM revision
  WHERE form = 'visit'")" Rouyn
finish
