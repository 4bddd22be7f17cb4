# A terminal that cannot place the cursor (TERM=dumb) is refused with a clear message and exit status 3, as an
# unknown TERM is; nothing is drawn, and the console never starts.
. "$SRC/tests/e2e/lib.sh"

# (a hard-copy entry is refused by ncurses itself, as an unknown TERM is,
# before parcours looks: that path leaks inside ncurses under ASan, so it
# is not repeated here)
term=dumb
ENV="TERM=$term" start
wait_exit
same "$exit_status" 3 "(exit status with TERM=$term)"
if grep -qF "le terminal ne peut pas placer le curseur" "$T/stderr" &&
	grep -qF "(TERM=$term)" "$T/stderr"; then ok; else
	bad "no clear message with TERM=$term:"
	cat "$T/stderr" >&2
fi
if [ -s "$T/stderr" ] && grep -q "Sanitizer" "$T/stderr"; then bad "sanitizer report:"; cat "$T/stderr" >&2; else ok; fi

# the same in English
ENV="TERM=dumb" start --lang en
wait_exit
same "$exit_status" 3 "(exit status in English)"
if grep -qF "the terminal cannot place the cursor" "$T/stderr"; then ok; else
	bad "no English message:"
	cat "$T/stderr" >&2
fi

# a terminal that can (vt100) starts as before
ENV="TERM=vt100" start
wait_for "Aucune personne pour l'instant"
keys F10
clean_exit
finish
