/* previous.c: reads the previous export's collection.anki2, to keep the mod time
 * of every note whose content did not change.
 *
 * The previous deck is hostile input: any file can sit at the output path or be
 * given with --previous. SQLite opens it in memory, read-only and defensive,
 * trusts nothing its schema declares (no views, no triggers, no functions run
 * from the schema, no generated column), reads at most ANKI_MAX_PREVIOUS_VALUE
 * bytes per value and ANKI_MAX_NOTES rows, and stops after a budget of
 * instructions. A deck that
 * fails any check is ignored as a whole, with one warning: this module never
 * applies half of what it read, and never writes to the image. */
#include "guide2anki/anki.h"
#include "buf.h"
#include "diag.h"
#include "strmap.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What is read, applied only when every check passed. */
struct previous {
	sqlite3 *db;
	long long *mods;        /* one per note of the set, as it will be */
	unsigned char *matched; /* one per note: its guid was seen in the deck */
	long long notetype_mod;
	int budget_left; /* progress-handler calls left */
	char problem[160];
};

static int budget_spent(void *context)
{
	struct previous *p = context;
	return --p->budget_left < 0;
}

/* Records why the deck is ignored (the first reason only); returns -1. */
static int refuse(struct previous *p, const char *why)
{
	if (!p->problem[0])
		snprintf(p->problem, sizeof p->problem, "%s", why);
	return -1;
}

/* SQLite's reason after a failed call, or the budget when that ran out. */
static int refuse_sqlite(struct previous *p, const char *what)
{
	char why[160];
	if (p->budget_left < 0)
		snprintf(why, sizeof why, "reading %s takes too long", what);
	else
		snprintf(why, sizeof why, "%s: %s", what, sqlite3_errmsg(p->db));
	return refuse(p, why);
}

static int open_image(struct previous *p, const unsigned char *data, size_t len)
{
	if (sqlite3_open_v2(":memory:", &p->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return refuse(p, "SQLite cannot open a database");
	int off = 0, on = 1;
	/* No view, trigger or schema-declared function is ever run; the image is
	 * never changed (read-only over our buffer: SQLite neither frees nor grows
	 * it). */
	if (sqlite3_db_config(p->db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL) != SQLITE_OK ||
	    sqlite3_db_config(p->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL) != SQLITE_OK ||
	    sqlite3_db_config(p->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, off, NULL) != SQLITE_OK ||
	    sqlite3_db_config(p->db, SQLITE_DBCONFIG_ENABLE_VIEW, off, NULL) != SQLITE_OK)
		return refuse_sqlite(p, "settings");
	sqlite3_limit(p->db, SQLITE_LIMIT_LENGTH, ANKI_MAX_PREVIOUS_VALUE);
	sqlite3_limit(p->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_progress_handler(p->db, 1000, budget_spent, p);
	if (sqlite3_deserialize(p->db, "main", (unsigned char *)data, (sqlite3_int64)len,
				(sqlite3_int64)len, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return refuse_sqlite(p, "the database");
	return 0;
}

/* The one number SQL gives, or -1 after refusing. */
static long long count_of(struct previous *p, const char *sql, const char *what)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(p->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return refuse_sqlite(p, what);
	long long count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
	sqlite3_finalize(stmt);
	return count < 0 ? refuse_sqlite(p, what) : count;
}

/* notes and col must be plain tables: a view could compute for ever, and so
 * could a generated column, once per row read. */
static int check_schema(struct previous *p)
{
	long long tables = count_of(p,
				    "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				    " AND name IN ('notes', 'col') AND sql LIKE 'CREATE TABLE%'",
				    "the schema");
	if (tables < 0)
		return -1;
	if (tables != 2)
		return refuse(p, "its notes and col are not both tables");
	long long generated = count_of(p,
				       "SELECT (SELECT count(*) FROM pragma_table_xinfo('notes')"
				       " WHERE hidden <> 0) + (SELECT count(*) FROM"
				       " pragma_table_xinfo('col') WHERE hidden <> 0)",
				       "the schema");
	if (generated < 0)
		return -1;
	return generated == 0 ? 0 : refuse(p, "its notes or col have generated columns");
}

/* The new mod of a note that existed before with PREVIOUS_MOD: kept when its
 * content is the same, else later than both the old one and the export time,
 * so Anki's "update if newer" takes it. PREVIOUS_MOD is at most ANKI_MAX_MOD. */
static long long next_mod(long long timestamp, long long previous_mod, int same)
{
	if (same)
		return previous_mod;
	return timestamp > previous_mod ? timestamp : previous_mod + 1;
}

/* A mod the deck may hold: an integer of seconds between 0 and year 9999. */
static int mod_ok(sqlite3_stmt *stmt, int column)
{
	if (sqlite3_column_type(stmt, column) != SQLITE_INTEGER)
		return 0;
	long long mod = sqlite3_column_int64(stmt, column);
	return mod >= 0 && mod <= ANKI_MAX_MOD;
}

/* True when NOTE's fields and tags equal the previous FLDS and TAGS; -1 when
 * memory is short. */
static int note_same(const struct anki_note *note, const char *flds, const char *tags)
{
	struct buf now_flds, now_tags;
	buf_init(&now_flds);
	buf_init(&now_tags);
	anki_join_fields(note, &now_flds);
	buf_printf(&now_tags, " %s ", note->tags);
	int same = now_flds.failed || now_tags.failed
			   ? -1
			   : strcmp(now_flds.data ? now_flds.data : "", flds) == 0 &&
				     strcmp(now_tags.data, tags) == 0;
	buf_free(&now_flds);
	buf_free(&now_tags);
	return same;
}

static int read_note(struct previous *p, const struct anki_deck_set *set,
		     const struct strmap *by_guid, sqlite3_stmt *stmt)
{
	const char *guid = (const char *)sqlite3_column_text(stmt, 0);
	const char *flds = (const char *)sqlite3_column_text(stmt, 2);
	const char *tags = (const char *)sqlite3_column_text(stmt, 3);
	if (!guid || !flds || !tags)
		return refuse(p, "a note without guid, fields or tags");
	if (!mod_ok(stmt, 1))
		return refuse(p, "a note's mod is not a time between 1970 and 9999");
	struct strmap_entry *entry = strmap_find(by_guid, guid);
	if (!entry)
		return 0; /* a note the guide no longer has */
	size_t index = (size_t)(intptr_t)entry->value;
	if (p->matched[index]++)
		return refuse(p, "two notes have the same guid");
	int same = note_same(&set->notes[index], flds, tags);
	if (same < 0)
		return refuse(p, "out of memory");
	p->mods[index] = next_mod(set->timestamp, sqlite3_column_int64(stmt, 1), same);
	return 0;
}

static int read_notes(struct previous *p, const struct anki_deck_set *set,
		      const struct strmap *by_guid)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(p->db, "SELECT guid, mod, flds, tags FROM notes", -1, &stmt,
			       NULL) != SQLITE_OK)
		return refuse_sqlite(p, "the notes");
	int status = 0, rc;
	size_t rows = 0;
	while (status == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (++rows > ANKI_MAX_NOTES)
			status = refuse(p, "more notes than a deck of this tool holds");
		else
			status = read_note(p, set, by_guid, stmt);
	}
	if (status == 0 && rc != SQLITE_DONE)
		status = refuse_sqlite(p, "the notes");
	sqlite3_finalize(stmt);
	return status;
}

static const char PREVIOUS_NOTETYPE[] =
	"SELECT json_extract(models, '$.\"' || ?1 || '\".mod'),"
	" json_extract(models, '$.\"' || ?1 || '\".css') IS ?2"
	" AND json_extract(models, '$.\"' || ?1 || '\".tmpls[0].qfmt') IS ?3"
	" AND json_extract(models, '$.\"' || ?1 || '\".tmpls[0].afmt') IS ?4"
	" FROM col LIMIT 1";

static int read_notetype(struct previous *p, const struct anki_deck_set *set)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(p->db, PREVIOUS_NOTETYPE, -1, &stmt, NULL) != SQLITE_OK)
		return refuse_sqlite(p, "the note type");
	sqlite3_bind_int64(stmt, 1, ANKI_NOTETYPE_ID);
	sqlite3_bind_text(stmt, 2, set->css, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, set->front, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, set->back, -1, SQLITE_STATIC);
	int status = 0;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		if (!mod_ok(stmt, 0))
			status = refuse(p, "the note type's mod is not a time between 1970 and 9999");
		else
			p->notetype_mod = next_mod(set->timestamp, sqlite3_column_int64(stmt, 0),
						   sqlite3_column_int(stmt, 1));
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		status = refuse_sqlite(p, "the note type");
	}
	sqlite3_finalize(stmt);
	return status;
}

/* Every note of SET by guid, its index as the value. */
static int index_notes(struct previous *p, const struct anki_deck_set *set, struct strmap *by_guid)
{
	p->mods = malloc((set->note_count ? set->note_count : 1) * sizeof *p->mods);
	p->matched = calloc(set->note_count ? set->note_count : 1, 1);
	if (!p->mods || !p->matched)
		return refuse(p, "out of memory");
	for (size_t i = 0; i < set->note_count; i++) {
		p->mods[i] = set->notes[i].mod;
		struct strmap_entry *entry = strmap_insert(by_guid, set->notes[i].guid);
		if (!entry)
			return refuse(p, "out of memory");
		entry->value = (void *)(intptr_t)i;
	}
	return 0;
}

int anki_previous_apply(struct anki_deck_set *set, const unsigned char *data, size_t len,
			const char *name)
{
	struct previous p;
	memset(&p, 0, sizeof p);
	p.budget_left = ANKI_PREVIOUS_BUDGET;
	p.notetype_mod = set->notetype_mod;
	struct strmap by_guid;
	strmap_init(&by_guid);
	int status = open_image(&p, data, len);
	if (status == 0)
		status = check_schema(&p);
	if (status == 0)
		status = index_notes(&p, set, &by_guid);
	if (status == 0)
		status = read_notes(&p, set, &by_guid);
	if (status == 0)
		status = read_notetype(&p, set);
	if (status == 0) {
		for (size_t i = 0; i < set->note_count; i++)
			set->notes[i].mod = p.mods[i];
		set->notetype_mod = p.notetype_mod;
	} else {
		diag_warning(name, 0, "the previous deck is ignored (%s); every note gets the "
				      "export time as its mod",
			     p.problem);
	}
	free(p.mods);
	free(p.matched);
	strmap_free(&by_guid);
	sqlite3_close(p.db);
	return status;
}
