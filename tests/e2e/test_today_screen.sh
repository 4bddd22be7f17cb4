# The today screen. A counsellor's console opens on what is due in their
# caseload, grouped by kind (follow-ups, objectives, evaluations, referrals,
# no follow-up for 30 days, below target), someone else's people left out;
# Enter opens the person's file, Esc comes back, and Esc again reaches the
# participants list. A supervisor starts on the list and t shows everyone's.
# An empty list says so. Screens compared at 80x24 and 120x40.
. "$SRC/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || { bad "run as root: other logins are played with setpriv"; finish; exit 1; }
C1=54621 C2=54622
pc staff add uid$C1 --name "Paul Roy" --role counsellor
pc staff add uid$C2 --name "Anne Lévesque" --role counsellor
intake Côté Élisabeth 1985-03-02
intake Gagnon Gérald 1972-11-30
intake Roy Marie 1990-01-01
pc enrol 2026-0001 paas_action --start 2025-04-01 --counsellor uid$C1
same "$rc" 0 "(enrol 2026-0001: $(cat "$T/err"))"
pc enrol 2026-0002 paas_action --start 2025-12-01 --counsellor uid$C1
pc enrol 2026-0003 paas_action --start 2025-12-01 --counsellor uid$C2
pc submit followup 2026-0001 --set meeting_date=2026-03-02 --set kind=in_person \
	--set summary=Rencontre --set next_meeting=2026-03-12
same "$rc" 0 "(followup: $(cat "$T/err"))"
pc submit plan 2026-0001 --set plan_date=2026-01-10 --set goal="Retour aux études" \
	--set objectives.1.objective="Inscription au SARCA" --set objectives.1.due_date=2026-03-10 \
	--set objectives.1.domain=training --set objectives.1.responsible=participant --set objectives.1.status_date=2026-01-10 \
	--set objectives.1.status=planned
same "$rc" 0 "(plan: $(cat "$T/err"))"
pc submit intake 2026-0001 --set consent_partners=oui
same "$rc" 0 "(consent: $(cat "$T/err"))"
pc submit referral 2026-0001 --set referral_date=2026-02-01 --set partner=clsc --set outcome=pending --set reason=Santé
same "$rc" 0 "(referral: $(cat "$T/err"))"
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
cmp_screen() { # cmp_screen NAME: the screen against screens/NAME
	local want="$SRC/tests/e2e/screens/$1" got="$T/screen.txt"
	screen | sed 's/[[:space:]]*$//' >"$got"
	if [ "${E2E_REGEN:-}" = 1 ]; then cp "$got" "$want"; ok
	elif diff -u "$want" "$got" >"$T/diff"; then ok
	else bad "screen differs from $1:"; cat "$T/diff" >&2; fi
}

# ---- a counsellor starts on what is due in their caseload ----
PARCOURS_BIN=$(as_uid $C1) start
PARCOURS_BIN=$real
wait_for "Aujourd'hui : ce qui est à faire le 15 mars 2026"
wait_for "ma charge de cas"
wait_for "Rencontres de suivi à faire (1)"
wait_for "Évaluations dues d'ici 30 jours ou en retard (1)"
wait_for "Sous la cible d'heures le mois dernier (1)"
wait_for "2026-0001  Côté, Élisabeth"
wait_for "3 j de retard"
wait_for "Objectifs à échéance ou en retard (1)"
wait_for "Inscription au SARCA"
wait_for "Références en attente depuis plus de 30 jours (1)"
wait_for "Aucun suivi depuis 30 jours (1)"
wait_for "2026-0002  Gagnon, Gérald"
if screen | grep -qF "Roy, Marie"; then bad "someone else's person on my today screen"; else ok; fi
settle
cmp_screen today_80x24.txt
tm resize-window -t pc -x 120 -y 40 2>/dev/null || tm resize-pane -t pc -x 120 -y 40
settle
cmp_screen today_120x40.txt
tm resize-window -t pc -x 80 -y 24 2>/dev/null || tm resize-pane -t pc -x 80 -y 24
settle
# Down skips the headings: the fifth item is Gagnon's
keys Down Down Down Down
settle
same "$(line_of "2026-0002  Gagnon")" "$(tm display -p -t pc '#{cursor_y}')" "(cursor on Gagnon's line)"
keys Enter
wait_for "Dossier 2026-0002"
wait_for "Plan : aucun objectif ouvert"
wait_for "Aucun suivi encore"
wait_for "Aucune référence en attente"
keys Escape
wait_for "Aujourd'hui : ce qui est à faire"
# Up goes back over a heading to the referral
keys Up
settle
same "$(line_of "CLSC, CIUSSS ou CISSS")" "$(tm display -p -t pc '#{cursor_y}')" "(cursor on the referral)"
keys Enter
wait_for "Dossier 2026-0001"
# the file at a glance: enrolment and month, open objectives, last follow-up, referrals
wait_for "Mois 2026-03 : "
same "$(screen | grep -c "PAAS Action")" 1 "(the programme named once on the file)"
wait_for "Plan : 1 objectif ouvert, prochaine échéance le 2026-03-10 (1 en retard)"
wait_for "Dernier suivi le 2026-03-02, prochain le 2026-03-12"
wait_for "1 référence en attente depuis le 2026-02-01"
keys Escape
wait_for "Aujourd'hui : ce qui est à faire"
# the help names the keys; Esc reaches the participants list
keys F1
wait_for "Ouvrir le dossier"
keys Escape
wait_for "Aujourd'hui : ce qui est à faire"
keys Escape
wait_for "Participants : ma charge de cas"
keys F6
wait_for "Aujourd'hui : ce qui est à faire"
keys Escape
wait_for "Participants"
keys F10
clean_exit

# ---- an empty list says so ----
PARCOURS_BIN=$(as_uid $C2) ENV="PARCOURS_TODAY=2025-12-02" start
PARCOURS_BIN=$real
wait_for "Rien n'est à faire : aucun suivi, objectif, évaluation ou référence n'attend"
wait_for "dans votre charge de cas."
keys Escape
wait_for "Participants : ma charge de cas"
keys F10
clean_exit

# ---- a supervisor starts on the list; t shows everyone's ----
start
wait_for "Participants"
if screen | grep -qF "Aujourd'hui"; then bad "a supervisor's console opened on the today screen"; else ok; fi
keys F6
wait_for "Aujourd'hui : ce qui est à faire le 15 mars 2026"
wait_for "tout le monde"
wait_for "Aucun suivi depuis 30 jours (2)"
wait_for "2026-0003  Roy, Marie"
keys Escape
wait_for "Participants"
keys F10
clean_exit

# ---- four months on: "125 j de retard" is whole and apart from what follows ----
ENV="PARCOURS_TODAY=2026-07-15" start
wait_for "Participants"
keys F6
wait_for "Aujourd'hui : ce qui est à faire le 15 juillet 2026"
wait_for "125 j de retard  prévue à la renc"
keys Escape
wait_for "Participants"
keys F10
clean_exit
finish
