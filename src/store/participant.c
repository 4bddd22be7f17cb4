/* Participant records (store.h): insert with a fresh id and the year's next
 * file number, update under a version check, look-up by file number, the
 * duplicate check, and the search keys kept for participant_search.c. Names
 * are stored as given, their folded forms (pc_text_fold) beside them. No
 * validation of what a name or a programme may be: the core has done it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/file_no.h"
#include "parcours/site.h"
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "parcours/store_check.h"
#include "store_internal.h"

void pc_participant_clear(struct pc_participant *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->file_no);
	free(p->family_name);
	free(p->given_name);
	free(p->birth_date);
	free(p->programme);
	free(p->counsellor);
	free(p->status);
	free(p->created_by);
	free(p->created_at);
	*p = (struct pc_participant){0};
}

void pc_participants_free(struct pc_participant **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++)
		pc_participant_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

bool store_read_participant(sqlite3_stmt *st, int first, bool borrow, struct pc_participant *p)
{
	char **text[] = {&p->id,         &p->file_no,   &p->family_name, &p->given_name,
	                 &p->birth_date, &p->programme, &p->counsellor,  &p->status};
	char **tail[] = {&p->created_by, &p->created_at};
	bool oom = false;
	*p = (struct pc_participant){0};
	for (int i = 0; i < 8; i++)
		*text[i] = borrow ? (char *)sqlite3_column_text(st, first + i)
		                  : store_column_dup(st, first + i, &oom);
	p->version = sqlite3_column_int64(st, first + 8);
	for (int i = 0; i < 2; i++)
		*tail[i] = borrow ? (char *)sqlite3_column_text(st, first + 9 + i)
		                  : store_column_dup(st, first + 9 + i, &oom);
	if (oom)
		pc_participant_clear(p);
	return !oom;
}

/* 32 hex digits from the kernel's random source: unique across offline
 * copies without any coordination. */
static bool random_id(char out[33])
{
	unsigned char b[16];
	if (!store_random(b, sizeof(b)))
		return false;
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return true;
}

static const char SQL_COUNTER_NEXT[] =
    "INSERT INTO file_counter (site, year, last) VALUES (?2, ?1, 1) "
    "ON CONFLICT (site, year) DO UPDATE SET last = last + 1 RETURNING last";
static const char SQL_COUNTER_SEEN[] =
    "INSERT INTO file_counter (site, year, last) VALUES (?3, ?1, ?2) "
    "ON CONFLICT (site, year) DO UPDATE SET last = max(last, excluded.last)";
static const char SQL_FILE_NO_USED[] = "SELECT 1 FROM participant WHERE file_no = ?1";

/* The year of "YYYY-MM-DD" (4 to 9 digits before the first '-'), or of
 * the clock's today when `today` is not such a date. */
static long long year_of(const char *today)
{
	long long year = 0;
	const char *p = today ? today : "";
	while (*p >= '0' && *p <= '9' && p - today < 9)
		year = year * 10 + (*p++ - '0');
	if (today && p - today >= 4 && *p == '-')
		return year;
	char now[11];
	pc_clock_today(now);
	return strtoll(now, NULL, 10);
}

/* The next free number of the year of `today` for the database's site
 * ("2026-0042" without a site code, "RN-2026-0042" with RN); a number
 * already taken (by an imported record) is skipped. */
static enum pc_status next_file_no(struct pc_store *s, const char *today, char **out,
                                   struct pc_problems *pr)
{
	long long year = year_of(today);
	char site[PC_SITE_MAX + 1];
	enum pc_status got = pc_store_site_get(s, site, pr);
	if (got != PC_OK)
		return got;
	for (;;) {
		sqlite3_stmt *st = store_stmt(s, SQL_COUNTER_NEXT, pr);
		if (!st)
			return PC_UNUSABLE;
		sqlite3_bind_int64(st, 1, year);
		store_bind_text(st, 2, site);
		int rc = sqlite3_step(st);
		long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		if (rc == SQLITE_ROW)
			rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, pr);
		char no[64];
		if (!pc_file_no_format(no, sizeof(no), site, year, n))
			return store_oom(pr);
		if (!(st = store_stmt(s, SQL_FILE_NO_USED, pr)))
			return PC_UNUSABLE;
		store_bind_text(st, 1, no);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return (*out = strdup(no)) ? PC_OK : store_oom(pr);
		if (rc != SQLITE_ROW)
			return store_fail(s, rc, pr);
	}
}

/* A file number given by the caller (an import) moves the counter of its
 * site and year past it, so later numbers do not collide with it. */
static enum pc_status note_file_no(struct pc_store *s, const char *file_no, struct pc_problems *pr)
{
	struct pc_file_no no;
	if (!pc_file_no_parse(file_no, &no))
		return PC_OK;
	sqlite3_stmt *st = store_stmt(s, SQL_COUNTER_SEEN, pr);
	if (!st)
		return PC_UNUSABLE;
	sqlite3_bind_int64(st, 1, no.year);
	sqlite3_bind_int64(st, 2, no.num);
	sqlite3_bind_text(st, 3, file_no, (int)no.site_len, SQLITE_TRANSIENT);
	return store_step_done(s, st, pr);
}

/* Appends the tokens of `s` (split at spaces) that keys does not hold yet. */
static void keys_add(struct pc_buf *keys, const char *s, size_t n)
{
	while (n) {
		size_t skip = 0, len = 0;
		while (skip < n && s[skip] == ' ')
			skip++;
		while (skip + len < n && s[skip + len] != ' ')
			len++;
		if (len) {
			const char *have = keys->data;
			bool found = false;
			for (const char *p = have; p && (p = strstr(p, " ")) && !found; p++)
				found = !strncmp(p + 1, s + skip, len) && p[1 + len] == ' ';
			if (!found) {
				pc_buf_add(keys, s + skip, len);
				pc_buf_putc(keys, ' ');
			}
		}
		s += skip + len;
		n -= skip + len;
	}
}

/* " tok1 tok2 ... ": the caller's tokens (NUL-separated, ending with an
 * empty one) and those of the file number, which the caller may not know
 * yet: the whole number and its parts ("2026-0001", "2026", "0001"), as
 * pc_text_tokens would give them, so an edit never changes what finds a
 * person; a number with a site code also under its plain form ("rn-2026-
 * 0001" and "2026-0001"), so that typing "2026-0" finds every site's files.
 * NULL when out of memory. */
static char *search_keys(const char *tokens, const char *file_no)
{
	struct pc_buf keys = {0};
	pc_buf_putc(&keys, ' ');
	for (const char *t = tokens; t && *t; t += strlen(t) + 1)
		keys_add(&keys, t, strlen(t));
	char *no = strdup(file_no ? file_no : "");
	if (!no) {
		pc_buf_free(&keys);
		return NULL;
	}
	for (char *c = no; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	keys_add(&keys, no, strlen(no));
	struct pc_file_no parts;
	if (pc_file_no_parse(no, &parts) && parts.site_len)
		keys_add(&keys, no + parts.site_len + 1, strlen(no + parts.site_len + 1));
	for (const char *part = no; strchr(no, '-') && *part;) {
		size_t n = strcspn(part, "-");
		keys_add(&keys, part, n);
		part += n + (part[n] == '-');
	}
	free(no);
	return pc_buf_take(&keys);
}

char *pc_store_search_keys(const char *tokens, const char *file_no)
{
	return search_keys(tokens, file_no);
}

static const char SQL_TOKEN_ADD[] =
    "INSERT OR IGNORE INTO participant_token (token, family_folded, given_folded, file_no) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_TOKEN_DROP[] =
    "DELETE FROM participant_token WHERE token = ?1 AND family_folded = ?2 "
    "AND given_folded = ?3 AND file_no = ?4";

static enum pc_status index_keys(struct pc_store *s, const char *sql, const char *keys,
                                 const char *family_folded, const char *given_folded,
                                 const char *file_no, struct pc_problems *pr)
{
	for (const char *t = keys; t && *t;) {
		size_t skip = strspn(t, " "), len = strcspn(t + skip, " ");
		t += skip;
		if (!len)
			break;
		sqlite3_stmt *st = store_stmt(s, sql, pr);
		if (!st)
			return PC_UNUSABLE;
		sqlite3_bind_text(st, 1, t, (int)len, SQLITE_STATIC);
		store_bind_text(st, 2, family_folded);
		store_bind_text(st, 3, given_folded);
		store_bind_text(st, 4, file_no);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, pr);
		t += len;
	}
	return PC_OK;
}

enum pc_status store_index_keys(struct pc_store *s, bool add, const char *keys,
                                const char *family_folded, const char *given_folded,
                                const char *file_no, struct pc_problems *pr)
{
	return index_keys(s, add ? SQL_TOKEN_ADD : SQL_TOKEN_DROP, keys, family_folded,
	                  given_folded, file_no, pr);
}

static const char SQL_INSERT[] =
    "INSERT INTO participant (id, file_no, family_name, given_name, family_folded, "
    "given_folded, birth_date, programme, counsellor, status, version, created_by, "
    "created_at, updated_at, search_keys) VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''), "
    "nullif(?8, ''), nullif(?9, ''), coalesce(nullif(?10, ''), 'active'), 1, ?11, ?12, ?12, "
    "?13)";

/* The problem for a refused participant row; PC_REFUSED when it is the
 * input's fault, else the usual database failure. */
static enum pc_status refused_row(struct pc_store *s, int rc, const struct pc_participant *p,
                                  struct pc_problems *pr)
{
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		pc_problems_add(pr, false, p->file_no, "%s", _("this file number is already used"));
		return PC_REFUSED;
	}
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		pc_problems_add(pr, false, p->file_no, "%s",
		                _("this participant is already in the database"));
		return PC_REFUSED;
	}
	if (rc == SQLITE_CONSTRAINT_CHECK) {
		pc_problems_add(pr, false, "birth_date",
		                _("\"%s\" is not a date: write it as YYYY-MM-DD"),
		                p->birth_date ? p->birth_date : "");
		return PC_REFUSED;
	}
	return store_fail(s, rc, pr);
}

static char *fold_or_empty(const char *s)
{
	return pc_text_fold(s ? s : "");
}

/* Gives p a fresh id and file number where it has none. */
static enum pc_status identify(struct pc_store *s, struct pc_participant *p, const char *today,
                               struct pc_problems *pr)
{
	if (!p->id) {
		char id[33];
		if (!random_id(id)) {
			pc_problems_add(pr, false, "database", "%s",
			                _("no random numbers are available to make an identifier"));
			return PC_UNUSABLE;
		}
		if (!(p->id = strdup(id)))
			return store_oom(pr);
	}
	return p->file_no ? note_file_no(s, p->file_no, pr)
	                  : next_file_no(s, today, &p->file_no, pr);
}

enum pc_status pc_store_participant_insert(struct pc_store *s, struct pc_participant *p,
                                           const char *tokens, const char *today,
                                           struct pc_problems *pr)
{
	char *fam = fold_or_empty(p->family_name), *giv = fold_or_empty(p->given_name);
	char *keys = NULL;
	char now[21];
	pc_clock_now(now);
	bool own = false, had_id = p->id != NULL, had_no = p->file_no != NULL;
	enum pc_status st = fam && giv ? store_op_begin(s, &own, pr) : store_oom(pr);
	if (st != PC_OK)
		goto out;
	st = identify(s, p, today, pr);
	if (st == PC_OK && !(keys = search_keys(tokens, p->file_no)))
		st = store_oom(pr);
	sqlite3_stmt *q = st == PC_OK ? store_stmt(s, SQL_INSERT, pr) : NULL;
	if (st == PC_OK && !q)
		st = PC_UNUSABLE;
	if (st == PC_OK) {
		const char *v[] = {p->id,
		                   p->file_no,
		                   p->family_name ? p->family_name : "",
		                   p->given_name ? p->given_name : "",
		                   fam,
		                   giv,
		                   p->birth_date,
		                   p->programme,
		                   p->counsellor,
		                   p->status,
		                   p->created_by,
		                   p->created_at ? p->created_at : now,
		                   keys};
		for (int i = 0; i < 13; i++)
			store_bind_text(q, i + 1, v[i]);
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			st = refused_row(s, rc, p, pr);
	}
	if (st == PC_OK)
		st = index_keys(s, SQL_TOKEN_ADD, keys, fam, giv, p->file_no, pr);
	if (st == PC_OK && !p->status && !(p->status = strdup("active")))
		st = store_oom(pr);
	if (st == PC_OK && !p->created_at && !(p->created_at = strdup(now)))
		st = store_oom(pr);
	st = store_op_end(s, own, st, pr);
	if (st == PC_OK) {
		p->version = 1;
	} else {
		/* leave the caller's record as it was given */
		if (!had_id) {
			free(p->id);
			p->id = NULL;
		}
		if (!had_no) {
			free(p->file_no);
			p->file_no = NULL;
		}
	}
out:
	free(keys);
	free(fam);
	free(giv);
	return st;
}

static const char SQL_BEFORE_UPDATE[] =
    "SELECT version, file_no, family_folded, given_folded, search_keys FROM participant "
    "WHERE id = ?1";
/* The programme shown in the list is the open enrolment's while there is
 * one (enrol and leave set it); only then does the intake's answer count. */
static const char SQL_UPDATE[] =
    "UPDATE participant SET family_name = ?2, given_name = ?3, family_folded = ?4, "
    "given_folded = ?5, birth_date = nullif(?6, ''), "
    "programme = coalesce((SELECT programme FROM enrolment "
    "                      WHERE participant_id = ?1 AND end_date IS NULL), nullif(?7, '')), "
    "counsellor = nullif(?8, ''), status = coalesce(nullif(?9, ''), status), "
    "updated_at = ?10, search_keys = ?11, version = version + 1 WHERE id = ?1 "
    "RETURNING version, programme";

/* The stored record as it is before an update: its version (checked), and
 * what its index rows were made of, to drop them. */
struct before {
	long long version;
	char *file_no, *family_folded, *given_folded, *keys;
};

static void before_clear(struct before *b)
{
	free(b->file_no);
	free(b->family_folded);
	free(b->given_folded);
	free(b->keys);
}

static enum pc_status read_before(struct pc_store *s, const struct pc_participant *p,
                                  long long expected_version, struct before *b,
                                  struct pc_problems *pr)
{
	sqlite3_stmt *st = store_stmt(s, SQL_BEFORE_UPDATE, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, p->id);
	int rc = sqlite3_step(st);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		b->version = sqlite3_column_int64(st, 0);
		b->file_no = store_column_dup(st, 1, &oom);
		b->family_folded = store_column_dup(st, 2, &oom);
		b->given_folded = store_column_dup(st, 3, &oom);
		b->keys = store_column_dup(st, 4, &oom);
	}
	sqlite3_reset(st);
	const char *where = p->file_no ? p->file_no : "participant";
	if (rc == SQLITE_DONE) {
		pc_problems_add(pr, false, where, "%s", _("unknown participant"));
		return PC_REFUSED;
	}
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, pr);
	if (oom)
		return store_oom(pr);
	if (expected_version >= 0 && b->version != expected_version) {
		pc_problems_add(pr, false, where, "%s",
		                _("changed by someone else since you opened it"));
		return PC_REFUSED;
	}
	return PC_OK;
}

enum pc_status pc_store_participant_update(struct pc_store *s, struct pc_participant *p,
                                           const char *tokens, long long expected_version,
                                           struct pc_problems *pr)
{
	char *fam = fold_or_empty(p->family_name), *giv = fold_or_empty(p->given_name);
	char *keys = NULL;
	struct before b = {0};
	long long version = 0;
	char now[21];
	pc_clock_now(now);
	bool own = false;
	enum pc_status st = fam && giv ? store_op_begin(s, &own, pr) : store_oom(pr);
	if (st != PC_OK)
		goto out;
	st = read_before(s, p, expected_version, &b, pr);
	if (st == PC_OK)
		st = index_keys(s, SQL_TOKEN_DROP, b.keys, b.family_folded, b.given_folded,
		                b.file_no, pr);
	if (st == PC_OK && !(keys = search_keys(tokens, b.file_no)))
		st = store_oom(pr);
	sqlite3_stmt *q = st == PC_OK ? store_stmt(s, SQL_UPDATE, pr) : NULL;
	if (st == PC_OK && !q)
		st = PC_UNUSABLE;
	if (st == PC_OK) {
		const char *v[] = {p->id,
		                   p->family_name ? p->family_name : "",
		                   p->given_name ? p->given_name : "",
		                   fam,
		                   giv,
		                   p->birth_date,
		                   p->programme,
		                   p->counsellor,
		                   p->status,
		                   now,
		                   keys};
		for (int i = 0; i < 11; i++)
			store_bind_text(q, i + 1, v[i]);
		int rc = sqlite3_step(q);
		bool oom = false;
		if (rc == SQLITE_ROW) {
			version = sqlite3_column_int64(q, 0);
			/* an open enrolment names the programme, whatever the
			 * intake answered: the caller learns which won */
			char *prog = store_column_dup(q, 1, &oom);
			free(p->programme);
			p->programme = prog;
			rc = sqlite3_step(q);
		}
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			st = refused_row(s, rc, p, pr);
		else if (oom)
			st = store_oom(pr);
	}
	if (st == PC_OK)
		st = index_keys(s, SQL_TOKEN_ADD, keys, fam, giv, b.file_no, pr);
	st = store_op_end(s, own, st, pr);
	if (st == PC_OK) {
		p->version = version;
		if (!p->file_no) {
			p->file_no = b.file_no;
			b.file_no = NULL;
		}
	}
out:
	before_clear(&b);
	free(keys);
	free(fam);
	free(giv);
	return st;
}

static const char SQL_GET[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS " FROM participant p WHERE p.file_no = ?1";

enum pc_status pc_store_participant_get(struct pc_store *s, const char *file_no,
                                        struct pc_participant *out, struct pc_problems *pr)
{
	*out = (struct pc_participant){0};
	sqlite3_stmt *st = store_stmt(s, SQL_GET, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, file_no);
	int rc = sqlite3_step(st);
	enum pc_status status = PC_OK;
	if (rc == SQLITE_ROW) {
		if (!store_read_participant(st, 0, false, out))
			status = store_oom(pr);
	} else if (rc == SQLITE_DONE) {
		pc_problems_add(pr, false, file_no ? file_no : "", "%s", _("unknown file number"));
		status = PC_REFUSED;
	} else {
		status = store_fail(s, rc, pr);
	}
	sqlite3_reset(st);
	return status;
}

enum pc_status store_collect_participants(struct pc_store *s, sqlite3_stmt *st,
                                          struct pc_participant **out, size_t *n,
                                          struct pc_problems *pr)
{
	size_t cap = *n;
	enum pc_status status = PC_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct pc_participant *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				status = store_oom(pr);
				break;
			}
			*out = grown;
			cap = ncap;
		}
		if (!store_read_participant(st, 0, false, &(*out)[*n])) {
			status = store_oom(pr);
			break;
		}
		(*n)++;
	}
	if (status == PC_OK && rc != SQLITE_DONE)
		status = store_fail(s, rc, pr);
	sqlite3_reset(st);
	return status;
}

static const char SQL_SAME[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS " FROM participant p "
    "WHERE p.birth_date IN (?1, ?4) "
    "AND ((p.family_folded = ?2 AND p.given_folded = ?3) "
    "     OR (p.family_folded = ?3 AND p.given_folded = ?2)) "
    "ORDER BY p.file_no";

enum pc_status pc_store_participant_same(struct pc_store *s, const char *birth_date,
                                         const char *other_birth_date,
                                         const char *family_folded, const char *given_folded,
                                         struct pc_participant **out, size_t *n,
                                         struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, SQL_SAME, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, birth_date);
	store_bind_text(st, 2, family_folded);
	store_bind_text(st, 3, given_folded);
	store_bind_text(st, 4, other_birth_date ? other_birth_date : birth_date);
	enum pc_status status = store_collect_participants(s, st, out, n, pr);
	if (status != PC_OK) {
		pc_participants_free(out, *n);
		*n = 0;
	}
	return status;
}

static const char SQL_COUNT[] = "SELECT count(*) FROM participant";

long long pc_store_participant_count(struct pc_store *s)
{
	sqlite3_stmt *st = store_stmt(s, SQL_COUNT, NULL);
	if (!st)
		return -1;
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}
