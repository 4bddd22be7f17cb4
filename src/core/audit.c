/* The audit log (audit.h): appending chained entries, listing them, and
 * verifying the chain. SHA-256 comes from nettle (see CMakeLists.txt): a
 * packaged, reviewed implementation rather than one of our own. The SQL is
 * in src/store/audit.c; who may list or verify is asked of pc_staff_can. */
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"

const char *pc_audit_action_name(enum pc_audit_action a)
{
	switch (a) {
	case PC_AUDIT_READ:
		return "read";
	case PC_AUDIT_CHANGE:
		return "change";
	case PC_AUDIT_EXPORT:
		return "export";
	case PC_AUDIT_ROLE:
		return "role";
	case PC_AUDIT_EXCEPTIONAL:
		return "exceptional_access";
	case PC_AUDIT_ASSIGN:
		return "assign";
	case PC_AUDIT_EXPORT_PERSON:
		return "export-person";
	case PC_AUDIT_SYNC_REFUSED:
		return "sync_refused";
	}
	return "?";
}

const char *pc_face_name(enum pc_face f)
{
	return f == PC_FACE_TUI ? "tui" : "cli";
}

void pc_audit_entry_clear(struct pc_audit_entry *e)
{
	free(e->at);
	free(e->login);
	free(e->face);
	free(e->action);
	free(e->participant_id);
	free(e->file_no);
	free(e->form);
	free(e->detail);
	free(e->prev_hash);
	free(e->hash);
	memset(e, 0, sizeof(*e));
}

/* `v` in decimal, as "%lld" writes it, in buf; returns where it begins.
 * Not snprintf: the hash is computed inside the writers' line at every
 * save, where snprintf's formatting was half of its cost. */
static const char *decimal(long long v, char buf[24])
{
	unsigned long long n = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	char *p = buf + 23;
	*p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

/* One field as "<length>:<bytes>," or "~," for NULL: no two different
 * entries give the same bytes, whatever their text holds. */
static void hash_field(struct sha256_ctx *h, const char *v)
{
	char buf[24];
	if (!v) {
		sha256_update(h, 2, (const uint8_t *)"~,");
		return;
	}
	size_t n = strlen(v);
	const char *len = decimal((long long)n, buf);
	sha256_update(h, (size_t)(buf + 23 - len), (const uint8_t *)len);
	sha256_update(h, 1, (const uint8_t *)":");
	sha256_update(h, n, (const uint8_t *)v);
	sha256_update(h, 1, (const uint8_t *)",");
}

void pc_audit_hash(const struct pc_audit_entry *e, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx h;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char seq[24];
	sha256_init(&h);
	const char *fields[] = {
	    decimal(e->seq, seq), e->at,   e->login,  e->face,     e->action, e->participant_id,
	    e->file_no,           e->form, e->detail, e->prev_hash};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		hash_field(&h, fields[i]);
	sha256_digest(&h, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

enum pc_status pc_audit_record(struct pc_ctx *c, enum pc_audit_action action,
                               const struct pc_participant *p, const char *form, const char *detail,
                               struct pc_problems *pr)
{
	char now[21], prev[65], hash[65];
	pc_clock_now(now);
	/* a transaction (or a savepoint in the caller's): the last hash is read
	 * under the write lock, so two writers never chain to the same entry */
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st != PC_OK)
		goto out;
	long long last = 0;
	st = pc_store_audit_last(c->store, &last, prev, pr);
	struct pc_audit_entry e = {
	    .seq = last + 1,
	    .at = now,
	    .login = (char *)c->login,
	    .face = (char *)pc_face_name(c->face),
	    .action = (char *)pc_audit_action_name(action),
	    .participant_id = p ? p->id : NULL,
	    .file_no = p ? p->file_no : NULL,
	    .form = (char *)form,
	    .detail = (char *)(detail ? detail : ""),
	    .prev_hash = prev,
	};
	pc_audit_hash(&e, hash);
	e.hash = hash;
	if (st == PC_OK)
		st = pc_store_audit_insert(c->store, &e, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
out:
	/* a read that leaves no trace does not happen: confidentiality comes
	 * before availability (a full disk stops show and export, not find) */
	if (st != PC_OK && (action == PC_AUDIT_READ || action == PC_AUDIT_EXPORT))
		pc_problems_add(pr, false, p && p->file_no ? p->file_no : form ? form : "audit",
				"%s",
				_("every read of a file is recorded in the audit log and this one could "
				  "not be: nothing is shown"));
	return st;
}

enum pc_status pc_audit_saved(struct pc_ctx *c, const struct pc_participant *p,
                              const struct pc_revision *r, struct pc_problems *pr)
{
	char detail[64];
	if (r->period && *r->period)
		snprintf(detail, sizeof(detail), "revision=%lld period=%.7s", r->revision,
		         r->period);
	else
		snprintf(detail, sizeof(detail), "revision=%lld", r->revision);
	return pc_audit_record(c, PC_AUDIT_CHANGE, p, r->form, detail, pr);
}

enum pc_status pc_audit_begin(struct pc_ctx *c, struct pc_problems *pr)
{
	return pc_store_begin(c->store, pr);
}

enum pc_status pc_audit_commit(struct pc_ctx *c, enum pc_status st, const struct pc_participant *p,
                               const char *form, const char *detail, struct pc_problems *pr)
{
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_CHANGE, p, form, detail, pr);
	if (st == PC_OK)
		return pc_store_commit(c->store, pr);
	pc_store_rollback(c->store);
	return st;
}

enum pc_status pc_audit_list(struct pc_ctx *c, const struct pc_audit_filter *f,
                             bool (*each)(void *ctx, const struct pc_audit_entry *e), void *ctx,
                             struct pc_problems *pr)
{
	enum pc_status st = pc_staff_can(c, PC_DO_READ_AUDIT, NULL, NULL, pr);
	return st == PC_OK ? pc_store_audit_each(c->store, f, each, ctx, pr) : st;
}

struct verify {
	long long n, broken;
	char prev[65];
	const char *why;
};

static bool verify_one(void *ctx, const struct pc_audit_entry *e)
{
	struct verify *v = ctx;
	char hash[65];
	if (e->seq != v->n + 1) {
		v->why = _("an entry before it is missing");
	} else if (!e->prev_hash || strcmp(e->prev_hash, v->prev)) {
		v->why = _("it does not follow the entry before it");
	} else {
		pc_audit_hash(e, hash);
		if (!e->hash || strcmp(e->hash, hash))
			v->why = _("its content was changed after it was written");
	}
	if (v->why) {
		v->broken = e->seq;
		return false;
	}
	v->n++;
	memcpy(v->prev, hash, sizeof(hash));
	return true;
}

enum pc_status pc_audit_verify(struct pc_ctx *c, long long *entries, long long *broken,
                               char last_hash[65], struct pc_problems *pr)
{
	*entries = 0;
	*broken = 0;
	if (last_hash)
		last_hash[0] = '\0';
	enum pc_status st = pc_staff_can(c, PC_DO_READ_AUDIT, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	struct verify v = {0};
	memset(v.prev, '0', 64);
	st = pc_store_audit_each(c->store, NULL, verify_one, &v, pr);
	*entries = v.n;
	if (st != PC_OK)
		return st;
	if (v.why) {
		*broken = v.broken;
		char where[32];
		snprintf(where, sizeof(where), "audit %lld", v.broken);
		pc_problems_add(pr, false, where, _("the chain is broken here: %s"), v.why);
		return PC_UNUSABLE;
	}
	if (last_hash && v.n > 0)
		memcpy(last_hash, v.prev, 65);
	return PC_OK;
}
