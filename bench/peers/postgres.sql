-- hedui's checks as an analyst would write them for PostgreSQL 15: the
-- same steps and rules as duckdb.sql, in PostgreSQL's dialect. pg.mjs
-- substitutes ${FEEDS}, ${AS_OF} and ${OUT} and runs each '-- step:' in
-- its own psql call against a fresh database of a private cluster
-- (run.sh), so the tables are UNLOGGED rather than TEMP.

-- step: load
CREATE UNLOGGED TABLE roll_raw (case_id text, id text, name text, relation text, township text, village text, address text,
  zone text, category text, income text, amount text, enrolled text, account text, phone text);
COPY roll_raw FROM '${FEEDS}/roll.csv' (FORMAT csv, HEADER true, ENCODING 'UTF8');
CREATE UNLOGGED TABLE population_raw (id text, name text, sex text, birth text, hukou text, relation text, address text,
  status text, status_date text, father text, mother text, spouse text);
COPY population_raw FROM '${FEEDS}/population.csv' (FORMAT csv, HEADER true, ENCODING 'GB18030');
-- A row with an extra column stops COPY: the vehicles come in as lines and
-- are split here (the export has no quoted values).
CREATE UNLOGGED TABLE vehicle_lines (line text);
COPY vehicle_lines FROM '${FEEDS}/vehicle.csv' (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02', ENCODING 'GB18030');
CREATE UNLOGGED TABLE vehicle_raw AS
SELECT f[1] AS plate, f[2] AS vtype, f[3] AS id, f[5] AS registered, f[6] AS status
FROM (SELECT string_to_array(line, ',') AS f FROM vehicle_lines OFFSET 1) x WHERE cardinality(f) = 6;
CREATE UNLOGGED TABLE property_raw (cert text, owner text, id text, location text, area text, use text, registered text, status text);
COPY property_raw FROM '${FEEDS}/property.csv' (FORMAT csv, HEADER true, ENCODING 'UTF8');
-- NDJSON: one line a row, parsed below; a line that is not JSON is dropped.
CREATE UNLOGGED TABLE death_lines (line text);
COPY death_lines FROM '${FEEDS}/death.ndjson' (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02', ENCODING 'UTF8');

-- step: normalise
CREATE FUNCTION try_jsonb(s text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN RETURN s::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$;
CREATE FUNCTION clean_id(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s ~ '^([0-9]{17}[0-9Xx]|[0-9]{15})$' THEN upper(s)
    ELSE upper(regexp_replace(translate(coalesce(s, ''), '０１２３４５６７８９Ｘｘ', '0123456789XX'), '[ \t\r\n\u3000\u00a0-]', '', 'g')) END $$;
CREATE FUNCTION body17(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN t ~ '^[0-9]{17}[0-9X]$' THEN left(t, 17)
              WHEN t ~ '^[0-9]{15}$' THEN left(t, 6) || '19' || substr(t, 7, 9) END $$;
-- GB 11643's check character of a 17-digit body, the body read as one integer.
-- Each function is one expression over plain columns, so that the planner
-- inlines it: called row by row (a FROM in check_char, ymd over an
-- expression), the 1-million county took 266 s instead of 93.
CREATE FUNCTION check_char(b text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substr('10X98765432', 1 + (((b::bigint / 10000000000000000 % 10) * 7 +
    (b::bigint / 1000000000000000 % 10) * 9 +
    (b::bigint / 100000000000000 % 10) * 10 +
    (b::bigint / 10000000000000 % 10) * 5 +
    (b::bigint / 1000000000000 % 10) * 8 +
    (b::bigint / 100000000000 % 10) * 4 +
    (b::bigint / 10000000000 % 10) * 2 +
    (b::bigint / 1000000000 % 10) * 1 +
    (b::bigint / 100000000 % 10) * 6 +
    (b::bigint / 10000000 % 10) * 3 +
    (b::bigint / 1000000 % 10) * 7 +
    (b::bigint / 100000 % 10) * 9 +
    (b::bigint / 10000 % 10) * 10 +
    (b::bigint / 1000 % 10) * 5 +
    (b::bigint / 100 % 10) * 8 +
    (b::bigint / 10 % 10) * 4 +
    (b::bigint % 10) * 2) % 11)::int, 1) $$;
-- Dates: 20210305, 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日 (a time after it ignored).
CREATE FUNCTION date_parts(s text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s ~ '^[0-9]{8}$' THEN ARRAY[substr(s, 1, 4), substr(s, 5, 2), substr(s, 7, 2)]
    ELSE regexp_match(s, '^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?([ T].*)?$') END $$;
-- A date, or NULL for an impossible one (30 February, month 13).
CREATE FUNCTION ymd(p text[]) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN p IS NULL OR p[1]::int NOT BETWEEN 1880 AND 2200 OR p[2]::int NOT BETWEEN 1 AND 12 THEN NULL
    ELSE CASE WHEN p[3]::int BETWEEN 1 AND extract(day FROM make_date(p[1]::int, p[2]::int, 1) + interval '1 month - 1 day')
      THEN make_date(p[1]::int, p[2]::int, p[3]::int) END END $$;
CREATE FUNCTION blank(s text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s IS NULL OR btrim(s) = '' $$;
-- t: the cleaned text, b: its 17-digit body, c: the body's check character,
-- born: the birth date inside it.
CREATE FUNCTION id_ok(t text, b text, c text, born date) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT b IS NOT NULL AND substr(b, 7, 4) BETWEEN '1880' AND '2100' AND born IS NOT NULL AND (length(t) = 15 OR right(t, 1) = c) $$;

-- step: normalise_roll
CREATE UNLOGGED TABLE roll_a AS SELECT clean_id(id) AS t, btrim(case_id) AS case_id, name, amount, enrolled AS enrolled_raw,
  date_parts(btrim(enrolled)) AS enrolled_p, btrim(zone) AS zone FROM roll_raw;
CREATE UNLOGGED TABLE roll_b AS SELECT *, body17(t) AS b17, ymd(enrolled_p) AS enrolled FROM roll_a;
CREATE UNLOGGED TABLE roll_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM roll_b;
CREATE UNLOGGED TABLE roll AS
SELECT b17 || cc AS id, case_id, enrolled FROM roll_c
WHERE id_ok(t, b17, cc, born) AND NOT blank(case_id) AND NOT blank(name)
  AND replace(btrim(amount), ',', '') ~ '^-?[0-9]+(\.[0-9]+)?(元)?$'
  AND (blank(enrolled_raw) OR enrolled IS NOT NULL) AND (blank(zone) OR zone IN ('城市', '农村', 'urban', 'rural'));

-- step: normalise_population
CREATE UNLOGGED TABLE population_a AS SELECT clean_id(id) AS t, btrim(status) AS status, status_date AS status_raw,
  date_parts(btrim(status_date)) AS status_on_p, birth AS birth_raw, date_parts(btrim(birth)) AS birth_p,
  btrim(sex) AS sex FROM population_raw;
CREATE UNLOGGED TABLE population_b AS SELECT *, body17(t) AS b17, ymd(status_on_p) AS status_on, ymd(birth_p) AS birth FROM population_a;
CREATE UNLOGGED TABLE population_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM population_b;
CREATE UNLOGGED TABLE population AS
SELECT b17 || cc AS id,
       CASE status WHEN '正常' THEN 'normal' WHEN '死亡' THEN 'dead' WHEN '迁出' THEN 'moved_out'
                   WHEN '服刑' THEN 'imprisoned' ELSE status END AS status,
       status_on
FROM population_c
WHERE id_ok(t, b17, cc, born) AND (blank(status_raw) OR status_on IS NOT NULL) AND (blank(birth_raw) OR birth IS NOT NULL)
  AND (blank(status) OR status IN ('正常', '死亡', '迁出', '服刑', 'normal', 'dead', 'moved_out', 'imprisoned'))
  AND (blank(sex) OR sex IN ('男', '女', 'male', 'female'));

-- step: normalise_death
CREATE UNLOGGED TABLE death_a AS
SELECT clean_id(j ->> 'sfzh') AS t, j ->> 'swrq' AS swrq, date_parts(btrim(j ->> 'swrq')) AS died_p
FROM (SELECT try_jsonb(line) AS j FROM death_lines) x WHERE jsonb_typeof(j) = 'object';
CREATE UNLOGGED TABLE death_b AS SELECT *, body17(t) AS b17, ymd(died_p) AS died FROM death_a;
CREATE UNLOGGED TABLE death_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM death_b;
CREATE UNLOGGED TABLE death AS SELECT b17 || cc AS id, died FROM death_c WHERE id_ok(t, b17, cc, born) AND died IS NOT NULL;

-- step: normalise_vehicle
CREATE UNLOGGED TABLE vehicle_a AS SELECT clean_id(id) AS t, btrim(vtype) AS vtype, upper(btrim(status)) AS status,
  registered AS registered_raw, date_parts(btrim(registered)) AS registered_p FROM vehicle_raw;
CREATE UNLOGGED TABLE vehicle_b AS SELECT *, body17(t) AS b17, ymd(registered_p) AS registered FROM vehicle_a;
CREATE UNLOGGED TABLE vehicle_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM vehicle_b;
CREATE UNLOGGED TABLE vehicle AS
SELECT b17 || cc AS id, vtype, CASE WHEN status IN ('A', 'G', 'Q') THEN 'active' ELSE 'gone' END AS status, registered
FROM vehicle_c
WHERE id_ok(t, b17, cc, born) AND NOT blank(vtype) AND status IN ('A', 'G', 'Q', 'B', 'E', 'M', 'P')
  AND (blank(registered_raw) OR registered IS NOT NULL);

-- step: normalise_property
CREATE UNLOGGED TABLE property_a AS SELECT clean_id(id) AS t, btrim(cert) AS cert, btrim(use) AS use, btrim(status) AS status,
  registered AS registered_raw, date_parts(btrim(registered)) AS registered_p FROM property_raw;
CREATE UNLOGGED TABLE property_b AS SELECT *, body17(t) AS b17, ymd(registered_p) AS registered FROM property_a;
CREATE UNLOGGED TABLE property_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM property_b;
CREATE UNLOGGED TABLE property AS
SELECT b17 || cc AS id, cert,
       CASE use WHEN '住宅' THEN 'residential' WHEN '商业' THEN 'commercial' WHEN '车库' THEN 'garage' ELSE use END AS use,
       CASE status WHEN '现势' THEN 'active' WHEN '注销' THEN 'cancelled' ELSE status END AS status,
       registered
FROM property_c
WHERE id_ok(t, b17, cc, born) AND NOT blank(cert) AND use IN ('住宅', '商业', '车库', 'residential', 'commercial', 'garage')
  AND status IN ('现势', '注销', 'active', 'cancelled') AND (blank(registered_raw) OR registered IS NOT NULL);

-- step: joins
ANALYZE roll, population, death, vehicle, property;
CREATE UNLOGGED TABLE members AS SELECT DISTINCT case_id, id, enrolled FROM roll;
CREATE UNLOGGED TABLE flags (rule text, case_id text, id text);
INSERT INTO flags
SELECT DISTINCT 'DECEASED', m.case_id, m.id FROM members m
WHERE m.id IN (SELECT id FROM death WHERE died <= DATE '${AS_OF}')
   OR m.id IN (SELECT id FROM population WHERE status = 'dead' AND status_on <= DATE '${AS_OF}');
INSERT INTO flags
SELECT DISTINCT 'VEHICLE', m.case_id, m.id FROM members m JOIN vehicle v ON v.id = m.id
WHERE v.status = 'active' AND (v.registered IS NULL OR v.registered <= DATE '${AS_OF}')
  AND v.vtype NOT IN ('普通二轮摩托车', '轻便二轮摩托车', '三轮汽车', '低速货车', '残疾人专用车', '拖拉机', '轮式拖拉机',
                      'motorcycle', 'tricycle', 'low_speed', 'disability', 'tractor');
INSERT INTO flags
WITH p AS (SELECT m.case_id, m.id, m.enrolled, pr.cert, pr.use,
                  coalesce(pr.registered, m.enrolled, DATE '${AS_OF}') AS since
           FROM members m JOIN property pr ON pr.id = m.id
           WHERE pr.status = 'active' AND (pr.registered IS NULL OR pr.registered <= DATE '${AS_OF}')),
     dwellings AS (SELECT case_id, count(DISTINCT cert) AS n FROM p WHERE use = 'residential' GROUP BY case_id)
SELECT DISTINCT 'PROPERTY', p.case_id, p.id FROM p LEFT JOIN dwellings d ON d.case_id = p.case_id
WHERE p.use = 'commercial' OR (p.use = 'residential' AND (p.since > p.enrolled OR d.n > 1));

-- step: write
COPY (SELECT rule, case_id, id FROM flags ORDER BY rule COLLATE "C", case_id COLLATE "C", id COLLATE "C") TO '${OUT}' (FORMAT text);
