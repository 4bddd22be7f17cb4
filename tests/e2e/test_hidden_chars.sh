# A name typed in the console with a right-to-left override is refused at
# its field, in the user's language, as on the command line; the same name
# without it is saved. A Persian name keeps its zero-width non-joiner.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille"
keys C-u
type_ "$(printf 'Trem\342\200\256blay')"
keys Tab
wait_for "! les caractères d'inversion de direction"
# a refused required answer also counts as missing, as for control characters
keys F2
wait_for "Non enregistré : 2 réponses à corriger."
pc show 2026-0001 --json
has_out '"family_name":"Tremblay"'
keys Up
wait_for "> Nom de famille"
keys C-u
type_ "$(printf 'Rezaei')"
keys Tab
wait_gone "caractères d'inversion"
keys C-u
type_ "$(printf '\331\205\333\214\342\200\214\330\256\331\210\330\247\331\207\331\205')"
keys F2
wait_gone "Non enregistré"
settle
pc show 2026-0001 --json
has_out "$(printf '"given_name":"\331\205\333\214\342\200\214\330\256\331\210\330\247\331\207\331\205"')"
finish
