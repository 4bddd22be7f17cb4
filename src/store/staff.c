/* Staff rows and their roles (staff.h, "the store's side"): the SQL of the
 * staff and staff_role tables. Roles travel as the bits of enum pc_role and
 * are stored one row per role. Deciding who may change what is the core's
 * (src/core/staff.c). */
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "store_internal.h"

static const char *const role_names[] = {"admin", "supervisor", "counsellor", "frontdesk"};
enum { NROLES = sizeof(role_names) / sizeof(role_names[0]) };

/* The role bits of a comma-separated list of role names from SQL. */
static unsigned roles_of(const char *list)
{
	unsigned bits = 0;
	for (size_t i = 0; list && i < NROLES; i++) {
		size_t n = strlen(role_names[i]);
		for (const char *p = list; (p = strstr(p, role_names[i])); p += n)
			if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
				bits |= 1u << i;
	}
	return bits;
}

#define STAFF_COLUMNS                                                                              \
	"s.login, s.name, s.disabled, s.added_by, s.added_at, s.version, "                         \
	"(SELECT group_concat(role) FROM staff_role r WHERE r.login = s.login)"

static bool read_staff(sqlite3_stmt *q, struct pc_staff *out)
{
	bool oom = false;
	memset(out, 0, sizeof(*out));
	out->login = store_column_dup(q, 0, &oom);
	out->name = store_column_dup(q, 1, &oom);
	out->disabled = sqlite3_column_int(q, 2) != 0;
	out->added_by = store_column_dup(q, 3, &oom);
	out->added_at = store_column_dup(q, 4, &oom);
	out->version = sqlite3_column_int64(q, 5);
	out->roles = roles_of((const char *)sqlite3_column_text(q, 6));
	if (oom)
		pc_staff_clear(out);
	return !oom;
}

static const char SQL_GET[] = "SELECT " STAFF_COLUMNS " FROM staff s WHERE s.login = ?1";

enum pc_status pc_store_staff_get(struct pc_store *s, const char *login, struct pc_staff *out,
                                  struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_stmt(s, SQL_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, login);
	int rc = sqlite3_step(q);
	bool ok = true;
	if (rc == SQLITE_ROW) {
		ok = read_staff(q, out);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	if (!ok)
		return store_oom(pr);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_LIST[] = "SELECT " STAFF_COLUMNS " FROM staff s ORDER BY s.login";

enum pc_status pc_store_staff_list(struct pc_store *s, struct pc_staff **out, size_t *n,
                                   struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_LIST, pr);
	if (!q)
		return PC_UNUSABLE;
	size_t cap = 0;
	int rc;
	enum pc_status st = PC_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct pc_staff *grown = realloc(*out, cap * sizeof(**out));
			if (!grown) {
				st = store_oom(pr);
				break;
			}
			*out = grown;
		}
		if (!read_staff(q, &(*out)[*n])) {
			st = store_oom(pr);
			break;
		}
		++*n;
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK)
		pc_staff_list_free(out, *n);
	if (st != PC_OK)
		*n = 0;
	return st;
}

static const char SQL_DEL_ROLES[] = "DELETE FROM staff_role WHERE login = ?1";
static const char SQL_ADD_ROLE[] = "INSERT INTO staff_role (login, role) VALUES (?1, ?2)";

/* Replaces the role rows of `login` by `roles`. */
static enum pc_status put_roles(struct pc_store *s, const char *login, unsigned roles,
                                struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_DEL_ROLES, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, login);
	enum pc_status st = store_step_done(s, q, pr);
	for (size_t i = 0; st == PC_OK && i < NROLES; i++) {
		if (!(roles & (1u << i)))
			continue;
		if (!(q = store_stmt(s, SQL_ADD_ROLE, pr)))
			return PC_UNUSABLE;
		store_bind_text(q, 1, login);
		store_bind_text(q, 2, role_names[i]);
		st = store_step_done(s, q, pr);
	}
	return st;
}

static const char SQL_INSERT[] =
    "INSERT INTO staff (login, name, disabled, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (login) DO NOTHING";

enum pc_status pc_store_staff_insert(struct pc_store *s, const struct pc_staff *row,
                                     struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_INSERT, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, row->login);
	store_bind_text(q, 2, row->name);
	sqlite3_bind_int(q, 3, row->disabled);
	store_bind_text(q, 4, row->added_by);
	store_bind_text(q, 5, row->added_at);
	st = store_step_done(s, q, pr);
	if (st == PC_OK && sqlite3_changes(s->db) == 0) {
		pc_problems_add(pr, false, row->login, "%s",
		                _("is already on the staff: use \"parcours staff role\" to change "
		                  "their roles"));
		st = PC_REFUSED;
	}
	if (st == PC_OK)
		st = put_roles(s, row->login, row->roles, pr);
	return store_op_end(s, own, st, pr);
}

static const char SQL_UPDATE[] =
    "UPDATE staff SET disabled = ?2, version = version + 1 WHERE login = ?1";

enum pc_status pc_store_staff_update(struct pc_store *s, const struct pc_staff *row,
                                     struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_UPDATE, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, row->login);
	sqlite3_bind_int(q, 2, row->disabled);
	st = store_step_done(s, q, pr);
	if (st == PC_OK)
		st = put_roles(s, row->login, row->roles, pr);
	return store_op_end(s, own, st, pr);
}

static const char SQL_COUNT[] =
    "SELECT count(*) FROM staff s WHERE s.disabled = 0 AND s.login IS NOT ?2 AND "
    "(SELECT count(*) FROM staff_role r WHERE r.login = s.login AND "
    " r.role IN (SELECT value FROM json_each(?1))) = json_array_length(?1)";

enum pc_status pc_store_staff_count(struct pc_store *s, unsigned roles, const char *except,
                                    long long *n, struct pc_problems *pr)
{
	*n = 0;
	char list[96] = "[";
	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & (1u << i)))
			continue;
		if (list[1])
			strcat(list, ",");
		strcat(list, "\"");
		strcat(list, role_names[i]);
		strcat(list, "\"");
	}
	strcat(list, "]");
	sqlite3_stmt *q = store_stmt(s, SQL_COUNT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, list);
	store_bind_text(q, 2, except);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(q, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_PRISTINE[] = "SELECT NOT EXISTS (SELECT 1 FROM staff) AND "
                                   "NOT EXISTS (SELECT 1 FROM audit)";

enum pc_status pc_store_staff_pristine(struct pc_store *s, bool *pristine, struct pc_problems *pr)
{
	*pristine = false;
	sqlite3_stmt *q = store_stmt(s, SQL_PRISTINE, pr);
	if (!q)
		return PC_UNUSABLE;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*pristine = sqlite3_column_int(q, 0) != 0;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
