/* Today and now. Tests pin "today" with PARCOURS_TODAY=YYYY-MM-DD so due
 * dates and month rules do not depend on the calendar; timestamps are UTC. */
#ifndef PARCOURS_CLOCK_H
#define PARCOURS_CLOCK_H

/* Writes today's date as YYYY-MM-DD (PARCOURS_TODAY if set and valid, else
 * the local date). */
void pc_clock_today(char out[11]);
/* Writes the current UTC time as YYYY-MM-DDTHH:MM:SSZ. */
void pc_clock_now(char out[21]);

#endif
