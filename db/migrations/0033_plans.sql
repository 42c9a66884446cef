-- 0033_plans.sql: indexes the home pages' counts need (issue 23, plans that
-- cannot flip; docs/benchmarks.md).

-- The links waiting for the office's decision (a local ID asked for an
-- existing patient): requested_patient_id is set while a request waits and
-- cleared by its approval or rejection, so its non-NULL entries are the
-- queue. Without it the count and the queue read every link of the region.
ALTER TABLE patient_link
  ADD KEY IF NOT EXISTS patient_link_request (requested_patient_id);

-- The active accounts, oldest first: the accounts waiting for a
-- certificate (the operator's count and list) were read from every user.
ALTER TABLE users
  ADD KEY IF NOT EXISTS users_status (status, created_at);

-- "My patients" (the clinician's home, issue 19) newest activity first:
-- each link's newest activity (the last import of its records, else its
-- making) kept on the link, so the facility's links are read in that order
-- along patient_link_active and stopped at the page's candidates, not every
-- link of the facility read and each one's records asked (issue 23). The
-- importer sets it as it stores each file of the link (STMT_LINK_ACTIVE).
ALTER TABLE patient_link
  ADD COLUMN IF NOT EXISTS active_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  ADD KEY IF NOT EXISTS patient_link_active (facility_id, active_at);
UPDATE patient_link l SET l.active_at = COALESCE((SELECT MAX(r.imported_at)
  FROM record r WHERE r.link_id = l.id), l.created_at);
