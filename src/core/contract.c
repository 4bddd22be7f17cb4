/* Work contracts of an enrolment (contract.h): the date rules of a
 * contract's length and renewals, the end chosen at enrolment, and
 * renewing. Checks the programme's `contract:` and the enrol role, writes
 * through the store in one transaction with an audit entry; never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/contract.h"
#include "parcours/due.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/value.h"

bool pc_contract_end(const char *start, int months, char out[11])
{
	int y, m, d;
	if (!start || !pc_parse_date(start, &y, &m, &d) || months < 1 ||
	    months > PC_CONTRACT_MONTHS_MAX)
		return false;
	int k = (m - 1) + months;
	y += k / 12;
	m = k % 12 + 1;
	/* the same day `months` later starts the next contract: this one ends
	 * the day before; a month without that day ends on its last day */
	if (d > pc_days_in_month(y, m)) {
		snprintf(out, 11, "%04d-%02d-%02d", y, m, pc_days_in_month(y, m));
		return true;
	}
	char next[11];
	snprintf(next, sizeof(next), "%04d-%02d-%02d", y, m, d);
	return pc_date_add_days(next, -1, out);
}

bool pc_contract_renewal_end(const char *end, int months, char out[11])
{
	char next[11];
	return end && pc_date_add_days(end, 1, next) && pc_contract_end(next, months, out);
}

void pc_contract_clear(struct pc_contract *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->terms[i].by);
		free(k->terms[i].at);
	}
	free(k->terms);
	k->terms = NULL;
	k->n = 0;
}

const char *pc_contract_current_end(const struct pc_contract *k)
{
	return k->n ? k->terms[k->n - 1].end : "";
}

/* "6" into *months, else a problem at `where`. */
static bool months_ok(const char *text, const char *where, int *months, struct pc_problems *pr)
{
	char *e = NULL;
	long v = text ? strtol(text, &e, 10) : 0;
	if (text && *text && e && !*e && v >= 1 && v <= PC_CONTRACT_MONTHS_MAX) {
		*months = (int)v;
		return true;
	}
	pc_problems_add(pr, false, where, _("\"%s\" is not a number of months from 1 to %d"),
			text ? text : "", PC_CONTRACT_MONTHS_MAX);
	return false;
}

static bool date_ok(const char *s, const char *where, struct pc_problems *pr)
{
	int y, m, d;
	if (s && pc_parse_date(s, &y, &m, &d))
		return true;
	pc_problems_add(pr, false, where, _("\"%s\" is not a date: write it as YYYY-MM-DD"),
			s ? s : "");
	return false;
}

enum pc_status pc_contract_for_enrolment(const struct pc_programme *prog, const char *start,
					 const char *end, const char *months, char out[11],
					 struct pc_problems *pr)
{
	out[0] = '\0';
	if (!prog->contract) {
		if (!end && !months)
			return PC_OK;
		pc_problems_add(pr, false, end ? "contract_end" : "contract_months",
				_("%s has no work contract: leave out --contract-end and "
				  "--contract-months"),
				pc_text_get(&prog->title));
		return PC_REFUSED;
	}
	if (end && months) {
		pc_problems_add(pr, false, "contract_end", "%s",
				_("give the contract's end date or its length in months, not both"));
		return PC_REFUSED;
	}
	int n = 0;
	if (end) {
		if (!date_ok(end, "contract_end", pr))
			return PC_REFUSED;
		if (start && strcmp(end, start) < 0) {
			pc_problems_add(pr, false, "contract_end",
					_("the contract ends on %s, before the enrolment's start on %s"),
					end, start);
			return PC_REFUSED;
		}
		memcpy(out, end, 11);
		return PC_OK;
	}
	if (months && !months_ok(months, "contract_months", &n, pr))
		return PC_REFUSED;
	if (!months && !prog->ncontract_months)
		return PC_OK; /* no usual length: no end until one is given (renew) */
	if (!months)
		n = prog->contract_months[0];
	if (!start || !pc_contract_end(start, n, out)) {
		out[0] = '\0';
		return PC_REFUSED; /* the start's own problem is the caller's */
	}
	return PC_OK;
}

enum pc_status pc_contract_of(struct pc_ctx *c, const char *enrolment_id, struct pc_contract *out,
			      struct pc_problems *pr)
{
	return pc_store_contract_terms(c->store, enrolment_id, out, pr);
}

/* The open enrolment of p (its index in rows) or a problem. */
static enum pc_status open_enrolment(struct pc_ctx *c, const struct pc_participant *p,
				     struct pc_enrolment_row **rows, size_t *n, size_t *at,
				     struct pc_problems *pr)
{
	enum pc_status st = pc_store_enrolment_list(c->store, p->id, rows, n, pr);
	if (st != PC_OK)
		return st;
	for (size_t i = *n; i-- > 0;)
		if (!(*rows)[i].end) {
			*at = i;
			return PC_OK;
		}
	pc_problems_add(pr, false, "programme", "%s",
			_("this person is not enrolled in a programme"));
	return PC_REFUSED;
}

/* The new end of a renewal into out, checked against the programme and
 * the current end. */
static enum pc_status new_end(const struct pc_programme *prog, const struct pc_enrolment_row *e,
			      const struct pc_contract *k, const char *until, const char *months,
			      char out[11], struct pc_problems *pr)
{
	const char *title = prog ? pc_text_get(&prog->title) : e->programme;
	if (!prog || !prog->contract) {
		pc_problems_add(pr, false, "programme", _("%s has no work contract to renew"),
				title);
		return PC_REFUSED;
	}
	if (k->n && !prog->contract_renewable) {
		pc_problems_add(pr, false, "programme", _("a contract of %s is not renewable"),
				title);
		return PC_REFUSED;
	}
	const char *current = pc_contract_current_end(k);
	int n = 0;
	if (until) {
		if (!date_ok(until, "until", pr))
			return PC_REFUSED;
		memcpy(out, until, 11);
	} else if (!months_ok(months, "months", &n, pr)) {
		return PC_REFUSED;
	} else if (!(k->n ? pc_contract_renewal_end(current, n, out)
			  : pc_contract_end(e->start, n, out))) {
		pc_problems_add(pr, false, "months", "%s", _("the contract's dates cannot be read"));
		return PC_UNUSABLE;
	}
	if (k->n && strcmp(out, current) <= 0) {
		pc_problems_add(pr, false, until ? "until" : "months",
				_("the contract already runs until %s: a renewal ends after it"),
				current);
		return PC_REFUSED;
	}
	if (!k->n && strcmp(out, e->start) < 0) {
		pc_problems_add(pr, false, "until",
				_("the contract ends on %s, before the enrolment's start on %s"), out,
				e->start);
		return PC_REFUSED;
	}
	return PC_OK;
}

enum pc_status pc_renew(struct pc_ctx *c, const char *file_no, const char *until,
			const char *months, char end_out[11], struct pc_problems *pr)
{
	if ((until != NULL) == (months != NULL)) {
		pc_problems_add(pr, false, "until", "%s",
				_("give the new end date (--until) or the months added (--months), "
				  "one of them"));
		return PC_REFUSED;
	}
	struct pc_participant p = {0};
	struct pc_enrolment_row *rows = NULL;
	struct pc_contract k = {0};
	size_t n = 0, i = 0;
	char end[11] = "";
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st == PC_OK)
		st = pc_staff_can(c, PC_DO_ENROL, &p, NULL, pr);
	if (st == PC_OK)
		st = pc_audit_begin(c, pr);
	if (st != PC_OK)
		goto out;
	/* read and written in one transaction: two renewals cannot both be
	 * renewal number 2 */
	st = open_enrolment(c, &p, &rows, &n, &i, pr);
	if (st == PC_OK)
		st = pc_store_contract_terms(c->store, rows[i].id, &k, pr);
	if (st == PC_OK)
		st = new_end(pc_programme_find(c->programmes, rows[i].programme), &rows[i], &k, until,
			     months, end, pr);
	char now[21], detail[96];
	pc_clock_now(now);
	if (st == PC_OK)
		st = pc_store_contract_add(c->store, rows[i].id,
					   k.n ? k.terms[k.n - 1].renewal + 1 : 0, end, c->login, now,
					   pr);
	snprintf(detail, sizeof(detail), "renew until=%s renewal=%zu", end, k.n);
	st = pc_audit_commit(c, st, &p, NULL, detail, pr);
	if (st == PC_OK && end_out)
		memcpy(end_out, end, 11);
out:
	pc_contract_clear(&k);
	pc_enrolment_rows_free(&rows, n);
	pc_participant_clear(&p);
	return st;
}
