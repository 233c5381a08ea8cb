// 8. A card payment: the order goes on to Stripe's hosted checkout (the
// stand-in's, on another site than the portal, as checkout.stripe.com is),
// which comes back to the order page. Cancelled first, then paid: the page
// says the payment is being confirmed until Stripe's webhook arrives, and
// paid once it has. The confirmation email links the invoice, which is
// listed in the portal and prints on A4 without the portal around it.
import assert from 'node:assert/strict';
import {
  api, browserTest, expectText, holdWebhook, releaseWebhook, signedInCustomer, waitForEmailBody,
} from './helpers.mjs';

browserTest('8-card-payment', 'a customer pays coupons by card through Stripe Checkout and lands on the paid order', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'card');
  const token = customer.accessToken; // to read the order and balance back

  await session.go('/portal/coupons');
  await session.step('coupons form');
  await page.locator('#quantity').fill('3');
  await page.getByLabel('Card', { exact: true }).check();
  await session.submit(page.getByRole('button', { name: 'Order', exact: true }));
  const [, sessionId] = session.expectPath(/^\/c\/pay\/(cs_test_[^/]+)$/);
  await session.expectHeading('Pay Spica d.o.o.');
  // 75.00 net and 22 % VAT: the customer is in Slovenia, as the seller.
  await expectText(page.locator('#amount'), 'EUR 91.50', { what: 'the amount on the checkout page' });
  await session.step('stripe checkout');
  const orderId = sessionId.replace(/^cs_test_/, '');

  // Cancel: back on the order, nothing charged, and a way to pay again.
  await session.submit(page.getByRole('link', { name: 'Cancel and go back' }));
  session.expectPath(`/portal/orders/${orderId}`);
  await expectText(page.locator('#checkout-notice'), /card payment was cancelled/, { what: '#checkout-notice' });
  assert.equal(await page.locator('#checkout-notice a').getAttribute('href'), '/portal/coupons', 'the notice leads to a new order');
  await session.step('order after cancel');

  // Pay, with the webhook held: the browser is back before Stripe confirms.
  await session.submit(page.getByRole('link', { name: 'Pay by card', exact: true }));
  session.expectPath(`/c/pay/${sessionId}`);
  await session.step('stripe checkout again');
  await holdWebhook(sessionId);
  await session.submit(page.getByRole('button', { name: 'Pay', exact: true }));
  session.expectPath(`/portal/orders/${orderId}`);
  await expectText(page.locator('#checkout-notice'), /payment is being confirmed/, { what: '#checkout-notice' });
  await expectText(page.locator('main'), /Status: awaiting payment/, { what: 'the order status' });
  await session.step('order payment being confirmed');

  await releaseWebhook(sessionId);
  await page.reload();
  await session.expectSuccess('reloading the order');
  await expectText(page.locator('#checkout-notice'), 'Your payment is confirmed', { what: '#checkout-notice' });
  await expectText(page.locator('main'), /Status: paid/, { what: 'the order status' });
  await session.step('order paid');

  const order = await api('GET', `/api/me/coupon-orders/${encodeURIComponent(orderId)}`, { token, expect: 200 });
  assert.equal(order.json.status, 'paid');
  assert.equal(order.json.payment_method, 'card');
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.coupon_balance, customer.couponBalance + 3, 'the three coupons are credited');

  const { json: { invoices } } = await api('GET', '/api/me/invoices', { token, expect: 200 });
  const invoice = invoices.find((document) => document.order_id === orderId);
  const email = await waitForEmailBody(customer.email, (body) => /Payment received/.test(body.subject || ''));
  const link = email.text.match(/https?:\/\/\S+\/portal\/invoices\/inv_[A-Za-z0-9]+/)[0];
  assert.equal(new URL(link).pathname, `/portal/invoices/${invoice.invoice_id}`, "the email links the order's invoice");
  await session.go(new URL(link).pathname);
  await session.expectHeading(`Invoice ${invoice.number}`);
  await expectText(page.locator('#invoice-total'), '€91.50', { what: 'the invoice total' });
  await session.step('invoice');
  // The Print button, shown by app.js, opens the browser's print dialog.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'Print prints');
  await page.emulateMedia({ media: 'print' });
  for (const part of ['header', 'footer', '.no-print']) {
    assert.equal(await page.locator(part).first().isVisible(), false, `${part} is not printed`);
  }
  assert.equal(await page.locator('#invoice').isVisible(), true, 'the invoice is printed');
  await page.emulateMedia({ media: 'screen' });

  await session.submit(page.getByRole('link', { name: 'All invoices', exact: true }));
  session.expectPath('/portal/invoices');
  await expectText(page.locator('main'), invoice.number, { what: 'the invoice list' });
  await session.step('invoices');
});
