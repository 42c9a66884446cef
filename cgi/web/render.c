/* render.c: page data and templates; the one file that talks to ClearSilver */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <ClearSilver.h>

#include "base/config.h"
#include "base/util.h"
#include "web/render.h"

/*
 * Two HDFs: "global" holds the language file ("L") and "Net" for the
 * worker's life; "hdf" holds one request's data and is replaced whole by
 * view_begin, so nothing of one request reaches the next. Templates see
 * both: ClearSilver looks a name up in hdf, then in its global_hdf.
 * (hdf_remove_tree leaves a stale lookup cache behind: never prune.)
 */
static HDF	*global;
static HDF	*hdf;

#define TPL_MAX	128
static struct tpl {
	char	*name;
	char	*text;
	CSPARSE	*cs;	/* text parsed, includes resolved; NULL until first used */
} tpls[TPL_MAX];
static size_t	 ntpls;

static void
log_nerr(const char *where, NEOERR *err)
{
	STRING	 s;

	string_init(&s);
	nerr_error_string(err, &s);
	syslog(LOG_ERR, "%s: %s", where, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

/* Reads templates/<name> once per worker; returns its slot or NULL. */
static struct tpl *
tpl_get(const char *name)
{
	char		 path[1024];
	char		*text = NULL;
	size_t		 i;
	NEOERR		*err;

	for (i = 0; i < ntpls; i++)
		if (strcmp(tpls[i].name, name) == 0)
			return &tpls[i];
	if (strstr(name, "..") != NULL || name[0] == '/' || ntpls == TPL_MAX)
		return NULL;
	if (str_fmt(path, sizeof(path), "%s/%s", cfg.templates, name) == -1)
		return NULL;
	if ((err = ne_load_file(path, &text)) != STATUS_OK) {
		log_nerr(__func__, err);
		return NULL;
	}
	if ((tpls[ntpls].name = strdup(name)) == NULL) {
		free(text);
		return NULL;
	}
	tpls[ntpls].text = text;
	tpls[ntpls].cs = NULL;
	return &tpls[ntpls++];
}

/* CSFILELOAD for include: serves templates from the cache. */
static NEOERR *
tpl_load(void *ctx, HDF *h, const char *name, char **contents)
{
	struct tpl	*t;

	(void)ctx;
	(void)h;
	if ((t = tpl_get(name)) == NULL)
		return nerr_raise(NERR_NOT_FOUND, "template %s", name);
	if ((*contents = strdup(t->text)) == NULL)
		return nerr_raise(NERR_NOMEM, "template %s", name);
	return STATUS_OK;
}

/*
 * Once per worker: the HDF with escaping on and the language file loaded.
 * Returns 0, or -1 with a message in err.
 */
int
render_init(char *err, size_t errlen)
{
	NEOERR	*e;

	nerr_init();
	if ((e = hdf_init(&global)) != STATUS_OK ||
	    (e = hdf_read_file(global, cfg.lang)) != STATUS_OK ||
	    (e = hdf_set_value(global, "Net.name", cfg.net_name)) != STATUS_OK)
		goto fail;
	view_begin();
	if (hdf == NULL) {
		str_copy(err, "render_init: no memory", errlen);
		return -1;
	}
	return 0;
fail:
	str_fmt(err, errlen, "render_init: cannot load %s", cfg.lang);
	log_nerr(__func__, e);
	return -1;
}

void
render_free(void)
{
	for (size_t i = 0; i < ntpls; i++) {
		free(tpls[i].name);
		free(tpls[i].text);
		if (tpls[i].cs != NULL)
			cs_destroy(&tpls[i].cs);
	}
	ntpls = 0;
	if (hdf != NULL)
		hdf_destroy(&hdf);
	if (global != NULL)
		hdf_destroy(&global);
}

/* A fresh, empty page data set for the next request. */
void
view_begin(void)
{
	NEOERR	*e;

	if (hdf != NULL)
		hdf_destroy(&hdf);
	/* Must be set before cs_init, or nothing is escaped. */
	if ((e = hdf_init(&hdf)) != STATUS_OK ||
	    (e = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) != STATUS_OK) {
		log_nerr(__func__, e);
		if (hdf != NULL)
			hdf_destroy(&hdf);
	}
}

void
view_set(const char *name, const char *value)
{
	NEOERR	*e;

	if (hdf == NULL)
		return;
	if ((e = hdf_set_value(hdf, name, value ? value : "")) != STATUS_OK)
		log_nerr(__func__, e);
}

void
view_setf(const char *name, const char *fmt, ...)
{
	char	*p = NULL;
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		view_set(name, p);
		free(p);
	}
}

void
view_set_int(const char *name, long long v)
{
	view_setf(name, "%lld", v);
}

const char *
view_get(const char *name)
{
	return hdf != NULL ? hdf_get_value(hdf, name, NULL) : NULL;
}

/* The node at name, created when missing. Valid until view_begin. */
struct vnode *
view_node(const char *name)
{
	HDF	*n = NULL;

	if (hdf == NULL || hdf_get_node(hdf, name, &n) != STATUS_OK)
		return NULL;
	return (struct vnode *)n;
}

struct vnode *
vnode_child(struct vnode *v, const char *name)
{
	HDF	*n = NULL;

	if (v == NULL || hdf_get_node((HDF *)v, name, &n) != STATUS_OK)
		return NULL;
	return (struct vnode *)n;
}

void
vnode_set(struct vnode *v, const char *name, const char *value)
{
	NEOERR	*e;

	if (v == NULL)
		return;
	if ((e = hdf_set_value((HDF *)v, name, value ? value : "")) !=
	    STATUS_OK)
		log_nerr(__func__, e);
}

void
vnode_set_int(struct vnode *v, const char *name, long long n)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld", n);
	vnode_set(v, name, s);
}

/* ClearSilver wants writable names. */
static char	 url_name[] = "url_escape";
static char	 js_name[] = "js_escape";

static NEOERR *
render_cb(void *ctx, char *s)
{
	return buf_puts(ctx, s) == 0 ? STATUS_OK :
	    nerr_raise(NERR_NOMEM, "render");
}

/*
 * The template parsed once per worker, on its first use (docs/benchmarks.md: parsing
 * was half of rendering's time, a seventh of a view's worker CPU). Every
 * include is a literal name, resolved at parse time; the tree keeps no
 * request data, which comes from the HDF given to each render. The
 * escaping mode is read from the HDF at cs_init, hence the one set by
 * view_begin. Returns NULL (logged) on failure.
 */
static CSPARSE *
tpl_parsed(struct tpl *t)
{
	CSPARSE		*cs = NULL;
	char		*copy;
	NEOERR		*e;

	if (t->cs != NULL)
		return t->cs;
	if ((e = cs_init(&cs, hdf)) != STATUS_OK)
		goto fail;
	cs->global_hdf = global;
	cs_register_fileload(cs, NULL, tpl_load);
	if ((e = cs_register_esc_strfunc(cs, url_name, cgi_url_escape)) !=
	    STATUS_OK ||
	    (e = cs_register_esc_strfunc(cs, js_name, cgi_js_escape)) !=
	    STATUS_OK)
		goto fail;
	/* cs_parse_string takes ownership of a modifiable copy. */
	if ((copy = strdup(t->text)) == NULL) {
		cs_destroy(&cs);
		return NULL;
	}
	if ((e = cs_parse_string(cs, copy, strlen(copy))) != STATUS_OK)
		goto fail;
	return t->cs = cs;
fail:
	log_nerr(t->name, e);
	if (cs != NULL)
		cs_destroy(&cs);
	return NULL;
}

/*
 * Renders templates/<name> with the current view into out (appending).
 * Returns 0, or -1 (logged); on -1 out may hold a partial page the caller
 * must not send.
 */
int
render(const char *name, struct buf *out)
{
	struct tpl	*t;
	CSPARSE		*cs;
	NEOERR		*e;

	if ((t = tpl_get(name)) == NULL) {
		syslog(LOG_ERR, "%s: no template %s", __func__, name);
		return -1;
	}
	if (hdf == NULL || (cs = tpl_parsed(t)) == NULL)
		return -1;
	cs->hdf = hdf;
	e = cs_render(cs, out, render_cb);
	cs->hdf = NULL;		/* the request's HDF dies at view_begin */
	if (e != STATUS_OK) {
		/* A render stopped half-way may leave locals behind: parse anew. */
		log_nerr(name, e);
		cs_destroy(&t->cs);
		return -1;
	}
	return out->oom ? -1 : 0;
}

/* A string from the language file, or "" when it is missing. */
const char *
lang(const char *key)
{
	char		 path[256];
	const char	*v;

	/*
	 * A missing string shows as nothing rather than as its key: callers
	 * build keys in stack buffers, and the key would outlive them.
	 * tests/integration/test_lang.py finds the missing ones.
	 */
	if (str_fmt(path, sizeof(path), "L.%s", key) == -1)
		return "";
	v = hdf_get_value(global, path, NULL);
	return v != NULL ? v : "";
}

/*
 * The label of a code: the language string prefix + code (prefix ends
 * with its separator: "desk.kind."), or dflt when code is empty or the
 * file has no such string.
 */
const char *
lang_code(const char *prefix, const char *code, const char *dflt)
{
	char		 path[256];
	const char	*v;

	if (code == NULL || *code == '\0' ||
	    str_fmt(path, sizeof(path), "L.%s%s", prefix, code) == -1)
		return dflt;
	v = hdf_get_value(global, path, NULL);
	return v != NULL ? v : dflt;
}
