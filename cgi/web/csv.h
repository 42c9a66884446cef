/* csv.h: spreadsheet exports (UTF-8 with a BOM, formula-neutralised cells) */
#ifndef CSV_H
#define CSV_H

struct buf;
struct req;

void	 csv_begin(struct buf *);
void	 csv_cell(struct buf *, const char *, int);
int	 csv_finish(struct req *, const char *);

#endif
