/* The store's side of contracts (contract.h): the end dates of an
 * enrolment's contract, written once each, read in renewal order. Only SQL
 * here; the date rules and who may renew are in src/core/contract.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/contract.h"
#include "store/store_internal.h"

static const char SQL_ADD[] =
    "INSERT INTO contract_term (enrolment_id, renewal, end_date, set_by, set_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

enum pc_status pc_store_contract_add(struct pc_store *s, const char *enrolment_id, int renewal,
                                     const char *end, const char *by, const char *at,
                                     struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_ADD, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, enrolment_id);
	sqlite3_bind_int(q, 2, renewal);
	store_bind_text(q, 3, end);
	store_bind_text(q, 4, by);
	store_bind_text(q, 5, at);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

static const char SQL_TERMS[] = "SELECT renewal, end_date, set_by, set_at FROM contract_term "
                                "WHERE enrolment_id = ?1 ORDER BY renewal";

enum pc_status pc_store_contract_terms(struct pc_store *s, const char *enrolment_id,
                                       struct pc_contract *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_stmt(s, SQL_TERMS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, enrolment_id);
	size_t cap = 0;
	int rc;
	enum pc_status st = PC_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 4;
			struct pc_contract_term *t = realloc(out->terms, cap * sizeof(*t));
			if (!t) {
				st = store_oom(pr);
				break;
			}
			out->terms = t;
		}
		struct pc_contract_term *t = &out->terms[out->n++];
		memset(t, 0, sizeof(*t));
		bool oom = false;
		t->renewal = sqlite3_column_int(q, 0);
		const char *end = (const char *)sqlite3_column_text(q, 1);
		if (end && strlen(end) == 10)
			memcpy(t->end, end, 11);
		t->by = store_column_dup(q, 2, &oom);
		t->at = store_column_dup(q, 3, &oom);
		if (oom) {
			st = store_oom(pr);
			break;
		}
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK)
		pc_contract_clear(out);
	return st;
}
