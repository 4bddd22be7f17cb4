/* One person's file as a whole, beyond the forms: the enrolment part of
 * `show` (programmes, dates, counsellor, targets, exits with their reason)
 * and `export-person`, everything held on one person (a person's right to
 * their file, Law 25). Both ask the store through the core and print
 * nothing; the faces write what they return. */
#ifndef PARCOURS_PERSON_H
#define PARCOURS_PERSON_H
#include <stdbool.h>
#include "parcours/buf.h"
#include "parcours/core.h"
#include "parcours/err.h"

/* The enrolments of p, oldest first, as c->login may see them: a reader of
 * the intake form (the front desk too: appointments need to know who
 * follows the person) sees the programme, the dates and the counsellor of
 * the open enrolment; the per-person hours, the ramp-up and the reason of
 * an exit need read access to the participation form (the person's
 * counsellor, supervisors). JSON: an array (see `show --json` in
 * parcours(1)); text: an "Enrolments" block, nothing when there is none.
 * Reasons are labels in text, code and label in JSON. *shown is false, and
 * nothing appended, when the reader may not read the intake. */
enum pc_status pc_person_enrolments(struct pc_ctx *c, const struct pc_participant *p, bool json,
                                    struct pc_buf *out, bool *shown, struct pc_problems *pr);

/* Output written as it is made (show, export-person): appended to `b`
 * and handed to `write` in chunks, so that a file of thousands of
 * revisions is never held whole. Chunks are handed over only where the
 * caller says a line ends (text is escaped by the face chunk by chunk). */
struct pc_person_out {
	struct pc_buf b;
	bool (*write)(void *ctx, const char *data, size_t len);
	void *ctx;
	bool failed; /* an append or a write failed; later ones are dropped */
};

/* At a line's end: hands what is pending to `write` once it holds at least
 * `at` bytes (0: whatever is pending). False once anything failed. */
bool pc_person_out_flush(struct pc_person_out *o, size_t at);
/* The size of chunk the writers flush at. */
enum { PC_PERSON_OUT_CHUNK = 32768 };
/* Reads every revision of p of the forms in `only` (as
 * pc_store_revision_list) one at a time, as pc_stored_answers: PC_UNUSABLE
 * at the first that does not read, so that nothing is written of a damaged
 * file. Nothing is kept. */
enum pc_status pc_person_revisions_check(struct pc_ctx *c, const struct pc_participant *p,
                                         const char *only, struct pc_problems *pr);

struct pc_field;
struct pc_json;
struct pc_revision;
/* A revision's fields in JSON from "revision" to "answers" (the answers
 * written from their parsed value, `{}` when there are none), as show and
 * export-person write them; no braces around. */
void pc_revision_json_fields(const struct pc_revision *r, const char *reason,
                             const struct pc_json *answers, struct pc_buf *b);
/* One stored answer as `show` writes it: "Label : value", a repeat as its
 * numbered rows, `indent` spaces in; shared by show and export-person. */
void pc_answer_text(const struct pc_field *f, const struct pc_json *v, int indent,
                    struct pc_buf *b);

/* Everything held on participant `file_no`: who they are,
 * their enrolments and exits (as pc_person_enrolments), every revision of
 * every form the exporter may read (pc_access_readable: with the shipped
 * forms, all of them; a supervisor also gets forms no longer defined; the
 * others are named as not shown) with the reason given for it,
 * the hours of each month that has a participation record (figures of
 * pc_participant_month), and every audit entry about the file (who read or
 * changed it, this export included). Text in the current language, or JSON
 * (its shape in parcours(1), export-person). Only a supervisor or the
 * person's counsellor (pc_staff_can PC_DO_EXPORT_PERSON): PC_REFUSED
 * otherwise, nothing read or recorded. The export is recorded (action
 * export-person) before anything is read. Handed to `write` in chunks as
 * it is read (text chunks end at a line's end), so that the memory used
 * does not grow with the revisions; nothing is written before every
 * revision has been read and checked (one that does not read:
 * PC_UNUSABLE); PC_UNUSABLE ("the export could not be written") when
 * `write` returns false. */
enum pc_status pc_person_export_write(struct pc_ctx *c, const char *file_no, bool json,
                                      bool (*write)(void *ctx, const char *data, size_t len),
                                      void *wctx, struct pc_problems *pr);

#endif
