/* patient.h: network patients as pages need them (A12) */
#ifndef PATIENT_H
#define PATIENT_H
#include <stddef.h>

struct req;
struct dbres;

/* The patient named by ?p=HANDLE: its id, or -1 with an error page sent. */
long long	 patient_from_handle(struct req *, const char *);
/* Loads patient id into the view as Patient.*; its row (caller frees) or NULL with a page sent. */
struct dbres	*patient_view(struct req *, long long);
/* Row i of a result as Patient.*: STMT_PATIENT_GET's columns from a column. */
void		 patient_fill(const struct dbres *, size_t, size_t);
int		 patient_check_fields(const struct req *, const char *);
int		 patient_local_id_ok(const char *);
int		 patient_view_active(struct req *, long long);
void		 patient_form_defaults(struct req *);
int		 patient_role_facility(const struct req *);
void		 patient_redirect(struct req *, const char *);

#endif
