/* The one way an rd_error is filled: its status and a message that names
 * the file and what went wrong (see rd_error in roledoc.h). */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

void rd_set_error(rd_error *err, rd_status status, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = status;
}

void rd_clear_error(rd_error *err)
{
    if (!err)
        return;
    err->status = RD_OK;
    err->message[0] = '\0';
}
