/* app.h: a request as the handlers see it, the route table's types */
#ifndef APP_H
#define APP_H
#include "base/util.h"
#include "web/multipart.h"
#include "web/req.h"

/* Roles (docs/rules.md, "Roles"); a person may hold several. */
enum role {
	ROLE_PRESIDENT		= 1 << 0,
	ROLE_OPERATOR		= 1 << 1,
	ROLE_STAFF		= 1 << 2,
	ROLE_FACILITY_MANAGER	= 1 << 3,
	ROLE_USER		= 1 << 4,
	ROLE_DESK		= 1 << 5
};
#define ROLE_ALL	0x3f
/* Role sets, named once: routes and pages check these, never spell them out. */
#define ROLES_OFFICE	(ROLE_OPERATOR | ROLE_STAFF)	/* the network's office */
#define ROLES_COUNCIL	(ROLE_PRESIDENT | ROLES_OFFICE)
#define ROLES_DESK	(ROLE_DESK | ROLES_OFFICE)	/* the desk (A4.3) and who runs it */
#define ROLES_CLINIC	(ROLE_USER | ROLE_FACILITY_MANAGER)	/* at a member facility */
/* Reachable with a verified certificate alone (the login page). */
#define ROLE_CERT	(1 << 30)

/* Route flags. */
#define F_CSRF		0x01	/* a POST that needs the form's token */
#define F_PATIENT	0x02	/* shows patient data */
#define F_NOLOCK	0x04	/* allowed while the session is idle-locked */
#define F_UPLOAD	0x08	/* takes multipart/form-data (a file upload) */
#define F_NOTICE	0x10	/* allowed while notices await acknowledgement (A16) */
#define F_BARE		0x20	/* answered before parameters, database and session */
#define F_RULES		0x40	/* leads to the rules in force until acknowledged (A11.1) */

/*
 * Issue 20: the one page that shows a scanned form inline (a PDF in a
 * frame) and the scan itself. Every other response forbids frames both
 * ways (frame-ancestors 'none', no frame-src).
 */
#define FRAMES_EMBED	1	/* this page frames a response of its own origin */
#define FRAMES_FRAMED	2	/* this response may be framed by its own origin */

/* A form body without an upload is small; only uploads may be large. */
#define FORM_BODY_MAX	(256 * 1024)

/* The identity nginx verified, from non-HTTP_ parameters only. */
struct cert_id {
	const char	*verify;	/* SUCCESS, FAILED:..., NONE */
	const char	*serial;
	const char	*fingerprint;
	const char	*s_dn;
	const char	*i_dn;
};

struct session;

struct req {
	/* request: strings owned by the FastCGI layer for the request's life */
	const char		*method;
	const char		*path;
	const char		*query;
	const char		*remote_addr;
	const char		*origin;
	const char		*fetch_site;	/* Sec-Fetch-Site */
	const char		*fetch_dest;	/* Sec-Fetch-Dest (issue 21: documents) */
	const char		*cookie_hdr;
	const char		*content_type;
	const char		*body;
	size_t			 body_len;
	struct cert_id		 cert;
	struct kvlist		 q;		/* query string */
	struct kvlist		 form;		/* POST body */
	struct kvlist		 cookies;
	struct uploads		 files;		/* F_UPLOAD routes; point into body */
	const struct route	*route;
	struct session		*sess;		/* NULL before login; freed by req_free */
	long long		 cert_user_id;	/* whom the CA issued this certificate */

	/* response, sent only after the handler returned */
	int			 status;
	int			 frames;	/* FRAMES_*: 0 (the default) for all but two */
	const char		*ctype;
	struct buf		 headers;	/* extra "Name: value\r\n" lines */
	struct buf		 body_out;
};

typedef void (*handler_fn)(struct req *);

struct route {
	const char		*method;
	const char		*path;
	handler_fn		 handler;
	unsigned int		 roles;
	unsigned int		 flags;
	const struct field	*fields;	/* accepted parameters */
};

extern const struct route	 routes[];
extern const size_t		 nroutes;

void	 app_handle(struct req *);
void	 req_free(struct req *);

/* http.c */
void	 http_error(struct req *, int, const char *, const char *);
void	 http_page(struct req *, int, const char *);
void	 http_redirect(struct req *, const char *);
void	 http_header(struct req *, const char *, const char *);
const char *http_file_type(const char *);
void	 http_file(struct req *, const char *, const char *, size_t,
	    const char *);
const char *param(const struct req *, const char *);
const char *param_opt(const struct req *, const char *);
const char *http_security_headers(int);
const char *http_reason(int);

#endif
