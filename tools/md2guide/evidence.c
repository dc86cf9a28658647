/* evidence: what one piece of text says about itself, in any of the languages
 * guides are written in. Does it ask (a question mark in any script, an asking
 * word or ending)? Is it the label of a hidden answer ("View answer", "答案"),
 * the title of a reference list ("References", "참고"), a link back to the top,
 * or a placeholder for an answer not written yet ("TODO", "待补充")?
 *
 * Each test looks at plain text only and decides nothing: structure.c weighs
 * this evidence over a whole section and document. The word lists are small on
 * purpose: a shape the author repeats makes its members questions without
 * them, so they only need to tip the balance. */
#include "md2guide.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---- text helpers ------------------------------------------------------------ */

/* Length of the symbol at P if it is one a label may wear: punctuation,
 * arrows and dingbats (U+2000-U+2BFF: "⬆", "↥", "★"), emoji (U+1F000 and up),
 * the emoji variation selector; 0 otherwise. CJK text starts at U+3000. */
static size_t symbol_at(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 3 && p[0] == 0xE2 && p[1] < 0xB0)
		return 3;
	if (end - p >= 4 && p[0] == 0xF0 && p[1] == 0x9F)
		return 4;
	if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xB8 && p[2] == 0x8F)
		return 3;
	return 0;
}

/* The start of the symbol that ends at END, or END itself. */
static const unsigned char *symbol_before(const unsigned char *start, const unsigned char *end)
{
	for (size_t n = 3; n <= 4; n++)
		if (end - start >= (long)n && symbol_at(end - n, end) == n)
			return end - n;
	return end;
}

/* TEXT without leading and trailing spaces, emphasis marks, colons, stops,
 * brackets, arrows and emoji, lowered in ASCII, into OUT (SIZE bytes).
 * Returns 0 when it does not fit (such long text is none of the labels). */
static int label_core(const char *text, char *out, size_t size)
{
	const unsigned char *start = (const unsigned char *)text;
	const unsigned char *end = start + strlen(text);
	for (size_t n = 1; n && start < end;) {
		n = isspace(*start) || strchr("*_:.-([", *start) ? 1 : symbol_at(start, end);
		start += n;
	}
	for (const unsigned char *before = end; start < end; end = before) {
		before = isspace(end[-1]) || strchr("*_:.!?)]-", end[-1]) ? end - 1
									   : symbol_before(start, end);
		if (before == end)
			break;
	}
	size_t len = (size_t)(end - start);
	if (len + 1 > size)
		return 0;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower(start[i]);
	out[len] = '\0';
	return 1;
}

static int in_list(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(word, *list) == 0)
			return 1;
	return 0;
}

/* Is TEXT, stripped of its decoration, one of the labels of LIST? */
static int label_is(const char *text, const char *const *list)
{
	char core[64];
	return label_core(text, core, sizeof core) && in_list(core, list);
}

static int contains_any(const char *text, const char *const *list)
{
	for (; *list; list++)
		if (strstr(text, *list))
			return 1;
	return 0;
}

/* Like contains_any, but a mark in Latin letters must be a whole word
 * ("todo", not the Spanish and Portuguese "todos"; "wip", not "wipe"). */
static int contains_any_word(const char *text, const char *const *list)
{
	for (; *list; list++) {
		if ((unsigned char)**list >= 0x80) {
			if (strstr(text, *list))
				return 1;
			continue;
		}
		size_t len = strlen(*list);
		for (const char *p = strstr(text, *list); p; p = strstr(p + 1, *list)) {
			unsigned char before = p > text ? (unsigned char)p[-1] : ' ';
			unsigned char after = (unsigned char)p[len];
			if (!isalnum(before) && before < 0x80 && !isalnum(after) && after < 0x80)
				return 1;
		}
	}
	return 0;
}

static int starts_with_word_ci(const char *text, const char *const *list)
{
	for (; *list; list++) {
		size_t len = strlen(*list);
		if (strncasecmp(text, *list, len) == 0 &&
		    !isalpha((unsigned char)text[len]))
			return 1;
	}
	return 0;
}

/* ---- asking -------------------------------------------------------------------- */

/* A blank to fill in, three underscores or more ("The node agent is the
 * _____."): a cloze asks as a question mark does. Not inside a name
 * ("MAX___SIZE"). */
static int fill_in_blank(const char *text)
{
	for (const char *p = strstr(text, "___"); p; p = strstr(p, "___")) {
		const char *end = p;
		while (*end == '_')
			end++;
		if (!(p > text && isalnum((unsigned char)p[-1]) && isalnum((unsigned char)*end)))
			return 1;
		p = end;
	}
	return 0;
}

/* A question mark in any script: ? ？ ؟ and Spanish ¿, Greek ;, or a blank
 * to fill in. A '?' that an address continues ("page?id=1") does not ask. */
int evidence_question_mark(const char *text)
{
	static const char *const marks[] = {"\xEF\xBC\x9F", "\xD8\x9F", "\xC2\xBF", "\xCD\xBE",
					    NULL};
	for (const char *p = strchr(text, '?'); p; p = strchr(p + 1, '?'))
		if (!isalnum((unsigned char)p[1]) && p[1] != '=')
			return 1;
	return contains_any(text, marks) || fill_in_blank(text);
}

/* Words that open a question or a task in English and the other Latin and
 * Cyrillic scripts guides are written in. */
static int asking_start(const char *text)
{
	static const char *const words[] = {
		"what", "why", "how", "when", "where", "which", "who", "whom", "whose",
		"is", "are", "can", "could", "do", "does", "did", "should", "would", "will",
		"explain", "describe", "define", "compare", "contrast", "differentiate",
		"distinguish", "discuss", "tell", "give", "write", "implement", "design",
		"name", "outline", "summarize", "summarise", "walk", "list", "create", "build",
		"find", "calculate", "show", "demonstrate", "illustrate", "identify", "state",
		"que", "qué", "cómo", "como", "cuál", "cual", "por", "explique", "explica",
		"describa", "quel", "quelle", "comment", "pourquoi", "expliquez", "was", "wie",
		"warum", "erklären", "erkläre", "beschreiben",
		"o que", "qual", "quais", "quando", "onde", "quem", "descreva", "discuta",
		"defina", "cite", "liste", "escreva", "implemente", "mencione", "cuáles",
		"cuándo", "dónde", "quién", "enumere", "escriba",
		NULL,
	};
	static const char *const cyrillic[] = {
		"Что", "Как", "Почему", "Зачем", "Какой", "Какая", "Какое", "Какие", "Каков",
		"Когда", "Где", "Чем", "В чём", "В чем", "Объясните", "Опишите", "Расскажите",
		"Сравните", "Назовите", "Что такое", "Для чего", "Сколько", "Кто",
		"Напишите", "Реализуйте", "Удалите", "Верните", "Найдите", "Приведите",
		"Определите", "Перечислите", "Покажите", "Создайте", "Каковы", "Какова",
		"Можно ли", "Нужно ли", "Есть ли",
		NULL,
	};
	if (starts_with_word_ci(text, words))
		return 1;
	for (const char *const *w = cyrillic; *w; w++)
		if (strncmp(text, *w, strlen(*w)) == 0)
			return 1;
	return 0;
}

/* Asking words and endings of Chinese, Japanese and Korean, which sit
 * anywhere in the sentence (and most often at its end). */
static int asking_cjk(const char *text)
{
	static const char *const words[] = {
		/* Chinese */
		"什么", "為什麼", "为什么", "如何", "怎么", "怎样", "哪些", "哪个", "是否",
		"区别", "區別", "简述", "簡述", "谈谈", "請解釋", "请解释", "介绍一下",
		"何为", "何為", "为何", "為何", "有何", "何处", "何處", "何时", "何時", "何谓",
		"何謂", "何种", "何種", "能否", "可否", "是不是", "有没有", "吗", "嗎", "阐述",
		"列举", "指出",
		/* Japanese */
		"なぜ", "何が", "何を", "とは", "ですか", "ますか", "どう", "どの", "違い",
		"説明してください", "説明せよ", "教えてください", "お聞かせください",
		/* Korean */
		"무엇", "어떻게", "어떤", "설명해", "설명하", "비교해", "비교하", "주세요",
		"인가요", "나요", "까요", "차이", "왜 ",
		NULL,
	};
	return contains_any(text, words);
}

/* Vietnamese: the words that open a question or a task ("Kể về một lần…",
 * tell about a time; "Giải thích…", explain), and those that ask wherever
 * they stand ("… là gì", what is; "… như thế nào", how). Every one carries
 * the language's own marks, so no other language writes them. */
static int asking_vietnamese(const char *text)
{
	static const char *const starts[] = {
		"Kể", "kể", "Giới thiệu", "giới thiệu", "Giải thích", "giải thích", "Mô tả",
		"mô tả", "So sánh", "so sánh", "Phân biệt", "phân biệt", "Trình bày", "trình bày",
		"Hãy", "hãy", "Nêu", "nêu", "Liệt kê", "liệt kê", "Viết", "viết", "Làm sao",
		"làm sao", "Làm thế nào", "làm thế nào", "Điều gì", "điều gì", "Cái gì", "cái gì",
		NULL,
	};
	static const char *const anywhere[] = {
		"là gì", "thế nào", "tại sao", "Tại sao", "vì sao", "Vì sao", "bao nhiêu",
		"khi nào", "Khi nào", "ở đâu", NULL,
	};
	for (const char *const *w = starts; *w; w++) {
		size_t len = strlen(*w);
		if (strncmp(text, *w, len) == 0 && !isalpha((unsigned char)text[len]))
			return 1;
	}
	return contains_any(text, anywhere);
}

/* Quotation marks that open a prompt quoted as the interviewer says it
 * ("### \"Tell me about yourself\""): the words after them ask or not. */
static const char *skip_opening_quotes(const char *text)
{
	static const char *const quotes[] = {
		"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\x9E",
		"\xE3\x80\x8C", "\xE3\x80\x8E", NULL,
	};
	for (int again = 1; again;) {
		again = 0;
		while (*text == ' ')
			text++;
		for (const char *const *q = quotes; *q && !again; q++)
			if (strncmp(text, *q, strlen(*q)) == 0) {
				text += strlen(*q);
				again = 1;
			}
	}
	return text;
}

/* The kind of card a flashcard deck's heading names before its prompt
 * (`## Concept: Latency`, `## [T/F] UDP retransmits lost datagrams`, as
 * the flash-cards-app format writes them): the heading sets a task. A
 * kind word needs its colon, so "Concept art" and "Terms" ask nothing. */
static int card_kind_prefix(const char *text)
{
	static const char *const kinds[] = {
		"[T/F]", "(T/F)", "T/F:", "[True/False]", "True/False:", "True or false:",
		"Concept:", "Term:", "Definition:", "Fill in:", NULL,
	};
	for (const char *const *k = kinds; *k; k++)
		if (strncasecmp(text, *k, strlen(*k)) == 0 && text[strlen(*k)] == ' ')
			return 1;
	return 0;
}

int evidence_asks(const char *text)
{
	text = skip_opening_quotes(text);
	return asking_start(text) || asking_cjk(text) || asking_vietnamese(text) ||
	       card_kind_prefix(text);
}

/* ---- labels ---------------------------------------------------------------------- */

/* The summary of a <details> that hides an answer: "Answer", "View answer",
 * "Show solution", "Click to expand", "答案", "정답", "Ответ"... */
int evidence_reveal_label(const char *text)
{
	static const char *const labels[] = {
		"answer", "answers", "the answer", "view answer", "show answer", "see answer",
		"reveal answer", "check answer", "get answer", "click for answer",
		"click to see answer", "click to view answer", "click to show answer",
		"click here for answer", "click to reveal answer", "click to expand",
		"click to reveal", "expand", "reveal", "show", "solution", "show solution",
		"view solution", "see solution", "solutions", "explanation", "show explanation",
		"answer and explanation", "answer & explanation", "show me", "view",
		"答案", "解答", "参考答案", "查看答案", "点击查看答案", "点击查看", "展开",
		"答", "回答", "答え", "正解", "解説", "정답", "답", "답변", "해설", "보기",
		"정답 보기", "답변 보기", "ответ", "показать ответ", "решение", "Ответ", "Показать ответ", "Решение", "respuesta",
		"solución", "réponse", "antwort", "lösung",
		NULL,
	};
	return label_is(text, labels);
}

/* The title of a reference list that closes an answer: it belongs to the
 * card, whatever level its heading has. */
int evidence_reference_title(const char *text)
{
	static const char *const titles[] = {
		"references", "reference", "refs", "ref", "ref link", "ref links", "reference link",
		"reference links", "links", "link", "further reading", "additional links",
		"additional resources", "additional reading", "resources", "resource",
		"see also", "sources", "source", "reading", "read more", "learn more",
		"more info", "more information", "useful links", "useful resources", "related links",
		"related",
		"external links", "bibliography", "credits", "citations",
		"참고", "참고 자료", "참고자료", "참고 링크", "레퍼런스", "출처", "参考",
		"参考资料", "参考文献", "参考链接", "延伸阅读", "扩展阅读", "相关链接",
		"参考リンク", "参考資料", "ссылки", "литература", "источники", "Ссылки", "Литература", "Источники",
		"полезные ссылки", "дополнительно", "referencias", "références",
		NULL,
	};
	return label_is(text, titles);
}

/* The title of the guide's own table of contents ("📋 Table of Contents",
 * "目录", "목차"). */
int evidence_toc_title(const char *text)
{
	static const char *const titles[] = {
		"table of contents", "contents", "toc", "index", "目录", "目錄", "目次", "목차",
		"содержание", "оглавление", "Содержание", "Оглавление", "índice", "indice", "sommaire", "inhalt",
		"inhaltsverzeichnis", NULL,
	};
	return label_is(text, titles);
}

/* A title that says its part is a glossary ("Networking glossary", "Key
 * terms", "术语表"): bold terms there are entries, not lead-ins. */
int evidence_glossary_title(const char *text)
{
	static const char *const words[] = {
		"glossary", "glossaries", "terminology", "key terms", "vocabulary", "glossaire",
		"glosario", "glossário", "glossar", "术语", "術語", "用語集", "용어", "глоссарий",
		"Глоссарий", "термины", "Термины", NULL,
	};
	char lower[256];
	size_t len = 0;
	for (; text[len] && len + 1 < sizeof lower; len++)
		lower[len] = (char)tolower((unsigned char)text[len]);
	lower[len] = '\0';
	return contains_any(lower, words);
}

/* The text of a link back to the top or to the guide's index. */
int evidence_navigation_text(const char *text)
{
	static const char *const words[] = {
		"back to top", "back to the top", "go to top", "to top", "top of page",
		"back to contents", "back to index", "table of contents", "contents", "top",
		"返回顶部", "回到顶部", "返回目录", "맨 위로", "위로", "목차", "トップに戻る",
		"目次に戻る", "目次へ", "наверх", "к содержанию", "вернуться к содержанию",
		"voltar ao topo", "voltar ao início", "voltar ao sumário", "volver arriba",
		"volver al inicio", "volver al índice", "ir arriba", "retour en haut",
		"haut de page", "retour au sommaire", "nach oben", "zurück nach oben",
		NULL,
	};
	char core[64];
	if (!label_core(text, core, sizeof core))
		return *text == '\0';
	if (strncmp(core, "back to ", 8) == 0)
		return 1;
	return in_list(core, words);
}

/* A question whose answer is questions: "What would you ask the
 * interviewer?", "Which questions should you prepare?". TEXT is the question. */
int evidence_wants_questions(const char *text)
{
	static const char *const words[] = {
		"question", "ask", "pregunta", "frage", "вопрос", "Вопрос", "спрос", "질문",
		"提问", "提問", "问什么", "質問",
		NULL,
	};
	char lower[256];
	size_t len = 0;
	for (; text[len] && len + 1 < sizeof lower; len++)
		lower[len] = (char)tolower((unsigned char)text[len]);
	lower[len] = '\0';
	for (const char *const *w = words; *w; w++) /* at the start of a word: not "task" */
		for (const char *p = strstr(lower, *w); p; p = strstr(p + 1, *w))
			if (p == lower || !isalpha((unsigned char)p[-1]))
				return 1;
	return 0;
}

/* Nothing but dots, ellipses and question marks ("...", "…", "???"): an
 * answer left to write. */
static int only_dots(const char *text)
{
	size_t marks = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '.' || *p == '?')
			marks++;
		else if (strncmp(p, "\xE2\x80\xA6", 3) == 0) /* … */
			marks += 3, p += 2;
		else if (!isspace((unsigned char)*p))
			return 0;
	}
	return marks >= 3;
}

/* An answer that says it is not written yet. TEXT is the whole answer. */
int evidence_placeholder(const char *text)
{
	if (only_dots(text))
		return 1;
	static const char *const marks[] = {
		"todo", "tbd", "to be completed", "to be added", "to be written", "coming soon",
		"answer here", "your answer here", "write your answer", "work in progress", "wip",
		"not answered yet", "no answer yet", "answer pending", "fill in",
		"待补充", "待完善", "待更新", "未完成", "暂无", "답변 작성", "추가하기", "작성 예정",
		"準備中", "執筆中", "в работе", "скоро будет", "нет ответа",
		NULL,
	};
	char core[160];
	if (!label_core(text, core, sizeof core))
		return 0; /* a long answer is an answer, whatever it says */
	return core[0] != '\0' && contains_any_word(core, marks); /* images have no text */
}

/* Does TEXT end by asking in Japanese or Chinese without a question mark
 * ("…について説明してください", "…を教えてください", "…とは", "…好吗")? A
 * sentence's full stop may follow. */
int evidence_asking_end(const char *text)
{
	static const char *const endings[] = {
		"教えてください", "説明してください", "お聞かせください", "とは", "ですか", "ますか",
		"吗", "嗎", NULL,
	};
	size_t len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len >= 3 && memcmp(text + len - 3, "\xE3\x80\x82", 3) == 0) /* 。 */
		len -= 3;
	for (const char *const *end = endings; *end; end++) {
		size_t n = strlen(*end);
		if (len >= n && memcmp(text + len - n, *end, n) == 0)
			return 1;
	}
	return 0;
}
