// The review site in headless Chromium (browser_test.sh sets the
// environment). `decide`: a township officer filters, opens a case, sees
// its evidence, assigns it, records a home visit with a file and decides
// it. `after_run` (after a nightly run): the decision survived, a hostile
// name shows as text, another township's officer is refused the case, an
// inspector comments but cannot decide. `decide` then works a household
// review file (一户一档): one assignment, one visit for every flag.
// `users`: an administrator adds a user, who signs in, then disables them.
'use strict';
const { chromium } = require('playwright-core');
const assert = require('assert');

const { BASE, TOWNSHIP, FLAG, HOSTILE_ID, SHOTS } = process.env;

async function signIn(browser, user, password) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(`${BASE}/cases`);
  assert.match(page.url(), /\/login/);
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(/\/cases/), page.click('button[type=submit]')]);
  return page;
}

async function flash(page) {
  return (await page.locator('.msg.ok').textContent()) || '';
}

async function decide(browser) {
  const page = await signIn(browser, 'wang', 'town-pass-1');
  // Filters: status new (a select sends the form), then the amount.
  await Promise.all([page.waitForURL(/status=new/), page.selectOption('select[name=status]', 'new')]);
  await page.fill('input[name=min]', '0');
  // Waits for the new URL: the load state of the page being left resolves
  // at once, and rows counted then were 0 once under load.
  await Promise.all([page.waitForURL(/min=0/), page.click('form.filters button[type=submit]')]);
  const rows = await page.locator('table.cases tbody tr').count();
  assert.ok(rows > 0 && rows <= 50, `rows on a page: ${rows}`);
  const towns = await page.locator('table.cases tbody td:first-child').allTextContents();
  assert.ok(towns.every((t) => t.startsWith(TOWNSHIP)), 'only the officer\'s township');
  await page.screenshot({ path: `${SHOTS}/list.png`, fullPage: false });

  await page.goto(`${BASE}/cases/${FLAG}`);
  assert.ok((await page.locator('.evidence .rec').count()) > 0, 'evidence shown');
  assert.match(await page.locator('.evidence .src').first().textContent(), /第 \d+ 行/);

  await page.locator('form[action$="/assign"] button').click();
  await page.waitForLoadState();
  assert.match(await flash(page), /已分派/);

  const step = page.locator('form[action$="/step"]');
  await step.locator('select[name=kind]').selectOption('home_visit');
  await step.locator('textarea[name=notes]').fill('入户核查：情况属实。');
  await step.locator('input[type=file]').setInputFiles({
    name: '入户照片说明.txt', mimeType: 'text/plain', buffer: Buffer.from('入户核查记录'),
  });
  await step.locator('button').click();
  await page.waitForLoadState();
  assert.match(await flash(page), /已记录入户核查/);
  assert.ok((await page.locator('a[href*="/files/"]').count()) === 1, 'attachment listed');

  const form = page.locator('form[action$="/decide"]');
  // The outcome an officer would pick for the case's ground (the page's
  // title names it), else the first confirmed one.
  const title = await page.locator('h1').first().textContent();
  const byGround = { 车辆: '有车', 死亡: '死亡', 房产: '有房', 户籍迁出: '迁出', 收入: '收入超标', 存款: '存款超标' };
  const ground = Object.keys(byGround).find((g) => title.includes(g));
  const outcome = ground ? byGround[ground] : await form.locator('select[name=outcome] optgroup').first()
      .locator('option').first().getAttribute('value');
  await form.locator('select[name=outcome]').selectOption(outcome);
  await form.locator('textarea[name=note]').fill('经入户核查属实');
  await form.locator('button').click();
  await page.waitForLoadState();
  assert.match(await flash(page), /已作出决定/);
  assert.equal(await page.locator('h1 .badge').textContent(), '已确认');
  await page.screenshot({ path: `${SHOTS}/case.png`, fullPage: true });
}

// 一户一档: the officer switches the list to households, opens a household
// with several new flags, assigns it and records one home visit; every
// flag of it shows the visit and has its own decision form.
async function household(browser) {
  const page = await signIn(browser, 'wang', 'town-pass-1');
  await Promise.all([page.waitForURL(/\/households/), page.click('a#by-household')]);
  const rows = page.locator('table.households tbody tr');
  const count = await rows.count();
  let target = null;
  let flags = 0;
  for (let i = 0; i < count && !target; i++) {
    const status = (await rows.nth(i).locator('td').nth(5).textContent()) || '';
    const m = status.match(/^待分派 (\d+)$/);
    if (m && Number(m[1]) >= 2) {
      target = rows.nth(i).locator('td a').first();
      flags = Number(m[1]);
    }
  }
  assert.ok(target, 'a household with two new flags in the list');
  const file = await target.textContent();
  assert.match(file, /^\d{6}-\d{4}-\d{5}$/, `file number: ${file}`);
  await Promise.all([page.waitForURL(/\/households\/\d{6}-/), target.click()]);
  assert.equal(await page.locator('.card.flag').count(), flags, 'every flag of the household');
  assert.equal(await page.locator('form[action$="/assign"]').count(), 1, 'one assign form');
  assert.equal(await page.locator('form[action$="/step"]').count(), 1, 'one visit form');

  const assign = page.locator('form[action$="/assign"]');
  await assign.locator('input[name=assignee]').fill('wang');
  await assign.locator('button').click();
  await page.waitForLoadState();
  assert.match(await flash(page), /已将全户/);

  const step = page.locator('form[action$="/step"]');
  await step.locator('select[name=kind]').selectOption('home_visit');
  await step.locator('textarea[name=notes]').fill('全户入户核查：逐项核实。');
  await step.locator('button').click();
  await page.waitForLoadState();
  assert.match(await flash(page), /已在全户/);
  const cards = await page.locator('.card.flag').allTextContents();
  assert.ok(cards.every((t) => t.includes('全户入户核查：逐项核实。')), 'the visit on every flag');
  assert.equal(await page.locator('form[action*="/decide/"]').count(), flags, 'a decision per ground');
  await page.screenshot({ path: `${SHOTS}/household.png`, fullPage: true });
}

async function afterRun(browser) {
  const wang = await signIn(browser, 'wang', 'town-pass-1');
  await wang.goto(`${BASE}/cases/${FLAG}`);
  assert.equal(await wang.locator('h1 .badge').textContent(), '已确认', 'decision survives the run');
  const runs = await wang.locator('dl.facts').textContent();
  assert.match(runs, /第 2 次核查/, 'the new run was imported');

  await wang.goto(`${BASE}/cases?q=${HOSTILE_ID}`);
  const names = await wang.locator('table.cases tbody td:nth-child(2)').allTextContents();
  assert.ok(names.some((n) => n.startsWith('<b>X</b>')), `hostile name as text: ${names}`);
  assert.equal(await wang.locator('table.cases b').count(), 0, 'no <b> element made');

  const zhao = await signIn(browser, 'zhao', 'town-pass-2');
  const refused = await zhao.goto(`${BASE}/cases/${FLAG}`);
  assert.equal(refused.status(), 403);
  assert.ok((await zhao.locator('.msg.err').textContent()).length > 0);
  await zhao.goto(`${BASE}/cases?q=${FLAG}`);
  assert.equal(await zhao.locator(`a[href="/cases/${FLAG}"]`).count(), 0);

  const li = await signIn(browser, 'li', 'insp-pass-1');
  await li.goto(`${BASE}/cases/${FLAG}`);
  assert.equal(await li.locator('form[action$="/decide"]').count(), 0, 'no decide form');
  await li.locator('form[action$="/comment"] textarea').fill('请乡镇补充民主评议记录');
  await li.locator('form[action$="/comment"] button').click();
  await li.waitForLoadState();
  assert.match(await flash(li), /已发表意见/);
  const csrf = await li.locator('input[name=csrf]').first().getAttribute('value');
  const forced = await li.request.post(`${BASE}/cases/${FLAG}/decide`, {
    multipart: { csrf, outcome: '数据错误', date: '2026-12-01' }, maxRedirects: 0,
  });
  assert.equal(forced.status(), 403, 'inspector decide refused');
}

// Issue 19: an administrator adds a user on the site, the user signs in,
// the administrator disables them and their open session ends.
async function users(browser) {
  const admin = await signIn(browser, 'admin', 'demo-admin-2026');
  await admin.click('header a[href="/users"]');
  await admin.waitForURL(/\/users$/);
  const add = admin.locator('form.adduser');
  await add.locator('input[name=name]').fill('zhou');
  await add.locator('select[name=role]').selectOption('township');
  await add.locator('input[name=townships]').fill(TOWNSHIP);
  await add.locator('input[name=password]').fill('zhou-pass-1');
  await add.locator('input[name=password2]').fill('zhou-pass-1');
  await Promise.all([admin.waitForLoadState(), add.locator('button').click()]);
  assert.match(await flash(admin), /已添加用户 zhou/);

  const zhou = await signIn(browser, 'zhou', 'zhou-pass-1');
  const towns = await zhou.locator('table.cases tbody td:first-child').allTextContents();
  assert.ok(towns.length > 0 && towns.every((t) => t.startsWith(TOWNSHIP)), 'zhou sees their township');
  assert.equal(await zhou.locator('header a[href="/users"]').count(), 0, 'no users link for an officer');

  const row = admin.locator('table.users tr', { hasText: 'zhou' });
  await Promise.all([admin.waitForLoadState(), row.locator('form[action="/users/disable"] button').click()]);
  assert.match(await flash(admin), /已停用 zhou/);
  assert.match(await admin.locator('table.users tr', { hasText: 'zhou' }).textContent(), /已停用/);
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.screenshot({ path: `${SHOTS}/users.png`, fullPage: true });
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `users page overflows 1280 px by ${overflow}`);

  await zhou.goto(`${BASE}/cases`);
  assert.match(zhou.url(), /\/login/, 'a disabled user\'s session ends');
  await zhou.fill('input[name=user]', 'zhou');
  await zhou.fill('input[name=password]', 'zhou-pass-1');
  await Promise.all([zhou.waitForLoadState(), zhou.click('button[type=submit]')]);
  assert.match(await zhou.locator('.msg.err').textContent(), /已停用/, 'a disabled user cannot sign in');

  // The list at 1280 px: reasons wrap, nothing runs off to the right.
  await admin.goto(`${BASE}/cases`);
  const listOverflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(listOverflow <= 0, `case list overflows 1280 px by ${listOverflow}`);
  const lang = await admin.locator('input[placeholder="yyyy-mm-dd"]').first().getAttribute('lang');
  assert.equal(await admin.locator('input[type=date]').count(), 0, 'dates are yyyy-mm-dd text, not the locale\'s picker');
  assert.equal(lang, 'zh-CN');
}

// The auditor, sent to sign in from the case list as anyone is, lands on
// the audit log (the list would be a 403) and is offered no 案件列表; a
// `next` that leads off the site is not followed.
async function auditor(browser) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${BASE}/cases`);
  assert.match(page.url(), /\/login/);
  await page.fill('input[name=user]', 'shen');
  await page.fill('input[name=password]', 'audit-pass-1');
  await Promise.all([page.waitForURL(/\/audit/), page.click('button[type=submit]')]);
  assert.equal(page.url(), `${BASE}/audit`);
  assert.equal(await page.locator('h1').first().textContent(), '审计日志');
  assert.equal(await page.locator('header a', { hasText: '案件列表' }).count(), 0, 'no 案件列表 link');
  await page.locator('header form button').click();
  await page.waitForURL(/\/login/);

  await page.goto(`${BASE}/login?next=${encodeURIComponent('/\\evil.example/phish')}`);
  await page.fill('input[name=user]', 'wang');
  await page.fill('input[name=password]', 'town-pass-1');
  await Promise.all([page.waitForURL(/\/cases/), page.click('button[type=submit]')]);
  assert.equal(page.url(), `${BASE}/cases`, 'next off the site not followed');
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    if (process.argv[2] === 'decide') {
      await decide(browser);
      await household(browser);
    } else if (process.argv[2] === 'users') await users(browser);
    else if (process.argv[2] === 'auditor') await auditor(browser);
    else await afterRun(browser);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
