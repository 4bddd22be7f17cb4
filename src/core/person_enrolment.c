/* The enrolments and exits of one person as show and export-person write
 * them (person.h): programme titles and exit reasons as labels, codes kept
 * beside them in JSON, and the part a reader may see decided by the forms'
 * access (staff.h). Read-only; the audit entry is the caller's. */
#include <stdlib.h>
#include <string.h>
#include "parcours/closed_change.h"
#include "parcours/contract.h"
#include "parcours/eligibility.h"
#include "parcours/format.h"
#include "parcours/enrolment.h"
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/person.h"
#include "parcours/programme.h"
#include "parcours/staff.h"

/* Whether c->login may read form `id` of p: PC_OK/PC_REFUSED into *yes,
 * the refusal's problem dropped (not seeing a part is not an error). */
static enum pc_status may_read(struct pc_ctx *c, const struct pc_participant *p, const char *id,
                               bool *yes, struct pc_problems *pr)
{
	struct pc_problems quiet = {0};
	enum pc_status st =
	    pc_staff_can_form(c, p, pc_formset_find(c->forms, id), id, false, &quiet);
	*yes = st == PC_OK;
	if (st == PC_UNUSABLE && quiet.len)
		pc_problems_add(pr, false, quiet.items[0].where, "%s", quiet.items[0].message);
	pc_problems_clear(&quiet);
	return st == PC_UNUSABLE ? st : PC_OK;
}

static void json_str_or_null(struct pc_buf *b, const char *s)
{
	if (s)
		pc_buf_json_string(b, s);
	else
		pc_buf_puts(b, "null");
}

/* What is kept beside one person's enrolments (issue 13): the reasons
 * given for closed months their dates changed, and each contract. */
struct extras {
	struct pc_closed_change *changes;
	size_t nchanges;
	struct pc_contract *contracts; /* one per enrolment row */
};

static void contract_json(const struct pc_contract *k, struct pc_buf *b)
{
	pc_buf_puts(b, ",\"contract\":");
	if (!k || !k->n) {
		pc_buf_puts(b, "null");
		return;
	}
	pc_buf_puts(b, "{\"end\":");
	pc_buf_json_string(b, pc_contract_current_end(k));
	pc_buf_printf(b, ",\"renewals\":%zu,\"terms\":[", k->n - 1);
	for (size_t i = 0; i < k->n; i++) {
		pc_buf_printf(b, "%s{\"renewal\":%d,\"end\":", i ? "," : "", k->terms[i].renewal);
		pc_buf_json_string(b, k->terms[i].end);
		pc_buf_puts(b, ",\"by\":");
		json_str_or_null(b, k->terms[i].by);
		pc_buf_puts(b, ",\"at\":");
		json_str_or_null(b, k->terms[i].at);
		pc_buf_putc(b, '}');
	}
	pc_buf_puts(b, "]}");
}

static void changes_json(const struct extras *x, const struct pc_enrolment_row *e,
                         struct pc_buf *b)
{
	pc_buf_puts(b, ",\"closed_month_changes\":[");
	size_t k = 0;
	for (size_t i = 0; i < x->nchanges; i++) {
		const struct pc_closed_change *ch = &x->changes[i];
		if (!ch->enrolment_id || !e->id || strcmp(ch->enrolment_id, e->id))
			continue;
		pc_buf_puts(b, k++ ? ",{\"period\":" : "{\"period\":");
		json_str_or_null(b, ch->period);
		pc_buf_puts(b, ",\"change\":");
		json_str_or_null(b, ch->change);
		pc_buf_puts(b, ",\"date\":");
		json_str_or_null(b, ch->date);
		pc_buf_puts(b, ",\"reason\":");
		json_str_or_null(b, ch->reason);
		pc_buf_puts(b, ",\"by\":");
		json_str_or_null(b, ch->by);
		pc_buf_puts(b, ",\"at\":");
		json_str_or_null(b, ch->at);
		pc_buf_putc(b, '}');
	}
	pc_buf_putc(b, ']');
}

static void contract_text(const struct pc_contract *k, struct pc_buf *b)
{
	if (!k || !k->n)
		return;
	pc_buf_printf(b, _("    contract until %s"), pc_contract_current_end(k));
	if (k->n > 1)
		pc_buf_printf(b, _(" (first end %s; renewals: %zu)"), k->terms[0].end, k->n - 1);
	pc_buf_putc(b, '\n');
	for (size_t i = 1; i < k->n; i++)
		pc_buf_printf(b, _("      renewed until %s by %s on %s\n"), k->terms[i].end,
		              k->terms[i].by ? k->terms[i].by : "?", k->terms[i].at ? k->terms[i].at : "?");
}

static void changes_text(const struct extras *x, const struct pc_enrolment_row *e,
                         struct pc_buf *b)
{
	for (size_t i = 0; i < x->nchanges; i++) {
		const struct pc_closed_change *ch = &x->changes[i];
		if (!ch->enrolment_id || !e->id || strcmp(ch->enrolment_id, e->id))
			continue;
		pc_buf_printf(b,
		              ch->change && !strcmp(ch->change, "leave")
		                  ? _("    closed month %s changed by the exit on %s, by %s on %s: %s\n")
		                  : _("    closed month %s changed by the start on %s, by %s on %s: %s\n"),
		              ch->period ? ch->period : "?", ch->date ? ch->date : "?",
		              ch->by ? ch->by : "?", ch->at ? ch->at : "?",
		              ch->reason ? ch->reason : "");
	}
}

static enum pc_status enrolment_json(struct pc_ctx *c, const struct pc_participant *p,
                                     const struct pc_enrolment_row *e, bool details,
                                     const struct extras *x, const struct pc_contract *k,
                                     struct pc_buf *b, struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	const struct pc_programme *prog = pc_programme_find(c->programmes, e->programme);
	const struct pc_exit_reasons *reasons = c->programmes ? &c->programmes->exit_reasons : NULL;
	pc_buf_puts(b, "{\"programme\":");
	pc_buf_json_string(b, e->programme);
	pc_buf_puts(b, ",\"programme_title\":");
	json_str_or_null(b, prog ? pc_text_get(&prog->title) : NULL);
	pc_buf_puts(b, ",\"start\":");
	pc_buf_json_string(b, e->start);
	pc_buf_puts(b, ",\"end\":");
	json_str_or_null(b, e->end);
	/* the store keeps the counsellor on the person: it is the open
	 * enrolment's, unknown for those that ended */
	if (!e->end) {
		pc_buf_puts(b, ",\"counsellor\":");
		json_str_or_null(b, p->counsellor);
	}
	if (details) {
		if (e->hours >= 0)
			pc_buf_printf(b, ",\"hours\":%g", e->hours);
		else
			pc_buf_puts(b, ",\"hours\":null");
		/* written from the parsed value: valid JSON whatever the row holds */
		struct pc_json *ramp =
		    e->ramp ? pc_json_parse(e->ramp, strlen(e->ramp), NULL, 0) : NULL;
		pc_buf_puts(b, ",\"ramp\":");
		if (ramp && ramp->kind == PC_JSON_ARRAY)
			pc_json_write(ramp, b, 0);
		else
			pc_buf_puts(b, "null");
		pc_json_free(&ramp);
		changes_json(x, e, b);
		/* a supervisor's exception to the programme's eligibility, if any */
		st = pc_eligibility_exception_show(c, e->id, true, b, pr);
	} else {
		pc_buf_puts(b, ",\"not_shown\":[\"hours\",\"ramp\",\"exit_reason\"]");
	}
	contract_json(k, b);
	pc_buf_puts(b, ",\"exit\":");
	if (!e->end) {
		pc_buf_puts(b, "null}");
		return st;
	}
	pc_buf_puts(b, "{\"date\":");
	pc_buf_json_string(b, e->end);
	if (details) {
		pc_buf_puts(b, ",\"reason\":");
		json_str_or_null(b, e->end_reason);
		pc_buf_puts(b, ",\"reason_label\":");
		json_str_or_null(b, pc_exit_reason_label(reasons, e->end_reason));
		pc_buf_printf(b, ",\"listed\":%s",
		              pc_exit_reason_find(reasons, e->end_reason) ? "true" : "false");
	}
	pc_buf_puts(b, "}}");
	return st;
}

/* "20, 40, 60" from a stored ramp; the row's text when it does not parse. */
static void ramp_text(const char *stored, struct pc_buf *b)
{
	struct pc_json *ramp = stored ? pc_json_parse(stored, strlen(stored), NULL, 0) : NULL;
	if (!ramp || ramp->kind != PC_JSON_ARRAY) {
		pc_buf_puts(b, stored ? stored : "");
	} else {
		for (size_t i = 0; i < ramp->len; i++) {
			char *s = pc_json_to_string(ramp->items[i]);
			pc_buf_printf(b, "%s%s", i ? ", " : "", s ? s : "?");
			free(s);
		}
	}
	pc_json_free(&ramp);
}

static enum pc_status enrolment_text(struct pc_ctx *c, const struct pc_participant *p,
                                     const struct pc_enrolment_row *e, bool details,
                                     const struct extras *x, const struct pc_contract *k,
                                     struct pc_buf *b, struct pc_problems *pr)
{
	const struct pc_programme *prog = pc_programme_find(c->programmes, e->programme);
	const struct pc_exit_reasons *reasons = c->programmes ? &c->programmes->exit_reasons : NULL;
	pc_buf_printf(b, _("  %s: from %s"), prog ? pc_text_get(&prog->title) : e->programme,
	              e->start);
	if (e->end)
		pc_buf_printf(b, _(" to %s"), e->end);
	if (!e->end && p->counsellor)
		pc_buf_printf(b, _(", counsellor %s"), p->counsellor);
	if (details && e->hours >= 0) {
		char h[PC_FORMAT_MAX];
		pc_buf_printf(b, _(", %s a month"), pc_format_hours(h, sizeof(h), e->hours));
	}
	if (details && e->ramp && strcmp(e->ramp, "[]")) {
		struct pc_buf r = {0};
		ramp_text(e->ramp, &r);
		pc_buf_printf(b, _(", ramp %s h"), r.data ? r.data : "?");
		b->failed |= r.failed;
		pc_buf_free(&r);
	}
	pc_buf_putc(b, '\n');
	enum pc_status st = details ? pc_eligibility_exception_show(c, e->id, false, b, pr) : PC_OK;
	if (e->end && details)
		pc_buf_printf(b, _("    exit on %s: %s\n"), e->end,
		              e->end_reason ? pc_exit_reason_label(reasons, e->end_reason)
		                            : _("(no reason)"));
	else if (e->end)
		pc_buf_printf(b, _("    exit on %s\n"), e->end);
	contract_text(k, b);
	if (details)
		changes_text(x, e, b);
	return st;
}

enum pc_status pc_person_enrolments(struct pc_ctx *c, const struct pc_participant *p, bool json,
                                    struct pc_buf *out, bool *shown, struct pc_problems *pr)
{
	*shown = false;
	bool see = false, details = false;
	enum pc_status st = may_read(c, p, "intake", &see, pr);
	if (st == PC_OK && see)
		st = may_read(c, p, "participation", &details, pr);
	if (st != PC_OK || !see)
		return st;
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	if ((st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr)) != PC_OK)
		return st;
	struct extras x = {.contracts = calloc(n ? n : 1, sizeof(*x.contracts))};
	if (!x.contracts) {
		pc_problems_add(pr, false, p->file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	for (size_t i = 0; st == PC_OK && i < n; i++)
		st = pc_store_contract_terms(c->store, rows[i].id, &x.contracts[i], pr);
	if (st == PC_OK && details)
		st = pc_store_closed_changes(c->store, p->id, &x.changes, &x.nchanges, pr);
	if (st != PC_OK)
		goto out;
	*shown = true;
	if (json)
		pc_buf_putc(out, '[');
	else if (n)
		pc_buf_puts(out, _("\nEnrolments\n"));
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		if (json) {
			pc_buf_puts(out, i ? "," : "");
			st = enrolment_json(c, p, &rows[i], details, &x, &x.contracts[i], out, pr);
		} else {
			st = enrolment_text(c, p, &rows[i], details, &x, &x.contracts[i], out, pr);
		}
	}
	if (json)
		pc_buf_putc(out, ']');
out:
	for (size_t i = 0; x.contracts && i < n; i++)
		pc_contract_clear(&x.contracts[i]);
	free(x.contracts);
	pc_closed_changes_free(&x.changes, x.nchanges);
	pc_enrolment_rows_free(&rows, n);
	return st;
}
