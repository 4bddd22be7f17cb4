/* The installation's configuration file and the shared (setgid) mode.
 * A file of `key = value` lines names the database, the forms folder and the
 * site code. A binary installed setgid runs as a shared install: then only
 * the compiled-in file is read and the caller's environment names no path.
 * Reads and parses; prints nothing and changes no file. */
#ifndef PARCOURS_CONFIG_H
#define PARCOURS_CONFIG_H
#include <stdbool.h>
#include <stdio.h>
#include "parcours/err.h"

/* What a configuration file says; each string is malloc'ed, NULL when the
 * file does not set it (or when no file was read: path NULL). */
struct pc_config {
	char *path;     /* the file read */
	char *database; /* `database = /absolute/path.db` */
	char *forms;    /* `forms = /absolute/folder` */
	char *site;     /* `site = CODE`: 1 to 16 of A-Z a-z 0-9 - _ */
};

/* The compiled-in configuration file (cmake -DPARCOURS_CONFIG_PATH=...,
 * /etc/parcours.conf by default). */
const char *pc_config_default_path(void);

/* True when this process runs with a group its caller does not have: the
 * binary is installed set-group-id (the shared install). False again after
 * pc_config_drop_group, when there is nothing left to protect. */
bool pc_config_shared(void);

/* getenv(name), or NULL in a shared install or any exec the kernel marks
 * secure (AT_SECURE, as secure_getenv): what the caller's environment says
 * must not steer a privileged process (its "today", its trace file). */
const char *pc_config_env(const char *name);

/* Reads `path` into *out (cleared first). Refused as PC_UNUSABLE, with one
 * problem "FILE:LINE: what is wrong" per bad line: a line without "=", an
 * unknown or repeated key, an empty value, a relative path, a bad site code,
 * a line of more than 4095 bytes. In a shared install the file must also be
 * a plain file owned by root that neither group nor others may write. */
enum pc_status pc_config_load(const char *path, struct pc_config *out, struct pc_problems *pr);

/* Finds and reads the configuration in effect. Shared install: the
 * compiled-in file, which must exist and set `database`. Otherwise:
 * $PARCOURS_CONFIG when set (it must exist), else the compiled-in file when
 * it exists, else none (out->path NULL: the per-user defaults). */
enum pc_status pc_config_read(struct pc_config *out, struct pc_problems *pr);

void pc_config_clear(struct pc_config *c);

/* Makes `c` the configuration pc_default_db_path and pc_default_forms_dir
 * (core.h) follow; the caller keeps it alive until the process ends or
 * pc_config_use(NULL). */
void pc_config_use(const struct pc_config *c);
const struct pc_config *pc_config_current(void);

/* Opens a file the caller named (an --json PATH) with the caller's own
 * group, so that a shared install never reads for them what only its group
 * may read. Like fopen otherwise. */
FILE *pc_config_fopen_as_caller(const char *path, const char *mode);

/* Gives up the installation's group for good (the real gid becomes the
 * effective and saved one): for commands that never open the database.
 * PC_UNUSABLE when the system refuses. */
enum pc_status pc_config_drop_group(struct pc_problems *pr);

#endif
