/* What the two files of `parcours sync` share (sync.c, sync_remote.c):
 * whole-file reading and writing, the report line, and the subcommands
 * that talk to the office. Not used by other commands. */
#ifndef PARCOURS_SYNC_CLI_H
#define PARCOURS_SYNC_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include "cli/cli.h"
#include "parcours/sync.h"

/* Writes or reads a whole file; false/NULL with a problem at the path. */
bool sync_write_file(const char *path, const unsigned char *data, size_t n, bool exclusive,
                     struct pc_problems *pr);
unsigned char *sync_read_file(const char *path, size_t *n, struct pc_problems *pr);
/* "sync: N changes from SITE: ..." on stderr. */
void sync_print_report(const struct pc_sync_report *r);

int sync_init(struct cli *c);
int sync_run(struct cli *c);
int sync_serve(struct cli *c);

#endif
