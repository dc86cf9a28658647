/* datadir: the data an installed tool reads at run time (make install puts it
 * in PREFIX/share/guide: the flattened fonts of the PDF, the default styles).
 *
 * It is found from the tool's own file, PREFIX/bin/TOOL, so an installed tree
 * works wherever it lies (any PREFIX, a DESTDIR, a moved copy) without a
 * rebuild. A tool run from the build folder has no such folder; its fonts
 * are the build's own (out/fonts, which make writes), found from its file the
 * same way, so it too runs from any directory. */
#ifndef GUIDE_DATADIR_H
#define GUIDE_DATADIR_H

/* Where the data lies from the folder of the tool's file. */
#ifndef DATADIR_FROM_BIN
#define DATADIR_FROM_BIN "../share/guide"
#endif
/* Where the build's flattened fonts lie from the folder of a tool built there
 * (the Makefile sets it for each build folder; "": not known). */
#ifndef DATADIR_BUILD_FONTS_FROM_BIN
#define DATADIR_BUILD_FONTS_FROM_BIN ""
#endif

/* The malloc'd path of the folder NAME (e.g. "fonts") in the data folder of the
 * running tool, or NULL when there is no such folder (or memory is short). */
char *datadir_path(const char *name);
/* The malloc'd path of the running tool's flattened fonts: the installed ones
 * (datadir_path("fonts")), else the build's; NULL when neither is a folder. */
char *datadir_fonts(void);
/* The malloc'd path RELATIVE from the folder of the tool's file, whether it
 * exists or not (for messages that say where a tool looked); NULL when
 * /proc/self/exe cannot be read or memory is short. */
char *datadir_from_self(const char *relative);
/* The same for the build's fonts; NULL too when the build did not say. */
char *datadir_build_fonts(void);

#endif
