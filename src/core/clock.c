/* Today and now (clock.h). PARCOURS_TODAY pins the date for tests (never
 * in a shared install, config.h); the timestamps of revisions are always
 * the real UTC time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "parcours/clock.h"
#include "parcours/config.h"
#include "parcours/value.h"

void pc_clock_today(char out[11])
{
	const char *pin = pc_config_env("PARCOURS_TODAY"); /* not in a shared install */
	int y, m, d;
	if (pin && strlen(pin) == 10 && pc_parse_date(pin, &y, &m, &d)) {
		memcpy(out, pin, 11);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void pc_clock_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
