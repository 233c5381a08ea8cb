// 15. A Slovenian customer prints the pro-forma (predračun) of a bank-transfer
// order in Slovenian, and the UPN QR code on it reads back, decoded from the
// rendered page with jsQR, as the payment Slovenian banking apps fill in.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { api, browserTest, BASE_URL, signedInCustomer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const jsQR = require('jsqr');

/**
 * Draws the page's `svg#id` into a canvas (through an image of its data URL,
 * as a browser paints it) and returns the pixels for a decoder.
 */
async function renderedPixels(page, id) {
  return page.evaluate(async (selector) => {
    const svg = document.querySelector(selector);
    const markup = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    const loaded = new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = () => reject(new Error(`${selector} could not be drawn as an image`));
    });
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await loaded;
    const box = svg.viewBox.baseVal;
    const scale = 4; // pixels per module: crisp for the decoder
    const canvas = document.createElement('canvas');
    canvas.width = box.width * scale;
    canvas.height = box.height * scale;
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = false;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: pixels.width, height: pixels.height, data: Array.from(pixels.data) };
  }, `svg#${id}`);
}

/** Decodes the QR code drawn as `svg#id`: its bytes, as jsQR reads them. */
async function decoded(page, id) {
  const { width, height, data } = await renderedPixels(page, id);
  const code = jsQR(Uint8ClampedArray.from(data), width, height, { inversionAttempts: 'dontInvert' });
  assert.ok(code, `jsQR found no QR code in svg#${id}`);
  return code;
}

browserTest('15-pro-forma', 'a Slovenian customer prints the pro-forma in Slovenian and its UPN QR code decodes', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'proforma');
  assert.equal(customer.country, 'SI', 'the customer is a company in Slovenia');
  const placed = await api('POST', '/api/me/coupon-orders', {
    token: customer.accessToken,
    body: { quantity: 1, payment_method: 'bank_transfer' },
    expect: 201,
  });
  const order = placed.json;
  const transfer = order.bank_transfer;

  // The reader chose Slovenian (the switch on every page sets this cookie).
  await session.context.addCookies([{ name: 'lang', value: 'sl', url: BASE_URL }]);
  await session.go(`/portal/orders/${encodeURIComponent(order.order_id)}`);
  await session.step('order in Slovenian');
  await session.submit(page.locator('#pro-forma-link'));
  session.expectPath(`/portal/orders/${order.order_id}/pro-forma`);
  await session.expectHeading(`Predračun ${order.number}`);
  await session.step('pro-forma in Slovenian');

  assert.equal(await page.locator('html').getAttribute('lang'), 'sl');
  const text = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
  const euros = (amount) => `${amount.replace('.', ',')} €`;
  for (const expected of [
    'Prodajalec', 'Kupec', 'Rok plačila', 'Sklic', 'Za plačilo', 'Spica d.o.o.', 'Pot k sejmišču 33',
    customer.companyName, 'Slovenija', euros(order.total_due), transfer.reference_grouped,
    'SI56 1910 0000 0123 438', 'BAKOSI2X',
  ]) {
    assert.ok(text.includes(expected), `"${expected}" is not on the Slovenian pro-forma:\n${text}`);
  }
  for (const english of ['Pro-forma', 'Seller', 'Buyer', 'Due date', 'Total due', 'EUR ']) {
    assert.ok(!text.includes(english), `"${english}" on the Slovenian pro-forma:\n${text}`);
  }
  assert.equal((await page.locator('#iban').innerText()).trim(), 'SI56 1910 0000 0123 438', 'the IBAN in groups of four');

  // Both codes are drawn; the UPN QR code reads back as the standard lays it out.
  for (const id of ['epc-qr', 'upn-qr']) {
    const box = await page.locator(`svg#${id}`).boundingBox();
    assert.ok(box && box.width >= 100, `svg#${id} is too small to scan: ${JSON.stringify(box)}`);
  }
  const upn = await decoded(page, 'upn-qr');
  assert.equal(upn.version, 15, 'a version 15 code');
  const bytes = Uint8Array.from(upn.binaryData);
  assert.equal(bytes.length, 411, 'the payload fills the 411 bytes of the standard');
  const payload = new TextDecoder('iso-8859-2').decode(bytes);
  const fields = payload.split('\n');
  assert.equal(fields.length, 21, `19 fields, the checksum and the reserve: ${JSON.stringify(payload)}`);
  assert.equal(fields[0], 'UPNQR');
  assert.deepEqual(fields.slice(1, 5), ['', '', '', '']);
  assert.equal(fields[5], customer.companyName, "the payer's name");
  const cents = Math.round(Number(order.total_due) * 100);
  assert.equal(fields[8], String(cents).padStart(11, '0'), 'the amount, in cents, eleven digits');
  assert.equal(fields[11], 'SCVE', 'the purpose code');
  assert.equal(fields[12], `Predračun ${order.number}`, 'the purpose, with č read back from ISO 8859-2');
  assert.match(fields[13], /^\d{2}\.\d{2}\.\d{4}$/, 'the deadline, DD.MM.YYYY');
  assert.equal(fields[14], transfer.iban, "the recipient's IBAN, compact");
  assert.equal(fields[15], transfer.reference, 'the RF reference, compact');
  assert.equal(fields[16], 'Spica d.o.o.');
  assert.equal(fields[17], 'Pot k sejmišču 33', 'š read back from ISO 8859-2');
  assert.equal(fields[18], '1231 Ljubljana');
  const counted = fields.slice(0, 19).reduce((sum, field) => sum + field.length, 0) + 19;
  assert.equal(fields[19], String(counted).padStart(3, '0'), 'the checksum');
  assert.match(fields[20], /^ *$/, 'the reserve is spaces');

  // The EPC code of the same page reads back too.
  const epc = (await decoded(page, 'epc-qr')).data.split('\n');
  assert.deepEqual([epc[0], epc[6], epc[7], epc[9]], ['BCD', transfer.iban, `EUR${order.total_due}`, transfer.reference]);

  // The same pro-forma in English, for a reader who switches.
  await session.context.addCookies([{ name: 'lang', value: 'en', url: BASE_URL }]);
  await session.go(`/portal/orders/${encodeURIComponent(order.order_id)}/pro-forma`);
  await session.expectHeading(`Pro-forma ${order.number}`);
  await session.step('pro-forma in English');
  const english = await page.locator('main').innerText();
  assert.ok(english.includes(`€${order.total_due}`) && english.includes('Due date'), english);

  // Printed, the portal's navigation and the hints are not on the page.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header').first().isVisible(), false, 'the header is not printed');
  assert.equal(await page.locator('#pro-forma .no-print').isVisible(), false, 'the print hint is not printed');
  assert.equal(await page.locator('svg#upn-qr').isVisible(), true, 'the UPN QR code is printed');
  await page.emulateMedia({ media: 'screen' });
});
