/* form.h: what every page handler with a form does the same way */
#ifndef FORM_H
#define FORM_H
#include <stddef.h>

#include "db/stmts.h"

struct req;
struct audit_entry;
struct dbres;
struct vnode;

int		 form_empty(const char *);
const char	*form_null(const char *);
int		 form_blank(const char *);
long long	 form_ll(const struct req *, const char *);
long long	 form_id(const struct req *, const char *);
void		 form_err(const char *, const char *, const char *);
int		 form_db_fail(struct req *);
int		 form_idem(struct req *, enum stmt, const char *, const char *)
		    __attribute__((format(printf, 4, 0)));
int		 form_begin(struct req *);
int		 form_commit(struct req *, const struct audit_entry *);
void		 form_stale(struct req *);
int		 form_one(struct req *, int);
int		 form_commit_go(struct req *, const char *, const char *,
		    long long, const char *, const char *, ...)
		    __attribute__((format(printf, 6, 7)));
void		 fmt_jst(char *, size_t, long long, const char *);
void		 form_flash(const struct req *, const char *);
void		 form_keep(const struct req *, const char *, const char *const *,
		    size_t);
void		 form_idem_view(const struct req *);
void		 form_refuse(struct req *, int, const char *, const char *);
void		 vnode_time(struct vnode *, const char *, const struct dbres *,
		    size_t, size_t);

#endif
