/* TEMPORARY: replaced by part A's caseload copy at merge.
 * pc_copy_caseload (copy.h) as a whole-file copy (VACUUM INTO), so that
 * sync init can be built and tested before the caseload copy exists; it
 * ignores the caseload and the site. */
#include "parcours/copy.h"
#include "parcours/sync.h"

enum pc_status pc_copy_caseload(struct pc_ctx *c, const char *dest_path, const char *site,
                                struct pc_problems *pr)
{
	(void)site;
	return pc_store_sync_copy_file(c->store, dest_path, pr);
}
