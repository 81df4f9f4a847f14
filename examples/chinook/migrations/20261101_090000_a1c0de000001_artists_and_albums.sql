-- retort:revision a1c0de000001
-- retort:description artists and albums
-- retort:up
CREATE TABLE artist (
    artist_id INTEGER PRIMARY KEY,
    name      TEXT NOT NULL
);

CREATE TABLE album (
    album_id  INTEGER PRIMARY KEY,
    title     TEXT NOT NULL,
    artist_id INTEGER NOT NULL REFERENCES artist (artist_id) ON DELETE CASCADE
);

CREATE INDEX album_artist_idx ON album (artist_id);

-- retort:down
DROP TABLE album;
DROP TABLE artist;
