/* zipentry.h: zip members deflated by libdeflate before libzip sees them. */
#ifndef ZIPENTRY_H
#define ZIPENTRY_H

#include <stddef.h>
#include <time.h>
#include <zip.h>

struct zipentry_deflater;

/* NULL when out of memory. One per archive: it holds libdeflate's tables. */
struct zipentry_deflater *zipentry_deflater_new(void);
void zipentry_deflater_free(struct zipentry_deflater *deflater);

/* Adds DATA (LEN bytes, copied: the caller keeps it) to ZIP as NAME, deflated
 * now, dated MTIME. Returns the member's index, or -1 with the error in ZIP
 * (or out of memory: zip_strerror then says so). */
zip_int64_t zipentry_add(zip_t *zip, struct zipentry_deflater *deflater, const char *name,
			 const void *data, size_t len, time_t mtime);

#endif
