-- hedui's checks as an analyst would write them for PostgreSQL 15: the
-- same steps and rules as duckdb.sql, in PostgreSQL's dialect. pg.mjs
-- substitutes ${FEEDS}, ${AS_OF} and ${OUT} and runs each '-- step:' in
-- its own psql call against a fresh database of a private cluster
-- (run.sh), so the tables are UNLOGGED rather than TEMP. A step marked
-- [GROUND,…] serves only those grounds (pg.mjs --grounds).

-- step: load
-- line: the row's place in the file (of two rows of one person, the later counts).
CREATE UNLOGGED TABLE roll_raw (line bigint GENERATED ALWAYS AS IDENTITY, case_id text, id text, name text, relation text,
  township text, village text, address text, zone text, category text, income text, amount text, enrolled text, account text, phone text);
COPY roll_raw (case_id, id, name, relation, township, village, address, zone, category, income, amount, enrolled, account, phone)
  FROM '${FEEDS}/roll.csv' (FORMAT csv, HEADER true, ENCODING 'UTF8');
CREATE UNLOGGED TABLE population_raw (line bigint GENERATED ALWAYS AS IDENTITY, id text, name text, sex text, birth text,
  hukou text, relation text, address text, status text, status_date text, father text, mother text, spouse text);
COPY population_raw (id, name, sex, birth, hukou, relation, address, status, status_date, father, mother, spouse)
  FROM '${FEEDS}/population.csv' (FORMAT csv, HEADER true, ENCODING 'GB18030');
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

-- step: load_income [INCOME]
CREATE UNLOGGED TABLE tax_raw (id text, name text, period text, kind text, amount text);
COPY tax_raw FROM '${FEEDS}/tax.csv' (FORMAT csv, HEADER true, ENCODING 'GB18030');
CREATE UNLOGGED TABLE payroll_lines (line text);
COPY payroll_lines FROM '${FEEDS}/payroll.ndjson' (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02', ENCODING 'UTF8');

-- step: load_assets [ASSETS]
CREATE UNLOGGED TABLE bank_raw (line bigint GENERATED ALWAYS AS IDENTITY, name text, id text, institution text, account text,
  balance text, on_date text);
COPY bank_raw (name, id, institution, account, balance, on_date) FROM '${FEEDS}/bank.csv' (FORMAT csv, HEADER true, ENCODING 'UTF8');

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
-- Amounts, in fen: 1234.50, "1,234.50", 1234、50 (、 for the point), 1234.50元, 1.2万 (full width folded).
CREATE FUNCTION amount_text(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(translate(btrim(coalesce(s, '')), '０１２３４５６７８９，．', '0123456789,.')) $$;
CREATE FUNCTION amount_fen(a text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN a ~ '^[+-]?[0-9, '']*([.、][0-9]*)?\s*(万元|元|万)?$' AND a ~ '[0-9]'
    THEN round(regexp_replace(regexp_replace(regexp_replace(a, '\s*(万元|元|万)$', ''), '[, '']', '', 'g'), '、', '.')::numeric
               * CASE WHEN a ~ '万元?$' THEN 1000000 ELSE 100 END)::bigint END $$;
-- Months (所属期): 2025-03, 202503, 2025年3月, a whole date's month; as year * 12 + month - 1.
CREATE FUNCTION month_parts(s text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_match(translate(btrim(coalesce(s, '')), '０１２３４５６７８９', '0123456789'), '^([0-9]+)(?:(?:[-/.]|年)*([0-9]+))?') $$;
CREATE FUNCTION month_index(p text[]) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN p IS NULL THEN NULL
    WHEN p[2] IS NULL AND length(p[1]) IN (6, 8) AND left(p[1], 4)::int BETWEEN 1900 AND 2200 AND substr(p[1], 5, 2)::int BETWEEN 1 AND 12
      THEN left(p[1], 4)::int * 12 + substr(p[1], 5, 2)::int - 1
    WHEN p[2] IS NOT NULL AND length(p[1]) = 4 AND length(p[2]) <= 2 AND p[1]::int BETWEEN 1900 AND 2200 AND p[2]::int BETWEEN 1 AND 12
      THEN p[1]::int * 12 + p[2]::int - 1 END $$;
CREATE FUNCTION month_of(d date) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM d) * 12 + extract(month FROM d) - 1)::int $$;
-- t: the cleaned text, b: its 17-digit body, c: the body's check character,
-- born: the birth date inside it.
CREATE FUNCTION id_ok(t text, b text, c text, born date) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT b IS NOT NULL AND substr(b, 7, 4) BETWEEN '1880' AND '2100' AND born IS NOT NULL AND (length(t) = 15 OR right(t, 1) = c) $$;

-- step: normalise_roll
CREATE UNLOGGED TABLE roll_a AS SELECT line, clean_id(id) AS t, btrim(case_id) AS case_id, name, amount, enrolled AS enrolled_raw,
  date_parts(btrim(enrolled)) AS enrolled_p, btrim(zone) AS zone, btrim(account) AS account, btrim(phone) AS phone FROM roll_raw;
CREATE UNLOGGED TABLE roll_b AS SELECT *, body17(t) AS b17, ymd(enrolled_p) AS enrolled FROM roll_a;
CREATE UNLOGGED TABLE roll_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM roll_b;
CREATE UNLOGGED TABLE roll AS
SELECT b17 || cc AS id, case_id, enrolled,
       CASE zone WHEN '城市' THEN 'urban' WHEN '农村' THEN 'rural' ELSE zone END AS zone,
       coalesce(account, '') AS account, coalesce(phone, '') AS phone, line
FROM roll_c
WHERE id_ok(t, b17, cc, born) AND NOT blank(case_id) AND NOT blank(name)
  AND replace(btrim(amount), ',', '') ~ '^-?[0-9]+(\.[0-9]+)?(元)?$'
  AND (blank(enrolled_raw) OR enrolled IS NOT NULL) AND (blank(zone) OR zone IN ('城市', '农村', 'urban', 'rural'));

-- step: normalise_population
-- The kin columns (father, mother, spouse) are IDs too: a row with one that
-- does not read is dropped, and the others are read as the person's.
CREATE UNLOGGED TABLE population_a AS SELECT line, clean_id(id) AS t, btrim(status) AS status, status_date AS status_raw,
  date_parts(btrim(status_date)) AS status_on_p, birth AS birth_raw, date_parts(btrim(birth)) AS birth_p,
  btrim(sex) AS sex, btrim(hukou) AS hukou, btrim(address) AS address,
  father AS father_raw, clean_id(father) AS father_t, mother AS mother_raw, clean_id(mother) AS mother_t,
  spouse AS spouse_raw, clean_id(spouse) AS spouse_t FROM population_raw;
CREATE UNLOGGED TABLE population_b AS SELECT *, body17(t) AS b17, ymd(status_on_p) AS status_on, ymd(birth_p) AS birth,
  body17(father_t) AS father_b17, body17(mother_t) AS mother_b17, body17(spouse_t) AS spouse_b17 FROM population_a;
CREATE UNLOGGED TABLE population_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born,
  check_char(father_b17) AS father_cc, ymd(ARRAY[substr(father_b17, 7, 4), substr(father_b17, 11, 2), substr(father_b17, 13, 2)]) AS father_born,
  check_char(mother_b17) AS mother_cc, ymd(ARRAY[substr(mother_b17, 7, 4), substr(mother_b17, 11, 2), substr(mother_b17, 13, 2)]) AS mother_born,
  check_char(spouse_b17) AS spouse_cc, ymd(ARRAY[substr(spouse_b17, 7, 4), substr(spouse_b17, 11, 2), substr(spouse_b17, 13, 2)]) AS spouse_born
FROM population_b;
CREATE UNLOGGED TABLE population AS
SELECT b17 || cc AS id,
       CASE status WHEN '正常' THEN 'normal' WHEN '死亡' THEN 'dead' WHEN '迁出' THEN 'moved_out'
                   WHEN '服刑' THEN 'imprisoned' ELSE status END AS status,
       status_on, coalesce(hukou, '') AS hukou, address,
       father_b17 || father_cc AS father, mother_b17 || mother_cc AS mother, spouse_b17 || spouse_cc AS spouse, line
FROM population_c
WHERE id_ok(t, b17, cc, born) AND (blank(status_raw) OR status_on IS NOT NULL) AND (blank(birth_raw) OR birth IS NOT NULL)
  AND (blank(father_raw) OR id_ok(father_t, father_b17, father_cc, father_born))
  AND (blank(mother_raw) OR id_ok(mother_t, mother_b17, mother_cc, mother_born))
  AND (blank(spouse_raw) OR id_ok(spouse_t, spouse_b17, spouse_cc, spouse_born))
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

-- step: normalise_income [INCOME]
CREATE UNLOGGED TABLE tax_a AS SELECT clean_id(id) AS t, month_parts(period) AS p, btrim(kind) AS kind, amount_text(amount) AS amount FROM tax_raw;
CREATE UNLOGGED TABLE tax_b AS SELECT *, body17(t) AS b17, month_index(p) AS month, amount_fen(amount) AS fen FROM tax_a;
CREATE UNLOGGED TABLE tax_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM tax_b;
-- 所得项目 is required, any word kept (other).
CREATE UNLOGGED TABLE tax AS SELECT b17 || cc AS id, month, fen FROM tax_c
WHERE id_ok(t, b17, cc, born) AND month IS NOT NULL AND NOT blank(kind) AND fen IS NOT NULL;
CREATE UNLOGGED TABLE payroll_a AS
SELECT clean_id(j ->> 'sfzh') AS t, btrim(j ->> 'lb') AS kind, j ->> 'ssq' AS ssq, month_parts(j ->> 'ssq') AS p,
       amount_text(j ->> 'yje') AS amount
FROM (SELECT try_jsonb(line) AS j FROM payroll_lines) x WHERE jsonb_typeof(j) = 'object';
CREATE UNLOGGED TABLE payroll_b AS SELECT *, body17(t) AS b17, month_index(p) AS month, amount_fen(amount) AS fen FROM payroll_a;
CREATE UNLOGGED TABLE payroll_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM payroll_b;
CREATE UNLOGGED TABLE payroll AS
SELECT b17 || cc AS id, CASE kind WHEN '公益性岗位' THEN 'public_welfare_job' WHEN '财政供养' THEN 'public_payroll' WHEN '养老金' THEN 'pension'
  WHEN '公积金缴存' THEN 'housing_fund' WHEN 'public_welfare_job' THEN kind WHEN 'public_payroll' THEN kind WHEN 'pension' THEN kind
  WHEN 'housing_fund' THEN kind ELSE 'other' END AS kind, month, fen
FROM payroll_c
WHERE id_ok(t, b17, cc, born) AND NOT blank(kind) AND fen IS NOT NULL AND (blank(ssq) OR month IS NOT NULL);

-- step: normalise_assets [ASSETS]
CREATE UNLOGGED TABLE bank_a AS SELECT line, clean_id(id) AS t, coalesce(btrim(institution), '') AS institution,
  coalesce(btrim(account), '') AS account, amount_text(balance) AS amount, on_date AS on_raw, date_parts(btrim(on_date)) AS on_p FROM bank_raw;
CREATE UNLOGGED TABLE bank_b AS SELECT *, body17(t) AS b17, amount_fen(amount) AS fen, ymd(on_p) AS on_date FROM bank_a;
CREATE UNLOGGED TABLE bank_c AS SELECT *, check_char(b17) AS cc,
  ymd(ARRAY[substr(b17, 7, 4), substr(b17, 11, 2), substr(b17, 13, 2)]) AS born FROM bank_b;
-- A balance without a date is as of the as-of date; a row without an account number is an account of its own.
CREATE UNLOGGED TABLE bank AS
SELECT b17 || cc AS id, institution, CASE WHEN account = '' THEN '#' || line ELSE account END AS account,
       fen, coalesce(on_date, DATE '${AS_OF}') AS on_date, line
FROM bank_c WHERE id_ok(t, b17, cc, born) AND fen IS NOT NULL AND (blank(on_raw) OR on_date IS NOT NULL);

-- step: normalise_register [SPLIT]
-- One row per person (of an ID written twice, the later row), and where they
-- live: the address without the region (written or not at the clerk's whim),
-- a village house (…村8组124号, or 八组一百二十四号) or a flat (…号楼2单元301).
-- A building without a room, or an address of another shape, says nothing.
CREATE FUNCTION cn_digit(c text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nullif(strpos('一二三四五六七八九', c), 0) $$;
CREATE FUNCTION cn_number(s text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s ~ '^[0-9]+$' THEN s::int ELSE
    coalesce(cn_digit((regexp_match(s, '^(.)百'))[1]), 0) * 100
    + CASE WHEN s LIKE '%十%' THEN coalesce(cn_digit((regexp_match(s, '(.)十'))[1]), 1) * 10 ELSE 0 END
    + coalesce(cn_digit(right(s, 1)), 0) END $$;
CREATE UNLOGGED TABLE register_a AS
SELECT DISTINCT ON (id) id, hukou, regexp_replace(coalesce(address, ''), '^(河南省)?(洛阳市)?(伊川县)?', '') AS address, father, mother, spouse
FROM population ORDER BY id, line DESC;
CREATE UNLOGGED TABLE register_b AS
SELECT *, regexp_match(address, '^(.*[^0-9零一二三四五六七八九十百])([0-9]+|[零一二三四五六七八九十百]+)组([0-9]+|[零一二三四五六七八九十百]+)号$') AS house
FROM register_a;
CREATE UNLOGGED TABLE register AS
SELECT id, hukou, father, mother, spouse,
       CASE WHEN house IS NOT NULL THEN 'house|' || house[1] || '|' || cn_number(house[2]) || '|' || cn_number(house[3])
            WHEN address ~ '^.+[0-9]+号楼[0-9]+单元[0-9]+$' THEN 'room|' || address END AS dwelling
FROM register_b;

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

-- step: joins_cases [INCOME,ASSETS,SPLIT]
-- A case: its members (each ID once) and what its first row (the smallest
-- ID) says of zone, approval, payment account and phone.
CREATE UNLOGGED TABLE case_members AS SELECT DISTINCT case_id, id FROM roll;
CREATE UNLOGGED TABLE cases AS
SELECT f.case_id, f.zone, f.enrolled, f.account, f.phone, n.n
FROM (SELECT DISTINCT ON (case_id) case_id, zone, enrolled, account, phone FROM roll ORDER BY case_id, id, line) f
JOIN (SELECT case_id, count(*) AS n FROM case_members GROUP BY case_id) n USING (case_id);
-- 低保标准 (configs/rules/demo.toml), per person and month in fen, by the
-- months they are in force in (from the first month whose first day is on
-- or after `from`); a yearly standard is divided by 12 and rounded to the fen.
CREATE UNLOGGED TABLE standard AS
SELECT zone, fen, first_month, lead(first_month) OVER (PARTITION BY zone ORDER BY first_month) AS until_month
FROM (SELECT zone, round(yuan * 100 / per)::bigint AS fen,
             month_of(starts) + CASE WHEN extract(day FROM starts) > 1 THEN 1 ELSE 0 END AS first_month
      FROM (VALUES ('urban', 720.00, 1, DATE '2014-01-01'), ('urban', 780.00, 1, DATE '2025-07-01'),
                   ('rural', 6000.00, 12, DATE '2014-01-01'), ('rural', 6700.00, 12, DATE '2025-07-01')) s(zone, yuan, per, starts)) x;
ANALYZE case_members, cases;

-- step: joins_income [INCOME]
-- INCOME: in a month from the approval month through the as-of month, the
-- tax records plus the payroll records of the counted kinds (a
-- public-welfare job's wage less 0.00 disregarded, never below zero) of the
-- members, above the standard × members. The member with the most income in
-- the first such month (ties: the smaller ID).
ANALYZE tax, payroll;
INSERT INTO flags
WITH income AS (
  SELECT id, month, fen FROM tax
  UNION ALL
  SELECT id, month, CASE WHEN kind = 'public_welfare_job' THEN greatest(0, fen - 0) ELSE fen END FROM payroll
  WHERE kind IN ('public_payroll', 'public_welfare_job', 'pension') AND month IS NOT NULL),
per_member AS (
  SELECT m.case_id, m.id, i.month, sum(i.fen) AS fen
  FROM case_members m JOIN income i ON i.id = m.id JOIN cases c ON c.case_id = m.case_id
  WHERE i.month <= month_of(DATE '${AS_OF}') AND (c.enrolled IS NULL OR i.month >= month_of(c.enrolled))
  GROUP BY m.case_id, m.id, i.month),
over AS (
  SELECT p.case_id, min(p.month) AS month
  FROM (SELECT case_id, month, sum(fen) AS total FROM per_member GROUP BY case_id, month) p
  JOIN cases c ON c.case_id = p.case_id
  JOIN standard s ON s.zone = c.zone AND p.month >= s.first_month AND (s.until_month IS NULL OR p.month < s.until_month)
  WHERE p.total > s.fen * c.n
  GROUP BY p.case_id)
SELECT DISTINCT ON (o.case_id) 'INCOME', o.case_id, p.id
FROM over o JOIN per_member p ON p.case_id = o.case_id AND p.month = o.month
ORDER BY o.case_id, p.fen DESC, p.id COLLATE "C";

-- step: joins_assets [ASSETS]
-- ASSETS: on each balance date up to the as-of date, every account of the
-- members at its latest balance on or before it, above 24 months of the
-- standard of that month × members. The member holding most on the first
-- such date (ties: the smaller ID).
ANALYZE bank;
INSERT INTO flags
WITH held AS (
  SELECT DISTINCT ON (m.case_id, m.id, b.institution, b.account, b.on_date) m.case_id, m.id, b.institution, b.account, b.on_date, b.fen
  FROM case_members m JOIN bank b ON b.id = m.id
  WHERE b.on_date <= DATE '${AS_OF}'
  ORDER BY m.case_id, m.id, b.institution, b.account, b.on_date, b.line DESC),
spans AS (
  SELECT *, lead(on_date) OVER (PARTITION BY case_id, id, institution, account ORDER BY on_date) AS until FROM held),
per_member AS (
  SELECT d.case_id, d.on_date, s.id, sum(s.fen) AS fen
  FROM (SELECT DISTINCT case_id, on_date FROM held) d
  JOIN spans s ON s.case_id = d.case_id AND s.on_date <= d.on_date AND (s.until IS NULL OR s.until > d.on_date)
  GROUP BY d.case_id, d.on_date, s.id),
over AS (
  SELECT p.case_id, min(p.on_date) AS on_date
  FROM (SELECT case_id, on_date, sum(fen) AS total FROM per_member GROUP BY case_id, on_date) p
  JOIN cases c ON c.case_id = p.case_id
  JOIN standard s ON s.zone = c.zone AND month_of(p.on_date) >= s.first_month
                 AND (s.until_month IS NULL OR month_of(p.on_date) < s.until_month)
  WHERE p.total > s.fen * 24 * c.n
  GROUP BY p.case_id)
SELECT DISTINCT ON (o.case_id) 'ASSETS', o.case_id, p.id
FROM over o JOIN per_member p ON p.case_id = o.case_id AND p.on_date = o.on_date
ORDER BY o.case_id, p.fen DESC, p.id COLLATE "C";

-- step: joins_split [SPLIT]
-- SPLIT: people are one family when they share a 户号, are spouses, or are
-- parent and child or siblings living at one dwelling, or are members of
-- cases sharing a payment account or phone (on at most 3 cases: more is a
-- clerk's default, not a link) living at one dwelling. Every case with a
-- member (in the register, and in no other case) whose family holds a
-- member of another case is flagged: on its smallest such member whose
-- family's other case was approved earlier, or, for the family's first
-- case, its smallest such member.
ANALYZE register;
CREATE UNLOGGED TABLE links AS
SELECT min(id) OVER (PARTITION BY hukou) AS a, id AS b FROM register WHERE hukou <> ''
UNION ALL SELECT r.id, s.id FROM register r JOIN register s ON s.id = r.spouse
UNION ALL SELECT r.id, p.id FROM register r JOIN register p ON p.id = r.father AND p.dwelling = r.dwelling
UNION ALL SELECT r.id, p.id FROM register r JOIN register p ON p.id = r.mother AND p.dwelling = r.dwelling
UNION ALL SELECT min(id) OVER (PARTITION BY father, dwelling), id FROM register WHERE father IS NOT NULL AND dwelling IS NOT NULL
UNION ALL SELECT min(id) OVER (PARTITION BY mother, dwelling), id FROM register WHERE mother IS NOT NULL AND dwelling IS NOT NULL;
-- Accounts and phones: of the members of the cases sharing one, those at
-- one dwelling are tied to its first (in case order, then ID), across cases.
INSERT INTO links
WITH case_values AS (
  SELECT 'account' AS kind, account AS value, case_id FROM cases WHERE account <> ''
  UNION ALL SELECT 'phone', phone, case_id FROM cases WHERE phone <> ''),
shared AS (
  SELECT kind, value, case_id FROM (SELECT *, count(*) OVER (PARTITION BY kind, value) AS n FROM case_values) v WHERE n BETWEEN 2 AND 3),
sharers AS (
  SELECT s.case_id, m.id, first_value(s.case_id) OVER w AS first_case, first_value(m.id) OVER w AS first_id
  FROM shared s JOIN case_members m ON m.case_id = s.case_id JOIN register r ON r.id = m.id
  WHERE r.dwelling IS NOT NULL
  WINDOW w AS (PARTITION BY s.kind, s.value, r.dwelling ORDER BY s.case_id COLLATE "C", m.id COLLATE "C"))
SELECT first_id, id FROM sharers WHERE case_id <> first_case;
CREATE UNLOGGED TABLE usable AS
SELECT case_id, id FROM (SELECT case_id, id, count(*) OVER (PARTITION BY id) AS n FROM case_members
                         WHERE id IN (SELECT id FROM register)) m WHERE n = 1;
CREATE UNLOGGED TABLE edges AS SELECT a, b FROM links WHERE a <> b UNION SELECT b, a FROM links WHERE a <> b;
CREATE INDEX ON edges (a);
ANALYZE usable, edges;
CREATE UNLOGGED TABLE reach AS
WITH RECURSIVE r(s, v) AS (SELECT id, id FROM usable UNION SELECT r.s, e.b FROM r JOIN edges e ON e.a = r.v)
SELECT * FROM r;
CREATE UNLOGGED TABLE ties AS
SELECT u.case_id, u.id, o.case_id AS other
FROM reach r JOIN usable u ON u.id = r.s JOIN usable o ON o.id = r.v WHERE o.case_id <> u.case_id;
INSERT INTO flags
SELECT 'SPLIT', t.case_id,
       coalesce(min(t.id COLLATE "C") FILTER (WHERE coalesce(oc.enrolled, DATE '9999-12-31') < coalesce(c.enrolled, DATE '9999-12-31')
                                  OR (coalesce(oc.enrolled, DATE '9999-12-31') = coalesce(c.enrolled, DATE '9999-12-31')
                                      AND oc.case_id COLLATE "C" < c.case_id COLLATE "C")),
                min(t.id COLLATE "C"))
FROM ties t JOIN cases c ON c.case_id = t.case_id JOIN cases oc ON oc.case_id = t.other
GROUP BY t.case_id;

-- step: write
COPY (SELECT rule, case_id, id FROM flags ORDER BY rule COLLATE "C", case_id COLLATE "C", id COLLATE "C") TO '${OUT}' (FORMAT text);
