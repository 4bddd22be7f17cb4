/* Partner organisations people are referred to (forms/partners.yaml): each
 * a code, a bilingual name and kind, a contact, and the intake consent a
 * referral to it needs. A choice field takes them as its choices with
 * `choices: partners.yaml` (parcours-forms(5), PARTNERS). Loading and
 * lookups only: no database, no screen. */
#ifndef PARCOURS_PARTNER_H
#define PARCOURS_PARTNER_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/form.h"

struct pc_partner {
	char *code;          /* "clsc": a-z, 0-9, _ */
	struct pc_text name; /* required */
	struct pc_text kind; /* may be empty */
	char *contact;       /* NULL when absent */
	char *consent;       /* the intake's boolean field a referral needs;
	                        "consent_partners" when the file says nothing */
	bool retired;        /* kept to name old referrals, no longer offered */
};

struct pc_partners {
	struct pc_partner *items; /* in the file's order */
	size_t len;
};

/* Reads a partners file: a mapping with `partners:`, a non-empty list of
 * {code, name, kind, contact, consent, retired}. Unknown keys, missing
 * codes or names, duplicate codes and bad consent names are added to `pr`
 * at PATH:LINE:COL. PC_OK and *out (free with pc_partners_free), or
 * PC_UNUSABLE and *out NULL. */
enum pc_status pc_partners_load(const char *path, struct pc_partners **out, struct pc_problems *pr);
void pc_partners_free(struct pc_partners **p);
/* The partner with this code, retired or not; NULL when none. */
const struct pc_partner *pc_partner_find(const struct pc_partners *p, const char *code);

/* The file a choice field's `choices:` names, when it names one ("x.yaml");
 * false for a list name. */
bool pc_partners_is_file(const char *choices);

#endif
