/* ssmix2_name.c: SS-MIX2 file names, data types, ID and content checks (pure, fuzzed) */
#include <string.h>

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
 * Splits a file name PID_DATE_TYPE_ORDERNO_TIMESTAMP_DEPT_FLAG into *n.
 * Returns 0, or -1 if the name does not follow the guideline.
 */
int
ssmix2_parse_name(const char *name, struct ssmix2_name *n)
{
	char		 copy[256], *p = copy, *part[8], ymdhms[15];
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
	    !all_of_class(part[4], 17, 17, DIGITS) ||
	    !(strcmp(part[5], "-") == 0 || all_of_class(part[5], 1, 8, ALNUM)) ||
	    !(strcmp(part[6], "0") == 0 || strcmp(part[6], "1") == 0))
		return -1;
	memcpy(ymdhms, part[4], 14);
	ymdhms[14] = '\0';
	if (!real_time(ymdhms))
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
 * name and extension are the sender's and prove nothing): PDF, PNG, JPEG.
 * Returns NULL for anything else.
 */
const char *
ssmix2_sniff(const void *data, size_t len)
{
	const unsigned char	*p = data;

	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	return NULL;
}
