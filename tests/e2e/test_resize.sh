# Resizing at any moment: below 80x24 a clear notice (keys are ignored, so
# nothing is typed blind), back to a larger size the screen returns with
# the text being typed intact and laid out for the new width; a question
# survives a resize too.
. "$SRC/tests/e2e/lib.sh"

intake Tremblay Gérald 1971-11-30
start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys Enter
wait_for "> Nom de famille"
keys Tab End
type_ " Zoé"
wait_for "> Prénom *                        : Gérald Zoé"

tm resize-window -t pc -x 60 -y 20
wait_for "Agrandissez la fenêtre (80 x 24 au moins)"
wait_gone "Prénom"
type_ "zzz"
keys F2
settle
tm resize-window -t pc -x 100 -y 30
wait_for "> Prénom *                        : Gérald Zoé"
wait_gone "Agrandissez"
if screen | grep -qF "zzz"; then bad "keys typed while too small reached the form"; else ok; fi
same "$(screen | wc -l)" 30 "(lines at 100x30)"
# the bottom line is at the bottom of the larger window
case "$(line 29)" in "F2 Enregistrer"*) ok ;; *) bad "bottom line: $(line 29)" ;; esac
same "$(cursor)" "46,4" "(cursor after the text typed)"
pc show 2026-0001 --json
has_out '"given_name":"Gérald"'

# a question survives a resize, and so does the file screen
keys Escape
wait_for "Non enregistré. o : quitter"
tm resize-window -t pc -x 90 -y 26
wait_for "Non enregistré. o : quitter"
keys o
wait_for "Dossier 2026-0001"
tm resize-window -t pc -x 79 -y 24
wait_for "Agrandissez la fenêtre (80 x 24 au moins)"
tm resize-window -t pc -x 80 -y 23
wait_for "Agrandissez la fenêtre (80 x 24 au moins)"
tm resize-window -t pc -x 80 -y 24
wait_for "Dossier 2026-0001"
wait_for "Accueil*"
keys Escape
wait_for "2026-0001 Tremblay, Gérald"
tm resize-window -t pc -x 132 -y 40
wait_for "2026-0001 Tremblay, Gérald"
keys F10
clean_exit
finish
