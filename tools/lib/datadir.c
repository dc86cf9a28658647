/* datadir: the installed data folder, found from /proc/self/exe (see
 * datadir.h). It only looks: it never reports, and a missing folder is NULL. */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *datadir_path(const char *name)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len <= 0)
		return NULL;
	self[len] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	size_t need = strlen(self) + strlen(DATADIR_FROM_BIN) + strlen(name) + 3;
	char *path = malloc(need);
	if (!path)
		return NULL;
	snprintf(path, need, "%s/%s/%s", self, DATADIR_FROM_BIN, name);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(path);
		return NULL;
	}
	return path;
}
