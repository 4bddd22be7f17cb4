# An intake typed from the keyboard (accents, a combining accent erased, a
# double-width character, control keys that must not reach the answer),
# refused until the required answers are there, saved, checked through the
# command line, and found again by an accent-blind search.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "Tremblay, Gérald"
keys IC
wait_for "Accueil - nouvelle personne"
matches intake_new.txt
same "$(cursor)" "36,3" "(cursor on the family name)"

type_ "Côté"
keys Tab
type_ "Élisabetx"
keys BSpace C-x C-v C-o
type_ "h"
keys Tab
type_ "1985-03-02"
# gender, indigenous, language, phone, email, then the address
keys Tab Tab Tab Tab Tab Tab
wait_for "> Adresse"
type_ "1234, rue Saint-Denis, app. 漢字"
keys Tab
# a combining accent goes with its letter: one Backspace erases both
type_ "Montre"$'\xcc\x81'
keys BSpace
type_ "éal"
keys Tab
wait_for "Adresse                         : 1234, rue Saint-Denis, app. 漢字"
wait_for "Municipalité                    : Montréal"

# refused: consent is required; the cursor goes to the first problem
keys F2
wait_for "Non enregistré : 2 réponses à corriger."
wait_for "! Cette réponse est obligatoire."
y=$(line_of "> Date du consentement")
[ "$y" -ge 1 ] && ok || bad "the cursor did not go to the consent date"
same "$(cursor | cut -d, -f2)" "$y" "(cursor line on the first problem)"
pc show 2026-0002
same "$rc" 1 "(nothing stored before the consent)"

type_ "2026-03-15"
keys Tab o
wait_for "Consent à l'échange de renseignements avec Services Québec"
keys C-s
wait_for "Dossier 2026-0002"
wait_for "Enregistré : dossier 2026-0002 créé."
wait_for "Adresse"
wait_for "1234, rue Saint-Denis, app. 漢字"

# stored as typed, through the command line
pc show 2026-0002 --json
has_out '"family_name":"Côté"'
has_out '"given_name":"Élisabeth"'
has_out '"birth_date":"1985-03-02"'
has_out '"address":"1234, rue Saint-Denis, app. 漢字"'
has_out '"city":"Montréal"'
has_out '"consent_sharing":true'
pc participant find "cote elisabeth"
has_out "2026-0002"

# found again: search as you type, accent- and case-blind
keys Escape
wait_for "Côté, Élisabeth"
type_ "COTE eli"
wait_for "2026-0002 Côté, Élisabeth"
wait_gone "Tremblay"
type_ "x"
wait_for "Aucune personne ne correspond à cette recherche."
keys BSpace
wait_for "2026-0002 Côté, Élisabeth"
keys Enter
wait_for "Dossier 2026-0002"
keys Escape
wait_for "Recherche : COTE eli"
# the file number finds too
keys C-u
type_ "2026-0001"
wait_for "2026-0001 Tremblay, Gérald"
wait_gone "Côté"
keys Escape F10
clean_exit
finish
