/* Closed months changed by an enrolment (closed_change.h): which closed
 * months an enrolment's start or an exit dated back alters, the reason
 * that change needs, and its rows per month. Called inside the enrol or
 * leave transaction (participation.c); never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/closed_change.h"
#include "parcours/due.h"
#include "parcours/i18n.h"
#include "parcours/json.h"

void pc_closed_changes_free(struct pc_closed_change **list, size_t n)
{
	for (size_t i = 0; *list && i < n; i++) {
		struct pc_closed_change *ch = &(*list)[i];
		char *f[] = {ch->enrolment_id, ch->period, ch->change, ch->date,
			     ch->reason,       ch->by,     ch->at};
		for (size_t j = 0; j < sizeof(f) / sizeof(*f); j++)
			free(f[j]);
	}
	free(*list);
	*list = NULL;
}

static void periods_free(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* The first day whose month a change alters: an enrolment's start, the
 * day after an exit (the exit's own day is still within it). */
static bool first_day_of(enum pc_closed_change_kind kind, const char *date, char out[11])
{
	if (kind == PC_CHANGE_ENROL) {
		long days;
		if (!pc_date_days(date, &days))
			return false;
		memcpy(out, date, 11);
		return true;
	}
	return pc_date_add_days(date, 1, out);
}

/* The closed months from first_day's month on, joined by ", " into b. */
static enum pc_status altered(struct pc_ctx *c, const char *first_day, char ***l, size_t *n,
			      struct pc_buf *b, struct pc_problems *pr)
{
	char period[8];
	snprintf(period, sizeof(period), "%.7s", first_day);
	enum pc_status st = pc_store_closed_from(c->store, period, l, n, pr);
	for (size_t i = 0; st == PC_OK && i < *n; i++)
		pc_buf_printf(b, "%s%s", i ? ", " : "", (*l)[i]);
	if (st == PC_OK && b->failed) {
		pc_problems_add(pr, false, "period", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	return st;
}

enum pc_status pc_closed_change_needed(struct pc_ctx *c, enum pc_closed_change_kind kind,
				       const char *date, bool *needed, char *months, size_t size,
				       struct pc_problems *pr)
{
	*needed = false;
	if (size)
		months[0] = '\0';
	char first[11];
	if (!first_day_of(kind, date, first))
		return PC_OK; /* the date's own problem is the operation's */
	char **l = NULL;
	size_t n = 0;
	struct pc_buf b = {0};
	enum pc_status st = altered(c, first, &l, &n, &b, pr);
	*needed = st == PC_OK && n > 0;
	if (*needed && size)
		snprintf(months, size, "%s", b.data);
	pc_buf_free(&b);
	periods_free(l, n);
	return st;
}

enum pc_status pc_closed_change_apply(struct pc_ctx *c, const char *participant_id,
				      const char *enrolment_id, enum pc_closed_change_kind kind,
				      const char *date, const char *reason, const char *field,
				      const char *option, struct pc_problems *pr)
{
	char **l = NULL, first_day[11];
	size_t n = 0;
	struct pc_buf b = {0};
	if (!first_day_of(kind, date, first_day))
		return PC_OK; /* the date's own problem is the operation's */
	enum pc_status st = altered(c, first_day, &l, &n, &b, pr);
	if (st != PC_OK || !n)
		goto out;
	if (!reason || !reason[strspn(reason, " \t\n")]) {
		pc_problems_add(pr, false, field,
				kind == PC_CHANGE_ENROL
					? _("a start on %s changes the closed months %s: give the "
					    "reason (%s)")
					: _("an exit on %s changes the closed months %s: give the "
					    "reason (%s)"),
				date, b.data, option);
		st = PC_REFUSED;
		goto out;
	}
	char now[21];
	pc_clock_now(now);
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		struct pc_closed_change ch = {
			.enrolment_id = (char *)enrolment_id,
			.period = l[i],
			.change = kind == PC_CHANGE_ENROL ? "enrol" : "leave",
			.date = (char *)date,
			.reason = (char *)reason,
			.by = (char *)c->login,
			.at = now,
		};
		st = pc_store_closed_change_add(c->store, &ch, participant_id, pr);
	}
out:
	pc_buf_free(&b);
	periods_free(l, n);
	return st;
}

struct report_run {
	struct pc_buf *out;
	bool json;
	size_t n;
};

static bool one_reason(void *ctx, const char *file_no, const char *what, const char *reason,
		       const char *by, const char *at)
{
	struct report_run *r = ctx;
	if (r->json) {
		pc_buf_puts(r->out, r->n ? ",{\"file_no\":" : "{\"file_no\":");
		pc_buf_json_string(r->out, file_no ? file_no : "");
		pc_buf_puts(r->out, ",\"what\":");
		pc_buf_json_string(r->out, what ? what : "");
		pc_buf_puts(r->out, ",\"reason\":");
		pc_buf_json_string(r->out, reason ? reason : "");
		pc_buf_puts(r->out, ",\"by\":");
		pc_buf_json_string(r->out, by ? by : "");
		pc_buf_puts(r->out, ",\"at\":");
		pc_buf_json_string(r->out, at ? at : "");
		pc_buf_putc(r->out, '}');
	} else {
		if (!r->n)
			pc_buf_printf(r->out, "\n%s\n", _("Changes with a reason"));
		pc_buf_printf(r->out, _("  %s  %s, by %s on %s: %s\n"), file_no ? file_no : "",
			      what ? what : "", by ? by : "", at ? at : "", reason ? reason : "");
	}
	r->n++;
	return !r->out->failed;
}

enum pc_status pc_closed_change_report(struct pc_ctx *c, const char *period, bool json,
				       struct pc_buf *out, struct pc_problems *pr)
{
	struct report_run r = {out, json, 0};
	if (json)
		pc_buf_putc(out, '[');
	enum pc_status st = pc_store_month_reasons_each(c->store, period, one_reason, &r, pr);
	if (json)
		pc_buf_putc(out, ']');
	return st;
}
