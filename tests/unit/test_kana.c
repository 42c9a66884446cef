/* test_kana.c: unit tests for UTF-8 validation and kana normalization (cgi/base/kana.c) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/kana.h"
#include "t.h"

#define NORM(in, want) do { char t_o_[512]; \
	CHECK(kana_normalize((in), t_o_, sizeof(t_o_)) == 0); \
	CHECK_STR(t_o_, (want)); } while (0)

/*
 * Every half-width katakana U+FF61..U+FF9F in order: alone, followed by ﾞ
 * and followed by ﾟ. Expected values are NFKC with the lone sound marks
 * as the spacing ゛/゜ (U+309B/U+309C) instead of combining ones.
 */
static const struct {
	const char	*hw, *full, *daku, *handaku;
} hw_table[] = {
	{ "｡", "。", "。゛", "。゜" },
	{ "｢", "「", "「゛", "「゜" },
	{ "｣", "」", "」゛", "」゜" },
	{ "､", "、", "、゛", "、゜" },
	{ "･", "・", "・゛", "・゜" },
	{ "ｦ", "ヲ", "ヺ", "ヲ゜" },
	{ "ｧ", "ァ", "ァ゛", "ァ゜" },
	{ "ｨ", "ィ", "ィ゛", "ィ゜" },
	{ "ｩ", "ゥ", "ゥ゛", "ゥ゜" },
	{ "ｪ", "ェ", "ェ゛", "ェ゜" },
	{ "ｫ", "ォ", "ォ゛", "ォ゜" },
	{ "ｬ", "ャ", "ャ゛", "ャ゜" },
	{ "ｭ", "ュ", "ュ゛", "ュ゜" },
	{ "ｮ", "ョ", "ョ゛", "ョ゜" },
	{ "ｯ", "ッ", "ッ゛", "ッ゜" },
	{ "ｰ", "ー", "ー゛", "ー゜" },
	{ "ｱ", "ア", "ア゛", "ア゜" },
	{ "ｲ", "イ", "イ゛", "イ゜" },
	{ "ｳ", "ウ", "ヴ", "ウ゜" },
	{ "ｴ", "エ", "エ゛", "エ゜" },
	{ "ｵ", "オ", "オ゛", "オ゜" },
	{ "ｶ", "カ", "ガ", "カ゜" },
	{ "ｷ", "キ", "ギ", "キ゜" },
	{ "ｸ", "ク", "グ", "ク゜" },
	{ "ｹ", "ケ", "ゲ", "ケ゜" },
	{ "ｺ", "コ", "ゴ", "コ゜" },
	{ "ｻ", "サ", "ザ", "サ゜" },
	{ "ｼ", "シ", "ジ", "シ゜" },
	{ "ｽ", "ス", "ズ", "ス゜" },
	{ "ｾ", "セ", "ゼ", "セ゜" },
	{ "ｿ", "ソ", "ゾ", "ソ゜" },
	{ "ﾀ", "タ", "ダ", "タ゜" },
	{ "ﾁ", "チ", "ヂ", "チ゜" },
	{ "ﾂ", "ツ", "ヅ", "ツ゜" },
	{ "ﾃ", "テ", "デ", "テ゜" },
	{ "ﾄ", "ト", "ド", "ト゜" },
	{ "ﾅ", "ナ", "ナ゛", "ナ゜" },
	{ "ﾆ", "ニ", "ニ゛", "ニ゜" },
	{ "ﾇ", "ヌ", "ヌ゛", "ヌ゜" },
	{ "ﾈ", "ネ", "ネ゛", "ネ゜" },
	{ "ﾉ", "ノ", "ノ゛", "ノ゜" },
	{ "ﾊ", "ハ", "バ", "パ" },
	{ "ﾋ", "ヒ", "ビ", "ピ" },
	{ "ﾌ", "フ", "ブ", "プ" },
	{ "ﾍ", "ヘ", "ベ", "ペ" },
	{ "ﾎ", "ホ", "ボ", "ポ" },
	{ "ﾏ", "マ", "マ゛", "マ゜" },
	{ "ﾐ", "ミ", "ミ゛", "ミ゜" },
	{ "ﾑ", "ム", "ム゛", "ム゜" },
	{ "ﾒ", "メ", "メ゛", "メ゜" },
	{ "ﾓ", "モ", "モ゛", "モ゜" },
	{ "ﾔ", "ヤ", "ヤ゛", "ヤ゜" },
	{ "ﾕ", "ユ", "ユ゛", "ユ゜" },
	{ "ﾖ", "ヨ", "ヨ゛", "ヨ゜" },
	{ "ﾗ", "ラ", "ラ゛", "ラ゜" },
	{ "ﾘ", "リ", "リ゛", "リ゜" },
	{ "ﾙ", "ル", "ル゛", "ル゜" },
	{ "ﾚ", "レ", "レ゛", "レ゜" },
	{ "ﾛ", "ロ", "ロ゛", "ロ゜" },
	{ "ﾜ", "ワ", "ヷ", "ワ゜" },
	{ "ﾝ", "ン", "ン゛", "ン゜" },
	{ "ﾞ", "゛", "゛゛", "゛゜" },
	{ "ﾟ", "゜", "゜゛", "゜゜" },
};

/* Writes the UTF-8 form of c (a BMP code point >= U+0800) to buf. */
static void
enc3(uint32_t c, char *buf)
{
	buf[0] = (char)(0xE0 | (c >> 12));
	buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	buf[2] = (char)(0x80 | (c & 0x3F));
	buf[3] = '\0';
}

static void
test_examples(void)
{
	NORM("ヤマダ　タロウ", "ヤマダタロウ");
	NORM("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ");
	NORM("やまだ たろう", "ヤマダタロウ");
	NORM("ヤマダタロウ", "ヤマダタロウ");
	NORM("ｻﾄｳ ﾊﾟﾝ", "サトウパン");
	NORM("ｳﾞｨｸﾄﾙ", "ヴィクトル");
}

static void
test_halfwidth_table(void)
{
	char	 in[16], want[16], cp[4];
	size_t	 i;

	CHECK(sizeof(hw_table) / sizeof(hw_table[0]) == 0xFF9F - 0xFF61 + 1);
	for (i = 0; i < sizeof(hw_table) / sizeof(hw_table[0]); i++) {
		enc3(0xFF61 + (uint32_t)i, cp);
		CHECK_STR(hw_table[i].hw, cp);
		NORM(hw_table[i].hw, hw_table[i].full);
		snprintf(in, sizeof(in), "%sﾞ", hw_table[i].hw);
		NORM(in, hw_table[i].daku);
		snprintf(in, sizeof(in), "%sﾟ", hw_table[i].hw);
		NORM(in, hw_table[i].handaku);
		/* Inside a longer string, with a mark on the next one too. */
		snprintf(in, sizeof(in), "ｱ%sﾞｱ", hw_table[i].hw);
		snprintf(want, sizeof(want), "ア%sア", hw_table[i].daku);
		NORM(in, want);
	}
}

static void
test_combining_marks(void)
{
	NORM("カ\xE3\x82\x99", "ガ");		/* U+3099 after katakana */
	NORM("ハ\xE3\x82\x9A", "パ");		/* U+309A */
	NORM("か\xE3\x82\x99", "ガ");		/* after hiragana */
	NORM("はﾟ", "パ");			/* half-width mark after hiragana */
	NORM("カﾞ", "ガ");			/* ... and after full-width */
	NORM("ウﾞ", "ヴ");
	NORM("ヽﾞ", "ヾ");
	NORM("ヰﾞヱﾞ", "ヸヹ");
	NORM("ﾀﾞﾞ", "ダ゛");			/* only one mark composes */
	NORM("ﾀ ﾞ", "ダ");			/* spaces are dropped first */
	NORM("カ \xE3\x82\x99", "ガ");
	NORM("ﾞﾀ", "゛タ");
	NORM("\xE3\x82\x99ﾀ", "\xE3\x82\x99タ");	/* nothing to voice */
	NORM("ﾊﾟﾟﾊﾞﾟ", "パ゜バ゜");
	NORM("ｳﾞﾞ", "ヴ゛");
	NORM("ﾀﾞ", "ダ");			/* ends exactly on the mark */
	NORM("ア\xE3\x82\x99", "ア\xE3\x82\x99");	/* no voiced ア: kept */
	NORM("ガﾞ", "ガ゛");			/* already voiced */
	NORM("゛゜", "゛゜");			/* spacing marks untouched */
}

static void
test_hiragana(void)
{
	NORM("ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただ"
	    "ちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめも"
	    "ゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ",
	    "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダ"
	    "チヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモ"
	    "ャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ");
	NORM("ゟ", "ゟ");			/* digraph yori: not a kana letter */
	NORM("ァヶヷヺ", "ァヶヷヺ");		/* katakana unchanged */
}

static void
test_fullwidth_ascii(void)
{
	char		 in[4], want[2];
	uint32_t	 c;

	NORM("０１２３４５６７８９", "0123456789");
	NORM("ＡＢＣＸＹＺａｂｃｘｙｚ", "ABCXYZABCXYZ");
	NORM("abcxyzABC", "ABCXYZABC");
	NORM("Ｙａｍａｄａ　Ｔａｒｏ", "YAMADATARO");
	NORM("！＃＄％＆（）＊＋，．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～",
	    "!#$%&()*+,./:;<=>?@[\\]^_`{|}~");
	for (c = 0xFF01; c <= 0xFF5E; c++) {
		if (c == 0xFF0D)		/* － is a long-vowel variant */
			continue;
		enc3(c, in);
		want[0] = (char)(c - 0xFEE0);
		if (want[0] >= 'a' && want[0] <= 'z')
			want[0] = (char)(want[0] - 'a' + 'A');
		want[1] = '\0';
		NORM(in, want);
	}
	NORM("｟￥", "｟￥");			/* outside U+FF01..U+FF5E */
}

static void
test_spaces(void)
{
	NORM(" ", "");
	NORM("\t", "");
	NORM("　", "");				/* U+3000 */
	NORM("\xC2\xA0", "");			/* NBSP */
	NORM("\r\n\v\f", "");
	NORM("\xE2\x80\x83\xE2\x80\x8B\xE2\x80\xAF\xEF\xBB\xBF", "");
	NORM(" \t　\xC2\xA0 ", "");
	NORM(" ヤ マ\tダ　タ\xC2\xA0ロ\xE2\x80\x83ウ ", "ヤマダタロウ");
}

static void
test_long_vowel(void)
{
	static const char *const variants[] = {
		"ー", "ｰ", "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92",
		"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95", "−", "－",
	};
	char	 in[32];
	size_t	 i;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		NORM(variants[i], "ー");
		snprintf(in, sizeof(in), "サト%s", variants[i]);
		NORM(in, "サトー");
	}
	NORM("ｻﾄｰ", "サトー");
	NORM("-", "-");				/* ASCII hyphen-minus kept */
	NORM("〜～", "〜~");			/* wave dashes are not */
}

static void
test_small_kana(void)
{
	NORM("ッ", "ッ");
	NORM("ﾁｮｯﾄ", "チョット");
	NORM("ぁぃぅぇぉっゃゅょゎゕゖ", "ァィゥェォッャュョヮヵヶ");
	NORM("ｧｨｩｪｫｬｭｮｯ", "ァィゥェォャュョッ");
}

static void
test_other_text(void)
{
	NORM("山田 太郎", "山田太郎");		/* kanji untouched */
	NORM("Ä😀", "Ä😀");			/* 2- and 4-byte kept */
	NORM("ｶﾅ･ｶﾅ｡｢ｶ｣､", "カナ・カナ。「カ」、");
}

static void
test_utf8_invalid(void)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} bad[] = {
		{ "\xC0\xAF", 2 },		/* overlong '/' */
		{ "\xC1\xBF", 2 },		/* overlong */
		{ "\xE0\x80\xAF", 3 },		/* overlong */
		{ "\xE0\x9F\xBF", 3 },		/* overlong U+07FF */
		{ "\xF0\x80\x80\xAF", 4 },	/* overlong */
		{ "\xF0\x8F\xBF\xBF", 4 },	/* overlong U+FFFF */
		{ "\xED\xA0\x80", 3 },		/* surrogate U+D800 */
		{ "\xED\xBF\xBF", 3 },		/* surrogate U+DFFF */
		{ "\xED\xA0\xBD\xED\xB8\x80", 6 }, /* CESU-8 pair */
		{ "\xF4\x90\x80\x80", 4 },	/* U+110000 */
		{ "\xF5\x80\x80\x80", 4 },
		{ "\xF7\xBF\xBF\xBF", 4 },
		{ "\xF8\x88\x80\x80\x80", 5 },	/* 5-byte form */
		{ "\xFE", 1 }, { "\xFF", 1 },
		{ "\xC2", 1 },			/* truncated */
		{ "\xE3", 1 }, { "\xE3\x81", 2 },
		{ "\xF0\x9F\x98", 3 },
		{ "\xE3\x81" "a", 3 },		/* truncated, then ASCII */
		{ "\xE3\x81\xC2\xA0", 4 },	/* new lead too early */
		{ "\x80", 1 }, { "\xBF", 1 },	/* lone continuation */
		{ "a\x80" "b", 3 },
		{ "\xE3\x81\x82\x82", 4 },	/* one too many */
		{ "ﾀ\x9E", 4 },
		{ "a\0b", 3 },			/* NUL inside len */
		{ "\0", 1 },
	};
	char	 out[64];
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (utf8_valid(bad[i].s, bad[i].len) != 0) {
			t_case_failed = 1;
			fprintf(stderr, "utf8_valid accepted bad[%zu]\n", i);
		}
		if (strlen(bad[i].s) < bad[i].len)
			continue;		/* NUL cases: not a C string */
		memcpy(out, "junk", 5);
		CHECK(kana_normalize(bad[i].s, out, sizeof(out)) == -1);
		CHECK_STR(out, "");
		CHECK(kana_is_katakana_name(bad[i].s) == 0);
	}
	CHECK(utf8_valid("あ", 2) == 0);	/* cut by len */
	CHECK(utf8_valid(NULL, 1) == 0);
	CHECK(kana_normalize("ヤマ\xE3\x83", out, sizeof(out)) == -1);
	CHECK_STR(out, "");
}

static void
test_utf8_valid(void)
{
	static const char *const good[] = {
		"", "a", "\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
		"\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xEF\xBF\xBE",
		"\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "ヤマダ　タロウ",
		"ﾔﾏﾀﾞ", "😀",
	};
	size_t	 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(utf8_valid(good[i], strlen(good[i])) == 1);
	CHECK(utf8_valid(NULL, 0) == 1);
	CHECK(utf8_valid("あい", 3) == 1);	/* only len bytes looked at */
	CHECK(utf8_valid("a\0b", 1) == 1);
}

static void
test_buffer_size(void)
{
	char	 out[16];

	/* "ヤマダ" is 9 bytes: 10 fit, 9 do not. */
	CHECK(kana_normalize("ﾔﾏﾀﾞ", out, 10) == 0);
	CHECK_STR(out, "ヤマダ");
	memcpy(out, "junk", 5);
	CHECK(kana_normalize("ﾔﾏﾀﾞ", out, 9) == -1);
	CHECK_STR(out, "");
	CHECK(kana_normalize("ab", out, 3) == 0);
	CHECK_STR(out, "AB");
	CHECK(kana_normalize("ab", out, 2) == -1);
	CHECK_STR(out, "");
	CHECK(kana_normalize("a", out, 1) == -1);
	CHECK_STR(out, "");
	CHECK(kana_normalize(" 　", out, 1) == 0);	/* all removed */
	CHECK_STR(out, "");
	out[0] = 'x';
	CHECK(kana_normalize("a", out, 0) == -1);	/* nothing written */
	CHECK(out[0] == 'x');
	CHECK(kana_normalize("a", NULL, 4) == -1);
}

static void
test_output_never_longer(void)
{
	static const char *const in[] = {
		"ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ　たろう", "Ｙａｍａｄａ", "ﾞﾟｰ－", "−‐",
		"\xC2\xA0😀ｶﾞ", "ー",
	};
	char	 out[64];
	size_t	 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		CHECK(kana_normalize(in[i], out, strlen(in[i]) + 1) == 0);
		CHECK(strlen(out) <= strlen(in[i]));
	}
}

static void
test_empty(void)
{
	char	 out[4];

	memcpy(out, "xyz", 4);
	CHECK(kana_normalize("", out, sizeof(out)) == 0);
	CHECK_STR(out, "");
	CHECK(kana_normalize("", out, 1) == 0);
	CHECK(kana_normalize(NULL, out, sizeof(out)) == -1);
	CHECK_STR(out, "");
	CHECK(utf8_strlen("") == 0);
	CHECK(kana_is_katakana_name("") == 0);
	CHECK(kana_is_hiragana_or_katakana("") == 0);
}

static void
test_utf8_strlen(void)
{
	CHECK(utf8_strlen(NULL) == 0);
	CHECK(utf8_strlen("abc") == 3);
	CHECK(utf8_strlen("ヤマダ") == 3);
	CHECK(utf8_strlen("ﾔﾏﾀﾞ") == 4);
	CHECK(utf8_strlen("Ä😀a　") == 4);
}

#define GRAMS(key, a, b, c, d, e) do { char t_g_[KANA_GRAMS][KANA_GRAM_LEN]; \
	const char *t_w_[KANA_GRAMS] = { a, b, c, d, e }; \
	kana_grams((key), t_g_); \
	for (int t_i_ = 0; t_i_ < KANA_GRAMS; t_i_++) \
		CHECK_STR(t_g_[t_i_], t_w_[t_i_]); } while (0)

/* The search's bigrams (docs/benchmarks.md): spread over the key, first and last kept. */
static void
test_grams(void)
{
	GRAMS("", "", "", "", "", "");
	GRAMS("ヤ", "", "", "", "", "");
	GRAMS("ヤマ", "ヤマ", "ヤマ", "ヤマ", "ヤマ", "ヤマ");
	GRAMS("ヤマダ", "ヤマ", "マダ", "マダ", "マダ", "マダ");
	/* five bigrams: all, the one across surname and given name among them */
	GRAMS("ホシカワエミ", "ホシ", "シカ", "カワ", "ワエ", "エミ");
	/* nine bigrams: 0, 2, 4, 6, 8 */
	GRAMS("ヤマダタロウイチロウ", "ヤマ", "ダタ", "ロウ", "イチ", "ロウ");
	GRAMS("ヤマダタロウイチロ", "ヤマ", "マダ", "タロ", "ウイ", "チロ");
	GRAMS("ABCDEFGHIJ", "AB", "CD", "EF", "GH", "IJ");
	GRAMS("ヴ😀ー", "ヴ😀", "😀ー", "😀ー", "😀ー", "😀ー");
}

static void
test_katakana_name(void)
{
	CHECK(kana_is_katakana_name("ヤマダ タロウ") == 1);
	CHECK(kana_is_katakana_name("ヤマダ　タロウ") == 1);
	CHECK(kana_is_katakana_name("  サトー  ") == 1);
	CHECK(kana_is_katakana_name("　ヴァン　ヂャ　") == 1);
	CHECK(kana_is_katakana_name("ァヶヷヺヽヾッ") == 1);
	CHECK(kana_is_katakana_name("ー") == 1);
	CHECK(kana_is_katakana_name(NULL) == 0);
	CHECK(kana_is_katakana_name(" ") == 0);
	CHECK(kana_is_katakana_name("　 　") == 0);
	CHECK(kana_is_katakana_name("やまだ") == 0);
	CHECK(kana_is_katakana_name("ヤマだ") == 0);
	CHECK(kana_is_katakana_name("ﾔﾏﾀﾞ") == 0);
	CHECK(kana_is_katakana_name("ヤマダ1") == 0);
	CHECK(kana_is_katakana_name("ヤマダ・タロウ") == 0);
	CHECK(kana_is_katakana_name("ヤマダ\tタロウ") == 0);
	CHECK(kana_is_katakana_name("ヤマダ\xC2\xA0タロウ") == 0);
	CHECK(kana_is_katakana_name("山田") == 0);
	CHECK(kana_is_katakana_name("サト-") == 0);
	CHECK(kana_is_katakana_name("゠") == 0);	/* U+30A0 */
	CHECK(kana_is_katakana_name("ヿ") == 0);	/* U+30FF */

	CHECK(kana_is_hiragana_or_katakana("やまだ タロウ") == 1);
	CHECK(kana_is_hiragana_or_katakana("ぁゖゝゞ　ー") == 1);
	CHECK(kana_is_hiragana_or_katakana("ヤマダ") == 1);
	CHECK(kana_is_hiragana_or_katakana("ﾔﾏﾀﾞ") == 0);
	CHECK(kana_is_hiragana_or_katakana("ゟ") == 0);
	CHECK(kana_is_hiragana_or_katakana("やまだ\xE3\x81") == 0);
	CHECK(kana_is_hiragana_or_katakana("　") == 0);
}

int
main(void)
{
	RUN(test_examples);
	RUN(test_grams);
	RUN(test_halfwidth_table);
	RUN(test_combining_marks);
	RUN(test_hiragana);
	RUN(test_fullwidth_ascii);
	RUN(test_spaces);
	RUN(test_long_vowel);
	RUN(test_small_kana);
	RUN(test_other_text);
	RUN(test_utf8_invalid);
	RUN(test_utf8_valid);
	RUN(test_buffer_size);
	RUN(test_output_never_longer);
	RUN(test_empty);
	RUN(test_utf8_strlen);
	RUN(test_katakana_name);
	return T_DONE("kana");
}
