/*
 * words.c: codes from the facilities' messages as a clinician reads them.
 * Pure functions (no database, no page): tests/unit/test_day.c.
 */
#include <string.h>

#include "base/util.h"
#include "base/words.h"

static int
all_digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * OBX-6 (a CWE: identifier ^ text ^ coding system) as one unit into out.
 * A sender that writes 10^3/μL without escaping the caret splits it into
 * "10" and "3/μL": digits, then a text that starts with an exponent, and
 * no coding system; that is put back whole. Otherwise the identifier (the
 * unit as sent, g/dl), or the text when there is no identifier. 0, or -1
 * when out is short (then "").
 */
int
hl7_unit(char *out, size_t len, const char *c1, const char *c2,
    const char *c3)
{
	c1 = c1 ? c1 : "";
	c2 = c2 ? c2 : "";
	if (all_digits(c1) && (*c2 == '-' || (*c2 >= '0' && *c2 <= '9')) &&
	    (c3 == NULL || *c3 == '\0')) {
		if (str_fmt(out, len, "%s^%s", c1, c2) == -1) {
			out[0] = '\0';
			return -1;
		}
		return 0;
	}
	if (str_copy(out, *c1 ? c1 : c2, len) == -1) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* The record kinds of an inpatient stay: PV1-3 is a ward, a room and a bed. */
int
stay_kind(const char *kind)
{
	static const char *const stay[] = { "admission_plan", "admission",
	    "leave", "leave_return", "transfer_plan", "transfer",
	    "discharge_plan", "discharge", NULL };

	return str_one_of(kind, stay);
}

/* 1 when s has a byte outside ASCII: a name (循環器内科), not a code. */
static int
has_name(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/*
 * A visit's or stay's place in words into out, from the "、"-joined
 * components of PV1-3 the importer kept as the record's summary. Names
 * are shown and codes beside them dropped (02、循環器内科: 循環器内科).
 * A stay's codes alone read as ward, room and bed (32、302、1: 32病棟
 * 302号室 1床); anything else of codes alone means nothing to a reader
 * and gives "" (the row then shows its kind only). 0, or -1 when out is
 * short.
 */
int
place_words(char *out, size_t len, const char *kind, const char *summary)
{
	static const char	 sep[] = "、";
	static const char *const label[] = { "病棟", "号室", "床" };
	char			 part[3][128];
	size_t			 n = 0, o = 0;
	int			 names = 0;

	out[0] = '\0';
	if (summary == NULL || *summary == '\0')
		return 0;
	for (const char *p = summary; p != NULL && n < 3; n++) {
		const char *e = strstr(p, sep);
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l >= sizeof(part[n]))
			l = sizeof(part[n]) - 1;
		memcpy(part[n], p, l);
		part[n][l] = '\0';
		names |= has_name(part[n]);
		p = e ? e + sizeof(sep) - 1 : NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *w = part[i];
		if (names ? !has_name(w) : !stay_kind(kind) || *w == '\0')
			continue;
		int k = names ? str_fmt(out + o, len - o, "%s%s", o ? "・" : "",
		    w) : str_fmt(out + o, len - o, "%s%s%s", o ? " " : "", w,
		    label[i]);
		if (k == -1) {
			out[0] = '\0';
			return -1;
		}
		o += strlen(out + o);
	}
	return 0;
}
