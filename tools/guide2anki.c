/* guide2anki: the Anki back end. Reads the guide tree and writes an Anki package
 * (.apkg) with one note per card of the guide, or Anki's text-import file.
 *
 *   guide2anki [-o FILE] [--styles DIR] [--format apkg|tsv] [--deck NAME]
 *              [--single-deck] [--previous FILE | --no-previous] [TREE.xml]
 *
 * This file holds the run from the command line (guide2anki/options.c) to
 * the written deck. guide2anki/notes.c makes a note of each card, its fields
 * rendered as HTML by guide2anki/render.c (one anki_render_ function per
 * element); the other modules write the collection, the zip, the media and
 * the text file. Identity is stable: a note's guid comes from the card's
 * key, ids from hashes, and a note's mod changes only when its content does
 * (compared with the previous export, see --previous). */
#include "guide2anki/anki.h"
#include "guide2anki/notes.h"
#include "guide2anki/options.h"
#include "atomic.h"
#include "builddate.h"
#include "diag.h"
#include "timelimit.h"
#include "tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The export time (tools/lib/builddate.c says which). Never 0: Anki takes a
 * note whose mod is 0 for one never changed, and an import over it for no
 * change at all. */
static int export_time(const xmlDoc *tree, const char *input, long long *seconds)
{
	if (builddate_of(tree, input, seconds) != 0)
		return -1;
	if (*seconds < 1)
		*seconds = 1;
	return 0;
}

static int write_tsv(const struct anki_deck_set *set, const char *path)
{
	struct atomic_file out;
	if (atomic_open(&out, path) != 0)
		return EXIT_SYSTEM;
	errno = 0;
	if (anki_write_tsv(out.stream, set) != 0) {
		const char *why = errno ? strerror(errno) : "out of memory";
		if (atomic_is_stdout(path))
			diag_fatal("cannot write to standard output: %s", why);
		else
			diag_error(path, 0, "cannot write the text file: %s", why);
		atomic_abort(&out);
		return EXIT_SYSTEM;
	}
	return atomic_commit(&out) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

static int write_apkg(struct anki_deck_set *set, const struct anki_options *opt)
{
	if (!opt->no_font)
		anki_media_font(set, opt->font);
	/* By default the package being replaced is the previous export: only a
	 * regular file itself, never what a symbolic link there points to (the
	 * output path is refused then anyway). */
	struct stat st;
	const char *previous = opt->no_previous ? NULL
			       : opt->previous ? opt->previous
			       : (lstat(opt->output, &st) == 0 && S_ISREG(st.st_mode)) ? opt->output
											 : NULL;
	if (previous) {
		unsigned char *data = NULL;
		size_t len = 0;
		int found = anki_package_read_collection(previous, &data, &len);
		if (found == 1 && opt->previous) {
			diag_error(previous, 0, "the previous deck does not exist; give an existing "
						"package or leave out --previous");
			return EXIT_INPUT;
		}
		if (found == 0)
			anki_previous_apply(set, data, len, previous);
		free(data);
	}
	return anki_package_write(set, opt->output) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

/* A deck with no cards is still written (make builds every output); the
 * warning says why it is empty. */
static int write_deck(struct anki_deck_set *set, const struct anki_options *opt)
{
	if (set->note_count == 0)
		diag_warning(atomic_is_stdout(opt->output) ? "-" : opt->output, 0,
			     "the deck has no cards (no question of the guide has an answer); "
			     "it is written empty");
	return opt->tsv ? write_tsv(set, opt->output) : write_apkg(set, opt);
}

static int run(const struct anki_options *opt)
{
	struct anki_deck_set set;
	memset(&set, 0, sizeof set);
	int styles = anki_template_load(&set, opt->styles);
	if (styles != 0) {
		anki_deck_set_free(&set);
		return styles > 0 ? EXIT_INPUT : EXIT_SYSTEM;
	}
	int load_status;
	xmlDocPtr doc = tree_load(opt->input, &load_status);
	if (!doc || export_time(doc, opt->input, &set.timestamp) != 0) {
		if (doc)
			tree_free(doc);
		anki_deck_set_free(&set);
		return doc ? EXIT_SYSTEM : load_status;
	}
	set.notetype_mod = set.timestamp;
	/* Images are read from --images DIR, else from the tree's folder. */
	struct image_folder images;
	int status = EXIT_SYSTEM;
	if (imagefile_folder(&images, opt->media_dir, opt->input) != 0)
		status = EXIT_SYSTEM;
	else if (anki_build_notes(&set, doc, opt, &images) != 0)
		status = EXIT_SYSTEM;
	else if (diag_error_count() > 0)
		status = EXIT_INPUT;
	else
		status = write_deck(&set, opt);
	imagefile_folder_free(&images);
	tree_free(doc);
	anki_deck_set_free(&set);
	return status;
}

int main(int argc, char **argv)
{
	diag_set_program("guide2anki");
	struct anki_options opt;
	int status = anki_options_parse(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (timelimit_arm(opt.input, opt.time_limit) != 0)
		return EXIT_SYSTEM;
	status = run(&opt);
	xmlCleanupParser();
	return status;
}
