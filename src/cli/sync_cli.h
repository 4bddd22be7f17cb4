/* What the files of `parcours sync` share (sync.c, sync_remote.c,
 * sync_frame.c): whole-file reading and writing, the report line, the
 * office's forms folder taken before an exchange, the frames of the link
 * to the office and the subcommands that use it. Not used by other
 * commands. */
#ifndef PARCOURS_SYNC_CLI_H
#define PARCOURS_SYNC_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include "cli/cli.h"
#include "parcours/sync.h"

/* Writes (replacing) or reads a whole file; false/NULL with a problem at
 * the path. */
bool sync_write_file(const char *path, const unsigned char *data, size_t n,
                     struct pc_problems *pr);
unsigned char *sync_read_file(const char *path, size_t *n, struct pc_problems *pr);
/* The page cache of an exchange (sync, serve, export, import), in KiB:
 * a quarter of the commands' 2 MiB, as fast here (1,000 changes each way:
 * 0.17-0.21 s of CPU to import either way), and 1,000 changes each way
 * stay under 8 MiB (office import 7.0, laptop import 7.4 MiB; 9.2-9.4
 * before). */
enum { SYNC_CACHE_KIB = 512 };
void sync_cache(struct cli *c);
/* "sync: N changes from SITE: ..." on stderr. */
void sync_print_report(const struct pc_sync_report *r);

/* ---- the link's frames (sync_frame.c): a type byte, a 4-byte length
 * (most significant first), the bytes ---- */
bool sync_send_frame(int fd, char type, const void *p, size_t n);
/* A frame into *p (malloc'ed, NUL-terminated, the caller frees): its
 * type, or 0 at the end of the stream or on a bad frame. */
char sync_recv_frame(int fd, unsigned char **p, size_t *n);
/* An 'E' frame from the office (its status digit, then its problems as
 * lines): the lines printed to stderr as they came, a problem at url, and
 * the office's status (PC_UNUSABLE when it names none). */
enum pc_status sync_office_refusal(const unsigned char *ans, size_t len, const char *url,
                                   struct pc_problems *pr);
/* The size of what follows a copy's 'C' header frame, sent before it
 * (`total`: the payloads of the forms' 'W' frame and of the copy's 'D'
 * frames), so that the laptop's progress line has a total: a 'T' frame of
 * 8 bytes, most significant first. */
bool sync_send_total(int fd, unsigned long long total);
/* The 'T' frame into *total; else PC_UNUSABLE with a problem at url (an
 * office of before the 'T' frame sends its 'W' at once: said so, plainly),
 * or the office's refusal (an 'E' frame, as sync_office_refusal). */
enum pc_status sync_recv_total(int in, const char *url, unsigned long long *total,
                               struct pc_problems *pr);
/* The caseload copy after its 'C', 'T' and 'W' frames: 'D' frames of at
 * most 64 KiB as the file `file` is read, then a 'Z' frame with the length
 * (8 bytes, most significant first) and the SHA-256 of what was sent. A read
 * that fails is PC_UNUSABLE with a problem at path, the stream unfinished
 * (the caller sends an 'E' frame); *link_ok is false when the link itself
 * failed (nothing more can be sent). */
enum pc_status sync_send_copy(int out, int file, const char *path, bool *link_ok,
                              struct pc_problems *pr);
/* Receives what sync_send_copy sends into a temporary file beside dest
 * (mode 0600), moved to dest once the length and checksum match and dest
 * is still free (PC_REFUSED if not). On any failure (a cut link, an
 * altered copy, an 'E' frame whose problems are the office's) no file is
 * left. *bytes: the bytes received. */
enum pc_status sync_recv_copy(int in, const char *url, const char *dest, unsigned long long *bytes,
                              struct pc_problems *pr);

/* The office's forms folder (its checksums `theirs` and its pack,
 * sync_forms.h), as `sync` over the link and `sync import` take it before
 * anything is applied: nothing when c->forms_dir already holds it; else
 * written into DB.forms beside this copy and, when that is the folder it
 * uses (or would from now on: no --forms nor PARCOURS_FORMS), loaded with
 * a line on stderr; a folder of its own named on purpose is refused
 * (PC_REFUSED) saying to run `again` without it, the office's set kept in
 * DB.forms. With `taken` (else the former set is dropped at once), what was
 * loaded can be undone: taken->dir is DB.forms (NULL when nothing was
 * written) and taken->old the former set for pc_sync_forms_undo or
 * pc_sync_forms_keep; the caller frees dir. */
struct sync_forms_taken {
	char *dir, *old;
};
enum pc_status sync_take_forms(struct cli *c, const char *office, const char *theirs,
                               const void *pack, size_t n, const char *again,
                               struct sync_forms_taken *taken);

int sync_init(struct cli *c);
int sync_run(struct cli *c);
int sync_serve(struct cli *c);

#endif
