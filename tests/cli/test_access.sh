# Per-form access (forms' `access:`): `forms check` validates the block, and
# the core enforces it behind every face, so each role sees and does exactly
# what the shipped forms allow. Other users are played with setpriv (as in
# test_staff.sh), which needs root.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en

# ---- the language: forms check ----
mkdir -p "$T/f"
form() { # form FILE ACCESS-LINES...: a small form with that access block
	local f=$T/f/$1
	shift
	{
		printf 'form: t\nversion: 1\ntitle: T\n'
		printf '%s\n' "$@"
		printf 'sections:\n  - fields:\n      - {name: a, type: text, label: A}\n'
	} >"$f"
}
form ok.yaml 'access:' '  read: [frontdesk, caseload, supervisor]' '  write: [caseload]'
expect 0 forms check "$T/f/ok.yaml"
form none.yaml
expect 0 forms check "$T/f/none.yaml"
form typo.yaml 'access:' '  read: [counselor, supervisor]'
expect 3 forms check "$T/f/typo.yaml"
has "$T/err" "typo.yaml:5:10: unknown role \"counselor\"; did you mean \"counsellor\"?"
form boss.yaml 'access:' '  read: [boss]'
expect 3 forms check "$T/f/boss.yaml"
has "$T/err" "boss.yaml:5:10: unknown role \"boss\": use admin, supervisor, counsellor, frontdesk or caseload"
form shape.yaml 'access: everyone'
expect 3 forms check "$T/f/shape.yaml"
has "$T/err" "shape.yaml:4:9: \"access\" must be a mapping"
form list.yaml 'access:' '  read: supervisor'
expect 3 forms check "$T/f/list.yaml"
has "$T/err" "list.yaml:5:9: \"read\" must be a non-empty list of roles"
form key.yaml 'access:' '  raed: [supervisor]'
expect 3 forms check "$T/f/key.yaml"
has "$T/err" "key.yaml:5:3: unknown key \"raed\" in access; did you mean \"read\"?"
form twice.yaml 'access:' '  read: [supervisor, supervisor]'
expect 3 forms check "$T/f/twice.yaml"
has "$T/err" "twice.yaml:5:22: \"supervisor\" appears twice"
form blind.yaml 'access:' '  read: [supervisor]' '  write: [frontdesk, supervisor]'
expect 3 forms check "$T/f/blind.yaml"
has "$T/err" "blind.yaml:6:10: \"frontdesk\" may write this form but not read it"
# the shipped forms say who may read them
for f in intake profile skills plan followup participation; do
	if grep -q '^access:' "$SRC/forms/$f.yaml"; then ok; else bad "forms/$f.yaml has no access:"; fi
done

finish
