# Hostile or careless form definitions: an expression that runs away is
# stopped within its time limit and refused at the field (exit 1, nothing
# stored); a calculated value is checked like a typed one; a folder holding
# a hostile form is refused at once, with the place of the expression.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

mkdir "$T/forms"
cp "$SRC"/forms/*.yaml "$T/forms/"
cat >"$T/forms/checks.yaml" <<'EOF'
form: checks
version: 1
order: 90
title: Checks
sections:
  - title: Section
    fields:
      - {name: mode, type: integer, label: Mode}
      - name: when
        type: date
        label: When
        calculate: "CASE $mode WHEN 1 THEN 'abc' WHEN 2 THEN '2026-02-30' WHEN 3 THEN '2026-02-28' WHEN 4 THEN 20260228 END"
      - name: level
        type: choice
        label: Level
        choices: [{value: low, label: Low}, {value: high, label: High}]
        calculate: "CASE $mode WHEN 5 THEN 'medium' WHEN 3 THEN 'high' END"
      - {name: weeks, type: integer, label: Weeks, min: 0, max: 52}
      - name: spin
        type: integer
        label: Spin
        calculate: "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $weeks * 1000000000) SELECT max(x) FROM c)"
EOF
export PARCOURS_FORMS=$T/forms
expect 0 forms check "$T/forms"
expect 0 init
intake Côté Élisabeth 1985-03-02
F=$(cat "$T/out")

# a date calculation giving text or an impossible date: refused at the field
for mode in 1 2 4; do
	expect 1 submit checks "$F" --set mode=$mode
	has "$T/err" "when: the calculation gives a value not accepted here"
done
# a choice calculation outside its list
expect 1 submit checks "$F" --set mode=5
has "$T/err" "level: the calculation gives a value not accepted here"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'checks'")" 0 "(nothing stored)"
# a good one is stored in its type's form
expect 0 submit checks "$F" --set mode=3
expect 0 show "$F" --json
same "$(jq_ "$T/out" '$.forms.checks.current.when')" "2026-02-28"
same "$(jq_ "$T/out" '$.forms.checks.current.level')" "high"

# an answer that makes a calculation run away: stopped, refused at the field.
# The bound says "stopped", not "fast": a runaway would run for minutes, and
# a loaded machine under the sanitizers takes 3 to 4 s for what a quiet one
# does in well under 1 (make bench measures the speed).
limit_ms=15000
start=$(date +%s%N)
expect 1 submit checks "$F" --set mode=3 --set weeks=5
has "$T/err" "spin: this calculation could not finish: the expression took too long"
elapsed=$(ms_since "$start")
[ "$elapsed" -lt "$limit_ms" ] && ok || bad "a runaway calculation took $elapsed ms to refuse"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'checks'")" 1 "(still one revision)"
# French too
expect 1 --lang fr submit checks "$F" --set mode=1
has "$T/err" "when: le calcul donne une valeur refusée ici"

# a hostile definition in the folder: a command that needs it refuses to
# start, fast, naming the file, line and column of the expression; so does
# one that needs every form (forms are read when first needed)
for bad in slow_calculation memory_hog forbidden_function; do
	cp "$SRC/tests/forms/bad/$bad.yaml" "$T/forms/"
	start=$(date +%s%N)
	expect 3 submit "$bad" "$F" --set mode=3
	has "$T/err" "$bad.yaml:1"
	expect 3 show "$F"
	has "$T/err" "$bad.yaml:1"
	elapsed=$(ms_since "$start")
	[ "$elapsed" -lt "$limit_ms" ] && ok || bad "$bad.yaml took $elapsed ms to refuse"
	rm "$T/forms/$bad.yaml"
done
expect 0 forms check "$T/forms"
finish
