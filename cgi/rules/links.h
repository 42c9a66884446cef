/* links.h: a local patient ID linked by hand waits for the operator (A12) */
#ifndef LINKS_H
#define LINKS_H

int	 link_event(long long, const char *, long long, const char *, long long);

#endif
