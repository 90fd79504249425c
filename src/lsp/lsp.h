/* The editor server (roledoc lsp): what its files share.
 *
 * A Language Server Protocol server over a byte stream: JSON-RPC 2.0
 * messages framed by a Content-Length header (jsonrpc.c), the pages the
 * editor has open, with full and incremental changes (store.c) and UTF-8
 * to UTF-16 positions (text.c), the methods (server.c, documents.c,
 * diagnostics.c, actions.c, fixes.c, symbols.c, hover.c over the role
 * model as outline.c reads it) and the loop that reads, answers and lints
 * once the changes have settled (loop.c). JSON is read and written with
 * jansson. Everything but loop.c works on bytes and a write callback, so
 * that tests and the fuzzing harness drive it without pipes.
 */
#ifndef RD_LSP_H
#define RD_LSP_H

#include "internal.h"
#include "util/json.h"

/* Limits (docs/lsp.md): a message body, and the header before it. */
#define LSP_DEFAULT_MAX_MESSAGE ((size_t)16 << 20)
#define LSP_MAX_HEADER 8192
#define LSP_DEFAULT_DEBOUNCE_MS 5u

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803
};

/* ------------------------------------------------------------ jsonrpc.c */

/* Splits a byte stream into messages. Bytes are fed as they come; each
 * call of lsp_reader_next takes one message, or one refusal, off the
 * front. A refused message is dropped whole (its body skipped by its
 * length, or the stream searched for the next header when the length is
 * not known), so the next one is read as if nothing had happened. */
typedef struct {
    rd_buf in;               /* bytes received and not yet taken */
    size_t pos;              /* taken so far */
    size_t max_message;      /* larger bodies are refused */
    size_t skip;             /* body bytes of a refused message to drop */
    bool resync;             /* drop bytes up to the next Content-Length */
} lsp_reader;

typedef enum {
    LSP_READ_MORE = 0,       /* a message is not complete yet */
    LSP_READ_MESSAGE,        /* *msg holds it (the caller owns it) */
    LSP_READ_REFUSED         /* *refusal says why (code, message) */
} lsp_read_status;

typedef struct {
    int code;                /* LSP_PARSE_ERROR or LSP_INVALID_REQUEST */
    char message[256];
} lsp_refusal;

void lsp_reader_init(lsp_reader *r, size_t max_message);
void lsp_reader_free(lsp_reader *r);
void lsp_reader_feed(lsp_reader *r, const char *data, size_t len);
lsp_read_status lsp_reader_next(lsp_reader *r, json_t **msg, lsp_refusal *refusal);

/* Where messages go: returns 0, or -1 when the peer is gone. */
typedef int (*lsp_write_fn)(void *data, const char *bytes, size_t len);

/* Frames and writes one message (a JSON object; the reference is kept). */
int lsp_send(lsp_write_fn write, void *data, json_t *msg);

/* --------------------------------------------------------------- text.c */

/* Where the lines of a text start; line breaks are LF, CRLF and a lone CR,
 * as for the protocol and for roledoc's own positions. */
typedef struct {
    size_t *starts;
    size_t count;
    size_t cap;
} lsp_lines;

void lsp_lines_build(lsp_lines *lines, const char *text, size_t len);
void lsp_lines_free(lsp_lines *lines);

/* A protocol position: 0-based line, UTF-16 code units into the line. */
typedef struct {
    uint32_t line, character;
} lsp_position;

/* The byte offset of a protocol position: a line past the end is the end
 * of the text, a character past the end of its line the end of the line,
 * one inside a character (half a surrogate pair) that character's start. */
size_t lsp_offset_of(const lsp_lines *lines, const char *text, size_t len,
                     lsp_position pos);
/* The protocol position of a byte offset. */
lsp_position lsp_position_of(const lsp_lines *lines, const char *text,
                             size_t len, size_t offset);
/* The byte offset of a roledoc position (1-based line, column in
 * characters; column 1 of line 1 is past a byte order mark). */
size_t lsp_offset_of_column(const lsp_lines *lines, const char *text,
                            size_t len, uint32_t line, uint32_t col);
/* Offset just past the text of the line holding offset (before its break). */
size_t lsp_line_end(const lsp_lines *lines, const char *text, size_t len,
                    size_t offset);

/* ---------------------------------------------------------------- uri.c */

/* The path of a file: URI (percent-escapes decoded), or NULL for another
 * scheme or a URI that names no local file. Caller frees. */
char *lsp_uri_to_path(const char *uri);
/* The file: URI of an absolute path. Caller frees. */
char *lsp_path_to_uri(const char *path);
/* Lexically normalised absolute path: "." and ".." resolved, slashes
 * collapsed (no symbolic link followed). Caller frees. */
char *lsp_normalise_path(const char *path);

/* -------------------------------------------------------------- store.c */

/* A text edit in bytes of the page it applies to. */
typedef struct {
    size_t start, end;       /* replaced bytes [start, end) */
    char *text;              /* what goes there */
} lsp_edit;

/* A fix of one finding: what an editor offers as a code action. */
typedef struct {
    char *title;
    lsp_edit *edits;         /* in page order, not overlapping */
    size_t nedits;
} lsp_fix;

void lsp_fix_add_edit(lsp_fix *fix, size_t start, size_t end, const char *text);
void lsp_fix_free(lsp_fix *fix);

/* A page open in the editor. */
typedef struct lsp_document {
    char *uri;
    char *path;              /* normalised local path, or NULL */
    rd_buf text;             /* as the editor has it, saved or not */
    lsp_lines lines;
    int64_t version;
    bool dirty;              /* changed since its findings were published */
    double due;              /* when to lint it (monotonic milliseconds) */
    /* The last lint: the page as parsed, its findings, a fix per finding
     * (nedits 0 when it has none). */
    rd_doc *doc;
    rd_diag_list diags;
    lsp_fix *fixes;
    struct lsp_document *next;
} lsp_document;

typedef struct {
    lsp_document *first;
} lsp_store;

lsp_document *lsp_store_find(const lsp_store *store, const char *uri);
/* Opens (or reopens) a page with its text. */
lsp_document *lsp_store_open(lsp_store *store, const char *uri,
                             const char *text, size_t len, int64_t version);
void lsp_store_close(lsp_store *store, const char *uri);
void lsp_store_free(lsp_store *store);
/* Replaces the whole text, or the bytes of a range. */
void lsp_document_set_text(lsp_document *d, const char *text, size_t len);
void lsp_document_replace(lsp_document *d, lsp_position start,
                          lsp_position end, const char *text, size_t len);
/* Forgets the last lint. */
void lsp_document_clear_lint(lsp_document *d);
/* Whether an open page stands at (normalised) path, or a directory whose
 * README.md is one: the linter's target lookup (1, or -1 for the disk). */
int lsp_store_target_lookup(void *store, const char *path);

/* ------------------------------------------------------------- server.c */

typedef struct {
    const char *rules_dir;   /* the rules */
    const char *schema_dir;  /* schemas where rules_dir has none (NULL: the
                                installed ones) */
    const char *docs_dir;    /* the rules' pages, or NULL: none linked */
    const char *config;      /* one configuration for every page, or NULL */
    unsigned debounce_ms;    /* quiet time after a change before linting */
    size_t max_size;         /* pages larger are not linted (0: default) */
    size_t max_message;      /* larger messages are refused (0: default) */
} lsp_options;

typedef struct lsp_server {
    lsp_options opts;
    rd_ruleset rules;
    rd_linter *linter;
    lsp_store store;
    lsp_write_fn write;
    void *write_data;
    bool initialized;
    bool shut_down;
    bool done;               /* exit received, or the peer is gone */
    int exit_status;
    double now;              /* the loop's clock (milliseconds) */
} lsp_server;

/* Loads the rules; on failure fills err and returns -1. */
int lsp_server_init(lsp_server *s, const lsp_options *opts, lsp_write_fn write,
                    void *write_data, rd_error *err);
void lsp_server_free(lsp_server *s);
/* Handles one message (the server takes the reference). */
void lsp_server_handle(lsp_server *s, json_t *msg);
/* Answers a message the reader refused. */
void lsp_server_refused(lsp_server *s, const lsp_refusal *refusal);
/* Handles every complete message the reader holds (or refuses). */
void lsp_server_read(lsp_server *s, lsp_reader *r);
/* Lints and publishes every changed page that is due (all of them with
 * `all`); returns the milliseconds until the next one is due, or -1. */
long lsp_server_flush(lsp_server *s, bool all);

/* Sends a message; a failed write ends the server. */
void lsp_server_send(lsp_server *s, json_t *msg);
/* Replies with result (the reference is taken; NULL: null). */
void lsp_reply(lsp_server *s, json_t *id, json_t *result);
void lsp_reply_error(lsp_server *s, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* window/logMessage (1 error, 2 warning, 3 info, 4 log). */
void lsp_log(lsp_server *s, int type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reading parameters: NULL (or -1) when missing or of another type. */
const char *lsp_get_string(json_t *obj, const char *key);
json_t *lsp_get_object(json_t *obj, const char *key);
int lsp_get_position(json_t *obj, const char *key, lsp_position *pos);
/* A document's position as the protocol writes it. */
json_t *lsp_position_json(lsp_position pos);
json_t *lsp_range_json(lsp_position start, lsp_position end);
json_t *lsp_range_of_bytes(const lsp_document *d, size_t start, size_t end);
/* The open page that params' textDocument.uri names; a request for
 * another gets an error (the reply is sent here: return NULL). */
lsp_document *lsp_requested_document(lsp_server *s, json_t *id, json_t *params);

/* ---------------------------------------------------------- documents.c */

void lsp_did_open(lsp_server *s, json_t *params);
void lsp_did_change(lsp_server *s, json_t *params);
void lsp_did_save(lsp_server *s, json_t *params);
void lsp_did_close(lsp_server *s, json_t *params);
/* Marks a page for linting after the debounce delay. */
void lsp_schedule(lsp_server *s, lsp_document *d);

/* -------------------------------------------------------- diagnostics.c */

/* Lints a page (as roledoc lint would, from its folder), keeps the result
 * with it and publishes its diagnostics. */
void lsp_lint_document(lsp_server *s, lsp_document *d);
/* Lints a page now if it changed since: requests read the current text. */
void lsp_document_current(lsp_server *s, lsp_document *d);
/* The bytes a finding of a page's last lint covers: from its position
 * to its end when known, else to the end of its line. */
void lsp_finding_range(const lsp_document *d, const rd_diag *diag,
                       size_t *start, size_t *end);
/* A finding of a page's last lint as a protocol diagnostic. */
json_t *lsp_diagnostic_json(const struct lsp_server *s, const lsp_document *d,
                            const rd_diag *diag);
/* Sends empty diagnostics for a page (closed). */
void lsp_publish_empty(lsp_server *s, const char *uri);

/* -------------------------------------------------------------- fixes.c */

/* The fix of one finding of a page, when its rule has one: returns 0 and
 * fills fix (free with lsp_fix_free), else -1. */
int lsp_fix_for(const lsp_server *s, const lsp_document *d, const rd_diag *diag,
                lsp_fix *fix);

/* ------------------------------------------- actions.c, symbols.c, hover.c */

void lsp_code_action(lsp_server *s, json_t *id, json_t *params);
void lsp_document_symbol(lsp_server *s, json_t *id, json_t *params);
void lsp_hover(lsp_server *s, json_t *id, json_t *params);

/* ------------------------------------------------------------ outline.c */

/* The role model as the server reads it: the few things it needs of a role,
 * in one place. */
typedef struct {
    const rd_node *label;    /* what opens the first such part: its label,
                                lead-in paragraph or opening block; NULL
                                when the role has none */
    rd_part_via via;         /* how that part was found */
    size_t items;            /* items of every part of the kind */
    bool found;              /* the role has the part */
} lsp_part;

bool lsp_role_is_family(const rd_role *r);
const char *lsp_role_title(const rd_role *r);
const rd_node *lsp_role_heading(const rd_role *r);
const rd_role *lsp_role_first_child(const rd_role *r);
const rd_role *lsp_role_next(const rd_role *r);
lsp_part lsp_role_part(const rd_role *r, rd_part part);
/* What the outline and the hover call a part's lead: its label's text, or
 * how it was found ("opening text"). */
void lsp_part_lead_text(const lsp_part *part, rd_buf *out);
/* The last line a node's subtree reaches. */
uint32_t lsp_node_last_line(const rd_node *n);
/* The part name as the outline and the hover show it ("Mission"). */
const char *lsp_part_title(rd_part part);
/* Where a node starts in the page, in bytes. */
size_t lsp_node_start(const lsp_document *d, const rd_node *n);
/* The role model of a page's last lint, with the server's rules (free it
 * with rd_model_free); NULL when the page was not parsed. */
rd_model *lsp_model_of(const lsp_server *s, const lsp_document *d);

/* --------------------------------------------------------------- loop.c */

/* Serves the protocol on in_fd/out_fd until exit, or until the input
 * ends; returns the exit status the protocol gives (0 after shutdown). */
int lsp_run(const lsp_options *opts, int in_fd, int out_fd, rd_error *err);
double lsp_clock_ms(void);

#endif
