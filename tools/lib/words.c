/* words: the back ends' few words, per language (see words.h). */
#include "words.h"

#include <string.h>
#include <strings.h>

struct language {
	const char *tag;
	const char *words[WORD_COUNT];
};

static const struct language LANGUAGES[] = {
	{"en", {"Answer", "Why they ask", "Questions", "Contents", "\xE2\x86\x91 Back to the questions",
		"Test yourself: answer each question aloud, then follow it to the answer. Every answer "
		"links back here.",
		"Source: %s", "page %d of %d", "answer on page %d", "question on page %d",
		"Note", "Tip", "Important", "Warning", "Caution", "Info", "Danger", "Details",
		"Title page"}},
	{"zh", {"答案", "为什么会问", "问题", "目录", "\xE2\x86\x91 返回问题列表",
		"自测：先大声回答每个问题，再点开看答案。每个答案都能链接回这里。", "来源：%s", "第 %d 页，共 %d 页",
		"答案在第 %d 页", "问题在第 %d 页",
		"注", "提示", "重要", "警告", "小心", "信息", "危险", "详情", "扉页"}},
	{"ja", {"解答", "質問の意図", "質問", "目次", "\xE2\x86\x91 質問の一覧へ",
		"自己テスト：各質問に声に出して答えてから、解答を開きましょう。解答からここへ戻れます。", "出典：%s",
		"%d / %d ページ", "解答は %d ページ", "質問は %d ページ",
		"注記", "ヒント", "重要", "警告", "注意", "情報", "危険", "詳細", "扉"}},
	{"ko", {"답변", "질문 의도", "질문", "목차", "\xE2\x86\x91 질문 목록으로",
		"자가 점검: 각 질문에 소리 내어 답한 뒤 답변을 확인하세요. 답변에서 여기로 돌아올 수 있습니다.", "출처: %s",
		"%d / %d 페이지", "답변은 %d 페이지", "질문은 %d 페이지",
		"참고", "팁", "중요", "경고", "주의", "정보", "위험", "자세히", "표제지"}},
	{"ru", {"Ответ", "Зачем спрашивают", "Вопросы", "Содержание",
		"\xE2\x86\x91 К списку вопросов",
		"Проверьте себя: ответьте на каждый вопрос вслух, затем откройте ответ. Из каждого "
		"ответа можно вернуться сюда.",
		"Источник: %s", "стр. %d из %d", "ответ на стр. %d", "вопрос на стр. %d",
		"Примечание", "Совет", "Важно", "Предупреждение", "Осторожно", "Информация", "Опасно",
		"Подробнее", "Титульный лист"}},
	{"es", {"Respuesta", "Por qué lo preguntan", "Preguntas", "Índice",
		"\xE2\x86\x91 Volver a las preguntas",
		"Ponte a prueba: responde cada pregunta en voz alta y luego abre la respuesta. Cada "
		"respuesta enlaza de vuelta aquí.",
		"Fuente: %s", "página %d de %d", "respuesta en la página %d", "pregunta en la página %d",
		"Nota", "Consejo", "Importante", "Advertencia", "Precaución", "Información", "Peligro",
		"Detalles", "Portadilla"}},
	{"pt", {"Resposta", "Por que perguntam", "Perguntas", "Sumário",
		"\xE2\x86\x91 Voltar às perguntas",
		"Teste-se: responda cada pergunta em voz alta e depois abra a resposta. Cada resposta "
		"leva de volta para cá.",
		"Fonte: %s", "página %d de %d", "resposta na página %d", "pergunta na página %d",
		"Nota", "Dica", "Importante", "Aviso", "Cuidado", "Informação", "Perigo", "Detalhes",
		"Folha de rosto"}},
	{"fr", {"Réponse", "Pourquoi on le demande", "Questions", "Sommaire",
		"\xE2\x86\x91 Retour aux questions",
		"Testez-vous : répondez à voix haute à chaque question, puis ouvrez la réponse. Chaque "
		"réponse renvoie ici.",
		"Source : %s", "page %d sur %d", "réponse page %d", "question page %d",
		"Remarque", "Astuce", "Important", "Avertissement", "Attention", "Info", "Danger", "Détails",
		"Page de titre"}},
	{"de", {"Antwort", "Warum man das fragt", "Fragen", "Inhalt", "\xE2\x86\x91 Zurück zu den Fragen",
		"Prüfen Sie sich: Beantworten Sie jede Frage laut und öffnen Sie dann die Antwort. "
		"Jede Antwort führt hierher zurück.",
		"Quelle: %s", "Seite %d von %d", "Antwort auf Seite %d", "Frage auf Seite %d",
		"Hinweis", "Tipp", "Wichtig", "Warnung", "Vorsicht", "Info", "Gefahr", "Details",
		"Titelseite"}},
	{"it", {"Risposta", "Perché lo chiedono", "Domande", "Indice", "\xE2\x86\x91 Torna alle domande",
		"Mettiti alla prova: rispondi a voce alta a ogni domanda, poi apri la risposta. Ogni "
		"risposta rimanda qui.",
		"Fonte: %s", "pagina %d di %d", "risposta a pagina %d", "domanda a pagina %d",
		"Nota", "Suggerimento", "Importante", "Avvertenza", "Attenzione", "Info", "Pericolo",
		"Dettagli", "Frontespizio"}},
	{"nl", {"Antwoord", "Waarom ze het vragen", "Vragen", "Inhoud", "\xE2\x86\x91 Terug naar de vragen",
		"Test jezelf: beantwoord elke vraag hardop en open dan het antwoord. Elk antwoord "
		"verwijst terug naar hier.",
		"Bron: %s", "pagina %d van %d", "antwoord op pagina %d", "vraag op pagina %d",
		"Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op", "Info", "Gevaar", "Details",
		"Titelpagina"}},
	{"ro", {"Răspuns", "De ce se întreabă", "Întrebări", "Cuprins",
		"\xE2\x86\x91 Înapoi la întrebări",
		"Testează-te: răspunde cu voce tare la fiecare întrebare, apoi deschide "
		"răspunsul. Fiecare răspuns trimite înapoi aici.",
		"Sursa: %s", "pagina %d din %d", "răspunsul la pagina %d", "întrebarea la pagina %d",
		"Notă", "Sfat", "Important", "Avertisment", "Atenție", "Informații", "Pericol",
		"Detalii", "Pagina de titlu"}},
	{"vi", {"Trả lời", "Vì sao họ hỏi", "Câu hỏi", "Mục lục",
		"\xE2\x86\x91 Về danh sách câu hỏi",
		"Tự kiểm tra: trả lời to từng câu hỏi, rồi mở câu trả lời. "
		"Mỗi câu trả lời đều dẫn về đây.",
		"Nguồn: %s", "trang %d / %d", "câu trả lời ở trang %d", "câu hỏi ở trang %d",
		"Ghi chú", "Mẹo", "Quan trọng", "Cảnh báo", "Thận trọng", "Thông tin",
		"Nguy hiểm", "Chi tiết", "Trang tên sách"}},
	{"tr", {"Cevap", "Neden soruluyor", "Sorular", "İçindekiler", "\xE2\x86\x91 Sorulara dön",
		"Kendinizi sınayın: her soruyu yüksek sesle yanıtlayın, sonra cevabı açın. Her "
		"cevap buraya geri bağlanır.",
		"Kaynak: %s", "sayfa %d / %d", "cevap sayfa %d", "soru sayfa %d",
		"Not", "İpucu", "Önemli", "Uyarı", "Dikkat", "Bilgi", "Tehlike", "Ayrıntılar",
		"Başlık sayfası"}},
	{"id", {"Jawaban", "Mengapa ditanyakan", "Pertanyaan", "Daftar isi",
		"\xE2\x86\x91 Kembali ke pertanyaan",
		"Uji diri: jawab setiap pertanyaan dengan suara keras, lalu buka jawabannya. Setiap "
		"jawaban menautkan kembali ke sini.",
		"Sumber: %s", "halaman %d dari %d", "jawaban di halaman %d", "pertanyaan di halaman %d",
		"Catatan", "Tips", "Penting", "Peringatan", "Hati-hati", "Info", "Bahaya", "Detail",
		"Halaman judul"}},
	{"pl", {"Odpowiedź", "Dlaczego o to pytają", "Pytania", "Spis treści",
		"\xE2\x86\x91 Wróć do pytań",
		"Sprawdź się: odpowiedz na głos na każde pytanie, potem otwórz odpowiedź. "
		"Każda odpowiedź prowadzi z powrotem tutaj.",
		"Źródło: %s", "strona %d z %d", "odpowiedź na stronie %d", "pytanie na stronie %d",
		"Uwaga", "Wskazówka", "Ważne", "Ostrzeżenie", "Przestroga", "Informacja",
		"Niebezpieczeństwo", "Szczegóły", "Strona tytułowa"}},
};

const char *word_in(const char *lang, enum word word)
{
	size_t primary = lang ? strcspn(lang, "-_") : 0;
	for (size_t i = 0; i < sizeof LANGUAGES / sizeof *LANGUAGES; i++)
		if (strlen(LANGUAGES[i].tag) == primary &&
		    strncasecmp(lang, LANGUAGES[i].tag, primary) == 0)
			return LANGUAGES[i].words[word];
	return LANGUAGES[0].words[word];
}

const char *word_callout(const char *lang, const char *kind)
{
	static const char *const KINDS[] = {"note", "tip", "important", "warning",
					    "caution", "info", "danger"};
	for (size_t i = 0; kind && i < sizeof KINDS / sizeof *KINDS; i++)
		if (strcmp(kind, KINDS[i]) == 0)
			return word_in(lang, (enum word)(WORD_NOTE + i));
	return word_in(lang, WORD_NOTE);
}
