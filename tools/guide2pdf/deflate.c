/* deflate.c: the compression level of the PDF's streams.
 *
 * libharu 2.3.0 compresses every stream at zlib's default level and has no
 * setting for it; at that level compression takes a third of guide2pdf's time
 * on a large guide. guide2pdf defines deflateInit_ (what zlib's deflateInit
 * macro calls) itself: the dynamic linker binds libharu's call to the
 * executable's definition before zlib's, so the streams get DEFLATE_LEVEL.
 * tests/pdf-build.sh checks that the definition is exported. */
#include "deflate.h"

#include <zlib.h>

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	(void)level;
	return deflateInit2_(strm, DEFLATE_LEVEL, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
			     version, stream_size);
}
