/* The consent rule of referrals: referring a person to a partner shares
 * information about them, which Québec's privacy law (Loi 25) allows only
 * with their consent. A choice field whose choices come from a partners
 * file (partner.h) names a partner; the save is refused unless the
 * person's intake holds a yes to the consent that partner needs. */
#ifndef PARCOURS_REFERRAL_H
#define PARCOURS_REFERRAL_H
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/store.h"

/* PC_OK when every partner named in `answers` (top-level fields of `form`
 * with `choices: FILE.yaml`) may receive the person's information: the
 * intake answer the partner's `consent:` names is yes. Otherwise
 * PC_REFUSED with one problem at the field's name saying which consent is
 * missing and what to do. PC_UNUSABLE when the partners file or the
 * stored intake cannot be read. Reads only. */
enum pc_status pc_referral_consent(struct pc_ctx *c, const struct pc_form *form,
                                   const struct pc_participant *who, const struct pc_json *answers,
                                   struct pc_problems *pr);

#endif
