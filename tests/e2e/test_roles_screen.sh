# The console obeys the same roles as the command line: a front desk login
# opens a file and sees the intake, while the profile (which holds answers)
# says it is not shown for its roles, never "nothing saved"; the person's
# counsellor-level content stays out of the screen. Another login is played
# with setpriv (root only, as CI runs), the database shared through a group.
. "$SRC/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || { bad "run as root: another login is played with setpriv"; finish; exit 1; }

intake Tremblay Gérald 1971-11-30
pc submit profile 2026-0001 --set wellbeing=7 --set support_note=Confidentiel-XYZ
same "$rc" 0 "(profile saved by the supervisor)"
pc staff add uid54400 --name "Anne Accueil" --role frontdesk
same "$rc" 0 "(front desk added)"
chgrp 54000 "$T" "$PARCOURS_DB"
chmod 2770 "$T"
chmod 660 "$PARCOURS_DB"
real=$PARCOURS_BIN
cat >"$T/as_frontdesk.sh" <<EOF2
#!/bin/sh
exec setpriv --reuid=54400 --regid=54000 --clear-groups "$real" "\$@"
EOF2
chmod 755 "$T/as_frontdesk.sh"
PARCOURS_BIN=$T/as_frontdesk.sh start
PARCOURS_BIN=$real
wait_for "Participants : tout le monde  (F4 : ma charge de cas)"
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
wait_for "Prénom"
# the front desk asks no exceptional access and never sees who read the file
if screen | grep -qF "Hors de votre charge de cas"; then bad "the front desk was offered exceptional access"; else ok; fi
if screen | grep -qF "Consulté par"; then bad "the front desk sees who read the file"; else ok; fi
if screen | grep -qF "(c : changer)"; then bad "the front desk was offered to change the counsellor"; else ok; fi
keys c
wait_for "seule une personne superviseure peut confier"
keys x
wait_for "seule une personne intervenante peut ouvrir un dossier hors de sa charge de cas"
keys Right
wait_for "non affiché : vos rôles ne le permettent pas"
wait_for "vos rôles (frontdesk) ne permettent pas"
if screen | grep -qF "Rien d'enregistré"; then bad "a refused form was shown as empty"; else ok; fi
if screen | grep -qF "Confidentiel-XYZ"; then bad "the front desk saw the profile"; else ok; fi
same "$(sqlite3 "$PARCOURS_DB" "SELECT count(*) FROM audit WHERE login = 'uid54400' AND action = 'read'")" 0 "(a refused form was recorded as read)"
keys Escape
wait_for "parcours - Participants"
keys F10
clean_exit
finish
