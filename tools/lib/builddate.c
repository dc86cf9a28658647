/* builddate: SOURCE_DATE_EPOCH, the tree's date, the file's, or now.
 * Owns the order and the parsing of SOURCE_DATE_EPOCH; never exits. */
#include "builddate.h"

#include "diag.h"
#include "tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int builddate_epoch(long long *seconds)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (!epoch || !*epoch)
		return 0;
	char *end = NULL;
	errno = 0;
	long long value = strtoll(epoch, &end, 10);
	if (errno || *end || value < 0 || value > BUILDDATE_MAX) {
		diag_fatal("SOURCE_DATE_EPOCH='%s' is not a number of seconds up to the year 9999",
			   epoch);
		return -1;
	}
	*seconds = value;
	return 1;
}

int builddate_of(const xmlDoc *tree, const char *input, long long *seconds)
{
	int given = builddate_epoch(seconds);
	if (given != 0)
		return given < 0 ? -1 : 0;
	if (tree && tree_date(tree, seconds) == 0)
		return 0;
	struct stat st;
	if (input && strcmp(input, "-") != 0 && stat(input, &st) == 0 && st.st_mtime > 0) {
		*seconds = (long long)st.st_mtime;
		return 0;
	}
	*seconds = (long long)time(NULL);
	return 0;
}

int builddate_iso(long long seconds, char out[21])
{
	time_t t = (time_t)seconds;
	struct tm tm;
	if (seconds < 0 || seconds > BUILDDATE_MAX || !gmtime_r(&t, &tm) ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		return -1;
	return 0;
}
