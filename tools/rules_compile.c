/* Writes the shipped rule files in compiled form (src/lint/shipped_rules.h says
 * why): C source of the table rd_shipped, on standard output.
 *
 * usage: rules-compile SCHEMA FILE... >shipped_rules.c
 *
 * Each file is loaded alone, by the loader a run uses, against SCHEMA; a
 * file that does not load (invalid, unknown check kind...) is left out
 * with a note on standard error, so that every run reads it and reports
 * it as it must. A schema that does not compile leaves every file out. */
#include "lint/engine.h"
#include "lint/shipped_rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A C string literal of s[0..len), cut into lines after each newline. */
static void put_literal(const char *s, size_t len, const char *indent)
{
    fputs("\"", stdout);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"')
            printf("\\%c", c);
        else if (c == '\n')
            printf(i + 1 < len ? "\\n\"\n%s\"" : "\\n", indent);
        else if (c == '?')
            fputs("\\?", stdout);            /* no trigraph can form */
        /* Octal escapes always have three digits, so that a digit after
         * one is not taken into it. */
        else if (c < 0x20 || c >= 0x7F)
            printf("\\%03o", c);
        else
            putchar(c);
    }
    fputs("\"", stdout);
}

static void put_string(const char *s)
{
    if (s)
        put_literal(s, strlen(s), "        ");
    else
        fputs("NULL", stdout);
}

static const char *const severity_names[] = {
    [RD_SEVERITY_OFF] = "RD_SEVERITY_OFF",
    [RD_SEVERITY_INFO] = "RD_SEVERITY_INFO",
    [RD_SEVERITY_WARNING] = "RD_SEVERITY_WARNING",
    [RD_SEVERITY_ERROR] = "RD_SEVERITY_ERROR",
};

static const char *const part_names[RD_PART_COUNT] = {
    [RD_PART_OBJECTIVES] = "RD_PART_OBJECTIVES",
    [RD_PART_MISSION] = "RD_PART_MISSION",
    [RD_PART_ACTIONS] = "RD_PART_ACTIONS",
    [RD_PART_LIMITS] = "RD_PART_LIMITS",
    [RD_PART_AXES] = "RD_PART_AXES",
};

static const char *const match_names[] = {
    [RD_MATCH_EXACT] = "RD_MATCH_EXACT",
    [RD_MATCH_START] = "RD_MATCH_START",
    [RD_MATCH_CONTAINS] = "RD_MATCH_CONTAINS",
    [RD_MATCH_QUESTION] = "RD_MATCH_QUESTION",
};

static const char *const term_names[RD_TERM_COUNT] = {
    [RD_TERM_JOB] = "RD_TERM_JOB",
    [RD_TERM_DISCIPLINE] = "RD_TERM_DISCIPLINE",
    [RD_TERM_FAMILY] = "RD_TERM_FAMILY",
    [RD_TERM_ARTICLE] = "RD_TERM_ARTICLE",
    [RD_TERM_LEAD_IN] = "RD_TERM_LEAD_IN",
    [RD_TERM_MISSION] = "RD_TERM_MISSION",
};

static size_t count_params(const rd_rule *r)
{
    size_t n = 0;
    for (const rd_attr *a = r->params; a; a = a->next)
        n++;
    return n;
}

static void put_rules(size_t f, const rd_ruleset *rules)
{
    for (size_t i = 0; i < rules->nrules; i++) {
        if (!rules->rules[i].params)
            continue;
        printf("static const rd_shipped_param file%zu_rule%zu_params[] = {\n", f, i);
        for (const rd_attr *a = rules->rules[i].params; a; a = a->next) {
            fputs("    { ", stdout);
            put_string(a->name);
            fputs(", ", stdout);
            put_string(a->value);
            printf(", %" PRIu32 " },\n", a->line);
        }
        puts("};");
    }
    if (!rules->nrules)
        return;
    printf("static const rd_shipped_rule file%zu_rules[] = {\n", f);
    for (size_t i = 0; i < rules->nrules; i++) {
        const rd_rule *r = &rules->rules[i];
        fputs("    { ", stdout);
        put_string(r->id);
        fputs(", ", stdout);
        put_string(r->kind);
        printf(", %s,\n      ", severity_names[r->severity]);
        put_string(r->description);
        fputs(",\n      ", stdout);
        put_string(r->message);
        fputs(",\n      ", stdout);
        put_string(r->hint);
        printf(",\n      %" PRIu32 ", ", r->line);
        if (r->params)
            printf("file%zu_rule%zu_params, %zu },\n", f, i, count_params(r));
        else
            puts("NULL, 0 },");
    }
    puts("};");
}

static void put_labels(size_t f, const rd_ruleset *rules)
{
    if (!rules->nlabels)
        return;
    printf("static const rd_label file%zu_labels[] = {\n", f);
    for (size_t i = 0; i < rules->nlabels; i++) {
        const rd_label *l = &rules->labels[i];
        printf("    { %s, %s, ", l->part >= 0 ? part_names[l->part] : "RD_NOT_A_PART",
               match_names[l->match]);
        put_string(l->text);
        puts(" },");
    }
    puts("};");
}

static void put_terms(size_t f, const rd_ruleset *rules)
{
    if (!rules->nterms)
        return;
    printf("static const rd_term file%zu_terms[] = {\n", f);
    for (size_t i = 0; i < rules->nterms; i++) {
        printf("    { %s, ", term_names[rules->terms[i].kind]);
        put_string(rules->terms[i].text);
        puts(" },");
    }
    puts("};");
}

static void put_lexicon(size_t f, const rd_ruleset *rules)
{
    if (rules->npairs) {
        printf("static const rd_lexicon_pair file%zu_pairs[] = {\n", f);
        for (size_t i = 0; i < rules->npairs; i++) {
            fputs("    { ", stdout);
            put_string(rules->pairs[i].masculine);
            fputs(", ", stdout);
            put_string(rules->pairs[i].feminine);
            puts(" },");
        }
        puts("};");
    }
    if (rules->nepicene) {
        printf("static const char *const file%zu_epicene[] = {\n", f);
        for (size_t i = 0; i < rules->nepicene; i++) {
            fputs("    ", stdout);
            put_string(rules->epicene[i]);
            puts(",");
        }
        puts("};");
    }
}

/* "fileN_what, count" or "NULL, 0". */
static void put_array(size_t f, const char *what, size_t n)
{
    if (n)
        printf("file%zu_%s, %zu", f, what, n);
    else
        fputs("NULL, 0", stdout);
}

/* Writes the declarations of one file as fileN_*; false when it does not
 * load. */
static bool put_file(size_t f, const char *path, const char *schema)
{
    rd_error err;
    size_t len = 0;
    char *bytes = rd_read_small_file(path, &len, &err);
    rd_ruleset rules;
    rd_ruleset_init(&rules);
    if (!bytes || rd_ruleset_load_file(&rules, path, schema, &err) != RD_OK) {
        fprintf(stderr, "rules-compile: %s (not compiled: read at each run)\n",
                err.message);
        free(bytes);
        rd_ruleset_free(&rules);
        return false;
    }
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    printf("\n/* %s */\nstatic const char file%zu_bytes[] =\n    ",
           strstr(name, "*/") ? "" : name, f);
    put_literal(bytes, len, "    ");
    puts(";");
    put_rules(f, &rules);
    put_labels(f, &rules);
    put_terms(f, &rules);
    put_lexicon(f, &rules);
    printf("#define FILE%zu { file%zu_bytes, sizeof file%zu_bytes - 1, \\\n    ",
           f, f, f);
    put_array(f, "rules", rules.nrules);
    fputs(", ", stdout);
    put_array(f, "labels", rules.nlabels);
    fputs(", ", stdout);
    put_array(f, "terms", rules.nterms);
    fputs(", \\\n    ", stdout);
    put_array(f, "pairs", rules.npairs);
    fputs(", ", stdout);
    put_array(f, "epicene", rules.nepicene);
    puts(" }");
    free(bytes);
    rd_ruleset_free(&rules);
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: rules-compile SCHEMA FILE... >shipped_rules.c\n", stderr);
        return 2;
    }
    const char *schema = argv[1];
    puts("/* Generated by tools/rules-compile from the rules directory: do not"
         "\n * edit. What each shipped rule file declares (src/lint/shipped_rules.h)."
         " */\n#include \"lint/shipped_rules.h\"\n\n#include <stddef.h>");
    bool *done = calloc((size_t)argc, sizeof *done);
    size_t compiled = 0;
    for (int i = 2; i < argc; i++)
        if ((done[i] = put_file((size_t)(i - 2), argv[i], schema)))
            compiled++;
    if (compiled) {
        rd_error err;
        size_t len = 0;
        char *bytes = rd_read_small_file(schema, &len, &err);
        if (!bytes) {
            fprintf(stderr, "rules-compile: %s\n", err.message);
            return 1;
        }
        fputs("\nstatic const char schema_bytes[] =\n    ", stdout);
        put_literal(bytes, len, "    ");
        puts(";");
        free(bytes);
        puts("\nstatic const rd_shipped_file files[] = {");
        for (int i = 2; i < argc; i++)
            if (done[i])
                printf("    FILE%d,\n", i - 2);
        puts("};\n\nconst rd_shipped_rules rd_shipped = {\n"
             "    schema_bytes, sizeof schema_bytes - 1,\n"
             "    files, sizeof files / sizeof *files,\n};");
    } else {
        puts("\n/* No file loaded: every one is read at each run. */\n"
             "const rd_shipped_rules rd_shipped = { NULL, 0, NULL, 0 };");
    }
    free(done);
    return ferror(stdout) ? 1 : 0;
}
