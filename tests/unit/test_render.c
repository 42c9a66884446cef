/* test_render.c: every template parses and renders; values are HTML-escaped; nothing leaks between requests */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "base/config.h"
#include "base/util.h"
#include "web/render.h"
#include "t.h"

static int
setup(void)
{
	char	 err[256];

	str_copy(cfg.templates, "templates", sizeof(cfg.templates));
	str_copy(cfg.lang, "templates/lang/ja.hdf", sizeof(cfg.lang));
	str_copy(cfg.net_name, "もがみネット", sizeof(cfg.net_name));
	return render_init(err, sizeof(err));
}

static void
test_every_template_renders(void)
{
	DIR		*d = opendir("templates");
	struct dirent	*de;
	struct buf	 b;
	int		 n = 0;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	buf_init(&b);
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 4 || strcmp(de->d_name + l - 3, ".cs") != 0)
			continue;
		view_begin();
		buf_reset(&b);
		if (render(de->d_name, &b) != 0) {
			fprintf(stderr, "template %s failed\n", de->d_name);
			CHECK(0);
		}
		n++;
	}
	closedir(d);
	buf_free(&b);
	CHECK(n >= 15);
}

/*
 * A worker parses each template once (docs/benchmarks.md): an include must name its
 * file literally, resolved at parse time, never from a request's data.
 */
static void
test_includes_are_literal(void)
{
	DIR		*d = opendir("templates");
	struct dirent	*de;
	char		 path[512];
	int		 n = 0;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t	 l = strlen(de->d_name);
		char	*text = NULL;
		NEOERR	*e;

		if (l < 4 || strcmp(de->d_name + l - 3, ".cs") != 0)
			continue;
		str_fmt(path, sizeof(path), "templates/%s", de->d_name);
		if ((e = ne_load_file(path, &text)) != STATUS_OK) {
			nerr_ignore(&e);
			CHECK(0);
			continue;
		}
		for (const char *p = text; (p = strstr(p, "include:")) != NULL;
		    p += 8) {
			if (p[8] != '"' || (p > text && p[-1] == 'l')) {
				fprintf(stderr, "%s: include not literal\n",
				    de->d_name);
				CHECK(0);
			}
			n++;
		}
		free(text);
	}
	closedir(d);
	CHECK(n >= 100);
}

static void
test_values_are_escaped(void)
{
	struct buf	 b;

	buf_init(&b);
	view_begin();
	view_set("Error.title", "<b>x</b>");
	view_set("Error.field", "\"><script>alert(1)</script>");
	CHECK(render("error.cs", &b) == 0);
	CHECK(strstr(b.data, "<script>alert") == NULL);
	CHECK(strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK(strstr(b.data, "&lt;b&gt;x&lt;/b&gt;") != NULL);
	/* Page titles come from the language file, never from data. */
	CHECK(strstr(b.data, "<title>") != NULL);
	/*
	 * docs/benchmarks.md: the template is parsed once per worker; the escaping mode
	 * read at that parse must still hold for the next request's data.
	 */
	view_begin();
	buf_reset(&b);
	view_set("Error.field", "<img src=x onerror=alert(2)>");
	CHECK(render("error.cs", &b) == 0);
	CHECK(strstr(b.data, "<img src=x") == NULL);
	CHECK(strstr(b.data, "&lt;img src=x onerror=alert(2)&gt;") != NULL);
	buf_free(&b);
}

static void
test_nothing_leaks_between_requests(void)
{
	struct buf	 b;

	buf_init(&b);
	view_begin();
	view_set("Session.name", "前の利用者");
	view_set("Session.login", "prev");
	CHECK(render("home.cs", &b) == 0 && strstr(b.data, "前の利用者") != NULL);
	view_begin();
	buf_reset(&b);
	CHECK(render("home.cs", &b) == 0 && strstr(b.data, "前の利用者") == NULL);
	CHECK(view_get("Session.login") == NULL);
	/*
	 * A template's set: writes into the request's data, not into the
	 * parsed template kept for the next request (the parse cache, docs/benchmarks.md).
	 */
	view_begin();
	buf_reset(&b);
	view_set("Cert.why", "期限切れ");
	CHECK(render("nocert.cs", &b) == 0);
	CHECK(view_get("Page.title") != NULL);
	view_begin();
	buf_reset(&b);
	CHECK(render("nocert.cs", &b) == 0 && strstr(b.data, "期限切れ") == NULL);
	CHECK_STR(view_get("Page.title"), lang("nocert.title"));
	CHECK_STR(lang("home.title"), "ホーム");
	CHECK_STR(lang("no.such.key"), "");
	buf_free(&b);
}

int
main(void)
{
	if (setup() != 0) {
		printf("render: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_every_template_renders);
	RUN(test_includes_are_literal);
	RUN(test_values_are_escaped);
	RUN(test_nothing_leaks_between_requests);
	render_free();
	return T_DONE("render");
}
