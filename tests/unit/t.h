/* t.h: a minimal unit-test harness; each program ends with "NAME: N passed, N failed". */
#ifndef T_H
#define T_H
#include <stdio.h>
#include <string.h>

static int t_pass, t_fail, t_case_failed;

/* CHECK counts nothing itself: it marks the running case failed. */
#define CHECK(c) do { if (!(c)) { t_case_failed = 1; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)
#define CHECK_STR(a, b) do { const char *t_a_ = (a), *t_b_ = (b); \
	if (t_a_ == NULL || t_b_ == NULL || strcmp(t_a_, t_b_) != 0) { t_case_failed = 1; \
	fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
	    t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); } } while (0)

/* RUN runs one test case (a void function) and counts it once. */
#define RUN(fn) do { t_case_failed = 0; fn(); \
	if (t_case_failed) { t_fail++; fprintf(stderr, "FAIL %s\n", #fn); } \
	else t_pass++; } while (0)

#define T_DONE(name) (printf("%s: %d passed, %d failed\n", (name), t_pass, t_fail), \
	t_fail ? 1 : 0)
#endif
