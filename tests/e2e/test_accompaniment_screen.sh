# A counsellor's accompaniment, all from the console: enrol a person, set an
# objective in the plan, note a follow-up with the next meeting, refer them
# to a partner; the today screen then lists the three, each line opening
# the file; an exit recorded from the file ends what is due.
. "$SRC/tests/e2e/lib.sh"
db() { sqlite3 -batch -noheader "$PARCOURS_DB" "$1"; }

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"

# ---- enrolment ----
keys p
wait_for "Inscription - Tremblay, Gérald (2026-0001)"
keys Enter
wait_for "│ PAAS Action"
keys Enter
wait_for "Programme             PAAS Action"
keys C-u
type_ "2026-01-15"
keys F2
wait_for "Inscription à PAAS Action depuis le 2026-01-15 (l : fin de participation)"

# ---- an objective due on 2026-03-10, so overdue today (2026-03-15) ----
keys 4
wait_for "Plan d'action"
keys Enter
wait_for "> Date du plan *"
type_ "2026-02-01"
keys Tab
wait_for "> Objectif général *"
type_ "Retourner aux études"
keys Tab Tab
wait_for "> Objectifs du plan"
add_objective "Inscription au SARCA"
keys Tab
wait_for "> Échéance"
type_ "2026-03-10"
keys Tab
wait_for "> État *"
keys Space Space
wait_for ": En cours"
keys Tab
wait_for "> Depuis le *"
type_ "2026-02-01"
keys F2
wait_for "Enregistré (révision 1)."
wait_for "Dossier 2026-0001"
wait_for "Plan : 1 objectif ouvert, prochaine échéance le 2026-03-10 (1 en retard)"

# ---- a follow-up whose next meeting is in two days ----
keys 6
wait_for "Suivi  "
keys Enter
wait_for "Suivi - Tremblay, Gérald (2026-0001)"
keys a
wait_for "> Date de la rencontre *"
type_ "2026-03-13"
keys Tab Enter
wait_for "Au téléphone"
keys Enter
keys Tab Tab Tab
wait_for "> Résumé *"
type_ "Suivi du retour aux études"
keys Tab Tab Tab
wait_for "> Prochaine rencontre"
type_ "2026-03-17"
keys F2
wait_for "Enregistré (révision 1)."
keys Escape
wait_for "Dossier 2026-0001"
wait_for "Dernier suivi le 2026-03-13, prochain le 2026-03-17"

# ---- a referral made six weeks ago, still pending ----
keys 7
wait_for "aucune entrée encore; Entrée : le journal"
keys Enter
wait_for "Référence - Tremblay, Gérald (2026-0001)"
keys a
wait_for "> Date de la référence *"
type_ "2026-02-01"
keys Tab
wait_for "> Partenaire *"
keys Enter
wait_for "Centre local d'emploi (CLE) ou Services Québec"
keys Home Enter
wait_for "> Partenaire *           : Centre local d'emploi (CLE) ou Services"
keys Tab Tab
wait_for "> Motif *"
type_ "Recherche d'emploi"
keys F2
wait_for "Enregistré (révision 1)."
keys Escape
wait_for "Dossier 2026-0001"
wait_for "1 référence en attente depuis le 2026-02-01"

# ---- the today screen lists all three ----
keys Escape
wait_for "Participants"
keys C-t
wait_for "Aujourd'hui : ce qui est à faire"
wait_for "Rencontres de suivi à faire (1)"
wait_for "2026-0001  Tremblay, Gérald 2026-03-17  dans 2 j"
wait_for "Objectifs à échéance ou en retard (1)"
wait_for "2026-03-10  5 j de retard   Inscription au SARCA"
wait_for "Références en attente depuis plus de 30 jours (1)"
wait_for "2026-03-03  12 j de retard  Centre local d'empl"
keys Enter
wait_for "Dossier 2026-0001"

# ---- the exit, recorded from the file, ends what is due ----
keys l
wait_for "Fin de participation - Tremblay, Gérald (2026-0001)"
keys Tab Enter
wait_for "│ Emploi"
keys Enter
wait_for "Motif                 Emploi"
keys F2
wait_for "Fin de participation consignée le 2026-03-15 : Emploi."
wait_for "Fin le 2026-03-15 : Emploi (PAAS Action à partir du 2026-01-15)"
same "$(db "SELECT end_date || '|' || end_reason FROM enrolment")" "2026-03-15|employment"
keys Escape
wait_for "Aujourd'hui : ce qui est à faire"
wait_gone "Tremblay, Gérald"
keys Escape
wait_for "Participants"
keys F10
clean_exit
finish
