// 14. The desk's directory (issue 22): a clerk matches a transfer by
// searching the company, and an agent finds a customer by the phone number
// they heard, opens their page and opens an incident for them through the
// form, landing on the incident's page with its number. No internal id is
// typed.
import assert from 'node:assert/strict';
import {
  activeCustomer, api, apiSignIn, browserTest, deskSignIn, expectText, STAFF_TOKEN, unique,
} from './helpers.mjs';

browserTest('14-desk-directory', 'a clerk matches a transfer by searching the company', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('clerk', { companyName: `Kovačija Žnidaršič ${unique('k')}` });
  await apiSignIn(customer);
  const created = await api('POST', '/api/me/coupon-orders', {
    token: customer.accessToken,
    expect: 201,
    body: { quantity: 2, payment_method: 'bank_transfer' },
  });
  const orderId = created.json.order_id;
  const orderNumber = created.json.number;
  const { amount } = created.json.bank_transfer;
  // The remitter forgot the reference: the transfer stays unmatched.
  const bankRef = unique('NOREF');
  const csv = `booking date,amount,currency,reference,remitter,bank reference\n2026-11-26,${amount},EUR,coupons,${customer.companyName},${bankRef}\n`;
  const report = await api('POST', '/api/staff/bank-statements', {
    token: STAFF_TOKEN, expect: 200, headers: { 'content-type': 'text/csv' }, raw: csv,
  });
  assert.equal(report.json.unmatched, 1, `the transfer was matched: ${report.text}`);
  const entryId = report.json.lines[0].bank_entry_id;

  await deskSignIn(session);
  await session.visit('/desk/statements', 'Bank statements');
  const search = page.locator(`#find-${entryId}`);
  await search.fill('kovacija znidarsic ' + customer.companyName.split(' ').at(-1));
  await session.submit(search.locator('xpath=ancestor::form').getByRole('button', { name: 'Find', exact: true }));
  await session.expectHeading('Bank statements');
  // The clerk reads the order's number, not its id.
  const match = page.getByRole('button', { name: `Match to order ${orderNumber} of ${customer.companyName}`, exact: true });
  await session.step('orders found for the transfer');
  await session.submit(match);
  session.expectPath('/desk/statements');
  assert.equal(await page.locator(`#find-${entryId}`).count(), 0, 'the transfer is no longer unmatched');
  const order = await api('GET', `/api/me/coupon-orders/${orderId}`, { token: customer.accessToken, expect: 200 });
  assert.equal(order.json.status, 'paid', `the order: ${order.text}`);
  await session.step('transfer matched');
});

browserTest('14-desk-directory', 'an agent finds a customer by phone number, opens their page and opens an incident for them', async (session) => {
  const { page } = session;
  const six = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const customer = await activeCustomer('caller', { companyName: `Pekarna Čadež ${unique('p')}`, phone: `+38641${six}` });
  await deskSignIn(session);
  await session.visit('/desk', 'Support desk');
  // As heard on the phone: the national form, with spaces.
  const digits = customer.phone.replace(/\D/g, '');
  const heard = `0${digits.slice(3, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}`;
  await page.locator('#desk-search').fill(heard);
  await session.submit(page.getByRole('button', { name: 'Find', exact: true }).first());
  await session.expectHeading('Customers');
  await session.step('customers found by phone');
  await session.submit(page.locator(`main a[href="/desk/organisations/${customer.customerId}"]`));
  await session.expectHeading(customer.companyName);
  // Shown as people write a Slovenian number, dialled as stored (E.164).
  const tel = page.locator(`main a[href="tel:${customer.phone.replace(/\s/g, '')}"]`).first();
  await expectText(tel, `041 ${six.slice(0, 3)} ${six.slice(3)}`, { what: 'the contact\'s phone' });
  await session.step('the customer\'s page');

  // The caller's problem, written down while they are on the line.
  await session.submit(page.getByRole('link', { name: 'Open an incident for them' }));
  await session.expectHeading('Open an incident for a caller');
  const who = page.getByLabel('Who phoned');
  assert.match(await who.inputValue(), /^con_/, 'the only contact is preselected');
  assert.equal(await who.locator('option').count(), 1, 'one contact to choose');
  assert.equal(await page.getByLabel(/^Number to call back/).inputValue(), customer.phone.replace(/\s/g, ''), 'the contact\'s phone is prefilled');
  await page.getByLabel('Subject').fill('Terminal at the gate shows no time');
  await page.getByLabel('What the caller said').fill('Since the power cut on Monday the terminal at the gate shows no time.\nThey use terminal 2 meanwhile.');
  await page.getByLabel('How to reach them').selectOption('voice');
  await session.step('the incident form for a caller');
  await session.submit(page.getByRole('button', { name: 'Open the incident' }));
  session.expectPath(/^\/desk\/incidents\/inc_/);
  const heading = await page.locator('h1').innerText();
  assert.match(heading, /^INC-\d{4}-\d{5}: Terminal at the gate shows no time$/, `the incident's page: ${heading}`);
  await expectText(page.locator('main'), 'on behalf of', { what: 'who opened it for whom' });
  await session.step('the incident opened for the caller');
  const mine = await api('GET', '/api/me/incidents', { token: await apiSignIn(customer), expect: 200 });
  assert.equal(mine.json.incidents[0].number, heading.split(':')[0], 'the customer sees it with its number');
});
