/* A database's own site code (schema 8, table local_site): what its new
 * file numbers start with, and what makes its new row keys random rather
 * than the next of a sequence. Set once; never exchanged between copies.
 * The text form of file numbers is file_no.h's. */
#ifndef PARCOURS_SITE_H
#define PARCOURS_SITE_H
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/file_no.h"
#include "parcours/store.h"

/* The site code of the open database into out ("" when it has none). */
enum pc_status pc_store_site_get(struct pc_store *s, char out[PC_SITE_MAX + 1],
                                 struct pc_problems *pr);
/* Gives the database site code `code` (pc_site_ok). PC_REFUSED, with the
 * problem on "site", for a bad code or when the database already numbers
 * with another one; setting the same code again changes nothing. */
enum pc_status pc_store_site_set(struct pc_store *s, const char *code, struct pc_problems *pr);

/* The core's side: c->login, an administrator, gives the database site
 * code `code` (pc_store_site_set's rules), with a "change" audit entry
 * "site=CODE". Giving the code it already has does nothing and needs no
 * role. PC_REFUSED for another login, a bad code or another code. */
enum pc_status pc_site_set(struct pc_ctx *c, const char *code, struct pc_problems *pr);

#endif
