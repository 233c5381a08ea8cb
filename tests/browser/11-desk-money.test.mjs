// 11. The desk's money pages, each with something the test made: the task
// of an overpaid order resolved, a balance adjusted, and the overpaid
// order's invoice in the period's export.
import assert from 'node:assert/strict';
import {
  activeCustomer, api, apiSignIn, browserTest, decideRow, deskSignIn, expectText, rowWith, STAFF_TOKEN, unique,
} from './helpers.mjs';

/** A bank-transfer order paid EUR 5.00 too much: a refund task for staff. */
async function overpaidOrder(customer) {
  const created = await api('POST', '/api/me/coupon-orders', {
    token: customer.accessToken,
    expect: 201,
    body: { quantity: 1, payment_method: 'bank_transfer' },
  });
  const { reference, amount } = created.json.bank_transfer;
  const paid = (Number(amount) + 5).toFixed(2);
  const csv = `booking date,amount,currency,reference,remitter,bank reference\n2026-11-26,${paid},EUR,${reference},Browser Test,${unique('CSV')}\n`;
  const report = await api('POST', '/api/staff/bank-statements', {
    token: STAFF_TOKEN,
    expect: 200,
    headers: { 'content-type': 'text/csv' },
    raw: csv,
  });
  assert.equal(report.json.overpaid, 1, `the transfer did not overpay the order: ${report.text}`);
  return created.json.order_id;
}

browserTest('11-desk-money', 'staff resolve a refund task and adjust a balance', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('admin');
  await apiSignIn(customer);
  const orderId = await overpaidOrder(customer);
  await deskSignIn(session);

  // Tasks: the excess to refund, resolved with a note.
  await session.visit('/desk/tasks', 'Tasks');
  const task = rowWith(page, orderId);
  await expectText(task.locator('td').nth(1), 'refund the excess', { what: 'the task\'s kind' });
  await expectText(task.locator('td').nth(2), customer.companyName, { what: 'the customer, by name' });
  await expectText(task.locator('td').nth(4), '€5.00', { what: 'the excess' });
  await decideRow(session, task, { field: 'Note', text: 'Refunded EUR 5.00 to the remitter', button: 'Resolve', path: '/desk/tasks' });
  await session.step('task resolved');

  // Adjustments: two coupons more, for the customer the test made, found
  // by its contact's address: no id typed.
  await session.visit('/desk/adjustments', 'Adjust a balance');
  await page.locator('#adjust-search').fill(customer.email);
  await session.submit(page.getByRole('button', { name: 'Find the customer', exact: true }));
  await session.expectHeading('Customers');
  await session.step('customers found by address');
  await session.submit(page.locator(`main a[href="/desk/organisations/${customer.customerId}"]`));
  await session.expectHeading(customer.companyName);
  await session.step('the customer\'s page');
  await page.locator('#coupons').fill('2');
  await page.locator('#reason').fill('Goodwill for the outage');
  await session.submit(page.getByRole('button', { name: 'Adjust the balance', exact: true }));
  await session.expectHeading('Balance adjusted');
  const balance = customer.couponBalance + 1 + 2; // the overpaid order's coupon and the adjustment
  await expectText(page.locator('main [role=status]'), `The balance of ${customer.customerId} is now ${balance} coupons.`, { what: 'the adjustment' });
  await session.step('balance adjusted');

  // Invoices: the overpaid order's, in the period of its issue date.
  const { json: { invoices } } = await api('GET', '/api/me/invoices', { token: customer.accessToken, expect: 200 });
  const invoice = invoices.find((document) => document.order_id === orderId);
  await session.submit(page.getByRole('link', { name: 'Invoices', exact: true }));
  session.expectPath('/desk/invoices');
  await session.expectHeading('Invoices');
  await session.step('invoices this month');
  await page.locator('#from').fill(invoice.issued_on);
  await page.locator('#to').fill(invoice.issued_on);
  await session.submit(page.getByRole('button', { name: 'Show', exact: true }));
  session.expectPath('/desk/invoices');
  const period = `?from=${invoice.issued_on}&to=${invoice.issued_on}`;
  assert.equal(new URL(page.url()).search, period, 'the period is in the address, to bookmark');
  await expectText(rowWith(page, invoice.number).locator('td').nth(8), `€${invoice.total}`, { what: 'the invoice\'s gross' });
  const csv = page.getByRole('link', { name: 'Download CSV', exact: true });
  assert.equal(await csv.getAttribute('href'), `/desk/invoices.csv${period}`);
  await session.step('invoices of a day');
});
