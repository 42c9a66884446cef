-- 0024_search_misses.sql: the misuse rule that counts searches by exact
-- identifiers that found nobody (A11.2: a birth-date sweep found a
-- patient by name and sex in 42 requests). page_patients.c audits each
-- search as patient.search with detail 'miss' or 'listed ID,...'; more than
-- `threshold` misses by one user in `window_minutes` raise an alert, from
-- the scan and at once from the search throttle (search_miss_limit in
-- mogami.conf), under one dedup key per user and window.
INSERT IGNORE INTO misuse_rule (code, threshold, window_minutes, param1, param2) VALUES
  ('search_misses', 10, 5, 0, 0);
