/* ssmix2.h: importing a facility's SS-MIX2 standardized storage */
#ifndef SSMIX2_H
#define SSMIX2_H

#include <stddef.h>

/* Largest file imported (a MEDIUMBLOB, and under max_allowed_packet). */
#define SSMIX2_MAX_FILE	(15u * 1024 * 1024)

/* PID_DATE_TYPE_ORDERNO_TIMESTAMP_DEPT_FLAG, split and checked. */
struct ssmix2_name {
	char	 pid[65];	/* the facility's local patient ID */
	char	 date[9];	/* YYYYMMDD, or "-" */
	char	 type[17];	/* OMP-01 ... */
	char	 order[33];	/* digits, or "-" */
	char	 ts[18];	/* YYYYMMDDHHMMSS[f[f[f]]], as given */
	char	 dept[9];	/* department code, or "-" */
	int	 flag;		/* 1 latest valid, 0 superseded or cancelled */
};

/* Longest extended-storage data-type keyword (bytes; category^name^system). */
#define SSMIX2_EXT_TYPE_MAX	200

/* An extended-storage document folder: PID_DATE_TYPE_ORDERNO_TIMESTAMP_DEPT. */
struct ssmix2_docdir {
	char	 pid[65];
	char	 date[9];
	char	 type[SSMIX2_EXT_TYPE_MAX + 1];	/* the data-type keyword */
	char	 order[33];
	char	 ts[18];
	char	 dept[9];
};

/* The data type of HL7 observations from extended storage (record). */
#define SSMIX2_EXT_DATA_TYPE	"EXT"

/* What ssmix2_sniff() calls an HL7 v2 message (ER7, "MSH|..."). */
#define SSMIX2_HL7	"x-application/hl7-v2+er7"

/* What a data type is and which HL7 message (MSH-9.1) carries it. */
struct ssmix2_type {
	const char	*kind;		/* visit, admission, lab ... */
	const char	*msg;		/* ADT, RDE, OUL ... */
	int		 snapshot;	/* the latest file replaces all older ones */
};

/* Counts of one import run. */
struct ssmix2_stats {
	size_t	 total, done, imported, unchanged, quarantined, removed,
		 failed;
	size_t	 warned;	/* of the imported, with a warning */
	int	 busy;		/* another import of the facility was running */
	char	 last_error[300];
};

/* ssmix2_name.c: pure helpers (unit tested, fuzzed); see the comments there. */
int		 ssmix2_parse_name(const char *, struct ssmix2_name *);
int		 ssmix2_ts_ok(const char *);
int		 ssmix2_ext_type_ok(const char *);
int		 ssmix2_parse_docdir(const char *, struct ssmix2_docdir *);
int		 ssmix2_type_info(const char *, struct ssmix2_type *);
int		 ssmix2_pid_match(const char *, const char *);
int		 ssmix2_folder_ok(const char *, const char *, const char *);
int		 ssmix2_no_order(const char *);
int		 ssmix2_id_ok(const char *);
int		 ssmix2_date_ok(const char *);
const char	*ssmix2_sniff(const void *, size_t);

/* Imports one facility's trees; ext may be NULL. 0, or -1 (see stats). */
int		 ssmix2_import(long long, const char *, const char *,
		    const char *, int, struct ssmix2_stats *);

/* ssmix2_store.c: one parsed message into the record tables. */
struct hl7_msg;
struct ssmix2_file {
	long long		 facility_id;
	long long		 file_id;
	long long		 link_id;
	const char		*rel_path;
	const char		*sha256;
	long long		 size, mtime;	/* the file's, for import_file */
	const char		*local_id;	/* its patient folder */
	const char		*care_date;	/* YYYY-MM-DD or NULL */
	const char		*message_ts;	/* YYYY-MM-DD HH:MM:SS[.f] */
	const char		*message_ts_given; /* ISO 8601 as named */
	const struct ssmix2_name *name;
	const struct ssmix2_type *type;
	const void		*raw;
	size_t			 rawlen;
};
/* A run's cache of its patient links; cleared after every rollback. */
struct ssmix2_links;
struct ssmix2_links *ssmix2_links_new(long long);
void		 ssmix2_links_clear(struct ssmix2_links *);
void		 ssmix2_links_free(struct ssmix2_links *);
int		 ssmix2_link(struct ssmix2_links *, const char *,
		    const struct hl7_msg *, long long *);
/* Leaves the orders undecided but ADT-00's: see ssmix2_regroup_range. */
int		 ssmix2_store(const struct ssmix2_file *, const struct hl7_msg *,
		    long long *);
long long	 ssmix2_regroup(long long, const char *, const char *);
int		 ssmix2_regroup_range(long long, long long, long long);
int		 ssmix2_demographics(struct ssmix2_links *, const char *,
		    long long, const struct hl7_msg *);
/* New message files of a batch, written a few statements for them all. */
struct ssmix2_stage;
struct ssmix2_stage *ssmix2_stage_new(long long, long long);
void		 ssmix2_stage_reset(struct ssmix2_stage *);
void		 ssmix2_stage_free(struct ssmix2_stage *);
size_t		 ssmix2_stage_bytes(const struct ssmix2_stage *);
int		 ssmix2_stage_add(struct ssmix2_stage *,
		    const struct ssmix2_file *, const struct hl7_msg *);
int		 ssmix2_stage_flush(struct ssmix2_stage *, long long *);

#endif /* SSMIX2_H */
