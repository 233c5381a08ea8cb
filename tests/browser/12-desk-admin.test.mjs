// 12. The desk's administration pages, each with something the test made:
// a partner added and revoked and its audit trail, a license imported, a
// release added, a license claim refused.
import assert from 'node:assert/strict';
import {
  activeCustomer, api, browserTest, decideRow, deskSignIn, expectText, rowWith, unique,
} from './helpers.mjs';

browserTest('12-desk-admin', 'staff add and revoke a partner, read its audit trail, import a license, add a release and refuse a claim', async (session) => {
  const { page } = session;
  const claimant = await activeCustomer('claimant', { claim: true });
  await deskSignIn(session);

  // Partners: one added (its key shown once), then revoked.
  const name = `Partner ${unique('desk')}`;
  await session.visit('/desk/partners', 'Partners');
  await page.locator('#name').fill(name);
  await page.locator('#kind').selectOption('technician');
  await page.locator('#country').selectOption('SI');
  await page.locator('#email').fill(`${unique('partner').toLowerCase()}@example.test`);
  await session.submit(page.getByRole('button', { name: 'Add the partner', exact: true }));
  await session.expectHeading('Partner added');
  const key = (await page.locator('#api-key').innerText()).trim();
  assert.ok(key.length >= 32, `the partner's key is not shown: "${key}"`);
  const partnerId = await page.locator('main code').first().innerText();
  await session.step('partner added');
  await session.submit(page.getByRole('link', { name: 'Back to the partners' }));
  const partner = rowWith(page, partnerId);
  await expectText(partner.locator('td').nth(1), name, { what: 'the new partner\'s row' });
  await session.step('partners with the new one');
  page.once('dialog', (dialog) => dialog.accept()); // the pages' script asks first
  await session.submit(partner.getByRole('button', { name: `Revoke ${name}`, exact: true }));
  session.expectPath('/desk/partners');
  await expectText(partner.locator('td').last(), /^revoked /, { what: 'the revoked partner\'s key' });
  await session.step('partner revoked');
  await api('GET', '/api/partner/licenses', { token: key, expect: 401 });

  // The audit log, filtered to the partner: its revocation, by whom.
  await session.visit('/desk/audit', 'Audit log');
  await page.locator('#target').fill(partnerId);
  await session.submit(page.getByRole('button', { name: 'Filter', exact: true }));
  const revoked = rowWith(page, `POST /desk/partners/{partner_id}/revoke`);
  await expectText(revoked.locator('td').nth(1), 'break-glass (admin)', { what: 'who revoked it' });
  await expectText(revoked.locator('td').nth(3), partnerId, { what: 'the revocation\'s target' });
  await session.step('audit log of the partner');

  // The license import: a CSV of one new license.
  const serial = `TS-${unique('import')}`.toUpperCase().slice(0, 40).replace(/-+$/, '');
  await session.visit('/desk/licenses', 'License import');
  await page.getByLabel(/^Licenses/).setInputFiles({
    name: 'licenses.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`serial,product,edition,version,list_price,installations\n${serial},Time & Space,Professional,8.0,1234.50,2\n`),
  });
  await session.submit(page.getByRole('button', { name: 'Import', exact: true }));
  await session.expectHeading('License import report');
  await expectText(page.locator('#import-counts'), '1 imported, 0 updated, 0 rejected.', { what: '#import-counts' });
  await session.step('license import report');

  // Releases: a release of a product of this test's own.
  const product = `Time & Space ${unique('release')}`;
  await session.visit('/desk/releases', 'Releases');
  await page.locator('#product').fill(product);
  await page.locator('#version').fill('9.1');
  await page.locator('#released_on').fill('2026-11-02');
  await session.submit(page.getByRole('button', { name: 'Add the release', exact: true }));
  session.expectPath('/desk/releases');
  await expectText(rowWith(page, product), /9\.1\s*2 Nov 2026/, { what: 'the new release\'s row' });
  await session.step('release added');

  // License claims: the registration under serial "0", refused.
  await session.visit('/desk/claims', 'License claims');
  const claim = rowWith(page, claimant.email);
  await expectText(claim.locator('td').nth(2), '0', { what: 'the serial the claimant typed' });
  await decideRow(session, claim, { field: 'Reason', text: 'No license of yours is known to us', button: 'Refuse', path: '/desk/claims' });
  await session.step('license claim refused');
});
