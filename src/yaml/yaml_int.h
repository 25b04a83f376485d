/* yaml_int.h - a YAML (and JSON) document as a tree with line numbers, built with libyaml. Shared
 * by the scenario reader and the readers of other tools' parameter files. */
#ifndef FLUJO_YAML_INT_H
#define FLUJO_YAML_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_error.h"

/* Most nodes a document may hold after expanding aliases: anchors and aliases are allowed, alias
 * bombs are not. */
#define FLUJO__YAML_MAX_NODES 200000
/* Deepest nesting accepted. */
#define FLUJO__YAML_MAX_DEPTH 64

typedef enum flujo__ykind {
    FLUJO__Y_SCALAR = 0, /* text */
    FLUJO__Y_MAP,        /* keys (scalars) → values, in document order */
    FLUJO__Y_SEQ         /* items */
} flujo__ykind_t;

typedef struct flujo__ynode flujo__ynode_t;

struct flujo__ynode {
    flujo__ykind_t kind;    /* scalar, map or sequence */
    char *value;            /* scalar text (UTF-8), NULL for maps and sequences */
    bool quoted;            /* scalar written in quotes: never a number, null or boolean */
    long line;              /* 1-based line where the node starts */
    const char *file;       /* file the node was read from (borrowed from the caller) */
    char **keys;            /* maps: key texts */
    long *key_lines;        /* maps: line of each key */
    flujo__ynode_t **items; /* maps: values; sequences: items */
    size_t n;               /* number of items (or key/value pairs) */
    size_t cap;             /* allocated slots */
};

/* Parses one YAML document from buf. file is stored (not copied) in every node for messages and
 * must outlive the tree. Fails with FLUJO_EPARSE ("FILE:LINE: message") on syntax errors, several
 * documents, non-scalar map keys, duplicate keys; FLUJO_ELIMIT on too many nodes or too deep a
 * nesting. An empty document gives *out == NULL and FLUJO_OK. */
flujo_status_t flujo__yaml_parse(const char *buf, size_t len, const char *file,
                                 flujo__ynode_t **out, flujo_err_t *err);

/* Frees a tree. NULL is a no-op. */
void flujo__yaml_free(flujo__ynode_t *n);

/* A deep copy. */
flujo__ynode_t *flujo__yaml_clone(const flujo__ynode_t *n);

/* The value of key in map, or NULL (also when map is not a map). */
flujo__ynode_t *flujo__yaml_get(const flujo__ynode_t *map, const char *key);

/* Index of key in map, or -1. */
long flujo__yaml_find(const flujo__ynode_t *map, const char *key);

/* Deep-merges over onto base (both consumed; the result is returned): maps merge key by key,
 * recursively; anything else in over replaces what base has. */
flujo__ynode_t *flujo__yaml_merge(flujo__ynode_t *base, flujo__ynode_t *over);

/* Sets the value at a dotted path ("resources.Mesa de Partes.count") to the YAML text value,
 * creating maps on the way. A path segment may itself contain dots when a key with those dots
 * exists ("resources.Subg. Obras.count"); the longest existing key wins. origin names where the
 * override came from in later messages ("--set"). Fails with FLUJO_EUSAGE when a segment
 * crosses a scalar or sequence, or the value does not parse. */
flujo_status_t flujo__yaml_set_path(flujo__ynode_t **root, const char *path, const char *value,
                                    const char *origin, flujo_err_t *err);

/* Appends key → value (consumed) to a map. */
void flujo__yaml_map_add(flujo__ynode_t *map, const char *key, long line, flujo__ynode_t *value);

/* Appends item (consumed) to a sequence. */
void flujo__yaml_seq_add(flujo__ynode_t *seq, flujo__ynode_t *item);

/* A new empty map, empty sequence or a scalar. */
flujo__ynode_t *flujo__yaml_new_map(const char *file, long line);
flujo__ynode_t *flujo__yaml_new_seq(const char *file, long line);
flujo__ynode_t *flujo__yaml_new_scalar(const char *value, const char *file, long line);

#endif
