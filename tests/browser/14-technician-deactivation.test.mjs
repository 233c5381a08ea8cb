// 14. A technician deactivates an installation from the partner page: the
// page lists the licenses assigned to the partner with their installations
// and says how many deactivations are left this month and when the count
// starts again; the button asks first, and the seat is freed.
import assert from 'node:assert/strict';
import { api, browserTest, expectText, rowWith, STAFF_TOKEN, unique } from './helpers.mjs';

browserTest('14-technician-deactivation', 'a technician deactivates an installation from the partner page', async (session) => {
  const { page } = session;
  const partner = await api('POST', '/api/staff/partners', {
    token: STAFF_TOKEN,
    body: { name: 'Tehnika Servis d.o.o.', kind: 'technician', country: 'SI', email: `${unique('tech').toLowerCase()}@example.test` },
    expect: 201,
  });
  const key = partner.json.api_key;
  const serial = `TS-${unique('deact')}`.toUpperCase().slice(0, 40).replace(/-+$/, '');
  await api('POST', '/api/staff/licenses', {
    token: STAFF_TOKEN,
    expect: 200,
    body: [{ serial, product: 'Time & Space', edition: 'Professional', version: '8.0', list_price: '1234.50', installations: '2', partner_id: partner.json.partner_id }],
  });
  for (const installation of ['RECEPTION-PC', 'WAREHOUSE-PC']) {
    await api('POST', '/api/partner/activations', {
      token: key,
      expect: 201,
      body: { serial, installation_id: installation, product_version: '8.1', technician: 'Janez Tehnik' },
    });
  }

  await session.go('/partner/sign-in');
  await session.step('partner sign-in form');
  await page.getByLabel('Partner key').fill(key);
  await session.submit(page.getByRole('button', { name: /^Sign in\b/ }));
  session.expectPath(/^\/partner\/?$/);
  await session.expectHeading('Partner');
  assert.equal(await page.getByRole('button', { name: 'Sell SUPS' }).count(), 0, 'a technician is shown the SUPS sale');
  const installations = page.getByRole('table', { name: `Installations of ${serial}` });
  await expectText(installations.locator('tr', { hasText: 'RECEPTION-PC' }).locator('td').nth(3), 'technician Janez Tehnik', { what: 'who activated it' });
  await expectText(page.locator(`#allowance-${serial}`), /^3 of 3 deactivations left this month for this license; the count starts again on /, { what: 'the allowance' });
  await session.step('technician installations');

  page.once('dialog', (dialog) => dialog.accept()); // the pages' script asks first
  await session.submit(page.getByRole('button', { name: 'Deactivate installation WAREHOUSE-PC', exact: true }));
  session.expectPath('/partner');
  assert.equal(await rowWith(page, 'WAREHOUSE-PC').count(), 0, 'the deactivated installation is still listed');
  await expectText(page.locator(`#allowance-${serial}`), /^2 of 3 deactivations left this month/, { what: 'the allowance after one' });
  await session.step('installation deactivated');
});
