-- retort:revision cp2
-- retort:parents cp1
-- retort:up
CREATE TABLE cp_two (id INTEGER);
-- retort:down
DROP TABLE cp_two;
