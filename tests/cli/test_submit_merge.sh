# submit changes what it names and keeps the rest: --set/--json/--unset on
# top of the current revision (or the draft), --replace for a whole form,
# rows by number or appended with +, the changes listed, --dry-run, the
# base revision checked, duplicate JSON keys refused, --reason checked and
# shown.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

cur() { sql "SELECT json_extract(answers, '$1') FROM revision WHERE form = '$2' AND period = '${3:-}' ORDER BY revision DESC LIMIT 1"; }
nrev() { sql "SELECT count(*) FROM revision WHERE form = '$1' AND period = '${2:-}'"; }

expect 0 init
intake Côté Élisabeth 1985-03-02
F=$(cat "$T/out")

# --- a profile: one answer changed, the others kept
expect 0 submit profile "$F" --set wellbeing=7 --set barriers=transport,housing \
	--set interests=Cuisine
expect 0 submit profile "$F" --set wellbeing=6
same "$(cur '$.wellbeing' profile)" 6
same "$(cur '$.barriers' profile)" '["transport","housing"]'
same "$(cur '$.interests' profile)" Cuisine
has "$T/out" "revision 2 saved"
has "$T/out" "  wellbeing: 7 -> 6"
hasnt "$T/out" "interests"
# --unset clears one answer, and says so
expect 0 submit profile "$F" --unset interests
same "$(cur '$.interests' profile)" ""
same "$(cur '$.wellbeing' profile)" 6
has "$T/out" "  interests: Cuisine -> (no answer)"
# --replace: today's whole form, what is not given is gone
expect 0 submit profile "$F" --replace --set wellbeing=5
same "$(cur '$.barriers' profile)" ""
has "$T/out" "  barriers: transport,housing -> (no answer)"
# --json: the keys given replace those answers, null clears one
expect 0 submit profile "$F" --set barriers=transport --set interests=Jardin
printf '{"wellbeing": "8", "interests": null}' >"$T/p.json"
expect 0 submit profile "$F" --json "$T/p.json"
same "$(cur '$.wellbeing' profile)" 8
same "$(cur '$.barriers' profile)" '["transport"]'
same "$(cur '$.interests' profile)" ""

# --- a month: the entries, hours and allowance survive a cost changed alone
expect 0 submit participation "$F" --period 2026-02 \
	--set entries.1.date=2026-02-02 --set entries.1.activity=work --set entries.1.hours=8 \
	--set entries.2.date=2026-02-03 --set entries.2.activity=training --set entries.2.hours=5 \
	--set childcare_costs=20
same "$(cur '$.total_hours' participation 2026-02)" 13
expect 0 submit participation "$F" --period 2026-02 --set transport_costs=12,50
same "$(cur '$.total_hours' participation 2026-02)" 13
same "$(cur '$.entries[1].hours' participation 2026-02)" 5
same "$(cur '$.childcare_costs' participation 2026-02)" 20
same "$(cur '$.transport_costs' participation 2026-02)" 12.5
# a row by number keeps its other cells; calculated fields show their change
expect 0 submit participation "$F" --period 2026-02 --set entries.2.hours=4:30
same "$(cur '$.entries[1].activity' participation 2026-02)" training
same "$(cur '$.total_hours' participation 2026-02)" 12.5
has "$T/out" "  entries.2.hours: 5 -> 4:30"
has "$T/out" "  total_hours: 13 -> 12:30"
# + appends a row; a column given again starts the next new row
expect 0 submit participation "$F" --period 2026-02 \
	--set entries.+.date=2026-02-10 --set entries.+.activity=social --set entries.+.hours=2 \
	--set entries.+.date=2026-02-11 --set entries.+.activity=work --set entries.+.hours=1
same "$(cur '$.entries[2].date' participation 2026-02)" 2026-02-10
same "$(cur '$.entries[3].activity' participation 2026-02)" work
same "$(cur '$.total_hours' participation 2026-02)" 15.5
has "$T/out" "  entries.4.date: (no answer) -> 2026-02-11"
# --unset of a row removes it (numbers as before the command), of a cell clears it
expect 0 submit participation "$F" --period 2026-02 --unset entries.1 --unset entries.3 \
	--unset entries.2.note
same "$(sql "SELECT json_array_length(answers, '\$.entries') FROM revision WHERE period = '2026-02' ORDER BY revision DESC LIMIT 1")" 2
same "$(cur '$.entries[0].date' participation 2026-02)" 2026-02-03
same "$(cur '$.entries[1].date' participation 2026-02)" 2026-02-11
expect 1 submit participation "$F" --period 2026-02 --unset entries.9
has "$T/err" "entries.9: "
expect 2 submit participation "$F" --period 2026-02 --unset entries.1 --set entries.1.hours=2
expect 2 submit participation "$F" --period 2026-02 --set entries.+=2
expect 2 submit profile "$F" --set wellbeing=2 --unset wellbeing
expect 2 submit profile "$F" --set wellbeing=2 --set wellbeing=3
expect 1 submit profile "$F" --set wellbeing.1.x=2
has "$T/err" "wellbeing: "

# --- intake: a name changed alone keeps consent and birth date; search follows
expect 0 submit intake "$F" --set family_name=Côté-Bélanger
same "$(cur '$.birth_date' intake)" 1985-03-02
same "$(cur '$.consent_sharing' intake)" 1
expect 0 participant find belanger
has "$T/out" "$F"

# --- --dry-run: validated and shown, nothing saved
n=$(nrev profile)
expect 0 submit profile "$F" --set wellbeing=3 --dry-run
has "$T/out" "revision $((n + 1)) would be saved"
has "$T/out" "  wellbeing: 8 -> 3"
same "$(nrev profile)" "$n"
expect 1 submit profile "$F" --set wellbeing=11 --dry-run
has "$T/err" "wellbeing: "
same "$(nrev profile)" "$n"

# --- --base-revision: refused with who and when unless it is the latest
expect 1 submit profile "$F" --set wellbeing=4 --base-revision 1
has "$T/err" "profile: "
has "$T/err" "$(id -un)"
has "$T/err" ", $(date +%Y) at " # when, in local time (TZ=UTC here)
same "$(nrev profile)" "$n"
expect 1 submit profile "$F" --set wellbeing=4 --base-revision $((n + 5))
expect 2 submit profile "$F" --set wellbeing=4 --base-revision x
expect 0 show "$F" --json
B=$(jq_ "$T/out" '$.forms.profile.revisions[#-1].revision')
expect 0 submit profile "$F" --set wellbeing=4 --base-revision "$B"
same "$(nrev profile)" $((n + 1))
# a form never saved: base revision 0
expect 1 submit participation "$F" --period 2026-04 --base-revision 1 \
	--set entries.1.date=2026-04-01 --set entries.1.activity=work --set entries.1.hours=1
expect 0 submit participation "$F" --period 2026-04 --base-revision 0 \
	--set entries.1.date=2026-04-01 --set entries.1.activity=work --set entries.1.hours=1

# --- two commands racing on one form: every save was built on the one before,
# so each revision changes one of the two fields and never brings an old value back
expect 0 submit profile "$F" --replace --set wellbeing=1 --set interests=a0
racer() {
	local field=$1 n=0 i
	for i in $(seq 1 12); do
		if [ "$field" = wellbeing ]; then v=$((i % 10 + 1)); else v=b$i; fi
		"$PARCOURS_BIN" submit profile "$F" --set "$field=$v" >/dev/null 2>>"$T/race.$field.err" &&
			n=$((n + 1))
	done
	echo "$n" >"$T/race.$field"
}
pre=$(nrev profile)
racer wellbeing &
racer interests &
wait
same "$(cat "$T"/race.*.err | grep -c busy)" 0 "(no save gave up as busy)"
same "$(($(cat "$T/race.wellbeing") + $(cat "$T/race.interests") + pre))" "$(nrev profile)" \
	"(each save the racers reported is one revision)"
bad_steps=$(sql "SELECT count(*) FROM revision a JOIN revision b ON b.participant_id = a.participant_id
	AND b.form = a.form AND b.period = a.period AND b.revision = a.revision + 1
	WHERE a.form = 'profile' AND a.revision >= $pre
	AND json_extract(a.answers, '\$.wellbeing') IS NOT json_extract(b.answers, '\$.wellbeing')
	AND json_extract(a.answers, '\$.interests') IS NOT json_extract(b.answers, '\$.interests')")
same "$bad_steps" 0 "(a revision changed both fields: one save was merged over another)"
last=$(sql "SELECT answers FROM revision WHERE form = 'profile' ORDER BY revision DESC LIMIT 1")
case "$last" in *'"interests"'*) ok ;; *) bad "the last revision lost interests: $last" ;; esac

# --- --from-draft: the draft this login kept is the start, then dropped
P=$(sql "SELECT id FROM participant WHERE file_no = '$F'")
R=$(sql "SELECT max(revision) FROM revision WHERE form = 'profile'")
sql "INSERT INTO draft VALUES ('$P', 'profile', '', '$(id -un)', '{\"wellbeing\":\"9\",\"interests\":\"brouillon\"}', $R, '2026-03-15T10:00:00Z')"
expect 0 submit profile "$F" --from-draft --set barriers=housing
same "$(cur '$.wellbeing' profile)" 9
same "$(cur '$.interests' profile)" brouillon
same "$(cur '$.barriers' profile)" '["housing"]'
same "$(sql "SELECT count(*) FROM draft")" 0
expect 1 submit profile "$F" --from-draft
has "$T/err" "draft"
# a draft started before another save is refused, not merged over it
sql "INSERT INTO draft VALUES ('$P', 'profile', '', '$(id -un)', '{\"wellbeing\":\"2\"}', $R, '2026-03-15T10:00:00Z')"
expect 1 submit profile "$F" --from-draft
has "$T/err" "draft"
expect 2 submit profile "$F" --from-draft --replace

# --- --json with a duplicate key is refused like a --set given twice
printf '{"wellbeing": "2", "wellbeing": "3"}' >"$T/dup.json"
n=$(nrev profile)
expect 2 submit profile "$F" --json "$T/dup.json"
has "$T/err" "wellbeing"
printf '{"entries": [{"hours": "2", "hours": "3"}]}' >"$T/dup2.json"
expect 2 submit participation "$F" --period 2026-02 --json "$T/dup2.json"
expect 2 participant add --json "$T/dup.json"
same "$(nrev profile)" "$n"

# --- --reason: checked like text, kept, shown by show and show --json
expect 1 submit profile "$F" --set wellbeing=5 --reason "$(printf 'a\033[2Jb')"
has "$T/err" "reason: "
expect 1 submit profile "$F" --set wellbeing=5 --reason "$(printf 'bad \377 byte')"
has "$T/err" "reason: "
expect 1 submit profile "$F" --set wellbeing=5 --reason "$(head -c 1200 /dev/zero | tr '\0' x)"
has "$T/err" "reason: "
same "$(nrev profile)" "$n"
expect 0 submit profile "$F" --set wellbeing=5 --reason "  appel de suivi  "
expect 0 month close 2026-02
expect 1 submit participation "$F" --period 2026-02 --set transport_costs=3
expect 0 submit participation "$F" --period 2026-02 --set transport_costs=3 \
	--reason "reçu trouvé"
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.profile.revisions[#-1].reason')" "appel de suivi"
same "$(jq_ "$T/out" '$.forms.participation.periods."2026-02".revisions[#-1].reason')" "reçu trouvé"
same "$(jq_ "$T/out" '$.forms.profile.revisions[0].reason')" ""
expect 0 show "$F"
has "$T/out" "appel de suivi"
has "$T/out" "reçu trouvé"

# --- help and usage
expect 0 submit --help
has "$T/out" "--base-revision"
has "$T/out" "--unset"
expect 2 submit profile "$F"
finish
