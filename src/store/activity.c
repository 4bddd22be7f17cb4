/* The counts of the activity report (activity.h): one grouped statement per
 * count, over the whole table, so a year of 100,000 files costs a few scans
 * and never a query per person. Nothing here writes or labels. */
#include "store_internal.h"
#include "parcours/activity.h"

/* People reached within [?1, ?2]: a file opened, an enrolment open, or an
 * entry dated in the range. */
#define REACHED                                                                                 \
	"WITH reached(id) AS ("                                                                 \
	"SELECT id FROM participant WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 "         \
	"UNION SELECT participant_id FROM enrolment "                                           \
	"WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1) "                      \
	"UNION SELECT participant_id FROM entry WHERE entry_date BETWEEN ?1 AND ?2) "

/* The current revision of form ?3 (period none) of each person reached; the
 * bare column `answers` comes from the row holding max(revision). */
#define CURRENT                                                                                 \
	", cur AS (SELECT participant_id, answers, max(revision) FROM revision "               \
	"WHERE form = ?3 AND period = '' AND participant_id IN reached GROUP BY participant_id) "

static const char SQL_INTAKES[] =
	"SELECT NULL, NULL, count(*) FROM participant "
	"WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2";

static const char SQL_REACHED[] = REACHED "SELECT NULL, NULL, count(*) FROM reached";

static const char SQL_ENROLMENTS[] =
	"SELECT programme, NULL, count(*) FROM enrolment WHERE start_date BETWEEN ?1 AND ?2 "
	"GROUP BY 1 ORDER BY 1";

static const char SQL_EXITS[] =
	"SELECT coalesce(end_reason, ''), NULL, count(*) FROM enrolment "
	"WHERE end_date BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1";

/* Each entry counted once, by its current revision. */
static const char SQL_ENTRIES[] =
	"WITH cur AS (SELECT r.answers AS answers, max(r.revision) FROM entry e "
	"JOIN revision r ON r.participant_id = e.participant_id AND r.form = e.form "
	"AND r.period = CAST(e.id AS TEXT) "
	"WHERE e.form = ?3 AND e.entry_date BETWEEN ?1 AND ?2 GROUP BY e.id) "
	"SELECT json_extract(answers, '$.' || ?4), "
	"CASE WHEN ?5 IS NULL THEN NULL ELSE json_extract(answers, '$.' || ?5) END, count(*) "
	"FROM cur GROUP BY 1, 2 ORDER BY 1, 2";

/* Age in whole years on ?3: the years between, less one before the birthday. */
static const char SQL_AGES[] =
	REACHED "SELECT CASE WHEN p.birth_date IS NULL THEN NULL ELSE "
	"CAST(substr(?3, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) "
	"- (substr(?3, 6, 5) < substr(p.birth_date, 6, 5)) END, NULL, count(*) "
	"FROM reached JOIN participant p ON p.id = reached.id GROUP BY 1 ORDER BY 1";

static const char SQL_ANSWER[] =
	REACHED CURRENT "SELECT json_extract(cur.answers, '$.' || ?4), NULL, count(*) "
	"FROM reached LEFT JOIN cur ON cur.participant_id = reached.id GROUP BY 1 ORDER BY 1";

/* A person with no value (no form, no answer, an empty list) yields one
 * NULL row through the outer joins. */
static const char SQL_CHOICES[] =
	REACHED CURRENT "SELECT j.value, NULL, count(*) FROM reached "
	"LEFT JOIN cur ON cur.participant_id = reached.id "
	"LEFT JOIN json_each(cur.answers, '$.' || ?4) j GROUP BY 1 ORDER BY 1";

static const char *const sql_of[] = {
	[PC_ACTIVITY_INTAKES] = SQL_INTAKES,   [PC_ACTIVITY_REACHED] = SQL_REACHED,
	[PC_ACTIVITY_ENROLMENTS] = SQL_ENROLMENTS, [PC_ACTIVITY_EXITS] = SQL_EXITS,
	[PC_ACTIVITY_ENTRIES] = SQL_ENTRIES,   [PC_ACTIVITY_AGES] = SQL_AGES,
	[PC_ACTIVITY_ANSWER] = SQL_ANSWER,     [PC_ACTIVITY_CHOICES] = SQL_CHOICES,
};

enum pc_status pc_store_activity_each(struct pc_store *s, const struct pc_activity_query *aq,
				      bool (*each)(void *ctx, const char *key1, const char *key2,
						   long long count),
				      void *ctx, struct pc_problems *pr)
{
	if ((unsigned)aq->what >= sizeof(sql_of) / sizeof(sql_of[0]))
		return PC_UNUSABLE;
	/* the SQL text is the cache key: each count keeps its own statement */
	sqlite3_stmt *q = store_stmt(s, sql_of[aq->what], pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, aq->first);
	store_bind_text(q, 2, aq->last);
	int n = sqlite3_bind_parameter_count(q);
	if (n >= 3)
		store_bind_text(q, 3, aq->what == PC_ACTIVITY_AGES ? aq->on : aq->form);
	if (n >= 4)
		store_bind_text(q, 4, aq->field1);
	if (n >= 5)
		store_bind_text(q, 5, aq->field2);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!each(ctx, (const char *)sqlite3_column_text(q, 0),
			  (const char *)sqlite3_column_text(q, 1), sqlite3_column_int64(q, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
