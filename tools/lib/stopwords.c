/* stopwords: counts the function words of English and of eleven languages
 * written in the Latin script over a guide's prose, and names the language
 * they show (see stopwords.h). It only reads the text it is given: what is
 * prose and what is code is the caller's to say. */
#include "stopwords.h"
#include "script.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The commonest words of each language, lower case. A word that is also a
 * common English word ("a", "in", "is", "die", "do", "an", "was") is left out
 * of the other language's list, and one shared by two other languages ("de",
 * "que") sits in both: the words one language alone uses decide. */
static const struct {
	const char *tag;
	const char *words;
} LISTS[] = {
	{"en", "the of and to that it for with are this by or not you from which have can be "
	       "what how when if they we has its but their there these does should would into "
	       "about than other each your been were"},
	{"pt", "o os do da dos das e em na nos nas é um uma para com não que se por mais como "
	       "mas ao aos seu sua são também muito pode quando sobre este esta isso entre há "
	       "ser ou você qual quais pelo pela ele ela eles está essa esse isto onde porque "
	       "exemplo uso"},
	{"es", "el la los las del y en es por con una un lo más pero su sus al está son también "
	       "muy puede cuando este esta hay sin cómo qué se que para como entre sobre si ya "
	       "le les ser tiene otro cual cuál donde dónde porque ejemplo esto eso desde todos "
	       "todo pueden"},
	{"fr", "le la les des du de et est un une en que qui dans pour pas sur au aux avec ce "
	       "cette ces il elle ils sont ou où plus par ne se son sa ses mais être peut nous "
	       "vous leur comme très aussi donc entre faire été même lorsque quand"},
	{"de", "der die das und ist den dem des ein eine einen einer nicht mit sich auf für von "
	       "zu im sind oder wie auch es bei wird werden kann nach aus dass wenn nur noch als "
	       "aber zum zur über um diese dieser wir sie ich können"},
	{"it", "il lo la gli le di del della dei delle e è che per un una uno con non si sono "
	       "come più anche questo questa nel nella al alla da dal ma se tra può essere "
	       "quando ogni molto cosa perché ed alle degli sul sulla"},
	{"nl", "de het een en van is dat die niet op te zijn voor met als er maar om ook aan bij "
	       "door wordt worden kan naar wat je hij ze dit deze wel nog geen uit hoe wanneer "
	       "kunnen meer tot zo"},
	/* Romanian is written with ş and ţ (cedilla) as often as with ș and ț
	 * (comma): both spellings are listed. */
	{"ro", "și şi în cu pe că nu un o este sunt care din pentru mai sau ce se să al ale lui "
	       "lor unui unei prin dar fi fie acest această acesta aceasta cum când dacă după "
	       "între poate au fost ca ori doar foarte fără sunt iar deci către"},
	{"vi", "và của là có không một những các được cho với trong này để người khi bạn thì "
	       "đã về như từ đến cũng nếu hay hoặc sẽ mà làm nhiều vì nhưng rất theo ở lại đó "
	       "nào gì thể bị cần nên nó chúng"},
	{"tr", "ve bir bu için ile da de ne mi olarak olan daha çok gibi ama veya nedir nasıl her "
	       "kadar sonra şu ya değil var yok ki neden hangi olur"},
	{"id", "yang dan di ini itu dengan untuk dari dalam tidak akan pada adalah juga ke atau "
	       "bisa ada oleh karena sebagai kita apa jika saya anda lebih dapat bagaimana "
	       "mengapa sudah harus"},
	{"pl", "w z na nie się do że jest jak ale co tak za od po czy jego są przez dla lub oraz "
	       "może który która które tym jednak gdy tylko już aby jeśli te"},
};
#define LANGS (sizeof LISTS / sizeof *LISTS)

/* Past this much text the counts say no more than they already do. */
#define SAMPLE_BYTES ((size_t)64 << 10)
/* A word longer than this is no function word. */
#define WORD_MAX 16

struct entry {
	char word[WORD_MAX];
	unsigned langs; /* bit N: the word is in LISTS[N] */
};

static struct entry table[LANGS * 80];
static size_t table_len;

static int entry_order(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->word, ((const struct entry *)b)->word);
}

/* The lists as one sorted table, each word once with the languages that use
 * it; built on the first call. */
static void table_build(void)
{
	for (size_t lang = 0; lang < LANGS; lang++) {
		for (const char *p = LISTS[lang].words; *p;) {
			size_t n = strcspn(p, " ");
			if (n > 0 && n < WORD_MAX && table_len < sizeof table / sizeof *table) {
				memcpy(table[table_len].word, p, n);
				table[table_len].word[n] = '\0';
				table[table_len++].langs = 1u << lang;
			}
			p += n + (p[n] == ' ');
		}
	}
	qsort(table, table_len, sizeof *table, entry_order);
	size_t kept = 0;
	for (size_t i = 0; i < table_len; i++) {
		if (kept > 0 && strcmp(table[kept - 1].word, table[i].word) == 0)
			table[kept - 1].langs |= table[i].langs;
		else
			table[kept++] = table[i];
	}
	table_len = kept;
}

static void count_word(const char *word, size_t hits[LANGS])
{
	struct entry key;
	strcpy(key.word, word);
	const struct entry *found = bsearch(&key, table, table_len, sizeof *table, entry_order);
	for (size_t lang = 0; found && lang < LANGS; lang++)
		hits[lang] += (found->langs >> lang) & 1u;
}

static int is_word_char(unsigned long code)
{
	utf8proc_category_t category = utf8proc_category((utf8proc_int32_t)code);
	return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
	       (category >= UTF8PROC_CATEGORY_MN && category <= UTF8PROC_CATEGORY_ME);
}

/* Counts each language's words in TEXT (runs of letters, lower-cased), and
 * returns how many words it holds. */
static size_t count_words(const char *text, size_t len, size_t hits[LANGS])
{
	size_t words = 0;
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	char word[WORD_MAX];
	size_t n = 0;
	int too_long = 0;
	for (;;) {
		unsigned long code = p < end ? script_next_code_point(&p, end) : 0;
		if (code != 0 && code <= 0x10FFFF && is_word_char(code)) {
			utf8proc_uint8_t bytes[4];
			utf8proc_ssize_t size =
				utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)code), bytes);
			if (size > 0 && n + (size_t)size < WORD_MAX) {
				memcpy(word + n, bytes, (size_t)size);
				n += (size_t)size;
			} else {
				too_long = 1;
			}
			continue;
		}
		if (n > 0 && !too_long) {
			word[n] = '\0';
			count_word(word, hits);
		}
		words += n > 0;
		n = 0;
		too_long = 0;
		if (p >= end)
			return words;
	}
}

/* At least this many function words name a language; fewer stay English. */
#define MIN_HITS 20

const char *stopwords_lang(const char *text, size_t len)
{
	if (table_len == 0)
		table_build();
	size_t hits[LANGS] = {0};
	size_t words = count_words(text, len < SAMPLE_BYTES ? len : SAMPLE_BYTES, hits);
	size_t best = 1, second = 0; /* LISTS[0] is English */
	for (size_t lang = 2; lang < LANGS; lang++)
		if (hits[lang] > hits[best])
			best = lang;
	for (size_t lang = 1; lang < LANGS; lang++)
		if (lang != best && hits[lang] > second)
			second = hits[lang];
	/* Twice English's words, and a quarter more than the runner-up's (the
	 * sister languages, pt and es, share many words; the rest tell). And a
	 * fifth of all the words, as in any text of that language (a third or
	 * more in the guides of tests/): a language with no list here, such as
	 * Catalan with its "la", "de", "un", finds fewer and stays English. */
	if (hits[best] >= MIN_HITS && hits[best] >= 2 * hits[0] && 4 * hits[best] >= 5 * second &&
	    5 * hits[best] >= words)
		return LISTS[best].tag;
	return "en";
}
