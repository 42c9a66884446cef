/* home.c: the home page: what this user can do, by role */
#include "base/util.h"
#include "pages/pages.h"
#include "web/app.h"
#include "web/render.h"
#include "web/session.h"

const struct field f_home[] = {
	{ "m", FT_TOKEN, 16 },
	{ NULL, 0, 0 }
};

void
page_home(struct req *r)
{
	if (str_eq(param(r, "m"), "pw"))
		view_set("Flash", lang("password.changed"));
	else if (str_eq(param(r, "m"), "noticeack"))
		view_set("Flash", lang("notice.acked_flash"));
	else if (str_eq(param(r, "m"), "rules"))	/* A11.1 */
		view_set("Flash", lang("rulebook.acked_flash"));
	todo_view(r);		/* issue 20: what waits for this role */
	desk_home(r);		/* A4.3: open and overdue complaints */
	notifications_count_view(r);	/* A14: emergency accesses to know of */
	messages_count_view(r);		/* A17: unread messages */
	/* Issue 19: my patients, recently viewed, new since, what changed. */
	if (has_role(r, ROLES_CLINIC) && day_home(r) == -1) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Page.title", lang("home.title"));
	http_page(r, 200, "home.cs");
}

/*
 * GET /healthz: the worker is up and nginx verified a certificate. The
 * dispatcher runs it before parameters, database and session (F_BARE), so
 * the benchmark measures nginx + FastCGI + a worker and nothing else: the
 * ceiling every page is compared with. It reveals nothing but "ok".
 */
void
page_healthz(struct req *r)
{
	r->status = 200;
	r->ctype = "text/plain; charset=utf-8";
	buf_reset(&r->body_out);
	buf_puts(&r->body_out, "ok\n");
}
