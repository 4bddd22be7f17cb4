# forms check: the shipped forms pass; each broken definition of the corpus
# gives its FILE:LINE:COL message on stderr and exit 3.
. "$SRC/tests/cli/lib.sh"

expect 0 forms check "$SRC/forms"
expect 0 forms check
for f in "$SRC"/forms/*.yaml; do
	expect 0 forms check "$f"
done
for f in "$SRC"/tests/forms/bad/*.yaml; do
	expect 3 forms check "$f"
	# every "# expect: LINE:COL: text" line of the file is printed as FILE:LINE:COL: text
	while IFS= read -r line; do
		want=${line#\# expect: }
		loc=${want%%: *}
		text=${want#*: }
		if grep -qF -- "$f:$loc: " "$T/err" && grep -F -- "$f:$loc: " "$T/err" | grep -qF -- "$text"; then
			ok
		else
			bad "$f: expected '$f:$loc: $text'"
			sed 's/^/  | /' "$T/err" | head -5 >&2
		fi
	done < <(grep '^# expect: ' "$f")
done
# several files and folders at once: every problem of every file
expect 3 forms check "$SRC/forms" "$SRC/tests/forms/bad"
[ "$(wc -l <"$T/err")" -ge "$(ls "$SRC"/tests/forms/bad/*.yaml | wc -l)" ] && ok || bad "not every problem reported"
expect 3 forms check "$T/does-not-exist.yaml"
[ -s "$T/err" ] && ok || bad "no message for a missing file"
expect 2 forms
expect 2 forms lint
# a console or command refuses to start on a broken forms folder, exit 3
mkdir "$T/forms" && cp "$SRC"/forms/*.yaml "$T/forms/"
echo "form: [" >"$T/forms/zz.yaml"
expect 0 init
expect 3 --forms "$T/forms" submit profile 2026-0001 --set wellbeing=5
has "$T/err" "zz.yaml:"
finish
