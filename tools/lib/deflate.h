/* deflate.h: how hard the outputs are compressed.
 *
 * PDF streams (libharu, given libdeflate by tools/guide2pdf/deflate.c): level 1
 * of libdeflate's 1..12. On the guide x10 guide2pdf spends 8% less in all than
 * at level 4, for a PDF 2.5% larger (1.47 MB).
 * Zip members of the EPUB and the deck (libdeflate, tools/lib/zipentry.c):
 * level 6 of libdeflate's 1..12, as small as zlib's 6 in less time than
 * zlib's 4; libzip's own default, zlib's 9, took four times as long for 0.2%
 * less. Measured with make bench and on the guide x10 as XML. */
#ifndef DEFLATE_H
#define DEFLATE_H

#define DEFLATE_LEVEL 1
#define ZIP_DEFLATE_LEVEL 6

#endif
