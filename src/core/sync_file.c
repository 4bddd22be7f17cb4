/* The exchange file of sync (sync.h pc_sync_export / pc_sync_import): every
 * change of our log a peer has not confirmed, with a header naming both
 * sites, the schema, the forms' versions, the checksums of every file of
 * the forms folder (sync_forms.h) and acknowledgements, encrypted to
 * the peer's public key and authenticated with ours (crypto_box: an altered
 * file does not open). Applying a change is the store's (sync_apply.c). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync.h"
#include "parcours/sync_forms.h"
#include "parcours/sync_newcomers.h"
#include "parcours/sync_rules.h"
#include "sync_internal.h"

static const char MAGIC[8] = "PCSYNC1";
enum { HEAD = 8 + PC_SYNC_KEY + crypto_box_NONCEBYTES };

static int form_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct pc_form *const *)a)->id, (*(const struct pc_form *const *)b)->id);
}

/* "id=version,..." by id: what both ends must agree on. */
static char *forms_line(const struct pc_formset *fs)
{
	struct pc_buf b = {0};
	size_t n = fs ? fs->len : 0;
	const struct pc_form **v = n ? malloc(n * sizeof(*v)) : NULL;
	if (n && !v)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = fs->forms[i];
	if (n)
		qsort(v, n, sizeof(*v), form_cmp);
	for (size_t i = 0; i < n; i++)
		pc_buf_printf(&b, "%s%s=%d", i ? "," : "", v[i]->id, v[i]->version);
	free(v);
	pc_buf_putc(&b, '\0');
	b.len--;
	return pc_buf_take(&b);
}

/* The checksums of every file of the forms folder in use (sync_forms.h). */
static enum pc_status files_line(struct pc_ctx *c, char **line, struct pc_problems *pr)
{
	if (c->forms)
		return pc_sync_forms_line(c->forms->dir, line, pr);
	if ((*line = strdup("")))
		return PC_OK;
	pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
	return PC_UNUSABLE;
}

struct out {
	struct pc_buf body;
	const char *self;
	size_t entries;
	struct pc_store *store;
	const char *only_for; /* a laptop's login: only what it follows */
	struct pc_problems *pr;
	bool failed;
};

static bool add_entry(void *ctx, long long seq, const char *origin, long long origin_seq,
                      const void *cs, size_t n)
{
	struct out *o = ctx;
	if (o->only_for) {
		bool outside = false;
		if (pc_store_sync_outside(o->store, cs, n, o->only_for, &outside, o->pr) != PC_OK) {
			o->failed = true;
			return false;
		}
		if (outside)
			return true;
	}
	pc_buf_printf(&o->body, "%lld %s %lld %zu\n", seq, origin ? origin : o->self, origin_seq, n);
	pc_buf_add(&o->body, cs, n);
	o->entries++;
	return !o->body.failed;
}

static enum pc_status oom(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
	return PC_UNUSABLE;
}

static enum pc_status find_peer(struct pc_ctx *c, const struct pc_sync_self *self, const char *to,
                                struct pc_sync_peer *peer, struct pc_problems *pr)
{
	bool found = false;
	const char *site = to ? to : self->upstream;
	enum pc_status st = pc_store_sync_peer_get(c->store, site, NULL, peer, &found, pr);
	if (st == PC_OK && !found) {
		if (site)
			pc_problems_add(pr, false, "site", _("site %s is not a peer of this database"),
			                site);
		else
			pc_problems_add(pr, false, "site", "%s",
			                _("this database has several peers: name one with --to SITE"));
		st = PC_REFUSED;
	}
	return st;
}

static enum pc_status self_get(struct pc_ctx *c, struct pc_sync_self *self, struct pc_problems *pr)
{
	bool found = false;
	enum pc_status st = pc_store_sync_self_get(c->store, self, &found, pr);
	if (st == PC_OK && !found) {
		pc_problems_add(pr, false, "sync", "%s",
		                _("this database does not take part in sync: run parcours sync keygen "
		                  "at the office or parcours sync init on a laptop"));
		st = PC_REFUSED;
	}
	return st;
}

enum pc_status pc_sync_export(struct pc_ctx *c, const char *to, unsigned char **out, size_t *n,
                              size_t *entries, struct pc_problems *pr)
{
	*out = NULL;
	*n = *entries = 0;
	struct pc_sync_self self = {0};
	struct pc_sync_peer peer = {0};
	struct out o = {0};
	unsigned char sk[PC_SYNC_KEY];
	char *forms = NULL, *files = NULL;
	long long upto = 0;
	enum pc_status st = sodium_init() < 0 ? PC_UNUSABLE : self_get(c, &self, pr);
	if (st == PC_OK)
		st = files_line(c, &files, pr);
	if (st == PC_OK)
		st = find_peer(c, &self, to, &peer, pr);
	if (st == PC_OK)
		st = sync_secret_key(c, sk, pr);
	if (st != PC_OK)
		goto out;
	/* one read of the log and its end, so `upto` covers what is sent */
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	o.self = self.site;
	o.store = c->store;
	o.pr = pr;
	/* a laptop (a peer we are the upstream of) gets its counsellor's people */
	bool downstream = !self.upstream || strcmp(self.upstream, peer.site) != 0;
	o.only_for = downstream && peer.login ? peer.login : NULL;
	/* whatever the login's roles: its copy holds its caseload alone
	 * (copy.h), and so does what we send it */
	if (st == PC_OK)
		st = pc_store_sync_last_seq(c->store, &upto, pr);
	if (st == PC_OK)
		st = pc_store_sync_log_each(c->store, peer.sent, peer.site, add_entry, &o, pr);
	if (st == PC_OK && o.failed)
		st = PC_UNUSABLE;
	/* people newly in (or out of) the laptop's caseload, ahead of the rest */
	bool wrote = false;
	struct pc_buf people = {0};
	if (st == PC_OK && o.only_for)
		st = pc_sync_newcomers_export(c, &peer, upto, &people, &wrote, pr);
	if (st == PC_OK && wrote)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st != PC_OK) {
		pc_buf_free(&people);
		goto out;
	}
	forms = forms_line(c->forms);
	struct pc_buf head = {0};
	pc_buf_printf(&head,
	              "parcours-sync 1\nfrom %s\nto %s\nschema %d\nforms %s\nfiles %s\nupto "
	              "%lld\nack %lld\nentries %zu\n",
	              self.site, peer.site, pc_store_schema_version(c->store), forms ? forms : "",
	              files, upto, peer.received, o.entries);
	/* the plain text is put together where the changes already are, and
	 * encrypted there (in place, which libsodium allows): the changes are
	 * held once, not three times (as changes, plain text, and sealed) */
	size_t plen = head.len + people.len + o.body.len;
	size_t lead = HEAD + crypto_box_MACBYTES + head.len + people.len;
	size_t total = lead + o.body.len;
	unsigned char *file = !forms || head.failed || o.body.failed || people.failed
	                          ? NULL
	                          : realloc(o.body.data, total);
	if (file) {
		o.body.data = NULL; /* now the file's */
		memmove(file + lead, file, total - lead);
		unsigned char *at = file + HEAD + crypto_box_MACBYTES;
		memcpy(at, head.data, head.len);
		if (people.len)
			memcpy(at + head.len, people.data, people.len);
	}
	pc_buf_free(&head);
	pc_buf_free(&people);
	pc_buf_free(&o.body);
	if (!file) {
		st = oom(pr);
		goto out;
	}
	memcpy(file, MAGIC, 8);
	memcpy(file + 8, self.public_key, PC_SYNC_KEY);
	unsigned char *nonce = file + 8 + PC_SYNC_KEY;
	randombytes_buf(nonce, crypto_box_NONCEBYTES);
	int rc = crypto_box_easy(file + HEAD, file + HEAD + crypto_box_MACBYTES, plen, nonce,
	                         peer.public_key, sk);
	if (rc != 0) {
		free(file);
		pc_problems_add(pr, false, "sync", "%s", _("the file cannot be encrypted"));
		st = PC_UNUSABLE;
		goto out;
	}
	*out = file;
	*n = total;
	*entries = o.entries;
out:
	sodium_memzero(sk, sizeof(sk));
	free(forms);
	free(files);
	pc_buf_free(&o.body);
	pc_sync_peer_clear(&peer);
	pc_sync_self_clear(&self);
	return st;
}

/* ---- reading a file ---- */

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
	char *magic, *from, *to, *schema, *forms, *files, *upto, *ack, *entries;
};

static void header_free(struct header *h)
{
	char *f[] = {h->magic, h->from, h->to,  h->schema, h->forms,
	             h->files, h->upto, h->ack, h->entries};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		free(f[i]);
}

static enum pc_status refuse(struct pc_problems *pr, const char *msg)
{
	pc_problems_add(pr, false, "sync", "%s", msg);
	return PC_REFUSED;
}

/* The forms folder's files (programmes.yaml and the rest, not only the
 * forms' versions) are the same at both ends. */
static enum pc_status check_files(struct pc_ctx *c, const struct header *h,
                                  struct pc_problems *pr)
{
	char *ours = NULL;
	enum pc_status st = files_line(c, &ours, pr);
	if (st != PC_OK || !strcmp(ours, h->files)) {
		free(ours);
		return st;
	}
	char *names = pc_sync_forms_differ(h->files, ours);
	pc_problems_add(pr, false, "sync",
	                _("the forms folder differs from %s's (%s): a laptop receives the "
	                  "office's with parcours sync over the link, or install the same forms "
	                  "folder at both ends; nothing was applied"),
	                h->from, names ? names : "");
	free(names);
	free(ours);
	return PC_REFUSED;
}

static enum pc_status check_header(struct pc_ctx *c, const struct header *h,
                                   const struct pc_sync_self *self,
                                   const struct pc_sync_peer *peer, struct pc_problems *pr)
{
	if (!h->magic || strcmp(h->magic, "parcours-sync 1") != 0 || !h->from || !h->to ||
	    !h->schema || !h->forms || !h->files || !h->upto || !h->ack || !h->entries)
		return refuse(pr, _("the file is not a parcours sync file of this version"));
	if (strcmp(h->from, peer->site) != 0 || strcmp(h->to, self->site) != 0)
		return refuse(pr, _("the file is not meant for this database: nothing was applied"));
	int theirs = atoi(h->schema), ours = pc_store_schema_version(c->store);
	if (theirs != ours) {
		pc_problems_add(pr, false, "sync",
		                _("the schema differs (version %d at %s, %d here): run parcours init "
		                  "with the same version at both ends first; nothing was applied"),
		                theirs, h->from, ours);
		return PC_REFUSED;
	}
	char *forms = forms_line(c->forms);
	if (!forms)
		return oom(pr);
	enum pc_status st = PC_OK;
	if (strcmp(forms, h->forms) != 0) {
		pc_problems_add(pr, false, "sync",
		                _("the forms differ (%s at %s; %s here): install the same forms at "
		                  "both ends first; nothing was applied"),
		                h->forms, h->from, forms);
		st = PC_REFUSED;
	}
	free(forms);
	if (st == PC_OK)
		st = check_files(c, h, pr);
	return st;
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
			return oom(pr);
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

enum pc_status pc_sync_import(struct pc_ctx *c, unsigned char **file, size_t n,
                              struct pc_sync_report *rep, struct pc_problems *pr)
{
	unsigned char *data = *file;
	memset(rep, 0, sizeof(*rep));
	struct pc_sync_self self = {0};
	struct pc_sync_peer peer = {0};
	struct header h = {0};
	unsigned char sk[PC_SYNC_KEY];
	unsigned char *plain = NULL;
	struct pc_sync_refusal why = {0};
	bool found = false;
	enum pc_status st = sodium_init() < 0 ? PC_UNUSABLE : self_get(c, &self, pr);
	if (st != PC_OK)
		goto out;
	if (n < HEAD + crypto_box_MACBYTES || memcmp(data, MAGIC, 8) != 0) {
		st = refuse(pr, _("the file is not a parcours sync file"));
		goto out;
	}
	st = pc_store_sync_peer_get(c->store, NULL, data + 8, &peer, &found, pr);
	if (st == PC_OK && !found)
		st = refuse(pr, _("the file comes from a site this database does not know: nothing "
		                  "was applied"));
	if (st == PC_OK && peer.login && strcmp(peer.login, c->login) != 0) {
		/* another person's copy: a supervisor brings it in (a USB key) */
		struct pc_staff me = {0};
		st = pc_store_staff_get(c->store, c->login, &me, pr);
		if (st == PC_OK && !(me.login && (me.roles & PC_ROLE_SUPERVISOR))) {
			pc_problems_add(pr, false, c->login,
			                _("the file comes from the copy of %s: only they or a supervisor "
			                  "may bring it in"),
			                peer.login);
			st = PC_REFUSED;
		}
		pc_staff_clear(&me);
	}
	if (st == PC_OK)
		st = sync_secret_key(c, sk, pr);
	if (st != PC_OK)
		goto out;
	size_t plen = n - HEAD - crypto_box_MACBYTES;
	/* decrypted in place (libsodium allows it): the caller's copy is
	 * the only one */
	plain = data + HEAD;
	if (crypto_box_open_easy(plain, data + HEAD, n - HEAD, data + 8 + PC_SYNC_KEY, data + 8,
	                         sk) != 0) {
		st = refuse(pr, _("the file was altered in transit or is not meant for this database: "
		                  "nothing was applied"));
		goto out;
	}
	struct reader r = {(const char *)plain, (const char *)plain + plen};
	h.magic = next_line(&r);
	h.from = field(&r, "from");
	h.to = field(&r, "to");
	h.schema = field(&r, "schema");
	h.forms = field(&r, "forms");
	h.files = field(&r, "files");
	h.upto = field(&r, "upto");
	h.ack = field(&r, "ack");
	h.entries = field(&r, "entries");
	if ((st = check_header(c, &h, &self, &peer, pr)) != PC_OK)
		goto out;
	snprintf(rep->from, sizeof(rep->from), "%s", peer.site);
	rep->entries = (size_t)strtoull(h.entries, NULL, 10);
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	bool from_upstream = self.upstream && strcmp(self.upstream, peer.site) == 0;
	long long upto = atoll(h.upto), ack = atoll(h.ack);
	st = pc_sync_newcomers_import(c, &r.p, r.end, &peer, from_upstream, ack, rep, pr);
	if (st == PC_OK)
		st = apply_entries(c, &r, self.site, &peer, from_upstream, &why, rep, pr);
	/* all read: the file is not held through the commit */
	free(*file);
	*file = NULL;
	if (upto > peer.received)
		peer.received = upto;
	if (ack > peer.sent)
		peer.sent = ack;
	if (st == PC_OK)
		st = pc_store_sync_peer_put(c->store, &peer, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (why.detail)
		record_refusal(c, &why, pr);
out:
	pc_sync_refusal_clear(&why);
	sodium_memzero(sk, sizeof(sk));
	header_free(&h);
	pc_sync_peer_clear(&peer);
	pc_sync_self_clear(&self);
	return st;
}
