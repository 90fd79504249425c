/* Where the installed rules and rule pages are. */
#ifndef RD_DATADIR_H
#define RD_DATADIR_H

/* $(pkgdatadir)/rules and $(pkgdatadir)/docs/rules as configured; or, when
 * the code runs from a staged copy of the installation (make install
 * DESTDIR=ROOT, then ROOT/$(bindir)/roledoc or ROOT/$(libdir)/libroledoc.so)
 * and ROOT holds the data too, the staged copies: a staged program then
 * reads its own rules, never those of another installation. */
const char *rd_installed_rules_dir(void);
const char *rd_installed_docs_dir(void);

#endif
