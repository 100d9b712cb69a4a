-- hedui's checks as an analyst would write them for DuckDB (bench/peers/README.md).
-- run.mjs substitutes ${FEEDS} (the county's exports), ${UTF8} (the
-- GB18030 exports converted by iconv), ${AS_OF} and ${OUT}, and runs the
-- statements between the '-- step:' lines one step at a time, timing each.

-- step: load
-- Every column as text, as exported; rows that do not parse as CSV or
-- JSON (a wrong column count, a line cut short) are skipped.
CREATE TABLE roll_raw AS SELECT * FROM read_csv('${FEEDS}/roll.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE population_raw AS SELECT * FROM read_csv('${UTF8}/population.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE death_raw AS SELECT * FROM read_json('${FEEDS}/death.ndjson', format = 'newline_delimited', ignore_errors = true, columns = {sfzh: 'VARCHAR', xm: 'VARCHAR', swrq: 'VARCHAR', ly: 'VARCHAR'});
CREATE TABLE vehicle_raw AS SELECT * FROM read_csv('${UTF8}/vehicle.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE property_raw AS SELECT * FROM read_csv('${FEEDS}/property.csv', header = true, all_varchar = true, ignore_errors = true);

-- step: normalise
-- IDs: full-width digits and X folded, blanks and dashes dropped, 15-digit
-- numbers upgraded to 18 (19 inserted, check character computed), the
-- birth date and the check character verified. A row whose ID, date or
-- code does not read is dropped, as hedui's quarantine drops it.
-- Most IDs are clean: the folding only for the others.
CREATE MACRO clean_id(s) AS CASE WHEN regexp_full_match(s, '[0-9]{17}[0-9Xx]|[0-9]{15}') THEN upper(s)
  ELSE upper(regexp_replace(translate(coalesce(s, ''), '０１２３４５６７８９Ｘｘ', '0123456789XX'), '[ \t\r\n\x{3000}\x{00a0}-]', '', 'g')) END;
CREATE MACRO body17(t) AS CASE
  WHEN regexp_full_match(t, '[0-9]{17}[0-9X]') THEN left(t, 17)
  WHEN regexp_full_match(t, '[0-9]{15}') THEN left(t, 6) || '19' || substr(t, 7, 9) END;
-- GB 11643's check character of a 17-digit body, the body read as one integer.
CREATE MACRO check_sum(n) AS (n // 10000000000000000 % 10) * 7 + (n // 1000000000000000 % 10) * 9 + (n // 100000000000000 % 10) * 10 + (n // 10000000000000 % 10) * 5 + (n // 1000000000000 % 10) * 8 + (n // 100000000000 % 10) * 4 + (n // 10000000000 % 10) * 2 + (n // 1000000000 % 10) * 1 + (n // 100000000 % 10) * 6 + (n // 10000000 % 10) * 3 + (n // 1000000 % 10) * 7 + (n // 100000 % 10) * 9 + (n // 10000 % 10) * 10 + (n // 1000 % 10) * 5 + (n // 100 % 10) * 8 + (n // 10 % 10) * 4 + (n % 10) * 2;
CREATE MACRO check_char(b) AS substr('10X98765432', 1 + CAST(check_sum(TRY_CAST(b AS BIGINT)) % 11 AS BIGINT), 1);
-- t: the cleaned text, b: its 17-digit body, c: the body's check character.
CREATE MACRO id_ok(t, b, c) AS b IS NOT NULL AND substr(b, 7, 4) BETWEEN '1880' AND '2100'
  AND try_strptime(substr(b, 7, 8), '%Y%m%d') IS NOT NULL AND (length(t) = 15 OR right(t, 1) = c);
CREATE MACRO blank(s) AS s IS NULL OR trim(s) = '';
-- Dates: 20210305, 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日 (a time after it ignored).
CREATE MACRO norm_date(s) AS CASE WHEN blank(s) THEN NULL ELSE coalesce(TRY_CAST(trim(s) AS DATE), try_strptime(regexp_replace(regexp_replace(trim(s), '[年月/.]', '-', 'g'), '日?([ T].*)?$', ''), ['%Y%m%d', '%Y-%m-%d'])::DATE) END;
CREATE MACRO date_ok(s, d) AS blank(s) OR (d IS NOT NULL AND year(d) BETWEEN 1880 AND 2200);

-- step: normalise_roll
CREATE TEMP TABLE roll_a AS SELECT clean_id("身份证号码") AS t, trim("低保户编号") AS case_id, "姓名" AS name,
                  "月保障金（元）" AS amount, "批准日期" AS enrolled_raw, norm_date("批准日期") AS enrolled,
                  trim("城乡类别") AS zone FROM roll_raw;
CREATE TEMP TABLE roll_b AS SELECT *, body17(t) AS b17 FROM roll_a;
CREATE TEMP TABLE roll_c AS SELECT *, check_char(b17) AS cc FROM roll_b;
CREATE TABLE roll AS
SELECT b17 || cc AS id, case_id, enrolled
FROM roll_c
WHERE id_ok(t, b17, cc) AND NOT blank(case_id) AND NOT blank(name)
  AND regexp_full_match(replace(trim(amount), ',', ''), '-?[0-9]+(\.[0-9]+)?(元)?')
  AND date_ok(enrolled_raw, enrolled) AND (blank(zone) OR zone IN ('城市', '农村', 'urban', 'rural'));

-- step: normalise_population
CREATE TEMP TABLE population_a AS SELECT clean_id("公民身份号码") AS t, trim("人员状态") AS status, "状态日期" AS status_raw,
                  norm_date("状态日期") AS status_on, "出生日期" AS birth_raw, norm_date("出生日期") AS birth,
                  trim("性别") AS sex FROM population_raw;
CREATE TEMP TABLE population_b AS SELECT *, body17(t) AS b17 FROM population_a;
CREATE TEMP TABLE population_c AS SELECT *, check_char(b17) AS cc FROM population_b;
CREATE TABLE population AS
SELECT b17 || cc AS id,
       CASE status WHEN '正常' THEN 'normal' WHEN '死亡' THEN 'dead' WHEN '迁出' THEN 'moved_out'
                   WHEN '服刑' THEN 'imprisoned' ELSE status END AS status,
       status_on
FROM population_c
WHERE id_ok(t, b17, cc) AND date_ok(status_raw, status_on) AND date_ok(birth_raw, birth)
  AND (blank(status) OR status IN ('正常', '死亡', '迁出', '服刑', 'normal', 'dead', 'moved_out', 'imprisoned'))
  AND (blank(sex) OR sex IN ('男', '女', 'male', 'female'));

-- step: normalise_death
CREATE TEMP TABLE death_a AS SELECT clean_id(sfzh) AS t, swrq, norm_date(swrq) AS died FROM death_raw;
CREATE TEMP TABLE death_b AS SELECT *, body17(t) AS b17 FROM death_a;
CREATE TEMP TABLE death_c AS SELECT *, check_char(b17) AS cc FROM death_b;
CREATE TABLE death AS
SELECT b17 || cc AS id, died
FROM death_c WHERE id_ok(t, b17, cc) AND NOT blank(swrq) AND date_ok(swrq, died);

-- step: normalise_vehicle
CREATE TEMP TABLE vehicle_a AS SELECT trim("号牌号码") AS plate, clean_id("所有人身份证明号码") AS t, trim("车辆类型") AS vtype, upper(trim("机动车状态")) AS status,
                  "初次登记日期" AS registered_raw, norm_date("初次登记日期") AS registered FROM vehicle_raw;
CREATE TEMP TABLE vehicle_b AS SELECT *, body17(t) AS b17 FROM vehicle_a;
CREATE TEMP TABLE vehicle_c AS SELECT *, check_char(b17) AS cc FROM vehicle_b;
CREATE TABLE vehicle AS
SELECT plate, b17 || cc AS id, vtype, CASE WHEN status IN ('A', 'G', 'Q') THEN 'active' ELSE 'gone' END AS status,
       registered
FROM vehicle_c
WHERE id_ok(t, b17, cc) AND NOT blank(vtype) AND status IN ('A', 'G', 'Q', 'B', 'E', 'M', 'P')
  AND date_ok(registered_raw, registered);

-- step: normalise_property
CREATE TEMP TABLE property_a AS SELECT clean_id("证件号码") AS t, trim("不动产权证号") AS cert, trim("用途") AS use,
                  trim("权属状态") AS status, "登记日期" AS registered_raw, norm_date("登记日期") AS registered
           FROM property_raw;
CREATE TEMP TABLE property_b AS SELECT *, body17(t) AS b17 FROM property_a;
CREATE TEMP TABLE property_c AS SELECT *, check_char(b17) AS cc FROM property_b;
CREATE TABLE property AS
SELECT b17 || cc AS id, cert,
       CASE use WHEN '住宅' THEN 'residential' WHEN '商业' THEN 'commercial' WHEN '车库' THEN 'garage' ELSE use END AS use,
       CASE status WHEN '现势' THEN 'active' WHEN '注销' THEN 'cancelled' ELSE status END AS status,
       registered
FROM property_c
WHERE id_ok(t, b17, cc) AND NOT blank(cert) AND use IN ('住宅', '商业', '车库', 'residential', 'commercial', 'garage')
  AND status IN ('现势', '注销', 'active', 'cancelled') AND date_ok(registered_raw, registered);

-- step: joins
CREATE TABLE members AS SELECT DISTINCT case_id, id, enrolled FROM roll;
CREATE TABLE flags (rule VARCHAR, case_id VARCHAR, id VARCHAR);
-- DECEASED: a death record, or the register's 死亡, on or before the as-of date.
INSERT INTO flags
SELECT DISTINCT 'DECEASED', m.case_id, m.id FROM members m
WHERE m.id IN (SELECT id FROM death WHERE died <= DATE '${AS_OF}')
   OR m.id IN (SELECT id FROM population WHERE status = 'dead' AND status_on <= DATE '${AS_OF}');
-- VEHICLE: a vehicle in use, of a type that counts, registered by the as-of date.
INSERT INTO flags
SELECT DISTINCT 'VEHICLE', m.case_id, m.id FROM members m JOIN vehicle v ON v.id = m.id
WHERE v.status = 'active' AND (v.registered IS NULL OR v.registered <= DATE '${AS_OF}')
  AND v.vtype NOT IN ('普通二轮摩托车', '轻便二轮摩托车', '三轮汽车', '低速货车', '残疾人专用车', '拖拉机', '轮式拖拉机',
                      'motorcycle', 'tricycle', 'low_speed', 'disability', 'tractor');
-- PROPERTY: more than one dwelling in the case, any commercial property,
-- or a dwelling registered after enrolment.
INSERT INTO flags
WITH p AS (SELECT m.case_id, m.id, m.enrolled, pr.cert, pr.use,
                  coalesce(pr.registered, m.enrolled, DATE '${AS_OF}') AS since
           FROM members m JOIN property pr ON pr.id = m.id
           WHERE pr.status = 'active' AND (pr.registered IS NULL OR pr.registered <= DATE '${AS_OF}')),
     dwellings AS (SELECT case_id, count(DISTINCT cert) AS n FROM p WHERE use = 'residential' GROUP BY case_id)
SELECT DISTINCT 'PROPERTY', p.case_id, p.id FROM p LEFT JOIN dwellings d ON d.case_id = p.case_id
WHERE p.use = 'commercial' OR (p.use = 'residential' AND (p.since > p.enrolled OR d.n > 1));

-- step: write
COPY (SELECT rule, case_id, id FROM flags ORDER BY rule, case_id, id) TO '${OUT}' (HEADER false, DELIMITER '\t');
