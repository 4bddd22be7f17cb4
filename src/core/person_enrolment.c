/* The enrolments and exits of one person as show and export-person write
 * them (person.h): programme titles and exit reasons as labels, codes kept
 * beside them in JSON, and the part a reader may see decided by the forms'
 * access (staff.h). Read-only; the audit entry is the caller's. */
#include <stdlib.h>
#include <string.h>
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

static void enrolment_json(struct pc_ctx *c, const struct pc_participant *p,
                           const struct pc_enrolment_row *e, bool details, struct pc_buf *b)
{
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
	} else {
		pc_buf_puts(b, ",\"not_shown\":[\"hours\",\"ramp\",\"exit_reason\"]");
	}
	pc_buf_puts(b, ",\"exit\":");
	if (!e->end) {
		pc_buf_puts(b, "null}");
		return;
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

static void enrolment_text(struct pc_ctx *c, const struct pc_participant *p,
                           const struct pc_enrolment_row *e, bool details, struct pc_buf *b)
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
	if (e->end && details)
		pc_buf_printf(b, _("    exit on %s: %s\n"), e->end,
		              e->end_reason ? pc_exit_reason_label(reasons, e->end_reason)
		                            : _("(no reason)"));
	else if (e->end)
		pc_buf_printf(b, _("    exit on %s\n"), e->end);
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
	*shown = true;
	if (json)
		pc_buf_putc(out, '[');
	else if (n)
		pc_buf_puts(out, _("\nEnrolments\n"));
	for (size_t i = 0; i < n; i++) {
		if (json) {
			pc_buf_puts(out, i ? "," : "");
			enrolment_json(c, p, &rows[i], details, out);
		} else {
			enrolment_text(c, p, &rows[i], details, out);
		}
	}
	if (json)
		pc_buf_putc(out, ']');
	pc_enrolment_rows_free(&rows, n);
	return PC_OK;
}
