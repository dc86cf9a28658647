/* fontfind: the file of an installed font, looked up by family with fontconfig.
 *
 * Back ends that embed a font (the code font of the EPUB and the Anki deck)
 * need its file, and only when fontconfig matches that very family: a
 * substitute would not have the glyphs the family was chosen for. */
#ifndef GUIDE_FONTFIND_H
#define GUIDE_FONTFIND_H

/* The malloc'd path of the regular face of FAMILY (e.g. "DejaVu Sans Mono"), or
 * NULL when fontconfig has no font of exactly that family. Frees fontconfig's
 * caches afterwards (FcFini), so call it only when no other fontconfig use is
 * under way. */
char *fontfind_file(const char *family);

#endif
