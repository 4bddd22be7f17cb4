# Bad input everywhere: every command with missing, unknown or malformed
# arguments exits 2 (usage) or 1 (refused) with a message and stores
# nothing; bad environment variables give a clear message or are ignored
# safely; --json input that is not an object of answers is refused.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

expect 0 init
intake Côté Élisabeth 1985-03-02
F=$(cat "$T/out")
before=$(sql "SELECT count(*) FROM revision")

# usage errors: exit 2 and a message, for every command
while IFS= read -r args; do
	[ -z "$args" ] && continue
	eval "set -- $args"
	expect 2 "$@"
	[ -s "$T/err" ] && ok || bad "no message for: $args"
done <<'ARGS'
frobnicate
--db
--lang
--lang de init
init extra
demo --participants
demo --participants -5
demo --participants abc
demo --participants 99999999999
forms
forms check2
participant
participant add
participant add --set
participant add --json
participant remove x
participant find --limit 0 x
submit
submit profile
submit profile 2026-0001
submit profile 2026-0001 --set
submit profile 2026-0001 --period
submit profile 2026-0001 --bogus 1
submit profile 2026-0001 --set wellbeing=1 --json x
show
show 2026-0001 2026-0002
show 2026-0001 --csv
export
export profile --xml
enrol
enrol 2026-0001 paas_action
enrol 2026-0001 paas_action --start
leave 2026-0001
leave 2026-0001 --date 2026-01-01
report
report month
report week 2026-01
month
month close
month open 2026-01
ARGS

# refused input: exit 1, a FIELD: message line, nothing stored
expect 1 submit profile 2026-9999 --set wellbeing=5
expect 1 submit nosuchform "$F" --set x=1
expect 1 submit profile "$F" --set wellbeing=abc
has "$T/err" "wellbeing: "
expect 1 submit profile "$F" --set nosuchfield=1
has "$T/err" "nosuchfield: "
expect 1 submit profile "$F" --set wellbeing=11
expect 1 submit profile "$F" --set "interests=a$(printf '\001')b"
has "$T/err" "interests: "
expect 1 submit profile "$F" --set wellbeing=5 --period 2026-01
has "$T/err" "period: "
expect 1 submit participation "$F" --set entries.1.hours=2
has "$T/err" "period: "
expect 1 submit participation "$F" --period 2026-13 --set entries.1.hours=2
# a malformed row path is a usage error, said as such
expect 2 submit participation "$F" --period 2026-02 --set entries.x.hours=2
has "$T/err" "REPEAT.N.COLUMN"
expect 2 submit participation "$F" --period 2026-02 --set entries.0.hours=2
# find with no text lists everyone (the console's empty search)
expect 0 participant find
has "$T/out" "$F"

# --json: not JSON, not an object, wrong kinds, too deep
for j in '' 'nope' '[1,2]' '"text"' '{"wellbeing": [1]}' '{"wellbeing": {"a": 1}}' \
	'{"barriers": 3}' "$(printf '%0.s[' $(seq 100))"; do
	printf '%s' "$j" >"$T/in.json"
	rc=0
	"$PARCOURS_BIN" submit profile "$F" --json - <"$T/in.json" >"$T/out" 2>"$T/err" || rc=$?
	if [ "$rc" = 1 ] || [ "$rc" = 2 ]; then ok; else bad "--json '$j' exited $rc"; fi
	[ -s "$T/err" ] && ok || bad "no message for --json '$j'"
done
printf '\377\376' >"$T/bad.json"
expect 2 submit profile "$F" --json "$T/bad.json"
expect 2 submit profile "$F" --json "$T/missing.json"
same "$(sql "SELECT count(*) FROM revision")" "$before" "(nothing stored by refused input)"

# the environment
PARCOURS_FORMS=$T/nowhere expect 3 submit profile "$F" --set wellbeing=5
has "$T/err" "nowhere"
PARCOURS_DB=$T/nowhere/x.db expect 3 show "$F"
has "$T/err" "init"
PARCOURS_DB= expect 3 show "$F"
# a bad PARCOURS_TODAY is ignored for the real date, not trusted
PARCOURS_TODAY=2026-02-30 expect 0 show "$F"
PARCOURS_TODAY=garbage expect 0 report month 2026-02
LANGUAGE= LANG=xx_YY.UTF-8 LC_ALL= expect 2 frobnicate
has "$T/err" "commande inconnue"
HOME=/nonexistent XDG_DATA_HOME= PARCOURS_DB= expect 3 show "$F"
[ -s "$T/err" ] && ok || bad "no message without a home"
same "$(sql "SELECT count(*) FROM revision")" "$before"
finish
