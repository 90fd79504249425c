/* The fuzzing harnesses, one per layer of roledoc (docs/robustness.md):
 * what they share (the rules and a linter, the checks of what must hold
 * whatever the input) and the entry point of each layer. Each layer is a
 * libFuzzer harness of its own (tests/fuzz/entry.c built with
 * -DRD_FUZZ_LAYER=NAME by `make fuzz`), and tests/fuzz/replay runs any of
 * them over files, without libFuzzer. */
#ifndef RD_FUZZ_HARNESS_H
#define RD_FUZZ_HARNESS_H

#include "roledoc.h"
#include "wellformed.h"

#include <stdbool.h>
#include <stdint.h>

/* The default rules, and a linter with every rule on. */
extern rd_ruleset rd_fuzz_ruleset;
extern rd_linter *rd_fuzz_linter;

/* Loads them once (rules of the source tree); safe to call again. */
void rd_fuzz_init(void);
/* Aborts with a message: a check failed. */
void rd_fuzz_die(const char *what, const char *detail) __attribute__((noreturn));

/* Every position of the tree and the front matter inside the input, no
 * element below the depth limit. */
void rd_fuzz_check_tree(const rd_doc *doc, size_t size, unsigned max_depth);
/* Every finding inside the input, with a rule and a message. */
void rd_fuzz_check_diags(const rd_doc *doc, const rd_diag *d, size_t count);
/* An output is what its format promises (UTF-8 throughout; XML, HTML,
 * JSON well-formed); sanitised HTML holds nothing that runs code. */
void rd_fuzz_check_output(const char *format, const rd_buf *out, bool raw_html);
/* The role model's links and counts hold together. */
void rd_fuzz_check_model(const rd_doc *doc);

/* The layers. */
typedef void (*rd_fuzz_layer_fn)(const uint8_t *data, size_t size);
typedef struct {
    const char *name;
    rd_fuzz_layer_fn run;
    const char *what;
} rd_fuzz_layer;

void rd_fuzz_source(const uint8_t *data, size_t size);
void rd_fuzz_liquid(const uint8_t *data, size_t size);
void rd_fuzz_html(const uint8_t *data, size_t size);
void rd_fuzz_parse(const uint8_t *data, size_t size);
void rd_fuzz_text(const uint8_t *data, size_t size);
void rd_fuzz_html_out(const uint8_t *data, size_t size);
void rd_fuzz_docbook(const uint8_t *data, size_t size);
void rd_fuzz_roles(const uint8_t *data, size_t size);
void rd_fuzz_lint(const uint8_t *data, size_t size);
void rd_fuzz_reports(const uint8_t *data, size_t size);
void rd_fuzz_rules(const uint8_t *data, size_t size);
void rd_fuzz_config(const uint8_t *data, size_t size);
void rd_fuzz_pipeline(const uint8_t *data, size_t size);
void rd_fuzz_lsp(const uint8_t *data, size_t size);

/* Every layer of this file set, ending with a NULL name. */
extern const rd_fuzz_layer rd_fuzz_layers[];

#endif
