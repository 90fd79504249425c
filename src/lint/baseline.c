/* Baselines: the findings a project knows of and has not fixed yet, kept
 * in a JSON file (read and written with jansson), so that a run reports
 * only the findings that are not in it:
 *
 *   {"format": "roledoc-baseline", "version": 1,
 *    "findings": [{"file": "docs/coach.md", "rule": "image-alt",
 *                  "fingerprint": "3f2a...", "line": 12, "message": "..."}]}
 *
 * A finding is in the baseline when one there has its file, rule and
 * fingerprint (fingerprint.c), which lines added above it leave alone; the
 * line and message are there for the person who reads the file. Files are
 * named as the findings name them, a leading "./" aside. */
#include "engine.h"
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#define FORMAT_NAME "roledoc-baseline"
#define FORMAT_VERSION 1

struct rd_baseline {
    rd_strmap known;         /* "FILE\nRULE\nFINGERPRINT" → count (as a
                                pointer-sized integer) */
};

static const char *without_dot_slash(const char *path)
{
    while (strncmp(path, "./", 2) == 0)
        path += 2;
    return path;
}

/* s as valid UTF-8 (jansson takes nothing else): a bad byte becomes
 * U+FFFD, here and in the keys alike. */
static const char *valid_utf8(const char *s, rd_buf *out)
{
    out->len = 0;
    rd_utf8_repair(s, strlen(s), out);
    return out->data;
}

static void key_of(const char *file, const char *rule, const char *fingerprint,
                   rd_buf *key)
{
    rd_buf clean;
    rd_buf_init(&clean);
    key->len = 0;
    rd_buf_printf(key, "%s\n%s\n%s", valid_utf8(without_dot_slash(file), &clean),
                  rule, fingerprint);
    rd_buf_free(&clean);
}

/* ---------------------------------------------------------------- reading */

static bool add_entry(rd_baseline *b, json_t *entry, rd_buf *key)
{
    const char *file = json_string_value(json_object_get(entry, "file"));
    const char *rule = json_string_value(json_object_get(entry, "rule"));
    const char *fp = json_string_value(json_object_get(entry, "fingerprint"));
    if (!file || !rule || !fp)
        return false;
    key_of(file, rule, fp, key);
    rd_strmap_slot *slot = rd_strmap_put(&b->known, key->data);
    slot->value = (void *)((uintptr_t)slot->value + 1);
    return true;
}

/* The findings of a parsed baseline; false with err when it is no
 * baseline. */
static bool read_findings(rd_baseline *b, json_t *root, const char *path,
                          rd_error *err)
{
    json_t *format = json_object_get(root, "format");
    json_t *version = json_object_get(root, "version");
    json_t *findings = json_object_get(root, "findings");
    if (!json_is_string(format) || strcmp(json_string_value(format), FORMAT_NAME) != 0 ||
        !json_is_integer(version) || !json_is_array(findings)) {
        rd_set_error(err, RD_ERR_CONFIG, "%s: not a roledoc baseline (format "
                     "\"%s\" with findings)", path, FORMAT_NAME);
        return false;
    }
    if (json_integer_value(version) != FORMAT_VERSION) {
        rd_set_error(err, RD_ERR_CONFIG, "%s: baseline version %lld, this "
                     "roledoc reads version %d", path,
                     (long long)json_integer_value(version), FORMAT_VERSION);
        return false;
    }
    rd_buf key;
    rd_buf_init(&key);
    size_t i;
    json_t *entry;
    bool ok = true;
    json_array_foreach(findings, i, entry) {
        if (ok && !add_entry(b, entry, &key)) {
            rd_set_error(err, RD_ERR_CONFIG, "%s: finding %zu has no file, rule "
                         "or fingerprint", path, i + 1);
            ok = false;
        }
    }
    rd_buf_free(&key);
    return ok;
}

rd_baseline *rd_baseline_load(const char *path, rd_error *err)
{
    size_t len;
    char *data = rd_read_small_file(path, &len, err);
    if (!data)
        return NULL;
    json_error_t jerr;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    free(data);
    if (!root) {
        rd_set_error(err, RD_ERR_CONFIG, "%s:%d:%d: %s", path, jerr.line,
                     jerr.column, jerr.text);
        return NULL;
    }
    rd_baseline *b = rd_xcalloc(1, sizeof *b);
    bool ok = read_findings(b, root, path, err);
    json_decref(root);
    if (ok)
        return b;
    rd_baseline_free(b);
    return NULL;
}

void rd_baseline_free(rd_baseline *b)
{
    if (!b)
        return;
    rd_strmap_free(&b->known);
    free(b);
}

size_t rd_baseline_apply(const rd_baseline *b, rd_diag_list *findings)
{
    /* Each entry stands for one finding: counted down as they are met. */
    rd_strmap left = { 0 };
    for (size_t i = 0; i < b->known.cap; i++)
        if (b->known.slots[i].key)
            rd_strmap_put(&left, b->known.slots[i].key)->value = b->known.slots[i].value;
    rd_buf key;
    rd_buf_init(&key);
    size_t unchanged = 0;
    for (size_t i = 0; i < findings->len; i++) {
        rd_diag *d = &findings->items[i];
        char fp[17];
        rd_fingerprint_text(d->fingerprint, fp);
        key_of(d->file, d->rule, fp, &key);
        rd_strmap_slot *slot = rd_strmap_find(&left, key.data);
        bool known = slot && slot->value;
        if (known)
            slot->value = (void *)((uintptr_t)slot->value - 1);
        d->baseline = known ? RD_BASELINE_UNCHANGED : RD_BASELINE_NEW;
        unchanged += known;
    }
    rd_buf_free(&key);
    rd_strmap_free(&left);
    return unchanged;
}

/* ---------------------------------------------------------------- writing */

static json_t *entry_of(const rd_diag *d)
{
    char fp[17];
    rd_fingerprint_text(d->fingerprint, fp);
    rd_buf file, message;
    rd_buf_init(&file);
    rd_buf_init(&message);
    json_t *e = json_pack("{s:s, s:s, s:s, s:I, s:s}",
                          "file", valid_utf8(without_dot_slash(d->file), &file),
                          "rule", d->rule, "fingerprint", fp,
                          "line", (json_int_t)d->line,
                          "message", valid_utf8(d->message ? d->message : "",
                                                &message));
    rd_buf_free(&file);
    rd_buf_free(&message);
    return e;
}

rd_status rd_baseline_write(const rd_diag_list *findings, rd_buf *out,
                            rd_error *err)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < findings->len; i++) {
        json_t *e = entry_of(&findings->items[i]);
        if (!e || json_array_append_new(list, e) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    json_t *root = list ? json_pack("{s:s, s:i, s:o}", "format", FORMAT_NAME,
                                    "version", FORMAT_VERSION, "findings", list)
                        : NULL;
    int status = rd_json_write(root, out);
    json_decref(root);
    if (status != 0) {
        rd_set_error(err, RD_ERR_NOMEM, "the baseline could not be made");
        return RD_ERR_NOMEM;
    }
    return RD_OK;
}
