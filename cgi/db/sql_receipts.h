/* sql_receipts.h: receipt numbers K-YYYY-NNNNNN, one counter per kind and year (rules/receipts.c) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The upsert locks the year's row until commit; the locking read sees it. */
STMT(RECEIPT_BUMP,
	"INSERT INTO receipt_seq (kind, year, last) VALUES (?, ?, 1)"
	" ON DUPLICATE KEY UPDATE last = last + 1")
STMT(RECEIPT_LAST,
	"SELECT last FROM receipt_seq WHERE kind = ? AND year = ? FOR UPDATE")
COLS(RECEIPT_LAST, RECEIPT_LAST_LAST)
