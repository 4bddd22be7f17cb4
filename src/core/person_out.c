/* Output written as it is made (person.h: struct pc_person_out), shared by
 * show and export-person so that neither holds a whole file of thousands
 * of revisions. What to write, and where lines end, is the caller's. */
#include <string.h>
#include "parcours/json.h"
#include "parcours/person.h"
#include "parcours/store.h"
#include "parcours/stored.h"

bool pc_person_out_flush(struct pc_person_out *o, size_t at)
{
	o->failed |= o->b.failed;
	if (o->failed || o->b.len < at || !o->b.len)
		return !o->failed;
	if (!o->write(o->ctx, o->b.data, o->b.len))
		o->failed = true;
	pc_buf_reset(&o->b);
	return !o->failed;
}

struct check {
	struct pc_ctx *c;
	const char *file_no;
	struct pc_problems *pr;
	enum pc_status st;
};

static bool check_one(void *ctx, const struct pc_revision *r, const char *reason)
{
	(void)reason;
	struct check *k = ctx;
	struct pc_json *answers = NULL;
	k->st = pc_stored_answers(pc_formset_find(k->c->forms, r->form), r->form, k->file_no,
	                          r->period, r->answers, &answers, k->pr);
	pc_json_free(&answers);
	return k->st == PC_OK;
}

enum pc_status pc_person_revisions_check(struct pc_ctx *c, const struct pc_participant *p,
                                         const char *only, struct pc_problems *pr)
{
	struct check k = {c, p->file_no, pr, PC_OK};
	enum pc_status st = pc_store_revision_each(c->store, p->id, only, NULL, NULL, check_one, &k,
	                                           pr);
	return st == PC_OK ? k.st : st;
}

void pc_revision_json_fields(const struct pc_revision *r, const char *reason,
                             const struct pc_json *answers, struct pc_buf *b)
{
	pc_buf_printf(b, "\"revision\":%lld,\"form_version\":%d,\"by\":", r->revision,
	              r->form_version);
	pc_buf_json_string(b, r->by);
	pc_buf_puts(b, ",\"at\":");
	pc_buf_json_string(b, r->at);
	if (reason) {
		pc_buf_puts(b, ",\"reason\":");
		pc_buf_json_string(b, reason);
	}
	/* written from the parsed value: valid JSON whatever the row holds */
	pc_buf_puts(b, ",\"answers\":");
	if (answers)
		pc_json_write(answers, b, 0);
	else
		pc_buf_puts(b, "{}");
}
