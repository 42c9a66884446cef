/* pages.h: every page handler, one function per page */
#ifndef PAGES_H
#define PAGES_H
#include "app.h"

void	 page_home(struct req *);

#endif
