/* The counts of the activity report (activity.h): one statement per count,
 * over the whole table, so a year of 100,000 files costs a few scans and
 * never a query per person. The profile and the entries come a row each,
 * for the caller to add up: memory stays flat however many people.
 * Nothing here writes or labels. */
#include "store_internal.h"
#include "parcours/activity.h"

/* People reached within [:first, :last], person p: a file opened, an
 * enrolment open, or an entry dated in the range. Asked of each participant
 * in turn (two index seeks), so no set of ids is gathered (issue 16: the
 * UNION of 100,000 ids and the GROUP BY of their profiles took 8 MB). */
#define REACHED                                                                                    \
	"(substr(p.created_at, 1, 10) BETWEEN :first AND :last "                                   \
	"OR EXISTS (SELECT 1 FROM enrolment e WHERE e.participant_id = p.id "                      \
	"AND e.start_date <= :last AND (e.end_date IS NULL OR e.end_date >= :first)) "             \
	"OR EXISTS (SELECT 1 FROM entry n WHERE n.participant_id = p.id "                          \
	"AND n.entry_date BETWEEN :first AND :last))"

static const char SQL_INTAKES[] = "SELECT NULL, NULL, NULL, count(*) FROM participant "
                                  "WHERE substr(created_at, 1, 10) BETWEEN :first AND :last";

static const char SQL_REACHED[] =
    "SELECT NULL, NULL, NULL, count(*) FROM participant p WHERE " REACHED;

static const char SQL_ENROLMENTS[] =
    "SELECT programme, NULL, NULL, count(*) FROM enrolment "
    "WHERE start_date BETWEEN :first AND :last GROUP BY 1 ORDER BY 1";

static const char SQL_EXITS[] =
    "SELECT coalesce(end_reason, ''), NULL, NULL, count(*) FROM enrolment "
    "WHERE end_date BETWEEN :first AND :last GROUP BY 1 ORDER BY 1";

/* Each entry once, by its current revision (a seek for the latest number,
 * one for its row): a row per entry, added up by the caller, so nothing
 * is sorted. */
static const char SQL_ENTRIES[] =
    "SELECT json_extract(r.answers, '$.' || :field1), "
    "CASE WHEN :field2 IS NULL THEN NULL ELSE json_extract(r.answers, '$.' || :field2) END, "
    "NULL, 1 FROM entry e JOIN revision r ON r.participant_id = e.participant_id "
    "AND r.form = e.form AND r.period = CAST(e.id AS TEXT) AND r.revision = "
    "(SELECT max(o.revision) FROM revision o WHERE o.participant_id = e.participant_id "
    "AND o.form = e.form AND o.period = CAST(e.id AS TEXT)) "
    "WHERE e.form = :form AND e.entry_date BETWEEN :first AND :last";

/* The current answers of a form kept whole (period '') of person p.id: one
 * primary-key seek. */
#define CURRENT(form)                                                                              \
	"(SELECT answers FROM revision r WHERE r.participant_id = p.id AND r.form = " form         \
	" AND r.period = '' ORDER BY r.revision DESC LIMIT 1)"

/* Age in whole years on :on (the years between, less one before the
 * birthday), the answer to :field1 of :form, that to :field2 of :form2: a
 * row per person reached, in the participant table's order. */
static const char SQL_PROFILE[] =
    "SELECT CASE WHEN p.birth_date IS NULL THEN NULL ELSE "
    "CAST(substr(:on, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) "
    "- (substr(:on, 6, 5) < substr(p.birth_date, 6, 5)) END, "
    "json_extract(" CURRENT(":form") ", '$.' || :field1), "
    "json_extract(" CURRENT(":form2") ", '$.' || :field2), 1 "
    "FROM participant p WHERE " REACHED;

static const char *const sql_of[] = {
    [PC_ACTIVITY_INTAKES] = SQL_INTAKES,       [PC_ACTIVITY_REACHED] = SQL_REACHED,
    [PC_ACTIVITY_ENROLMENTS] = SQL_ENROLMENTS, [PC_ACTIVITY_EXITS] = SQL_EXITS,
    [PC_ACTIVITY_ENTRIES] = SQL_ENTRIES,       [PC_ACTIVITY_PROFILE] = SQL_PROFILE,
};

static void bind(sqlite3_stmt *q, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(q, name);
	if (i > 0)
		store_bind_text(q, i, v);
}

enum pc_status pc_store_activity_each(struct pc_store *s, const struct pc_activity_query *aq,
                                      bool (*each)(void *ctx, const char *const keys[3],
                                                   long long count),
                                      void *ctx, struct pc_problems *pr)
{
	if ((unsigned)aq->what >= sizeof(sql_of) / sizeof(sql_of[0]))
		return PC_UNUSABLE;
	/* the SQL text is the cache key: each count keeps its own statement */
	sqlite3_stmt *q = store_stmt(s, sql_of[aq->what], pr);
	if (!q)
		return PC_UNUSABLE;
	bind(q, ":first", aq->first);
	bind(q, ":last", aq->last);
	bind(q, ":on", aq->on);
	bind(q, ":form", aq->form);
	bind(q, ":form2", aq->form2);
	bind(q, ":field1", aq->field1);
	bind(q, ":field2", aq->field2);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *keys[3];
		for (int i = 0; i < 3; i++)
			keys[i] = (const char *)sqlite3_column_text(q, i);
		if (!each(ctx, keys, sqlite3_column_int64(q, 3))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
