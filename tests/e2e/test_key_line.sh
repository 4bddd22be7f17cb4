# The bottom key line at 80x24, in French (the longest texts): the keys
# that matter stay whole (F1 Aide always, Échap Retour, q Quitter) and the
# others are shortened, never the last ones cut. The help wraps long
# descriptions under themselves and scrolls to its end.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Alice 1990-04-02
FILE=$(cat "$T/out")
ends_with() { # TEXT: the key line ends with TEXT
	local l
	l=$(line 23 | sed 's/[[:space:]]*$//')
	case "$l" in *"$1") ok ;; *) bad "key line '$l' does not end with '$1'" ;; esac
}
has_line() { if line 23 | grep -qF -- "$1"; then ok; else bad "key line '$(line 23)' lacks '$1'"; fi; }

start
wait_for "parcours - Participants"
ends_with "F1 Aide"
has_line "F10 Quitter"
has_line "Entrée Ouvrir"
keys Enter
wait_for "Dossier $FILE"
ends_with "Échap Retour  F1 Aide"
has_line "Entrée Remplir"
# the help of the file screen: every description whole, wrapped
keys F1
wait_for "Aide : les touches de cet écran"
wait_for "exceptionnel, avec un motif"
# (further down, whatever keys come before it)
for _ in $(seq 30); do
	screen | grep -qF "dans un fichier (son droit d'accès à son dossier)" && break
	keys Down
	settle
done
wait_for "dans un fichier (son droit d'accès à son dossier)"
if screen | grep -q "…"; then bad "the help cuts a line:"; screen | grep "…" >&2; else ok; fi
# End shows the last lines; Home the first
keys End
wait_for "Ctrl-L"
wait_for "brouillée)"
keys Home
wait_for "Remplir le formulaire"
keys Escape
wait_gone "Aide : les touches"
keys Escape
wait_for "parcours - Participants"
keys C-r
wait_for "Rapports - mois"
ends_with "Échap Retour  F1 Aide"
keys Escape
wait_for "parcours - Participants"
keys C-n
wait_for "> Nom de famille"
ends_with "Échap Retour  Tab Champ suivant  F1 Aide"
keys Escape
wait_for "parcours - Participants"
keys F10
clean_exit

# English keeps everything it has room for, F1 last
start --lang en
wait_for "parcours - Participants"
ends_with "F1 Help"
has_line "F10 Quit  F5 Reports"
has_line "Enter Open the"
keys Enter
wait_for "File $FILE"
ends_with "Esc Back  F1 Help"
keys q
wait_for "Search:"
keys F10
clean_exit
finish
