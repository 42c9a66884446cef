/* kana.h: UTF-8 validation and kana normalization for name matching */
#ifndef KANA_H
#define KANA_H

#include <stddef.h>

/*
 * Strict UTF-8 check of the len bytes at s: no overlong forms, no UTF-16
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
 * sequences and no NUL byte. Returns 1 if valid (len 0 is valid), else 0.
 */
int	utf8_valid(const char *s, size_t len);

/*
 * Number of code points in the NUL-terminated string s (0 for NULL).
 * Meant for validated input; on invalid UTF-8 it counts the bytes that are
 * not continuation bytes.
 */
size_t	utf8_strlen(const char *s);

/*
 * Normalizes a kana name for matching into out (outlen bytes): half-width
 * katakana to full-width (with ﾞ/ﾟ composed), hiragana to katakana,
 * full-width ASCII to ASCII, ASCII letters upper-cased, all spaces removed,
 * long-vowel and hyphen variants to "ー". Returns 0, or -1 on NULL
 * arguments, invalid UTF-8 or a too-small buffer; out is then "" (if
 * outlen > 0). The output is never longer than the input, so
 * strlen(in) + 1 bytes always suffice.
 */
int	kana_normalize(const char *in, char *out, size_t outlen);

/*
 * Returns 1 if s, with leading and trailing spaces (ASCII or U+3000)
 * trimmed, is non-empty and only full-width katakana, "ー" and inner
 * spaces; else 0. The validator for a patient's kana-name field.
 */
int	kana_is_katakana_name(const char *s);

/* As kana_is_katakana_name(), but hiragana is also accepted. */
int	kana_is_hiragana_or_katakana(const char *s);

/*
 * The records search's bigrams of a normalized key (migration 0017 stores
 * every two-character piece of a patient's kana_key): KANA_GRAMS of them
 * spread over the key, its first and last among them, in order; a key of
 * fewer bigrams repeats its last; one of a single character has none ("").
 * A patient whose kana_key holds the key holds them all.
 */
#define KANA_GRAMS	5
#define KANA_GRAM_LEN	16	/* two code points of up to 4 bytes, NUL */
void	kana_grams(const char *key, char g[KANA_GRAMS][KANA_GRAM_LEN]);

#endif /* KANA_H */
