# Caseloads on screen. A counsellor's list opens on their caseload and m
# shows everyone; a file outside the caseload shows the intake only, x asks
# for a reason (Esc cancels, a blank one is refused), and once it is given
# the protected forms appear, reading only, each recorded once per opening.
# A supervisor changes the person's counsellor from the file screen (c) and
# sees "Consulté par" with the exceptional access and its reason; the
# counsellor never sees that section. Other logins are played with setpriv
# (root only), the database shared through a group.
. "$SRC/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || { bad "run as root: other logins are played with setpriv"; finish; exit 1; }
C1=54611 C2=54612
intake Tremblay Gérald 1971-11-30
intake Côté Élisabeth 1985-03-02
intake Roy Marie 1990-01-01
pc staff add uid$C1 --name "Paul Roy" --role counsellor
pc staff add uid$C2 --name "Anne Lévesque" --role counsellor
pc assign 2026-0001 uid$C1
same "$rc" 0 "(assign 2026-0001)"
pc assign 2026-0002 uid$C2
pc submit profile 2026-0002 --set wellbeing=4 --set support_note=Secret-Cote
same "$rc" 0 "(profile of 2026-0002)"
chgrp 54000 "$T" "$PARCOURS_DB" "$PARCOURS_DB"-* 2>/dev/null
chmod 2770 "$T"
chmod 660 "$PARCOURS_DB" "$PARCOURS_DB"-* 2>/dev/null
real=$PARCOURS_BIN
as_uid() { # as_uid UID: a script that runs the console as that login
	cat >"$T/as_$1.sh" <<EOF2
#!/bin/sh
exec setpriv --reuid=$1 --regid=54000 --clear-groups "$real" "\$@"
EOF2
	chmod 755 "$T/as_$1.sh"
	echo "$T/as_$1.sh"
}
reads() { sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT count(*) FROM audit WHERE action = 'read' AND face = 'tui' AND login = '$1' AND form = '$2'"; }

# ---- a counsellor: my caseload first, m for everyone ----
PARCOURS_BIN=$(as_uid $C2) start
PARCOURS_BIN=$real
# a counsellor's console opens on what is due; Esc shows the list
wait_for "Aujourd'hui : ce qui est à faire"
keys Escape
wait_for "Participants : ma charge de cas  (F4 : tout le monde)"
wait_for "2026-0002 Côté, Élisabeth"
if screen | grep -qF "Tremblay"; then bad "someone else's participant in my caseload"; else ok; fi
keys F4
wait_for "Participants : tout le monde  (F4 : ma charge de cas)"
wait_for "2026-0001 Tremblay, Gérald"
wait_for "2026-0003 Roy, Marie"
# the help lists the key
keys F1
wait_for "Ma charge ou tout le monde"
keys Escape
wait_for "Participants : tout le monde"
# a search in my caseload finds only mine
keys F4
wait_for "Participants : ma charge de cas"
type_ "tremblay"
wait_for "Personne dans votre charge de cas ne correspond à cette recherche"
keys C-u
wait_for "2026-0002 Côté, Élisabeth"
keys Escape
settle

# ---- outside the caseload: intake only, then x with a reason ----
keys F4
wait_for "Participants : tout le monde"
wait_for "2026-0001 Tremblay, Gérald"
keys End Enter
wait_for "Dossier 2026-0001"
wait_for "Hors de votre charge de cas : accueil seulement. x : accès exceptionnel"
wait_for "Prénom"
if screen | grep -qF "Consulté par"; then bad "a counsellor sees who read the file"; else ok; fi
keys Right
wait_for "au dossier : x demande"
keys x
wait_for "Pourquoi ouvrez-vous ce dossier hors de votre charge de cas?"
type_ "essai"
keys Escape
wait_for "Pas d'accès exceptionnel : annulé."
keys x
wait_for "Pourquoi ouvrez-vous ce dossier"
type_ "   "
keys Enter
wait_for "dites pourquoi vous ouvrez ce dossier hors de votre charge de cas"
same "$(sqlite3 "$PARCOURS_DB" "SELECT count(*) FROM audit WHERE action = 'exceptional_access'")" 0 "(a cancelled or blank reason was recorded)"
keys x
wait_for "Pourquoi ouvrez-vous ce dossier"
type_ "Remplacement de Paul (congé)"
keys Enter
wait_for "Accès exceptionnel inscrit au journal"
wait_for "Accès exceptionnel, hors de votre charge de cas : lecture seule"
wait_for "Rien d'enregistré (accès exceptionnel : lecture seule)."
same "$(sqlite3 "$PARCOURS_DB" "SELECT login || '|' || face || '|' || file_no || '|' || detail FROM audit WHERE action = 'exceptional_access'")" \
	"uid$C2|tui|2026-0001|Remplacement de Paul (congé)"
same "$(reads uid$C2 profile)" 1 "(the profile shown after the reason)"
# reading only
keys Enter
wait_for "L'accès exceptionnel permet seulement la lecture."
# one entry per form per opening, whatever the keys
keys Left Right Left Right
settle
same "$(reads uid$C2 profile)" 1 "(tabs visited again)"
same "$(reads uid$C2 intake)" 0 "(the intake is not protected)"
# a new opening asks again
keys Escape
wait_for "Participants : tout le monde"
keys End Enter
wait_for "Hors de votre charge de cas : accueil seulement"
keys Escape
wait_for "Participants : tout le monde"
# my own participant: everything, one read per opening
keys Home Enter
wait_for "Dossier 2026-0002"
keys Right
wait_for "Secret-Cote"
if screen | grep -qF "Hors de votre charge de cas"; then bad "my own participant said outside"; else ok; fi
keys Escape
wait_for "Participants : tout le monde"
keys Home Enter
wait_for "Dossier 2026-0002"
keys Right
wait_for "Secret-Cote"
same "$(reads uid$C2 profile)" 3 "(two openings of 2026-0002 and one of 2026-0001)"
keys Escape
wait_for "Participants : tout le monde"
keys F10
clean_exit

# ---- a supervisor: change the counsellor, see who read ----
start
wait_for "Participants : tout le monde  (F4 : ma charge de cas)"
wait_for "2026-0001 Tremblay, Gérald"
keys End Enter
wait_for "Dossier 2026-0001"
wait_for "Consulté par"
wait_for "ACCÈS EXCEPTIONNEL, hors de la charge de cas"
wait_for "motif : « Remplacement de Paul (congé) »"
wait_for "uid$C2"
wait_for "Suivi par : uid$C1  (c : changer)"
keys c
wait_for "Personne intervenante au dossier : Entrée choisit, Échap annule."
wait_for "Anne Lévesque (uid$C2)"
keys Escape
wait_gone "Anne Lévesque (uid$C2)"
same "$(sqlite3 "$PARCOURS_DB" "SELECT counsellor FROM participant WHERE file_no = '2026-0001'")" "uid$C1" "(Esc changed the counsellor)"
keys c
wait_for "Anne Lévesque (uid$C2)"
keys Down Enter
wait_for "Suivi par : uid$C2 (inscrit au journal)"
wait_for "Suivi par : uid$C2  (c : changer)"
wait_for "personne intervenante : uid$C1 -> uid$C2"
same "$(sqlite3 "$PARCOURS_DB" "SELECT login || '|' || face || '|' || detail FROM audit WHERE action = 'assign' ORDER BY seq DESC LIMIT 1")" \
	"$(id -un)|tui|uid$C1 -> uid$C2"
keys Escape
wait_for "Participants : tout le monde"
keys F10
clean_exit

# ---- the new counsellor: now in their caseload, nothing to ask ----
PARCOURS_BIN=$(as_uid $C2) start
PARCOURS_BIN=$real
# a counsellor's console opens on what is due; Esc shows the list
wait_for "Aujourd'hui : ce qui est à faire"
keys Escape
wait_for "Participants : ma charge de cas"
wait_for "2026-0001 Tremblay, Gérald"
keys F10
clean_exit
finish
