/* jpcore.h: a patient's shared records as FHIR R4 Bundles following JP Core (A11.2, A12.2; docs/rules.md) */
#ifndef JPCORE_H
#define JPCORE_H
#include <stdio.h>

#include "base/util.h"

/* Rows one statement of a bundle may return; more is refused, never cut. */
#define JPCORE_ROWS_MAX	200000

/* How a bundle was refused: a database error, or a patient too large. */
#define JPCORE_EDB	-1
#define JPCORE_EBIG	-2

/* The pure mappings, apart for the unit tests. */
const char	*jpcore_code_system(const char *, const char *);
int		 jpcore_decimal(const char *);
const char	*jpcore_gender(const char *);
const char	*jpcore_obs_status(const char *, int);
const char	*jpcore_interpretation(const char *);
const char	*jpcore_allergy_category(const char *);
const char	*jpcore_severity(const char *);
int		 jpcore_name_split(const char *, char *, size_t, char *, size_t);
int		 jpcore_uri_part(char *, size_t, const char *);
int		 jpcore_patient_id_system(char *, size_t, const char *,
		    const char *);

int	 jpcore_patient_bundle(struct buf *, long long, const char *,
	    const char *);
int	 jpcore_facility_export(long long, FILE *, long long *);

#endif
