/* Data compiled into the binary by cmake/embed.cmake: the schema migrations
 * and the French message catalogue. Internal to the core; not a public API. */
#ifndef PARCOURS_EMBEDDED_H
#define PARCOURS_EMBEDDED_H
#include <stddef.h>

struct pc_migration {
	int version;      /* the number the file name starts with: 001_initial.sql is 1 */
	const char *name; /* file name, for messages */
	const char *sql;  /* NUL-terminated script */
};

extern const struct pc_migration pc_migrations[];
extern const size_t pc_migrations_len;
extern const unsigned char pc_catalogue_fr[]; /* a GNU .mo file */
extern const size_t pc_catalogue_fr_size;

#endif
