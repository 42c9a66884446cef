-- Records search by any part of the kana (docs/benchmarks.md): every two-character
-- piece (bigram) of a patient kana_key, so that a search reads the patients
-- holding its bigrams through an index instead of scanning every kana_key
-- with LIKE. Triggers keep it equal to patient.kana_key whoever writes the
-- patient (the pages, the region loader, a restore).
CREATE TABLE IF NOT EXISTS patient_kana_gram (
  gram VARCHAR(2) NOT NULL,
  patient_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (gram, patient_id),
  KEY patient_kana_gram_patient (patient_id)
) ENGINE=InnoDB;
CREATE TRIGGER IF NOT EXISTS patient_kana_gram_ai AFTER INSERT ON patient
  FOR EACH ROW INSERT IGNORE INTO patient_kana_gram (gram, patient_id)
  SELECT SUBSTRING(NEW.kana_key, s.seq, 2), NEW.id FROM seq_1_to_200 s
  WHERE s.seq < CHAR_LENGTH(NEW.kana_key);
CREATE TRIGGER IF NOT EXISTS patient_kana_gram_bu BEFORE UPDATE ON patient
  FOR EACH ROW DELETE FROM patient_kana_gram
  WHERE patient_id = OLD.id AND NOT (NEW.kana_key <=> OLD.kana_key);
CREATE TRIGGER IF NOT EXISTS patient_kana_gram_au AFTER UPDATE ON patient
  FOR EACH ROW INSERT IGNORE INTO patient_kana_gram (gram, patient_id)
  SELECT SUBSTRING(NEW.kana_key, s.seq, 2), NEW.id FROM seq_1_to_200 s
  WHERE s.seq < CHAR_LENGTH(NEW.kana_key) AND NOT (NEW.kana_key <=> OLD.kana_key);
INSERT IGNORE INTO patient_kana_gram (gram, patient_id)
  SELECT SUBSTRING(p.kana_key, s.seq, 2), p.id FROM patient p
  JOIN seq_1_to_200 s ON s.seq < CHAR_LENGTH(p.kana_key);
