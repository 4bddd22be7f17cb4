# forms check: the shipped forms pass; each broken definition of the corpus
# gives its FILE:LINE:COL message on stderr and exit 3.
. "$SRC/tests/cli/lib.sh"
# the corpus holds the English messages
export LANGUAGE=en

expect 0 forms check "$SRC/forms"
expect 0 forms check
for f in "$SRC"/forms/*.yaml; do
	expect 0 forms check "$f"
done
expect 0 forms check "$SRC/tests/forms/good"
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
	done < <(grep -a '^# expect: ' "$f")
done
# several files and folders at once: every problem of every file
expect 3 forms check "$SRC/forms" "$SRC/tests/forms/bad"
[ "$(wc -l <"$T/err")" -ge "$(ls "$SRC"/tests/forms/bad/*.yaml | wc -l)" ] && ok || bad "not every problem reported"
expect 3 forms check "$T/does-not-exist.yaml"
[ -s "$T/err" ] && ok || bad "no message for a missing file"
# hostile files: refused at once with a message, never a crash or a hang
truncate -s 100M "$T/huge.yaml"
expect 3 forms check "$T/huge.yaml"
has "$T/err" "huge.yaml:1:1: "
# refused on its size, before reading it: its CPU time (not the wall
# clock, which a loaded machine stretches) is that of a small file
/usr/bin/time -f "%U %S" -o "$T/cpu" "$PARCOURS_BIN" forms check "$T/huge.yaml" 2>/dev/null
cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$T/cpu")
[ "$cpu_ms" -lt 1000 ] && ok || bad "a 100 MB file took $cpu_ms ms of CPU"
rm -f "$T/huge.yaml"
head -c 65536 /dev/urandom >"$T/random.yaml"
expect 3 forms check "$T/random.yaml"
has "$T/err" "random.yaml:"
expect 3 forms check /dev/null
expect 2 forms
expect 2 forms lint
# a console or command refuses to start on a broken forms folder, exit 3
mkdir "$T/forms" && cp "$SRC"/forms/*.yaml "$T/forms/"
echo "form: [" >"$T/forms/zz.yaml"
expect 0 init
expect 3 --forms "$T/forms" submit profile 2026-0001 --set wellbeing=5
has "$T/err" "zz.yaml:"
finish
