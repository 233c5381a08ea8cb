// 3. A support request through /support, paid with the registration's coupon.
import assert from 'node:assert/strict';
import { api, browserTest, expectText, signedInCustomer } from './helpers.mjs';

browserTest('3-support-request', 'a customer with a coupon requests support and is told a callback is coming', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'support');
  const token = customer.accessToken; // to read the incident back
  assert.ok(customer.couponBalance >= 1, `the new customer has no free coupon (balance ${customer.couponBalance})`);

  await session.go('/support');
  await session.step('support form');
  const subject = `Export to PDF stops at page 3 (${Date.now()})`;
  await page.locator('#subject').fill(subject);
  await page.locator('#description').fill('Since the last update the PDF export stops after page 3 of the project plan.');
  await page.locator('#channel').selectOption('voice');
  await page.locator('#phone').fill(customer.phone);
  await page.locator('#preferred_times').fill('Weekdays 9:00-12:00 CET');
  await session.step('support form filled');
  await session.submit(page.getByRole('button', { name: 'Request support', exact: true }));
  const [, incidentId] = session.expectPath(/^\/portal\/incidents\/([^/]+)\/?$/);
  await expectText(page.locator('#incident-status'), /awaiting callback/i, { what: '#incident-status' });
  await session.step('incident awaiting callback');

  const incident = await api('GET', `/api/me/incidents/${encodeURIComponent(incidentId)}`, { token, expect: 200 });
  assert.equal(incident.json.subject, subject);
  assert.equal(incident.json.channel, 'voice');
  assert.equal(incident.json.status, 'awaiting_callback');
});
