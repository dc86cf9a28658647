/* onequestion: a file that is one question, as sites of interview questions
 * keep one a page (front matter `title: Describe how a browser caches a
 * page`, then `## TL;DR` and the short answer, then the long one in parts).
 * When nothing else in the guide was found to be a question, such a title
 * over a first section called TL;DR (or "Short answer") is one card: the
 * title on the front, that section on the back, under its own name as the
 * label; the parts after it stay the guide's prose.
 *
 * Owns: what makes a file one question. It turns the plan's first section
 * into that card and never reads or changes the rest of the plan. */
#include "md2guide.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The names of a short answer put first, lowered, without punctuation. */
static int short_answer_title(const char *text)
{
	static const char *const names[] = {"tldr", "tl dr", "short answer", "quick answer",
					    "in short", NULL};
	char core[32];
	size_t len = 0;
	for (const char *p = text; *p && len + 1 < sizeof core; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalpha(c))
			core[len++] = (char)tolower(c);
		else if (len > 0 && core[len - 1] != ' ' && (c == ' ' || c == ';'))
			core[len++] = ' ';
	}
	while (len > 0 && core[len - 1] == ' ')
		len--;
	core[len] = '\0';
	for (const char *const *name = names; *name; name++)
		if (strcmp(core, *name) == 0)
			return 1;
	return 0;
}

/* The guide's title when it asks or sets a task, malloc'd; NULL otherwise. */
static char *asking_title(const struct plan *plan)
{
	char *title = plan->front && plan->front->title ? strdup(plan->front->title)
			 : plan->title ? node_text(plan->title)
				       : NULL;
	if (title && !evidence_question_mark(title) && !evidence_asks(title)) {
		free(title);
		title = NULL;
	}
	return title;
}

/* The card of TITLE answered by SECTION's blocks, or NULL. */
static struct card *short_answer_card(struct section *section, char *title)
{
	struct card *card = calloc(1, sizeof *card);
	if (!card)
		return NULL;
	cmark_node *first = section->parts[0].block;
	cmark_node *last = section->parts[section->part_count - 1].block;
	card->style = CARD_HEADING;
	card->node = section->heading;
	card->line = cmark_node_get_start_line(section->heading);
	card->question_literal = title;
	card->question_text = strdup(title);
	card->label = node_text(section->heading);
	card->answer_line = cmark_node_get_start_line(first);
	card->body = (struct block_span){first, cmark_node_next(last)};
	if (!card->question_text || !card->label) {
		card->question_literal = NULL; /* the caller's still */
		card_release(card);
		free(card);
		return NULL;
	}
	return card;
}

int one_question_take(struct plan *plan)
{
	if (plan->section_count == 0 ||
	    (plan->rule.given && !(plan->rule.styles & (1u << CARD_HEADING))))
		return 0;
	for (size_t s = 0; s < plan->section_count; s++)
		if (plan->sections[s].card_count > 0)
			return 0;
	struct section *section = &plan->sections[0];
	char *heading = section->heading ? node_text(section->heading) : NULL;
	int short_answer = heading && short_answer_title(heading) && section->part_count > 0;
	free(heading);
	char *title = short_answer ? asking_title(plan) : NULL;
	if (!title)
		return 0;
	struct card *card = short_answer_card(section, title);
	if (!card) {
		free(title);
		return -1;
	}
	/* The section's blocks are the card's answer now, and the section has no
	 * title of its own: the card, like the guide, is the title's. */
	section->parts[0] = (struct part){NULL, card};
	section->part_count = 1;
	section->card_count = 1;
	section->heading = NULL;
	return 0;
}
