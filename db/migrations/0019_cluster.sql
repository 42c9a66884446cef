-- A patient history is read together: cluster the record tables by their
-- patient link (docs/benchmarks.md). With PRIMARY KEY (id) a
-- 5,000-record history touched 15,077 pages (rows of many patients
-- interleaved as the facilities sent them); clustered by (link_id, id) it
-- touches about 450 and the export query halves. id stays unique (and the
-- target of the child tables foreign keys) through its own key.
ALTER TABLE record DROP PRIMARY KEY, ADD PRIMARY KEY (link_id, id),
  ADD UNIQUE KEY record_id (id);
ALTER TABLE record_lab DROP PRIMARY KEY, ADD PRIMARY KEY (link_id, id),
  ADD UNIQUE KEY record_lab_id (id);
ALTER TABLE record_med DROP PRIMARY KEY, ADD PRIMARY KEY (link_id, id),
  ADD UNIQUE KEY record_med_id (id);
