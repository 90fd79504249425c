/* No rule file known in compiled form: every file is parsed and validated.
 * Linked by tools/rules-compile, which makes the real table
 * (src/lint/shipped_rules.h). */
#include "shipped_rules.h"

const rd_shipped_rules rd_shipped = { NULL, 0, NULL, 0 };
