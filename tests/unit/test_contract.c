/* The date rules of work contracts (contract.h), computed by hand: a
 * contract of N months ends the day before the same day N months later, or
 * on the last day of that month when it has no such day (a start on the
 * 31st, on Feb 29); a renewal starts the day after the current end; the
 * end chosen at enrolment from the programme's `contract:`. */
#include "parcours/contract.h"
#include "parcours/i18n.h"
#include "test.h"

static void test_end(void)
{
	char out[11];
	/* the chantier's "6 mois": from the 15th to the 14th */
	CHECK(pc_contract_end("2026-01-15", 6, out));
	CHECK_STR(out, "2026-07-14");
	/* from the 1st: to the last day of the 6th month */
	CHECK(pc_contract_end("2026-01-01", 6, out));
	CHECK_STR(out, "2026-06-30");
	/* "un an" */
	CHECK(pc_contract_end("2026-03-02", 12, out));
	CHECK_STR(out, "2027-03-01");
	/* a start on the 31st: February has none, its last day ends it */
	CHECK(pc_contract_end("2026-08-31", 6, out));
	CHECK_STR(out, "2027-02-28");
	CHECK(pc_contract_end("2027-08-31", 6, out));
	CHECK_STR(out, "2028-02-29"); /* 2028 is a leap year */
	CHECK(pc_contract_end("2026-08-30", 6, out));
	CHECK_STR(out, "2027-02-28");
	CHECK(pc_contract_end("2026-08-29", 6, out));
	CHECK_STR(out, "2027-02-28"); /* no Feb 29 in 2027: its last day */
	CHECK(pc_contract_end("2026-08-28", 6, out));
	CHECK_STR(out, "2027-02-27");
	/* a 31st into a month of 30 days */
	CHECK(pc_contract_end("2026-03-31", 1, out));
	CHECK_STR(out, "2026-04-30");
	CHECK(pc_contract_end("2026-05-31", 1, out));
	CHECK_STR(out, "2026-06-30");
	CHECK(pc_contract_end("2026-01-31", 2, out));
	CHECK_STR(out, "2026-03-30");
	/* leap days: from Feb 29, a year later ends on Feb 28 */
	CHECK(pc_contract_end("2028-02-29", 12, out));
	CHECK_STR(out, "2029-02-28");
	CHECK(pc_contract_end("2028-02-29", 48, out));
	CHECK_STR(out, "2032-02-28");
	CHECK(pc_contract_end("2028-02-28", 12, out));
	CHECK_STR(out, "2029-02-27");
	CHECK(pc_contract_end("2027-03-01", 12, out));
	CHECK_STR(out, "2028-02-29");
	/* across years */
	CHECK(pc_contract_end("2026-11-10", 3, out));
	CHECK_STR(out, "2027-02-09");
	CHECK(pc_contract_end("2026-12-01", 60, out));
	CHECK_STR(out, "2031-11-30");
	/* refusals */
	CHECK(!pc_contract_end("2026-02-30", 6, out));
	CHECK(!pc_contract_end("2026-01-15", 0, out));
	CHECK(!pc_contract_end("2026-01-15", 61, out));
	CHECK(!pc_contract_end(NULL, 6, out));
}

static void test_renewal(void)
{
	char out[11];
	/* ends 2026-07-14: renewed 6 months from the 15th */
	CHECK(pc_contract_renewal_end("2026-07-14", 6, out));
	CHECK_STR(out, "2027-01-14");
	/* ends on the last day of February: the renewal runs from March 1 */
	CHECK(pc_contract_renewal_end("2027-02-28", 6, out));
	CHECK_STR(out, "2027-08-31");
	CHECK(pc_contract_renewal_end("2028-02-28", 12, out));
	CHECK_STR(out, "2029-02-28"); /* from Feb 29, 2028 */
	CHECK(pc_contract_renewal_end("2026-12-31", 6, out));
	CHECK_STR(out, "2027-06-30");
	/* two renewals of 6 months are a year from the first start */
	char first[11], second[11];
	CHECK(pc_contract_end("2026-01-15", 6, first));
	CHECK(pc_contract_renewal_end(first, 6, second));
	CHECK(pc_contract_end("2026-01-15", 12, out));
	CHECK_STR(second, out);
	CHECK(!pc_contract_renewal_end("2026-02-30", 6, out));
	CHECK(!pc_contract_renewal_end(NULL, 6, out));
}

static void test_at_enrolment(void)
{
	struct pc_programme chantier = {.id = "chantier",
	                                .title = {.fr = "Chantier d'insertion", .en = "Work site"},
	                                .contract = true,
	                                .contract_renewable = true,
	                                .contract_months = {6, 12},
	                                .ncontract_months = 2};
	struct pc_programme ph = {.id = "premieres_heures", .contract = true,
	                          .title = {.fr = "Premières Heures", .en = "Premières Heures"}};
	struct pc_programme paas = {.id = "paas_action",
	                            .title = {.fr = "PAAS Action", .en = "PAAS Action"}};
	struct pc_problems pr = {0};
	char out[11];
	/* the programme's first usual length when none is given */
	CHECK(pc_contract_for_enrolment(&chantier, "2026-08-31", NULL, NULL, out, &pr) == PC_OK);
	CHECK_STR(out, "2027-02-28");
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", NULL, "12", out, &pr) == PC_OK);
	CHECK_STR(out, "2027-01-14");
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", "2026-05-31", NULL, out, &pr) ==
	      PC_OK);
	CHECK_STR(out, "2026-05-31");
	/* the last day of a one-day contract is its start */
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", "2026-01-15", NULL, out, &pr) ==
	      PC_OK);
	CHECK(pr.len == 0);
	/* no usual length: no end until one is given */
	CHECK(pc_contract_for_enrolment(&ph, "2026-01-15", NULL, NULL, out, &pr) == PC_OK);
	CHECK_STR(out, "");
	CHECK(pc_contract_for_enrolment(&paas, "2026-01-15", NULL, NULL, out, &pr) == PC_OK);
	CHECK_STR(out, "");
	CHECK(pr.len == 0);
	/* refusals, each with its problem */
	CHECK(pc_contract_for_enrolment(&paas, "2026-01-15", NULL, "6", out, &pr) == PC_REFUSED);
	CHECK(pr.len == 1 && !strcmp(pr.items[0].where, "contract_months"));
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", "2026-07-14", "6", out, &pr) ==
	      PC_REFUSED);
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", "2026-01-14", NULL, out, &pr) ==
	      PC_REFUSED);
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", NULL, "6x", out, &pr) ==
	      PC_REFUSED);
	CHECK(pc_contract_for_enrolment(&chantier, "2026-01-15", NULL, "-1", out, &pr) ==
	      PC_REFUSED);
	CHECK(pr.len == 5);
	for (size_t i = 1; i < pr.len; i++)
		CHECK(!strncmp(pr.items[i].where, "contract_", 9));
	pc_problems_clear(&pr);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	test_end();
	test_renewal();
	test_at_enrolment();
	TEST_DONE();
}
