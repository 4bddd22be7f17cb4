/* `parcours check` (check.h): drives the store's walks and judges what they
 * read. Answers go through stored.h, the path every command reads them by,
 * so what check calls damaged is exactly what stops show and the reports. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/check.h"
#include "parcours/programme.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/store_check.h"
#include "parcours/stored.h"
#include "parcours/text.h"

struct run {
	struct pc_ctx *c;
	struct pc_check *out;
	void (*progress)(void *ctx, long long revisions);
	void *pctx;
	struct pc_problems *pr;
	bool oom;
	bool failed; /* a lookup inside a walk failed; its problem is in pr */
	/* the last form looked up: revisions come grouped by participant, so
	 * the same few forms repeat */
	const char *form_id;
	const struct pc_form *form;
};

static char *dup_or_null(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

/* Counts the issue and keeps it while the list has room. */
static void issue(struct run *r, struct pc_check_list *l, const char *file_no, const char *form,
                  const char *period, long long revision, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void issue(struct run *r, struct pc_check_list *l, const char *file_no, const char *form,
                  const char *period, long long revision, const char *fmt, ...)
{
	l->total++;
	if (l->len == PC_CHECK_KEEP)
		return;
	if (!l->items && !(l->items = calloc(PC_CHECK_KEEP, sizeof(*l->items)))) {
		r->oom = true;
		return;
	}
	struct pc_check_issue *it = &l->items[l->len];
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	*it = (struct pc_check_issue){dup_or_null(file_no, &r->oom), dup_or_null(form, &r->oom),
	                              dup_or_null(period, &r->oom), revision,
	                              dup_or_null(msg, &r->oom)};
	l->len++;
}

static void on_integrity(void *ctx, const char *message)
{
	struct run *r = ctx;
	issue(r, &r->out->integrity, NULL, NULL, NULL, 0, "%s", message);
}

static bool on_revision(void *ctx, const struct pc_check_revision *rev)
{
	struct run *r = ctx;
	r->out->revisions++;
	if (r->progress && r->out->revisions % 10000 == 0)
		r->progress(r->pctx, r->out->revisions);
	if (!r->form_id || strcmp(r->form_id, rev->form)) {
		/* a pointer into the formset, which outlives the walk */
		r->form = pc_formset_find(r->c->forms, rev->form);
		r->form_id = r->form ? r->form->id : NULL;
	}
	const char *who = rev->file_no ? rev->file_no : rev->participant_id;
	if (!rev->file_no)
		issue(r, &r->out->answers, who, rev->form, rev->period, rev->revision, "%s",
		      _("no participant has this revision's participant id"));
	char why[512];
	struct pc_json *v = NULL;
	if (!rev->answers || strlen(rev->answers) != rev->answers_len)
		snprintf(why, sizeof(why), "%s", _("the answers hold a NUL byte"));
	else if (!(v = pc_json_parse(rev->answers, rev->answers_len, why, sizeof(why))))
		; /* why holds the parser's reason */
	else if (pc_stored_shape_ok(r->form, v, why, sizeof(why)))
		why[0] = '\0';
	pc_json_free(&v);
	if (why[0])
		issue(r, &r->out->answers, who, rev->form, rev->period, rev->revision, "%s", why);
	return !r->oom;
}

/* How many space-separated words `keys` holds, and whether each word of
 * `want` is among them. */
static size_t words(const char *keys)
{
	size_t n = 0;
	for (const char *p = keys; *p;) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		n += len > 0;
		p += len;
	}
	return n;
}

static bool keys_hold(const char *have, const char *want)
{
	size_t hl = strlen(have);
	for (const char *p = want; *p;) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (!len)
			break;
		bool found = false;
		for (const char *q = have;
		     !found && (q = strstr(q, " ")) && q + 1 + len < have + hl + 1; q++)
			found = !strncmp(q + 1, p, len) && q[1 + len] == ' ';
		if (!found)
			return false;
		p += len;
	}
	return true;
}

static bool on_person(void *ctx, const struct pc_check_person *p)
{
	struct run *r = ctx;
	size_t missing = 0;
	r->out->participants++;
	char *fam = pc_text_fold(p->family_name), *giv = pc_text_fold(p->given_name);
	char *tokens = pc_search_tokens(NULL, p->family_name, p->given_name);
	char *keys = tokens ? pc_store_search_keys(tokens, p->file_no) : NULL;
	if (!fam || !giv || !keys) {
		r->oom = true;
		goto out;
	}
	if (strcmp(fam, p->family_folded) || strcmp(giv, p->given_folded))
		issue(r, &r->out->search, p->file_no, NULL, NULL, 0, "%s",
		      _("the folded names do not match the names"));
	else if (words(keys) != words(p->search_keys) || !keys_hold(p->search_keys, keys))
		issue(r, &r->out->search, p->file_no, NULL, NULL, 0, "%s",
		      _("the search keys do not match the names"));
	else if (pc_store_check_tokens_missing(r->c->store, p, &missing, r->pr) != PC_OK)
		r->failed = true;
	else if (missing)
		issue(r, &r->out->search, p->file_no, NULL, NULL, 0,
		      _("%zu of %zu search tokens are missing from the index"), missing,
		      words(p->search_keys));
out:
	free(fam);
	free(giv);
	free(tokens);
	free(keys);
	return !r->oom && !r->failed;
}

static bool on_token(void *ctx, const char *file_no, const char *token)
{
	struct run *r = ctx;
	issue(r, &r->out->search, file_no, NULL, NULL, 0,
	      _("the search token \"%s\" does not belong to this file"), token);
	return !r->oom;
}

static bool on_counter(void *ctx, long long year, long long last, long long highest)
{
	struct run *r = ctx;
	if (last < 0)
		issue(r, &r->out->counter, NULL, NULL, NULL, year,
		      _("%lld: no file-number counter, but file numbers up to %lld exist"), year,
		      highest);
	else
		issue(r, &r->out->counter, NULL, NULL, NULL, year,
		      _("%lld: the file-number counter is at %lld, behind file number %lld"), year,
		      last, highest);
	return !r->oom;
}

static bool on_exit_row(void *ctx, const char *file_no, const char *date, const char *reason)
{
	struct run *r = ctx;
	const struct pc_exit_reasons *l = r->c->programmes ? &r->c->programmes->exit_reasons : NULL;
	/* without a list every reason is as good as another */
	if (l && l->len && (!reason || !pc_exit_reason_find(l, reason)))
		issue(r, &r->out->exit_reasons, file_no, NULL, NULL, 0,
		      _("the exit of %s gives a reason that is not in the list, shown as written: "
		        "\"%.60s\""),
		      date ? date : "?", reason ? reason : "");
	return !r->oom;
}

enum pc_status pc_check(struct pc_ctx *c, struct pc_check *out,
                        void (*progress)(void *ctx, long long revisions), void *pctx,
                        struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	struct run r = {.c = c, .out = out, .progress = progress, .pctx = pctx, .pr = pr};
	/* each walk runs even when an earlier one found damage: the summary
	 * says everything that is wrong at once */
	enum pc_status st = pc_store_check_integrity(c->store, on_integrity, &r, pr);
	enum pc_status s2 = pc_store_check_revisions(c->store, on_revision, &r, pr);
	enum pc_status s3 = pc_store_check_people(c->store, on_person, &r, pr);
	enum pc_status s4 = pc_store_check_token_rows(c->store, on_token, &r, &out->token_rows, pr);
	enum pc_status s5 = pc_store_check_counter(c->store, on_counter, &r, pr);
	enum pc_status s6 = pc_store_check_exits(c->store, on_exit_row, &r, pr);
	enum pc_status s7 = pc_check_totals(c, out, pr);
	if (st == PC_OK)
		st = s2 != PC_OK   ? s2
		     : s3 != PC_OK ? s3
		     : s4 != PC_OK ? s4
		     : s5 != PC_OK ? s5
		     : s6 != PC_OK ? s6
		                   : s7;
	if (st == PC_OK && r.failed)
		st = PC_UNUSABLE;
	if (r.oom) {
		pc_problems_add(pr, false, "check", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	return st;
}

bool pc_check_ok(const struct pc_check *r)
{
	return !r->integrity.total && !r->answers.total && !r->search.total && !r->counter.total &&
	       (!r->totals.total || r->totals_rebuilt);
}

static void list_clear(struct pc_check_list *l)
{
	for (size_t i = 0; i < l->len; i++) {
		free(l->items[i].file_no);
		free(l->items[i].form);
		free(l->items[i].period);
		free(l->items[i].message);
	}
	free(l->items);
	*l = (struct pc_check_list){0};
}

void pc_check_clear(struct pc_check *r)
{
	list_clear(&r->integrity);
	list_clear(&r->answers);
	list_clear(&r->search);
	list_clear(&r->counter);
	list_clear(&r->exit_reasons);
	list_clear(&r->totals);
}
