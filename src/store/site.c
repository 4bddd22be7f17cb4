/* The database's own site code (site.h) and the row keys it decides
 * (row_id.h): the only SQL of table local_site. Which code an office picks
 * is the caller's (parcours init --site); a laptop copy's is the copy's. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "parcours/site.h"
#include "row_id.h"

static const char SQL_SITE_GET[] = "SELECT code FROM local_site WHERE one = 1";
static const char SQL_SITE_SET[] =
    "INSERT INTO local_site (one, code, set_at) VALUES (1, ?1, ?2) ON CONFLICT DO NOTHING";

enum pc_status pc_store_site_get(struct pc_store *s, char out[PC_SITE_MAX + 1],
                                 struct pc_problems *pr)
{
	out[0] = '\0';
	sqlite3_stmt *q = store_stmt(s, SQL_SITE_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(q, 0);
		if (code && strlen(code) <= PC_SITE_MAX)
			strcpy(out, code);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_site_set(struct pc_store *s, const char *code, struct pc_problems *pr)
{
	if (!pc_site_ok(code)) {
		pc_problems_add(pr, false, "site",
		                _("\"%s\" is not a site code: 1 to 16 letters, digits, - or _"),
		                code ? code : "");
		return PC_REFUSED;
	}
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	char now[21], have[PC_SITE_MAX + 1];
	pc_clock_now(now);
	st = pc_store_site_get(s, have, pr);
	if (st == PC_OK && have[0] && strcmp(have, code)) {
		pc_problems_add(pr, false, "site",
		                _("this database already numbers its files with site code %s"), have);
		st = PC_REFUSED;
	}
	sqlite3_stmt *q = st == PC_OK && !have[0] ? store_stmt(s, SQL_SITE_SET, pr) : NULL;
	if (q) {
		store_bind_text(q, 1, code);
		store_bind_text(q, 2, now);
		st = store_step_done(s, q, pr);
	} else if (st == PC_OK && !have[0]) {
		st = PC_UNUSABLE;
	}
	return store_op_end(s, own, st, pr);
}

bool store_random(unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got < n) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		bool ok = read(fd, buf, n) == (ssize_t)n;
		close(fd);
		return ok;
	}
	return true;
}

/* 64 bits from the kernel's random source; false when none is available. */
static bool random_u64(unsigned long long *out)
{
	unsigned char b[8];
	if (!store_random(b, sizeof(b)))
		return false;
	*out = 0;
	for (size_t i = 0; i < sizeof(b); i++)
		*out = (*out << 8) | b[i];
	return true;
}

static const char *const SQL_NEXT[] = {
    [STORE_ENTRY] = "SELECT coalesce(max(id), 0) + 1 FROM entry WHERE id < 4294967296",
    [STORE_AMI_SESSION] = "SELECT coalesce(max(id), 0) + 1 FROM ami_session WHERE id < 4294967296",
    [STORE_AMI_PRESENCE] =
        "SELECT coalesce(max(id), 0) + 1 FROM ami_presence WHERE id < 4294967296",
};
static const char *const SQL_USED[] = {
    [STORE_ENTRY] = "SELECT 1 FROM entry WHERE id = ?1",
    [STORE_AMI_SESSION] = "SELECT 1 FROM ami_session WHERE id = ?1",
    [STORE_AMI_PRESENCE] = "SELECT 1 FROM ami_presence WHERE id = ?1",
};

static const long long LOW_IDS = 1LL << 32;

enum pc_status store_row_id(struct pc_store *s, enum store_keyed table, long long *id,
                            struct pc_problems *pr)
{
	char site[PC_SITE_MAX + 1];
	enum pc_status st = pc_store_site_get(s, site, pr);
	if (st != PC_OK)
		return st;
	const char *sql = site[0] ? SQL_USED[table] : SQL_NEXT[table];
	for (;;) {
		long long want = 0;
		if (site[0]) {
			unsigned long long r;
			if (!random_u64(&r)) {
				pc_problems_add(pr, false, "database", "%s",
				                _("no random numbers are available to make an identifier"));
				return PC_UNUSABLE;
			}
			want = LOW_IDS + (long long)(r % (unsigned long long)(INT64_MAX - LOW_IDS));
		}
		sqlite3_stmt *q = store_stmt(s, sql, pr);
		if (!q)
			return PC_UNUSABLE;
		if (site[0])
			sqlite3_bind_int64(q, 1, want);
		int rc = sqlite3_step(q);
		if (!site[0] && rc == SQLITE_ROW)
			want = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(s, rc, pr);
		/* a random id already taken (astronomically rare) draws again */
		if (!site[0] || rc == SQLITE_DONE) {
			*id = want;
			return PC_OK;
		}
	}
}
