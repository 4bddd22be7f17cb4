/* The exchange file of sync, written (sync.h pc_sync_export): every change
 * of our log a peer has not confirmed, with a header naming both sites,
 * the schema, the forms' versions, the checksums of every file of the
 * forms folder (sync_forms.h) and acknowledgements, then, for a laptop,
 * our forms folder itself, encrypted to the peer's public key and
 * authenticated with ours (crypto_box: an altered file does not open).
 * Reading and applying one is sync_import.c's. */
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

const char SYNC_MAGIC[8] = "PCSYNC1";
const char SYNC_VERSION[] = "parcours-sync 2";

static int form_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct pc_form *const *)a)->id, (*(const struct pc_form *const *)b)->id);
}

char *sync_forms_line(const struct pc_formset *fs)
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

enum pc_status sync_files_line(struct pc_ctx *c, char **line, struct pc_problems *pr)
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

enum pc_status sync_oom(struct pc_problems *pr)
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

enum pc_status sync_self_get(struct pc_ctx *c, struct pc_sync_self *self, struct pc_problems *pr)
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

enum pc_status pc_sync_export(struct pc_ctx *c, const char *to, bool forms_too, unsigned char **out,
                              size_t *n, size_t *entries, struct pc_problems *pr)
{
	*out = NULL;
	*n = *entries = 0;
	struct pc_sync_self self = {0};
	struct pc_sync_peer peer = {0};
	struct out o = {0};
	unsigned char sk[PC_SYNC_KEY];
	char *forms = NULL, *files = NULL;
	long long upto = 0;
	enum pc_status st = sodium_init() < 0 ? PC_UNUSABLE : sync_self_get(c, &self, pr);
	if (st == PC_OK)
		st = sync_files_line(c, &files, pr);
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
	/* a laptop's forms folder is the office's: it travels with the file,
	 * which a laptop that never sees the link installs (doc/sync.md) */
	struct pc_buf head = {0}, pack = {0};
	if (forms_too && o.only_for && c->forms &&
	    (st = pc_sync_forms_pack(c->forms->dir, &pack, pr)) != PC_OK) {
		pc_buf_free(&pack);
		pc_buf_free(&people);
		goto out;
	}
	forms = sync_forms_line(c->forms);
	pc_buf_printf(&head,
	              "%s\nfrom %s\nto %s\nschema %d\nforms %s\nfiles %s\nupto %lld\nack "
	              "%lld\nentries %zu\npack %zu\n",
	              SYNC_VERSION, self.site, peer.site, pc_store_schema_version(c->store),
	              forms ? forms : "", files, upto, peer.received, o.entries, pack.len);
	if (pack.len)
		pc_buf_add(&head, pack.data, pack.len);
	pc_buf_free(&pack);
	/* the plain text is put together where the changes already are, and
	 * encrypted there (in place, which libsodium allows): the changes are
	 * held once, not three times (as changes, plain text, and sealed) */
	size_t plen = head.len + people.len + o.body.len;
	size_t lead = SYNC_HEAD + crypto_box_MACBYTES + head.len + people.len;
	size_t total = lead + o.body.len;
	unsigned char *file = !forms || head.failed || o.body.failed || people.failed
	                          ? NULL
	                          : realloc(o.body.data, total);
	if (file) {
		o.body.data = NULL; /* now the file's */
		memmove(file + lead, file, total - lead);
		unsigned char *at = file + SYNC_HEAD + crypto_box_MACBYTES;
		memcpy(at, head.data, head.len);
		if (people.len)
			memcpy(at + head.len, people.data, people.len);
	}
	pc_buf_free(&head);
	pc_buf_free(&people);
	pc_buf_free(&o.body);
	if (!file) {
		st = sync_oom(pr);
		goto out;
	}
	memcpy(file, SYNC_MAGIC, 8);
	memcpy(file + 8, self.public_key, PC_SYNC_KEY);
	unsigned char *nonce = file + 8 + PC_SYNC_KEY;
	randombytes_buf(nonce, crypto_box_NONCEBYTES);
	int rc = crypto_box_easy(file + SYNC_HEAD, file + SYNC_HEAD + crypto_box_MACBYTES, plen,
	                         nonce, peer.public_key, sk);
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
