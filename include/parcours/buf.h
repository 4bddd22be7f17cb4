/* A small growable byte buffer, always NUL-terminated, for building text and
 * JSON without fixed-size arrays. Allocation failure sets `failed` and later
 * appends are ignored, so callers check once at the end. */
#ifndef PARCOURS_BUF_H
#define PARCOURS_BUF_H
#include <stdbool.h>
#include <stddef.h>

struct pc_buf {
	char *data; /* NULL until the first append; always NUL-terminated after */
	size_t len, cap;
	bool failed;
};

void pc_buf_add(struct pc_buf *b, const char *s, size_t n);
void pc_buf_puts(struct pc_buf *b, const char *s);
void pc_buf_putc(struct pc_buf *b, char c);
void pc_buf_printf(struct pc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer but keeps its memory. */
void pc_buf_reset(struct pc_buf *b);
/* Returns the malloc'ed string (caller frees) and leaves the buffer empty;
 * returns NULL if any append failed. An empty buffer gives "". */
char *pc_buf_take(struct pc_buf *b);
void pc_buf_free(struct pc_buf *b);
/* Appends `s` as a JSON string literal, quotes included. */
void pc_buf_json_string(struct pc_buf *b, const char *s);
/* Appends `s` as one RFC 4180 CSV field (quoted only when needed). */
void pc_buf_csv_field(struct pc_buf *b, const char *s);

/* Writes all n bytes of p to fd, again after EINTR and short writes: false
 * on the first failed write (errno says why) or one that writes nothing. */
bool pc_write_all(int fd, const void *p, size_t n);

#endif
