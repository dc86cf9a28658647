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
 * of one word per first cell (Type | Reach) ask nothing. Reads the table,
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

/* A first column that only numbers the rows ("#", "No.", "№"). */
static int numbering_header(cmark_node *cell)
{
	static const char *const names[] = {"#", "no", "no.", "nr", "nr.", "n°", "№", "", NULL};
	return header_is(cell, names);
}

/* The first cell of ROW's question column: the first, or the second after
 * a column that numbers the rows ("| # | Question | Answer |"). */
static cmark_node *question_cell(cmark_node *row)
{
	cmark_node *table = cmark_node_parent(row);
	cmark_node *first = cmark_node_first_child(row);
	return table && cmark_gfm_extensions_get_table_columns(table) == 3 && first
		       ? cmark_node_next(first) : first;
}

static int header_names_questions(cmark_node *header)
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
	cmark_node *first = question_cell(header);
	cmark_node *second = first ? cmark_node_next(first) : NULL;
	return second && ((header_is(first, questions) && header_is(second, answers)) ||
			  (header_is(first, TERMS) && header_is(second, DEFINITIONS)));
}

/* Most of the first cells below the header ask. */
static int first_cells_ask(cmark_node *table)
{
	int rows = 0, asking = 0;
	for (cmark_node *row = cmark_node_next(cmark_node_first_child(table)); row;
	     row = cmark_node_next(row)) {
		char *text = node_text(cmark_node_first_child(row));
		rows++;
		asking += text && evidence_question_mark(text);
		free(text);
	}
	return rows >= 2 && asking * 10 >= rows * 6;
}

int is_question_table(cmark_node *block)
{
	int columns = is_type(block, "table") ? cmark_gfm_extensions_get_table_columns(block) : 0;
	cmark_node *header = columns == 2 || columns == 3 ? cmark_node_first_child(block) : NULL;
	if (!header || !cmark_node_next(header))
		return 0;
	if (columns == 3) /* "| # | Question | Answer |": named so, after a number */
		return numbering_header(cmark_node_first_child(header)) &&
		       header_names_questions(header);
	return header_names_questions(header) || first_cells_ask(block);
}

/* The card of one ROW of a question table: the first cell asks, the second
 * answers. 0 when the row has no question. */
int table_row_card(cmark_node *row, struct card *card)
{
	cmark_node *ask = question_cell(row);
	cmark_node *answer = ask ? cmark_node_next(ask) : NULL;
	memset(card, 0, sizeof *card);
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
	if (answer && cmark_node_first_child(answer))
		card->label_rest = (struct inline_span){cmark_node_first_child(answer), NULL, 0};
	return card->question_text != NULL;
}
