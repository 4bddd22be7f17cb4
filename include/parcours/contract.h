/* Work contracts of an enrolment (Premières Heures, chantier d'insertion:
 * "6 mois renouvelable", "un an"): the end date set at enrolment, renewals
 * kept with who and when, and the date rules they follow. Which programmes
 * have contracts, and their usual lengths, is data (programmes.yaml
 * `contract:`). The due list (due.h) reads the current end; nothing prints. */
#ifndef PARCOURS_CONTRACT_H
#define PARCOURS_CONTRACT_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/programme.h"

enum {
	PC_CONTRACT_MONTHS_MAX = 60, /* --contract-months, --months: 1 to 60 */
	PC_CONTRACT_AHEAD = 30,      /* a contract ending within this many days is due */
};

/* ---- dates (pure) ---- */
/* The last day of a contract of `months` months from `start`: the day
 * before start's day of the month `months` later, or that month's last day
 * when it has no such day (2026-01-15 + 6: 2026-07-14; 2026-08-31 + 6:
 * 2027-02-28; 2027-08-31 + 6: 2028-02-29). False when `start` is not a
 * date or `months` is not 1..PC_CONTRACT_MONTHS_MAX. */
bool pc_contract_end(const char *start, int months, char out[11]);
/* The end of a renewal for `months` months of a contract that ends on
 * `end`: a contract starting the day after (2027-02-28 + 6: 2027-08-31). */
bool pc_contract_renewal_end(const char *end, int months, char out[11]);

/* ---- a contract as stored ---- */
struct pc_contract_term {
	int renewal;  /* 0: set at enrolment; 1, 2...: renewals */
	char end[11]; /* YYYY-MM-DD */
	char *by, *at;
};
struct pc_contract {
	struct pc_contract_term *terms; /* renewal order; terms[n - 1].end is the end */
	size_t n;
};
void pc_contract_clear(struct pc_contract *k);
/* The current end ("" when no term is recorded). */
const char *pc_contract_current_end(const struct pc_contract *k);

/* ---- operations ---- */
/* The end of the contract of an enrolment in `prog` from `start`, into out:
 * `end` (a date, not before `start`) or `months` ("6"), at most one of
 * them; when neither, the programme's first usual length; "" when the
 * programme names none. A programme without contracts takes neither
 * (problem at "contract_end"). PC_REFUSED with every problem otherwise. */
enum pc_status pc_contract_for_enrolment(const struct pc_programme *prog, const char *start,
					 const char *end, const char *months, char out[11],
					 struct pc_problems *pr);
/* Renews the contract of the open enrolment of `file_no` until `until` or
 * for `months` more months after the current end (one of them): the new
 * end must come after the current one, the programme must have renewable
 * contracts. When no end was recorded, this records the first one. Kept
 * with c->login and the time, with an audit entry. The enrol role's
 * (staff.h PC_DO_ENROL). *end_out (may be NULL) gets the new end. */
enum pc_status pc_renew(struct pc_ctx *c, const char *file_no, const char *until,
			const char *months, char end_out[11], struct pc_problems *pr);
/* The terms of enrolment `enrolment_id` (none: out->n == 0). */
enum pc_status pc_contract_of(struct pc_ctx *c, const char *enrolment_id, struct pc_contract *out,
			      struct pc_problems *pr);

/* ---- the store's side (src/store/contract.c) ---- */
enum pc_status pc_store_contract_add(struct pc_store *s, const char *enrolment_id, int renewal,
				     const char *end, const char *by, const char *at,
				     struct pc_problems *pr);
enum pc_status pc_store_contract_terms(struct pc_store *s, const char *enrolment_id,
				       struct pc_contract *out, struct pc_problems *pr);

#endif
