/* explain: md2guide --explain, how the guide was read. Per section: the
 * headings of each level and what they were taken for, the cards of each
 * shape; then the questions with no answer yet and the least certain cards,
 * with their lines, so an author can see why a card is there or missing and
 * steer with --questions. Reads the plan, changes nothing. */
#include "md2guide.h"

#include <stdlib.h>
#include <string.h>

/* What the headings of LEVEL were taken for in a section read with SCOPE. */
static const char *level_verdict(const struct scope *scope, int level)
{
	unsigned bit = 1u << level;
	if (scope->levels & bit)
		return scope->strict & bit    ? "questions (the numbered or asking ones)"
		       : scope->lenient & bit ? "questions (all of them)"
					      : "questions (those that ask or are numbered)";
	unsigned shallower = scope->levels & (bit - 1);
	return shallower ? "inside answers" : "topics";
}

static void explain_headings(FILE *out, const struct section *section)
{
	const struct heading_census *census = &section->census;
	for (int level = 1; level <= 6; level++) {
		if (!census->count[level])
			continue;
		fprintf(out, "    %.*s headings: %d, %d ask, %d numbered as questions: %s\n", level,
			"######", census->count[level], census->asking[level], census->named[level],
			level_verdict(&section->scope, level));
	}
}

static void explain_shapes(FILE *out, const struct section *section)
{
	size_t by_style[6] = {0};
	for (size_t p = 0; p < section->part_count; p++)
		if (section->parts[p].card && section->parts[p].card->style < 6)
			by_style[section->parts[p].card->style]++;
	fprintf(out, "    cards:");
	for (int style = 0; style < 6; style++)
		fprintf(out, " %s %zu%s", CARD_STYLE_NAMES[style], by_style[style], style < 5 ? "," : "\n");
}

static char *section_title(const struct section *section)
{
	return section->heading ? node_text(section->heading) : strdup("(the guide itself)");
}

/* A card is least certain when nothing but its shape says it asks: a
 * heading or table row with no question mark, number or asking word. */
static int uncertain(const struct card *card)
{
	if (card->style == CARD_HEADING)
		return heading_kind(card->node) == HEADING_TOPIC;
	if (card->style == CARD_TABLE || card->style == CARD_LABEL)
		return !evidence_question_mark(card->question_text) &&
		       !evidence_asks(card->question_text);
	return 0;
}

static void explain_cards(FILE *out, const struct plan *plan, int (*pick)(const struct card *),
			  const char *what)
{
	size_t shown = 0, total = 0;
	for (size_t s = 0; s < plan->section_count; s++)
		for (size_t p = 0; p < plan->sections[s].part_count; p++) {
			const struct card *card = plan->sections[s].parts[p].card;
			if (!card || !pick(card))
				continue;
			if (total++ == 0)
				fprintf(out, "  %s:\n", what);
			if (shown < 10) { /* 60 bytes, cut between characters */
				char start[61];
				copy_whole_characters(start, sizeof start, card->question_text,
						      strlen(card->question_text));
				fprintf(out, "    line %ld: %s\n", card->line, start);
				shown++;
			}
		}
	if (total > shown)
		fprintf(out, "    ... and %zu more\n", total - shown);
}

static int unanswered(const struct card *card) { return card->unanswered; }

void explain_plan(const struct plan *plan, const char *lang, FILE *out)
{
	fprintf(out, "%s: read as %zu section%s and %zu card%s (%zu unanswered), lang %s\n",
		plan->display_name, plan->section_count, plan->section_count == 1 ? "" : "s",
		plan->card_total, plan->card_total == 1 ? "" : "s", plan->unanswered, lang);
	fprintf(out, "  questions: %s\n",
		plan->rule.given ? "as --questions or the front matter says" : "chosen by md2guide");
	for (size_t s = 0; s < plan->section_count; s++) {
		const struct section *section = &plan->sections[s];
		char *title = section_title(section);
		fprintf(out, "  section \"%s\" (line %ld): %zu card%s\n", title ? title : "",
			section->line, section->card_count, section->card_count == 1 ? "" : "s");
		free(title);
		explain_headings(out, section);
		if (section->scope.bold_topics)
			fprintf(out, "    bold lines: lead-ins in this guide, not questions\n");
		explain_shapes(out, section);
	}
	explain_cards(out, plan, unanswered, "no answer yet");
	explain_cards(out, plan, uncertain, "least certain (nothing but their shape asks)");
}
