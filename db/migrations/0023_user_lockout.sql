-- 0023_user_lockout.sql: every lockout of an account (A8.3), so
-- repeated lockouts of one account within lockout_alert_secs (mogami.conf)
-- alert the operator: someone may be guessing that account's password.
-- Once per such window: while the guessing goes on, one alert a window.
-- Times are the application's clock in seconds, as users.locked_until.
CREATE TABLE IF NOT EXISTS user_lockout (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  locked_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  alerted TINYINT NOT NULL DEFAULT 0,              -- this one told the operator
  KEY user_lockout_user (user_id, locked_at),
  CONSTRAINT user_lockout_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
