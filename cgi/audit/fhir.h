/* fhir.h: audit entries as FHIR R4 AuditEvent resources (IHE ATNA / DICOM codes) */
#ifndef AUDITFHIR_H
#define AUDITFHIR_H
#include <stdio.h>

#include "base/util.h"

/* The cells of one entry, in STMT_AUDIT_EXPORT_PAGE's order. */
enum fx_field {
	FX_ID, FX_TS, FX_USER_ID, FX_LOGIN, FX_FACILITY_ID, FX_ROLE, FX_ACTION,
	FX_OBJECT_TYPE, FX_OBJECT_ID, FX_PATIENT_ID, FX_PURPOSE, FX_OUTCOME,
	FX_CLIENT_ADDR, FX_CERT_SERIAL, FX_DETAIL, FX_SEQ, FX_HASH, FX__MAX
};

#define FX_RANGE_MAX	20	/* "YYYY-MM-DD HH:MM:SS" */

int	 auditfhir_range(const char *, const char *, char [FX_RANGE_MAX],
	    char [FX_RANGE_MAX]);
int	 auditfhir_event(struct buf *, const char *const [FX__MAX],
	    const char *, const char *);
int	 auditfhir_export(const char *, const char *, long long, struct buf *,
	    FILE *, long long *);

#endif
