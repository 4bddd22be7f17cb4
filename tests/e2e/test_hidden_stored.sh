# A name saved before answers refused bidirectional controls (or written by
# another tool) still holds a right-to-left override: the console shows it as
# '?' in the list, the file header and the form, and the rest of the line
# keeps its order.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
rlo=$(printf '\342\200\256')
sqlite3 "$PARCOURS_DB" "UPDATE participant SET family_name = 'Trem' || char(0x202e) || 'blay'"
start
wait_for "2026-0001 Trem?blay, Gérald"
if screen | grep -qF "$rlo"; then bad "the list drew the override as is"; else ok; fi
keys Enter
wait_for "Dossier 2026-0001"
wait_for "Trem?blay"
if screen | grep -qF "$rlo"; then bad "the file drew the override as is"; else ok; fi
keys q
finish
