/* The writers of lint reports, one file each (src/report_NAME.c), listed
 * by name in src/reports.c. Not installed. */
#ifndef RD_REPORT_H
#define RD_REPORT_H

#include "internal.h"

int rd_report_text(const rd_diag_list *diags, const rd_report_options *opts,
                   rd_buf *out);

#endif
