/* deflate.h: how hard the outputs are compressed.
 *
 * PDF streams (libharu, through zlib): level 4 of zlib's 1..9. On the guide x10
 * it compresses in about half the time of level 6 for a PDF 4-6% larger.
 * Zip members of the EPUB and the deck (libdeflate, tools/lib/zipentry.c):
 * level 6 of libdeflate's 1..12, as small as zlib's 6 in less time than
 * zlib's 4; libzip's own default, zlib's 9, took four times as long for 0.2%
 * less. Measured with make bench and on the guide x10 as XML. */
#ifndef DEFLATE_H
#define DEFLATE_H

#define DEFLATE_LEVEL 4
#define ZIP_DEFLATE_LEVEL 6

#endif
