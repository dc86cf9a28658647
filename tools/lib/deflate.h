/* deflate.h: the one compression level of every zip entry and PDF stream.
 *
 * Level 4 of zlib's 1..9: on the guide x10 it compresses text in about half the
 * time of level 6 for a package 4-6% larger; level 9 (libzip's default) takes
 * three times as long for 0.2% less. Measured with make bench. */
#ifndef DEFLATE_H
#define DEFLATE_H

#define DEFLATE_LEVEL 4

#endif
