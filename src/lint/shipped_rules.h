/* The rule files shipped with roledoc, in compiled form.
 *
 * At build time tools/rules-compile loads each file of rules/ with the
 * same loader a run uses (libxml2, our own checks, the schema) and writes
 * what the file declares as C data (src/shipped_rules.c). A run that reads
 * a rule file with exactly those bytes, in a directory whose schema has
 * exactly the shipped bytes, takes the compiled declarations instead of
 * parsing and validating the file again: that was a fifth of a one-page
 * lint, which a pre-commit hook pays on every commit. Any other file is
 * read as always.
 *
 * Programs link either the generated table or src/lint/no_shipped_rules.c (no
 * file known: every file parsed), which the compiler itself links. */
#ifndef RD_SHIPPED_RULES_H
#define RD_SHIPPED_RULES_H

#include "roledoc.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *name;
    const char *value;
    uint32_t line;
} rd_shipped_param;

typedef struct {
    const char *id;
    const char *kind;
    rd_severity severity;
    const char *description;
    const char *message;
    const char *hint;                  /* or NULL */
    uint32_t line;
    const rd_shipped_param *params;
    size_t nparams;
} rd_shipped_rule;

/* One rule file: its bytes, and what it declares, in document order. */
typedef struct {
    const char *bytes;
    size_t size;
    const rd_shipped_rule *rules;
    size_t nrules;
    const rd_label *labels;
    size_t nlabels;
    const rd_term *terms;
    size_t nterms;
    const rd_lexicon_pair *pairs;
    size_t npairs;
    const char *const *epicene;
    size_t nepicene;
} rd_shipped_file;

typedef struct {
    const char *schema;                /* bytes of roledoc-rules.rng */
    size_t schema_size;
    const rd_shipped_file *files;
    size_t nfiles;
} rd_shipped_rules;

extern const rd_shipped_rules rd_shipped;

#endif
