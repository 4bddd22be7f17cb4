# A terminal that cannot place the cursor (TERM=dumb, a hard-copy
# terminal) is refused with a clear message and exit status 3, as an
# unknown TERM is; nothing is drawn, and the console never starts.
. "$SRC/tests/e2e/lib.sh"

for term in dumb pcprint; do
	if [ "$term" = pcprint ]; then
		# a made-up terminal with no cursor addressing at all
		mkdir -p "$T/ti"
		printf 'pcprint|printing terminal,\n\tam, hc,\n\tcols#80, lines#24,\n\tbel=^G, cr=\\r, cud1=\\n, ind=\\n,\n' \
			>"$T/pcprint.src"
		tic -o "$T/ti" "$T/pcprint.src" || bad "tic pcprint"
	fi
	ENV="TERM=$term TERMINFO=$T/ti" start
	wait_exit
	same "$exit_status" 3 "(exit status with TERM=$term)"
	# ncurses itself refuses a hard-copy terminal (the unknown-TERM message);
	# it takes dumb, which parcours then refuses
	want="le terminal ne peut pas placer le curseur"
	[ "$term" = dumb ] || want="le terminal ne peut pas"
	if grep -qF "$want" "$T/stderr" &&
		grep -qF "(TERM=$term)" "$T/stderr"; then ok; else
		bad "no clear message with TERM=$term:"
		cat "$T/stderr" >&2
	fi
done

# the same in French
ENV="TERM=dumb LANG=fr_CA.UTF-8 LC_ALL=" start --lang fr
wait_exit
same "$exit_status" 3 "(exit status in French)"
if grep -qF "le terminal ne peut pas placer le curseur" "$T/stderr"; then ok; else
	bad "no French message:"
	cat "$T/stderr" >&2
fi

# a terminal that can (vt100) starts as before
ENV="TERM=vt100" start
wait_for "Aucune personne inscrite"
keys q
clean_exit
finish
