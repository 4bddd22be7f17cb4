-- parcours schema 15: the first page of a one- or two-character search
-- served by an index in the list's order. A search for "p" or "tr" matches
-- a large share of everyone; these indexes give its matches already in
-- name order (then file numbers by length, then text), so the console
-- reads the first page and stops. SQLite keeps them with participant_token:
-- nothing to rebuild after a write, a sync or a repair.
CREATE INDEX IF NOT EXISTS participant_token_first1
	ON participant_token (substr(token, 1, 1), family_folded, given_folded,
	                      length(file_no), file_no);
CREATE INDEX IF NOT EXISTS participant_token_first2
	ON participant_token (substr(token, 1, 2), family_folded, given_folded,
	                      length(file_no), file_no);
