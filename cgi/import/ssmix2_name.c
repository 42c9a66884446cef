/* ssmix2_name.c: SS-MIX2 file names, data types, ID and content checks (pure, fuzzed) */
#include <string.h>

#include "base/kana.h"
#include "base/util.h"
#include "import/hl7.h"
#include "import/ssmix2.h"

/* Every data type of the guideline this importer knows. */
static const struct {
	const char	*type;
	struct ssmix2_type info;
} types[] = {
	{ "ADT-00", { "patient", "ADT", 1 } },
	{ "ADT-12", { "visit", "ADT", 0 } },
	{ "ADT-21", { "admission_plan", "ADT", 0 } },
	{ "ADT-22", { "admission", "ADT", 0 } },
	{ "ADT-31", { "leave", "ADT", 0 } },
	{ "ADT-32", { "leave_return", "ADT", 0 } },
	{ "ADT-41", { "transfer_plan", "ADT", 0 } },
	{ "ADT-42", { "transfer", "ADT", 0 } },
	{ "ADT-51", { "discharge_plan", "ADT", 0 } },
	{ "ADT-52", { "discharge", "ADT", 0 } },
	{ "ADT-61", { "allergy", "ADT", 1 } },
	{ "PPR-01", { "problem", "PPR", 1 } },
	{ "OMD", { "diet", "OMD", 0 } },
	{ "OMP-01", { "prescription", "RDE", 0 } },
	{ "OMP-02", { "injection", "RDE", 0 } },
	{ "OMP-11", { "prescription_given", "RAS", 0 } },
	{ "OMP-12", { "injection_given", "RAS", 0 } },
	{ "OML-01", { "lab_order", "OML", 0 } },
	{ "OML-11", { "lab", "OUL", 0 } },
	{ "OMG-01", { "imaging_order", "OMG", 0 } },
	{ "OMG-02", { "endoscopy_order", "OMG", 0 } },
	{ "OMG-03", { "physiology_order", "OMG", 0 } },
	{ "OMG-11", { "imaging", "OMI", 0 } },
	{ "OMG-12", { "endoscopy", "OMI", 0 } },
	{ "OMG-13", { "report", "ORU", 0 } },
};

static int
all_of_class(const char *s, size_t min, size_t max, const char *set)
{
	size_t	 n = strlen(s);

	return n >= min && n <= max && strspn(s, set) == n;
}

#define DIGITS	"0123456789"
#define ALNUM	DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/*
 * Fills *t for a data type ("OMP-01"); other "ADT-nn" are generic ADT
 * events. Returns 0, or -1 for a type this importer does not know.
 */
int
ssmix2_type_info(const char *type, struct ssmix2_type *t)
{
	static const struct ssmix2_type adt = { "adt", "ADT", 0 };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0) {
			*t = types[i].info;
			return 0;
		}
	if (strlen(type) == 6 && str_prefix(type, "ADT-") &&
	    all_of_class(type + 4, 2, 2, DIGITS)) {
		*t = adt;
		return 0;
	}
	return -1;
}

/*
 * 1 if a date YYYYMMDD or time YYYYMMDDHHMMSS is a real one, from 1800 on
 * (the database refuses year 0, and nothing in a record is older).
 */
static int
real_time(const char *s)
{
	char	 out[20];

	return hl7_ts(s, out, sizeof(out)) == 0 && strncmp(out, "1800", 4) >= 0;
}

/* 1 if s is a patient ID as folders and file names hold it. */
int
ssmix2_id_ok(const char *s)
{
	return all_of_class(s, 1, 64, ALNUM);
}

/* 1 if s is a date folder: "-" or a real YYYYMMDD. */
int
ssmix2_date_ok(const char *s)
{
	return strcmp(s, "-") == 0 ||
	    (all_of_class(s, 8, 8, DIGITS) && real_time(s));
}

/*
 * 1 if s is a file name's timestamp: YYYYMMDDHHMMSS and 0 to 3 digits of
 * the second's fraction. The guideline writes 17 digits; real writers drop
 * the milliseconds or write fewer digits of them (docs/import.md).
 */
int
ssmix2_ts_ok(const char *s)
{
	char	 ymdhms[15];

	if (!all_of_class(s, 14, 17, DIGITS))
		return 0;
	memcpy(ymdhms, s, 14);
	ymdhms[14] = '\0';
	return real_time(ymdhms);
}

/*
 * Splits a file name PID_DATE_TYPE_ORDERNO_TIMESTAMP_DEPT_FLAG into *n.
 * Returns 0, or -1 if the name does not follow the guideline.
 */
int
ssmix2_parse_name(const char *name, struct ssmix2_name *n)
{
	char		 copy[256], *p = copy, *part[8];
	int		 k = 0;

	memset(n, 0, sizeof(*n));
	if (str_copy(copy, name, sizeof(copy)) == -1)
		return -1;
	while (k < 8 && (part[k] = strsep(&p, "_")) != NULL)
		k++;
	if (k != 7)
		return -1;
	if (!ssmix2_id_ok(part[0]) || !ssmix2_date_ok(part[1]) ||
	    !(all_of_class(part[2], 3, 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") ||
	    (strlen(part[2]) == 6 && part[2][3] == '-' &&
	    strspn(part[2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3 &&
	    all_of_class(part[2] + 4, 2, 2, DIGITS))) ||
	    !(strcmp(part[3], "-") == 0 || all_of_class(part[3], 1, 32, ALNUM)) ||
	    !ssmix2_ts_ok(part[4]) ||
	    !(strcmp(part[5], "-") == 0 || all_of_class(part[5], 1, 8, ALNUM)) ||
	    !(strcmp(part[6], "0") == 0 || strcmp(part[6], "1") == 0))
		return -1;
	str_copy(n->pid, part[0], sizeof(n->pid));
	str_copy(n->date, part[1], sizeof(n->date));
	str_copy(n->type, part[2], sizeof(n->type));
	str_copy(n->order, part[3], sizeof(n->order));
	str_copy(n->ts, part[4], sizeof(n->ts));
	str_copy(n->dept, part[5], sizeof(n->dept));
	n->flag = part[6][0] - '0';
	return 0;
}

/*
 * 1 if s can be an extended-storage data-type folder: the guideline's
 * keyword, often category^name^code system, in any script. Not empty, at
 * most SSMIX2_EXT_TYPE_MAX bytes of valid UTF-8, no control character, not
 * "." or "..".
 */
int
ssmix2_ext_type_ok(const char *s)
{
	size_t	 n = strlen(s);

	if (n == 0 || n > SSMIX2_EXT_TYPE_MAX || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0 || !utf8_valid(s, n) || strchr(s, '/') != NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/*
 * Splits an extended-storage document folder's name into *d: named like a
 * message file but with six fields, PID_DATE_TYPE_ORDERNO_TIMESTAMP_DEPT,
 * no condition flag. TYPE is the data-type folder's keyword and may itself
 * hold "_": the first two and the last three fields are split off and the
 * rest is the type. Returns 0, or -1 if the name does not follow the
 * guideline.
 */
int
ssmix2_parse_docdir(const char *name, struct ssmix2_docdir *d)
{
	char	 copy[SSMIX2_EXT_TYPE_MAX + 200], *f[6], *u;

	memset(d, 0, sizeof(*d));
	if (str_copy(copy, name, sizeof(copy)) == -1)
		return -1;
	/* the first two fields */
	f[0] = copy;
	if ((u = strchr(f[0], '_')) == NULL)
		return -1;
	*u = '\0';
	f[1] = u + 1;
	if ((u = strchr(f[1], '_')) == NULL)
		return -1;
	*u = '\0';
	f[2] = u + 1;
	/* the last three, from the end */
	for (int k = 5; k >= 3; k--) {
		if ((u = strrchr(f[2], '_')) == NULL)
			return -1;
		*u = '\0';
		f[k] = u + 1;
	}
	if (!ssmix2_id_ok(f[0]) || !ssmix2_date_ok(f[1]) ||
	    !ssmix2_ext_type_ok(f[2]) ||
	    !(strcmp(f[3], "-") == 0 || all_of_class(f[3], 1, 32, ALNUM)) ||
	    !ssmix2_ts_ok(f[4]) ||
	    !(strcmp(f[5], "-") == 0 || all_of_class(f[5], 1, 8, ALNUM)))
		return -1;
	str_copy(d->pid, f[0], sizeof(d->pid));
	str_copy(d->date, f[1], sizeof(d->date));
	str_copy(d->type, f[2], sizeof(d->type));
	str_copy(d->order, f[3], sizeof(d->order));
	str_copy(d->ts, f[4], sizeof(d->ts));
	str_copy(d->dept, f[5], sizeof(d->dept));
	return 0;
}

/* 1 if the file name's order number means "no order" ("-", all 9s). */
int
ssmix2_no_order(const char *order)
{
	return *order == '\0' || strcmp(order, "-") == 0 ||
	    strspn(order, "9") == strlen(order);
}

/* s without its leading zeros (but "0" stays "0"). */
static const char *
unpadded(const char *s)
{
	while (s[0] == '0' && s[1] != '\0')
		s++;
	return s;
}

/*
 * 1 if PID-3 names the folder's patient: the same ID, allowing for the
 * zero padding the folders add to short IDs. Else 0.
 */
int
ssmix2_pid_match(const char *folder, const char *pid3)
{
	if (*folder == '\0' || *pid3 == '\0')
		return 0;
	return strcmp(folder, pid3) == 0 ||
	    strcmp(unpadded(folder), unpadded(pid3)) == 0;
}

/*
 * 1 if the two upper folders a/b are the first and second three
 * characters of the patient ID (zero-padded on the left to 7). Else 0.
 */
int
ssmix2_folder_ok(const char *a, const char *b, const char *pid)
{
	char	 pad[80];
	size_t	 n = strlen(pid);

	if (n == 0 || n > 64)
		return 0;
	if (n < 7)
		str_fmt(pad, sizeof(pad), "%0*d%s", (int)(7 - n), 0, pid);
	else
		str_copy(pad, pid, sizeof(pad));
	return strlen(a) == 3 && strlen(b) == 3 && strncmp(a, pad, 3) == 0 &&
	    strncmp(b, pad + 3, 3) == 0;
}

/*
 * The content type of an extended-storage file, from its first bytes (the
 * name and extension are the sender's and prove nothing): PDF, PNG, JPEG,
 * or an HL7 v2 message (SSMIX2_HL7: "MSH" after what hl7_parse() skips,
 * an MLLP start byte, a UTF-8 BOM, blank lines). Returns NULL for anything
 * else.
 */
const char *
ssmix2_sniff(const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 i = 0;

	for (;;) {
		if (i < len && (p[i] == 0x0b || p[i] == '\r' || p[i] == '\n' ||
		    p[i] == ' ' || p[i] == '\t'))
			i++;
		else if (len - i >= 3 && memcmp(p + i, "\xef\xbb\xbf", 3) == 0)
			i += 3;
		else
			break;
	}
	if (len - i >= 4 && memcmp(p + i, "MSH", 3) == 0)
		return SSMIX2_HL7;

	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	return NULL;
}
