/* The store's side of eligibility exceptions (eligibility.h): one row per
 * enrolment confirmed by a supervisor although the person did not meet the
 * programme's conditions. Only SQL here; the rule and the wording are
 * src/core/eligibility*.c's. */
#include <stdlib.h>
#include "store_internal.h"
#include "parcours/eligibility.h"

void pc_eligibility_exception_row_clear(struct pc_eligibility_exception_row *r)
{
	free(r->enrolment_id);
	free(r->participant_id);
	free(r->programme);
	free(r->conditions);
	free(r->reason);
	free(r->by);
	free(r->at);
	*r = (struct pc_eligibility_exception_row){0};
}

static const char SQL_ADD[] =
    "INSERT INTO eligibility_exception (enrolment_id, participant_id, programme, conditions, "
    "reason, confirmed_by, confirmed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

enum pc_status pc_store_eligibility_exception_add(struct pc_store *s,
                                                  const struct pc_eligibility_exception_row *r,
                                                  struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_ADD, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, r->enrolment_id);
	store_bind_text(q, 2, r->participant_id);
	store_bind_text(q, 3, r->programme);
	store_bind_text(q, 4, r->conditions);
	store_bind_text(q, 5, r->reason);
	store_bind_text(q, 6, r->by);
	store_bind_text(q, 7, r->at);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

static const char SQL_GET[] =
    "SELECT enrolment_id, participant_id, programme, conditions, reason, confirmed_by, "
    "confirmed_at FROM eligibility_exception WHERE enrolment_id = ?1";

enum pc_status pc_store_eligibility_exception_get(struct pc_store *s, const char *enrolment_id,
                                                  struct pc_eligibility_exception_row *out,
                                                  bool *found, struct pc_problems *pr)
{
	*out = (struct pc_eligibility_exception_row){0};
	*found = false;
	sqlite3_stmt *q = store_stmt(s, SQL_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, enrolment_id);
	int rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		char **cols[] = {&out->enrolment_id,
		                 &out->participant_id,
		                 &out->programme,
		                 &out->conditions,
		                 &out->reason,
		                 &out->by,
		                 &out->at};
		for (int i = 0; i < 7; i++)
			*cols[i] = store_column_dup(q, i, &oom);
		*found = true;
		rc = sqlite3_step(q);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE || oom) {
		pc_eligibility_exception_row_clear(out);
		*found = false;
		return oom ? store_oom(pr) : store_fail(s, rc, pr);
	}
	return PC_OK;
}
