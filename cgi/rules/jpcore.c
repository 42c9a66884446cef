/*
 * jpcore.c: a patient's shared records as FHIR R4 Bundles (type collection)
 * following JP Core, so that the network can hand its records to the
 * national platform (電子カルテ情報共有サービス) or to a hospital's own
 * system instead of keeping them in a silo (A11.2, A12.2; docs/rules.md). One bundle per
 * patient: Organization (each disclosing facility), Patient, Encounter,
 * Condition, AllergyIntolerance, Observation (labs, vital signs),
 * MedicationRequest and DocumentReference (by reference, never the bytes).
 * Every resource names its JP Core profile in meta.profile and its source
 * facility in meta.source (and, where the resource has a place for it, as
 * a reference to that facility's Organization).
 *
 * Who may see what is decided elsewhere: the viewer's decision
 * (pages/records.c) gives the facilities for /records/fhir; the admin tool
 * exports a facility's own records. This file only reads and writes.
 *
 * Profile URLs, code systems and identifier systems are JP Core's, as the
 * JAMI FHIR JP working group's sources define them (jp-core-v1x:
 * input/fsh/aliases-jpcore.fsh, input/fsh/profiles/JP_*.fsh and the
 * NamingSystems there; JP_Patient.fsh for the patient ID namespace
 * urn:oid:1.2.392.100495.20.3.51.1+医療機関コード; JP_MedicationRequest*.fsh
 * for the Rp identifiers) and, for the OID form of the MEDIS and MHLW
 * code systems, the clinical core set IG's table of code systems, whose
 * lab codes take only urn:oid:1.2.392.200119.4.504. Nothing of those
 * sources is copied here; what is taken from them is named where used.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/config.h"
#include "base/json.h"
#include "base/util.h"
#include "db/db.h"
#include "rules/jpcore.h"
#include "web/form.h"

/* JP Core profiles (StructureDefinition canonical URLs). */
#define JP_SD		"http://jpfhir.jp/fhir/core/StructureDefinition/"

/* Code systems: MEDIS, MHLW and JAMI masters, OID form. */
#define SYS_JLAC10	"urn:oid:1.2.392.200119.4.504"	/* 臨床検査 JLAC10 17 digits */
#define SYS_HOT13	"urn:oid:1.2.392.200119.4.402.1"	/* 医薬品 HOT13 */
#define SYS_HOT9	"urn:oid:1.2.392.200119.4.403.1"	/* 医薬品 HOT9 */
#define SYS_HOT7	"urn:oid:1.2.392.200119.4.403.2"	/* 医薬品 HOT7 */
#define SYS_YJ		"urn:oid:1.2.392.100495.20.1.73"	/* 医薬品 YJ (JP_MedicationRequest) */
#define SYS_DX_KEY	"urn:oid:1.2.392.200119.4.101.2"	/* 病名マスター 病名管理番号 */
#define SYS_DX_EX	"urn:oid:1.2.392.200119.4.101.6"	/* 病名マスター 病名交換用コード */
#define SYS_ICD10	"http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full"
#define SYS_LOINC	"http://loinc.org"
#define SYS_OBS_CAT	"http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS"

/* Identifier systems. */
#define SYS_RP		"urn:oid:1.2.392.100495.20.3.81"	/* Rp 番号 */
#define SYS_IN_RP	"urn:oid:1.2.392.100495.20.3.82"	/* Rp 内の順序 */
#define SYS_PATIENT	"urn:oid:1.2.392.100495.20.3.51.1"	/* + 医療機関コード */
#define SYS_INSTITUTION	"http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no"

/* FHIR's own terminology. */
#define HL7		"http://terminology.hl7.org/CodeSystem/"
#define EXT_EN_REP	"http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
#define UCUM		"http://unitsofmeasure.org"

#define LINKS_CHUNK	20	/* links the admin tool reads at once */
#define URI_MAX		512
#define ID_MAX		65	/* a resource id: 64 characters */

/* ---- pure mappings ---------------------------------------------------- */

/* Whether s is n characters long, each of set (n 0: any length, not empty). */
static int
shaped(const char *s, size_t n, const char *set)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	return len > 0 && (n == 0 || len == n) && strspn(s, set) == len;
}

/* Whether s says nothing: NULL, empty or white space (jw_str writes none of them). */
static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

#define DIGITS	"0123456789"
#define ALNUM	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/*
 * The FHIR system of a code as an SS-MIX2 (HL7 v2) message names its coding
 * system (CWE-3: JC10, HOT9, YJ, I10, MDCDX2, LN ...), when the code has
 * that system's shape; NULL for anything else, which the caller then writes
 * under the facility's own local system. HOT codes are told apart by their
 * length (a message may say HOT for any of them).
 */
const char *
jpcore_code_system(const char *v2, const char *code)
{
	if (v2 == NULL || blank(code))
		return NULL;
	if (str_eq(v2, "JC10"))
		return shaped(code, 17, ALNUM) ? SYS_JLAC10 : NULL;
	if (str_prefix(v2, "HOT") && shaped(code, 0, DIGITS)) {
		size_t n = strlen(code);
		return n == 13 ? SYS_HOT13 : n == 9 ? SYS_HOT9 : n == 7 ?
		    SYS_HOT7 : NULL;
	}
	if (str_eq(v2, "YJ"))
		return shaped(code, 12, ALNUM) ? SYS_YJ : NULL;
	if (str_eq(v2, "I10") || str_eq(v2, "ICD10"))
		return shaped(code, 0, ALNUM ".") ? SYS_ICD10 : NULL;
	if (str_eq(v2, "MDCDX2") || str_eq(v2, "MDCDX"))
		return shaped(code, 8, DIGITS) ? SYS_DX_KEY :
		    shaped(code, 4, ALNUM) ? SYS_DX_EX : NULL;
	if (str_eq(v2, "LN"))
		return shaped(code, 0, DIGITS "-") ? SYS_LOINC : NULL;
	return NULL;
}

/* 1 when s is a FHIR decimal as JSON writes a number (no leading zeros). */
int
jpcore_decimal(const char *s)
{
	const char	*p = s;

	if (s == NULL || strlen(s) > 32)
		return 0;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p += strspn(p, DIGITS);
	else
		return 0;
	if (*p == '.') {
		p++;
		if (strspn(p, DIGITS) == 0)
			return 0;
		p += strspn(p, DIGITS);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (strspn(p, DIGITS) == 0)
			return 0;
		p += strspn(p, DIGITS);
	}
	return *p == '\0';
}

/* HL7 table 0001 (M F O U) as AdministrativeGender; NULL for anything else. */
const char *
jpcore_gender(const char *sex)
{
	return str_eq(sex, "M") ? "male" : str_eq(sex, "F") ? "female" :
	    str_eq(sex, "O") ? "other" : str_eq(sex, "U") ? "unknown" : NULL;
}

/*
 * OBX-11 as Observation.status. A result without a status is "unknown"
 * rather than a guessed "final"; an order line without a value (O, I) is
 * registered.
 */
const char *
jpcore_obs_status(const char *st, int has_value)
{
	if (str_eq(st, "F"))
		return "final";
	if (str_eq(st, "C"))
		return "corrected";
	if (str_eq(st, "P"))
		return "preliminary";
	if (str_eq(st, "X"))
		return "cancelled";
	if (str_eq(st, "W") || str_eq(st, "D"))
		return "entered-in-error";
	if (str_eq(st, "O") || str_eq(st, "I") || str_eq(st, "R") ||
	    str_eq(st, "S"))
		return has_value ? "preliminary" : "registered";
	return "unknown";
}

/* OBX-8 as a v3 ObservationInterpretation code; NULL when not one. */
const char *
jpcore_interpretation(const char *flag)
{
	static const char *const codes[] = { "H", "L", "HH", "LL", "N", "A",
	    "AA", NULL };

	for (size_t i = 0; codes[i] != NULL; i++)
		if (str_eq(flag, codes[i]))
			return codes[i];
	return NULL;
}

/*
 * IAM-2 (HL7 table 0127, as its code or the text the message gave) as
 * AllergyIntolerance.category; NULL when it says nothing FHIR has.
 */
const char *
jpcore_allergy_category(const char *t)
{
	if (blank(t))
		return NULL;
	if (str_eq(t, "DA") || strstr(t, "薬") != NULL)
		return "medication";
	if (str_eq(t, "FA") || strstr(t, "食") != NULL)
		return "food";
	if (str_eq(t, "EA") || str_eq(t, "LA") || str_eq(t, "PA") ||
	    strstr(t, "環境") != NULL || strstr(t, "花粉") != NULL)
		return "environment";
	return NULL;
}

/* IAM-4 (HL7 table 0128, code or text) as a reaction's severity. */
const char *
jpcore_severity(const char *s)
{
	if (str_eq(s, "MI") || str_eq(s, "軽度"))
		return "mild";
	if (str_eq(s, "MO") || str_eq(s, "中等度"))
		return "moderate";
	if (str_eq(s, "SV") || str_eq(s, "重度"))
		return "severe";
	return NULL;
}

/*
 * A name as the network keeps it ("姓 名", a space of either width between)
 * into its family and given parts. 0, or -1 when it has no such space or
 * a part does not fit (then only the whole name is written).
 */
int
jpcore_name_split(const char *name, char *fam, size_t nf, char *giv,
    size_t ng)
{
	const char	*sp = NULL, *p;
	size_t		 w = 0;

	if (name == NULL)
		return -1;
	for (p = name; *p != '\0'; p++) {
		if (*p == ' ') {
			sp = p, w = 1;
			break;
		}
		if (strncmp(p, "\xe3\x80\x80", 3) == 0) {	/* U+3000 */
			sp = p, w = 3;
			break;
		}
	}
	if (sp == NULL || sp == name || sp[w] == '\0' ||
	    (size_t)(sp - name) >= nf || str_copy(giv, sp + w, ng) == -1)
		return -1;
	memcpy(fam, name, (size_t)(sp - name));
	fam[sp - name] = '\0';
	return 0;
}

/*
 * s as one URI path segment (RFC 3986 unreserved kept, the rest %XX) into
 * out. 0, or -1 when it does not fit.
 */
int
jpcore_uri_part(char *out, size_t n, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 o = 0;

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		int keep = strchr(ALNUM "abcdefghijklmnopqrstuvwxyz-._~", c) != NULL;
		if (o + (keep ? 1 : 3) >= n)
			return -1;
		if (keep)
			out[o++] = (char)c;
		else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	if (n == 0)
		return -1;
	out[o] = '\0';
	return 0;
}

/* ---- one bundle ------------------------------------------------------- */

enum src_kind { S_ENC, S_PRB, S_ALG, S_OBS, S_MED, S_DOC, S__MAX };

/* Each source's link and facility columns. */
static const int link_col[S__MAX] = { FHIR_ENC_LINK, FHIR_PRB_LINK,
    FHIR_ALG_LINK, FHIR_OBS_LINK, FHIR_MED_LINK, FHIR_DOC_LINK };

/* One statement's rows, and those of them that belong to this bundle. */
struct src {
	struct dbres	*res;
	size_t		 lo, hi;
};

struct bundle {
	struct jw		 w;
	const char		*base;		/* the network's URL */
	const struct dbres	*links;		/* FHIR_LINKS_* rows */
	size_t			 llo, lhi;	/* this bundle's links */
	const struct dbres	*patient;	/* FHIR_PATIENT, or NULL: the link's */
	char			 pid[ID_MAX];	/* the Patient's resource id */
	const char		*doc_url;	/* "...&id=" for attachments, or NULL */
	struct src		 s[S__MAX];
};

static const char *
cell(const struct src *s, size_t i, int col)
{
	return dbres_get(s->res, i, (size_t)col);
}

/* The code of facility fid among this bundle's links (NULL: not there). */
static const char *
fac_code(const struct bundle *b, const char *fid)
{
	for (size_t i = b->llo; i < b->lhi; i++)
		if (str_eq(dbres_get(b->links, i, FHIR_LINK_FACILITY_ID), fid))
			return dbres_get(b->links, i, FHIR_LINK_CODE);
	return NULL;
}

/* {"reference":"Type/id"} as the value of key (NULL inside an array). */
static void
ref(struct jw *w, const char *key, const char *type, const char *id)
{
	char	 r[128];

	if (str_fmt(r, sizeof(r), "%s/%s", type, id) == -1) {
		w->bad = 1;
		return;
	}
	jw_open(w, key, '{');
	jw_str(w, "reference", r);
	jw_close(w, '}');
}

static void
org_ref(struct jw *w, const char *key, const char *fid)
{
	char	 id[ID_MAX];

	str_fmt(id, sizeof(id), "org-%s", fid);
	ref(w, key, "Organization", id);
}

/* {"system":..,"code":..,"display":..} inside an array. */
static void
coding(struct jw *w, const char *sys, const char *code, const char *display)
{
	jw_open(w, NULL, '{');
	jw_str(w, "system", sys);
	jw_str(w, "code", code);
	jw_str(w, "display", display);
	jw_close(w, '}');
}

/* "key":{"coding":[one coding]} */
static void
concept1(struct jw *w, const char *key, const char *sys, const char *code)
{
	jw_open(w, key, '{');
	jw_open(w, "coding", '[');
	coding(w, sys, code, NULL);
	jw_close(w, ']');
	jw_close(w, '}');
}

/* "key":{"text":text} (nothing when text is empty). */
static void
text_concept(struct jw *w, const char *key, const char *text)
{
	if (blank(text))
		return;
	jw_open(w, key, '{');
	jw_str(w, "text", text);
	jw_close(w, '}');
}

/*
 * The system a code goes under: its standard one, or the facility's own
 * local system named after the message's coding system, so that a local
 * code is never passed off as a standard one.
 */
static int
code_system(const struct bundle *b, const char *fid, const char *v2,
    const char *code, char *out, size_t n)
{
	const char	*std = jpcore_code_system(v2, code);
	char		 f[128], s[64];

	if (std != NULL)
		return str_copy(out, std, n);
	if (jpcore_uri_part(f, sizeof(f), fac_code(b, fid) ? fac_code(b, fid) :
	    fid) == -1 || jpcore_uri_part(s, sizeof(s), v2 != NULL && *v2 ?
	    v2 : "unspecified") == -1)
		return -1;
	return str_fmt(out, n, "%s/fhir/CodeSystem/facility/%s/%s", b->base,
	    f, s);
}

/* "key":{"coding":[{system, code, display}],"text":text}; text defaults to the code. */
static void
codeable(struct bundle *b, const char *key, const char *fid, const char *v2,
    const char *code, const char *text)
{
	struct jw	*w = &b->w;
	char		 sys[URI_MAX];

	if (blank(text))
		text = code;
	if (blank(code) && blank(text))
		return;
	jw_open(w, key, '{');
	if (!blank(code)) {
		if (code_system(b, fid, v2, code, sys, sizeof(sys)) == -1) {
			w->bad = 1;
			return;
		}
		jw_open(w, "coding", '[');
		coding(w, sys, code, text);
		jw_close(w, ']');
	}
	jw_str(w, "text", text);
	jw_close(w, '}');
}

/*
 * Opens an entry and its resource: fullUrl under the network's URL, id,
 * meta (the JP Core profile, where it comes from: the source facility's
 * Organization, or the network itself for fid NULL, and when it was
 * imported). res_close ends both.
 */
static void
res_open(struct bundle *b, const char *type, const char *id,
    const char *profile, const char *fid, const char *updated)
{
	struct jw	*w = &b->w;
	char		 u[URI_MAX];

	jw_open(w, NULL, '{');
	str_fmt(u, sizeof(u), "%s/fhir/%s/%s", b->base, type, id);
	jw_str(w, "fullUrl", u);
	jw_open(w, "resource", '{');
	jw_str(w, "resourceType", type);
	jw_str(w, "id", id);
	jw_open(w, "meta", '{');
	jw_str(w, "lastUpdated", updated);
	if (fid != NULL)
		str_fmt(u, sizeof(u), "%s/fhir/Organization/org-%s", b->base, fid);
	else
		str_copy(u, b->base, sizeof(u));
	if (!str_eq(type, "Organization"))
		jw_str(w, "source", u);
	jw_open(w, "profile", '[');
	jw_str(w, NULL, profile);
	jw_close(w, ']');
	jw_close(w, '}');
}

static void
res_close(struct bundle *b)
{
	jw_close(&b->w, '}');
	jw_close(&b->w, '}');
}

/* A resource id from a prefix and a row id ("obs-12"). */
static const char *
rid(char *out, size_t n, const char *prefix, const char *id)
{
	if (str_fmt(out, n, "%s-%s", prefix, id) == -1)
		out[0] = '\0';
	return out;
}

/*
 * A facility's patient-ID namespace (JP_Patient.identifier.system) under
 * the network's URL base, into out. 0, or -1 when it does not fit.
 */
int
jpcore_patient_id_system(char *out, size_t n, const char *base, const char *code)
{
	char	 f[128];

	/* JP Core: urn:oid:1.2.392.100495.20.3.51. + "1" + the 10-digit 医療機関コード. */
	if (shaped(code, 10, DIGITS))
		return str_fmt(out, n, "%s%s", SYS_PATIENT, code);
	if (jpcore_uri_part(f, sizeof(f), code) == -1)
		return -1;
	return str_fmt(out, n, "%s/fhir/sid/facility/%s/patient-id", base, f);
}

/* Every disclosing facility of the bundle, once each (JP_Organization). */
static void
w_organizations(struct bundle *b)
{
	struct jw	*w = &b->w;
	char		 id[ID_MAX], sys[URI_MAX];

	for (size_t i = b->llo; i < b->lhi; i++) {
		const char *fid = dbres_get(b->links, i, FHIR_LINK_FACILITY_ID);
		const char *code = dbres_get(b->links, i, FHIR_LINK_CODE);
		size_t j;
		for (j = b->llo; j < i; j++)
			if (str_eq(dbres_get(b->links, j, FHIR_LINK_FACILITY_ID), fid))
				break;
		if (j < i)
			continue;
		res_open(b, "Organization", rid(id, sizeof(id), "org", fid),
		    JP_SD "JP_Organization", NULL, NULL);
		jw_open(w, "identifier", '[');
		if (shaped(code, 10, DIGITS)) {
			jw_open(w, NULL, '{');
			jw_str(w, "system", SYS_INSTITUTION);
			jw_str(w, "value", code);
			jw_close(w, '}');
		}
		if (str_fmt(sys, sizeof(sys), "%s/fhir/sid/facility", b->base) == 0) {
			jw_open(w, NULL, '{');
			jw_str(w, "system", sys);
			jw_str(w, "value", code);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_open(w, "type", '[');
		concept1(w, NULL, HL7 "organization-type", "prov");
		jw_close(w, ']');
		jw_str(w, "name", dbres_get(b->links, i, FHIR_LINK_FACILITY_NAME));
		res_close(b);
	}
}

/* One HumanName: rep IDE (漢字) or SYL (カナ), as JP_HumanName tells them apart. */
static void
w_name(struct jw *w, const char *name, const char *rep)
{
	char	 fam[200], giv[200], text[420];
	int	 split;

	if (blank(name))
		return;
	split = jpcore_name_split(name, fam, sizeof(fam), giv, sizeof(giv)) == 0;
	jw_open(w, NULL, '{');
	jw_open(w, "extension", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "url", EXT_EN_REP);
	jw_str(w, "valueCode", rep);
	jw_close(w, '}');
	jw_close(w, ']');
	jw_str(w, "use", "official");
	/* JP Core: family and given joined by one half-width space. */
	if (split && str_fmt(text, sizeof(text), "%s %s", fam, giv) == 0)
		jw_str(w, "text", text);
	else
		jw_str(w, "text", name);
	if (split) {
		jw_str(w, "family", fam);
		jw_open(w, "given", '[');
		jw_str(w, NULL, giv);
		jw_close(w, ']');
	}
	jw_close(w, '}');
}

/*
 * The Patient (JP_Patient): the network's row and ID with each allowed
 * facility's own ID beside it, or (the admin tool) the facility's own
 * link with the demographics it sent.
 */
static void
w_patient(struct bundle *b)
{
	struct jw	*w = &b->w;
	const struct dbres *p = b->patient;
	const char	*own = p == NULL ?
	    dbres_get(b->links, b->llo, FHIR_LINK_FACILITY_ID) : NULL;
	char		 sys[URI_MAX];

	res_open(b, "Patient", b->pid, JP_SD "JP_Patient", own, NULL);
	jw_open(w, "identifier", '[');
	if (p != NULL && str_fmt(sys, sizeof(sys), "%s/fhir/sid/network-id",
	    b->base) == 0) {
		jw_open(w, NULL, '{');
		jw_str(w, "use", "official");
		jw_str(w, "system", sys);
		jw_str(w, "value", dbres_get(p, 0, FHIR_PATIENT_NETWORK_ID));
		jw_close(w, '}');
	}
	for (size_t i = b->llo; i < b->lhi; i++) {
		if (jpcore_patient_id_system(sys, sizeof(sys), b->base,
		    dbres_get(b->links, i, FHIR_LINK_CODE)) == -1)
			continue;
		jw_open(w, NULL, '{');
		jw_str(w, "use", "usual");
		jw_str(w, "system", sys);
		jw_str(w, "value", dbres_get(b->links, i, FHIR_LINK_LOCAL_ID));
		org_ref(w, "assigner", dbres_get(b->links, i, FHIR_LINK_FACILITY_ID));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	const char *name = p ? dbres_get(p, 0, FHIR_PATIENT_NAME) :
	    dbres_get(b->links, b->llo, FHIR_LINK_NAME);
	const char *kana = p ? dbres_get(p, 0, FHIR_PATIENT_KANA) :
	    dbres_get(b->links, b->llo, FHIR_LINK_KANA);
	if (!blank(name) || !blank(kana)) {
		jw_open(w, "name", '[');
		w_name(w, name, "IDE");
		w_name(w, kana, "SYL");
		jw_close(w, ']');
	}
	jw_str(w, "gender", jpcore_gender(p ? dbres_get(p, 0, FHIR_PATIENT_SEX) :
	    dbres_get(b->links, b->llo, FHIR_LINK_SEX)));
	jw_str(w, "birthDate", p ? dbres_get(p, 0, FHIR_PATIENT_BIRTH_DATE) :
	    dbres_get(b->links, b->llo, FHIR_LINK_BIRTH_DATE));
	if (own != NULL)
		org_ref(w, "managingOrganization", own);
	res_close(b);
}

static void
subject(struct bundle *b, const char *key)
{
	ref(&b->w, key, "Patient", b->pid);
}

/*
 * Whether each ADT event of the bundle is over: an admission, leave or
 * transfer followed by a discharge on the same link is finished, the last
 * stay's events without one are in progress. Rows are in time order per
 * link; st[i - lo] gets each row's Encounter.status.
 */
static void
enc_status(const struct src *s, const char **st)
{
	const char	*link = NULL;
	int		 discharged = 0;

	for (size_t i = s->hi; i > s->lo; i--) {
		const char *k = cell(s, i - 1, FHIR_ENC_KIND);
		if (!str_eq(cell(s, i - 1, FHIR_ENC_LINK), link)) {
			link = cell(s, i - 1, FHIR_ENC_LINK);
			discharged = 0;
		}
		if (strstr(k, "_plan") != NULL)
			st[i - 1 - s->lo] = "planned";
		else if (str_eq(k, "visit") || str_eq(k, "discharge"))
			st[i - 1 - s->lo] = "finished";
		else
			st[i - 1 - s->lo] = discharged ? "finished" : "in-progress";
		if (str_eq(k, "discharge"))
			discharged = 1;
		else if (str_eq(k, "admission"))
			discharged = 0;
	}
}

/* Visits and stays (JP_Encounter): one per ADT event the facility sent. */
static int
w_encounters(struct bundle *b)
{
	const struct src *s = &b->s[S_ENC];
	struct jw	*w = &b->w;
	const char	**st;
	char		 id[ID_MAX];

	if (s->hi == s->lo)
		return 0;
	if ((st = calloc(s->hi - s->lo, sizeof(*st))) == NULL)
		return -1;
	enc_status(s, st);
	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_ENC_FACILITY);
		const char *k = cell(s, i, FHIR_ENC_KIND);
		int amb = str_eq(k, "visit");
		res_open(b, "Encounter", rid(id, sizeof(id), "enc",
		    cell(s, i, FHIR_ENC_ID)), JP_SD "JP_Encounter", fac,
		    cell(s, i, FHIR_ENC_UPDATED));
		jw_str(w, "status", st[i - s->lo]);
		jw_open(w, "class", '{');
		jw_str(w, "system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
		jw_str(w, "code", amb ? "AMB" : "IMP");
		jw_str(w, "display", amb ? "ambulatory" : "inpatient encounter");
		jw_close(w, '}');
		if (cell(s, i, FHIR_ENC_TITLE) != NULL) {
			jw_open(w, "type", '[');
			text_concept(w, NULL, cell(s, i, FHIR_ENC_TITLE));
			jw_close(w, ']');
		}
		subject(b, "subject");
		jw_open(w, "period", '{');
		jw_str(w, str_eq(k, "discharge") ? "end" : "start",
		    cell(s, i, FHIR_ENC_WHEN));
		jw_close(w, '}');
		org_ref(w, "serviceProvider", fac);
		res_close(b);
	}
	free(st);
	return 0;
}

/* Problems and diagnoses (JP_Condition), 傷病名. */
static void
w_conditions(struct bundle *b)
{
	const struct src *s = &b->s[S_PRB];
	struct jw	*w = &b->w;
	char		 id[ID_MAX];

	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_PRB_FACILITY);
		const char *resolved = cell(s, i, FHIR_PRB_RESOLVED);
		res_open(b, "Condition", rid(id, sizeof(id), "cond",
		    cell(s, i, FHIR_PRB_ID)), JP_SD "JP_Condition", fac,
		    cell(s, i, FHIR_PRB_UPDATED));
		/* An end date makes it resolved (con-4); else still active. */
		concept1(w, "clinicalStatus", HL7 "condition-clinical",
		    resolved != NULL ? "resolved" : "active");
		jw_open(w, "category", '[');
		concept1(w, NULL, HL7 "condition-category", "problem-list-item");
		jw_close(w, ']');
		codeable(b, "code", fac, cell(s, i, FHIR_PRB_SYSTEM),
		    cell(s, i, FHIR_PRB_CODE), cell(s, i, FHIR_PRB_NAME));
		subject(b, "subject");
		jw_str(w, "onsetDateTime", cell(s, i, FHIR_PRB_ONSET));
		jw_str(w, "abatementDateTime", resolved);
		jw_str(w, "recordedDate", cell(s, i, FHIR_PRB_RECORDED));
		res_close(b);
	}
}

/* Allergies and drug contraindications (JP_AllergyIntolerance). */
static void
w_allergies(struct bundle *b)
{
	const struct src *s = &b->s[S_ALG];
	struct jw	*w = &b->w;
	char		 id[ID_MAX];

	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_ALG_FACILITY);
		const char *cat = jpcore_allergy_category(cell(s, i, FHIR_ALG_TYPE));
		const char *rea = cell(s, i, FHIR_ALG_REACTION);
		res_open(b, "AllergyIntolerance", rid(id, sizeof(id), "alg",
		    cell(s, i, FHIR_ALG_ID)), JP_SD "JP_AllergyIntolerance",
		    fac, cell(s, i, FHIR_ALG_UPDATED));
		concept1(w, "clinicalStatus", HL7 "allergyintolerance-clinical",
		    "active");
		if (cat != NULL) {
			jw_open(w, "category", '[');
			jw_str(w, NULL, cat);
			jw_close(w, ']');
		}
		/* The importer keeps no code system for IAM-3: a local one. */
		codeable(b, "code", fac, NULL, cell(s, i, FHIR_ALG_CODE),
		    cell(s, i, FHIR_ALG_NAME));
		subject(b, "patient");
		jw_str(w, "onsetDateTime", cell(s, i, FHIR_ALG_ONSET));
		jw_str(w, "recordedDate", cell(s, i, FHIR_ALG_RECORDED));
		if (!blank(rea)) {
			jw_open(w, "reaction", '[');
			jw_open(w, NULL, '{');
			jw_open(w, "manifestation", '[');
			text_concept(w, NULL, rea);
			jw_close(w, ']');
			jw_str(w, "severity",
			    jpcore_severity(cell(s, i, FHIR_ALG_SEVERITY)));
			jw_close(w, '}');
			jw_close(w, ']');
		}
		res_close(b);
	}
}

/* A Quantity {value, unit} as the value of key; value must be a decimal. */
static void
quantity(struct jw *w, const char *key, const char *v, const char *unit)
{
	jw_open(w, key, '{');
	jw_raw(w, "value", v);
	jw_str(w, "unit", unit);
	jw_close(w, '}');
}

/*
 * Lab results (JP_Observation_LabResult, JLAC10 when the message carries
 * it) and vital signs (JP_Observation_VitalSigns, category vital-signs).
 */
static void
w_observations(struct bundle *b)
{
	const struct src *s = &b->s[S_OBS];
	struct jw	*w = &b->w;
	char		 id[ID_MAX];

	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_OBS_FACILITY);
		int vital = str_eq(cell(s, i, FHIR_OBS_KIND), "vital");
		const char *v = cell(s, i, FHIR_OBS_VALUE);
		const char *unit = cell(s, i, FHIR_OBS_UNIT);
		const char *lo = cell(s, i, FHIR_OBS_LOW), *hi = cell(s, i, FHIR_OBS_HIGH);
		const char *rng = cell(s, i, FHIR_OBS_RANGE);
		const char *flag = jpcore_interpretation(cell(s, i, FHIR_OBS_FLAG));
		int has = !blank(v);
		const char *cat = vital ? "vital-signs" : "laboratory";

		res_open(b, "Observation", rid(id, sizeof(id), "obs",
		    cell(s, i, FHIR_OBS_ID)), vital ? JP_SD "JP_Observation_VitalSigns" :
		    JP_SD "JP_Observation_LabResult", fac, cell(s, i, FHIR_OBS_UPDATED));
		jw_str(w, "status", jpcore_obs_status(cell(s, i, FHIR_OBS_STATUS), has));
		jw_open(w, "category", '[');
		jw_open(w, NULL, '{');
		jw_open(w, "coding", '[');
		coding(w, SYS_OBS_CAT, cat, NULL);
		coding(w, HL7 "observation-category", cat, NULL);
		jw_close(w, ']');
		jw_close(w, '}');
		jw_close(w, ']');
		codeable(b, "code", fac, cell(s, i, FHIR_OBS_SYSTEM),
		    cell(s, i, FHIR_OBS_CODE), cell(s, i, FHIR_OBS_NAME));
		subject(b, "subject");
		jw_str(w, "effectiveDateTime", cell(s, i, FHIR_OBS_WHEN));
		jw_str(w, "issued", cell(s, i, FHIR_OBS_UPDATED));
		jw_open(w, "performer", '[');
		org_ref(w, NULL, fac);
		jw_close(w, ']');
		if (has && str_eq(cell(s, i, FHIR_OBS_VALUE_TYPE), "NM") &&
		    jpcore_decimal(v))
			quantity(w, "valueQuantity", v, unit);
		else if (has)
			jw_str(w, "valueString", v);
		else	/* obs-6: a reason only where there is no value */
			concept1(w, "dataAbsentReason", HL7 "data-absent-reason",
			    "unknown");
		if (flag != NULL) {
			jw_open(w, "interpretation", '[');
			concept1(w, NULL, HL7 "v3-ObservationInterpretation", flag);
			jw_close(w, ']');
		}
		lo = jpcore_decimal(lo) ? lo : NULL;
		hi = jpcore_decimal(hi) ? hi : NULL;
		if (lo != NULL || hi != NULL || !blank(rng)) {
			jw_open(w, "referenceRange", '[');
			jw_open(w, NULL, '{');
			if (lo != NULL)
				quantity(w, "low", lo, unit);
			if (hi != NULL)
				quantity(w, "high", hi, unit);
			jw_str(w, "text", rng);
			jw_close(w, '}');
			jw_close(w, ']');
		}
		res_close(b);
	}
}

/* An Rp number as JP Core wants it: digits without leading zeros. */
static const char *
rp_value(const char *rp)
{
	if (blank(rp))
		return "1";	/* one drug group: the message names none */
	if (shaped(rp, 0, DIGITS)) {
		while (rp[0] == '0' && rp[1] != '\0')
			rp++;
	}
	return rp;
}

/* The dosage the message gave: frequency, route, a single dose. */
static void
w_dosage(struct jw *w, const struct src *s, size_t i)
{
	const char	*freq = cell(s, i, FHIR_MED_FREQUENCY);
	const char	*route = cell(s, i, FHIR_MED_ROUTE);
	const char	*dose = cell(s, i, FHIR_MED_DOSE);

	if (!jpcore_decimal(dose))
		dose = NULL;
	if (blank(freq) && blank(route) && dose == NULL)
		return;
	jw_open(w, "dosageInstruction", '[');
	jw_open(w, NULL, '{');
	jw_str(w, "text", freq);
	if (!blank(freq)) {
		jw_open(w, "timing", '{');
		text_concept(w, "code", freq);
		jw_close(w, '}');
	}
	text_concept(w, "route", route);
	if (dose != NULL) {
		jw_open(w, "doseAndRate", '[');
		jw_open(w, NULL, '{');
		quantity(w, "doseQuantity", dose, cell(s, i, FHIR_MED_UNIT));
		jw_close(w, '}');
		jw_close(w, ']');
	}
	jw_close(w, '}');
	jw_close(w, ']');
}

/*
 * Prescriptions and injections (JP_MedicationRequest,
 * JP_MedicationRequest_Injection), the drug under the code system the
 * message names (HOT, YJ, or the facility's local one), with the Rp
 * number and the drug's place in it that JP Core requires.
 */
static void
w_meds(struct bundle *b)
{
	const struct src *s = &b->s[S_MED];
	struct jw	*w = &b->w;
	char		 id[ID_MAX], sys[URI_MAX], f[128];

	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_MED_FACILITY);
		const char *days = cell(s, i, FHIR_MED_DAYS);
		int inj = str_eq(cell(s, i, FHIR_MED_KIND), "injection");
		res_open(b, "MedicationRequest", rid(id, sizeof(id), "med",
		    cell(s, i, FHIR_MED_ID)), inj ?
		    JP_SD "JP_MedicationRequest_Injection" :
		    JP_SD "JP_MedicationRequest", fac, cell(s, i, FHIR_MED_UPDATED));
		jw_open(w, "identifier", '[');
		jw_open(w, NULL, '{');
		jw_str(w, "system", SYS_RP);
		jw_str(w, "value", rp_value(cell(s, i, FHIR_MED_RP)));
		jw_close(w, '}');
		jw_open(w, NULL, '{');
		jw_str(w, "system", SYS_IN_RP);
		jw_str(w, "value", cell(s, i, FHIR_MED_IN_RP));
		jw_close(w, '}');
		if (cell(s, i, FHIR_MED_ORDER) != NULL &&
		    jpcore_uri_part(f, sizeof(f), fac_code(b, fac) ? fac_code(b, fac) :
		    fac) == 0 && str_fmt(sys, sizeof(sys),
		    "%s/fhir/sid/facility/%s/order-no", b->base, f) == 0) {
			jw_open(w, NULL, '{');
			jw_str(w, "system", sys);
			jw_str(w, "value", cell(s, i, FHIR_MED_ORDER));
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_str(w, "status", cell(s, i, FHIR_MED_STATUS));
		jw_str(w, "intent", "order");
		codeable(b, "medicationCodeableConcept", fac,
		    cell(s, i, FHIR_MED_SYSTEM), cell(s, i, FHIR_MED_CODE),
		    cell(s, i, FHIR_MED_NAME));
		subject(b, "subject");
		jw_str(w, "authoredOn", cell(s, i, FHIR_MED_AUTHORED));
		w_dosage(w, s, i);
		if (days != NULL) {
			jw_open(w, "dispenseRequest", '{');
			jw_open(w, "expectedSupplyDuration", '{');
			jw_raw(w, "value", days);
			jw_str(w, "unit", "日");
			jw_str(w, "system", UCUM);
			jw_str(w, "code", "d");
			jw_close(w, '}');
			jw_close(w, '}');
		}
		res_close(b);
	}
}

/* Documents by reference (JP_DocumentReference): what and where, never the bytes. */
static void
w_documents(struct bundle *b)
{
	const struct src *s = &b->s[S_DOC];
	struct jw	*w = &b->w;
	char		 id[ID_MAX], u[URI_MAX];
	long long	 size;

	for (size_t i = s->lo; i < s->hi; i++) {
		const char *fac = cell(s, i, FHIR_DOC_FACILITY);
		res_open(b, "DocumentReference", rid(id, sizeof(id), "doc",
		    cell(s, i, FHIR_DOC_ID)), JP_SD "JP_DocumentReference", fac,
		    cell(s, i, FHIR_DOC_UPDATED));
		str_fmt(u, sizeof(u), "%s/fhir/sid/document", b->base);
		jw_open(w, "masterIdentifier", '{');
		jw_str(w, "system", u);
		jw_str(w, "value", cell(s, i, FHIR_DOC_ID));
		jw_close(w, '}');
		jw_str(w, "status", "current");
		text_concept(w, "type", cell(s, i, FHIR_DOC_CATEGORY));
		subject(b, "subject");
		jw_str(w, "date", cell(s, i, FHIR_DOC_UPDATED));
		jw_open(w, "custodian", '{');
		str_fmt(u, sizeof(u), "Organization/org-%s", fac);
		jw_str(w, "reference", u);
		jw_close(w, '}');
		jw_str(w, "description", cell(s, i, FHIR_DOC_TITLE));
		jw_open(w, "content", '[');
		jw_open(w, NULL, '{');
		jw_open(w, "attachment", '{');
		jw_str(w, "contentType", cell(s, i, FHIR_DOC_CTYPE));
		if (b->doc_url != NULL && str_fmt(u, sizeof(u), "%s%s", b->doc_url,
		    cell(s, i, FHIR_DOC_ID)) == 0)
			jw_str(w, "url", u);
		/* unsignedInt: anything past 2^31 - 1 is left out, not wrapped. */
		if (str_to_ll(cell(s, i, FHIR_DOC_SIZE), 0, 2147483647LL, &size) == 0)
			jw_int(w, "size", size);
		jw_str(w, "title", cell(s, i, FHIR_DOC_TITLE));
		jw_str(w, "creation", cell(s, i, FHIR_DOC_DATE));
		jw_close(w, '}');
		jw_close(w, '}');
		jw_close(w, ']');
		res_close(b);
	}
}

/* The bundle into out (appended). 0, or JPCORE_EDB when memory ran out. */
static int
bundle_write(struct bundle *b, struct buf *out)
{
	struct jw	*w = &b->w;
	time_t		 t = now();
	struct tm	 tm;
	char		 stamp[32] = "";

	if (gmtime_r(&t, &tm) != NULL)
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jw_init(w, out);
	jw_open(w, NULL, '{');
	jw_str(w, "resourceType", "Bundle");
	jw_str(w, "type", "collection");
	jw_str(w, "timestamp", stamp);
	jw_open(w, "entry", '[');
	w_organizations(b);
	w_patient(b);
	if (w_encounters(b) == -1)
		return JPCORE_EDB;
	w_conditions(b);
	w_allergies(b);
	w_observations(b);
	w_meds(b);
	w_documents(b);
	jw_close(w, ']');
	jw_close(w, '}');
	return jw_done(w) == 0 ? 0 : JPCORE_EDB;
}

static void
srcs_free(struct src s[S__MAX])
{
	for (size_t k = 0; k < S__MAX; k++) {
		dbres_free(s[k].res);
		s[k].res = NULL;
	}
}

/*
 * Every source's rows for the links in ids (a JSON array). 0, JPCORE_EDB,
 * or JPCORE_EBIG when a statement reached JPCORE_ROWS_MAX; on error
 * nothing is left allocated.
 */
static int
srcs_load(struct src s[S__MAX], const char *ids)
{
	long long	 max = JPCORE_ROWS_MAX;
	char		 today[11] = "";

	fmt_jst(today, sizeof(today), (long long)now(), "%Y-%m-%d");
	memset(s, 0, sizeof(struct src) * S__MAX);
	s[S_ENC].res = db_query(STMT_FHIR_ENCOUNTERS, "si", ids, max);
	s[S_PRB].res = db_query(STMT_FHIR_PROBLEMS, "si", ids, max);
	s[S_ALG].res = db_query(STMT_FHIR_ALLERGIES, "si", ids, max);
	s[S_OBS].res = db_query(STMT_FHIR_OBSERVATIONS, "si", ids, max);
	s[S_MED].res = db_query(STMT_FHIR_MEDS, "ssi", today, ids, max);
	s[S_DOC].res = db_query(STMT_FHIR_DOCUMENTS, "si", ids, max);
	for (size_t k = 0; k < S__MAX; k++) {
		int rc = s[k].res == NULL ? JPCORE_EDB :
		    s[k].res->nrows >= (size_t)max ? JPCORE_EBIG : 0;
		if (rc != 0) {
			srcs_free(s);
			return rc;
		}
		s[k].lo = 0;
		s[k].hi = s[k].res->nrows;
	}
	return 0;
}

/* The links' ids as a JSON array into ids. 0 or -1. */
static int
link_ids(const struct dbres *links, struct buf *ids)
{
	long long	*v;
	int		 rc;

	if ((v = calloc(links->nrows + 1, sizeof(*v))) == NULL)
		return -1;
	for (size_t i = 0; i < links->nrows; i++)
		v[i] = dbres_ll(links, i, FHIR_LINK_ID);
	rc = json_ids(ids, v, links->nrows);
	free(v);
	return rc == -1 || ids->oom ? -1 : 0;
}

/*
 * The Bundle of a network patient's records at the disclosing facilities
 * in facs ("1,5", decided by the caller for this viewer now), appended to
 * out. doc_url, when not NULL, is the start of a document's address (its
 * id is appended): the attachment's url. Returns 0, JPCORE_EDB or
 * JPCORE_EBIG; on error out may hold part of a bundle.
 */
int
jpcore_patient_bundle(struct buf *out, long long patient, const char *facs,
    const char *doc_url)
{
	struct bundle	 b;
	struct dbres	*links = NULL, *p = NULL;
	struct buf	 ids;
	const char	*nid;
	int		 rc = JPCORE_EDB;

	memset(&b, 0, sizeof(b));
	buf_init(&ids);
	if ((links = db_query(STMT_FHIR_LINKS_PATIENT, "is", patient, facs)) == NULL ||
	    (p = db_query(STMT_FHIR_PATIENT, "i", patient)) == NULL ||
	    p->nrows == 0 || link_ids(links, &ids) == -1)
		goto out;
	if ((rc = srcs_load(b.s, ids.data)) != 0)
		goto out;
	b.base = cfg.origin[0] ? cfg.origin : "urn:mogami";
	b.links = links;
	b.llo = 0;
	b.lhi = links->nrows;
	b.patient = p;
	b.doc_url = doc_url;
	nid = dbres_get(p, 0, FHIR_PATIENT_NETWORK_ID);
	if (!shaped(nid, 0, ALNUM "abcdefghijklmnopqrstuvwxyz-") ||
	    str_fmt(b.pid, sizeof(b.pid), "net-%s", nid) == -1)
		str_fmt(b.pid, sizeof(b.pid), "patient-%lld", patient);
	rc = bundle_write(&b, out);
	srcs_free(b.s);
out:
	buf_free(&ids);
	dbres_free(links);
	dbres_free(p);
	return rc;
}

/* Moves s's range to the rows of link id (rows are in link order). */
static void
src_seek(struct src *s, size_t *at, int col, long long id)
{
	while (*at < s->res->nrows && dbres_ll(s->res, *at, (size_t)col) < id)
		(*at)++;
	s->lo = *at;
	while (*at < s->res->nrows && dbres_ll(s->res, *at, (size_t)col) == id)
		(*at)++;
	s->hi = *at;
}

/* One chunk of a facility's links, a bundle per link, a line each to f. */
static int
export_chunk(const struct dbres *links, FILE *f, long long *n)
{
	struct bundle	 b;
	struct buf	 ids, out;
	size_t		 at[S__MAX] = { 0 };
	int		 rc;

	memset(&b, 0, sizeof(b));
	buf_init(&ids);
	buf_init(&out);
	if (link_ids(links, &ids) == -1) {
		buf_free(&ids);
		return JPCORE_EDB;
	}
	if ((rc = srcs_load(b.s, ids.data)) != 0) {
		buf_free(&ids);
		return rc;
	}
	b.base = cfg.origin[0] ? cfg.origin : "urn:mogami";
	b.links = links;
	for (size_t i = 0; i < links->nrows && rc == 0; i++) {
		long long id = dbres_ll(links, i, FHIR_LINK_ID);
		b.llo = i;
		b.lhi = i + 1;
		str_fmt(b.pid, sizeof(b.pid), "link-%lld", id);
		for (size_t k = 0; k < S__MAX; k++)
			src_seek(&b.s[k], &at[k], link_col[k], id);
		buf_reset(&out);
		if ((rc = bundle_write(&b, &out)) != 0)
			break;
		buf_puts(&out, "\n");
		if (out.oom || fwrite(out.data, 1, out.len, f) != out.len)
			rc = JPCORE_EDB;
		else
			(*n)++;
	}
	srcs_free(b.s);
	buf_free(&ids);
	buf_free(&out);
	return rc;
}

/*
 * A facility's own records, one Bundle per patient (each local patient ID
 * with records or documents) a line (ndjson) to f, for the hospital's own
 * hand-over; the Patient is the facility's own, as it sent it. *n counts
 * the bundles. Returns 0, JPCORE_EDB or JPCORE_EBIG.
 */
int
jpcore_facility_export(long long fid, FILE *f, long long *n)
{
	struct dbres	*links;
	long long	 after = 0;
	int		 rc = 0;

	*n = 0;
	for (;;) {
		if ((links = db_query(STMT_FHIR_LINKS_FACILITY, "iii", fid, after,
		    (long long)LINKS_CHUNK)) == NULL)
			return JPCORE_EDB;
		if (links->nrows == 0) {
			dbres_free(links);
			break;
		}
		rc = export_chunk(links, f, n);
		after = dbres_ll(links, links->nrows - 1, FHIR_LINK_ID);
		size_t got = links->nrows;
		dbres_free(links);
		if (rc != 0)
			return rc;
		if (got < LINKS_CHUNK)
			break;
	}
	return 0;
}
