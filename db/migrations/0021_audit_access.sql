-- 0021_audit_access.sql: the facility manager's access list (A6.2) reads
-- only the accesses to patient data among a facility's entries, newest
-- first, a page at a time (docs/benchmarks.md: with 10 million entries it read every
-- login, list view and its own earlier views back to its page; MariaDB
-- does not push the action's condition into a backward index scan). A
-- virtual column says whether an entry is such an access; the index leads
-- with it, so the page is the index's last rows. The expression is the one
-- STMT_MONITOR_ACCESS used; it is computed, never written by anyone.
ALTER TABLE audit
  ADD COLUMN IF NOT EXISTS patient_access TINYINT AS
    (action LIKE 'record%' OR action LIKE 'document.%'
     OR action LIKE 'emergency.%' OR action LIKE 'patient.%'
     OR action LIKE 'consent.%') VIRTUAL,
  ADD KEY IF NOT EXISTS audit_facility_access (facility_id, patient_access, ts);
