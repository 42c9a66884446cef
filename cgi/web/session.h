/* session.h: login sessions bound to a certificate; roles; CSRF */
#ifndef SESSION_H
#define SESSION_H

struct req;
struct dbres;

#define SESSION_COOKIE	"__Host-mogami"
#define LOGIN_CSRF_COOKIE "__Host-csrf"

/* The cookies the network sets; every other cookie is ignored (req.c). */
extern const char *const session_cookies[];

struct session {
	long long	 id;
	long long	 user_id;
	long long	 facility_id;
	long long	 created_at;
	long long	 last_seen;
	unsigned int	 roles;		/* enum role bits */
	int		 locked;	/* idle-locked: the password is needed */
	int		 must_change_pw;
	int		 notices_clear;	/* none left to acknowledge (A16) */
	char		 login[65];
	char		 name[256];
	char		 facility[256];
	char		 profession[33];
	char		 role_name[128];	/* roles as audited: "operator,user" */
	char		 csrf[65];
	char		 return_to[201];
};

unsigned int	 role_bits(const char *);
int		 has_role(const struct req *, unsigned int);
int		 session_load(struct req *, const struct dbres *);
void		 session_token_hash(const struct req *, char [65]);
int		 session_notices_pending(struct req *);
int		 session_create(struct req *, long long);
void		 session_end(struct req *, const char *);
int		 session_end_user(long long, const char *);
int		 session_lock(struct req *);
void		 session_touch(struct req *);
void		 session_view(const struct req *);
int		 csrf_ok(const struct req *);
const char	*login_csrf_new(struct req *, char *, size_t);

#endif
