/* deflate.c: libharu's stream compression, done by libdeflate.
 *
 * libharu 2.3.0 compresses every stream through zlib's deflateInit_, deflate
 * and deflateEnd (the only zlib calls it makes), at zlib's default level, with
 * no setting for either; compression took a third of guide2pdf's time on a
 * large guide. guide2pdf defines those three functions itself. The dynamic
 * linker binds libharu's calls to the executable's definitions before zlib's,
 * and nothing else in guide2pdf compresses (fonts and images are only read).
 *
 * libharu feeds a stream in pieces with Z_NO_FLUSH and then asks for the rest
 * with Z_FINISH until Z_STREAM_END. Here the pieces are gathered; at Z_FINISH
 * the whole stream is compressed at once by libdeflate, in zlib's format, at
 * DEFLATE_LEVEL (about twice zlib's speed for the same size), and handed out
 * as libharu's output buffer allows. tests/pdf-build.sh checks that these are
 * the functions libharu calls, through the header each stream starts with.
 *
 * Owns: the process's deflateInit_, deflate and deflateEnd. Never: anything
 * else of zlib: reading PNG files still inflates with zlib. */
#include "deflate.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* What one z_stream has gathered and, after Z_FINISH, has left to hand out. */
struct gathered {
	unsigned char *in;
	size_t in_len, in_cap;
	unsigned char *out;
	size_t out_len, out_at;
	int finished; /* OUT holds the compressed stream */
};

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);
int deflate(z_streamp strm, int flush);
int deflateEnd(z_streamp strm);

static struct gathered *gathered_of(z_streamp strm)
{
	return (struct gathered *)(void *)strm->state;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	(void)level;
	if (!strm || !version || version[0] != ZLIB_VERSION[0] ||
	    stream_size != (int)sizeof(z_stream))
		return Z_VERSION_ERROR;
	struct gathered *g = calloc(1, sizeof *g);
	if (!g)
		return Z_MEM_ERROR;
	strm->state = (struct internal_state *)(void *)g;
	strm->total_in = strm->total_out = 0;
	strm->msg = NULL;
	return Z_OK;
}

static int gather(struct gathered *g, z_streamp strm)
{
	size_t len = strm->avail_in;
	if (len == 0)
		return Z_OK;
	if (g->in_cap - g->in_len < len) {
		size_t cap = g->in_cap ? g->in_cap : 4096;
		while (cap - g->in_len < len)
			cap *= 2;
		unsigned char *grown = realloc(g->in, cap);
		if (!grown)
			return Z_MEM_ERROR;
		g->in = grown;
		g->in_cap = cap;
	}
	memcpy(g->in + g->in_len, strm->next_in, len);
	g->in_len += len;
	strm->next_in += len;
	strm->avail_in = 0;
	strm->total_in += len;
	return Z_OK;
}

/* One compressor for every stream: libharu compresses them one at a time, and
 * the compressor's tables are large. Freed when guide2pdf exits. */
static struct libdeflate_compressor *compressor;

static void free_compressor(void)
{
	libdeflate_free_compressor(compressor);
	compressor = NULL;
}

static struct libdeflate_compressor *the_compressor(void)
{
	if (!compressor) {
		compressor = libdeflate_alloc_compressor(DEFLATE_LEVEL);
		if (compressor && atexit(free_compressor) != 0)
			free_compressor();
	}
	return compressor;
}

static int compress_gathered(struct gathered *g)
{
	struct libdeflate_compressor *c = the_compressor();
	if (!c)
		return Z_MEM_ERROR;
	size_t bound = libdeflate_zlib_compress_bound(c, g->in_len);
	g->out = malloc(bound);
	g->out_len = g->out ? libdeflate_zlib_compress(c, g->in, g->in_len, g->out, bound) : 0;
	if (g->out_len == 0)
		return Z_MEM_ERROR;
	free(g->in);
	g->in = NULL;
	g->in_len = g->in_cap = 0;
	g->finished = 1;
	return Z_OK;
}

int deflate(z_streamp strm, int flush)
{
	struct gathered *g = strm ? gathered_of(strm) : NULL;
	if (!g)
		return Z_STREAM_ERROR;
	if (g->finished && strm->avail_in > 0)
		return Z_STREAM_ERROR;
	int status = gather(g, strm);
	if (status != Z_OK || flush != Z_FINISH)
		return status;
	if (!g->finished && (status = compress_gathered(g)) != Z_OK)
		return status;
	size_t n = g->out_len - g->out_at;
	if (n > strm->avail_out)
		n = strm->avail_out;
	memcpy(strm->next_out, g->out + g->out_at, n);
	g->out_at += n;
	strm->next_out += n;
	strm->avail_out -= (uInt)n;
	strm->total_out += n;
	return g->out_at == g->out_len ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm)
{
	struct gathered *g = strm ? gathered_of(strm) : NULL;
	if (!g)
		return Z_STREAM_ERROR;
	free(g->in);
	free(g->out);
	free(g);
	strm->state = NULL;
	return Z_OK;
}
