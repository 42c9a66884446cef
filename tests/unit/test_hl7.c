/* test_hl7.c: unit tests for the HL7 v2 parser (run from the repo root) */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import/hl7.h"
#include "t.h"

#define FIX	"tests/fixtures/hl7/"
#define NHO	FIX "ssmix2-nho-testingtool/sampleData/"
#define LFH	FIX "linuxforhealth-apache/"

#define ADT00	NHO "999/901/9999013/-/ADT-00/" \
	"9999013_-_ADT-00_999999999999999_20111220224447339_-_1"
#define FBFC	NHO "000/000/0000001/20000401/ADT-31/" \
	"9999013_20110630_OMP-11_123456789012345_20110701113813225_01_1"
#define OMP11_1	NHO "000/000/0000001/20000401/OMP-11/" \
	"0000001_20000401_OMP-11_123456789012345_20110701113813225_01_1"
#define OMP11_0	NHO "000/000/0000001/20000401/OMP-11/" \
	"0000001_20000401_OMP-11_123456789012346_20110701113813226_01_0"
#define OML01	NHO "999/901/9999013/20111220/OML-01/" \
	"9999013_20111220_OML-01_000000011000354_20111220103059123_15_1"
#define OML11	NHO "999/901/9999013/20111220/OML-11/" \
	"9999013_20111220_OML-11_000000011000354_20111220103059000_01_1"
#define OMG13	NHO "999/901/9999013/20111220/OMG-13/" \
	"9999013_20111220_OMG-13_999999999999999_20111220224447339_01_1"

/* an MSH up to MSH-17; MSH-18 comes next */
#define HDR	"MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5||||||"

/* U+2212 MINUS SIGN, what JIS 0x215D must become */
#define MINUS	"\xe2\x88\x92"

/* Reads a whole file; the caller frees. NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*b;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (b = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Parses a fixture file; the caller frees with hl7_free(). */
static struct hl7_msg *
load(const char *path)
{
	struct hl7_msg	*m;
	char		*b, err[256];
	size_t		 n;

	if ((b = slurp(path, &n)) == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return NULL;
	}
	m = hl7_parse(b, n, err, sizeof(err));
	if (m == NULL)
		fprintf(stderr, "%s: %s\n", path, err);
	free(b);
	return m;
}

/* Parses a string; the caller frees with hl7_free(). */
static struct hl7_msg *
str(const char *s)
{
	char		 err[256];
	struct hl7_msg	*m;

	m = hl7_parse(s, strlen(s), err, sizeof(err));
	if (m == NULL)
		fprintf(stderr, "parse: %s\n", err);
	return m;
}

/* Expects a parse failure with this code; returns the reason. */
static const char *
fails(const char *s, size_t n, int want)
{
	static char	 err[512];
	struct hl7_msg	*m;
	int		 code = -1;

	m = hl7_parse_ex(s, n, &code, err, sizeof(err));
	CHECK(m == NULL);
	hl7_free(m);
	if (code != want)
		fprintf(stderr, "code %d (%s) != %d: %s\n", code,
		    hl7_strerror(code), want, err);
	CHECK(code == want);
	CHECK(err[0] != '\0');
	return err;
}

/* Value of seg field.rep.comp.sub, "" when absent; static buffer. */
static const char *
get(const struct hl7_msg *m, size_t seg, int f, int r, int c, int s)
{
	static char	 out[4][1024];
	static int	 i;

	i = (i + 1) % 4;
	hl7_get(m, seg, f, r, c, s, out[i], sizeof(out[i]));
	return out[i];
}

/* Same for the first segment named name. */
static const char *
sget(const struct hl7_msg *m, const char *name, int f, int r, int c, int s)
{
	return get(m, hl7_find(m, name, 0), f, r, c, s);
}

static int	 nfiles, nparsed;

static void
walk(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	struct hl7_msg	*m;
	char		 path[1024], err[256], code[16], ev[16], ts[20], *b;
	const char	*fam, *kana, *given;
	size_t		 n;
	int		 ec, isnho;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "cannot open %s\n", dir);
		CHECK(0);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    strncmp(de->d_name, "LICENSE", 7) == 0 ||
		    strcmp(de->d_name, "SOURCES.md") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path);
			continue;
		}
		nfiles++;
		CHECK((b = slurp(path, &n)) != NULL);
		if (b == NULL)
			continue;
		m = hl7_parse_ex(b, n, &ec, err, sizeof(err));
		free(b);
		isnho = strstr(path, "ssmix2-nho") != NULL;
		if (strstr(path, "/ADT-31/") != NULL) {
			/* the FB FC file: not ISO-2022-JP, not UTF-8 */
			CHECK(m == NULL);
			CHECK(ec == HL7_E_ENCODING);
			CHECK(strstr(err, "FB FC") != NULL);
			CHECK(strstr(err, "offset 0") != NULL);
			hl7_free(m);
			continue;
		}
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", path, err);
			CHECK(0);
			continue;
		}
		nparsed++;
		CHECK_STR(hl7_segname(m, 0), "MSH");
		CHECK(hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == 0);
		CHECK(strlen(code) == 3 && strlen(ev) == 3);
		CHECK(hl7_msg_time(m, ts, sizeof(ts)) == 0);
		CHECK(strlen(ts) == 19);
		CHECK_STR(hl7_charset(m), isnho ? "ISO-2022-JP" : "UTF-8");
		if (isnho) {
			/* the NHO samples are about 患者 太郎/花子, 山田 太郎 */
			fam = sget(m, "PID", 5, 1, 1, 1);
			kana = sget(m, "PID", 5, 2, 1, 1);
			given = sget(m, "PID", 5, 1, 2, 1);
			CHECK(strcmp(fam, "患者") == 0 || strcmp(fam, "山田") == 0);
			CHECK(strcmp(kana, "カンジャ") == 0 ||
			    strcmp(kana, "ヤマダ") == 0);
			CHECK(strcmp(given, "太郎") == 0 ||
			    strcmp(given, "花子") == 0);
			CHECK_STR(get(m, 0, 12, 1, 1, 1), "2.5");
		}
		hl7_free(m);
	}
	closedir(d);
}

/* Every sample file parses, except the FB FC one, which fails on encoding. */
static void
test_all_samples(void)
{
	nfiles = nparsed = 0;
	walk(FIX "ssmix2-nho-testingtool");
	walk(FIX "linuxforhealth-apache");
	CHECK(nfiles == 25);
	CHECK(nparsed == 24);
}

static void
test_adt00(void)
{
	static const char *names[] = { "MSH", "EVN", "PID", "NK1", "PV1", "DB1",
	    "OBX", "OBX", "OBX", "AL1", "IN1" };
	struct hl7_msg	*m;
	char		 code[8], ev[8], ts[20];
	size_t		 i, pid, nk1;

	if ((m = load(ADT00)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_nseg(m) == sizeof(names) / sizeof(names[0]));
	for (i = 0; i < hl7_nseg(m) && i < sizeof(names) / sizeof(names[0]);
	    i++)
		CHECK_STR(hl7_segname(m, i), names[i]);
	CHECK(hl7_segname(m, hl7_nseg(m)) == NULL);
	/* MSH numbering: MSH-1 is the separator, MSH-2 the encoding chars */
	CHECK_STR(get(m, 0, 1, 1, 1, 1), "|");
	CHECK_STR(get(m, 0, 2, 1, 1, 1), "^~\\&");
	CHECK_STR(get(m, 0, 3, 1, 1, 1), "HIS123");
	CHECK_STR(get(m, 0, 7, 1, 1, 1), "20111220224447.3399");
	CHECK_STR(get(m, 0, 9, 1, 1, 1), "ADT");
	CHECK_STR(get(m, 0, 9, 1, 2, 1), "A08");
	CHECK_STR(get(m, 0, 9, 1, 3, 1), "ADT_A01");
	CHECK(hl7_get(m, 0, 18, 1, 1, 1, code, sizeof(code)) == 1);
	CHECK_STR(get(m, 0, 18, 2, 1, 1), "ISO IR87");
	CHECK_STR(get(m, 0, 20, 1, 1, 1), "ISO 2022-1994");
	CHECK(hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == 0);
	CHECK_STR(code, "ADT");
	CHECK_STR(ev, "A08");
	CHECK(hl7_msg_time(m, ts, sizeof(ts)) == 0);
	CHECK_STR(ts, "2011-12-20 22:44:47");

	pid = hl7_find(m, "PID", 0);
	CHECK(pid == 2);
	CHECK_STR(get(m, pid, 3, 1, 1, 1), "9999013");
	CHECK(hl7_nrep(m, pid, 5) == 2);
	CHECK(hl7_ncomp(m, pid, 5, 1) == 8);
	CHECK_STR(get(m, pid, 5, 1, 1, 1), "患者");
	CHECK_STR(get(m, pid, 5, 1, 2, 1), "太郎");
	CHECK_STR(get(m, pid, 5, 1, 7, 1), "L");
	CHECK_STR(get(m, pid, 5, 1, 8, 1), "I");
	CHECK_STR(get(m, pid, 5, 2, 1, 1), "カンジャ");
	CHECK_STR(get(m, pid, 5, 2, 2, 1), "タロウ");
	CHECK_STR(get(m, pid, 5, 2, 8, 1), "P");
	CHECK_STR(get(m, pid, 7, 1, 1, 1), "19480405");
	CHECK_STR(get(m, pid, 8, 1, 1, 1), "M");
	/* JIS 0x215D in the address is U+2212 */
	CHECK_STR(get(m, pid, 11, 1, 8, 1),
	    "静岡県静岡市登呂１" MINUS "３" MINUS "５");
	CHECK_STR(get(m, pid, 11, 1, 5, 1), "422-8033");
	CHECK(hl7_nrep(m, pid, 13) == 2);
	CHECK_STR(get(m, pid, 13, 1, 2, 1), "PRN");
	CHECK_STR(get(m, pid, 13, 1, 12, 1), "054-000-0000");
	CHECK_STR(get(m, pid, 13, 2, 12, 1), "03-5999-9999");
	CHECK_STR(get(m, pid, 33, 1, 1, 1), "20111219121551");
	CHECK(hl7_nfield(m, pid) == 33);
	CHECK(hl7_get(m, pid, 34, 1, 1, 1, ts, sizeof(ts)) == 1);

	/* 本 is JIS 0x4B5C: the second byte is '\'; converting first matters */
	nk1 = hl7_find(m, "NK1", 0);
	CHECK_STR(get(m, nk1, 3, 1, 2, 1), "本人");
	CHECK_STR(get(m, nk1, 3, 1, 3, 1), "HL70063");
	CHECK_STR(get(m, nk1, 4, 2, 8, 1), "東京都港区鹿ノ門６丁目３番３号");
	CHECK_STR(get(m, nk1, 13, 1, 1, 1), "鹿ノ門商事株式会社");
	CHECK_STR(get(m, hl7_find(m, "OBX", 2), 3, 1, 2, 1), "血液型-ABO式");
	CHECK_STR(get(m, hl7_find(m, "OBX", 1), 5, 1, 1, 1), "63.5");
	CHECK_STR(sget(m, "AL1", 3, 1, 2, 1), "ペニシリン");
	CHECK_STR(sget(m, "IN1", 2, 1, 2, 1), "国民健康保険退職者");
	CHECK_STR(sget(m, "IN1", 17, 1, 2, 1), "本人");
	hl7_free(m);
}

static void
test_broken_omp11(void)
{
	static const char *bare[] = {
	    "AL1", "CTI", "DB1", "EVN", "IAM", "IN1", "IPC", "MSH", "NK1",
	    "OBR", "OBX", "ODS", "ORC", "PID", "PRB", "PV1", "PV2", "RXA",
	    "RXC", "RXE", "RXR", "SPM", "TQ1", "ZE1", "ZE2", "ZPR", "MSH" };
	struct hl7_msg	*m;
	size_t		 i, obx, tq1, msh2;
	char		 v[16];

	if ((m = load(OMP11_1)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_nseg(m) == 9 + 27);
	/* kanji in MSH-13 (a numeric field) comes through */
	CHECK_STR(get(m, 0, 13, 1, 1, 1), "番号");
	CHECK_STR(get(m, 0, 18, 2, 1, 1), "ISOIR87");
	CHECK_STR(hl7_charset(m), "ISO-2022-JP");
	/* PID-3 disagrees with the folder's 0000001: only reported here */
	CHECK_STR(sget(m, "PID", 3, 1, 1, 1), "9999013");
	CHECK_STR(sget(m, "PID", 3, 1, 5, 1), "PI");
	CHECK_STR(get(m, hl7_find(m, "RXA", 1), 5, 1, 2, 1),
	    "パンスポリンＴ錠（１００mg)");
	obx = hl7_find(m, "OBX", 0);
	CHECK_STR(get(m, obx, 3, 1, 1, 1), "aaa");
	CHECK_STR(get(m, obx, 5, 1, 1, 1), "ccc");
	CHECK_STR(get(m, obx, 9, 1, 1, 1), "ggg");
	tq1 = hl7_find(m, "TQ1", 0);
	CHECK(hl7_ncomp(m, tq1, 3, 1) == 3);
	CHECK_STR(get(m, tq1, 3, 1, 3, 1), "hhhh");
	/* the name-only lines are kept as empty segments */
	for (i = 0; i < 27; i++) {
		CHECK_STR(hl7_segname(m, 9 + i), bare[i]);
		CHECK(hl7_nfield(m, 9 + i) == 0);
		CHECK(hl7_get(m, 9 + i, 1, 1, 1, 1, v, sizeof(v)) == 1);
		CHECK(hl7_nrep(m, 9 + i, 1) == 0);
	}
	msh2 = hl7_find(m, "MSH", 1);
	CHECK(msh2 == 9 + 7);
	CHECK(hl7_get(m, msh2, 1, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, msh2, 9, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_find(m, "MSH", 2) == hl7_nseg(m) - 1);
	CHECK(hl7_find(m, "MSH", 3) == HL7_NOSEG);
	CHECK(hl7_find(m, "OBX", 1) == 9 + 10);
	hl7_free(m);

	/* the condition-flag-0 copy: same quirks, one bare MSH fewer */
	if ((m = load(OMP11_0)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_nseg(m) == 9 + 26);
	CHECK_STR(get(m, 0, 13, 1, 1, 1), "番号");
	CHECK_STR(hl7_segname(m, hl7_nseg(m) - 1), "ZPR");
	hl7_free(m);
}

static void
test_fbfc(void)
{
	char		*b, err[256];
	size_t		 n;
	int		 code;
	struct hl7_msg	*m;

	if ((b = slurp(FBFC, &n)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(n == 2);
	m = hl7_parse_ex(b, n, &code, err, sizeof(err));
	CHECK(m == NULL);
	CHECK(code == HL7_E_ENCODING);
	CHECK_STR(hl7_strerror(code), "encoding");
	CHECK(strstr(err, "文字コード") != NULL);
	CHECK(strstr(err, "FB FC") != NULL);
	/* same bytes behind a header that declares ISO IR87 */
	{
		char	 msg[128], want[32];
		size_t	 k;

		k = (size_t)snprintf(msg, sizeof(msg),
		    HDR "~ISO IR87\rPID|1||");
		snprintf(want, sizeof(want), "offset %zu: FB FC", k);
		msg[k++] = (char)0xFB;
		msg[k++] = (char)0xFC;
		m = hl7_parse_ex(msg, k, &code, err, sizeof(err));
		CHECK(m == NULL);
		CHECK(code == HL7_E_ENCODING);
		CHECK(strstr(err, "ISO-2022-JP") != NULL);
		CHECK(strstr(err, want) != NULL);
		hl7_free(m);
	}
	free(b);
}

/* The same message with every kind of line end gives the same result. */
static void
test_line_endings(void)
{
#define S1	"MSH|^~\\&|A|B"
#define S2	"PID|1||123^^^X||Doe^John"
#define S3	"OBX|1|ST|c||val"
	static const char *v[] = {
		S1 "\r" S2 "\r" S3,
		S1 "\n" S2 "\n" S3 "\n",
		S1 "\r\n" S2 "\r\n" S3 "\r\n",
		S1 "\r\n" S2 "\n" S3 "\r",
		S1 "\r" S2 "\r" S3 "\r\x1c",
		S1 "\r" S2 "\r" S3 "\x1c\r",
		"\x0b" S1 "\r" S2 "\r" S3 "\x1c\r\n",
		"\r\n\r\n" S1 "\r\n\r\n" S2 "\n\n\n" S3 " \t\r\n \n",
		"\xef\xbb\xbf" S1 "\n  \n" S2 "\n" S3,
	};
#undef S1
#undef S2
#undef S3
	struct hl7_msg	*m;
	size_t		 i, len;
	const char	*t;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if ((m = str(v[i])) == NULL) {
			fprintf(stderr, "variant %zu\n", i);
			CHECK(0);
			continue;
		}
		CHECK(hl7_nseg(m) == 3);
		CHECK_STR(hl7_segname(m, 1), "PID");
		CHECK_STR(hl7_segname(m, 2), "OBX");
		CHECK_STR(get(m, 0, 4, 1, 1, 1), "B");
		CHECK_STR(get(m, 1, 3, 1, 1, 1), "123");
		CHECK_STR(get(m, 1, 3, 1, 4, 1), "X");
		CHECK_STR(get(m, 1, 5, 1, 2, 1), "John");
		CHECK_STR(get(m, 2, 5, 1, 1, 1), "val");
		CHECK(hl7_nfield(m, 2) == 5);
		t = hl7_text(m, &len);
		CHECK(t != NULL && len > 0 && strlen(t) == len);
		CHECK(t != NULL && len > 0 && t[len - 1] == 'l');
		CHECK_STR(hl7_charset(m), "UTF-8");
		hl7_free(m);
	}
}

/* sample_win.hl7 (CRLF) and sample_unix.hl7 (LF) read the same. */
static void
test_win_unix(void)
{
	struct hl7_msg	*w, *u;
	char		 a[2048], b[2048];
	size_t		 s;
	int		 f, r, c, ra, rb;

	w = load(LFH "sample_win.hl7");
	u = load(LFH "sample_unix.hl7");
	CHECK(w != NULL && u != NULL);
	if (w == NULL || u == NULL) {
		hl7_free(w);
		hl7_free(u);
		return;
	}
	CHECK(hl7_nseg(w) == 8 && hl7_nseg(u) == 8);
	for (s = 0; s < hl7_nseg(w) && s < hl7_nseg(u); s++) {
		CHECK_STR(hl7_segname(w, s), hl7_segname(u, s));
		if (s == 0)	/* MSH-18 and MSH-24 differ between the two */
			continue;
		for (f = 1; f <= hl7_nfield(u, s); f++) {
			for (r = 1; r <= hl7_nrep(u, s, f); r++)
				for (c = 1; c <= hl7_ncomp(u, s, f, r); c++) {
					ra = hl7_get(w, s, f, r, c, 1, a,
					    sizeof(a));
					rb = hl7_get(u, s, f, r, c, 1, b,
					    sizeof(b));
					CHECK(ra == rb);
					CHECK_STR(a, b);
				}
		}
	}
	/* MSH-2 is written ^~\\& there: the doubled \ is skipped */
	CHECK_STR(get(u, 0, 2, 1, 1, 1), "^~\\\\&");
	CHECK_STR(get(u, 0, 9, 1, 2, 1), "A01");
	CHECK_STR(get(u, 2, 3, 2, 1, 1), "1234568965");
	CHECK_STR(get(u, 2, 3, 2, 4, 1), "USA");
	/* "\r" there is two characters, an unterminated escape: kept */
	CHECK_STR(get(u, hl7_find(u, "AL1", 1), 5, 2, 1, 1), "VOMITING\\r");
	CHECK_STR(get(u, hl7_find(u, "AL1", 1), 5, 1, 1, 1), "SEIZURES");
	CHECK_STR(get(u, hl7_find(u, "OBX", 0), 16, 3, 3, 1), "Paul");
	CHECK_STR(get(u, hl7_find(u, "PRB", 0), 3, 1, 1, 1), "aortic stenosis");
	CHECK_STR(get(w, 0, 18, 1, 1, 1), "ASCII");
	hl7_free(w);
	hl7_free(u);

	/* LF, no final newline, empty OBX-5 values */
	if ((u = load(LFH "ORU-multiline-short-mixed.hl7")) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_nseg(u) == 9);
	CHECK(hl7_get(u, hl7_find(u, "OBX", 1), 5, 1, 1, 1, a, sizeof(a)) == 1);
	CHECK_STR(get(u, hl7_find(u, "OBX", 3), 5, 1, 1, 1),
	    "ED Encounter Arrival Date: [ADDRESS] [PERSONALNAME]:");
	CHECK_STR(get(u, hl7_find(u, "PID", 0), 11, 4, 1, 1), "");
	CHECK_STR(get(u, hl7_find(u, "PID", 0), 11, 4, 1, 2), "Warden Av");
	hl7_free(u);
}

static void
test_delimiters(void)
{
	struct hl7_msg	*m;
	const char	*e;

	/* non-standard delimiters: # field, @ component, ! repetition,
	 * $ escape, % sub-component */
	m = str("MSH#@!$%#SND#FAC#R#F#20240101##ADT@A08#1#P#2.5\r"
	    "PID#1##ID1@@@X!ID2#|^~\\&#a%b@c!d$F$e$S$f$T$g$R$h$E$i");
	if (m == NULL) {
		CHECK(0);
		return;
	}
	CHECK_STR(get(m, 0, 1, 1, 1, 1), "#");
	CHECK_STR(get(m, 0, 2, 1, 1, 1), "@!$%");
	CHECK_STR(get(m, 0, 9, 1, 2, 1), "A08");
	CHECK_STR(get(m, 1, 3, 1, 4, 1), "X");
	CHECK_STR(get(m, 1, 3, 2, 1, 1), "ID2");
	CHECK_STR(get(m, 1, 4, 1, 1, 1), "|^~\\&");	/* plain data here */
	CHECK_STR(get(m, 1, 5, 1, 1, 1), "a");
	CHECK_STR(get(m, 1, 5, 1, 1, 2), "b");
	CHECK_STR(get(m, 1, 5, 1, 2, 1), "c");
	CHECK_STR(get(m, 1, 5, 2, 1, 1), "d#e@f%g!h$i");
	hl7_free(m);

	/* only three encoding characters: & is data */
	m = str("MSH|^~\\|A\rPID|1||a&b^c");
	CHECK(m != NULL);
	CHECK_STR(get(m, 1, 3, 1, 1, 1), "a&b");
	CHECK(hl7_nsub(m, 1, 3, 1, 1) == 1);
	CHECK(hl7_get(m, 1, 3, 1, 1, 2, NULL, 0) == 1);
	CHECK_STR(get(m, 1, 3, 1, 2, 1), "c");
	hl7_free(m);

	/* v2.7 truncation character is ignored */
	m = str("MSH|^~\\&#|A\rPID|1||a#b&c");
	CHECK(m != NULL);
	CHECK_STR(get(m, 1, 3, 1, 1, 1), "a#b");
	CHECK_STR(get(m, 0, 2, 1, 1, 1), "^~\\&#");
	hl7_free(m);

	e = fails("MSH", 3, HL7_E_DELIM);
	CHECK(strstr(e, "MSH-1") != NULL);
	fails("MSHA^~\\&|", 9, HL7_E_DELIM);
	fails("MSH |", 5, HL7_E_DELIM);
	e = fails("MSH||A", 6, HL7_E_DELIM);
	CHECK(strstr(e, "MSH-2") != NULL);
	fails("MSH|^~1&|A", 10, HL7_E_DELIM);
	fails("MSH|\r", 5, HL7_E_DELIM);
}

static void
test_escapes(void)
{
	struct hl7_msg	*m;

	m = str("MSH|^~\\&|A\r"
	    "NTE|1|"
	    "\\F\\|"			/* 2 */
	    "\\S\\|"			/* 3 */
	    "\\T\\|"			/* 4 */
	    "\\R\\|"			/* 5 */
	    "\\E\\|"			/* 6 */
	    "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f|"	/* 7 */
	    "\\X41\\|"			/* 8 */
	    "\\XE697A5E69CAC\\|"	/* 9: 日本 */
	    "\\Xe697a5\\|"		/* 10: 日, lower case hex */
	    "\\XFF\\|"			/* 11: not UTF-8: kept */
	    "\\X00\\|"			/* 12: NUL: kept */
	    "\\X4\\|"			/* 13: odd digits: kept */
	    "\\XZZ\\|"			/* 14: not hex: kept */
	    "\\H\\bold\\N\\|"		/* 15 */
	    "l1\\.br\\l2\\.sp\\l3|"	/* 16 */
	    "\\Zxyz\\|"			/* 17: local escape kept */
	    "abc\\F|"			/* 18: unterminated */
	    "\\\\|"			/* 19: empty escape */
	    "a\\S\\b^c|"		/* 20 */
	    "\"\"|"			/* 21: HL7 null */
	    "\\X0D0A\\|"		/* 22: CR LF */
	    "x\\E\\F\\E\\y|"		/* 23: \E\ then literal F */
	    "\\Cxxyy\\");		/* 24 */
	if (m == NULL) {
		CHECK(0);
		return;
	}
	CHECK_STR(get(m, 1, 2, 1, 1, 1), "|");
	CHECK_STR(get(m, 1, 3, 1, 1, 1), "^");
	CHECK_STR(get(m, 1, 4, 1, 1, 1), "&");
	CHECK_STR(get(m, 1, 5, 1, 1, 1), "~");
	CHECK_STR(get(m, 1, 6, 1, 1, 1), "\\");
	CHECK_STR(get(m, 1, 7, 1, 1, 1), "a|b^c&d~e\\f");
	CHECK(hl7_ncomp(m, 1, 7, 1) == 1);
	CHECK(hl7_nrep(m, 1, 7) == 1);
	CHECK_STR(get(m, 1, 8, 1, 1, 1), "A");
	CHECK_STR(get(m, 1, 9, 1, 1, 1), "日本");
	CHECK_STR(get(m, 1, 10, 1, 1, 1), "日");
	CHECK_STR(get(m, 1, 11, 1, 1, 1), "\\XFF\\");
	CHECK_STR(get(m, 1, 12, 1, 1, 1), "\\X00\\");
	CHECK_STR(get(m, 1, 13, 1, 1, 1), "\\X4\\");
	CHECK_STR(get(m, 1, 14, 1, 1, 1), "\\XZZ\\");
	CHECK_STR(get(m, 1, 15, 1, 1, 1), "bold");
	CHECK_STR(get(m, 1, 16, 1, 1, 1), "l1\nl2\nl3");
	CHECK_STR(get(m, 1, 17, 1, 1, 1), "\\Zxyz\\");
	CHECK_STR(get(m, 1, 18, 1, 1, 1), "abc\\F");
	CHECK_STR(get(m, 1, 19, 1, 1, 1), "\\\\");
	CHECK_STR(get(m, 1, 20, 1, 1, 1), "a^b");
	CHECK_STR(get(m, 1, 20, 1, 2, 1), "c");
	CHECK_STR(get(m, 1, 21, 1, 1, 1), "\"\"");
	CHECK_STR(get(m, 1, 22, 1, 1, 1), "\r\n");
	CHECK_STR(get(m, 1, 23, 1, 1, 1), "x\\F\\y");
	CHECK_STR(get(m, 1, 24, 1, 1, 1), "\\Cxxyy\\");
	/* a value that decodes to nothing is "empty" */
	CHECK(hl7_get(m, 1, 15, 1, 1, 1, NULL, 0) == -1);
	{
		char	 raw[64];

		CHECK(hl7_raw(m, 1, 7, raw, sizeof(raw)) == 0);
		CHECK_STR(raw, "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f");
		CHECK(hl7_raw(m, 1, 99, raw, sizeof(raw)) == 1);
		CHECK(hl7_raw(m, 0, 1, raw, sizeof(raw)) == 0);
		CHECK_STR(raw, "|");
		CHECK(hl7_raw(m, 0, 2, raw, sizeof(raw)) == 0);
		CHECK_STR(raw, "^~\\&");
	}
	hl7_free(m);

	m = str("MSH|^~\\&|A\rNTE|1|\\H\\\\N\\");
	CHECK(m != NULL);
	CHECK(hl7_get(m, 1, 2, 1, 1, 1, NULL, 0) == 1);
	hl7_free(m);
}

static void
test_structure(void)
{
	struct hl7_msg	*m;
	char		 v[32];

	m = str("MSH|^~\\&|A\rZZ1|a1&a2^b~c^d&e&f~~|^|~|&||x");
	if (m == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_nfield(m, 0) == 3);
	CHECK(hl7_nfield(m, 1) == 6);
	CHECK(hl7_nrep(m, 1, 1) == 4);
	CHECK(hl7_ncomp(m, 1, 1, 1) == 2);
	CHECK(hl7_nsub(m, 1, 1, 1, 1) == 2);
	CHECK_STR(get(m, 1, 1, 1, 1, 1), "a1");
	CHECK_STR(get(m, 1, 1, 1, 1, 2), "a2");
	CHECK_STR(get(m, 1, 1, 1, 2, 1), "b");
	CHECK(hl7_get(m, 1, 1, 1, 1, 3, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 1, 1, 3, 1, v, sizeof(v)) == 1);
	CHECK_STR(v, "");
	CHECK_STR(get(m, 1, 1, 2, 1, 1), "c");
	CHECK_STR(get(m, 1, 1, 2, 2, 1), "d");
	CHECK_STR(get(m, 1, 1, 2, 2, 3), "f");
	CHECK(hl7_nsub(m, 1, 1, 2, 2) == 3);
	CHECK(hl7_ncomp(m, 1, 1, 3) == 0);
	CHECK(hl7_get(m, 1, 1, 3, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 1, 5, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_ncomp(m, 1, 2, 1) == 2);
	CHECK(hl7_nrep(m, 1, 3) == 2);
	CHECK(hl7_nsub(m, 1, 4, 1, 1) == 2);
	CHECK(hl7_nrep(m, 1, 5) == 0);
	CHECK_STR(get(m, 1, 6, 1, 1, 1), "x");
	/* out-of-range and nonsense indexes are "absent" */
	CHECK(hl7_get(m, 1, 0, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 1, 0, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 1, 1, 0, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 1, 1, 1, 0, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, -3, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 1, 8, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 2, 1, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, HL7_NOSEG, 1, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(NULL, 0, 1, 1, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 0, 1, 2, 1, 1, v, sizeof(v)) == 1);
	CHECK(hl7_get(m, 0, 2, 1, 2, 1, v, sizeof(v)) == 1);
	CHECK(hl7_nrep(m, 0, 2) == 1 && hl7_ncomp(m, 0, 2, 1) == 1);
	CHECK(hl7_nfield(m, 5) == 0 && hl7_nrep(m, 5, 1) == 0);
	CHECK(hl7_nseg(NULL) == 0 && hl7_segname(NULL, 0) == NULL);
	CHECK(hl7_find(NULL, "MSH", 0) == HL7_NOSEG);
	CHECK(hl7_find(m, NULL, 0) == HL7_NOSEG);
	CHECK(hl7_find(m, "ZZ1", 0) == 1);
	CHECK(hl7_next(m, "ZZ1", 2) == HL7_NOSEG);
	CHECK(hl7_find(m, "PID", 0) == HL7_NOSEG);
	hl7_free(m);
	hl7_free(NULL);
}

static void
test_find(void)
{
	struct hl7_msg	*m;
	size_t		 i, n = 0;
	static const char *tests[] = { "A/G比", "総蛋白", "アルブミン" };

	if ((m = load(OML11)) == NULL) {
		CHECK(0);
		return;
	}
	for (i = hl7_next(m, "OBX", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "OBX", i + 1)) {
		CHECK(n < 3);
		if (n < 3)
			CHECK_STR(get(m, i, 3, 1, 2, 1), tests[n]);
		CHECK(hl7_find(m, "OBX", n) == i);
		n++;
	}
	CHECK(n == 3);
	CHECK_STR(get(m, hl7_find(m, "OBX", 1), 6, 1, 1, 1), "g/dl");
	CHECK_STR(get(m, hl7_find(m, "OBX", 1), 7, 1, 1, 1), "6.70-8.3");
	CHECK_STR(sget(m, "SPM", 4, 1, 2, 1), "血清");
	CHECK_STR(sget(m, "ORC", 21, 1, 1, 1), "登呂病院");
	CHECK_STR(sget(m, "PID", 3, 1, 1, 1), "0001000052");
	hl7_free(m);

	/* OMG-13: components holding sub-components, shifted PID-7/PID-9 */
	if ((m = load(OMG13)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_STR(get(m, hl7_find(m, "OBX", 0), 3, 1, 1, 2), "IMP");
	CHECK_STR(get(m, hl7_find(m, "OBX", 0), 5, 1, 1, 1), "心筋虚血疑い");
	CHECK_STR(get(m, hl7_find(m, "OBX", 5), 3, 1, 2, 1), "QTc 時間");
	CHECK_STR(get(m, hl7_find(m, "OBX", 5), 3, 1, 2, 2), "Bazzet");
	CHECK(hl7_get(m, hl7_find(m, "PID", 0), 7, 1, 1, 1, NULL, 0) == 1);
	CHECK_STR(sget(m, "PID", 9, 1, 1, 1), "19470515");
	CHECK_STR(sget(m, "OBR", 4, 1, 2, 1), "標準１２誘導心電図");
	hl7_free(m);
}

/*
 * Vital signs as bedside systems send them (ORU^R30, written here from the
 * HL7 v2.5 structure): the observations, their times as given, several a
 * day, and the files' MLLP end byte (docs/import.md).
 */
static void
test_vitals_r30(void)
{
	struct hl7_msg	*m;
	char		 code[8], ev[8], v[64], ts[20], g[HL7_TS_GIVEN];
	size_t		 i, n = 0;
	static const char *const at[] = { "2024-01-05T08:00",
	    "2024-01-05T08:00:30", "2024-01-05T20:00:00.250" };

	m = str("MSH|^~\\&|BEDSIDE|WARD3|GW|RCV|20240105200001.25||"
	    "ORU^R30^ORU_R30|V1|P|2.5||||||~ISO IR87\r"
	    "PID|1||4000001^^^^PI\r"
	    "PV1|1|I|3A^301^1\r"
	    "OBR|1||V1|VITAL^バイタル^LOCAL|||202401050800\r"
	    "OBX|1|NM|8310-5^BT^LN||36.5|Cel|36.0-37.5||||F|||202401050800\r"
	    "OBX|2|NM|8867-4^HR^LN||72|/min|60-100||||F|||20240105080030\r"
	    "OBX|3|NM|8310-5^BT^LN||37.8|Cel|36.0-37.5|H|||F|||20240105200000250"
	    "\r\x1c");
	if (m == NULL) {
		CHECK(0);
		return;
	}
	CHECK(hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == 0);
	CHECK_STR(code, "ORU");
	CHECK_STR(ev, "R30");
	CHECK(hl7_msg_time(m, ts, sizeof(ts)) == 0);
	CHECK_STR(ts, "2024-01-05 20:00:01");
	for (i = hl7_next(m, "OBX", 0); i != HL7_NOSEG;
	    i = hl7_next(m, "OBX", i + 1), n++) {
		CHECK(hl7_get(m, i, 14, 1, 1, 1, v, sizeof(v)) == 0);
		CHECK(hl7_ts_given(v, ts, sizeof(ts), g, sizeof(g)) == 0);
		CHECK_STR(g, at[n]);
	}
	CHECK(n == 3);
	CHECK_STR(get(m, 6, 8, 1, 1, 1), "H");
	hl7_free(m);
}

static void
test_japanese(void)
{
	struct hl7_msg	*m;
	char		 err[256];
	const char	*e;
	int		 code;
	/* ●緯本・◇− : JIS 217C 305E 4B5C 2126 217E 215D, whose bytes hold
	 * | ^ \ & ~ */
	static const char jis[] = "\x1b$B\x21\x7c\x30\x5e\x4b\x5c\x21\x26"
	    "\x21\x7e\x21\x5d\x1b(B";
	static const char utf[] = "\xe2\x97\x8f\xe7\xb7\xaf\xe6\x9c\xac"
	    "\xe3\x83\xbb\xe2\x97\x87\xe2\x88\x92";
	static const char *hdrs[] = {
		HDR "~ISO IR87\r",
		HDR "~ISOIR87\r",
		HDR "iso ir87\r",
		HDR "ISO_IR 87||ISO 2022-1994\r",
		HDR "ISO IR6~ISO IR87|\r",
	};
	char	 msg[256];
	size_t	 i;

	for (i = 0; i < sizeof(hdrs) / sizeof(hdrs[0]); i++) {
		snprintf(msg, sizeof(msg), "%sPID|1||X||%s^%s|%s\r\x1c",
		    hdrs[i], jis, jis, jis);
		if ((m = str(msg)) == NULL) {
			CHECK(0);
			continue;
		}
		CHECK_STR(hl7_charset(m), "ISO-2022-JP");
		CHECK(hl7_nfield(m, 1) == 6);
		CHECK(hl7_ncomp(m, 1, 5, 1) == 2);
		CHECK_STR(get(m, 1, 5, 1, 1, 1), utf);
		CHECK_STR(get(m, 1, 5, 1, 2, 1), utf);
		CHECK_STR(get(m, 1, 6, 1, 1, 1), utf);
		hl7_free(m);
	}
	/* JIS 0x215D alone is U+2212, not U+FF0D */
	m = str(HDR "~ISO IR87\rNTE|1|\x1b$B!]\x1b(B");
	CHECK(m != NULL);
	CHECK_STR(get(m, 1, 2, 1, 1, 1), MINUS);
	hl7_free(m);

	/* kanji before MSH-18 whose bytes include '|': detection must track
	 * the shift state to find MSH-18 */
	snprintf(msg, sizeof(msg), "MSH|^~\\&|%s||||||||||%s|||||~ISO IR87\r"
	    "PID|1||X||%s", jis, jis, jis);
	if ((m = str(msg)) == NULL)
		CHECK(0);
	else {
		CHECK_STR(get(m, 0, 3, 1, 1, 1), utf);
		CHECK_STR(get(m, 0, 13, 1, 1, 1), utf);
		CHECK_STR(get(m, 0, 18, 2, 1, 1), "ISO IR87");
		CHECK_STR(get(m, 1, 5, 1, 1, 1), utf);
		hl7_free(m);
	}

	/* declared and read alike: nothing to tell */
	m = str(HDR "~ISO IR87\rPID|1||X");
	CHECK(m != NULL);
	CHECK_STR(hl7_charset(m), "ISO-2022-JP");
	CHECK_STR(hl7_declared_charset(m), "ISO-2022-JP");
	hl7_free(m);
	/*
	 * ISO-2022-JP bytes without the MSH-18 declaration (docs/import.md): read as
	 * ISO-2022-JP, and the declaration told apart for the import page
	 */
	snprintf(msg, sizeof(msg), "MSH|^~\\&|A\rPID|1||X||%s", jis);
	m = hl7_parse_ex(msg, strlen(msg), &code, err, sizeof(err));
	CHECK(m != NULL && code == HL7_OK && err[0] == '\0');
	if (m != NULL) {
		CHECK_STR(get(m, 1, 5, 1, 1, 1), utf);
		CHECK_STR(hl7_charset(m), "ISO-2022-JP");
		CHECK_STR(hl7_declared_charset(m), "UTF-8");
		hl7_free(m);
	}
	/* UTF-8 text under an ISO IR87 declaration: read as UTF-8 */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\r"
	    "PID|1||X||患者^太郎");
	m = hl7_parse_ex(msg, strlen(msg), &code, err, sizeof(err));
	CHECK(m != NULL && code == HL7_OK && err[0] == '\0');
	if (m != NULL) {
		CHECK_STR(get(m, 1, 5, 1, 2, 1), "太郎");
		CHECK_STR(hl7_charset(m), "UTF-8");
		CHECK_STR(hl7_declared_charset(m), "ISO-2022-JP");
		hl7_free(m);
	}
	/* ... with the declaration spelled the other way */
	m = str(HDR "~ISOIR87\rPID|1||X||患者");
	CHECK(m != NULL && strcmp(hl7_declared_charset(m), "ISO-2022-JP") == 0 &&
	    strcmp(hl7_charset(m), "UTF-8") == 0);
	hl7_free(m);
	/* neither: UTF-8 with an escape sequence in it, JIS with a high byte */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\r"
	    "PID|1||X||患者\x1b$B0!\x1b(B");
	e = fails(msg, strlen(msg), HL7_E_ENCODING);
	CHECK(strstr(e, "ISO-2022-JP") != NULL);
	snprintf(msg, sizeof(msg), "MSH|^~\\&|A\rPID|1||X||%s\xe6", jis);
	e = fails(msg, strlen(msg), HL7_E_ENCODING);
	CHECK(strstr(e, "ISO IR87") != NULL);
	/* Shift_JIS is neither, declared or not */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\rPID|1||X||\x8a\xb3\x8e\xd2");
	fails(msg, strlen(msg), HL7_E_ENCODING);
	snprintf(msg, sizeof(msg), "MSH|^~\\&|A\rPID|1||X||\x8a\xb3\x8e\xd2");
	fails(msg, strlen(msg), HL7_E_ENCODING);
	/* ends inside a two-byte character */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\r"
	    "PID|1||X||\x1b$B\x30");
	m = hl7_parse_ex(msg, strlen(msg), &code, err, sizeof(err));
	CHECK(m == NULL && code == HL7_E_ENCODING);
	hl7_free(m);
	/* NEC row 13 (①) is not JIS X 0208: refused with the offset */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\r"
	    "PID|1||X||\x1b$B\x2d\x21\x1b(B");
	m = hl7_parse_ex(msg, strlen(msg), &code, err, sizeof(err));
	CHECK(m == NULL && code == HL7_E_ENCODING);
	CHECK(strstr(err, "2D 21") != NULL);
	hl7_free(m);

	/* UTF-8 without a declaration is fine */
	m = str(HDR "UNICODE UTF-8\rPID|1||X||患者^太郎");
	CHECK(m != NULL);
	CHECK_STR(get(m, 1, 5, 1, 2, 1), "太郎");
	CHECK_STR(hl7_charset(m), "UTF-8");
	hl7_free(m);
	/* invalid UTF-8: overlong, surrogate, lone continuation byte */
	fails("MSH|^~\\&|A\rPID|1||\xc0\xaf", 20, HL7_E_ENCODING);
	fails("MSH|^~\\&|A\rPID|1||\xed\xa0\x80", 21, HL7_E_ENCODING);
	fails("MSH|^~\\&|A\rPID|1||\x80", 19, HL7_E_ENCODING);
	fails("MSH|^~\\&|A\rPID|1||\xe6\x97", 20, HL7_E_ENCODING);
	/* NUL and other control characters */
	fails("MSH|^~\\&|A\rPID|1||a\0b", 21, HL7_E_ENCODING);
	fails("MSH|^~\\&|A\rPID|1||a\x1c" "b", 21, HL7_E_ENCODING);
	/* Latin-1 when declared */
	m = str(HDR "8859/1\rPID|1||X||M\xfcller");
	CHECK(m != NULL);
	CHECK_STR(get(m, 1, 5, 1, 1, 1), "M\xc3\xbcller");
	CHECK_STR(hl7_charset(m), "ISO-8859-1");
	hl7_free(m);
	/* a control character that only appears after conversion */
	snprintf(msg, sizeof(msg), HDR "~ISO IR87\rPID|1||\x1b$B0!\x1b(B\x01");
	m = hl7_parse_ex(msg, strlen(msg), &code, err, sizeof(err));
	CHECK(m == NULL && code == HL7_E_ENCODING);
	CHECK(strstr(err, "ISO-2022-JP から UTF-8") != NULL);
	CHECK(strstr(err, ": 01") != NULL);
	hl7_free(m);
}

static void
test_timestamps(void)
{
	static const struct {
		const char	*in, *out;
	} ok[] = {
		{ "20111220224447.3399", "2011-12-20 22:44:47" },
		{ "20111220224447.3399+0900", "2011-12-20 22:44:47" },
		{ "20111220224447.1", "2011-12-20 22:44:47" },
		{ "20111220224447-0500", "2011-12-20 22:44:47" },
		{ "201112202244", "2011-12-20 22:44:00" },
		{ "2011122022", "2011-12-20 22:00:00" },
		{ "20111220", "2011-12-20 00:00:00" },
		{ "20120229", "2012-02-29 00:00:00" },
		{ "20000229235959", "2000-02-29 23:59:59" },
		{ " 20111220224447 ", "2011-12-20 22:44:47" },
		{ "20111220+0900", "2011-12-20 00:00:00" },
		/* as SS-MIX2 writers have them (docs/import.md) */
		{ "201601011500.321", "2016-01-01 15:00:00" },
		{ "20160101150000321", "2016-01-01 15:00:00" },
		{ "2016010115000032", "2016-01-01 15:00:00" },
		{ "201601011500003", "2016-01-01 15:00:00" },
		{ "20160101150000321+0900", "2016-01-01 15:00:00" },
	};
	static const struct {
		const char	*in, *given;
	} given[] = {
		{ "20111220", "2011-12-20" },
		{ "2011122022", "2011-12-20T22" },
		{ "201112202244", "2011-12-20T22:44" },
		{ "20111220224447", "2011-12-20T22:44:47" },
		{ "20111220224447.3399", "2011-12-20T22:44:47.3399" },
		{ "20111220224447.123456789+0900", "2011-12-20T22:44:47.123456789" },
		{ "201601011500.321", "2016-01-01T15:00" },
		{ "20160101150000321", "2016-01-01T15:00:00.321" },
		{ "201601011500003", "2016-01-01T15:00:00.3" },
		{ " 20160101150000000 ", "2016-01-01T15:00:00.000" },
	};
	char	 g[HL7_TS_GIVEN];
	static const char *bad[] = { "", "2011", "201112", "2011122",
	    "20111320", "20110230", "20110229", "19000229", "20111200",
	    "00000101",
	    "20111220246000", "20111220226000", "20111220224460",
	    "20111220224447.", "20111220224447.1234567890", "2011122022.12",
	    "201112202244.", "201112202244.1234567890", "20160101150000321.5",
	    "201601011500003210", "2016010115000", "20160101250000321",
	    "2011122022+09", "20111220224447+09000", "20111220224447+2500",
	    "20111220x", "2011-12-20", "20111220224447.33 99", "abc" };
	char	 out[20], small[19];
	size_t	 i;
	struct hl7_msg	*m;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CHECK(hl7_ts(ok[i].in, out, sizeof(out)) == 0);
		CHECK_STR(out, ok[i].out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hl7_ts(bad[i], out, sizeof(out)) != -1)
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
		CHECK(hl7_ts(bad[i], out, sizeof(out)) == -1);
		CHECK_STR(out, "");
	}
	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
		CHECK(hl7_ts_given(given[i].in, out, sizeof(out), g,
		    sizeof(g)) == 0);
		CHECK_STR(g, given[i].given);
	}
	CHECK(hl7_ts_given("20111220", out, sizeof(out), g, sizeof(g) - 1) ==
	    -1);
	CHECK(hl7_ts_given("2011122", out, sizeof(out), g, sizeof(g)) == -1);
	CHECK_STR(g, "");
	CHECK(hl7_ts_given("20111220", out, sizeof(out), NULL, 0) == 0);
	CHECK(hl7_ts("20111220", small, sizeof(small)) == -1);
	CHECK(hl7_ts(NULL, out, sizeof(out)) == -1);
	CHECK(hl7_ts("20111220", NULL, 0) == -1);

	/* MSH-7 with 4 fractional digits in the samples */
	if ((m = load(OML01)) != NULL) {
		CHECK_STR(get(m, 0, 7, 1, 1, 1), "20111220103059.1234");
		CHECK(hl7_msg_time(m, out, sizeof(out)) == 0);
		CHECK_STR(out, "2011-12-20 10:30:59");
		hl7_free(m);
	} else
		CHECK(0);
	m = str("MSH|^~\\&|A||||");
	CHECK(m != NULL);
	CHECK(hl7_msg_time(m, out, sizeof(out)) == 1);
	CHECK(hl7_msg_type(m, NULL, 0, NULL, 0) == 1);
	hl7_free(m);
	m = str("MSH|^~\\&|A||||2011-12-20|");
	CHECK(m != NULL);
	CHECK(hl7_msg_time(m, out, sizeof(out)) == -1);
	hl7_free(m);
	CHECK(hl7_msg_time(NULL, out, sizeof(out)) == 1);
}

static void
test_bad_input(void)
{
	char		 err[256], tiny[6], *big, *p;
	const char	*e;
	struct hl7_msg	*m;
	int		 code;
	size_t		 i, n;

	e = fails("", 0, HL7_E_EMPTY);
	CHECK(strstr(e, "空") != NULL);
	fails(NULL, 0, HL7_E_EMPTY);
	fails(NULL, 5, HL7_E_ARG);
	fails("\r\n\x1c \t\x0b", 6, HL7_E_EMPTY);
	fails("\x1c", 1, HL7_E_EMPTY);
	e = fails("PID|1||X\r", 9, HL7_E_NOMSH);
	CHECK(strstr(e, "MSH") != NULL);
	fails("EVN|x\rMSH|^~\\&|A", 16, HL7_E_NOMSH);
	fails("MS", 2, HL7_E_NOMSH);
	fails("FHS|^~\\&|A\rMSH|^~\\&|B", 21, HL7_E_NOMSH);
	e = fails("MSH|^~\\&|A\rpid|1", 16, HL7_E_SEGMENT);
	CHECK(strstr(e, "2 行目") != NULL);
	CHECK(strstr(e, "pid|1") != NULL);
	fails("MSH|^~\\&|A\r\nPID1|1", 18, HL7_E_SEGMENT);
	fails("MSH|^~\\&|A\rPI|1", 15, HL7_E_SEGMENT);
	fails("MSH|^~\\&|A\r|1", 13, HL7_E_SEGMENT);
	fails("MSH|^~\\&|A\rcontinued text\rPID|1", 31, HL7_E_SEGMENT);
	/* a name-only line with trailing blanks is still a segment */
	m = str("MSH|^~\\&|A\rAL1  \rPID|1");
	CHECK(m != NULL && hl7_nseg(m) == 3);
	CHECK_STR(hl7_segname(m, 1), "AL1");
	hl7_free(m);

	/* the error buffer: NUL-terminated, never a cut character */
	m = hl7_parse_ex("PID|1", 5, &code, tiny, sizeof(tiny));
	CHECK(m == NULL && code == HL7_E_NOMSH);
	CHECK_STR(tiny, "MSH ");	/* "MSH セ..." cut before the セ */
	m = hl7_parse_ex("PID|1", 5, &code, tiny, 0);
	CHECK(m == NULL && code == HL7_E_NOMSH);
	m = hl7_parse_ex("PID|1", 5, NULL, NULL, 0);
	CHECK(m == NULL);
	CHECK_STR(hl7_strerror(99), "unknown");
	CHECK_STR(hl7_strerror(-1), "unknown");
	CHECK_STR(hl7_strerror(HL7_E_NOMSH), "no-msh");

	/* too big */
	n = HL7_MAX_MSG + 1;
	if ((big = malloc(n)) != NULL) {
		memset(big, 'A', n);
		memcpy(big, "MSH|^~\\&|", 9);
		fails(big, n, HL7_E_TOOBIG);
		/* exactly the limit is allowed (one long field) */
		m = hl7_parse(big, n - 1, err, sizeof(err));
		CHECK(m != NULL);
		CHECK(hl7_nseg(m) == 1);
		CHECK(hl7_get(m, 0, 3, 1, 1, 1, tiny, sizeof(tiny)) == -1);
		CHECK_STR(tiny, "AAAAA");
		hl7_free(m);
		free(big);
	} else
		CHECK(0);

	/* too many segments */
	n = 9 + (size_t)(HL7_MAX_SEGS + 1) * 4;
	if ((big = malloc(n)) != NULL) {
		memcpy(big, "MSH|^~\\&\r", 9);
		for (p = big + 9, i = 0; i <= (size_t)HL7_MAX_SEGS; i++, p += 4)
			memcpy(p, "ZZZ\r", 4);
		e = fails(big, n, HL7_E_LIMIT);
		CHECK(strstr(e, "セグメント") != NULL);
		/* MSH and HL7_MAX_SEGS - 1 more fit */
		m = hl7_parse(big, n - 8, err, sizeof(err));
		CHECK(m != NULL && hl7_nseg(m) == HL7_MAX_SEGS);
		hl7_free(m);
		free(big);
	} else
		CHECK(0);

	/* too many fields in a segment, and in the message */
	n = 16 + HL7_MAX_FIELDS + 2;
	if ((big = malloc(n)) != NULL) {
		memcpy(big, "MSH|^~\\&|A\rZZZ", 14);
		memset(big + 14, '|', n - 14);
		fails(big, n, HL7_E_LIMIT);
		m = hl7_parse(big, 14 + HL7_MAX_FIELDS, err, sizeof(err));
		CHECK(m != NULL && hl7_nfield(m, 1) == HL7_MAX_FIELDS);
		hl7_free(m);
		free(big);
	} else
		CHECK(0);
	n = 11 + (size_t)(HL7_MAX_TOKENS / 1000 + 2) * 1004;
	if ((big = malloc(n)) != NULL) {
		memcpy(big, "MSH|^~\\&|A\r", 11);
		for (p = big + 11; p + 1004 <= big + n; p += 1004) {
			memcpy(p, "ZZZ", 3);
			memset(p + 3, '|', 1000);
			p[1003] = '\r';
		}
		memset(p, '\r', (size_t)(big + n - p));
		e = fails(big, n, HL7_E_LIMIT);
		CHECK(strstr(e, "総数") != NULL);
		free(big);
	} else
		CHECK(0);
}

static void
test_truncation(void)
{
	struct hl7_msg	*m;
	char		 out[8], code[3], ev[3];

	m = str("MSH|^~\\&|A||||||ADT^A08\rPID|1||X||患者^太郎|a\\F\\b|abcdef");
	if (m == NULL) {
		CHECK(0);
		return;
	}
	/* 患者 is 6 bytes: 4 bytes of room hold one character, not 1.33 */
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, out, 4) == -1);
	CHECK_STR(out, "患");
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, out, 6) == -1);
	CHECK_STR(out, "患");
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, out, 7) == 0);
	CHECK_STR(out, "患者");
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, out, 3) == -1);
	CHECK_STR(out, "");
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, out, 1) == -1);
	CHECK_STR(out, "");
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, NULL, 0) == -1);
	CHECK(hl7_get(m, 1, 5, 1, 1, 1, NULL, 10) == -1);
	CHECK(hl7_get(m, 1, 5, 1, 3, 1, NULL, 0) == 1);
	/* an escape at the edge */
	CHECK(hl7_get(m, 1, 6, 1, 1, 1, out, 2) == -1);
	CHECK_STR(out, "a");
	CHECK(hl7_get(m, 1, 6, 1, 1, 1, out, 3) == -1);
	CHECK_STR(out, "a|");
	CHECK(hl7_get(m, 1, 6, 1, 1, 1, out, 4) == 0);
	CHECK_STR(out, "a|b");
	/* ASCII exactly filling the buffer */
	CHECK(hl7_get(m, 1, 7, 1, 1, 1, out, 7) == 0);
	CHECK_STR(out, "abcdef");
	CHECK(hl7_get(m, 1, 7, 1, 1, 1, out, 6) == -1);
	CHECK_STR(out, "abcde");
	CHECK(hl7_raw(m, 1, 7, out, 3) == -1);
	CHECK_STR(out, "ab");
	CHECK(hl7_get(m, 0, 2, 1, 1, 1, out, 3) == -1);
	CHECK_STR(out, "^~");
	CHECK(hl7_msg_type(m, code, sizeof(code), ev, sizeof(ev)) == -1);
	CHECK(hl7_msg_type(m, NULL, 0, NULL, 0) == 0);
	hl7_free(m);
}

int
main(void)
{
	RUN(test_all_samples);
	RUN(test_adt00);
	RUN(test_broken_omp11);
	RUN(test_fbfc);
	RUN(test_line_endings);
	RUN(test_win_unix);
	RUN(test_delimiters);
	RUN(test_escapes);
	RUN(test_structure);
	RUN(test_find);
	RUN(test_vitals_r30);
	RUN(test_japanese);
	RUN(test_timestamps);
	RUN(test_bad_input);
	RUN(test_truncation);
	return T_DONE("hl7");
}
