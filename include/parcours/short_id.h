/* Numbers a person can read and type for entries and AMI sessions (issue
 * 15): in a database with a site code their ids are random 63-bit numbers
 * (site.h), so where one would be shown the faces show DATE/N instead: the
 * Nth entry of that form of that person dated DATE, or the Nth AMI session
 * of DATE, in the order recorded (creation time, then id). Small ids (an office
 * without a site code, or made there before) are shown as they always
 * were. Commands that take an id accept both. */
#ifndef PARCOURS_SHORT_ID_H
#define PARCOURS_SHORT_ID_H
#include <stdbool.h>
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/store.h"

enum { PC_SHORT_ID = 32 }; /* room for either form, with its NUL */

/* True when `id` is one of the random ids (shown as DATE/N). */
bool pc_short_id_needed(long long id);
/* "YYYY-MM-DD/N" (N from 1, no leading zero): the date and N. */
bool pc_short_id_parse(const char *s, char date[11], long long *n);

/* ---- core (src/core/short_id.c) ---- */
/* The number to show for entry / AMI session `id` (decimal when small). */
enum pc_status pc_entry_number(struct pc_ctx *c, long long id, char out[PC_SHORT_ID],
                               struct pc_problems *pr);
enum pc_status pc_ami_session_number(struct pc_ctx *c, long long id, char out[PC_SHORT_ID],
                                     struct pc_problems *pr);
/* The entry of form `form` of the person with `file_no` that `text` names
 * (an id, or DATE/N); *id = 0 when none. Only reads: access is checked by
 * whatever then uses the entry. */
enum pc_status pc_entry_find(struct pc_ctx *c, const char *file_no, const char *form,
                             const char *text, long long *id, struct pc_problems *pr);
/* The AMI session `text` names (an id, or DATE/N); *id = 0 when none. */
enum pc_status pc_ami_session_find(struct pc_ctx *c, const char *text, long long *id,
                                   struct pc_problems *pr);

/* ---- store (src/store/short_id.c) ---- */
/* DATE/N of entry / session `id`; "" when there is none. */
enum pc_status pc_store_entry_short(struct pc_store *s, long long id, char out[PC_SHORT_ID],
                                    struct pc_problems *pr);
enum pc_status pc_store_ami_session_short(struct pc_store *s, long long id, char out[PC_SHORT_ID],
                                          struct pc_problems *pr);
/* The id of the Nth entry / session of `date` (0 when none). */
enum pc_status pc_store_entry_by_short(struct pc_store *s, const char *file_no, const char *form,
                                       const char *date, long long n, long long *id,
                                       struct pc_problems *pr);
enum pc_status pc_store_ami_session_by_short(struct pc_store *s, const char *date, long long n,
                                             long long *id, struct pc_problems *pr);

#endif
