-- retort:revision cp3
-- retort:parents cp2
-- retort:up
CREATE TABLE cp_three (id INTEGER);
-- retort:down
DROP TABLE cp_three;
