# A long answer (a 4,000-character follow-up summary) reads in full: the
# file screen and the history show it on one cut line, and v (file) or
# Enter (a revision's answers) opens a viewer that wraps it and scrolls
# by line, page, start and end; the long-text editor shows as many lines
# as fit and scrolls inside the field, Up/Down moving between its lines.
. "$SRC/tests/e2e/lib.sh"

long=$(seq -f 'w%04g' 1 666 | tr '\n' ' ')fin.
same "${#long}" 4000 "(length of the summary)"
intake Tremblay Gérald 1971-11-30
pc submit followup 2026-0001 --set meeting_date=2026-03-02 --set kind=phone --set summary="$long"
same "$rc" 0 "(summary saved: $(cat "$T/err"))"
# line N without the scroll marks at its end
text_line() { line "$1" | sed -E 's/ +[v^]$//; s/ +$//'; }
noellipsis() { if screen | sed -n '3,22p' | grep -q "…"; then bad "the viewer cuts a line:"; screen >&2; else ok; fi; }

start
wait_for "2026-0001 Tremblay, Gérald"
keys Enter
wait_for "Dossier 2026-0001"
keys 6
wait_for "w0001 w0002"
# the file screen shows one cut line; v reads it whole
if screen | grep -q "w0666"; then bad "the end shows before the viewer"; else ok; fi
keys v
wait_for "Suivi - Tremblay, Gérald (2026-0001)"
wait_for "lignes 1 à 20 sur"
wait_for "Résumé"
wait_for "w0001 w0002"
noellipsis
# wrapped: the words that follow are on the next lines, whole
n=$(screen | grep -c "w0[0-9][0-9][0-9] w0")
[ "$n" -ge 15 ] && ok || bad "the summary is not wrapped ($n lines)"
keys End
wait_for "w0666"
noellipsis
if screen | grep -q "w0001 "; then bad "End did not scroll"; else ok; fi
keys Home
wait_for "w0001 w0002"
# a page down (PgDn, Ctrl-F, space) and back up (PgUp, Ctrl-B)
top=$(text_line 2)
keys NPage
wait_gone "$top"
keys C-b
wait_for "$top"
keys C-f
wait_gone "$top"
keys PPage
wait_for "$top"
# j, Down one line
second=$(text_line 3)
keys j
settle
same "$(text_line 2)" "$second" "(j scrolls one line)"
keys k
settle
same "$(text_line 2)" "$top" "(k scrolls back)"
keys q
wait_for "Dossier 2026-0001"

# the history of the entry: Enter on a revision, Enter again for the viewer
keys Enter
wait_for "Suivi - Tremblay, Gérald (2026-0001)"
wait_for "1 entrée"
keys h
wait_for "Historique - Suivi"
keys Enter
wait_for "révision 1,"
if screen | grep -q "w0100"; then bad "the answers view already wraps"; else ok; fi
keys Enter
wait_for "lignes 1 à 20 sur"
keys End
wait_for "w0666"
noellipsis
keys Escape
wait_for "révision 1,"
keys Escape Escape
wait_for "1 entrée"

# the editor: the summary takes the lines that fit and scrolls inside
keys Enter
wait_for "> Date de la rencontre"
for _ in 1 2 3 4; do keys Tab; done
wait_for "> Résumé *"
settle
y=$(line_of "> Résumé *")
# the field shows more than three lines
rows=$(screen | sed -n "$((y + 1)),$((y + 12))p" | grep -c "w0[0-9]")
[ "$rows" -ge 8 ] && ok || bad "the summary editor shows $rows lines"
# the cursor is at the end: the last words show, the field scrolled
wait_for "w0666"
# Up moves between the lines of the field (never to the field above)
# (one line at a time, until its first line shows on the field's line)
for _ in $(seq 150); do
	keys Up
	screen | grep -q "> Résumé \*  *: w0001 w0002" && break
done
wait_for "> Résumé *                   : w0001 w0002"
if screen | grep -q "w0666"; then bad "the field did not scroll up"; else ok; fi
cy=$(cursor | cut -d, -f2)
same "$cy" "$y" "(cursor on the first line of the field)"
# Up from its first line goes to the field above
keys Up
wait_for "> Sujets abordés"
# back into it: the cursor at the end of the text, its last lines shown
keys Down
wait_for "> Résumé *"
wait_for "w0666"
keys Escape
wait_for "1 entrée"
keys Escape q
wait_for "parcours - Participants"
keys F10
clean_exit
finish
