/* qatable: a two-column table of questions and answers, one card a row
 * (three with a first column that numbers them, "| # | Question | Answer |"):
 *
 *     | Question            | Answer                       |
 *     |---------------------|------------------------------|
 *     | What is a pod?      | The smallest deployable unit |
 *
 * A table is one when its header names the two columns so ("Q | A",
 * "質問 | 解答", "Вопрос | Ответ"), or when most of its first cells ask. A
 * glossary is one when its header says it is (Term | Definition): the term
 * is the front, as written (a "What is ...?" made up around it would be
 * wrong for a plural, a verb or a guide in another language). Other tables
 * of one word per first cell (Type | Reach) ask nothing. A column of
 * numbers may come first ("| # | Question | Answer |": the card's number),
 * and columns after the answer under a header that names the two ("| Q | A |
 * Source |") go on the back under their own names. A table whose questions
 * are links into the guide is its contents, no questions. Reads the table,
 * never changes it. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int name_is(const char *text, const char *const *names)
{
	int found = 0;
	for (const char *const *name = names; text && *name && !found; name++)
		found = strcasecmp(text, *name) == 0;
	return found;
}

static int header_is(cmark_node *cell, const char *const *names)
{
	char *text = node_text(cell);
	int found = name_is(text, names);
	free(text);
	return found;
}

static const char *const TERMS[] = {
	"term", "terms", "concept", "word", "keyword", "glossary", "用語", "术语", "術語",
	"용어", "термин", "Термин", "término", "terme", "begriff", NULL,
};
static const char *const DEFINITIONS[] = {
	"definition", "definitions", "meaning", "description", "explanation", "定義", "定义",
	"意味", "含义", "정의", "의미", "определение", "Определение", "значение", "Значение",
	"definición", "significado", "définition", "bedeutung", NULL,
};

int glossary_header(const char *term, const char *definition)
{
	return name_is(term, TERMS) && name_is(definition, DEFINITIONS);
}

/* FIRST and the cell after it name a question and an answer column. */
static int header_names_questions(cmark_node *first)
{
	static const char *const questions[] = {
		"question", "questions", "q", "prompt", "front", "質問", "問題",
		"问题", "問題", "题目", "질문", "문제", "вопрос", "вопросы", "pregunta", "frage",
		NULL,
	};
	static const char *const answers[] = {
		"answer", "answers", "a", "explanation", "back", "解答",
		"答案", "回答", "答え", "답", "답변", "정답", "ответ", "ответы", "respuesta",
		"antwort", NULL,
	};
	cmark_node *second = first ? cmark_node_next(first) : NULL;
	return second && ((header_is(first, questions) && header_is(second, answers)) ||
			  (header_is(first, TERMS) && header_is(second, DEFINITIONS)));
}

/* The COLUMN-th cell of ROW (from 0), or NULL. */
static cmark_node *cell_at(cmark_node *row, int column)
{
	cmark_node *cell = cmark_node_first_child(row);
	while (cell && column-- > 0)
		cell = cmark_node_next(cell);
	return cell;
}

/* Does CELL head a column of question numbers ("#", "No.", "번호")? */
static int header_numbers(cmark_node *cell)
{
	static const char *const numbers[] = {
		"#", "no", "no.", "nr", "nr.", "num", "number", "n°", "№", "sr", "sr.", "s.no",
		"s.no.", "s/n", "sl", "sl.", "id", "q#", "q.no", "q.no.", "序号", "编号", "番号", "번호",
		"номер", NULL,
	};
	return header_is(cell, numbers);
}

/* Most of the cells of COLUMN below the header ask. */
static int first_cells_ask(cmark_node *table, int column)
{
	int rows = 0, asking = 0;
	for (cmark_node *row = cmark_node_next(cmark_node_first_child(table)); row;
	     row = cmark_node_next(row)) {
		char *text = node_text(cell_at(row, column));
		rows++;
		asking += text && evidence_question_mark(text);
		free(text);
	}
	return rows >= 2 && asking * 10 >= rows * 6;
}

/* Most of the cells of COLUMN below the header are a link to a place in
 * the guide and nothing else: the table is its contents, each question
 * answered where the link goes ("| 1 | [What is a port?](#what-is-a-port) |
 * Basic |": the third column is no answer). */
static int cells_link_inside(cmark_node *table, int column)
{
	int rows = 0, links = 0;
	for (cmark_node *row = cmark_node_next(cmark_node_first_child(table)); row;
	     row = cmark_node_next(row)) {
		cmark_node *cell = cell_at(row, column);
		rows++;
		links += cell && only_anchor_link(cell);
	}
	return links * 2 > rows;
}

/* The column of TABLE's questions: 0, or 1 after a column of numbers
 * ("| # | Question | Answer |"); -1 when it is no question table. Columns
 * after the answer ("| Q | A | Source |") need a header that names the two:
 * without one, "| Question? | Yes | No |" may be anything. */
static int question_column(cmark_node *table)
{
	int columns = cmark_gfm_extensions_get_table_columns(table);
	cmark_node *header = cmark_node_first_child(table);
	if (!header || !cmark_node_next(header) || columns < 2)
		return -1;
	int column = columns > 2 && header_numbers(cmark_node_first_child(header));
	if (cells_link_inside(table, column))
		return -1;
	if (header_names_questions(cell_at(header, column)))
		return column;
	return columns - column == 2 && first_cells_ask(table, column) ? column : -1;
}

int is_question_table(cmark_node *block)
{
	return is_type(block, "table") && question_column(block) >= 0;
}

/* The card of one ROW of a question table: the first cell asks, the second
 * answers. 0 when the row has no question. */
int table_row_card(cmark_node *row, struct card *card)
{
	int column = question_column(cmark_node_parent(row));
	cmark_node *ask = cell_at(row, column < 0 ? 0 : column);
	cmark_node *answer = ask ? cmark_node_next(ask) : NULL;
	memset(card, 0, sizeof *card);
	card->extra_cells = answer ? cmark_node_next(answer) : NULL;
	card->style = CARD_TABLE;
	card->node = row;
	card->line = cmark_node_get_start_line(row);
	if (card->line <= 0)
		card->line = cmark_node_get_start_line(cmark_node_parent(row));
	card->answer_line = card->line;
	char *text = node_text(ask);
	int named;
	size_t skip = text ? question_prefix(text, card->number, &named) : 0;
	if (!named) {
		skip = 0;
		card->number[0] = '\0';
	}
	card->question = (struct inline_span){cmark_node_first_child(ask), NULL, skip};
	card->question_text = text && text[skip] ? strdup(text + skip) : NULL;
	free(text);
	text = column == 1 ? node_text(cmark_node_first_child(row)) : NULL;
	if (text && !card->number[0] && strlen(text) < sizeof card->number &&
	    text[0] && strspn(text, "0123456789") == strlen(text))
		strcpy(card->number, text); /* "| 3 | What is...? |" */
	free(text);
	if (answer && cmark_node_first_child(answer))
		card->label_rest = (struct inline_span){cmark_node_first_child(answer), NULL, 0};
	return card->question_text != NULL;
}
