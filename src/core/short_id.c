/* Readable entry and AMI session numbers (short_id.h): which form to show
 * and reading back what a person typed. No SQL here (src/store/short_id.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/entry.h"
#include "parcours/short_id.h"

bool pc_short_id_needed(long long id)
{
	return id >= (1LL << 32);
}

bool pc_short_id_parse(const char *s, char date[11], long long *n)
{
	/* YYYY-MM-DD/N */
	static const char shape[] = "dddd-dd-dd/";
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
			return false;
	}
	const char *num = s + 11;
	if (*num < '1' || *num > '9' || strlen(num) > 9)
		return false;
	for (const char *p = num; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	*n = atoll(num);
	return true;
}

static enum pc_status number(struct pc_ctx *c, long long id, bool entry, char out[PC_SHORT_ID],
                             struct pc_problems *pr)
{
	snprintf(out, PC_SHORT_ID, "%lld", id);
	if (!pc_short_id_needed(id))
		return PC_OK;
	char s[PC_SHORT_ID];
	enum pc_status st = entry ? pc_store_entry_short(c->store, id, s, pr)
	                          : pc_store_ami_session_short(c->store, id, s, pr);
	if (st == PC_OK && s[0])
		memcpy(out, s, PC_SHORT_ID);
	return st;
}

enum pc_status pc_entry_number(struct pc_ctx *c, long long id, char out[PC_SHORT_ID],
                               struct pc_problems *pr)
{
	return number(c, id, true, out, pr);
}

enum pc_status pc_ami_session_number(struct pc_ctx *c, long long id, char out[PC_SHORT_ID],
                                     struct pc_problems *pr)
{
	return number(c, id, false, out, pr);
}

enum pc_status pc_entry_find(struct pc_ctx *c, const char *file_no, const char *form,
                             const char *text, long long *id, struct pc_problems *pr)
{
	char date[11];
	long long n = 0;
	*id = 0;
	if (pc_entry_id_parse(text, id))
		return PC_OK;
	if (!pc_short_id_parse(text, date, &n))
		return PC_OK;
	return pc_store_entry_by_short(c->store, file_no, form, date, n, id, pr);
}

enum pc_status pc_ami_session_find(struct pc_ctx *c, const char *text, long long *id,
                                   struct pc_problems *pr)
{
	char date[11];
	long long n = 0;
	*id = 0;
	if (pc_entry_id_parse(text, id))
		return PC_OK;
	if (!pc_short_id_parse(text, date, &n))
		return PC_OK;
	return pc_store_ami_session_by_short(c->store, date, n, id, pr);
}
