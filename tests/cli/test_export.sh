# export FORM --csv|--json: RFC 4180 UTF-8 with one column per field, and
# the documented JSON array; only the current revision of each file.
. "$SRC/tests/cli/lib.sh"

expect 0 init
intake Côté Élisabeth 1985-03-02
A=$(cat "$T/out")
intake 'Tremblay' 'Gérald' 1971-11-30
B=$(cat "$T/out")
expect 0 submit profile "$A" --set wellbeing=3 --set barriers=transport,housing
expect 0 submit profile "$A" --set wellbeing=4 --set 'interests=Cuisine, "jardinage"'
expect 0 submit profile "$B" --set wellbeing=9

expect 0 export profile --csv
head -1 "$T/out" >"$T/head"
has "$T/head" "file_no,revision,form_version,by,at,"
has "$T/head" ",wellbeing"
has "$T/head" ",barriers"
same "$(wc -l <"$T/out")" 3 "(header + 2 rows)"
# every line ends with CRLF (RFC 4180)
same "$(grep -c $'\r$' "$T/out")" 3
has "$T/out" '"Cuisine, ""jardinage"""'
grep "^$A," "$T/out" >"$T/rowA"
has "$T/rowA" ",2,1,"
expect 0 export profile
same "$(head -1 "$T/out" | cut -c1-7)" "file_no"

expect 0 export profile --json
same "$(jq_ "$T/out" '$[0].file_no')" "$A"
same "$(jq_ "$T/out" '$[0].answers.wellbeing')" 4
same "$(jq_ "$T/out" '$[0].revision')" 2
same "$(jq_ "$T/out" '$[1].answers.wellbeing')" 9
same "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$T/out') AS TEXT))")" 2

expect 0 export intake --csv
has "$T/out" "Élisabeth"
expect 1 export nosuchform
expect 2 export
expect 2 export profile --xml
finish
