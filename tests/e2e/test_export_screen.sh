# A person's right to their file from the console: w on the file screen
# writes export-person's text to a new file (never over an existing one,
# readable by its owner alone), recorded in the audit log; Esc writes
# nothing; a front desk login is refused by the core's rule.
. "$SRC/tests/e2e/lib.sh"
[ "$(id -u)" = 0 ] || { bad "run as root: another login is played with setpriv"; finish; exit 1; }

intake Tremblay Gérald 1971-11-30
pc submit profile 2026-0001 --set wellbeing=7 --set support_note=Confidentiel-XYZ
same "$rc" 0 "(profile saved)"
out=$T/dossier-2026-0001-2026-03-15.txt
audits() { sqlite3 -batch -noheader "$PARCOURS_DB" "SELECT count(*) FROM audit WHERE action = 'export-person' AND face = 'tui'"; }

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
# Esc at the question: nothing written, nothing recorded
keys w
wait_for "Écrire tout ce qui est conservé sur cette personne dans un nouveau fichier :"
keys Escape
settle
[ ! -e "$out" ] && ok || bad "Esc wrote $out"
same "$(audits)" 0 "(no export recorded after Esc)"
# Enter takes the suggested name in the home folder
keys w
wait_for "Écrire tout ce qui est conservé sur cette personne dans un nouveau fichier :"
keys Enter
wait_for "lignes) : $T/dossier-2026-0001"
[ -f "$out" ] && ok || bad "no file $out"
grep -qF "Confidentiel-XYZ" "$out" && ok || bad "the profile is not in $out"
grep -qF "Tremblay" "$out" && ok || bad "the name is not in $out"
same "$(stat -c %a "$out")" 600 "(the file is its owner's alone)"
same "$(audits)" 1 "(the export is recorded, face tui)"
# a second time: the file exists and is left as it was
before=$(md5sum <"$out")
keys w
wait_for "Écrire tout ce qui est conservé sur cette personne dans un nouveau fichier :"
keys Enter
wait_for "Existe déjà, donnez un autre nom : $T/dossier"
same "$(md5sum <"$out")" "$before" "(the existing file is unchanged)"

# the front desk may not: the core says so, nothing is written
pc staff add uid54410 --name "Anne Accueil" --role frontdesk
same "$rc" 0 "(front desk added)"
chgrp 54000 "$T" "$PARCOURS_DB"
chmod 2770 "$T"
chmod 660 "$PARCOURS_DB"
real=$PARCOURS_BIN
cat >"$T/as_frontdesk.sh" <<EOF2
#!/bin/sh
exec setpriv --reuid=54410 --regid=54000 --clear-groups "$real" "\$@"
EOF2
chmod 755 "$T/as_frontdesk.sh"
rm -f "$out"
PARCOURS_BIN=$T/as_frontdesk.sh start
PARCOURS_BIN=$real
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys w
wait_for "Écrire tout ce qui est conservé sur cette personne dans un nouveau fichier :"
keys Enter
wait_for "seule la supervision ou la personne intervenante au dossier peut exporter"
[ ! -e "$out" ] && ok || bad "the front desk wrote $out"
same "$(audits)" 1 "(nothing more recorded)"
finish
