/* json_int.h - a small streaming JSON writer shared by the report writers. */
#ifndef FLUJO_JSON_INT_H
#define FLUJO_JSON_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define FLUJO__JSON_MAX_DEPTH 32

/* Writer state: where it writes and whether the current container already has an item. */
typedef struct flujo__json {
    FILE *f;                              /* destination */
    int depth;                            /* open containers */
    bool has_item[FLUJO__JSON_MAX_DEPTH]; /* container at depth d has an item already */
    bool after_key;                       /* a key was written; its value comes next */
} flujo__json_t;

/* Starts writing to f. Output is indented by two spaces per level, keys in the order written. */
void flujo__json_init(flujo__json_t *j, FILE *f);

/* Containers; begin_* may follow a key, or be an array item or the top value. */
void flujo__json_begin_object(flujo__json_t *j);
void flujo__json_end_object(flujo__json_t *j);
void flujo__json_begin_array(flujo__json_t *j);
void flujo__json_end_array(flujo__json_t *j);

/* Writes an object key; the next call writes its value. */
void flujo__json_key(flujo__json_t *j, const char *key);

/* Values. Strings are UTF-8 and escaped; NULL is written as null. Doubles are written with up to
 * 10 significant digits (the same value always gives the same text); NaN and infinities as null. */
void flujo__json_string(flujo__json_t *j, const char *s);
void flujo__json_double(flujo__json_t *j, double x);
void flujo__json_int(flujo__json_t *j, int64_t x);
void flujo__json_bool(flujo__json_t *j, bool b);
void flujo__json_null(flujo__json_t *j);

/* Ends the document with a newline. */
void flujo__json_finish(flujo__json_t *j);

#endif
