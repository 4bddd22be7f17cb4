/* People who join or leave a laptop's caseload after `sync init`
 * (sync_newcomers.h): the section of the exchange file, between the header
 * and the ordinary changes, that carries them. At the office, the people
 * to send whole come from the caseload copy's rule (copy.h) for the
 * peer's login; on the laptop, they are applied before the ordinary
 * changes, which then replay over them what they already hold. No SQL
 * here (src/store/sync_newcomers.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/audit.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync_newcomers.h"

static enum pc_status oom(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
	return PC_UNUSABLE;
}

/* The JSON array of the forms `login` reads for a person of their
 * caseload (pc_copy_caseload's rule, for the peer's login). */
static enum pc_status readable_forms(struct pc_ctx *c, const char *login, struct pc_buf *out,
                                     struct pc_problems *pr)
{
	struct pc_staff who = {0};
	enum pc_status st = pc_store_staff_get(c->store, login, &who, pr);
	if (st != PC_OK)
		return st;
	struct pc_participant mine = {.counsellor = (char *)login};
	size_t n = 0;
	pc_buf_putc(out, '[');
	for (size_t i = 0; who.login && !who.disabled && c->forms && i < c->forms->len; i++) {
		const struct pc_form *f = c->forms->forms[i];
		if (!pc_access_allows(f->access_read, who.roles, login, &mine))
			continue;
		pc_buf_puts(out, n++ ? "," : "");
		pc_buf_json_string(out, f->id);
	}
	pc_buf_putc(out, ']');
	pc_staff_clear(&who);
	return out->failed ? oom(pr) : PC_OK;
}

static void remove_scratch(const char *path)
{
	const char *side[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(side) / sizeof(side[0]); i++) {
		char *p = malloc(strlen(path) + 9);
		if (p) {
			sprintf(p, "%s%s", path, side[i]);
			unlink(p);
			free(p);
		}
	}
	unlink(path);
}

/* The chunks of the people `come`, made in a scratch file beside the
 * database (its folder's protection; removed at once). */
static enum pc_status rows_of(struct pc_ctx *c, const char *login, const struct pc_ids *come,
                              struct pc_sync_chunk **v, size_t *n, struct pc_problems *pr)
{
	struct pc_buf forms = {0}, tmp = {0};
	enum pc_status st = readable_forms(c, login, &forms, pr);
	if (st != PC_OK)
		goto out;
	pc_buf_printf(&tmp, "%s.sync-XXXXXX", pc_store_sync_db_path(c->store));
	if (tmp.failed) {
		st = oom(pr);
		goto out;
	}
	int fd = mkstemp(tmp.data); /* mode 0600 */
	if (fd < 0) {
		pc_problems_add(pr, false, tmp.data, _("cannot write here: %s"), strerror(errno));
		st = PC_UNUSABLE;
		goto out;
	}
	close(fd);
	st = pc_store_sync_newcomer_rows(c->store, tmp.data, login, forms.data, come, v, n, pr);
	remove_scratch(tmp.data);
out:
	pc_buf_free(&forms);
	pc_buf_free(&tmp);
	return st;
}

enum pc_status pc_sync_newcomers_export(struct pc_ctx *c, const struct pc_sync_peer *peer,
                                        long long upto, struct pc_buf *out, bool *changed,
                                        struct pc_problems *pr)
{
	*changed = false;
	struct pc_ids come = {0}, go = {0};
	struct pc_sync_chunk *v = NULL;
	size_t n = 0;
	enum pc_status st =
	    pc_store_sync_held_diff(c->store, peer->site, peer->login, peer->sent, &come, &go, pr);
	if (st != PC_OK || (!come.n && !go.n))
		goto out;
	if (come.n && (st = rows_of(c, peer->login, &come, &v, &n, pr)) != PC_OK)
		goto out;
	pc_buf_printf(out, "newcomers %zu %zu\n", n, go.n);
	for (size_t i = 0; i < n; i++) {
		pc_buf_printf(out, "%s %d\n", v[i].id ? v[i].id : "*", v[i].n);
		if (v[i].n > 0)
			pc_buf_add(out, v[i].cs, (size_t)v[i].n);
	}
	for (size_t i = 0; i < go.n; i++)
		pc_buf_printf(out, "%s\n", go.v[i]);
	if (out->failed) {
		st = oom(pr);
		goto out;
	}
	st = pc_store_sync_held_mark(c->store, peer->site, upto, peer->sent, &come, &go, pr);
	*changed = st == PC_OK;
	if (st == PC_OK && come.n) {
		/* the office's log says whose files left on which copy */
		char detail[96];
		snprintf(detail, sizeof(detail), "caseload copy site=%s people=%zu (newly assigned)",
		         peer->site, come.n);
		st = pc_audit_record(c, PC_AUDIT_EXPORT, NULL, NULL, detail, pr);
	}
out:
	pc_sync_chunks_free(v, n);
	pc_ids_free(&come);
	pc_ids_free(&go);
	return st;
}

/* ---- on the laptop ---- */

/* The next line from *p (without its newline) into line; false at the end
 * or when longer than the buffer. */
static bool line_of(const char **p, const char *end, char *line, size_t size)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl || (size_t)(nl - *p) >= size)
		return false;
	memcpy(line, *p, (size_t)(nl - *p));
	line[nl - *p] = '\0';
	*p = nl + 1;
	return true;
}

static enum pc_status damaged(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "sync", "%s",
	                _("the file is cut short or damaged: nothing was applied"));
	return PC_REFUSED;
}

enum pc_status pc_sync_newcomers_import(struct pc_ctx *c, const char **p, const char *end,
                                        const struct pc_sync_peer *peer, bool from_upstream,
                                        long long ack, struct pc_sync_report *rep,
                                        struct pc_problems *pr)
{
	static const char KEY[] = "newcomers ";
	struct pc_ids go = {0};
	struct pc_sync_chunk *v = NULL;
	size_t n = 0, ngo = 0;
	char line[128];
	enum pc_status st = PC_OK;
	bool section = (size_t)(end - *p) > sizeof(KEY) - 1 && !memcmp(*p, KEY, sizeof(KEY) - 1);
	if (section) {
		if (!line_of(p, end, line, sizeof(line)) ||
		    sscanf(line + sizeof(KEY) - 1, "%zu %zu", &n, &ngo) != 2 ||
		    n > (size_t)(end - *p) || ngo > (size_t)(end - *p))
			return damaged(pr);
		if (n && !(v = calloc(n, sizeof(*v))))
			return oom(pr);
	}
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		char id[80];
		int len = 0;
		if (!line_of(p, end, line, sizeof(line)) || sscanf(line, "%79s %d", id, &len) != 2 ||
		    len < 0 || (size_t)len > (size_t)(end - *p)) {
			st = damaged(pr);
			break;
		}
		if (strcmp(id, "*") != 0 && !(v[i].id = strdup(id)))
			st = oom(pr);
		v[i].cs = (void *)*p; /* points into the file: not freed */
		v[i].n = len;
		*p += len;
	}
	for (size_t i = 0; st == PC_OK && i < ngo; i++) {
		if (!line_of(p, end, line, sizeof(line)))
			st = damaged(pr);
		else if (!pc_ids_add(&go, line))
			st = oom(pr);
	}
	/* only the upstream sends people; each sync also retries the people
	 * kept from an earlier withdrawal */
	if (st == PC_OK && from_upstream && n)
		st = pc_store_sync_newcomers_apply(c->store, peer->site, v, n, &rep->arrived, pr);
	if (st == PC_OK && from_upstream) {
		struct pc_buf kept = {0};
		st = pc_store_sync_withdraw(c->store, peer->site, &go, ack > peer->sent ? ack : peer->sent,
		                            &rep->removed, &kept, &rep->kept, pr);
		snprintf(rep->kept_files, sizeof(rep->kept_files), "%s", kept.data ? kept.data : "");
		pc_buf_free(&kept);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].id);
	free(v);
	pc_ids_free(&go);
	return st;
}
