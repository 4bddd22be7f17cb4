/* Reading and applying sync's exchange file (sync.h pc_sync_open,
 * pc_sync_apply): opened (decrypted, its header checked against this
 * database) before anything is applied, so that a laptop takes the
 * office's forms folder the file carries (sync_forms.h) in between; then
 * applied in one transaction, the sender's audit entries chained to ours.
 * Writing one is sync_file.c's; applying a change is the store's. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync.h"
#include "parcours/sync_forms.h"
#include "parcours/sync_newcomers.h"
#include "parcours/sync_rules.h"
#include "sync_internal.h"

struct reader {
	const char *p, *end;
};

/* The next line, NUL-free and without its newline; NULL at the end. */
static char *next_line(struct reader *r)
{
	const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	if (!nl)
		return NULL;
	size_t len = (size_t)(nl - r->p);
	char *s = malloc(len + 1);
	if (s) {
		memcpy(s, r->p, len);
		s[len] = '\0';
	}
	r->p = nl + 1;
	return s;
}

/* "KEY value": the value (malloc'ed) when the line starts with key. */
static char *field(struct reader *r, const char *key)
{
	char *line = next_line(r);
	size_t k = strlen(key);
	if (!line || strncmp(line, key, k) != 0 || line[k] != ' ') {
		free(line);
		return NULL;
	}
	memmove(line, line + k + 1, strlen(line + k + 1) + 1);
	return line;
}

struct header {
	char *magic, *from, *to, *schema, *forms, *files, *upto, *ack, *entries, *pack;
};

static void header_free(struct header *h)
{
	char *f[] = {h->magic, h->from, h->to,  h->schema,  h->forms,
	             h->files, h->upto, h->ack, h->entries, h->pack};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		free(f[i]);
}

struct pc_sync_incoming {
	unsigned char *file; /* decrypted in place; NULL once read */
	struct pc_sync_self self;
	struct pc_sync_peer peer;
	struct header h;
	struct reader r;  /* after the header and the forms folder */
	const char *pack; /* the sender's forms folder (sync_forms.h) */
	size_t npack;
	bool from_upstream; /* from our office: we are its laptop */
};

static enum pc_status refuse(struct pc_problems *pr, const char *msg)
{
	pc_problems_add(pr, false, "sync", "%s", msg);
	return PC_REFUSED;
}

/* What to do when the two ends' forms differ: a problem of its own after
 * the refusal, each shown whole. */
static enum pc_status forms_advice(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "sync", "%s",
	                _("a laptop takes the office's forms over the link (parcours sync) or by "
	                  "importing the office's latest file on the laptop (parcours sync "
	                  "import), then exports again; between offices, install the same forms "
	                  "folder at both ends"));
	return PC_REFUSED;
}

/* The forms folder's files (programmes.yaml and the rest, not only the
 * forms' versions) are the same at both ends. */
static enum pc_status check_files(struct pc_ctx *c, const struct header *h, struct pc_problems *pr)
{
	char *ours = NULL;
	enum pc_status st = sync_files_line(c, &ours, pr);
	if (st != PC_OK || !strcmp(ours, h->files)) {
		free(ours);
		return st;
	}
	char *names = pc_sync_forms_differ(h->files, ours);
	pc_problems_add(pr, false, "sync",
	                _("the forms folder differs from %s's (%s): nothing was applied"), h->from,
	                names ? names : "");
	free(names);
	free(ours);
	return forms_advice(pr);
}

/* The forms' versions, then every file of the forms folder. */
static enum pc_status check_forms(struct pc_ctx *c, const struct header *h, struct pc_problems *pr)
{
	char *forms = sync_forms_line(c->forms);
	if (!forms)
		return sync_oom(pr);
	enum pc_status st = PC_OK;
	if (strcmp(forms, h->forms) != 0) {
		pc_problems_add(pr, false, "sync",
		                _("the forms differ (%s at %s; %s here): nothing was applied"),
		                h->forms, h->from, forms);
		st = forms_advice(pr);
	}
	free(forms);
	if (st == PC_OK)
		st = check_files(c, h, pr);
	return st;
}

/* The file's version, its sites and the schema. */
static enum pc_status check_header(struct pc_ctx *c, const struct header *h,
                                   const struct pc_sync_self *self, const struct pc_sync_peer *peer,
                                   struct pc_problems *pr)
{
	if (!h->magic || strcmp(h->magic, SYNC_VERSION) != 0 || !h->from || !h->to || !h->schema ||
	    !h->forms || !h->files || !h->upto || !h->ack || !h->entries || !h->pack)
		return refuse(pr, _("the file is not a parcours sync file of this version"));
	if (strcmp(h->from, peer->site) != 0 || strcmp(h->to, self->site) != 0)
		return refuse(pr,
		              _("the file is not meant for this database: nothing was applied"));
	int theirs = atoi(h->schema), ours = pc_store_schema_version(c->store);
	if (theirs != ours) {
		pc_problems_add(
		    pr, false, "sync",
		    _("the schema differs (version %d at %s, %d here): run parcours init "
		      "with the same version at both ends first; nothing was applied"),
		    theirs, h->from, ours);
		return PC_REFUSED;
	}
	return PC_OK;
}

/* Appends the sender's audit entries at the end of our chain, in their
 * order, each saying where it was made and its number there. */
static enum pc_status chain_audit(struct pc_ctx *c, const char *site,
                                  const struct pc_sync_applied *a, struct pc_problems *pr)
{
	for (size_t i = 0; i < a->naudit; i++) {
		struct pc_audit_entry e = a->audit[i];
		char prev[65];
		enum pc_status st = pc_store_audit_last(c->store, &e.seq, prev, pr);
		if (st != PC_OK)
			return st;
		e.seq++;
		struct pc_buf d = {0};
		pc_buf_printf(&d, "site=%s seq=%lld%s%s", site, a->audit[i].seq,
		              a->audit[i].detail && *a->audit[i].detail ? " " : "",
		              a->audit[i].detail ? a->audit[i].detail : "");
		char hash[65];
		e.detail = pc_buf_take(&d);
		e.prev_hash = prev;
		e.hash = hash;
		if (!e.detail)
			return sync_oom(pr);
		pc_audit_hash(&e, hash);
		st = pc_store_audit_insert(c->store, &e, pr);
		free(e.detail);
		if (st != PC_OK)
			return st;
	}
	return PC_OK;
}

/* Applies the entries after the header, in one transaction with the rest.
 * From a downstream peer (a laptop), each is first weighed against our
 * rules for its login (sync_rules.h): one refused, the whole file is. */
static enum pc_status apply_entries(struct pc_ctx *c, struct reader *r, const char *self_site,
                                    const struct pc_sync_peer *peer, bool from_upstream,
                                    struct pc_sync_refusal *why, struct pc_sync_report *rep,
                                    struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	struct pc_sync_rules rules = {.site = peer->site, .login = peer->login};
	for (size_t i = 0; st == PC_OK && i < rep->entries; i++) {
		char *line = next_line(r);
		long long seq = 0, oseq = 0;
		size_t len = 0;
		char origin[33];
		if (!line || sscanf(line, "%lld %32s %lld %zu", &seq, origin, &oseq, &len) != 4 ||
		    len > (size_t)(r->end - r->p)) {
			free(line);
			st = refuse(pr, _("the file is cut short or damaged: nothing was applied"));
			break;
		}
		free(line);
		const void *cs = r->p;
		r->p += len;
		long long seen = 0;
		if (strcmp(origin, self_site) == 0) {
			rep->skipped++;
			continue;
		}
		if ((st = pc_store_sync_seen(c->store, origin, &seen, pr)) != PC_OK)
			break;
		if (oseq <= seen) {
			rep->skipped++;
			continue;
		}
		if (!from_upstream && peer->login &&
		    (st = pc_sync_check(c, &rules, cs, len, origin, why, pr)) != PC_OK)
			break;
		struct pc_sync_applied a = {0};
		st = pc_store_sync_apply(c->store, cs, len, origin, from_upstream, &a, pr);
		if (st == PC_OK)
			st = chain_audit(c, origin, &a, pr);
		if (st == PC_OK && !a.unheld)
			st = pc_store_sync_log_add(c->store, origin, oseq, peer->site, cs, len, pr);
		if (st == PC_OK)
			st = pc_store_sync_seen_set(c->store, origin, oseq, pr);
		rep->conflicts += a.conflicts;
		rep->settled += a.settled;
		rep->audit += a.naudit;
		if (a.unheld)
			rep->unheld++;
		else
			rep->applied++;
		pc_sync_applied_clear(&a);
	}
	pc_sync_rules_clear(&rules);
	return st;
}

/* The office's trace of a file it refused, in a transaction of its own
 * (the import's rolled back): who brought it, whose person, what. */
static void record_refusal(struct pc_ctx *c, const struct pc_sync_refusal *why,
                           struct pc_problems *pr)
{
	struct pc_participant p = {.id = why->participant_id, .file_no = why->file_no};
	struct pc_problems local = {0};
	if (pc_audit_record(c, PC_AUDIT_SYNC_REFUSED, why->participant_id ? &p : NULL, why->form,
	                    why->detail, &local) != PC_OK)
		pc_problems_take(pr, &local, NULL);
	pc_problems_clear(&local);
}

/* Another person's copy: a supervisor brings it in (a USB key). */
static enum pc_status check_bearer(struct pc_ctx *c, const struct pc_sync_peer *peer,
                                   struct pc_problems *pr)
{
	if (!peer->login || !strcmp(peer->login, c->login))
		return PC_OK;
	struct pc_staff me = {0};
	enum pc_status st = pc_store_staff_get(c->store, c->login, &me, pr);
	if (st == PC_OK && !(me.login && (me.roles & PC_ROLE_SUPERVISOR))) {
		pc_problems_add(pr, false, c->login,
		                _("the file comes from the copy of %s: only they or a supervisor "
		                  "may bring it in"),
		                peer->login);
		st = PC_REFUSED;
	}
	pc_staff_clear(&me);
	return st;
}

/* The header's lines, then the forms folder it announces. */
static enum pc_status read_header(struct pc_sync_incoming *in, struct pc_ctx *c,
                                  struct pc_problems *pr)
{
	struct header *h = &in->h;
	struct reader *r = &in->r;
	h->magic = next_line(r);
	h->from = field(r, "from");
	h->to = field(r, "to");
	h->schema = field(r, "schema");
	h->forms = field(r, "forms");
	h->files = field(r, "files");
	h->upto = field(r, "upto");
	h->ack = field(r, "ack");
	h->entries = field(r, "entries");
	h->pack = field(r, "pack");
	enum pc_status st = check_header(c, h, &in->self, &in->peer, pr);
	if (st != PC_OK)
		return st;
	char *end = NULL;
	unsigned long long len = strtoull(h->pack, &end, 10);
	if (*end || len > (unsigned long long)(r->end - r->p))
		return refuse(pr, _("the file is cut short or damaged: nothing was applied"));
	in->pack = r->p;
	in->npack = (size_t)len;
	r->p += len;
	return PC_OK;
}

enum pc_status pc_sync_open(struct pc_ctx *c, unsigned char **file, size_t n,
                            struct pc_sync_incoming **out, struct pc_problems *pr)
{
	*out = NULL;
	struct pc_sync_incoming *in = calloc(1, sizeof(*in));
	unsigned char *data = *file;
	*file = NULL;
	unsigned char sk[PC_SYNC_KEY];
	bool found = false;
	if (!in) {
		free(data);
		return sync_oom(pr);
	}
	in->file = data;
	enum pc_status st = sodium_init() < 0 ? PC_UNUSABLE : sync_self_get(c, &in->self, pr);
	if (st != PC_OK)
		goto out;
	if (n < SYNC_HEAD + crypto_box_MACBYTES || memcmp(data, SYNC_MAGIC, 8) != 0) {
		st = refuse(pr, _("the file is not a parcours sync file"));
		goto out;
	}
	st = pc_store_sync_peer_get(c->store, NULL, data + 8, &in->peer, &found, pr);
	if (st == PC_OK && !found)
		st = refuse(pr, _("the file comes from a site this database does not know: nothing "
		                  "was applied"));
	if (st == PC_OK)
		st = check_bearer(c, &in->peer, pr);
	if (st == PC_OK)
		st = sync_secret_key(c, sk, pr);
	if (st != PC_OK)
		goto out;
	/* decrypted in place (libsodium allows it): the caller's copy is
	 * the only one */
	unsigned char *plain = data + SYNC_HEAD;
	if (crypto_box_open_easy(plain, data + SYNC_HEAD, n - SYNC_HEAD, data + 8 + PC_SYNC_KEY,
	                         data + 8, sk) != 0) {
		st = refuse(pr,
		            _("the file was altered in transit or is not meant for this database: "
		              "nothing was applied"));
		goto out;
	}
	size_t plen = n - SYNC_HEAD - crypto_box_MACBYTES;
	in->r = (struct reader){(const char *)plain, (const char *)plain + plen};
	in->from_upstream = in->self.upstream && strcmp(in->self.upstream, in->peer.site) == 0;
	st = read_header(in, c, pr);
out:
	sodium_memzero(sk, sizeof(sk));
	if (st == PC_OK)
		*out = in;
	else
		pc_sync_incoming_free(&in);
	return st;
}

const char *pc_sync_incoming_from(const struct pc_sync_incoming *in)
{
	return in->peer.site;
}

bool pc_sync_incoming_forms(const struct pc_sync_incoming *in, const char **line, const void **pack,
                            size_t *n)
{
	if (!in->from_upstream || !in->npack || !in->file)
		return false;
	*line = in->h.files;
	*pack = in->pack;
	*n = in->npack;
	return true;
}

enum pc_status pc_sync_apply(struct pc_ctx *c, struct pc_sync_incoming *in,
                             struct pc_sync_report *rep, struct pc_problems *pr)
{
	memset(rep, 0, sizeof(*rep));
	struct pc_sync_refusal why = {0};
	struct pc_sync_peer *peer = &in->peer;
	const struct header *h = &in->h;
	enum pc_status st = in->file ? check_forms(c, h, pr) : PC_UNUSABLE;
	if (st != PC_OK)
		return st;
	snprintf(rep->from, sizeof(rep->from), "%s", peer->site);
	rep->entries = (size_t)strtoull(h->entries, NULL, 10);
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		return st;
	long long upto = atoll(h->upto), ack = atoll(h->ack);
	bool up = in->from_upstream;
	st = pc_sync_newcomers_import(c, &in->r.p, in->r.end, peer, up, ack, rep, pr);
	if (st == PC_OK)
		st = apply_entries(c, &in->r, in->self.site, peer, up, &why, rep, pr);
	/* all read: the file is not held through the commit */
	free(in->file);
	in->file = NULL;
	in->pack = NULL;
	in->npack = 0;
	if (upto > peer->received)
		peer->received = upto;
	if (ack > peer->sent)
		peer->sent = ack;
	if (st == PC_OK)
		st = pc_store_sync_peer_put(c->store, peer, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (why.detail)
		record_refusal(c, &why, pr);
	pc_sync_refusal_clear(&why);
	return st;
}

void pc_sync_incoming_free(struct pc_sync_incoming **in)
{
	if (!*in)
		return;
	free((*in)->file);
	header_free(&(*in)->h);
	pc_sync_peer_clear(&(*in)->peer);
	pc_sync_self_clear(&(*in)->self);
	free(*in);
	*in = NULL;
}

enum pc_status pc_sync_import(struct pc_ctx *c, unsigned char **file, size_t n,
                              struct pc_sync_report *rep, struct pc_problems *pr)
{
	memset(rep, 0, sizeof(*rep));
	struct pc_sync_incoming *in = NULL;
	enum pc_status st = pc_sync_open(c, file, n, &in, pr);
	if (st == PC_OK)
		st = pc_sync_apply(c, in, rep, pr);
	pc_sync_incoming_free(&in);
	return st;
}
