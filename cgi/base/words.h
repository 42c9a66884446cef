/* words.h: codes from the facilities' messages as a clinician reads them */
#ifndef WORDS_H
#define WORDS_H
#include <stddef.h>

/* OBX-6's components as one unit: 10^3/μL kept whole, else the unit's text. */
int	 hl7_unit(char *, size_t, const char *, const char *, const char *);
/* 1 for the record kinds of an inpatient stay (a ward, a room, a bed). */
int	 stay_kind(const char *);
/* A visit's or stay's place (PV1-3 as the importer joined it with "、") in words. */
int	 place_words(char *, size_t, const char *, const char *);

#endif
