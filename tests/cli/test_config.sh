# The configuration file of a per-user binary: $PARCOURS_CONFIG names one
# (the compiled-in /etc/parcours.conf is read when it exists). Its database
# and forms come after --db/--forms and the environment; a bad line is named
# as FILE:LINE with what is wrong, exit 3, and nothing is opened.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
unset PARCOURS_DB PARCOURS_FORMS
C=$T/parcours.conf
cat >"$C" <<CONF
# the office's
database = $T/office/parcours.db

forms = $SRC/forms
  site = mtl-01
CONF
export PARCOURS_CONFIG=$C
expect 0 init
[ -f "$T/office/parcours.db" ] && ok || bad "the configured database was not created"
intake Côté Élisabeth 1985-03-02
expect 0 participant find cote
has "$T/out" "Côté"
expect 0 --version
has "$T/out" "configuration: $C"
has "$T/out" "site: mtl-01"
# an option or the environment still comes first for a per-user binary
PARCOURS_DB=$T/mine.db expect 0 init
[ -f "$T/mine.db" ] && ok || bad "PARCOURS_DB did not come before the configuration"
expect 0 --db "$T/other.db" init
[ -f "$T/other.db" ] && ok || bad "--db did not come before the configuration"

# bad lines: each one named, exit 3, no database touched
bad_conf() { # EXPECTED-MESSAGE LINE...
	local want=$1
	shift
	printf '%s\n' "# parcours" "$@" >"$C"
	expect 3 participant find cote
	has "$T/err" "$want"
}
bad_conf "$C:2: expected \"key = value\", got \"database\"" "database"
bad_conf "$C:3: unknown key \"colour\" (database, forms or site)" "site = a" "colour = blue"
bad_conf "$C:3: \"database\" is set twice" "database = /a.db" "database = /b.db"
bad_conf "$C:2: \"forms\" has no value" "forms = "
bad_conf "$C:2: database must be an absolute path" "database = office.db"
bad_conf "$C:2: site \"a b\" must be 1 to 16 letters" "site = a b"
bad_conf "$C:2: site \"abcdefghijklmnopq\" must be 1 to 16" "site = abcdefghijklmnopq"
bad_conf "$C:2: line too long" "database = /$(head -c 5000 /dev/zero | tr '\0' a)"
# every bad line at once
bad_conf "$C:4: unknown key" "database" "site = x" "x = y"
has "$T/err" "$C:2: expected"
same "$(grep -c "$C" "$T/err")" 2
PARCOURS_CONFIG=$T/none.conf expect 3 participant find cote
has "$T/err" "cannot read $T/none.conf"
# comments and blank lines only: the per-user defaults
printf '# nothing yet\n\n   # indented\n' >"$C"
HOME=$T/home expect 0 init
[ -f "$T/home/.local/share/parcours/parcours.db" ] && ok || bad "an empty configuration changed the default database"
finish
