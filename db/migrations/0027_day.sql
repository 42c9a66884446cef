-- 0027_day.sql: a clinician's day (issue 19).
-- A facility's local patient ID as printed on the chart, leading zeros
-- typed or not: the search and the EHR's deep link (/records/local) match
-- the ID without its leading zeros, through an index.
ALTER TABLE patient_link
  ADD COLUMN IF NOT EXISTS local_key VARCHAR(64) AS (TRIM(LEADING '0' FROM local_id)) VIRTUAL,
  ADD KEY IF NOT EXISTS patient_link_local_key (facility_id, local_key);
-- The kanji name without spaces (half or full width): a search by name and
-- birth date.
ALTER TABLE patient
  ADD COLUMN IF NOT EXISTS name_key VARCHAR(100) AS (REPLACE(REPLACE(name, ' ', ''), '　', '')) VIRTUAL,
  ADD KEY IF NOT EXISTS patient_name_key (name_key, birth_date);
-- What arrived for a patient and when: "new since I last looked" and the
-- newest activity of "my patients" read a link's newest import from here.
ALTER TABLE record ADD KEY IF NOT EXISTS record_link_imported (link_id, imported_at);
-- The patients whose form 4 a facility registered ("my patients").
ALTER TABLE consent ADD KEY IF NOT EXISTS consent_facility (facility_id, registered_at);
