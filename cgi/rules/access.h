/* access.h: whether a facility may see a patient now, with facts from MariaDB */
#ifndef ACCESS_H
#define ACCESS_H
#include "rules/consent.h"

struct dbres;
struct req;

/* Everything consent_decide() needs about one patient; access_free frees it. */
struct access {
	long long		 patient_id;
	int			 merged;	/* merged into another: no access */
	struct consent_facts	 f;
	struct consent		*consents;
	long long		*facs;		/* the consents' facility lists */
	struct revocation	*revocations;
	long long		*linked;	/* facilities holding its records */
	size_t			 nlinked;
	struct link_state {
		long long	 id, facility;
	}			*links;		/* its links (local IDs) */
	size_t			 nlinks;
	struct fac_state {
		long long	 id;
		int		 active, disclosing, viewing;
	}			*fac;
	size_t			 nfac;
	struct dbres		*row;		/* access_open: the patient's row */
	size_t			 prow;
};

/* access_open: the patient's columns in a->row start at FACTS_HANDLE_ID. */

int			 access_load(struct access *, long long, long long, long long);
int			 access_open(struct access *, long long, const char *,
			    long long, long long);
void			 access_free(struct access *);
enum consent_verdict	 access_decide(struct access *, long long, long long);
enum consent_verdict	 access_patient(struct access *, long long);
int			 access_identity(const struct access *, long long);
enum consent_verdict	 access_check(long long, long long, long long);
int			 access_consent_lets(struct access *, long long, long long);
int			 access_check_many(const long long *, size_t, long long,
			    long long, enum consent_verdict *);

/* A patient of a list as the viewer may see it now (access_seen_many). */
#define ACCESS_SEEN_LINKS	8
struct access_seen {
	enum consent_verdict	 v;		/* access_patient() */
	int			 shared;	/* a form 4 in force names the viewer */
	int			 deceased;	/* the registration was cancelled */
	long long		 ended_us;	/* sharing ended then (form 5, death); 0 */
	size_t			 nlinks;
	long long		 link[ACCESS_SEEN_LINKS];	/* links the viewer may read */
	long long		 fac[ACCESS_SEEN_LINKS];	/* their facilities */
};
int			 access_seen_many(const long long *, size_t, long long,
			    long long, struct access_seen *);
int			 access_kept(struct access *, long long, const char *,
			    long long, const char *);
int			 access_load_many(const long long *, size_t, long long,
			    int, struct access *, int *);

/* handle.c: opaque per-session names for patients (A8.4) */
struct handles {
	struct dbres		*res;	/* patient id, handle */
};
int			 handle_for(const struct req *, long long, char *, size_t);
int			 handles_load(const struct req *, const long long *, size_t,
			    struct handles *);
int			 handle_from(const struct req *, const struct handles *,
			    long long, char *, size_t);
void			 handles_free(struct handles *);
long long		 handle_resolve(const struct req *, const char *);

#endif
