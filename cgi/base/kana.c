/* kana.c: UTF-8 validation and kana normalization for name matching */
#include <stdint.h>
#include <string.h>

#include "base/kana.h"

#define KANA_CHOON	0x30FC	/* ー KATAKANA-HIRAGANA PROLONGED SOUND MARK */
#define HW_FIRST	0xFF61	/* ｡ first of the half-width katakana block */
#define HW_LAST		0xFF9F	/* ﾟ last of the half-width katakana block */
#define HW_DAKUTEN	0xFF9E	/* ﾞ */
#define HW_HANDAKUTEN	0xFF9F	/* ﾟ */
#define CMB_DAKUTEN	0x3099	/* combining voiced sound mark */
#define CMB_HANDAKUTEN	0x309A	/* combining semi-voiced sound mark */

/*
 * Full-width forms of U+FF61..U+FF9F (JIS X 0201 katakana), indexed by
 * code point - HW_FIRST. A lone ﾞ/ﾟ becomes the spacing ゛/゜.
 */
static const uint16_t hw_kana[HW_LAST - HW_FIRST + 1] = {
	0x3002, 0x300C, 0x300D, 0x3001, 0x30FB,		/* ｡｢｣､･ */
	0x30F2,						/* ｦ */
	0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,		/* ｧｨｩｪｫ */
	0x30E3, 0x30E5, 0x30E7, 0x30C3,			/* ｬｭｮｯ */
	0x30FC,						/* ｰ */
	0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA,		/* ｱｲｳｴｵ */
	0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,		/* ｶｷｸｹｺ */
	0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,		/* ｻｼｽｾｿ */
	0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,		/* ﾀﾁﾂﾃﾄ */
	0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,		/* ﾅﾆﾇﾈﾉ */
	0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB,		/* ﾊﾋﾌﾍﾎ */
	0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2,		/* ﾏﾐﾑﾒﾓ */
	0x30E4, 0x30E6, 0x30E8,				/* ﾔﾕﾖ */
	0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED,		/* ﾗﾘﾙﾚﾛ */
	0x30EF, 0x30F3,					/* ﾜﾝ */
	0x309B, 0x309C,					/* ﾞﾟ */
};

/*
 * Decodes one strictly valid UTF-8 sequence from the len bytes at s into
 * *cp. Returns its length in bytes (1..4), or 0 if the bytes are not a
 * valid sequence (including a NUL byte and a sequence cut short by len).
 */
static size_t
u8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char	 b, lo = 0x80, hi = 0xBF;
	uint32_t	 c;
	size_t		 i, n;

	if (len == 0)
		return 0;
	b = s[0];
	if (b < 0x80) {
		if (b == 0)
			return 0;
		*cp = b;
		return 1;
	}
	if (b < 0xC2)		/* continuation byte, or overlong C0/C1 */
		return 0;
	if (b < 0xE0) {
		n = 2;
		c = b & 0x1F;
	} else if (b < 0xF0) {
		n = 3;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (b == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (b < 0xF5) {
		n = 4;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;	/* overlong */
		else if (b == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		return 0;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	c = (c << 6) | (s[1] & 0x3F);
	for (i = 2; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

/*
 * Encodes the code point c (a valid scalar value) into buf. Returns the
 * number of bytes written (1..4).
 */
static size_t
u8_encode(uint32_t c, unsigned char *buf)
{
	if (c < 0x80) {
		buf[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (unsigned char)(0xC0 | (c >> 6));
		buf[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (unsigned char)(0xE0 | (c >> 12));
		buf[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		buf[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	buf[0] = (unsigned char)(0xF0 | (c >> 18));
	buf[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	buf[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	buf[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 i, n;

	if (len == 0)
		return 1;
	if (s == NULL)
		return 0;
	for (i = 0; i < len; i += n)
		if ((n = u8_decode(p + i, len - i, &c)) == 0)
			return 0;
	return 1;
}

size_t
utf8_strlen(const char *s)
{
	const unsigned char	*p;
	size_t			 n = 0;

	if (s == NULL)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Returns 1 if c is a space of any kind (removed by kana_normalize), else 0:
 * ASCII white space, NBSP, the Unicode Zs spaces, U+3000, zero-width space
 * and the BOM.
 */
static int
is_any_space(uint32_t c)
{
	switch (c) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
	case 0xFEFF:
		return 1;
	}
	return c >= 0x2000 && c <= 0x200B;
}

/*
 * Maps one code point for matching. Returns the replacement, or 0 if the
 * code point is dropped (a space).
 */
static uint32_t
kana_map(uint32_t c)
{
	if (is_any_space(c))
		return 0;
	if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D)
		return KANA_CHOON;
	if (c >= HW_FIRST && c <= HW_LAST)
		return hw_kana[c - HW_FIRST];
	if (c >= 0x3041 && c <= 0x3096)		/* ぁ..ゖ to ァ..ヶ */
		return c + 0x60;
	if (c == 0x309D || c == 0x309E)		/* ゝゞ to ヽヾ */
		return c + 0x60;
	if (c >= 0xFF01 && c <= 0xFF5E)		/* full-width ASCII */
		c -= 0xFEE0;
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	return c;
}

/*
 * Returns the voiced (semi == 0) or semi-voiced (semi == 1) form of the
 * full-width katakana c, or 0 if it has none.
 */
static uint32_t
kana_voice(uint32_t c, int semi)
{
	/* ハヒフヘホ, three code points apart */
	if (c >= 0x30CF && c <= 0x30DB && (c - 0x30CF) % 3 == 0)
		return c + (semi ? 2 : 1);
	if (semi)
		return 0;
	if (c >= 0x30AB && c <= 0x30C1 && (c & 1))	/* カ..チ */
		return c + 1;
	if (c >= 0x30C4 && c <= 0x30C8 && !(c & 1))	/* ツテト */
		return c + 1;
	if (c >= 0x30EF && c <= 0x30F2)			/* ワヰヱヲ */
		return c + 8;
	if (c == 0x30A6)				/* ウ */
		return 0x30F4;
	if (c == 0x30FD)				/* ヽ */
		return 0x30FE;
	return 0;
}

int
kana_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*p = (const unsigned char *)in;
	unsigned char		 buf[4];
	uint32_t		 c, v, last = 0;
	size_t			 i, n, o, w, len, lastpos = 0;

	if (out == NULL || outlen == 0)
		return -1;
	out[0] = '\0';
	if (in == NULL)
		return -1;
	len = strlen(in);
	if (!utf8_valid(in, len))
		return -1;
	for (i = o = 0; i < len; i += n) {
		n = u8_decode(p + i, len - i, &c);
		/*
		 * A ﾞ/ﾟ or combining mark voices the last character written
		 * (spaces are already dropped, so the result is idempotent).
		 * Voiced kana are 3 bytes like their bases: rewrite in place.
		 */
		v = 0;
		if (c == HW_DAKUTEN || c == CMB_DAKUTEN)
			v = kana_voice(last, 0);
		else if (c == HW_HANDAKUTEN || c == CMB_HANDAKUTEN)
			v = kana_voice(last, 1);
		if (v != 0) {
			u8_encode(v, (unsigned char *)out + lastpos);
			last = v;
			continue;
		}
		if ((c = kana_map(c)) == 0)
			continue;
		w = u8_encode(c, buf);
		if (outlen - o <= w) {		/* keep room for the NUL */
			out[0] = '\0';
			return -1;
		}
		memcpy(out + o, buf, w);
		last = c;
		lastpos = o;
		o += w;
	}
	out[o] = '\0';
	return 0;
}

/*
 * Shared by the two kana-field validators: returns 1 if s is valid UTF-8
 * and, trimmed of ASCII spaces and U+3000, non-empty and only katakana
 * (with hiragana if hira is set), ー and spaces; else 0.
 */
static int
kana_field_ok(const char *s, int hira)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 i, n, len;
	int			 seen = 0;

	if (s == NULL)
		return 0;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((n = u8_decode(p + i, len - i, &c)) == 0)
			return 0;
		if (c == ' ' || c == 0x3000)
			continue;
		if ((c >= 0x30A1 && c <= 0x30FA) ||	/* ァ..ヺ */
		    c == KANA_CHOON || c == 0x30FD || c == 0x30FE)
			seen = 1;
		else if (hira && ((c >= 0x3041 && c <= 0x3096) ||
		    c == 0x309D || c == 0x309E))	/* ぁ..ゖ ゝゞ */
			seen = 1;
		else
			return 0;
	}
	return seen;
}

int
kana_is_katakana_name(const char *s)
{
	return kana_field_ok(s, 0);
}

int
kana_is_hiragana_or_katakana(const char *s)
{
	return kana_field_ok(s, 1);
}

/* The two code points of UTF-8 s from code point i into out; "" when s
 * ends before. */
static void
bigram_at(const char *s, size_t i, char out[KANA_GRAM_LEN])
{
	const char	*p, *start = NULL;
	size_t		 c = 0;

	out[0] = '\0';
	for (p = s; *p != '\0'; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;		/* a continuation byte */
		if (c == i)
			start = p;
		if (c++ == i + 2)
			break;
	}
	if (start != NULL && c >= i + 2 && (size_t)(p - start) < KANA_GRAM_LEN) {
		memcpy(out, start, (size_t)(p - start));
		out[p - start] = '\0';
	}
}

void
kana_grams(const char *key, char g[KANA_GRAMS][KANA_GRAM_LEN])
{
	size_t	 n = utf8_strlen(key), nb = n < 2 ? 0 : n - 1, at;

	for (size_t j = 0; j < KANA_GRAMS; j++) {
		if (nb == 0) {
			g[j][0] = '\0';
			continue;
		}
		at = nb <= KANA_GRAMS ? (j < nb ? j : nb - 1) :
		    j * (nb - 1) / (KANA_GRAMS - 1);
		bigram_at(key, at, g[j]);
	}
}
