/* Giving an office's database its site code (site.h's pc_site_set): an
 * administrator's act, recorded in the audit log in the same transaction.
 * What a site code changes (file numbers, row keys) is the store's. */
#include <stdio.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/site.h"
#include "parcours/staff.h"

enum pc_status pc_site_set(struct pc_ctx *c, const char *code, struct pc_problems *pr)
{
	char have[PC_SITE_MAX + 1];
	enum pc_status st = pc_store_site_get(c->store, have, pr);
	if (st != PC_OK || (pc_site_ok(code) && !strcmp(have, code)))
		return st;
	if ((st = pc_staff_can(c, PC_DO_MANAGE_STAFF, NULL, NULL, pr)) != PC_OK)
		return st;
	if ((st = pc_audit_begin(c, pr)) != PC_OK)
		return st;
	st = pc_store_site_set(c->store, code, pr);
	char detail[32 + PC_SITE_MAX];
	snprintf(detail, sizeof(detail), "site=%s", code);
	return pc_audit_commit(c, st, NULL, NULL, detail, pr);
}
