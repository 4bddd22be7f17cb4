/* The progress line of the laptop's end of sync (sync_remote.c): one line
 * on stderr, redrawn as the link's bytes move (sync_frame.c reports them),
 * only when stderr is a terminal, erased when the transfer ends so that
 * the step lines and problems that follow start on a clean line. One
 * transfer at a time per process; the office's end never starts one, so
 * the reports of its frames cost a test and nothing else. */
#ifndef PARCOURS_SYNC_PROGRESS_H
#define PARCOURS_SYNC_PROGRESS_H
#include <stddef.h>

/* `sync`: sending `total` bytes of frames (header included), then
 * receiving the answer, whose total its frame's header gives. */
void sync_progress_exchange(unsigned long long total);
/* `sync init`: receiving the `total` bytes the office announced, the
 * payloads of the frames that follow (the forms' and the copy's). */
void sync_progress_copy(unsigned long long total);
/* Bytes written to the link, frame headers included, or read from it:
 * the frames' payloads, not their headers nor the copy's end frame
 * (sync_frame.c). */
void sync_progress_sent(size_t n);
void sync_progress_received(size_t n);
/* A frame's header has arrived, announcing `len` bytes: in an exchange,
 * the answer's total. */
void sync_progress_frame(size_t len);
/* Erases the line, if one was drawn; nothing more is drawn until the next
 * start. Safe to call when none was started. */
void sync_progress_end(void);

#endif
