# Saving forms: revisions, --set and --json parsed like the screen, monthly
# periods, the show --json shape, nothing stored on refusal.
. "$SRC/tests/cli/lib.sh"

expect 0 init
intake Côté Élisabeth 1985-03-02
F=$(cat "$T/out")

expect 0 submit profile "$F" --set wellbeing=7 --set barriers=transport,housing
has "$T/out" "1"
expect 0 submit profile "$F" --set wellbeing=8 --set barriers=transport
same "$(sql "SELECT count(*) FROM revision WHERE form='profile'")" 2
# refused: out of range, unknown choice; the number of revisions does not move
expect 1 submit profile "$F" --set wellbeing=11 --set barriers=teleportation
has "$T/err" "wellbeing: "
has "$T/err" "barriers: "
same "$(sql "SELECT count(*) FROM revision WHERE form='profile'")" 2
# unknown file number: refused, exit 1
expect 1 submit profile 2026-9999 --set wellbeing=5
has "$T/err" "2026-9999"

# participation: a monthly form; hours typed every way a person would
expect 0 submit participation "$F" --period 2026-02 \
	--set entries.1.date=2026-02-02 --set entries.1.activity=work --set entries.1.hours=3 \
	--set entries.2.date=2026-02-03 --set entries.2.activity=training --set entries.2.hours=3,5 \
	--set entries.3.date=2026-02-04 --set entries.3.activity=social --set entries.3.hours=2:30 \
	--set childcare_costs=12,50 --set transport_costs=8
expect 0 show "$F" --json
cp "$T/out" "$T/show.json"
same "$(jq_ "$T/show.json" '$.file_no')" "$F"
same "$(jq_ "$T/show.json" '$.family_name')" "Côté"
same "$(jq_ "$T/show.json" '$.given_name')" "Élisabeth"
same "$(jq_ "$T/show.json" '$.birth_date')" "1985-03-02"
same "$(jq_ "$T/show.json" '$.forms.profile.current.wellbeing')" 8
same "$(jq_ "$T/show.json" '$.forms.profile.current.barriers')" '["transport"]'
same "$(jq_ "$T/show.json" '$.forms.profile.revisions[0].revision')" 1
same "$(jq_ "$T/show.json" '$.forms.profile.revisions[1].revision')" 2
same "$(jq_ "$T/show.json" '$.forms.profile.revisions[0].form_version')" 1
same "$(jq_ "$T/show.json" '$.forms.profile.revisions[0].by')" "$(id -un)"
same "$(jq_ "$T/show.json" '$.forms.participation.periods."2026-02".current.entries[1].hours')" 3.5
same "$(jq_ "$T/show.json" '$.forms.participation.periods."2026-02".current.entries[2].hours')" 2.5
same "$(jq_ "$T/show.json" '$.forms.participation.periods."2026-02".current.childcare_costs')" 12.5
same "$(jq_ "$T/show.json" '$.forms.participation.periods."2026-02".revisions[0].revision')" 1
same "$(jq_ "$T/show.json" '$.forms.intake.current.family_name')" "Côté"

# a date outside the month, a day over 24 h, a missing period: refused
expect 1 submit participation "$F" --period 2026-02 --set entries.1.date=2026-03-02 \
	--set entries.1.activity=work --set entries.1.hours=3
has "$T/err" "entries.1.date: "
expect 1 submit participation "$F" --period 2026-02 --set entries.1.date=2026-02-05 \
	--set entries.1.activity=work --set entries.1.hours=25
has "$T/err" "entries.1.hours: "
expect 1 submit participation "$F" --set entries.1.date=2026-02-05 \
	--set entries.1.activity=work --set entries.1.hours=2
has "$T/err" "period: "
expect 1 submit profile "$F" --period 2026-02 --set wellbeing=5
has "$T/err" "period: "
expect 1 submit participation "$F" --period 2026-13 --set entries.1.hours=2
has "$T/err" "period: "

# --json: the same answers as one object, text or native values
cat >"$T/a.json" <<'J'
{"entries": [{"date": "2026-03-02", "activity": "work", "hours": "1:15"},
             {"date": "2026-03-03", "activity": "social", "hours": 2.25}],
 "transport_costs": "4,75"}
J
expect 0 submit participation "$F" --period 2026-03 --json "$T/a.json"
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.participation.periods."2026-03".current.entries[0].hours')" 1.25
same "$(jq_ "$T/out" '$.forms.participation.periods."2026-03".current.transport_costs')" 4.75
echo '{"wellbeing": "6"}' | "$PARCOURS_BIN" submit profile "$F" --json - >/dev/null 2>"$T/err"
same "$?" 0
echo '{"wellbeing": ' >"$T/bad.json"
expect 2 submit profile "$F" --json "$T/bad.json"
echo '[1,2]' >"$T/arr.json"
expect 2 submit profile "$F" --json "$T/arr.json"

# show in text, French labels by default
expect 0 show "$F"
has "$T/out" "Côté, Élisabeth"
expect 1 show 2099-0001
expect 2 show

# intake resubmitted: the participant record follows (search finds the new name)
expect 0 submit intake "$F" --set family_name=Côté-Bélanger --set given_name=Élisabeth \
	--set birth_date=1985-03-02 --set consent_date=2026-03-15 --set consent_sharing=oui
expect 0 participant find belanger
has "$T/out" "$F"

finish
