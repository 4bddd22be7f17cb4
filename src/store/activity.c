/* The counts of the activity report (activity.h): one grouped statement per
 * count, over the whole table, so a year of 100,000 files costs a few scans
 * and never a query per person. Nothing here writes or labels. */
#include "store_internal.h"
#include "parcours/activity.h"

/* People reached within [:first, :last]: a file opened, an enrolment open,
 * or an entry dated in the range. */
#define REACHED                                                                                    \
	"WITH reached(id) AS ("                                                                    \
	"SELECT id FROM participant WHERE substr(created_at, 1, 10) BETWEEN :first AND :last "     \
	"UNION SELECT participant_id FROM enrolment "                                              \
	"WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first) "                  \
	"UNION SELECT participant_id FROM entry WHERE entry_date BETWEEN :first AND :last) "

static const char SQL_INTAKES[] = "SELECT NULL, NULL, NULL, count(*) FROM participant "
                                  "WHERE substr(created_at, 1, 10) BETWEEN :first AND :last";

static const char SQL_REACHED[] = REACHED "SELECT NULL, NULL, NULL, count(*) FROM reached";

static const char SQL_ENROLMENTS[] =
    "SELECT programme, NULL, NULL, count(*) FROM enrolment "
    "WHERE start_date BETWEEN :first AND :last GROUP BY 1 ORDER BY 1";

static const char SQL_EXITS[] =
    "SELECT coalesce(end_reason, ''), NULL, NULL, count(*) FROM enrolment "
    "WHERE end_date BETWEEN :first AND :last GROUP BY 1 ORDER BY 1";

/* Each entry counted once, by its current revision (the bare column
 * `answers` comes from the row holding max(revision)). */
static const char SQL_ENTRIES[] =
    "WITH cur AS (SELECT r.answers AS answers, max(r.revision) FROM entry e "
    "JOIN revision r ON r.participant_id = e.participant_id AND r.form = e.form "
    "AND r.period = CAST(e.id AS TEXT) "
    "WHERE e.form = :form AND e.entry_date BETWEEN :first AND :last GROUP BY e.id) "
    "SELECT json_extract(answers, '$.' || :field1), "
    "CASE WHEN :field2 IS NULL THEN NULL ELSE json_extract(answers, '$.' || :field2) END, "
    "NULL, count(*) FROM cur GROUP BY 1, 2 ORDER BY 1, 2";

/* The current answers of a form kept whole (period '') of person p.id: one
 * primary-key seek. */
#define CURRENT(form)                                                                              \
	"(SELECT answers FROM revision r WHERE r.participant_id = p.id AND r.form = " form         \
	" AND r.period = '' ORDER BY r.revision DESC LIMIT 1)"

/* Age in whole years on :on (the years between, less one before the
 * birthday), the answer to :field1 of :form, that to :field2 of :form2. */
static const char SQL_PROFILE[] =
    REACHED "SELECT CASE WHEN p.birth_date IS NULL THEN NULL ELSE "
            "CAST(substr(:on, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) "
            "- (substr(:on, 6, 5) < substr(p.birth_date, 6, 5)) END, "
            "json_extract(" CURRENT(":form") ", '$.' || :field1), "
                                             "json_extract(" CURRENT(
                                                 ":form2") ", '$.' || :field2), count(*) "
                                                           "FROM reached JOIN participant p ON "
                                                           "p.id = reached.id GROUP BY 1, 2, 3";

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
