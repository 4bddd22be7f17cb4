-- parcours schema 11: the list's order served by an index. Namesakes come
-- by file number, the shorter first then as text ("2026-2000" before
-- "2026-10000"; numbers carry at least four digits, so within one prefix
-- this is their numeric order). The walk in name order and the list of
-- everyone read this index in order, search_keys included, with no sort.
CREATE INDEX participant_list_order
	ON participant (family_folded, given_folded, length(file_no), file_no, search_keys);
