/* The console (ncursesw): the only part of parcours that includes curses.
 * main.c opens the database and forms, then hands over here. */
#ifndef PARCOURS_TUI_H
#define PARCOURS_TUI_H
#include "parcours/core.h"

/* Notes when the program started (called first thing in main), so that
 * PARCOURS_TRACE_KEYS can log the time from start to the first screen. */
void tui_note_start(void);

/* Runs the console until the person quits; returns an exit status. */
int tui_main(struct pc_ctx *ctx);

#endif
