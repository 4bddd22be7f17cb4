/* The month report's query (enrolment.h pc_store_month_each) reads one
 * month of totals from the pages that month fills, not a page per person:
 * 3,000 people enrolled with a year of totals each (12 MB of month_total),
 * one month read under the commands' bounded cache (2 MiB), the pages
 * SQLite had to read counted (SQLITE_DBSTATUS_CACHE_MISS). The rows come
 * in programme, counsellor, file number order with the month's own totals,
 * and the year's query still reads each page once. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/store.h"
#include "store/store_internal.h"
#include "test.h"

enum { PEOPLE = 3000 };

/* PEOPLE participants (every seventh without a counsellor, three
 * counsellors, two programmes), each enrolled from December 2025 with the
 * totals of the twelve months of 2026 as a save writes them; the ids are
 * random hex as the store makes them, so id order is not file order. */
static void fill(const char *db)
{
	sqlite3 *h;
	CHECK(sqlite3_open(db, &h) == SQLITE_OK);
	char *err = NULL;
	int rc = sqlite3_exec(
	    h,
	    "BEGIN;"
	    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000) "
	    "INSERT INTO participant (id, file_no, family_name, given_name, family_folded,"
	    " given_folded, counsellor, created_at, updated_at) "
	    "SELECT lower(hex(randomblob(16))), printf('2026-%04d', i), 'Côté-' || i, 'Anne',"
	    " 'cote-' || i, 'anne', CASE WHEN i % 7 = 0 THEN NULL ELSE 'c' || (i % 3) END,"
	    " '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z' FROM k;"
	    "INSERT INTO enrolment (id, participant_id, programme, start_date, created_by,"
	    " created_at) SELECT lower(hex(randomblob(16))), id,"
	    " CASE WHEN rowid % 5 = 0 THEN 'chantier' ELSE 'paas_action' END, '2025-12-01',"
	    " 'test', '2025-12-01T00:00:00Z' FROM participant;"
	    "WITH RECURSIVE m(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM m WHERE k < 12) "
	    "INSERT INTO month_total (participant_id, period, revision, first_day, last_day,"
	    " minutes, amounts) SELECT p.id, printf('2026-%02d', m.k), m.k,"
	    " printf('2026-%02d-01', m.k), printf('2026-%02d-23', m.k),"
	    " (p.rowid % 97) || ' work' || char(10) || '1620 training' || char(10) ||"
	    " '1620 social' || char(10),"
	    " 'transport_costs' || char(9) || '4029000000000000' || char(10) ||"
	    " 'work_hours' || char(9) || '403b000000000000' || char(10) ||"
	    " 'training_hours' || char(9) || '403b000000000000' || char(10) ||"
	    " 'social_hours' || char(9) || '403b000000000000' || char(10) ||"
	    " 'total_hours' || char(9) || '4054400000000000' || char(10)"
	    " FROM participant p CROSS JOIN m ORDER BY p.id, m.k;"
	    "COMMIT",
	    NULL, NULL, &err);
	CHECK(rc == SQLITE_OK);
	if (err)
		fprintf(stderr, "fill: %s\n", err);
	sqlite3_free(err);
	CHECK(sqlite3_close(h) == SQLITE_OK);
}

struct seen {
	size_t rows, with_totals, out_of_order, wrong_month;
	char last[3][64]; /* programme, counsellor, file number of the last row */
	const char *period;
};

static bool each(void *ctx, const struct pc_month_row *row)
{
	struct seen *s = ctx;
	const char *key[3] = {row->enrolment->programme,
	                      row->participant->counsellor ? row->participant->counsellor : "",
	                      row->participant->file_no};
	int c = 0;
	for (int i = 0; i < 3 && !c; i++)
		c = strcmp(s->last[i], key[i]);
	s->out_of_order += s->rows && c > 0;
	for (int i = 0; i < 3; i++)
		snprintf(s->last[i], sizeof(s->last[i]), "%s", key[i]);
	s->rows++;
	if (row->totals) {
		s->with_totals++;
		/* the month asked for: its first entry is on its first day */
		const char *period = row->period ? row->period : s->period;
		s->wrong_month +=
		    !row->totals->first_day || strncmp(row->totals->first_day, period, 7) != 0;
	}
	return true;
}

static int misses(struct pc_store *s)
{
	int now = 0, high = 0;
	CHECK(sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_MISS, &now, &high, 0) == SQLITE_OK);
	return now;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/parcours-month-reads-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char db[256];
	snprintf(db, sizeof(db), "%s/p.db", dir);
	struct pc_problems pr = {0};
	struct pc_store *s = NULL;
	CHECK(pc_store_open(db, PC_STORE_CREATE, &s, &pr) == PC_OK);
	pc_store_close(&s);
	fill(db);

	CHECK(pc_store_open(db, PC_STORE_READ, &s, &pr) == PC_OK);
	CHECK(pc_store_bounded(s, &pr) == PC_OK);
	if (!s)
		TEST_DONE();
	struct seen seen = {.period = "2026-06"};
	int before = misses(s);
	CHECK(pc_store_month_each(s, "2026-06-01", "2026-06-30", PC_PARTICIPATION_FORM, "2026-06",
	                          each, &seen, &pr) == PC_OK);
	int month = misses(s) - before;
	CHECK(seen.rows == PEOPLE);
	CHECK(seen.with_totals == PEOPLE);
	CHECK(seen.out_of_order == 0);
	CHECK(seen.wrong_month == 0);
	/* June's totals fill some 250 pages, the people and their enrolments
	 * some 200 more, each read at most twice (the sort, then the row);
	 * keyed by person, every June total was a page of its own */
	printf("month: %d pages read for %d people\n", month, PEOPLE);
	CHECK(month < PEOPLE / 3);

	struct seen year = {0};
	before = misses(s);
	CHECK(pc_store_year_each(s, 2026, 12, PC_PARTICIPATION_FORM, each, &year, &pr) == PC_OK);
	int yr = misses(s) - before;
	CHECK(year.rows == 12 * PEOPLE);
	CHECK(year.with_totals == 12 * PEOPLE);
	CHECK(year.wrong_month == 0);
	/* every page of the year's totals once (some 3,000), not once a row */
	printf("year: %d pages read for %d rows\n", yr, 12 * PEOPLE);
	CHECK(yr < 2 * PEOPLE);
	pc_store_close(&s);
	pc_problems_clear(&pr);

	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
