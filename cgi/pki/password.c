/* password.c: the password policy (A8.3): length, not the login, not a known-weak one */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "base/kana.h"
#include "pki/password.h"

/* Lowercased; a password containing one of these whole is refused. */
static const char *const weak[] = {
	"password", "passw0rd", "p@ssw0rd", "123456", "12345678", "qwerty",
	"abc123", "111111", "iloveyou", "admin", "welcome", "letmein",
	"monkey", "dragon", "baseball", "football", "master", "sunshine",
	"princess", "shadow", "superman", "trustno1", "hospital", "mogami",
	"shinjo", "yamagata", "doctor", "nurse", "asdfgh", "zxcvbn",
	"qazwsx", "1q2w3e", "changeme", "secret", "test", "guest",
};

/* 1 when s is one character repeated, or a run like "abcdefgh" / "98765432". */
static int
trivial(const char *s)
{
	size_t	 i, n = strlen(s);
	int	 same = 1, up = 1, down = 1;

	for (i = 1; i < n; i++) {
		same &= s[i] == s[0];
		up &= s[i] == s[i - 1] + 1;
		down &= s[i] == s[i - 1] - 1;
	}
	return n > 0 && (same || up || down);
}

/*
 * Checks a new password against the policy. Returns NULL when acceptable,
 * or the language key of the reason (err.pw.*) to show beside the field.
 */
const char *
password_policy(const char *pw, const char *login)
{
	char	 low[PASSWORD_MAX * 4 + 1];
	size_t	 i, n, chars;

	if (pw == NULL || !utf8_valid(pw, strlen(pw)))
		return "pw.invalid";
	chars = utf8_strlen(pw);
	if (chars < PASSWORD_MIN)
		return "pw.short";
	if (chars > PASSWORD_MAX)
		return "pw.long";
	n = strlen(pw);
	for (i = 0; i < n && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	low[i] = '\0';
	if (login != NULL && strlen(login) >= 3 && strcasestr(pw, login) != NULL)
		return "pw.login";
	for (i = 0; i < sizeof(weak) / sizeof(weak[0]); i++)
		if (strstr(low, weak[i]) != NULL && n - strlen(weak[i]) < 6)
			return "pw.weak";
	if (trivial(low))
		return "pw.weak";
	return NULL;
}
