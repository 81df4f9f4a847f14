-- retort:revision a1c0de000002
-- retort:parents a1c0de000001
-- retort:description tracks with an audit trigger
-- retort:up
CREATE TABLE track (
    track_id     INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    album_id     INTEGER REFERENCES album (album_id),
    milliseconds INTEGER NOT NULL,
    unit_price   NUMERIC(10, 2) NOT NULL DEFAULT 0.99
);

CREATE TABLE track_audit (
    track_id   INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);

-- A trigger body holds semicolons of its own; the splitter keeps it whole.
CREATE TRIGGER track_price_audit AFTER UPDATE OF unit_price ON track
BEGIN
    INSERT INTO track_audit (track_id, changed_at) VALUES (NEW.track_id, datetime('now'));
END;

-- retort:down
DROP TRIGGER track_price_audit;
DROP TABLE track_audit;
DROP TABLE track;
