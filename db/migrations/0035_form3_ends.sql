-- 0035_form3_ends.sql: which form 3 ended its facility (A10.5 proviso, A10.2).
--
-- A facility whose last user leaves is cancelled with that user's form 3:
-- the form 3 that left it without users carries the cancellation paperwork
-- (解約申込書) and, printed at any later time, says the facility's contract
-- ended. Every other form 3 of the facility ended one user's use only and
-- keeps printing that, whatever the facility's status became afterwards.
-- Set in the transaction that leaves the facility without users (the
-- decision on the form, or its withdrawal date coming); the paperwork is
-- recorded on that form 3 only.
ALTER TABLE application
  ADD COLUMN IF NOT EXISTS ends_facility TINYINT(1) NOT NULL DEFAULT 0;

-- Existing data, where it can be derived: the form 3 the paperwork was
-- recorded on ended its facility; a facility still waiting for its
-- paperwork was left without users by its last approved form 3 (the
-- latest withdrawal date, then the latest form). Anything else stays 0 and
-- prints what the form itself decided.
UPDATE application SET ends_facility = 1
  WHERE kind = 'user_withdraw' AND cancel_filed_on IS NOT NULL;
UPDATE application a JOIN facility f ON f.id = a.facility_id
  SET a.ends_facility = 1
  WHERE f.status = 'cancelling' AND a.kind = 'user_withdraw'
    AND a.decision = 'approved'
    AND NOT EXISTS (SELECT 1 FROM application e WHERE e.facility_id = f.id
      AND e.kind = 'user_withdraw' AND e.ends_facility = 1)
    AND a.id = (SELECT l.id FROM application l WHERE l.facility_id = f.id
      AND l.kind = 'user_withdraw' AND l.decision = 'approved'
      ORDER BY l.effective_date DESC, l.id DESC LIMIT 1);
