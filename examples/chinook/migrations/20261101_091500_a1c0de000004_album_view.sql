-- retort:revision a1c0de000004
-- retort:parents a1c0de000003
-- retort:description album summary view and track name index
-- retort:up
CREATE INDEX track_name_idx ON track (name);

CREATE VIEW album_summary AS
SELECT al.album_id, al.title, ar.name AS artist, count(t.track_id) AS tracks
FROM album al
JOIN artist ar ON ar.artist_id = al.artist_id
LEFT JOIN track t ON t.album_id = al.album_id
GROUP BY al.album_id, al.title, ar.name;

-- retort:down
DROP VIEW album_summary;
DROP INDEX track_name_idx;
