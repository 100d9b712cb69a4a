-- hedui's checks as an analyst would write them for DuckDB (bench/peers/README.md).
-- duckdb.mjs substitutes ${FEEDS} (the county's exports), ${UTF8} (the
-- GB18030 exports converted by iconv), ${AS_OF} and ${OUT}, and runs the
-- statements between the '-- step:' lines one step at a time, timing each.
-- A step marked [GROUND,…] serves only those grounds: duckdb.mjs --grounds
-- leaves out the steps of grounds not asked for (nightly.sh: three).

-- step: load
-- Every column as text, as exported; rows that do not parse as CSV or
-- JSON (a wrong column count, a line cut short) are skipped.
CREATE TABLE roll_raw AS SELECT * FROM read_csv('${FEEDS}/roll.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE population_raw AS SELECT * FROM read_csv('${UTF8}/population.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE death_raw AS SELECT * FROM read_json('${FEEDS}/death.ndjson', format = 'newline_delimited', ignore_errors = true, columns = {sfzh: 'VARCHAR', xm: 'VARCHAR', swrq: 'VARCHAR', ly: 'VARCHAR'});
CREATE TABLE vehicle_raw AS SELECT * FROM read_csv('${UTF8}/vehicle.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE property_raw AS SELECT * FROM read_csv('${FEEDS}/property.csv', header = true, all_varchar = true, ignore_errors = true);

-- step: load_income [INCOME]
CREATE TABLE tax_raw AS SELECT * FROM read_csv('${UTF8}/tax.csv', header = true, all_varchar = true, ignore_errors = true);
CREATE TABLE payroll_raw AS SELECT * FROM read_json('${FEEDS}/payroll.ndjson', format = 'newline_delimited', ignore_errors = true, columns = {sfzh: 'VARCHAR', xm: 'VARCHAR', dwmc: 'VARCHAR', lb: 'VARCHAR', yje: 'VARCHAR', ssq: 'VARCHAR'});

-- step: load_assets [ASSETS]
-- rowid keeps the file's order: of two balances of one account on one date, the later row counts.
CREATE TABLE bank_raw AS SELECT * FROM read_csv('${FEEDS}/bank.csv', header = true, all_varchar = true, ignore_errors = true);

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
-- Amounts, in fen: 1234.50, "1,234.50", 1234、50 (、 for the point), 1234.50元, 1.2万 (full width folded).
CREATE MACRO amount_text(s) AS trim(translate(trim(coalesce(s, '')), '０１２３４５６７８９，．', '0123456789,.'));
CREATE MACRO amount_fen(a) AS CASE
  WHEN regexp_full_match(a, '[+-]?[0-9, '',]*([.、][0-9]*)?\s*(万元|元|万)?') AND regexp_matches(a, '[0-9]')
  THEN CAST(round(TRY_CAST(regexp_replace(regexp_replace(regexp_replace(a, '\s*(万元|元|万)$', ''), '[, '']', '', 'g'), '、', '.') AS DECIMAL(38, 4))
                  * CASE WHEN regexp_matches(a, '万元?$') THEN 1000000 ELSE 100 END) AS BIGINT) END;
-- Months (所属期): 2025-03, 202503, 2025年3月, a whole date's month; as year * 12 + month - 1.
CREATE MACRO month_parts(s) AS regexp_extract(translate(trim(coalesce(s, '')), '０１２３４５６７８９', '0123456789'),
  '^([0-9]+)(?:(?:[-/.]|年)*([0-9]+))?', ['y', 'm']);
CREATE MACRO month_y(p) AS CASE WHEN p.m = '' AND length(p.y) IN (6, 8) THEN TRY_CAST(left(p.y, 4) AS INT)
  WHEN p.m <> '' AND length(p.y) = 4 AND length(p.m) <= 2 THEN TRY_CAST(p.y AS INT) END;
CREATE MACRO month_m(p) AS CASE WHEN p.m = '' AND length(p.y) IN (6, 8) THEN TRY_CAST(substr(p.y, 5, 2) AS INT)
  WHEN p.m <> '' AND length(p.y) = 4 AND length(p.m) <= 2 THEN TRY_CAST(p.m AS INT) END;
CREATE MACRO month_of_ym(y, m) AS CASE WHEN y BETWEEN 1900 AND 2200 AND m BETWEEN 1 AND 12 THEN y * 12 + m - 1 END;
CREATE MACRO month_of(d) AS year(d) * 12 + month(d) - 1;

-- step: normalise_roll
CREATE TEMP TABLE roll_a AS SELECT rowid AS line, clean_id("身份证号码") AS t, trim("低保户编号") AS case_id, "姓名" AS name,
                  "月保障金（元）" AS amount, "批准日期" AS enrolled_raw, norm_date("批准日期") AS enrolled,
                  trim("城乡类别") AS zone, trim("银行账号") AS account, trim("联系电话") AS phone FROM roll_raw;
CREATE TEMP TABLE roll_b AS SELECT *, body17(t) AS b17 FROM roll_a;
CREATE TEMP TABLE roll_c AS SELECT *, check_char(b17) AS cc FROM roll_b;
CREATE TABLE roll AS
SELECT b17 || cc AS id, case_id, enrolled,
       CASE zone WHEN '城市' THEN 'urban' WHEN '农村' THEN 'rural' ELSE zone END AS zone,
       coalesce(account, '') AS account, coalesce(phone, '') AS phone, line
FROM roll_c
WHERE id_ok(t, b17, cc) AND NOT blank(case_id) AND NOT blank(name)
  AND regexp_full_match(replace(trim(amount), ',', ''), '-?[0-9]+(\.[0-9]+)?(元)?')
  AND date_ok(enrolled_raw, enrolled) AND (blank(zone) OR zone IN ('城市', '农村', 'urban', 'rural'));

-- step: normalise_population
-- The kin columns (father, mother, spouse) are IDs too: a row with one that
-- does not read is dropped, and the others are read as the person's.
CREATE TEMP TABLE population_a AS SELECT rowid AS line, clean_id("公民身份号码") AS t, trim("人员状态") AS status, "状态日期" AS status_raw,
                  norm_date("状态日期") AS status_on, "出生日期" AS birth_raw, norm_date("出生日期") AS birth,
                  trim("性别") AS sex, trim("户号") AS hukou, trim("住址") AS address,
                  "父亲公民身份号码" AS father_raw, clean_id("父亲公民身份号码") AS father_t,
                  "母亲公民身份号码" AS mother_raw, clean_id("母亲公民身份号码") AS mother_t,
                  "配偶公民身份号码" AS spouse_raw, clean_id("配偶公民身份号码") AS spouse_t FROM population_raw;
CREATE TEMP TABLE population_b AS SELECT *, body17(t) AS b17, body17(father_t) AS father_b17, body17(mother_t) AS mother_b17,
                  body17(spouse_t) AS spouse_b17 FROM population_a;
CREATE TEMP TABLE population_c AS SELECT *, check_char(b17) AS cc, check_char(father_b17) AS father_cc,
                  check_char(mother_b17) AS mother_cc, check_char(spouse_b17) AS spouse_cc FROM population_b;
CREATE TABLE population AS
SELECT b17 || cc AS id,
       CASE status WHEN '正常' THEN 'normal' WHEN '死亡' THEN 'dead' WHEN '迁出' THEN 'moved_out'
                   WHEN '服刑' THEN 'imprisoned' ELSE status END AS status,
       status_on, coalesce(hukou, '') AS hukou, address,
       father_b17 || father_cc AS father, mother_b17 || mother_cc AS mother, spouse_b17 || spouse_cc AS spouse, line
FROM population_c
WHERE id_ok(t, b17, cc) AND date_ok(status_raw, status_on) AND date_ok(birth_raw, birth)
  AND (blank(father_raw) OR id_ok(father_t, father_b17, father_cc))
  AND (blank(mother_raw) OR id_ok(mother_t, mother_b17, mother_cc))
  AND (blank(spouse_raw) OR id_ok(spouse_t, spouse_b17, spouse_cc))
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

-- step: normalise_income [INCOME]
CREATE TEMP TABLE tax_a AS SELECT clean_id("证件号码") AS t, month_parts("所属期") AS p, trim("所得项目") AS kind,
                  amount_text("收入额") AS amount FROM tax_raw;
CREATE TEMP TABLE tax_b AS SELECT *, body17(t) AS b17, month_of_ym(month_y(p), month_m(p)) AS month, amount_fen(amount) AS fen FROM tax_a;
CREATE TEMP TABLE tax_c AS SELECT *, check_char(b17) AS cc FROM tax_b;
-- 所得项目 is required, any word kept (other).
CREATE TABLE tax AS SELECT b17 || cc AS id, month, fen FROM tax_c
WHERE id_ok(t, b17, cc) AND month IS NOT NULL AND NOT blank(kind) AND fen IS NOT NULL;
CREATE TEMP TABLE payroll_a AS SELECT clean_id(sfzh) AS t, trim(lb) AS kind, ssq, month_parts(ssq) AS p, amount_text(yje) AS amount FROM payroll_raw;
CREATE TEMP TABLE payroll_b AS SELECT *, body17(t) AS b17, month_of_ym(month_y(p), month_m(p)) AS month, amount_fen(amount) AS fen FROM payroll_a;
CREATE TEMP TABLE payroll_c AS SELECT *, check_char(b17) AS cc FROM payroll_b;
CREATE TABLE payroll AS
SELECT b17 || cc AS id, CASE kind WHEN '公益性岗位' THEN 'public_welfare_job' WHEN '财政供养' THEN 'public_payroll' WHEN '养老金' THEN 'pension'
  WHEN '公积金缴存' THEN 'housing_fund' WHEN 'public_welfare_job' THEN kind WHEN 'public_payroll' THEN kind WHEN 'pension' THEN kind
  WHEN 'housing_fund' THEN kind ELSE 'other' END AS kind, month, fen
FROM payroll_c
WHERE id_ok(t, b17, cc) AND NOT blank(kind) AND fen IS NOT NULL AND (blank(ssq) OR month IS NOT NULL);

-- step: normalise_assets [ASSETS]
CREATE TEMP TABLE bank_a AS SELECT rowid AS line, clean_id("证件号码") AS t, coalesce(trim("开户机构"), '') AS institution,
                  coalesce(trim("账号"), '') AS account, amount_text("账户余额（元）") AS amount, "余额日期" AS on_raw,
                  norm_date("余额日期") AS on_date FROM bank_raw;
CREATE TEMP TABLE bank_b AS SELECT *, body17(t) AS b17, amount_fen(amount) AS fen FROM bank_a;
CREATE TEMP TABLE bank_c AS SELECT *, check_char(b17) AS cc FROM bank_b;
-- A balance without a date is as of the as-of date; a row without an account number is an account of its own.
CREATE TABLE bank AS
SELECT b17 || cc AS id, institution, CASE WHEN account = '' THEN '#' || line ELSE account END AS account,
       fen, coalesce(on_date, DATE '${AS_OF}') AS on_date, line
FROM bank_c WHERE id_ok(t, b17, cc) AND fen IS NOT NULL AND date_ok(on_raw, on_date);

-- step: normalise_register [SPLIT]
-- One row per person (of an ID written twice, the later row), and where they
-- live: the address without the region (written or not at the clerk's whim),
-- a village house (…村8组124号, or 八组一百二十四号) or a flat (…号楼2单元301).
-- A building without a room, or an address of another shape, says nothing.
CREATE MACRO cn_digit(c) AS list_position(['一', '二', '三', '四', '五', '六', '七', '八', '九'], c);
CREATE MACRO cn_number(s) AS CASE WHEN regexp_full_match(s, '[0-9]+') THEN TRY_CAST(s AS INT) ELSE
  coalesce(cn_digit(regexp_extract(s, '^(.)百', 1)), 0) * 100
  + CASE WHEN s LIKE '%十%' THEN coalesce(cn_digit(regexp_extract(s, '(.)十', 1)), 1) * 10 ELSE 0 END
  + coalesce(cn_digit(right(s, 1)), 0) END;
CREATE TEMP TABLE register_a AS
SELECT DISTINCT ON (id) id, hukou, regexp_replace(coalesce(address, ''), '^(河南省)?(洛阳市)?(伊川县)?', '') AS address, father, mother, spouse
FROM population ORDER BY id, line DESC;
CREATE TEMP TABLE register_b AS
SELECT *, regexp_extract(address, '^(.*[^0-9零一二三四五六七八九十百])([0-9]+|[零一二三四五六七八九十百]+)组([0-9]+|[零一二三四五六七八九十百]+)号$', ['place', 'grp', 'num']) AS house
FROM register_a;
CREATE TABLE register AS
SELECT id, hukou, father, mother, spouse,
       CASE WHEN house.place <> '' THEN 'house|' || house.place || '|' || cn_number(house.grp) || '|' || cn_number(house.num)
            WHEN regexp_full_match(address, '.+[0-9]+号楼[0-9]+单元[0-9]+') THEN 'room|' || address END AS dwelling
FROM register_b;

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

-- step: joins_cases [INCOME,ASSETS,SPLIT]
-- A case: its members (each ID once) and what its first row (the smallest
-- ID) says of zone, approval, payment account and phone.
CREATE TABLE case_members AS SELECT DISTINCT case_id, id FROM roll;
CREATE TABLE cases AS
SELECT f.case_id, f.zone, f.enrolled, f.account, f.phone, n.n
FROM (SELECT DISTINCT ON (case_id) case_id, zone, enrolled, account, phone FROM roll ORDER BY case_id, id, line) f
JOIN (SELECT case_id, count(*) AS n FROM case_members GROUP BY case_id) n USING (case_id);
-- 低保标准 (configs/rules/demo.toml), per person and month in fen, by the
-- months they are in force in (from the first month whose first day is on
-- or after `from`); a yearly standard is divided by 12 and rounded to the fen.
CREATE TABLE standard AS
SELECT zone, fen, first_month, lead(first_month) OVER (PARTITION BY zone ORDER BY first_month) AS until_month
FROM (SELECT zone, CAST(round(yuan * 100 / per) AS BIGINT) AS fen,
             month_of(starts) + CASE WHEN day(starts) > 1 THEN 1 ELSE 0 END AS first_month
      FROM (VALUES ('urban', 720.00, 1, DATE '2014-01-01'), ('urban', 780.00, 1, DATE '2025-07-01'),
                   ('rural', 6000.00, 12, DATE '2014-01-01'), ('rural', 6700.00, 12, DATE '2025-07-01')) s(zone, yuan, per, starts));

-- step: joins_income [INCOME]
-- INCOME: in a month from the approval month through the as-of month, the
-- tax records plus the payroll records of the counted kinds (a
-- public-welfare job's wage less 0.00 disregarded, never below zero) of the
-- members, above the standard × members. The member with the most income in
-- the first such month (ties: the smaller ID).
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
ORDER BY o.case_id, p.fen DESC, p.id;

-- step: joins_assets [ASSETS]
-- ASSETS: on each balance date up to the as-of date, every account of the
-- members at its latest balance on or before it, above 24 months of the
-- standard of that month × members. The member holding most on the first
-- such date (ties: the smaller ID).
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
ORDER BY o.case_id, p.fen DESC, p.id;

-- step: joins_split [SPLIT]
-- SPLIT: people are one family when they share a 户号, are spouses, or are
-- parent and child or siblings living at one dwelling, or are members of
-- cases sharing a payment account or phone (on at most 3 cases: more is a
-- clerk's default, not a link) living at one dwelling. Every case with a
-- member (in the register, and in no other case) whose family holds a
-- member of another case is flagged: on its smallest such member whose
-- family's other case was approved earlier, or, for the family's first
-- case, its smallest such member.
CREATE TEMP TABLE links AS
SELECT min(id) OVER (PARTITION BY hukou) AS a, id AS b FROM register WHERE hukou <> ''
UNION ALL SELECT r.id, s.id FROM register r JOIN register s ON s.id = r.spouse
UNION ALL SELECT r.id, p.id FROM register r JOIN register p ON p.id = r.father AND p.dwelling = r.dwelling
UNION ALL SELECT r.id, p.id FROM register r JOIN register p ON p.id = r.mother AND p.dwelling = r.dwelling
UNION ALL SELECT min(id) OVER (PARTITION BY father, dwelling), id FROM register WHERE father IS NOT NULL AND dwelling IS NOT NULL
UNION ALL SELECT min(id) OVER (PARTITION BY mother, dwelling), id FROM register WHERE mother IS NOT NULL AND dwelling IS NOT NULL;
-- Accounts and phones: of the members of the cases sharing one, those at
-- one dwelling are tied to its first (in case order, then ID), across cases.
INSERT INTO links
WITH shared AS (
  SELECT kind, value, case_id FROM (
    SELECT 'account' AS kind, account AS value, case_id FROM cases WHERE account <> ''
    UNION ALL SELECT 'phone', phone, case_id FROM cases WHERE phone <> '')
  QUALIFY count(*) OVER (PARTITION BY kind, value) BETWEEN 2 AND 3),
sharers AS (
  SELECT s.kind, s.value, s.case_id, m.id, r.dwelling,
         first_value(s.case_id) OVER w AS first_case, first_value(m.id) OVER w AS first_id
  FROM shared s JOIN case_members m ON m.case_id = s.case_id JOIN register r ON r.id = m.id
  WHERE r.dwelling IS NOT NULL
  WINDOW w AS (PARTITION BY s.kind, s.value, r.dwelling ORDER BY s.case_id, m.id))
SELECT first_id, id FROM sharers WHERE case_id <> first_case;
CREATE TEMP TABLE usable AS
SELECT case_id, id FROM case_members WHERE id IN (SELECT id FROM register) QUALIFY count(*) OVER (PARTITION BY id) = 1;
CREATE TEMP TABLE edges AS SELECT a, b FROM links WHERE a <> b UNION SELECT b, a FROM links WHERE a <> b;
CREATE TEMP TABLE reach AS
WITH RECURSIVE r(s, v) AS (SELECT id, id FROM usable UNION SELECT r.s, e.b FROM r JOIN edges e ON e.a = r.v)
SELECT * FROM r;
CREATE TEMP TABLE ties AS
SELECT u.case_id, u.id, o.case_id AS other
FROM reach r JOIN usable u ON u.id = r.s JOIN usable o ON o.id = r.v WHERE o.case_id <> u.case_id;
INSERT INTO flags
SELECT 'SPLIT', t.case_id,
       coalesce(min(t.id) FILTER (WHERE coalesce(oc.enrolled, DATE '9999-12-31') < coalesce(c.enrolled, DATE '9999-12-31')
                                  OR (coalesce(oc.enrolled, DATE '9999-12-31') = coalesce(c.enrolled, DATE '9999-12-31') AND oc.case_id < c.case_id)),
                min(t.id))
FROM ties t JOIN cases c ON c.case_id = t.case_id JOIN cases oc ON oc.case_id = t.other
GROUP BY t.case_id;

-- step: write
COPY (SELECT rule, case_id, id FROM flags ORDER BY rule, case_id, id) TO '${OUT}' (HEADER false, DELIMITER '\t');
