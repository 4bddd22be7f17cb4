# A form that changes over the years: a retired choice is no longer accepted
# but old answers still show its label; a removed field is kept in old
# revisions and shown as no longer asked; each revision keeps its version.
. "$SRC/tests/cli/lib.sh"

mkdir "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
export PARCOURS_FORMS=$T/forms
cat >"$T/forms/housing.yaml" <<'Y'
form: housing
version: 1
title: {fr: Logement, en: Housing}
period: none
sections:
  - title: {fr: Logement, en: Housing}
    fields:
      - {name: kind, type: choice, choices: kinds, label: {fr: Type de logement, en: Kind of housing}}
      - {name: rooms, type: integer, label: {fr: Pièces, en: Rooms}, min: 1, max: 20}
choices:
  kinds:
    - {value: stable, label: {fr: Stable, en: Stable}}
    - {value: shelter, label: {fr: Refuge, en: Shelter}}
Y
expect 0 init
intake Côté Élisabeth 1985-03-02
F=$(cat "$T/out")
expect 0 submit housing "$F" --set kind=shelter --set rooms=2

cat >"$T/forms/housing.yaml" <<'Y'
form: housing
version: 2
title: {fr: Logement, en: Housing}
period: none
sections:
  - title: {fr: Logement, en: Housing}
    fields:
      - {name: kind, type: choice, choices: kinds, label: {fr: Type de logement, en: Kind of housing}}
choices:
  kinds:
    - {value: stable, label: {fr: Stable, en: Stable}}
    - {value: shelter, label: {fr: Refuge, en: Shelter}, retired: true}
    - {value: transitional, label: {fr: Transitoire, en: Transitional}}
Y
# the old answers still read, with the retired label and the removed field
expect 0 show "$F"
has "$T/out" "Refuge"
has "$T/out" "rooms"
expect 0 --lang en show "$F"
has "$T/out" "Shelter"
has "$T/out" "(no longer asked)"
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.housing.not_asked')" '["rooms"]'
same "$(jq_ "$T/out" '$.forms.housing.revisions[0].form_version')" 1
# the retired choice is no longer accepted; the removed field is unknown
expect 1 submit housing "$F" --set kind=shelter
has "$T/err" "kind: "
expect 1 submit housing "$F" --set kind=stable --set rooms=3
has "$T/err" "rooms: "
expect 0 submit housing "$F" --set kind=transitional
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.housing.revisions[1].form_version')" 2
same "$(jq_ "$T/out" '$.forms.housing.revisions[0].answers.rooms')" 2
same "$(jq_ "$T/out" '$.forms.housing.current.kind')" transitional
same "$(jq_ "$T/out" '$.forms.housing.not_asked')" '[]'
# a form removed from the folder: its answers are still shown
rm "$T/forms/housing.yaml"
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.housing.form_removed')" 1
same "$(jq_ "$T/out" '$.forms.housing.current.kind')" transitional
finish
