# Reading on a full disk: find works (a reader cannot create the database's
# shared index, -shm, there); show and export, whose every read is kept in
# the audit log, refuse plainly and show nothing, since a read that leaves
# no trace must not happen; a save says the disk is full with exit 3,
# nothing saved. Needs a small file system to fill: a
# tmpfs mounted as root; without the right to mount, nothing to test.
. "$SRC/tests/cli/lib.sh"

disk=$T/disk
mkdir "$disk"
if ! mount -t tmpfs -o size=1m tmpfs "$disk" 2>"$T/mount_err"; then
	echo "cannot mount a small tmpfs ($(cat "$T/mount_err")): full-disk reading not tested"
	finish
	exit $?
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$T"' EXIT
export PARCOURS_DB=$disk/p.db

expect 0 init
intake Côté Élisabeth 1985-03-02
expect 0 submit profile 2026-0001 --set wellbeing=5
expect 0 export profile
cp "$T/out" "$T/export_before"
[ ! -e "$PARCOURS_DB-shm" ] && ok || bad "a -shm was left after the commands"
# fill the disk to the last block
dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null
[ "$(df --output=avail "$disk" | tail -1 | tr -d ' ')" = 0 ] && ok || bad "the disk is not full"

for round in 1 2; do # the second time with what the first left behind
	expect 0 participant find cote
	has "$T/out" "2026-0001"
	# show and export: either the read is recorded (a page the log already
	# had room for) and shown, or it is refused, plainly, and nothing shown
	for cmd in "show 2026-0001" "export profile"; do
		reads=$(sql "SELECT count(*) FROM audit")
		# shellcheck disable=SC2086
		run --lang en $cmd
		if [ "$rc" = 0 ]; then
			has "$T/out" "2026-0001"
			same "$(sql "SELECT count(*) FROM audit")" "$((reads + 1))" "($cmd shown: its read is recorded)"
		else
			same "$rc" 3 "($cmd on a full disk, round $round)"
			same "$(cat "$T/out")" "" "($cmd refused: nothing shown)"
			has "$T/err" "disk is full"
			same "$(sql "SELECT count(*) FROM audit")" "$reads" "($cmd refused: nothing recorded)"
		fi
		hasnt "$T/err" "written"
	done
done
expect 3 --lang en submit profile 2026-0001 --set wellbeing=6
has "$T/err" "disk is full"
rm -f "$disk/filler"
expect 0 show 2026-0001
same "$(sql "SELECT count(*) FROM revision WHERE form = 'profile'")" 1
finish
