/* Sync identities (sync.h): the office's key pair (sync keygen), a laptop
 * registered at the office and the laptop copy taking its own identity
 * (sync init). Secret keys live in DB.sync-key beside the database, with
 * its mode, never in the database, so no copy carries one. The exchange
 * file is sync_file.c's; conflicts are sync_resolve.c's. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/buf.h"
#include "parcours/file_no.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync.h"
#include "parcours/sync_newcomers.h"
#include "sync_internal.h"

bool sync_site_valid(const char *site)
{
	size_t n = site ? strlen(site) : 0;
	/* also a numbering site code (pc_site_ok): the copy numbers its files
	 * with it, so only what both accept */
	if (n < 1 || n > PC_SITE_MAX || site[0] == '-' || !pc_site_ok(site))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((site[i] >= 'A' && site[i] <= 'Z') || (site[i] >= '0' && site[i] <= '9') ||
		      site[i] == '-'))
			return false;
	return true;
}

static char *key_path(struct pc_ctx *c)
{
	struct pc_buf b = {0};
	pc_buf_printf(&b, "%s.sync-key", pc_store_sync_db_path(c->store));
	return pc_buf_take(&b);
}

static enum pc_status sodium_ready(struct pc_problems *pr)
{
	if (sodium_init() >= 0)
		return PC_OK;
	pc_problems_add(pr, false, "sync", "%s", _("the cryptography library cannot start"));
	return PC_UNUSABLE;
}

/* Writes the secret key beside the database, readable as the database is. */
static enum pc_status write_secret(struct pc_ctx *c, const unsigned char sk[PC_SYNC_KEY],
                                   struct pc_problems *pr)
{
	char *path = key_path(c);
	if (!path) {
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	struct stat db;
	mode_t mode = 0600;
	if (stat(pc_store_sync_db_path(c->store), &db) == 0)
		mode = (db.st_mode & 0660) | 0600;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	bool ok = fd >= 0 && fchmod(fd, mode) == 0 &&
	          write(fd, sk, PC_SYNC_KEY) == PC_SYNC_KEY && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok) {
		pc_problems_add(pr, false, "sync", _("%s cannot be written: %s"), path, strerror(err));
		if (fd >= 0)
			unlink(path);
	}
	free(path);
	return ok ? PC_OK : PC_UNUSABLE;
}

enum pc_status sync_secret_key(struct pc_ctx *c, unsigned char sk[PC_SYNC_KEY],
                               struct pc_problems *pr)
{
	char *path = key_path(c);
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	bool ok = fd >= 0 && read(fd, sk, PC_SYNC_KEY) == PC_SYNC_KEY;
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (!ok)
		pc_problems_add(pr, false, "sync", _("the secret key %s cannot be read: %s"),
		                path ? path : "", fd < 0 ? strerror(err) : _("too short"));
	free(path);
	return ok ? PC_OK : PC_UNUSABLE;
}

enum pc_status pc_sync_keypair(unsigned char pk[PC_SYNC_KEY], unsigned char sk[PC_SYNC_KEY],
                               struct pc_problems *pr)
{
	enum pc_status st = sodium_ready(pr);
	if (st == PC_OK)
		crypto_box_keypair(pk, sk);
	return st;
}

enum pc_status pc_sync_keygen(struct pc_ctx *c, const char *site, struct pc_problems *pr)
{
	if (!sync_site_valid(site)) {
		pc_problems_add(pr, false, "site", "%s",
		                _("a site code is 1 to 16 of A-Z, 0-9 and -, not starting with -, e.g. RN (it also numbers the copy's files: RN-2026-0001)"));
		return PC_REFUSED;
	}
	enum pc_status st = pc_staff_can(c, PC_DO_MANAGE_STAFF, NULL, NULL, pr);
	if (st != PC_OK || (st = sodium_ready(pr)) != PC_OK)
		return st;
	struct pc_sync_self self = {0};
	bool found = false;
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		return st;
	st = pc_store_sync_self_get(c->store, &self, &found, pr);
	if (st == PC_OK && found) {
		pc_problems_add(pr, false, "site", _("this database is already site %s of sync"),
		                self.site);
		st = PC_REFUSED;
	}
	unsigned char sk[PC_SYNC_KEY];
	pc_sync_self_clear(&self);
	if (st == PC_OK) {
		crypto_box_keypair(self.public_key, sk);
		self.site = (char *)site;
		st = pc_store_sync_self_set(c->store, &self, pr);
		self.site = NULL;
	}
	if (st == PC_OK)
		st = write_secret(c, sk, pr);
	sodium_memzero(sk, sizeof(sk));
	if (st == PC_OK)
		return pc_store_commit(c->store, pr);
	pc_store_rollback(c->store);
	return st;
}

enum pc_status pc_sync_register(struct pc_ctx *c, const char *site,
                                const unsigned char pk[PC_SYNC_KEY], char **office_site,
                                unsigned char office_pk[PC_SYNC_KEY], long long *seq,
                                struct pc_problems *pr)
{
	*office_site = NULL;
	if (!sync_site_valid(site)) {
		pc_problems_add(pr, false, "site", "%s",
		                _("a site code is 1 to 16 of A-Z, 0-9 and -, not starting with -, e.g. RN (it also numbers the copy's files: RN-2026-0001)"));
		return PC_REFUSED;
	}
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	if (st != PC_OK || (st = pc_store_begin(c->store, pr)) != PC_OK)
		return st;
	struct pc_sync_self self = {0};
	struct pc_sync_peer peer = {0};
	bool found = false;
	st = pc_store_sync_self_get(c->store, &self, &found, pr);
	if (st == PC_OK && !found) {
		pc_problems_add(pr, false, "sync", "%s",
		                _("this database has no sync keys: run parcours sync keygen at the "
		                  "office first"));
		st = PC_REFUSED;
	}
	if (st == PC_OK && strcmp(self.site, site) == 0) {
		pc_problems_add(pr, false, "site", _("site %s is taken"), site);
		st = PC_REFUSED;
	}
	if (st == PC_OK)
		st = pc_store_sync_peer_get(c->store, site, NULL, &peer, &found, pr);
	if (st == PC_OK && found) {
		pc_problems_add(pr, false, "site", _("site %s is taken"), site);
		st = PC_REFUSED;
	}
	pc_sync_peer_clear(&peer);
	if (st == PC_OK)
		st = pc_store_sync_last_seq(c->store, seq, pr);
	if (st == PC_OK) {
		struct pc_sync_peer p = {.site = (char *)site, .login = (char *)c->login,
		                         .sent = *seq};
		memcpy(p.public_key, pk, PC_SYNC_KEY);
		st = pc_store_sync_peer_put(c->store, &p, pr);
	}
	if (st == PC_OK) /* the people its copy holds (sync_newcomers.h) */
		st = pc_store_sync_held_init(c->store, site, c->login, *seq, pr);
	if (st == PC_OK) {
		memcpy(office_pk, self.public_key, PC_SYNC_KEY);
		*office_site = self.site;
		self.site = NULL;
		st = pc_store_commit(c->store, pr);
	} else
		pc_store_rollback(c->store);
	pc_sync_self_clear(&self);
	if (st != PC_OK) {
		free(*office_site);
		*office_site = NULL;
	}
	return st;
}

enum pc_status pc_sync_adopt(struct pc_ctx *c, const char *site,
                             const unsigned char pk[PC_SYNC_KEY],
                             const unsigned char sk[PC_SYNC_KEY], const char *office_site,
                             const unsigned char office_pk[PC_SYNC_KEY], const char *url,
                             long long office_seq, struct pc_problems *pr)
{
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st != PC_OK)
		return st;
	st = pc_store_sync_reset(c->store, pr);
	struct pc_sync_self self = {.site = (char *)site, .upstream = (char *)office_site};
	memcpy(self.public_key, pk, PC_SYNC_KEY);
	if (st == PC_OK)
		st = pc_store_sync_self_set(c->store, &self, pr);
	struct pc_sync_peer p = {.site = (char *)office_site, .url = (char *)url,
	                         .login = (char *)c->login, .received = office_seq};
	memcpy(p.public_key, office_pk, PC_SYNC_KEY);
	if (st == PC_OK)
		st = pc_store_sync_peer_put(c->store, &p, pr);
	if (st == PC_OK)
		st = pc_store_sync_seen_set(c->store, office_site, office_seq, pr);
	if (st == PC_OK)
		st = write_secret(c, sk, pr);
	if (st == PC_OK)
		return pc_store_commit(c->store, pr);
	pc_store_rollback(c->store);
	return st;
}

enum pc_status pc_sync_upstream(struct pc_ctx *c, char **site, char **url,
                                struct pc_problems *pr)
{
	*site = *url = NULL;
	struct pc_sync_self self = {0};
	struct pc_sync_peer peer = {0};
	bool found = false;
	enum pc_status st = pc_store_sync_self_get(c->store, &self, &found, pr);
	if (st == PC_OK && (!found || !self.upstream)) {
		pc_problems_add(pr, false, "sync", "%s",
		                _("this database syncs with no office: make a copy with parcours sync "
		                  "init"));
		st = PC_REFUSED;
	}
	if (st == PC_OK)
		st = pc_store_sync_peer_get(c->store, self.upstream, NULL, &peer, &found, pr);
	if (st == PC_OK && (!found || !peer.url)) {
		pc_problems_add(pr, false, "sync", _("the office %s is not known here"),
		                self.upstream);
		st = PC_REFUSED;
	}
	if (st == PC_OK) {
		*site = peer.site;
		*url = peer.url;
		peer.site = peer.url = NULL;
	}
	pc_sync_peer_clear(&peer);
	pc_sync_self_clear(&self);
	return st;
}
