/* test_password.c: the password policy (A8.3) */
#include "pki/password.h"
#include "t.h"

static void
test_A8_3_policy_accepts_good(void)
{
	CHECK(password_policy("Kuma-no-mori7", "sato") == NULL);
	CHECK(password_policy("最上川の流れはとても速い", "sato") == NULL);
}

static void
test_A8_3_policy_length(void)
{
	CHECK_STR(password_policy("Short1!", "sato"), "pw.short");
	/* Ten characters of kana are thirty bytes: counted as characters. */
	CHECK(password_policy("あいうえおかきくけこ", "x") == NULL);
	CHECK_STR(password_policy("あいうえおかきくけ", "x"), "pw.short");
}

static void
test_A8_3_policy_not_login(void)
{
	CHECK_STR(password_policy("dr.sato-2024x", "dr.sato"), "pw.login");
	CHECK_STR(password_policy("xxDR.SATOxx99", "dr.sato"), "pw.login");
}

static void
test_A8_3_policy_weak(void)
{
	CHECK_STR(password_policy("Password123", "sato"), "pw.weak");
	CHECK_STR(password_policy("aaaaaaaaaaaa", "sato"), "pw.weak");
	CHECK_STR(password_policy("abcdefghijkl", "sato"), "pw.weak");
	CHECK_STR(password_policy("9876543210", "sato"), "pw.weak");
	CHECK_STR(password_policy("mogami2024!", "sato"), "pw.weak");
	CHECK_STR(password_policy("\xff\xfe", "sato"), "pw.invalid");
}

int
main(void)
{
	RUN(test_A8_3_policy_accepts_good);
	RUN(test_A8_3_policy_length);
	RUN(test_A8_3_policy_not_login);
	RUN(test_A8_3_policy_weak);
	return T_DONE("password");
}
