-- 0025_ssmix2_as_written.sql: SS-MIX2 storage as hospitals write it (docs/import.md).
--
-- Times as given: a record's time and the file name's timestamp keep the
-- precision the source wrote, as ISO 8601 with only the parts given
-- ("2016-01-01T15:00" for a minute, "2016-01-01T15:00:00.321" for a
-- millisecond); the parsed DATETIME beside them stays what lists sort by.
-- NULL for what was imported before: shown as before.
ALTER TABLE record
  ADD COLUMN IF NOT EXISTS occurred_given VARCHAR(30) NULL AFTER occurred_at,
  ADD COLUMN IF NOT EXISTS message_ts_given VARCHAR(30) NULL AFTER message_ts;
ALTER TABLE record_lab
  ADD COLUMN IF NOT EXISTS observed_given VARCHAR(30) NULL AFTER observed_at;

-- A file imported with a warning (a declared charset its bytes are not)
-- keeps its warning beside its status; the operator's page lists it with
-- the quarantined files. Codes, worded by the page; never patient data.
ALTER TABLE import_file
  ADD COLUMN IF NOT EXISTS warning VARCHAR(32) NULL AFTER detail,
  ADD KEY IF NOT EXISTS import_file_warning (warning, facility_id);
ALTER TABLE import_run
  ADD COLUMN IF NOT EXISTS warned INT UNSIGNED NOT NULL DEFAULT 0 AFTER imported;

-- Extended storage's data types are keywords (category^name^code system).
ALTER TABLE document MODIFY category VARCHAR(200) NULL;
