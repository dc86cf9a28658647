/* memcopy.c: libharu's byte copy and fill, done by the C library.
 *
 * libharu 2.3.0 moves every byte of every stream through its own
 * HPDF_MemCpy, a loop of one byte at a time: writing the pages' content into
 * its memory streams and reading it back out to compress it, 7% of
 * guide2pdf's work on a large guide. The function is exported and libharu
 * calls it through its procedure linkage table, so guide2pdf's definition
 * here is the one libharu's calls reach (as deflate.c's are for zlib's);
 * tests/pdf-build.sh checks that the executable exports it.
 *
 * HPDF_MemSet, which clears every new buffer, is the same loop.
 *
 * Owns: the process's HPDF_MemCpy and HPDF_MemSet. Same results as
 * libharu's: N bytes copied or set, and the end of what was written
 * returned. */
#include <hpdf.h>
#include <hpdf_utils.h>
#include <string.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n > 0)
		memmove(out, in, n);
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n > 0)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}
