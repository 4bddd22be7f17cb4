/* File numbers and site codes: the one parser of "2026-0041" (an office
 * without a site code) and "RN-2026-0041" (a database numbering with site
 * code RN, such as a laptop copy), used by numbering, checking and search.
 * It knows nothing of the database: the store keeps the counters. */
#ifndef PARCOURS_FILE_NO_H
#define PARCOURS_FILE_NO_H
#include <stdbool.h>
#include <stddef.h>

enum { PC_SITE_MAX = 16 };

/* The parts of a file number: site_len bytes of site code at its start
 * (0 for the plain form), the year (4 digits) and the number in the year. */
struct pc_file_no {
	size_t site_len;
	long long year, num;
};

/* True when `s` is "YYYY-N..." or "SITE-YYYY-N...": SITE a site code
 * (pc_site_ok), YYYY four digits, N 1 to 15 digits; fills *out. */
bool pc_file_no_parse(const char *s, struct pc_file_no *out);

/* True when `s` is a site code: 1 to 16 of A-Z a-z 0-9 - _. */
bool pc_site_ok(const char *s);

/* Writes the file number `num` of `year` for site `site` (NULL or "" for
 * the plain form) into out: "RN-2026-0041", "2026-0041" (at least four
 * digits of number). False when it does not fit in `size`. */
bool pc_file_no_format(char *out, size_t size, const char *site, long long year, long long num);

#endif
