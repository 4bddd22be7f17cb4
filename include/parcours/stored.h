/* Answers read back from the database. A revision's JSON text is parsed and
 * its shape checked against the form, so that a damaged row stops the
 * command (PC_UNUSABLE, "the database is damaged") instead of being read as
 * empty answers. Not validation of input: that is validate.h. */
#ifndef PARCOURS_STORED_H
#define PARCOURS_STORED_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/form.h"

struct pc_json;

/* Whether `answers` has the shape the save path writes for `form`: an
 * object; for each field the form still has, null or a value of its type
 * (text: string; integer: integral number; decimal, hours: number; date: a
 * real "YYYY-MM-DD"; boolean: true/false; choice: string; choices: array of
 * strings; repeat: array of objects whose columns follow the same rule).
 * Answers of fields the form no longer has are kept as they are (any JSON):
 * older revisions may hold them. `form` NULL (a removed form) checks the
 * object only. On false, `why` (size `whylen`, may be NULL) receives the
 * translated reason with the field path. Older form versions are checked
 * against today's fields: changing a field's type is renaming it
 * (parcours-forms(5)). */
bool pc_stored_shape_ok(const struct pc_form *form, const struct pc_json *answers, char *why,
                        size_t whylen);

/* Parses `text`, the stored answers of form `form_id` (`form` is its
 * definition, NULL when removed) of participant `file_no` for `period` (""
 * or NULL when not monthly), and checks its shape. PC_OK with *out (owned by
 * the caller); PC_UNUSABLE with *out = NULL and one problem at `file_no`
 * naming the form and period when the text does not parse or does not
 * match. `text` NULL is PC_OK with *out = NULL (never saved). */
enum pc_status pc_stored_answers(const struct pc_form *form, const char *form_id,
                                 const char *file_no, const char *period, const char *text,
                                 struct pc_json **out, struct pc_problems *pr);

/* The problem pc_stored_answers adds, for callers that found damage
 * themselves (`why` is the translated reason). */
void pc_stored_damaged(struct pc_problems *pr, const char *form_id, const char *file_no,
                       const char *period, const char *why);

#endif
