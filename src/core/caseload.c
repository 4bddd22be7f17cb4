/* Caseloads (caseload.h): assigning a participant's counsellor (a
 * supervisor's act, recorded in the audit log with the old and the new
 * counsellor), the counsellors a picker offers, and the "my caseload"
 * search of the list screen. The counsellor lives on the participant, so a
 * person not yet enrolled can have one; enrolling with --counsellor sets
 * the same field. No SQL here (src/store/caseload.c), no printing. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/caseload.h"
#include "parcours/i18n.h"
#include "parcours/text.h"

/* Refuses a login that cannot follow people: not on the staff, disabled,
 * or without the counsellor role. */
static enum pc_status counsellor_ok(struct pc_ctx *c, const char *login, struct pc_problems *pr)
{
	struct pc_staff st = {0};
	enum pc_status s = pc_store_staff_get(c->store, login, &st, pr);
	if (s != PC_OK)
		return s;
	const char *why = NULL;
	if (!st.login)
		why = _("is not on the staff: add them with \"parcours staff add\"");
	else if (st.disabled)
		why = _("is disabled: an administrator may enable them again");
	else if (!(st.roles & PC_ROLE_COUNSELLOR))
		why = _("is not a counsellor: only a counsellor can follow participants");
	if (why)
		pc_problems_add(pr, false, login, "%s", why);
	pc_staff_clear(&st);
	return why ? PC_REFUSED : PC_OK;
}

enum pc_status pc_assign(struct pc_ctx *c, const char *file_no, const char *login, char **was,
                         bool *changed, struct pc_problems *pr)
{
	struct pc_participant p = {0};
	struct pc_buf detail = {0};
	bool moved = false;
	if (was)
		*was = NULL;
	if (!pc_staff_login_ok(login)) {
		pc_problems_add(pr, false, "login", "%s",
		                _("a login is 1 to 32 letters, digits, '.', '_', '-' or '@', not "
		                  "starting with '-'"));
		return PC_REFUSED;
	}
	enum pc_status st = pc_staff_can(c, PC_DO_ASSIGN, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	/* read, checked and written under the write lock: "OLD" is what was
	 * really replaced, even when two supervisors assign at once */
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		return st;
	st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st == PC_OK)
		st = counsellor_ok(c, login, pr);
	moved = st == PC_OK && (!p.counsellor || strcmp(p.counsellor, login));
	if (moved) {
		pc_buf_printf(&detail, "%s -> %s", p.counsellor ? p.counsellor : "-", login);
		st = detail.failed ? PC_UNUSABLE
		                   : pc_store_participant_set_counsellor(c->store, p.id, login, pr);
		if (detail.failed)
			pc_problems_add(pr, false, file_no, "%s", _("out of memory"));
	}
	if (moved && st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_ASSIGN, &p, NULL, detail.data, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st == PC_OK && was && p.counsellor) {
		*was = p.counsellor;
		p.counsellor = NULL;
	}
	if (changed)
		*changed = st == PC_OK && moved;
	pc_buf_free(&detail);
	pc_participant_clear(&p);
	return st;
}

enum pc_status pc_counsellors(struct pc_ctx *c, struct pc_staff **out, size_t *n,
                              struct pc_problems *pr)
{
	enum pc_status st = pc_staff_list(c, out, n, pr);
	if (st != PC_OK)
		return st;
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		if ((*out)[i].disabled || !((*out)[i].roles & PC_ROLE_COUNSELLOR))
			pc_staff_clear(&(*out)[i]);
		else
			(*out)[kept++] = (*out)[i];
	}
	*n = kept;
	return PC_OK;
}

bool pc_caseload_first(struct pc_ctx *c)
{
	struct pc_staff me = {0};
	struct pc_problems ignored = {0};
	bool mine = pc_staff_me(c, &me, &ignored) == PC_OK && (me.roles & PC_ROLE_COUNSELLOR);
	pc_staff_clear(&me);
	pc_problems_clear(&ignored);
	return mine;
}

/* The folded words of a query, NUL-separated, as pc_search splits them. */
struct words {
	struct pc_buf buf;
	const char *at[8];
	size_t n;
};

static void one_word(void *ctx, const char *tok, size_t len)
{
	struct words *w = ctx;
	if (!len || w->n == sizeof(w->at) / sizeof(w->at[0]))
		return;
	pc_buf_add(&w->buf, tok, len);
	pc_buf_putc(&w->buf, '\0');
	w->n++;
}

enum pc_status pc_caseload_search(struct pc_ctx *c, const char *query, size_t limit,
                                  struct pc_participant **out, size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	if (st != PC_OK)
		return st;
	struct words w = {0};
	char *folded = pc_text_fold(query ? query : "");
	if (folded)
		pc_text_tokens(folded, one_word, &w);
	free(folded);
	if (!folded || w.buf.failed) {
		pc_buf_free(&w.buf);
		pc_problems_add(pr, false, "search", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	const char *p = w.buf.data;
	for (size_t i = 0; i < w.n; i++, p += strlen(p) + 1)
		w.at[i] = p;
	st = pc_store_caseload_search(c->store, c->login, w.at, w.n, limit, out, n, pr);
	pc_buf_free(&w.buf);
	return st;
}
