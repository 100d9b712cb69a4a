-- The nightly delta in DuckDB (bench/peers/README.md, 'Nightly delta'), run by
-- duckdb.mjs --delta after duckdb.sql in the same session: the delta files
-- loaded as the full exports are (${DELTA}: the department's files,
-- ${DELTA_UTF8}: the GB18030 one converted by iconv), normalised by the
-- same macros, applied to the existing tables (deaths appended; a vehicle
-- row replaces the car with its plate, a property row the title row with its
-- certificate and ID, as hedui's delta mappings say), then duckdb.mjs
-- re-runs duckdb.sql's 'joins' and 'write' steps on the updated tables.

-- step: delta_load
CREATE TABLE death_delta_raw AS SELECT * FROM read_json('${DELTA}/death.ndjson', format = 'newline_delimited', ignore_errors = true, columns = {sfzh: 'VARCHAR', xm: 'VARCHAR', swrq: 'VARCHAR', ly: 'VARCHAR'});
CREATE TABLE vehicle_delta_raw AS SELECT * FROM read_csv('${DELTA_UTF8}/vehicle.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE property_delta_raw AS SELECT * FROM read_csv('${DELTA}/property.csv', header = true, all_varchar = true, ignore_errors = true);

-- step: delta_normalise
-- duckdb.sql's normalise_death, normalise_vehicle and normalise_property on the delta.
CREATE TEMP TABLE death_delta_a AS SELECT clean_id(sfzh) AS t, swrq, norm_date(swrq) AS died FROM death_delta_raw;
CREATE TEMP TABLE death_delta_b AS SELECT *, body17(t) AS b17 FROM death_delta_a;
CREATE TEMP TABLE death_delta_c AS SELECT *, check_char(b17) AS cc FROM death_delta_b;
CREATE TABLE death_delta AS
SELECT b17 || cc AS id, died
FROM death_delta_c WHERE id_ok(t, b17, cc) AND NOT blank(swrq) AND date_ok(swrq, died);
CREATE TEMP TABLE vehicle_delta_a AS SELECT trim("号牌号码") AS plate, clean_id("所有人身份证明号码") AS t, trim("车辆类型") AS vtype, upper(trim("机动车状态")) AS status,
                  "初次登记日期" AS registered_raw, norm_date("初次登记日期") AS registered FROM vehicle_delta_raw;
CREATE TEMP TABLE vehicle_delta_b AS SELECT *, body17(t) AS b17 FROM vehicle_delta_a;
CREATE TEMP TABLE vehicle_delta_c AS SELECT *, check_char(b17) AS cc FROM vehicle_delta_b;
CREATE TABLE vehicle_delta AS
SELECT plate, b17 || cc AS id, vtype, CASE WHEN status IN ('A', 'G', 'Q') THEN 'active' ELSE 'gone' END AS status,
       registered
FROM vehicle_delta_c
WHERE id_ok(t, b17, cc) AND NOT blank(vtype) AND status IN ('A', 'G', 'Q', 'B', 'E', 'M', 'P')
  AND date_ok(registered_raw, registered);
CREATE TEMP TABLE property_delta_a AS SELECT clean_id("证件号码") AS t, trim("不动产权证号") AS cert, trim("用途") AS use,
                  trim("权属状态") AS status, "登记日期" AS registered_raw, norm_date("登记日期") AS registered
           FROM property_delta_raw;
CREATE TEMP TABLE property_delta_b AS SELECT *, body17(t) AS b17 FROM property_delta_a;
CREATE TEMP TABLE property_delta_c AS SELECT *, check_char(b17) AS cc FROM property_delta_b;
CREATE TABLE property_delta AS
SELECT b17 || cc AS id, cert,
       CASE use WHEN '住宅' THEN 'residential' WHEN '商业' THEN 'commercial' WHEN '车库' THEN 'garage' ELSE use END AS use,
       CASE status WHEN '现势' THEN 'active' WHEN '注销' THEN 'cancelled' ELSE status END AS status,
       registered
FROM property_delta_c
WHERE id_ok(t, b17, cc) AND NOT blank(cert) AND use IN ('住宅', '商业', '车库', 'residential', 'commercial', 'garage')
  AND status IN ('现势', '注销', 'active', 'cancelled') AND date_ok(registered_raw, registered);

-- step: delta_apply
INSERT INTO death SELECT * FROM death_delta;
DELETE FROM vehicle WHERE plate IN (SELECT plate FROM vehicle_delta);
INSERT INTO vehicle SELECT * FROM vehicle_delta;
DELETE FROM property WHERE EXISTS (SELECT 1 FROM property_delta d WHERE d.cert = property.cert AND d.id = property.id);
INSERT INTO property SELECT * FROM property_delta;
DROP TABLE members;
DROP TABLE flags;
