/* The store's side of `parcours check`: walks that read the whole file
 * once each, streaming rows to a callback so that memory does not grow with
 * the database. Deciding what is wrong with answers or names is the core's
 * job (check.h); here are SQL and SQLite's own integrity check. */
#ifndef PARCOURS_STORE_CHECK_H
#define PARCOURS_STORE_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_store;

/* PRAGMA integrity_check: `each` receives every line that is not "ok" (at
 * most 100, SQLite's default). */
enum pc_status pc_store_check_integrity(struct pc_store *s,
                                        void (*each)(void *ctx, const char *message), void *ctx,
                                        struct pc_problems *pr);

/* One stored revision, as the check reads it. Pointers are valid during the
 * callback only. `file_no` is NULL when no participant has that id;
 * `answers_len` is the stored length in bytes (a NUL inside makes it
 * differ from strlen). */
struct pc_check_revision {
	const char *participant_id, *file_no, *form, *period;
	long long revision;
	int form_version;
	const char *answers;
	size_t answers_len;
};
/* Every revision of every form, in the file's order; stops when `each`
 * returns false. */
enum pc_status pc_store_check_revisions(struct pc_store *s,
                                        bool (*each)(void *ctx, const struct pc_check_revision *r),
                                        void *ctx, struct pc_problems *pr);

/* One participant's names and search keys. */
struct pc_check_person {
	const char *file_no, *family_name, *given_name, *family_folded, *given_folded;
	const char *search_keys;
};
/* Every participant, in the file's order (no sort: nothing is held). */
enum pc_status pc_store_check_people(struct pc_store *s,
                                     bool (*each)(void *ctx, const struct pc_check_person *p),
                                     void *ctx, struct pc_problems *pr);
/* How many words of p->search_keys have no participant_token row under p's
 * folded names and file number (one key lookup each). */
enum pc_status pc_store_check_tokens_missing(struct pc_store *s, const struct pc_check_person *p,
                                             size_t *missing, struct pc_problems *pr);
/* participant_token rows that do not belong: no participant with that file
 * number, folded names that are not the participant's, or a token absent
 * from its search keys. *rows receives the number of rows in the table. */
enum pc_status pc_store_check_token_rows(struct pc_store *s,
                                         bool (*each)(void *ctx, const char *file_no,
                                                      const char *token),
                                         void *ctx, long long *rows, struct pc_problems *pr);

/* Years whose file-number counter is missing or behind the highest file
 * number given that year (`last` is -1 when there is no counter), for the
 * numbers of the database's own site code (site.h; the plain numbers when
 * it has none): another site's numbers are counted where they are made. File
 * numbers are read in one pass of their index; at most 1,000 different
 * years are followed. */
enum pc_status pc_store_check_counter(struct pc_store *s,
                                      bool (*each)(void *ctx, long long year, long long last,
                                                   long long highest),
                                      void *ctx, struct pc_problems *pr);

/* Every ended enrolment (participant's file number, end date, stored
 * reason, NULL when none), in the file's order; stops when `each` returns
 * false. Which reasons are known is the core's (exit_reason.h). */
enum pc_status pc_store_check_exits(struct pc_store *s,
                                    bool (*each)(void *ctx, const char *file_no,
                                                 const char *date, const char *reason),
                                    void *ctx, struct pc_problems *pr);

/* The search keys the store writes for these tokens (NUL-separated, as
 * pc_search_tokens gives them) and file number: " tok1 tok2 ". Malloc'ed,
 * NULL when out of memory. */
char *pc_store_search_keys(const char *tokens, const char *file_no);

#endif
