# Sync through a real SSH server: sshd started for the test on a private
# port of 127.0.0.1, with its own host key and a user key made here, and the
# real ssh client (a wrapper only adds -F, as a user's ~/.ssh/config would).
# The office's database sits in a folder whose name has a space and a quote,
# so the path must reach the remote shell quoted. A copy is made, both sides
# change, one `sync` converges them. `sync init ssh://HOST` with no path
# takes the office's default database at the far end and makes the
# laptop's default one here, on a fresh laptop whose data folder does not
# exist yet. A server that is not there leaves the laptop as it was, with
# a plain message.
. "$SRC/tests/cli/lib.sh"
export LANGUAGE=en
SSHD=/usr/sbin/sshd
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
	bad "sshd, ssh or ssh-keygen missing: install openssh-server and openssh-client (make deps does)"
	finish
	exit
fi
ME=$(id -un)
D="$T/the office's data"
mkdir -p "$D" "$T/bin"
O=$D/office.db L=$T/laptop.db
ssh-keygen -q -t ed25519 -N '' -f "$T/host_key" -C test-host
ssh-keygen -q -t ed25519 -N '' -f "$T/user_key" -C test-user
cp "$T/user_key.pub" "$T/authorized_keys"
# sshd needs its privilege separation folder when it runs as root
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd

# start_sshd: on a free port between 20000 and 59999, waiting until it answers
start_sshd() {
	local try
	for try in 1 2 3 4 5 6 7 8; do
		PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		cat >"$T/sshd_config" <<-EOF
			Port $PORT
			ListenAddress 127.0.0.1
			HostKey $T/host_key
			PidFile $T/sshd.pid
			AuthorizedKeysFile $T/authorized_keys
			StrictModes no
			UsePAM no
			PasswordAuthentication no
			KbdInteractiveAuthentication no
			PermitRootLogin prohibit-password
			SetEnv PARCOURS_FORMS=$SRC/forms PARCOURS_TODAY=$PARCOURS_TODAY LANGUAGE=en XDG_DATA_HOME=$T/xdg
			LogLevel ERROR
		EOF
		"$SSHD" -D -e -f "$T/sshd_config" 2>"$T/sshd.log" &
		SSHD_PID=$!
		local i
		for i in $(seq 100); do
			if ! kill -0 "$SSHD_PID" 2>/dev/null; then break; fi
			if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
			sleep 0.05
		done
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
	done
	return 1
}
if ! start_sshd; then
	bad "sshd did not start: $(cat "$T/sshd.log")"
	finish
	exit
fi
trap 'kill "$SSHD_PID" 2>/dev/null; rm -rf "$T"' EXIT
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$T/host_key.pub")" >"$T/known_hosts"
cat >"$T/ssh_config" <<EOF
Host office
	HostName 127.0.0.1
	Port $PORT
	User $ME
	IdentityFile $T/user_key
	IdentitiesOnly yes
	UserKnownHostsFile $T/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	LogLevel ERROR
EOF
cat >"$T/bin/ssh" <<EOF
#!/bin/sh
exec ssh -F "$T/ssh_config" "\$@"
EOF
chmod +x "$T/bin/ssh"
export PARCOURS_SSH=$T/bin/ssh PARCOURS_REMOTE=$PARCOURS_BIN

# the real client and server agree before parcours is involved
if out=$("$T/bin/ssh" office echo '$PARCOURS_FORMS' 2>&1); then same "$out" "$SRC/forms"; else
	bad "ssh office: $out"
fi

PARCOURS_DB=$O
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Côté Élisabeth 1985-03-02; P1=$(cat "$T/out")
intake Gagnon Gérald 1972-11-30; P2=$(cat "$T/out")
intake Bouchard Zéphirine 1960-07-07; P3=$(cat "$T/out")
expect 0 assign "$P1" "$ME"
expect 0 assign "$P2" "$ME"
expect 0 sync keygen --site BUR

expect 0 --db "$L" sync init "ssh://office$O" --site RN
has "$T/err" "copy made"
same "$(sqlite3 "$L" "SELECT count(*) FROM participant")" 2
if grep -qa Bouchard "$L"; then bad "the laptop holds $P3"; else ok; fi

# both sides work, then one sync over SSH
expect 0 --db "$L" submit profile "$P1" --set wellbeing=3
expect 0 submit profile "$P2" --set wellbeing=8
expect 0 --db "$L" sync
has "$T/err" "sending"
same "$(sql "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN participant p
  ON p.id = r.participant_id WHERE p.file_no = '$P1' AND form = 'profile'")" 3
same "$(sqlite3 "$L" "SELECT json_extract(answers, '$.wellbeing') FROM revision r JOIN participant p
  ON p.id = r.participant_id WHERE p.file_no = '$P2' AND form = 'profile'")" 8
# the office's audit log holds the laptop's save, under the SSH login, and verifies
expect 0 audit verify
same "$(sql "SELECT count(*) FROM audit WHERE login = '$ME' AND action = 'change'
  AND form = 'profile'")" 2
# a second sync has nothing to send twice
expect 0 --db "$L" sync
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 2

# ssh://HOST alone: the default database at both ends (the office's under
# the XDG_DATA_HOME sshd gives it, the laptop's under its HOME, whose
# folder the copy creates)
H=$T/xdg/parcours/parcours.db D=$T/.local/share/parcours/parcours.db
PARCOURS_DB=$H
expect 0 init
expect 0 staff role "$ME" admin,supervisor,counsellor
intake Pelletier Rose 1980-05-05; P4=$(cat "$T/out")
expect 0 assign "$P4" "$ME"
expect 0 sync keygen --site HQ
unset PARCOURS_DB
[ ! -e "$T/.local" ] && ok || bad "the laptop's data folder exists before the copy"
expect 0 sync init ssh://office --site NO
has "$T/err" "copy made at $D"
same "$(sqlite3 "$D" "SELECT file_no FROM participant")" "$P4"
same "$(sqlite3 "$D" "SELECT url FROM sync_peer")" "ssh://office"
same "$(stat -c %a "$T/.local/share/parcours")" 700
expect 0 submit profile "$P4" --set wellbeing=6
expect 0 sync
same "$(sqlite3 "$H" "SELECT json_extract(answers, '$.wellbeing') FROM revision
  WHERE form = 'profile'")" 6
export PARCOURS_DB=$O

# the server gone: the laptop says so plainly and keeps its change
kill "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null
expect 0 --db "$L" submit profile "$P1" --set wellbeing=5
before=$(sqlite3 "$L" "SELECT count(*) FROM sync_log")
expect 3 --db "$L" sync
has "$T/err" "the office did not answer"
same "$(sqlite3 "$L" "SELECT count(*) FROM sync_log")" "$before"
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 2
finish
