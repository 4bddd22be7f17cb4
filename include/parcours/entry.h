/* Entries of the forms kept as a journal (`period: entry`, form.h): each
 * new entry of a follow-up, referral or evaluation has its own id, date and
 * author, and its own revisions. The revisions are ordinary store.h
 * revisions whose period is the entry's id in decimal ("17"); a draft of an
 * entry not yet saved is kept under period "". Store queries first, then
 * what the faces call (the core checks access and validates). */
#ifndef PARCOURS_ENTRY_H
#define PARCOURS_ENTRY_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/store.h"

struct pc_ctx;
struct pc_json;

struct pc_entry {
	long long id; /* >= 1, never reused: small in an office without a site
	               * code, random from 2^32 in a copy with one (site.h) */
	char *participant_id;
	char *form;
	char *date;   /* "YYYY-MM-DD": the form's entry_date answer, else the first save's day */
	char *author; /* the login who added it */
	char *created_at;        /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	long long revisions;     /* how many revisions it has */
	char *last_by, *last_at; /* its latest revision's login and time */
};
void pc_entry_clear(struct pc_entry *e);
void pc_entries_free(struct pc_entry **list, size_t n);

/* The period text of entry `id` ("17"); and the reverse: true when `s` is
 * a whole number from 1 written without sign, spaces or leading zeros. */
void pc_entry_period(long long id, char out[24]);
bool pc_entry_id_parse(const char *s, long long *id);

/* ---- store (src/store/entry.c) ---- */
/* Adds an entry (inside a transaction) and sets *id. */
enum pc_status pc_store_entry_add(struct pc_store *s, const char *participant_id, const char *form,
                                  const char *date, const char *by, const char *at, long long *id,
                                  struct pc_problems *pr);
/* Entry `id`; PC_OK with out->id = 0 when there is none. */
enum pc_status pc_store_entry_get(struct pc_store *s, long long id, struct pc_entry *out,
                                  struct pc_problems *pr);
/* Moves entry `id` to `date` (its latest revision dates it). */
enum pc_status pc_store_entry_set_date(struct pc_store *s, long long id, const char *date,
                                       struct pc_problems *pr);
/* The entries of one participant, of `form` (NULL: every form), newest
 * first (date, then id). *out is malloc'ed; free with pc_entries_free. */
enum pc_status pc_store_entry_list(struct pc_store *s, const char *participant_id, const char *form,
                                   struct pc_entry **out, size_t *n, struct pc_problems *pr);
/* Calls `each` with the latest revision of every entry of `form`, ordered
 * by file number, then date and id (oldest first, as an export reads); only
 * the participants whose counsellor is `counsellor` when not NULL. `p`, `e`
 * and `r` point into the row (valid during the call). Stops early (PC_OK)
 * when `each` returns false. */
enum pc_status
pc_store_entry_each_current(struct pc_store *s, const char *form, const char *counsellor,
                            bool (*each)(void *ctx, const struct pc_participant *p,
                                         const struct pc_entry *e, const struct pc_revision *r),
                            void *ctx, struct pc_problems *pr);

/* Every revision of entry `id` of participant+form, oldest first. */
enum pc_status pc_store_entry_revisions(struct pc_store *s, const char *participant_id,
                                        const char *form, long long id, struct pc_revision **out,
                                        size_t *n, struct pc_problems *pr);

/* ---- core (src/core/entry.c) ---- */
/* The entries of `form_id` for participant `p`, newest first. PC_REFUSED,
 * nothing fetched, when c->login may not read that form of p, or when the
 * form is not kept as a journal. */
enum pc_status pc_file_entries(struct pc_ctx *c, const struct pc_participant *p,
                               const char *form_id, struct pc_entry **out, size_t *n,
                               struct pc_problems *pr);
/* Every revision of entry `id` of `form_id` of p, oldest first (the
 * history of one entry). PC_REFUSED when it is not an entry of p's form or
 * c->login may not read it. */
enum pc_status pc_file_entry_history(struct pc_ctx *c, const struct pc_participant *p,
                                     const char *form_id, long long id, struct pc_revision **out,
                                     size_t *n, struct pc_problems *pr);
/* Saves the whole answers `raw` (as the screen holds them) as a new entry
 * (`entry` 0: *entry_out receives its id) or as a new revision of entry
 * `entry`, refused as a conflict when base_revision >= 0 is not its latest
 * revision. Drops this login's draft of that entry (of a new entry when
 * `entry` is 0). */
enum pc_status pc_entry_save(struct pc_ctx *c, const char *form_id, const char *file_no,
                             long long entry, const struct pc_json *raw, long long base_revision,
                             long long *entry_out, long long *revision, struct pc_problems *pr);

#endif
