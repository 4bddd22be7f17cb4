# Every message of the sources has a French translation (po/fr.po); French is
# the default, English with --lang en or LANG=en_*.
. "$SRC/tests/cli/lib.sh"

cd "$SRC" || exit 1
xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1,2 -o "$T/parcours.pot" $(git ls-files 'src/*.c' 2>/dev/null || find src -name '*.c') 2>"$T/xerr"
if msgcmp po/fr.po "$T/parcours.pot" 2>"$T/missing"; then ok; else
	bad "po/fr.po lacks translations:"; head -20 "$T/missing" >&2
fi
# no empty or fuzzy translation
if msgattrib --untranslated --only-fuzzy po/fr.po 2>/dev/null | grep -q msgid; then bad "fuzzy entries in po/fr.po"; else ok; fi
if [ -z "$(msgattrib --untranslated po/fr.po | grep '^msgid "[^"]')" ]; then ok; else bad "untranslated entries in po/fr.po"; fi

expect 2 frobnicate
has "$T/err" "commande inconnue"
expect 2 --lang en frobnicate
has "$T/err" "unknown command"
LANG=en_CA.UTF-8 LC_ALL= "$PARCOURS_BIN" frobnicate 2>"$T/err"
has "$T/err" "unknown command"
LANG=fr_CA.UTF-8 LC_ALL= "$PARCOURS_BIN" frobnicate 2>"$T/err"
has "$T/err" "commande inconnue"
finish
