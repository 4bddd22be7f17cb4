# The progress line of sync's laptop end (parcours(1) SYNC): on a terminal
# (here a pseudo-terminal made by script(1)), `sync init` shows the bytes
# of the copy as its frames arrive out of the total the office announces
# first, and `sync` the bytes sent and received out of their total; the
# line is redrawn in place with carriage returns, erased at the end so that
# the lines that follow start clean, and speaks the user's language. Not on
# a pipe or a file: nothing there changes. An office that announces no
# total (an older parcours there) is refused with a plain message.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
ME=$(id -un)
O=$T/office.db
PARCOURS_DB=$O
command -v script >/dev/null || { bad "script(1) is needed (util-linux)"; finish; exit; }
# on_tty STATUS ARGS...: parcours ARGS with its stdout and stderr on a
# pseudo-terminal; what the terminal received in $T/tty
on_tty() {
	local want=$1 cmd
	shift
	cmd=$(printf '%q ' "$PARCOURS_BIN" "$@")
	rc=0
	timeout 120 script -qefc "$cmd" /dev/null </dev/null >"$T/tty" 2>&1 || rc=$?
	if [ "$rc" = "$want" ]; then ok; else
		bad "on a terminal: parcours $* exited $rc, expected $want"
		tr '\r' '\n' <"$T/tty" | head -20 >&2
	fi
}
# the states of the line, one per redraw: what each carriage return began
drawn() { tr '\r' '\n' <"$T/tty" | sed 's/ *$//' | grep -v '^$'; }
# size_text BYTES: the figure as the line writes it (sync_progress.c)
size_text() {
	if [ "$1" -lt 10000 ]; then echo "$(($1 / 1000)).$(($1 / 100 % 10)) kB"
	elif [ "$1" -lt 1000000 ]; then echo "$(($1 / 1000)) kB"
	else echo "$(($1 / 1000000)).$(($1 / 100000 % 10)) MB"; fi
}

expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
for n in Côté Gagnon Roy; do
	intake "$n" Anne 1980-01-02 && F=$(cat "$T/out")
	expect 0 assign "$F" "$ME"
done
expect 0 sync keygen --site BUR

# a link that lets 32 KiB through every 0.3 s with SLOW set: the copy
# takes a few redraws (they are at most ten a second); with OLD set, an
# office of before the copy's total was announced: its 'T' frames left out
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SH'
#!/bin/sh
shift
if [ -n "${OLD:-}" ]; then
	sh -c "$*" | perl -e 'binmode STDIN; binmode STDOUT; $| = 1;
	  while (read(STDIN, my $h, 5) == 5) { my $b = "";
	    read(STDIN, $b, unpack("N", substr($h, 1))) or $b = "";
	    print $h, $b unless substr($h, 0, 1) eq "T" }'
	exit 0
fi
[ -z "${SLOW:-}" ] && exec sh -c "$*"
sh -c "$*" | perl -e '$| = 1; while (sysread(STDIN, my $b, 32768)) { print $b; select(undef, undef, undef, 0.3) }'
SH
chmod +x "$T/bin/ssh"
export PARCOURS_SSH=$T/bin/ssh PARCOURS_REMOTE=$PARCOURS_BIN
SLOW=1 on_tty 0 --db "$T/rn.db" sync init "ssh://office$O" --site RN
size=$(stat -c %s "$T/rn.db")
# what the office announces: the database and the forms folder that
# travels with it, packed as doc/sync.md says (a checksums line of
# NAME=SHA256 joined by commas, then NAME LEN and the bytes of each file)
forms=0
for f in "$PARCOURS_FORMS"/*.yaml; do
	name=${f##*/} len=$(stat -c %s "$f")
	forms=$((forms + ${#name} + 66 + ${#name} + 1 + ${#len} + 1 + len))
done
total=$(size_text $((size + forms)))
drawn >"$T/lines"
has "$T/lines" "sync: asking the office for a copy..."
# the total is known before the first byte of the copy is drawn
has "$T/lines" "sync: receiving 0.0 kB of $total (0%)"
# the line moves as the frames arrive: several growing figures, up to
# everything announced, exactly
grep -o 'receiving [0-9.]* [kM]B of' "$T/lines" | uniq >"$T/steps"
[ "$(wc -l <"$T/steps")" -ge 3 ] && ok || { bad "the copy's line did not move:"; cat "$T/steps" >&2; }
[ "$(sort -g -k2 "$T/steps")" = "$(cat "$T/steps")" ] && ok || bad "the figures went back"
if grep -v "of $total (" "$T/lines" | grep -q '^sync: receiving'; then
	bad "the copy's total changed: $(grep '^sync: receiving' "$T/lines" | sort -u)"
else ok; fi
same "$(grep '^sync: receiving' "$T/lines" | tail -1)" "sync: receiving $total of $total (100%)" \
	"(the copy's last line: $size bytes of database and $forms of forms)"
# then the line is erased: spaces only before the step line that follows,
# which starts at the left margin
grep -q $'\r *\rsync: copy made at' "$T/tty" && ok || bad "the line is not erased before 'copy made'"
# on a file nothing is drawn, and the copy is the same
expect 0 --db "$T/vd.db" sync init "ssh://office$O" --site VD
hasnt "$T/err" $'\r'
hasnt "$T/err" "receiving"
has "$T/err" "copy made"
# in the user's language
LANGUAGE=fr on_tty 0 --db "$T/fr.db" sync init "ssh://office$O" --site FR
drawn >"$T/lines"
grep -q '^sync : réception de [0-9,]* ko sur [0-9,]* ko (100 %)$' "$T/lines" && ok ||
	bad "no 'réception de ... (100 %)' line for the copy"
# an office that announces no total: a plain message, at once, no file
mkdir -p "$T/lap"
OLD=1 expect 3 --db "$T/lap/old.db" sync init "ssh://office$O" --site OL
has "$T/err" "did not announce the size of the copy"
hasnt "$T/err" "malformed"
same "$(ls -A "$T/lap")" "" "(files left by a copy from an office that announced no size)"

# sync: sent out of its total, the office's work, received out of its total
for i in 1 2 3 4 5 6; do
	expect 0 --db "$T/rn.db" submit profile 2026-0001 --set wellbeing=$i
	expect 0 submit profile 2026-0002 --set wellbeing=$i
done
on_tty 0 --db "$T/rn.db" sync
drawn >"$T/lines"
has "$T/lines" "sync: sending 0.0 kB of"
has "$T/lines" "sent, the office is applying them..."
grep -q '^sync: receiving [0-9.]* kB of [0-9.]* kB (100%)$' "$T/lines" && ok ||
	bad "no 'receiving ... (100%)' line"
has "$T/lines" "changes from BUR"
grep -q $'\r *\rsync: receiving [0-9]* bytes from BUR' "$T/tty" && ok ||
	bad "the line is not erased before the step line"
same "$(sqlite3 "$T/rn.db" "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN
	participant p ON p.id = r.participant_id WHERE p.file_no = '2026-0002' AND form = 'profile'
	ORDER BY revision DESC LIMIT 1")" 6
# in the user's language
expect 0 --db "$T/rn.db" submit profile 2026-0001 --set wellbeing=8
LANGUAGE=fr on_tty 0 --db "$T/rn.db" sync
drawn >"$T/lines"
has "$T/lines" "sync : envoi de "
has "$T/lines" " envoyés, le bureau les applique..."
grep -q '^sync : réception de [0-9,]* ko sur [0-9,]* ko (100 %)$' "$T/lines" && ok ||
	bad "no 'réception de ... (100 %)' line"
# a refusal ends the line before the office's problems are printed
sqlite3 "$O" "DELETE FROM sync_peer WHERE site = 'RN'"
expect 0 --db "$T/rn.db" submit profile 2026-0001 --set wellbeing=9
on_tty 1 --db "$T/rn.db" sync
grep -q $'\r *\r[^\r]*does not know' "$T/tty" && ok || bad "the line is not erased before the refusal"
finish
