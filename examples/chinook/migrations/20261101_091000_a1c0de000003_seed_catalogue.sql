-- retort:revision a1c0de000003
-- retort:parents a1c0de000002
-- retort:description seed a few rows of the Chinook catalogue
-- retort:up
INSERT INTO artist (artist_id, name) VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith');
INSERT INTO album (album_id, title, artist_id) VALUES
    (1, 'For Those About To Rock We Salute You', 1),
    (2, 'Balls to the Wall', 2),
    (3, 'Restless and Wild', 2),
    (4, 'Let There Be Rock', 1),
    (5, 'Big Ones', 3);
INSERT INTO track (track_id, name, album_id, milliseconds, unit_price) VALUES
    (1, 'For Those About To Rock (We Salute You)', 1, 343719, 0.99),
    (2, 'Balls to the Wall', 2, 342562, 0.99),
    (3, 'Fast As a Shark', 3, 230619, 0.99),
    (4, 'Go Down', 4, 331180, 0.99),
    (5, 'Walk On Water', 5, 295680, 0.99);

-- retort:down
DELETE FROM track WHERE track_id BETWEEN 1 AND 5;
DELETE FROM album WHERE album_id BETWEEN 1 AND 5;
DELETE FROM artist WHERE artist_id BETWEEN 1 AND 3;
