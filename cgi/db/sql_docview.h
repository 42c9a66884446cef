/* sql_docview.h: an original document shown inside the viewer page (pages/records.c; A11.4, A8.4) */
/* Read several times with STMT and COLS defined apart (db/stmts.h): no include guard. */

/* The document's description, when the consent lets its facility be seen. */
STMT(VIEWER_DOC_META,
	"SELECT d.id, DATE_FORMAT(d.care_date, '%Y-%m-%d'), f.name,"
	" COALESCE(NULLIF(SUBSTRING_INDEX(SUBSTRING_INDEX(d.category, '^', 2),"
	" '^', -1), ''), d.category), d.title, d.content_type, d.size"
	" FROM patient_link l JOIN document d ON d.link_id = l.id"
	" JOIN facility f ON f.id = d.facility_id"
	" WHERE d.id = ? AND l.patient_id = ? AND FIND_IN_SET(l.facility_id, ?)")
COLS(VIEWER_DOC_META, VIEWER_DOC_META_ID, VIEWER_DOC_META_CARE_DATE,
    VIEWER_DOC_META_FACILITY_NAME, VIEWER_DOC_META_CATEGORY,
    VIEWER_DOC_META_TITLE, VIEWER_DOC_META_CONTENT_TYPE, VIEWER_DOC_META_SIZE)
