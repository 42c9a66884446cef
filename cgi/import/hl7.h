/* hl7.h: HL7 v2 message parser (one SS-MIX2 file = one message) */
#ifndef HL7_H
#define HL7_H

#include <stddef.h>
#include <stdint.h>

/*
 * Ownership: hl7_parse() returns a struct hl7_msg that the caller owns and
 * releases with hl7_free(); it keeps its own UTF-8 copy of the message, so
 * the input buffer may be freed right after the call. Every const char *
 * returned by the accessors points into the message and is valid until
 * hl7_free(). Values are copied out by hl7_get() and friends into buffers
 * the caller provides; nothing else is allocated for the caller.
 *
 * Parsing rules:
 * - Delimiters come from MSH: MSH-1 (field separator) and MSH-2 (component,
 *   repetition, escape, sub-component). A character repeated in MSH-2 is
 *   skipped (files generated from escaped source strings carry "^~\\&");
 *   characters after the fourth distinct one (v2.7 truncation) are ignored.
 * - Character set: if MSH-18 mentions ISO IR87 (any case, spaces optional,
 *   with or without the "~" prefix) the whole message is converted from
 *   ISO-2022-JP to UTF-8 with iconv BEFORE it is split (JIS X 0208 bytes
 *   0x21-0x7E can equal | ^ ~ \ &). "8859/1" (ISO IR100) is converted from
 *   Latin-1. Anything else must already be valid UTF-8 (ASCII included).
 *   When the bytes are not what MSH-18 declares but are the other one of
 *   ISO-2022-JP and UTF-8 (valid UTF-8 under ~ISO IR87; ISO-2022-JP under
 *   no declaration), they are read as what they are, and
 *   hl7_declared_charset() tells the declaration apart. Bytes that are
 *   neither fail the parse with HL7_E_ENCODING (the reason given is the
 *   declared charset's). After conversion no control character other than
 *   TAB, CR and LF may remain.
 * - A leading MLLP start byte (0x0B), a UTF-8 BOM, leading blank lines, and
 *   trailing 0x1C (MLLP end byte), CR, LF, spaces and tabs are ignored.
 * - Segments end at CR, LF or CRLF (mixed in one file is fine); blank lines
 *   are skipped. A segment name must be three characters A-Z/0-9.
 * - A line holding only a segment name ("AL1") is KEPT as a segment with no
 *   fields (hl7_nfield() == 0), so callers can see and report it.
 * - The first segment must be MSH. MSH, FHS and BHS segments number their
 *   fields as HL7 documents: field 1 is the field separator itself, field 2
 *   the encoding characters (both returned verbatim), field 9 of MSH is the
 *   message type.
 */

#define HL7_MAX_MSG	(16u * 1024 * 1024)	/* bytes of input */
#define HL7_MAX_SEGS	100000			/* segments in a message */
#define HL7_MAX_FIELDS	1000			/* fields in one segment */
#define HL7_MAX_TOKENS	(512u * 1024)		/* fields in a message */

#define HL7_NOSEG	SIZE_MAX	/* "no such segment" from hl7_find() */

/* Why hl7_parse_ex() failed; hl7_strerror() gives a short English tag. */
enum hl7_error {
	HL7_OK = 0,
	HL7_E_ARG,	/* NULL buffer with a non-zero length */
	HL7_E_EMPTY,	/* nothing but whitespace / MLLP framing */
	HL7_E_TOOBIG,	/* longer than HL7_MAX_MSG */
	HL7_E_ENCODING,	/* not ISO-2022-JP / UTF-8 / Latin-1 as declared */
	HL7_E_NOMSH,	/* does not start with an MSH segment */
	HL7_E_DELIM,	/* unusable MSH-1 / MSH-2 */
	HL7_E_SEGMENT,	/* a line that is not a segment */
	HL7_E_LIMIT,	/* too many segments or fields */
	HL7_E_NOMEM	/* out of memory */
};

struct hl7_msg;

/*
 * Parses one message from the len bytes at buf. Returns a message the
 * caller frees with hl7_free(), or NULL with a reason (Japanese, with the
 * byte offset or line number where useful) in err, which is always
 * NUL-terminated when errlen > 0. err may be NULL.
 */
struct hl7_msg	*hl7_parse(const char *buf, size_t len, char *err,
		    size_t errlen);

/* As hl7_parse(), and stores an enum hl7_error in *code (may be NULL). */
struct hl7_msg	*hl7_parse_ex(const char *buf, size_t len, int *code,
		    char *err, size_t errlen);

/* Short English name of an enum hl7_error ("encoding", "no-msh", ...). */
const char	*hl7_strerror(int code);

/* Frees everything hl7_parse() allocated; NULL is a no-op. */
void		 hl7_free(struct hl7_msg *);

/* "ISO-2022-JP", "UTF-8" or "ISO-8859-1": the charset the input was in. */
const char	*hl7_charset(const struct hl7_msg *);

/*
 * The charset MSH-18 declares, named as hl7_charset() names them. When it
 * differs from hl7_charset(), the bytes were not what they claim and were
 * read as what they are (see "Character set" above).
 */
const char	*hl7_declared_charset(const struct hl7_msg *);

/*
 * The whole message as UTF-8 (after conversion and trimming, line ends as
 * in the input), NUL-terminated; its length in *len if len is not NULL.
 */
const char	*hl7_text(const struct hl7_msg *, size_t *len);

/* Number of segments, and the name ("PID") of segment i or NULL. */
size_t		 hl7_nseg(const struct hl7_msg *);
const char	*hl7_segname(const struct hl7_msg *, size_t i);

/*
 * Index of the nth (0-based) segment named name, or HL7_NOSEG.
 * hl7_next() gives the first one at index >= from, for loops:
 *   for (i = hl7_next(m, "OBX", 0); i != HL7_NOSEG;
 *       i = hl7_next(m, "OBX", i + 1))
 */
size_t		 hl7_find(const struct hl7_msg *, const char *name, size_t nth);
size_t		 hl7_next(const struct hl7_msg *, const char *name,
		    size_t from);

/*
 * Counts, for walking a message: fields in segment seg (the highest field
 * number present), repetitions in a field, components in a repetition,
 * sub-components in a component. An empty or absent element counts 0; a
 * non-empty one counts one more than the delimiters in it. Numbering is
 * 1-based as in hl7_get().
 */
int		 hl7_nfield(const struct hl7_msg *, size_t seg);
int		 hl7_nrep(const struct hl7_msg *, size_t seg, int field);
int		 hl7_ncomp(const struct hl7_msg *, size_t seg, int field,
		    int rep);
int		 hl7_nsub(const struct hl7_msg *, size_t seg, int field,
		    int rep, int comp);

/*
 * Copies the value of seg's field/rep/comp/sub (all 1-based, as HL7 writes
 * PID-5.1 = field 5, rep 1, comp 1, sub 1) into out, decoded: escapes
 * \F\ \S\ \T\ \R\ \E\ become the delimiter characters, \Xhh..\ its bytes
 * (kept verbatim if they are not valid UTF-8 or hold NUL), \.br\ and \.sp\
 * a line feed, \H\ and \N\ nothing; other or unterminated escapes are kept
 * verbatim. The HL7 null "" is returned as the two characters "".
 * The result is valid UTF-8, NUL-terminated, never cut inside a character.
 * Returns 0 if found and non-empty, 1 if absent or empty (out is ""),
 * -1 if out (outlen bytes) was too small (out holds a prefix). out may be
 * NULL with outlen 0 to test for presence (then 1 or -1).
 */
int		 hl7_get(const struct hl7_msg *, size_t seg, int field, int rep,
		    int comp, int sub, char *out, size_t outlen);

/*
 * The whole field, raw: delimiters and escapes as in the message (still
 * converted to UTF-8). For logs and error reports. Returns as hl7_get().
 */
int		 hl7_raw(const struct hl7_msg *, size_t seg, int field,
		    char *out, size_t outlen);

/*
 * MSH-9 of the first segment: code ("ADT") and event ("A08") into the two
 * buffers (either may be NULL). Returns 0 if the code is there, 1 if MSH-9
 * is empty, -1 if a buffer was too small.
 */
int		 hl7_msg_type(const struct hl7_msg *, char *code,
		    size_t codelen, char *event, size_t eventlen);

/*
 * Parses an HL7 DTM/TS value YYYYMMDD[HH[MM[SS[.f{1,9}]]]][+-ZZZZ] into
 * "YYYY-MM-DD HH:MM:SS" (20 bytes with the NUL); missing time parts are 00,
 * the fraction is dropped, and the zone is checked then ignored (the time
 * stays as the sender wrote it). Leading/trailing spaces are allowed.
 * Also read, as SS-MIX2 writers produce them: 1 to 3 fraction digits glued
 * to the seconds without a dot ("20160101150000321", file-name style), and
 * a fraction after the minutes ("201601011500.321": read to the minute).
 * Returns 0, or -1 if the value is not a valid date (then out is "") or out
 * is shorter than 20 bytes.
 */
int		 hl7_ts(const char *in, char *out, size_t outlen);

/*
 * As hl7_ts(), and the value as given into given (HL7_TS_GIVEN bytes):
 * ISO 8601 with only the parts the sender wrote, the fraction's digits as
 * written: "2016-01-01", "2016-01-01T15", "2016-01-01T15:00",
 * "2016-01-01T15:00:00", "2016-01-01T15:00:00.3399". given may be NULL.
 */
#define HL7_TS_GIVEN	30
int		 hl7_ts_given(const char *in, char *out, size_t outlen,
		    char *given, size_t givenlen);

/* MSH-7 through hl7_ts(): 0, 1 if MSH-7 is empty, -1 if invalid. */
int		 hl7_msg_time(const struct hl7_msg *, char *out, size_t outlen);

#endif /* HL7_H */
