// 4. The desk: staff sign in, open an incident, record three failed callback
// attempts, and the incident turns to awaiting the customer.
import assert from 'node:assert/strict';
import {
  activeCustomer, api, apiSignIn, browserTest, deskSignIn, expectText, openIncident, STAFF_TOKEN,
} from './helpers.mjs';

browserTest('4-desk-callbacks', 'staff record three failed callback attempts and the incident awaits the customer', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('desk');
  await apiSignIn(customer);
  const incidentId = await openIncident(customer, 'Licence server unreachable');

  await deskSignIn(session);
  const link = page.locator(`#incident-queue a[href$="/desk/incidents/${incidentId}"]`);
  await link.waitFor({ state: 'visible' });
  await session.submit(link);
  session.expectPath(`/desk/incidents/${incidentId}`);
  await expectText(page.locator('#incident-status'), /awaiting callback/i, { what: '#incident-status' });
  await session.step('incident awaiting callback');

  const outcomes = ['no_answer', 'busy', 'failed'];
  for (const [index, outcome] of outcomes.entries()) {
    await page.locator('#outcome').selectOption(outcome);
    await page.locator('#attempt-channel').selectOption('voice');
    await page.locator('#note').fill(`Attempt ${index + 1}: ${outcome.replace('_', ' ')}`);
    await session.submit(page.getByRole('button', { name: 'Record attempt', exact: true }));
    session.expectPath(`/desk/incidents/${incidentId}`);
    const expected = index < outcomes.length - 1 ? /awaiting callback/i : /awaiting customer/i;
    await expectText(page.locator('#incident-status'), expected, { what: `#incident-status after attempt ${index + 1}` });
    await session.step(`after attempt ${index + 1} ${outcome}`);
  }

  const incident = await api('GET', `/api/staff/incidents/${encodeURIComponent(incidentId)}`, { token: STAFF_TOKEN, expect: 200 });
  assert.equal(incident.json.status, 'awaiting_customer');
  assert.equal(incident.json.failed_attempts, 3);
  assert.deepEqual(incident.json.timeline.attempts.map((a) => a.outcome), outcomes);
});
