# Refused answers are shown under their field as soon as the field is left
# (type, pattern, constraint) and again on saving, with the cursor on the
# first one; nothing is stored until all are fixed; a soft warning does not
# stop the save. Checked through the command line.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille"
keys Tab Tab C-u
type_ "2030-01-01"
keys Tab
wait_for "! La date de naissance ne peut pas être"
# gender, indigenous, language, then the phone
keys Tab Tab Tab
wait_for "> Téléphone"
type_ "12345"
keys Tab
wait_for "! Numéro à 10 chiffres attendu, p. ex. 514"
# the message sits right under its field
y=$(line_of "  Téléphone                       : 12345")
case "$(line $((y + 1)))" in *"! Numéro à 10 chiffres attendu"*) ok ;; *) bad "message not under the phone: $(line $((y + 1)))" ;; esac
# email, address, city, then the postal code: outside Québec is a warning
keys Tab Tab Tab
type_ "K1A 0B1"
keys Tab
wait_for "À vérifier : Ce code postal n'est pas au"
keys Tab Tab
wait_for "> Nombre d'enfants à charge"
type_ "deux"
keys Tab
wait_for "! nombre entier attendu"

keys F2
wait_for "Non enregistré : 3 réponses à corriger."
y=$(line_of "> Date de naissance")
[ "$y" -ge 1 ] && ok || bad "the cursor did not go to the first problem"
same "$(cursor | cut -d, -f2)" "$y" "(cursor on the first problem)"
pc show 2026-0001 --json
has_out '"birth_date":"1971-11-30"'
same "$(grep -c '12345' "$T/out")" 0 "(nothing stored)"

# fixed one by one; the problems go as they are fixed
keys C-u
type_ "1971-11-30"
keys Tab
wait_gone "ne peut pas être"
keys Tab Tab Tab
keys C-u
type_ "418 555-0101"
keys Tab
wait_gone "Numéro à 10 chiffres attendu"
# can leave a message, email, address, city, postal code, emergency, household
keys Tab Tab Tab Tab Tab Tab Tab
wait_for "> Nombre d'enfants à charge"
keys C-u
type_ "2"
keys Tab
wait_gone "nombre entier attendu"
wait_for "> Dont enfants de moins de 6 ans"
type_ "3"
keys Tab
wait_for "! Ne peut dépasser le nombre d'enfants à"
keys BTab C-u
type_ "1"
keys Tab
wait_gone "Ne peut dépasser"
keys F2
wait_for "Enregistré (révision 2). À vérifier : Ce code postal"
pc show 2026-0001 --json
has_out '"phone":"418 555-0101"'
has_out '"postal_code":"K1A 0B1"'
has_out '"dependent_children":2'
has_out '"children_under_6":1'
keys Escape F10
clean_exit
finish
