/* hl7.c: HL7 v2 message parser */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/hl7.h"

enum hl7_cs {
	HL7_CS_UTF8,
	HL7_CS_JIS,
	HL7_CS_LATIN1
};

/* One field of one segment: a slice of the message text. */
struct hl7_tok {
	size_t	off;
	size_t	len;
};

struct hl7_seg {
	char	name[4];
	int	hdr;	/* MSH, FHS, BHS: field 1 is the separator itself */
	size_t	tok;	/* index of its first field in toks */
	size_t	ntok;	/* fields after the name, as split on the separator */
};

struct hl7_msg {
	char		*text;	/* UTF-8, NUL-terminated, owned */
	size_t		 textlen;
	enum hl7_cs	 cs;		/* what the bytes were read as */
	enum hl7_cs	 declared;	/* what MSH-18 says they are */
	struct hl7_seg	*segs;
	size_t		 nseg;
	struct hl7_tok	*toks;
	size_t		 ntok;
	char		 fsep[2];	/* field separator as a string */
	char		 csep;		/* component; '\0' = none */
	char		 rsep;		/* repetition */
	char		 esc;		/* escape */
	char		 ssep;		/* sub-component */
};

/* Where decoded bytes go: a caller's buffer, never overrun. */
struct hl7_sink {
	char	*out;
	size_t	 cap;
	size_t	 len;
	int	 trunc;
};

static void	hl7_seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static const char *const hl7_errnames[] = {
	"ok", "argument", "empty", "too-big", "encoding", "no-msh",
	"delimiters", "segment", "limit", "no-memory"
};

const char *
hl7_strerror(int code)
{
	if (code < 0 ||
	    (size_t)code >= sizeof(hl7_errnames) / sizeof(hl7_errnames[0]))
		return "unknown";
	return hl7_errnames[code];
}

/*
 * Writes a message into err (if any), never leaving a UTF-8 character cut
 * in half when it has to be shortened.
 */
static void
hl7_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list		 ap;
	int		 r;
	size_t		 len, s, need;
	unsigned char	 lead;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	r = vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (r < 0) {
		err[0] = '\0';
		return;
	}
	if ((size_t)r < errlen)
		return;
	len = strlen(err);
	s = len;
	while (s > 0 && ((unsigned char)err[s - 1] & 0xC0) == 0x80)
		s--;
	if (s == 0)
		return;
	lead = (unsigned char)err[s - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (s - 1 + need > len)
		err[s - 1] = '\0';
}

static int
hl7_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

static int
hl7_isxdigit(int c)
{
	return hl7_isdigit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
hl7_xval(int c)
{
	if (hl7_isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* A usable delimiter: printable ASCII, not a letter, digit or space. */
static int
hl7_delim_ok(int c)
{
	if (c <= 0x20 || c >= 0x7F)
		return 0;
	if (hl7_isdigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return 0;
	return 1;
}

/*
 * Length (1..4) of the strictly valid UTF-8 character at s (n bytes
 * available), or 0 if it is not one: NUL, overlong, surrogate, above
 * U+10FFFF, stray continuation byte or cut short.
 */
static size_t
hl7_u8len(const unsigned char *s, size_t n)
{
	unsigned char	 b, lo = 0x80, hi = 0xBF;
	size_t		 i, len;

	if (n == 0)
		return 0;
	b = s[0];
	if (b < 0x80)
		return b == 0 ? 0 : 1;
	if (b < 0xC2)
		return 0;
	if (b < 0xE0)
		len = 2;
	else if (b < 0xF0) {
		len = 3;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b < 0xF5) {
		len = 4;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < len)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

/* Up to 4 bytes at p (n available) as "FB FC" into out (16 bytes). */
static void
hl7_hexbytes(const unsigned char *p, size_t n, char *out, size_t outlen)
{
	size_t	 i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && i < 4 && o + 4 <= outlen; i++)
		o += (size_t)snprintf(out + o, outlen - o, "%s%02X",
		    i ? " " : "", p[i]);
}

/* Whitespace or an MLLP framing byte, ignored around the message. */
static int
hl7_isframe(unsigned char c)
{
	return c == 0x0B || c == 0x1C || c == ' ' || c == '\t' || c == '\r' ||
	    c == '\n';
}

/*
 * Finds the part of the input that is the message: skips MLLP framing
 * bytes (0x0B, 0x1C), a UTF-8 BOM and blank lines at the start, and MLLP
 * framing bytes and whitespace at the end. Sets [*b, *e).
 */
static void
hl7_trim(const unsigned char *p, size_t len, size_t *b, size_t *e)
{
	size_t	 i = 0, j = len;

	for (;;) {
		if (i < j && hl7_isframe(p[i]))
			i++;
		else if (j - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBB &&
		    p[i + 2] == 0xBF)
			i += 3;
		else
			break;
	}
	while (j > i && hl7_isframe(p[j - 1]))
		j--;
	*b = i;
	*e = j;
}

/* Does the normalised string s contain tag not followed by a digit? */
static int
hl7_hastag(const char *s, const char *tag)
{
	const char	*p;
	size_t		 n = strlen(tag);

	for (p = strstr(s, tag); p != NULL; p = strstr(p + 1, tag))
		if (!hl7_isdigit((unsigned char)p[n]))
			return 1;
	return 0;
}

/*
 * The character set MSH-18 declares, read from the raw bytes. The MSH line
 * is walked keeping track of ISO-2022-JP shift state, so that JIS X 0208
 * bytes (which may equal the field separator) in earlier fields are not
 * taken for separators. Without a readable MSH the answer is UTF-8.
 */
static enum hl7_cs
hl7_detect(const unsigned char *p, size_t n)
{
	char		 norm[128];
	size_t		 i, k = 0;
	int		 tok = 1, dbl = 0;
	unsigned char	 fs, c;

	if (n < 4 || memcmp(p, "MSH", 3) != 0 || !hl7_delim_ok(p[3]))
		return HL7_CS_UTF8;
	fs = p[3];
	for (i = 4; i < n; i++) {
		c = p[i];
		if (c == '\r' || c == '\n')
			break;
		if (c == 0x1B) {
			if (i + 2 < n && p[i + 1] == '$' &&
			    (p[i + 2] == 'B' || p[i + 2] == '@')) {
				dbl = 1;
				i += 2;
			} else if (i + 3 < n && p[i + 1] == '$' &&
			    p[i + 2] == '(') {
				dbl = 1;
				i += 3;
			} else if (i + 2 < n && p[i + 1] == '(') {
				dbl = 0;
				i += 2;
			}
			continue;
		}
		if (dbl)
			continue;
		if (c == fs) {
			if (++tok > 17)
				break;
			continue;
		}
		/* token 17 is MSH-18 (token 1 is MSH-2) */
		if (tok == 17 && c < 0x80 && c != ' ' && c != '_' && c != '-' &&
		    k + 1 < sizeof(norm))
			norm[k++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) :
			    (char)c;
	}
	norm[k] = '\0';
	if (hl7_hastag(norm, "IR87"))
		return HL7_CS_JIS;
	if (hl7_hastag(norm, "8859/1") || hl7_hastag(norm, "IR100"))
		return HL7_CS_LATIN1;
	return HL7_CS_UTF8;
}

/*
 * Converts n bytes of ISO-2022-JP at in to UTF-8. Returns a malloc'd,
 * NUL-terminated string (length in *outn) that the caller frees, or NULL
 * with err and *code set. base is in's offset in the caller's input.
 */
static char *
hl7_from_jis(const char *in, size_t n, size_t base, size_t *outn,
    int *code, char *err, size_t errlen)
{
	iconv_t	 cd;
	char	*src = NULL, *dst = NULL, *ip, *op, *tmp;
	char	 hex[16];
	size_t	 il, ol, cap, used, off;

	cd = iconv_open("UTF-8", "ISO-2022-JP");
	if (cd == (iconv_t)-1) {
		*code = HL7_E_ENCODING;
		hl7_seterr(err, errlen, "文字コードエラー: iconv が "
		    "ISO-2022-JP を扱えない");
		return NULL;
	}
	cap = n * 2 + 16;
	if ((src = malloc(n + 1)) == NULL || (dst = malloc(cap + 1)) == NULL)
		goto nomem;
	memcpy(src, in, n);
	ip = src;
	il = n;
	op = dst;
	ol = cap;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			used = (size_t)(op - dst);
			cap *= 2;
			if ((tmp = realloc(dst, cap + 1)) == NULL)
				goto nomem;
			dst = tmp;
			op = dst + used;
			ol = cap - used;
			continue;
		}
		off = (size_t)(ip - src);
		*code = HL7_E_ENCODING;
		if (errno == EINVAL)
			hl7_seterr(err, errlen, "文字コードエラー: ISO-2022-JP "
			    "(MSH-18 ISO IR87) の文字の途中で終わっている "
			    "(offset %zu)", base + off);
		else {
			hl7_hexbytes((const unsigned char *)ip, il, hex,
			    sizeof(hex));
			hl7_seterr(err, errlen, "文字コードエラー: ISO-2022-JP "
			    "(MSH-18 ISO IR87) として変換できないバイト列 "
			    "(offset %zu: %s)", base + off, hex);
		}
		goto fail;
	}
	/* back to the initial state; emits nothing when writing UTF-8 */
	if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		*code = HL7_E_ENCODING;
		hl7_seterr(err, errlen, "文字コードエラー: ISO-2022-JP の"
		    "終わりを変換できない");
		goto fail;
	}
	*op = '\0';
	*outn = (size_t)(op - dst);
	free(src);
	iconv_close(cd);
	return dst;
nomem:
	*code = HL7_E_NOMEM;
	hl7_seterr(err, errlen, "メモリ不足");
fail:
	free(src);
	free(dst);
	iconv_close(cd);
	return NULL;
}

/* As hl7_from_jis() for ISO-8859-1; cannot fail but for memory. */
static char *
hl7_from_latin1(const unsigned char *in, size_t n, size_t *outn, int *code,
    char *err, size_t errlen)
{
	char	*dst;
	size_t	 i, o = 0;

	if ((dst = malloc(n * 2 + 1)) == NULL) {
		*code = HL7_E_NOMEM;
		hl7_seterr(err, errlen, "メモリ不足");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (in[i] < 0x80)
			dst[o++] = (char)in[i];
		else {
			dst[o++] = (char)(0xC0 | (in[i] >> 6));
			dst[o++] = (char)(0x80 | (in[i] & 0x3F));
		}
	}
	dst[o] = '\0';
	*outn = o;
	return dst;
}

/*
 * Checks that the n bytes at s are valid UTF-8 with no control character
 * but TAB, CR and LF. Returns 0, or -1 with *off at the first bad byte and
 * *ctl set if that byte is a control character.
 */
static int
hl7_check_text(const unsigned char *s, size_t n, size_t *off, int *ctl)
{
	size_t	 i = 0, l;

	while (i < n) {
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n') {
			*off = i;
			*ctl = 1;
			return -1;
		}
		if ((l = hl7_u8len(s + i, n - i)) == 0) {
			*off = i;
			*ctl = 0;
			return -1;
		}
		i += l;
	}
	return 0;
}

/*
 * Turns the trimmed input [b, e) into UTF-8 text (m->text, owned by m) as
 * the character set cs. Returns 0, or -1 with *code and err set and
 * m->text NULL.
 */
static int
hl7_decode_as(struct hl7_msg *m, enum hl7_cs cs, const char *buf, size_t b,
    size_t e, int *code, char *err, size_t errlen)
{
	const unsigned char	*p = (const unsigned char *)buf + b;
	size_t			 n = e - b, off;
	int			 ctl;
	char			 hex[16];

	m->cs = cs;
	if (cs == HL7_CS_JIS)
		m->text = hl7_from_jis(buf + b, n, b, &m->textlen, code,
		    err, errlen);
	else if (cs == HL7_CS_LATIN1)
		m->text = hl7_from_latin1(p, n, &m->textlen, code, err, errlen);
	else {
		if (hl7_check_text(p, n, &off, &ctl) == -1) {
			*code = HL7_E_ENCODING;
			hl7_hexbytes(p + off, n - off, hex, sizeof(hex));
			if (ctl && p[off] == 0x1B && n - off > 1 &&
			    (p[off + 1] == '$' || p[off + 1] == '('))
				hl7_seterr(err, errlen, "文字コードエラー: "
				    "ISO-2022-JP のエスケープシーケンスがあるが "
				    "MSH-18 に ISO IR87 の宣言がなく、"
				    "ISO-2022-JP としても読めない (offset %zu: "
				    "%s)", b + off, hex);
			else if (ctl)
				hl7_seterr(err, errlen, "文字コードエラー: "
				    "不正な制御文字 (offset %zu: %s)",
				    b + off, hex);
			else
				hl7_seterr(err, errlen, "文字コードエラー: "
				    "UTF-8 として不正なバイト列 (offset %zu: "
				    "%s); MSH-18 に ISO IR87 (ISO-2022-JP) の"
				    "宣言がない", b + off, hex);
			return -1;
		}
		if ((m->text = malloc(n + 1)) == NULL) {
			*code = HL7_E_NOMEM;
			hl7_seterr(err, errlen, "メモリ不足");
			return -1;
		}
		memcpy(m->text, p, n);
		m->text[n] = '\0';
		m->textlen = n;
		return 0;
	}
	if (m->text == NULL)
		return -1;
	/* what iconv produced must still be clean text */
	if (hl7_check_text((const unsigned char *)m->text, m->textlen, &off,
	    &ctl) == -1) {
		*code = HL7_E_ENCODING;
		hl7_hexbytes((const unsigned char *)m->text + off,
		    m->textlen - off, hex, sizeof(hex));
		hl7_seterr(err, errlen, "文字コードエラー: %s (%s から UTF-8 "
		    "への変換後の offset %zu: %s)", ctl ? "不正な制御文字" :
		    "UTF-8 として不正", hl7_charset(m), off, hex);
		free(m->text);
		m->text = NULL;
		m->textlen = 0;
		return -1;
	}
	return 0;
}

/*
 * Turns the trimmed input [b, e) into the message's UTF-8 text as MSH-18
 * declares. When the bytes are not what is declared but are the other
 * Japanese encoding in use (valid UTF-8 under ~ISO IR87, or ISO-2022-JP
 * under no or another declaration), they are read as what they are: a
 * hospital cannot fix its vendor's output in a week, and the importer
 * tells the operator (hl7_declared_charset() differs from hl7_charset()).
 * Only bytes that are neither fail. Returns 0, or -1 with *code and err
 * set (the reason for the declared character set).
 */
static int
hl7_decode_charset(struct hl7_msg *m, const char *buf, size_t b, size_t e,
    int *code, char *err, size_t errlen)
{
	enum hl7_cs	 alt;
	int		 c2;

	m->declared = hl7_detect((const unsigned char *)buf + b, e - b);
	if (hl7_decode_as(m, m->declared, buf, b, e, code, err, errlen) == 0)
		return 0;
	if (*code == HL7_E_NOMEM)
		return -1;
	alt = m->declared == HL7_CS_JIS ? HL7_CS_UTF8 : HL7_CS_JIS;
	if (hl7_decode_as(m, alt, buf, b, e, &c2, NULL, 0) == 0) {
		*code = HL7_OK;
		if (err != NULL && errlen > 0)
			err[0] = '\0';
		return 0;
	}
	if (c2 == HL7_E_NOMEM) {
		*code = c2;
		hl7_seterr(err, errlen, "メモリ不足");
	}
	m->cs = m->declared;
	return -1;
}

/*
 * Reads MSH-1 and MSH-2 from the start of the text. Returns 0, or -1 with
 * *code and err set.
 */
static int
hl7_delims(struct hl7_msg *m, int *code, char *err, size_t errlen)
{
	const char	*t = m->text;
	char		 d[4] = { 0, 0, 0, 0 };
	size_t		 i, k = 0;
	unsigned char	 c;

	if (m->textlen < 3 || memcmp(t, "MSH", 3) != 0) {
		*code = HL7_E_NOMSH;
		hl7_seterr(err, errlen, "MSH セグメントで始まっていない");
		return -1;
	}
	c = (unsigned char)t[3];
	if (!hl7_delim_ok(c)) {
		*code = HL7_E_DELIM;
		hl7_seterr(err, errlen, "MSH-1 (フィールド区切り文字) が"
		    "ないか不正 (0x%02X)", c);
		return -1;
	}
	m->fsep[0] = (char)c;
	m->fsep[1] = '\0';
	for (i = 4; i < m->textlen; i++) {
		c = (unsigned char)t[i];
		if (c == (unsigned char)m->fsep[0] || c == '\r' || c == '\n')
			break;
		if (!hl7_delim_ok(c)) {
			*code = HL7_E_DELIM;
			hl7_seterr(err, errlen, "MSH-2 (符号化文字) に使えない"
			    "文字 (0x%02X)", c);
			return -1;
		}
		if (k < 4 && memchr(d, c, k) == NULL)
			d[k++] = (char)c;
	}
	if (k == 0) {
		*code = HL7_E_DELIM;
		hl7_seterr(err, errlen, "MSH-2 (符号化文字) が空");
		return -1;
	}
	m->csep = d[0];
	m->rsep = d[1];
	m->esc = d[2];
	m->ssep = d[3];
	return 0;
}

static int
hl7_blank(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

/* End of the line starting at pos, and where the next one starts. */
static size_t
hl7_eol(const char *t, size_t len, size_t pos, size_t *next)
{
	size_t	 e = pos;

	while (e < len && t[e] != '\r' && t[e] != '\n')
		e++;
	if (e + 1 < len && t[e] == '\r' && t[e + 1] == '\n')
		*next = e + 2;
	else
		*next = e + 1;
	return e;
}

/* Up to 16 bytes of p as a printable preview, cut at a character. */
static void
hl7_preview(const char *p, size_t n, char *out, size_t outlen)
{
	size_t	 i = 0, l, o = 0;

	while (i < n && i < 16) {
		l = hl7_u8len((const unsigned char *)p + i, n - i);
		if (l == 0 || i + l > 16 || o + l + 1 > outlen)
			break;
		memcpy(out + o, p + i, l);
		o += l;
		i += l;
	}
	out[o] = '\0';
}

/*
 * Splits the text into segments and fields (two passes: count, then fill
 * exactly sized arrays owned by m). Returns 0, or -1 with *code and err.
 */
static int
hl7_split(struct hl7_msg *m, int *code, char *err, size_t errlen)
{
	const char	*t = m->text;
	char		 fs = m->fsep[0], pv[24];
	size_t		 pos, next, e, i, nf, nseg = 0, ntok = 0, line;
	size_t		 namelen, s, k;
	struct hl7_seg	*sg;

	for (pos = 0, line = 1; pos < m->textlen; pos = next, line++) {
		e = hl7_eol(t, m->textlen, pos, &next);
		if (hl7_blank(t + pos, e - pos))
			continue;
		for (nf = 0, i = pos; i < e; i++)
			if (t[i] == fs)
				nf++;
		if (nf > HL7_MAX_FIELDS) {
			*code = HL7_E_LIMIT;
			hl7_seterr(err, errlen, "%zu 行目: フィールドが多すぎる "
			    "(上限 %d)", line, HL7_MAX_FIELDS);
			return -1;
		}
		if (++nseg > HL7_MAX_SEGS) {
			*code = HL7_E_LIMIT;
			hl7_seterr(err, errlen, "セグメントが多すぎる (上限 %d)",
			    HL7_MAX_SEGS);
			return -1;
		}
		ntok += nf;
		if (ntok > HL7_MAX_TOKENS) {
			*code = HL7_E_LIMIT;
			hl7_seterr(err, errlen, "フィールドの総数が多すぎる "
			    "(上限 %u)", HL7_MAX_TOKENS);
			return -1;
		}
	}
	m->segs = calloc(nseg ? nseg : 1, sizeof(*m->segs));
	m->toks = calloc(ntok ? ntok : 1, sizeof(*m->toks));
	if (m->segs == NULL || m->toks == NULL) {
		*code = HL7_E_NOMEM;
		hl7_seterr(err, errlen, "メモリ不足");
		return -1;
	}
	for (pos = 0, line = 1; pos < m->textlen; pos = next, line++) {
		e = hl7_eol(t, m->textlen, pos, &next);
		if (hl7_blank(t + pos, e - pos))
			continue;
		for (i = pos; i < e && t[i] != fs; i++)
			;
		namelen = i - pos;
		if (i == e)
			while (namelen > 0 && (t[pos + namelen - 1] == ' ' ||
			    t[pos + namelen - 1] == '\t'))
				namelen--;
		for (k = 0; k < namelen && namelen == 3; k++)
			if (!hl7_isdigit((unsigned char)t[pos + k]) &&
			    (t[pos + k] < 'A' || t[pos + k] > 'Z'))
				break;
		if (namelen != 3 || k != 3) {
			*code = HL7_E_SEGMENT;
			hl7_preview(t + pos, e - pos, pv, sizeof(pv));
			hl7_seterr(err, errlen, "%zu 行目: セグメント名が不正 "
			    "(\"%s\")", line, pv);
			return -1;
		}
		sg = &m->segs[m->nseg++];
		memcpy(sg->name, t + pos, 3);
		sg->name[3] = '\0';
		sg->hdr = strcmp(sg->name, "MSH") == 0 ||
		    strcmp(sg->name, "FHS") == 0 ||
		    strcmp(sg->name, "BHS") == 0;
		sg->tok = m->ntok;
		/* i is at the first separator (or e); each starts a field */
		while (i < e) {
			s = i + 1;
			for (i = s; i < e && t[i] != fs; i++)
				;
			m->toks[m->ntok].off = s;
			m->toks[m->ntok].len = i - s;
			m->ntok++;
			sg->ntok++;
		}
	}
	return 0;
}

struct hl7_msg *
hl7_parse_ex(const char *buf, size_t len, int *codep, char *err,
    size_t errlen)
{
	struct hl7_msg	*m;
	size_t		 b, e;
	int		 code = HL7_OK, dummy;

	if (codep == NULL)
		codep = &dummy;
	*codep = HL7_OK;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (buf == NULL && len > 0) {
		*codep = HL7_E_ARG;
		hl7_seterr(err, errlen, "引数が不正 (buf が NULL)");
		return NULL;
	}
	if (len > HL7_MAX_MSG) {
		*codep = HL7_E_TOOBIG;
		hl7_seterr(err, errlen, "メッセージが大きすぎる (%zu バイト, "
		    "上限 %u)", len, HL7_MAX_MSG);
		return NULL;
	}
	if (len == 0) {
		*codep = HL7_E_EMPTY;
		hl7_seterr(err, errlen, "空のメッセージ");
		return NULL;
	}
	hl7_trim((const unsigned char *)buf, len, &b, &e);
	if (b >= e) {
		*codep = HL7_E_EMPTY;
		hl7_seterr(err, errlen, "空のメッセージ (空白と MLLP 制御文字のみ)");
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		*codep = HL7_E_NOMEM;
		hl7_seterr(err, errlen, "メモリ不足");
		return NULL;
	}
	if (hl7_decode_charset(m, buf, b, e, &code, err, errlen) == -1 ||
	    hl7_delims(m, &code, err, errlen) == -1 ||
	    hl7_split(m, &code, err, errlen) == -1) {
		*codep = code;
		hl7_free(m);
		return NULL;
	}
	return m;
}

struct hl7_msg *
hl7_parse(const char *buf, size_t len, char *err, size_t errlen)
{
	return hl7_parse_ex(buf, len, NULL, err, errlen);
}

void
hl7_free(struct hl7_msg *m)
{
	if (m == NULL)
		return;
	free(m->text);
	free(m->segs);
	free(m->toks);
	free(m);
}

static const char *
hl7_cs_name(enum hl7_cs cs)
{
	switch (cs) {
	case HL7_CS_JIS:
		return "ISO-2022-JP";
	case HL7_CS_LATIN1:
		return "ISO-8859-1";
	default:
		return "UTF-8";
	}
}

const char *
hl7_charset(const struct hl7_msg *m)
{
	return m == NULL ? NULL : hl7_cs_name(m->cs);
}

const char *
hl7_declared_charset(const struct hl7_msg *m)
{
	return m == NULL ? NULL : hl7_cs_name(m->declared);
}

const char *
hl7_text(const struct hl7_msg *m, size_t *len)
{
	if (m == NULL) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = m->textlen;
	return m->text;
}

size_t
hl7_nseg(const struct hl7_msg *m)
{
	return m == NULL ? 0 : m->nseg;
}

const char *
hl7_segname(const struct hl7_msg *m, size_t i)
{
	if (m == NULL || i >= m->nseg)
		return NULL;
	return m->segs[i].name;
}

size_t
hl7_next(const struct hl7_msg *m, const char *name, size_t from)
{
	size_t	 i;

	if (m == NULL || name == NULL)
		return HL7_NOSEG;
	for (i = from; i < m->nseg; i++)
		if (strcmp(m->segs[i].name, name) == 0)
			return i;
	return HL7_NOSEG;
}

size_t
hl7_find(const struct hl7_msg *m, const char *name, size_t nth)
{
	size_t	 i;

	for (i = hl7_next(m, name, 0); i != HL7_NOSEG;
	    i = hl7_next(m, name, i + 1))
		if (nth-- == 0)
			return i;
	return HL7_NOSEG;
}

/*
 * The slice of field `field` of segment seg. *verbatim is set for MSH-1 and
 * MSH-2, which are neither split nor decoded. Returns 0, or 1 if absent.
 */
static int
hl7_field(const struct hl7_msg *m, size_t seg, int field, const char **p,
    size_t *n, int *verbatim)
{
	const struct hl7_seg	*s;
	size_t			 idx;

	if (m == NULL || seg >= m->nseg || field < 1)
		return 1;
	s = &m->segs[seg];
	*verbatim = 0;
	if (s->hdr) {
		if (s->ntok == 0)
			return 1;
		if (field == 1) {
			*p = m->fsep;
			*n = 1;
			*verbatim = 1;
			return 0;
		}
		if (field == 2)
			*verbatim = 1;
		idx = (size_t)field - 2;
	} else
		idx = (size_t)field - 1;
	if (idx >= s->ntok)
		return 1;
	*p = m->text + m->toks[s->tok + idx].off;
	*n = m->toks[s->tok + idx].len;
	return 0;
}

/*
 * The k-th (1-based) piece of p[0..n) split on d ('\0': no splitting).
 * Returns 0, or 1 if there are fewer pieces.
 */
static int
hl7_nth(const char *p, size_t n, char d, int k, const char **q, size_t *qn)
{
	size_t	 i, start = 0;
	int	 idx = 1;

	if (k < 1)
		return 1;
	if (d == '\0') {
		if (k != 1)
			return 1;
		*q = p;
		*qn = n;
		return 0;
	}
	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == d) {
			if (idx == k) {
				*q = p + start;
				*qn = i - start;
				return 0;
			}
			idx++;
			start = i + 1;
		}
	}
	return 1;
}

/* Pieces of p[0..n) split on d: 0 if empty, else delimiters + 1. */
static int
hl7_count(const char *p, size_t n, char d)
{
	size_t	 i;
	int	 c = 1;

	if (n == 0)
		return 0;
	if (d == '\0')
		return 1;
	for (i = 0; i < n; i++)
		if (p[i] == d && c < INT_MAX)
			c++;
	return c;
}

/*
 * Narrows to field/rep/comp/sub; a level given as 0 stops the descent
 * there (used by the counters). Returns 0, or 1 if absent.
 */
static int
hl7_locate(const struct hl7_msg *m, size_t seg, int field, int rep, int comp,
    int sub, const char **p, size_t *n, int *verbatim)
{
	if (hl7_field(m, seg, field, p, n, verbatim) != 0)
		return 1;
	if (*verbatim)
		return (rep > 1 || comp > 1 || sub > 1 || rep < 0 || comp < 0 ||
		    sub < 0) ? 1 : 0;
	if (rep == 0)
		return 0;
	if (hl7_nth(*p, *n, m->rsep, rep, p, n) != 0)
		return 1;
	if (comp == 0)
		return 0;
	if (hl7_nth(*p, *n, m->csep, comp, p, n) != 0)
		return 1;
	if (sub == 0)
		return 0;
	return hl7_nth(*p, *n, m->ssep, sub, p, n);
}

int
hl7_nfield(const struct hl7_msg *m, size_t seg)
{
	const struct hl7_seg	*s;

	if (m == NULL || seg >= m->nseg)
		return 0;
	s = &m->segs[seg];
	if (s->ntok == 0)
		return 0;
	return (int)s->ntok + (s->hdr ? 1 : 0);
}

int
hl7_nrep(const struct hl7_msg *m, size_t seg, int field)
{
	const char	*p;
	size_t		 n;
	int		 v;

	if (hl7_locate(m, seg, field, 0, 0, 0, &p, &n, &v) != 0)
		return 0;
	return v ? 1 : hl7_count(p, n, m->rsep);
}

int
hl7_ncomp(const struct hl7_msg *m, size_t seg, int field, int rep)
{
	const char	*p;
	size_t		 n;
	int		 v;

	if (rep < 1 || hl7_locate(m, seg, field, rep, 0, 0, &p, &n, &v) != 0)
		return 0;
	return v ? 1 : hl7_count(p, n, m->csep);
}

int
hl7_nsub(const struct hl7_msg *m, size_t seg, int field, int rep, int comp)
{
	const char	*p;
	size_t		 n;
	int		 v;

	if (rep < 1 || comp < 1 ||
	    hl7_locate(m, seg, field, rep, comp, 0, &p, &n, &v) != 0)
		return 0;
	return v ? 1 : hl7_count(p, n, m->ssep);
}

/* Appends n bytes as one unit, or marks the sink truncated. */
static void
hl7_put(struct hl7_sink *k, const char *s, size_t n)
{
	if (k->trunc || n == 0)
		return;
	if (k->cap == 0 || n > k->cap - 1 - k->len) {
		k->trunc = 1;
		return;
	}
	memcpy(k->out + k->len, s, n);
	k->len += n;
	k->out[k->len] = '\0';
}

/* Appends valid UTF-8 text character by character (so a cut is clean). */
static void
hl7_put_text(struct hl7_sink *k, const char *s, size_t n)
{
	size_t	 i = 0, l, run;

	while (i < n && !k->trunc) {
		/* ASCII runs in one go */
		for (run = 0; i + run < n && (unsigned char)s[i + run] < 0x80 &&
		    s[i + run] != '\0'; run++)
			;
		if (run > 0) {
			if (k->cap > 0 && run > k->cap - 1 - k->len) {
				hl7_put(k, s + i, k->cap - 1 - k->len);
				k->trunc = 1;
				return;
			}
			hl7_put(k, s + i, run);
			i += run;
			continue;
		}
		l = hl7_u8len((const unsigned char *)s + i, n - i);
		if (l == 0) {	/* cannot happen in checked text; skip */
			i++;
			continue;
		}
		hl7_put(k, s + i, l);
		i += l;
	}
}

/*
 * Decodes one escape whose body (between the escape characters) is c[0..n).
 * Returns 0 if it was understood and written, -1 to keep it verbatim.
 */
static int
hl7_escape(const struct hl7_msg *m, const char *c, size_t n,
    struct hl7_sink *k)
{
	unsigned char	 small[256], *bytes;
	size_t		 nb, i, l;
	int		 hi, lo;
	char		 ch;

	if (n == 1) {
		switch (c[0]) {
		case 'F':
			ch = m->fsep[0];
			break;
		case 'S':
			ch = m->csep ? m->csep : '^';
			break;
		case 'T':
			ch = m->ssep ? m->ssep : '&';
			break;
		case 'R':
			ch = m->rsep ? m->rsep : '~';
			break;
		case 'E':
			ch = m->esc;
			break;
		case 'H':
		case 'N':
			return 0;
		default:
			return -1;
		}
		hl7_put(k, &ch, 1);
		return 0;
	}
	if (n == 3 && (memcmp(c, ".br", 3) == 0 || memcmp(c, ".sp", 3) == 0)) {
		hl7_put(k, "\n", 1);
		return 0;
	}
	if (c[0] != 'X' || n < 3 || (n - 1) % 2 != 0)
		return -1;
	for (i = 1; i < n; i++)
		if (!hl7_isxdigit((unsigned char)c[i]))
			return -1;
	nb = (n - 1) / 2;
	bytes = nb <= sizeof(small) ? small : malloc(nb);
	if (bytes == NULL)
		return -1;
	for (i = 0; i < nb; i++) {
		hi = hl7_xval((unsigned char)c[1 + 2 * i]);
		lo = hl7_xval((unsigned char)c[2 + 2 * i]);
		bytes[i] = (unsigned char)(16 * hi + lo);
	}
	for (i = 0; i < nb; i += l)
		if ((l = hl7_u8len(bytes + i, nb - i)) == 0)
			break;
	if (i == nb)
		hl7_put_text(k, (const char *)bytes, nb);
	if (bytes != small)
		free(bytes);
	return i == nb ? 0 : -1;
}

/* Writes p[0..n) into the sink with escapes decoded. */
static void
hl7_unescape(const struct hl7_msg *m, const char *p, size_t n,
    struct hl7_sink *k)
{
	size_t	 i = 0, j, lit = 0;

	while (i < n && !k->trunc) {
		if (m->esc == '\0' || p[i] != m->esc) {
			i++;
			continue;
		}
		for (j = i + 1; j < n && p[j] != m->esc; j++)
			;
		if (j >= n)
			break;		/* unterminated: the rest is literal */
		hl7_put_text(k, p + lit, i - lit);
		if (hl7_escape(m, p + i + 1, j - i - 1, k) != 0)
			hl7_put_text(k, p + i, j + 1 - i);
		i = j + 1;
		lit = i;
	}
	hl7_put_text(k, p + lit, n - lit);
}

static void
hl7_sink_init(struct hl7_sink *k, char *out, size_t outlen)
{
	k->out = out;
	k->cap = out == NULL ? 0 : outlen;
	k->len = 0;
	k->trunc = 0;
	if (k->cap > 0)
		out[0] = '\0';
}

static int
hl7_sink_rc(const struct hl7_sink *k)
{
	if (k->trunc)
		return -1;
	return k->len == 0 ? 1 : 0;
}

int
hl7_get(const struct hl7_msg *m, size_t seg, int field, int rep, int comp,
    int sub, char *out, size_t outlen)
{
	struct hl7_sink	 k;
	const char	*p;
	size_t		 n;
	int		 v;

	hl7_sink_init(&k, out, outlen);
	if (rep < 1 || comp < 1 || sub < 1 ||
	    hl7_locate(m, seg, field, rep, comp, sub, &p, &n, &v) != 0)
		return 1;
	if (v)
		hl7_put_text(&k, p, n);
	else
		hl7_unescape(m, p, n, &k);
	return hl7_sink_rc(&k);
}

int
hl7_raw(const struct hl7_msg *m, size_t seg, int field, char *out,
    size_t outlen)
{
	struct hl7_sink	 k;
	const char	*p;
	size_t		 n;
	int		 v;

	hl7_sink_init(&k, out, outlen);
	if (hl7_field(m, seg, field, &p, &n, &v) != 0)
		return 1;
	hl7_put_text(&k, p, n);
	return hl7_sink_rc(&k);
}

int
hl7_msg_type(const struct hl7_msg *m, char *code, size_t codelen,
    char *event, size_t eventlen)
{
	char	 c[64], e[64];
	int	 rc, re;

	if (code == NULL) {
		code = c;
		codelen = sizeof(c);
	}
	if (event == NULL) {
		event = e;
		eventlen = sizeof(e);
	}
	rc = hl7_get(m, 0, 9, 1, 1, 1, code, codelen);
	re = hl7_get(m, 0, 9, 1, 2, 1, event, eventlen);
	if (rc == -1 || re == -1)
		return -1;
	return rc;
}

static int
hl7_num(const char *p, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* The value as given (see hl7_ts_given) into given; nd: its digits. */
static void
hl7_given(char *given, size_t len, int nd, const int v[6], const char *frac,
    size_t nf)
{
	if (given == NULL || len == 0)
		return;
	if (nd == 8)
		snprintf(given, len, "%04d-%02d-%02d", v[0], v[1], v[2]);
	else if (nd == 10)
		snprintf(given, len, "%04d-%02d-%02dT%02d", v[0], v[1], v[2],
		    v[3]);
	else if (nd == 12)
		snprintf(given, len, "%04d-%02d-%02dT%02d:%02d", v[0], v[1],
		    v[2], v[3], v[4]);
	else
		snprintf(given, len, "%04d-%02d-%02dT%02d:%02d:%02d%s%.*s", v[0],
		    v[1], v[2], v[3], v[4], v[5], nf > 0 ? "." : "", (int)nf,
		    frac);
}

int
hl7_ts_given(const char *in, char *out, size_t outlen, char *given,
    size_t givenlen)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	const char	*p, *e, *q, *frac = "";
	size_t		 nd, nf, nfrac = 0;
	int		 v[6] = { 0, 0, 0, 0, 0, 0 }, dim, zh, zm;

	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if (given != NULL && givenlen > 0)
		given[0] = '\0';
	if (in == NULL || out == NULL || outlen < 20 ||
	    (given != NULL && givenlen < HL7_TS_GIVEN))
		return -1;
	for (p = in; *p == ' '; p++)
		;
	for (e = p + strlen(p); e > p && e[-1] == ' '; e--)
		;
	for (nd = 0; p + nd < e && hl7_isdigit((unsigned char)p[nd]); nd++)
		;
	q = p + nd;
	/* milliseconds glued to the seconds, as SS-MIX2 file names have them */
	if (nd >= 15 && nd <= 17) {
		frac = p + 14;
		nfrac = nd - 14;
		nd = 14;
		if (q < e && *q == '.')
			return -1;
	}
	if (nd != 8 && nd != 10 && nd != 12 && nd != 14)
		return -1;
	v[0] = hl7_num(p, 4);
	v[1] = hl7_num(p + 4, 2);
	v[2] = hl7_num(p + 6, 2);
	if (nd >= 10)
		v[3] = hl7_num(p + 8, 2);
	if (nd >= 12)
		v[4] = hl7_num(p + 10, 2);
	if (nd >= 14)
		v[5] = hl7_num(p + 12, 2);
	if (q < e && *q == '.') {
		/*
		 * After the seconds as HL7 says; after the minutes as some
		 * writers put it ("201601011500.321"): read to the minute, for
		 * what the fraction counts there is not sure.
		 */
		if (nd != 14 && nd != 12)
			return -1;
		for (q++, nf = 0; q < e && hl7_isdigit((unsigned char)*q); q++)
			nf++;
		if (nf < 1 || nf > 9)
			return -1;
		if (nd == 14) {
			frac = q - nf;
			nfrac = nf;
		}
	}
	if (q < e && (*q == '+' || *q == '-')) {
		q++;
		for (nf = 0; nf < 4 && q + nf < e; nf++)
			if (!hl7_isdigit((unsigned char)q[nf]))
				break;
		if (nf != 4)
			return -1;
		zh = hl7_num(q, 2);
		zm = hl7_num(q + 2, 2);
		if (zh > 14 || zm > 59)
			return -1;
		q += 4;
	}
	if (q != e)
		return -1;
	if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[3] > 23 || v[4] > 59 ||
	    v[5] > 59)
		return -1;
	dim = mdays[v[1] - 1];
	if (v[1] == 2 && ((v[0] % 4 == 0 && v[0] % 100 != 0) ||
	    v[0] % 400 == 0))
		dim = 29;
	if (v[2] < 1 || v[2] > dim)
		return -1;
	snprintf(out, outlen, "%04d-%02d-%02d %02d:%02d:%02d", v[0], v[1],
	    v[2], v[3], v[4], v[5]);
	hl7_given(given, givenlen, (int)nd, v, frac, nfrac);
	return 0;
}

int
hl7_ts(const char *in, char *out, size_t outlen)
{
	return hl7_ts_given(in, out, outlen, NULL, 0);
}

int
hl7_msg_time(const struct hl7_msg *m, char *out, size_t outlen)
{
	char	 v[64];
	int	 rc;

	if (out != NULL && outlen > 0)
		out[0] = '\0';
	rc = hl7_get(m, 0, 7, 1, 1, 1, v, sizeof(v));
	if (rc == 1)
		return 1;
	if (rc == -1)
		return -1;
	return hl7_ts(v, out, outlen);
}
