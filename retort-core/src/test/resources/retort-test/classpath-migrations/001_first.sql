-- retort:revision cp1
-- retort:description first from the classpath
-- retort:up
CREATE TABLE cp_one (id INTEGER);
-- retort:down
DROP TABLE cp_one;
