/* fcgi.h: the FastCGI side of a worker */
#ifndef FCGI_H
#define FCGI_H
#include <signal.h>

int	 fcgi_listen(const char *, int);
void	 fcgi_serve(int, volatile sig_atomic_t *, volatile sig_atomic_t *);

#endif
