/* page_home.c: the first page: the network's name and the verified identity */
#include "app.h"
#include "db.h"
#include "pages.h"
#include "render.h"

void
page_home(struct req *r)
{
	struct dbres	*res;

	/* Proves the whole path: nginx, the worker, and MariaDB answer. */
	if ((res = db_query(STMT_PING, "")) == NULL) {
		http_error(r, 503, "db", NULL);
		return;
	}
	view_set("Db.ok", dbres_get(res, 0, 0));
	dbres_free(res);
	view_set("Page.title", lang("home.title"));
	http_page(r, 200, "home.cs");
}
