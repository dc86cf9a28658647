/* collection.c: collection.anki2, the SQLite database inside an .apkg, in
 * schema 11 (the one every Anki client imports), built in memory and handed to
 * the zip writer as bytes. The JSON in the col row is built by SQLite's JSON1
 * functions, so quoting is never done by hand. It never reads a collection it
 * did not build: previous.c does that. */
#include "guide2anki/anki.h"
#include "buf.h"
#include "diag.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Schema 11 exactly as Anki's schema11.sql: importers read rows by position. */
static const char SCHEMA[] =
	"CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,"
	" scm integer not null, ver integer not null, dty integer not null, usn integer not null,"
	" ls integer not null, conf text not null, models text not null, decks text not null,"
	" dconf text not null, tags text not null);"
	"CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,"
	" mod integer not null, usn integer not null, tags text not null, flds text not null,"
	" sfld integer not null, csum integer not null, flags integer not null,"
	" data text not null);"
	"CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,"
	" ord integer not null, mod integer not null, usn integer not null, type integer not null,"
	" queue integer not null, due integer not null, ivl integer not null,"
	" factor integer not null, reps integer not null, lapses integer not null,"
	" left integer not null, odue integer not null, odid integer not null,"
	" flags integer not null, data text not null);"
	"CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,"
	" ease integer not null, ivl integer not null, lastIvl integer not null,"
	" factor integer not null, time integer not null, type integer not null);"
	"CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);"
	"CREATE INDEX ix_notes_usn on notes (usn);"
	"CREATE INDEX ix_cards_usn on cards (usn);"
	"CREATE INDEX ix_revlog_usn on revlog (usn);"
	"CREATE INDEX ix_cards_nid on cards (nid);"
	"CREATE INDEX ix_cards_sched on cards (did, queue, due);"
	"CREATE INDEX ix_revlog_cid on revlog (cid);"
	"CREATE INDEX ix_notes_csum on notes (csum);"
	"CREATE TEMP TABLE note_fields (ord integer, name text);"
	"CREATE TEMP TABLE note_decks (id integer, name text);";

/* The col row. ?1 crt (s), ?2 mod (ms), ?3 note type id, ?4 note type name,
 * ?5 note type mod, ?6 its deck, ?7 front, ?8 back, ?9 css, ?10 first field id,
 * ?11 template id, ?12 next new-card position. */
static const char INSERT_COL[] =
	"INSERT INTO col SELECT 1, ?1, ?2, ?2, 11, 0, 0, 0,"
	" json_object('activeDecks', json_array(1), 'curDeck', 1, 'newSpread', 0,"
	"  'collapseTime', 1200, 'timeLim', 0, 'estTimes', json('true'),"
	"  'dueCounts', json('true'), 'curModel', ?3, 'nextPos', ?12,"
	"  'sortType', 'noteFld', 'sortBackwards', json('false'), 'addToCur', json('true'),"
	"  'newBury', json('true')),"
	" json_object(CAST(?3 AS TEXT), json_object('id', ?3, 'name', ?4, 'type', 0,"
	"  'mod', ?5, 'usn', 0, 'sortf', 0, 'did', ?6,"
	"  'tmpls', json_array(json_object('name', 'Card 1', 'ord', 0, 'qfmt', ?7, 'afmt', ?8,"
	"   'bqfmt', '', 'bafmt', '', 'did', NULL, 'bfont', '', 'bsize', 0, 'id', ?11)),"
	"  'flds', (SELECT json_group_array(json_object('name', name, 'ord', ord,"
	"   'sticky', json('false'), 'rtl', json('false'), 'font', 'Arial', 'size', 20,"
	"   'media', json_array(), 'description', '', 'id', ?10 + ord))"
	"   FROM (SELECT * FROM note_fields ORDER BY ord)),"
	"  'css', ?9, 'latexPre', '\\documentclass[12pt]{article}\\special{papersize=3in,5in}"
	"\\usepackage[utf8]{inputenc}\\usepackage{amssymb,amsmath}\\pagestyle{empty}"
	"\\setlength{\\parindent}{0in}\\begin{document}', 'latexPost', '\\end{document}',"
	"  'latexsvg', json('false'), 'req', json_array(json_array(0, 'any', json_array(0))),"
	"  'tags', json_array(), 'vers', json_array())),"
	" (SELECT json_group_object(CAST(id AS TEXT), json_object('id', id, 'name', name,"
	"  'mod', ?1, 'usn', 0, 'lrnToday', json_array(0, 0), 'revToday', json_array(0, 0),"
	"  'newToday', json_array(0, 0), 'timeToday', json_array(0, 0),"
	"  'collapsed', json('false'), 'browserCollapsed', json('false'), 'desc', '',"
	"  'dyn', 0, 'conf', 1, 'extendNew', 0, 'extendRev', 0))"
	"  FROM (SELECT * FROM note_decks ORDER BY id)),"
	" json_object('1', json_object('id', 1, 'mod', 0, 'name', 'Default', 'usn', 0,"
	"  'maxTaken', 60, 'autoplay', json('true'), 'timer', 0, 'replayq', json('true'),"
	"  'dyn', json('false'),"
	"  'new', json_object('bury', json('false'), 'delays', json_array(1, 10),"
	"   'initialFactor', 2500, 'ints', json_array(1, 4, 7), 'order', 1, 'perDay', 20,"
	"   'separate', json('true')),"
	"  'rev', json_object('bury', json('false'), 'ease4', 1.3, 'fuzz', 0.05, 'ivlFct', 1,"
	"   'maxIvl', 36500, 'minSpace', 1, 'perDay', 200, 'hardFactor', 1.2),"
	"  'lapse', json_object('delays', json_array(10), 'leechAction', 0, 'leechFails', 8,"
	"   'minInt', 1, 'mult', 0))),"
	" '{}'";

static const char INSERT_NOTE[] =
	"INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')";
/* A new card: type 0, queue 0, due = its new-card position. */
static const char INSERT_CARD[] =
	"INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')";

static int sql_failed(sqlite3 *db, const char *what)
{
	diag_fatal("cannot build the collection (%s): %s", what, sqlite3_errmsg(db));
	return -1;
}

/* Runs STMT (bound already) to completion and finalizes it. */
static int sql_run(sqlite3 *db, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : sql_failed(db, what);
}

static int insert_pair(sqlite3 *db, const char *sql, long long number, const char *text)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return sql_failed(db, "prepare");
	sqlite3_bind_int64(stmt, 1, number);
	sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
	return sql_run(db, stmt, "note type");
}

static int insert_col(sqlite3 *db, const struct anki_deck_set *set, long long top_deck)
{
	for (int f = 0; f < ANKI_FIELD_COUNT; f++)
		if (insert_pair(db, "INSERT INTO note_fields VALUES (?1, ?2)", f,
				ANKI_FIELD_NAMES[f]) != 0)
			return -1;
	for (size_t i = 0; i < set->deck_count; i++)
		if (insert_pair(db, "INSERT INTO note_decks VALUES (?1, ?2)", set->decks[i].id,
				set->decks[i].name) != 0)
			return -1;
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db, INSERT_COL, -1, &stmt, NULL) != SQLITE_OK)
		return sql_failed(db, "prepare col");
	sqlite3_bind_int64(stmt, 1, set->timestamp);
	sqlite3_bind_int64(stmt, 2, set->timestamp * 1000);
	sqlite3_bind_int64(stmt, 3, ANKI_NOTETYPE_ID);
	sqlite3_bind_text(stmt, 4, ANKI_NOTETYPE_NAME, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, set->notetype_mod);
	sqlite3_bind_int64(stmt, 6, top_deck);
	sqlite3_bind_text(stmt, 7, set->front, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, set->back, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, set->css, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 10, ANKI_FIELD_ID_BASE);
	sqlite3_bind_int64(stmt, 11, ANKI_TEMPLATE_ID_BASE);
	sqlite3_bind_int64(stmt, 12, (long long)set->note_count + 1);
	return sql_run(db, stmt, "col");
}

static int insert_note(sqlite3 *db, sqlite3_stmt *note_stmt, sqlite3_stmt *card_stmt,
		       const struct anki_note *note, long long position)
{
	struct buf flds, tags;
	buf_init(&flds);
	buf_init(&tags);
	anki_join_fields(note, &flds);
	buf_printf(&tags, " %s ", note->tags);
	char *sort_field = anki_strip_html(note->fields[ANKI_QUESTION]);
	int status = 0;
	if (flds.failed || tags.failed || !sort_field) {
		diag_fatal("out of memory");
		status = -1;
	} else {
		sqlite3_bind_int64(note_stmt, 1, note->id);
		sqlite3_bind_text(note_stmt, 2, note->guid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(note_stmt, 3, ANKI_NOTETYPE_ID);
		sqlite3_bind_int64(note_stmt, 4, note->mod);
		sqlite3_bind_text(note_stmt, 5, tags.data, (int)tags.len, SQLITE_STATIC);
		sqlite3_bind_text(note_stmt, 6, flds.data, (int)flds.len, SQLITE_STATIC);
		sqlite3_bind_text(note_stmt, 7, sort_field, -1, SQLITE_STATIC);
		sqlite3_bind_int64(note_stmt, 8, (long long)anki_field_checksum(note->fields[0]));
		sqlite3_bind_int64(card_stmt, 1, note->card_id);
		sqlite3_bind_int64(card_stmt, 2, note->id);
		sqlite3_bind_int64(card_stmt, 3, note->deck_id);
		sqlite3_bind_int64(card_stmt, 4, note->mod);
		sqlite3_bind_int64(card_stmt, 5, position);
		if (sqlite3_step(note_stmt) != SQLITE_DONE || sqlite3_step(card_stmt) != SQLITE_DONE)
			status = sql_failed(db, "notes");
		sqlite3_reset(note_stmt);
		sqlite3_reset(card_stmt);
	}
	free(sort_field);
	buf_free(&flds);
	buf_free(&tags);
	return status;
}

static int insert_notes(sqlite3 *db, const struct anki_deck_set *set)
{
	sqlite3_stmt *note_stmt = NULL, *card_stmt = NULL;
	int status = 0;
	if (sqlite3_prepare_v2(db, INSERT_NOTE, -1, &note_stmt, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, INSERT_CARD, -1, &card_stmt, NULL) != SQLITE_OK)
		status = sql_failed(db, "prepare notes");
	for (size_t i = 0; i < set->note_count && status == 0; i++)
		status = insert_note(db, note_stmt, card_stmt, &set->notes[i], (long long)i + 1);
	sqlite3_finalize(note_stmt);
	sqlite3_finalize(card_stmt);
	return status;
}

int anki_collection_build(const struct anki_deck_set *set, unsigned char **data, size_t *len)
{
	sqlite3 *db;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		diag_fatal("cannot create the collection database: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	/* The decks' parent is the first deck after Default: the guide's own. */
	long long top_deck = set->deck_count > 1 ? set->decks[1].id : ANKI_DEFAULT_DECK_ID;
	int status = 0;
	if (sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		status = sql_failed(db, "schema");
	if (status == 0)
		status = insert_col(db, set, top_deck);
	if (status == 0)
		status = insert_notes(db, set);
	if (status == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		status = sql_failed(db, "commit");
	if (status == 0) {
		sqlite3_int64 size = 0;
		*data = sqlite3_serialize(db, "main", &size, 0);
		*len = (size_t)size;
		if (!*data)
			status = sql_failed(db, "serialize");
	}
	sqlite3_close(db);
	return status;
}
