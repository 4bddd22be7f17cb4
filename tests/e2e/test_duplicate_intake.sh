# A new intake for someone already on file is caught before it is saved:
# the same names accent- and case-blind, born the same day or with day and
# month swapped, listed with their file numbers; Enter opens the existing
# file (the intake typed kept as a draft), Esc goes back to it, "none of
# them" saves a new file, without asking again for the same names.
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

pc participant add --set family_name="Côté" --set given_name="Élisabeth" \
	--set birth_date=1985-03-07 --set consent_date=2026-03-15 --set consent_sharing=oui
same "$rc" 0 "(intake)"
start
wait_for "2026-0001 Côté, Élisabeth"
keys C-n
wait_for "Accueil - nouvelle personne"
type_ "cote"
keys Tab
type_ "ELISABETH"
keys Tab
type_ "1985-07-03"
wait_for "1985-07-03"
keys F2
wait_for "Cette personne a peut-être déjà un dossier : Entrée l'ouvre, Échap revient."
wait_for "2026-0001  Côté, Élisabeth  née ou né le 1985-03-07"
wait_for "Aucune de ces personnes : créer un nouveau dossier"
same "$(db 'SELECT count(*) FROM participant')" 1 "(nothing created while asking)"
# Esc: back to the intake as typed
keys Escape
wait_for "Non enregistré : l'accueil reste tel que tapé."
wait_for "Prénom *                        : ELISABETH"
# Enter: the existing file, the intake kept as a draft
keys F2
wait_for "2026-0001  Côté, Élisabeth  née ou né le 1985-03-07"
keys Enter
wait_for "Dossier 2026-0001 ouvert à la place; l'accueil tapé est gardé en brouillon."
wait_for "Dossier 2026-0001"
same "$(db 'SELECT count(*) FROM participant')" 1 "(no second file)"
same "$(db "SELECT count(*) FROM draft WHERE form = 'intake' AND participant_id = ''")" 1 \
	"(the intake typed is a draft)"
# none of them: a new file, asked once only
keys Escape
wait_for "2026-0001 Côté, Élisabeth"
keys C-n
wait_for "existe : le reprendre ? (o/n)"
keys o
wait_for "Prénom *                        : ELISABETH"
keys F2
wait_for "Aucune de ces personnes : créer un nouveau dossier"
keys End Enter
# the consent is still missing: refused, then fixed; no second question
wait_for "Non enregistré"
same "$(db 'SELECT count(*) FROM participant')" 1 "(refused for the consent)"
wait_for "> Date du consentement *"
type_ "2026-03-15"
keys Tab
wait_for "> Consent"
keys o
keys F2
wait_for "Dossier 2026-0002"
same "$(db 'SELECT count(*) FROM participant')" 2 "(the new file, knowingly)"
wait_for "Dossier 2026-0002 créé; 2026-0001 est peut-être la même personne."
finish
