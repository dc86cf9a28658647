/* datadir: the data an installed tool reads at run time (make install puts it
 * in PREFIX/share/guide: the flattened fonts of the PDF, the default styles).
 *
 * It is found from the tool's own file, PREFIX/bin/TOOL, so an installed tree
 * works wherever it lies (any PREFIX, a DESTDIR, a moved copy) without a
 * rebuild. A tool run from the build folder has no such folder and keeps its
 * build-time defaults. */
#ifndef GUIDE_DATADIR_H
#define GUIDE_DATADIR_H

/* Where the data lies from the folder of the tool's file. */
#ifndef DATADIR_FROM_BIN
#define DATADIR_FROM_BIN "../share/guide"
#endif

/* The malloc'd path of the folder NAME (e.g. "fonts") in the data folder of the
 * running tool, or NULL when there is no such folder (or memory is short). */
char *datadir_path(const char *name);

#endif
