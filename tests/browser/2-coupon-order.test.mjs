// 2. A coupon order by bank transfer: the RF reference and the EPC QR code.
import assert from 'node:assert/strict';
import { api, browserTest, BASE_URL, signedInCustomer } from './helpers.mjs';

browserTest('2-coupon-order', 'a customer orders coupons by bank transfer and sees the RF reference and QR code', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'order');
  const token = customer.accessToken; // to read the order back

  await session.go('/portal/coupons');
  await session.step('coupons form');
  await page.locator('#quantity').fill('2');
  await page.getByLabel('Bank transfer', { exact: true }).check();
  assert.equal(await page.locator('#pay-bank').isChecked(), true, '#pay-bank is the "Bank transfer" radio');
  assert.equal(await page.locator('#pay-card').isChecked(), false);
  await session.submit(page.getByRole('button', { name: 'Order', exact: true }));
  const [, orderId] = session.expectPath(/^\/portal\/orders\/([^/]+)\/?$/);
  await session.step('bank transfer order');

  // The reference, large.
  const reference = page.locator('#rf-reference');
  await reference.waitFor({ state: 'visible' });
  const shown = (await reference.innerText()).trim();
  assert.match(shown, /^RF\d{2}/, `#rf-reference shows "${shown}"`);
  const sizes = await reference.evaluate((element) => ({
    reference: Math.max(...[element, ...element.querySelectorAll('*')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
    body: parseFloat(getComputedStyle(document.body).fontSize),
  }));
  assert.ok(sizes.reference >= 1.25 * sizes.body, `#rf-reference is not shown large: ${sizes.reference}px against body text ${sizes.body}px`);

  // The reference is the order's, as the API has it.
  const order = await api('GET', `/api/me/coupon-orders/${encodeURIComponent(orderId)}`, { token, expect: 200 });
  assert.equal(order.json.payment_method, 'bank_transfer');
  assert.equal(order.json.quantity, 2);
  const expected = order.json.bank_transfer.reference;
  assert.equal(shown.replace(/\s+/g, ''), expected, 'the page shows the order\'s RF reference');

  // The copy button puts the reference on the clipboard.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  const copy = page.locator('#copy-reference');
  await copy.waitFor({ state: 'visible' });
  assert.equal(await copy.evaluate((e) => e.tagName), 'BUTTON', '#copy-reference is a button');
  await copy.click();
  let copied = '';
  for (let i = 0; i < 20 && copied.replace(/\s+/g, '') !== expected; i += 1) {
    copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
    if (copied.replace(/\s+/g, '') !== expected) await page.waitForTimeout(100);
  }
  assert.equal(copied.replace(/\s+/g, ''), expected, '#copy-reference copies the reference');

  // The EPC (GiroCode) QR code: an SVG, drawn, of a scannable size.
  const qr = page.locator('svg#epc-qr');
  await qr.waitFor({ state: 'visible' });
  const box = await qr.boundingBox();
  assert.ok(box && box.width >= 100 && box.height >= 100, `svg#epc-qr is too small to scan: ${JSON.stringify(box)}`);
  assert.ok(Math.abs(box.width - box.height) <= 2, `svg#epc-qr is not square: ${box.width}x${box.height}`);
  const shapes = await qr.evaluate((svg) => svg.querySelectorAll('path, rect, polygon, use').length);
  assert.ok(shapes > 0, 'svg#epc-qr draws nothing');
  await session.step('bank transfer order after copy');
});
