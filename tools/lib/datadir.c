/* datadir: the installed data folder, found from /proc/self/exe (see
 * datadir.h). It only looks: it never reports, and a missing folder is NULL. */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *datadir_from_self(const char *relative)
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
	size_t need = strlen(self) + strlen(relative) + 2;
	char *path = malloc(need);
	if (path)
		snprintf(path, need, "%s/%s", self, relative);
	return path;
}

/* PATH when it is a folder, else NULL (PATH freed). */
static char *folder_or_null(char *path)
{
	struct stat st;
	if (path && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		free(path);
		return NULL;
	}
	return path;
}

char *datadir_path(const char *name)
{
	size_t need = strlen(DATADIR_FROM_BIN) + strlen(name) + 2;
	char *relative = malloc(need);
	if (!relative)
		return NULL;
	snprintf(relative, need, "%s/%s", DATADIR_FROM_BIN, name);
	char *path = folder_or_null(datadir_from_self(relative));
	free(relative);
	return path;
}

char *datadir_build_fonts(void)
{
	return DATADIR_BUILD_FONTS_FROM_BIN[0] ? datadir_from_self(DATADIR_BUILD_FONTS_FROM_BIN)
					       : NULL;
}

char *datadir_fonts(void)
{
	char *installed = datadir_path("fonts");
	return installed ? installed : folder_or_null(datadir_build_fonts());
}
