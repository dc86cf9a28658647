/* fontcache.c: which folder of flattened fonts (tools/fonts/flatten.py) a
 * PDF embeds from, the same for every directory the tool runs in.
 *
 * Owns: the order (--font-cache, else the style file's font_cache taken from
 * that file's folder, else the tool's own: installed, else the build's, both
 * found from the tool's file) and the error when no folder is found.
 * Never: reads a font (font.c does, and checks each file), or falls back to
 * the original fonts when no folder is found: libharu would drop their
 * composite glyphs and glyphs above 32767, a PDF with letters missing. */
#include "guide2pdf/typeset.h"

#include "datadir.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_folder(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* VALUE, a path the style file NAME holds: from that file's folder when
 * relative, so a style folder works wherever the tool is run from. */
static char *from_style_folder(const char *name, const char *value)
{
	const char *slash = strrchr(name, '/');
	if (value[0] == '/' || !slash)
		return strdup(value);
	size_t need = (size_t)(slash - name) + strlen(value) + 2;
	char *path = malloc(need);
	if (path)
		snprintf(path, need, "%.*s/%s", (int)(slash - name), name, value);
	return path;
}

/* Neither the installed fonts nor the build's: says where it looked. */
static void report_no_fonts(void)
{
	char *installed = datadir_from_self(DATADIR_FROM_BIN "/fonts");
	char *built = datadir_build_fonts();
	diag_fatal("no flattened fonts to embed: no folder %s (make install writes it)%s%s%s; "
		   "run make or make install, or give --font-cache DIR",
		   installed ? installed : "PREFIX/share/guide/fonts", built ? " nor " : "",
		   built ? built : "", built ? " (make writes it)" : "");
	free(installed);
	free(built);
}

/* The style file's font_cache SETTING, when it is a folder. One that is not
 * is a warning, and the tool's own fonts are used: a copy of an older
 * handout.conf names out/fonts, which was taken from the current directory. */
static char *style_folder(const struct style_conf *conf, const char *setting)
{
	char *folder = from_style_folder(conf->name, setting);
	if (is_folder(folder))
		return folder;
	diag_warning(conf->name, style_conf_line(conf, "font_cache"),
		     "font_cache '%s' is not a folder (%s: a relative path is taken from this "
		     "file's folder), so the tool's own fonts are used; name the folder of "
		     "flattened fonts, or leave the value empty", setting, folder ? folder : "?");
	free(folder);
	return NULL;
}

int fonts_find_cache(const char *option, const struct style_conf *conf, char **folder)
{
	if (option) {
		*folder = strdup(option);
		if (is_folder(*folder))
			return EXIT_OK;
		if (!*folder)
			diag_fatal("out of memory");
		else
			diag_fatal("--font-cache '%s' is not a folder; give the folder of flattened "
				   "fonts (make writes them to out/fonts), or leave the option out",
				   option);
		free(*folder);
		*folder = NULL;
		return EXIT_SYSTEM;
	}
	const char *setting = style_conf_get(conf, "font_cache", "");
	*folder = *setting ? style_folder(conf, setting) : NULL;
	if (!*folder)
		*folder = datadir_fonts();
	if (*folder)
		return EXIT_OK;
	report_no_fonts();
	return EXIT_SYSTEM;
}
