// 7. Staff publish a bulletin from the desk; a subscriber gets it with a
// one-click unsubscribe link, whose page unsubscribes with one button; the
// bulletin is listed as news.
import assert from 'node:assert/strict';
import { activeCustomer, api, apiSignIn, browserTest, deskSignIn, expectText, waitForEmailBody } from './helpers.mjs';

browserTest('7-bulletin-unsubscribe', 'staff publish a bulletin and a subscriber unsubscribes in one click', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('bulletin');
  const token = await apiSignIn(customer);
  await api('PATCH', '/api/me', { token, body: { newsletter: true }, expect: 200 });

  await deskSignIn(session);
  await session.go('/desk/bulletins');
  await session.step('desk bulletins');
  const subject = `Time & Space 9.1 is out (${Date.now()})`;
  await page.locator('#subject').fill(subject);
  await page.locator('#body').fill('The new release brings:\n\n- faster reports\n- a new terminal driver\n\nSee you soon.');
  await session.submit(page.getByRole('button', { name: 'Publish and send', exact: true }));
  session.expectPath(/^\/desk\/bulletins\/?$/);
  await expectText(page.locator('main'), subject, { what: 'the published bulletin' });
  await session.step('bulletin published');

  const email = await waitForEmailBody(customer.email, (body) => body.subject === subject);
  const header = (email.headers || {})['List-Unsubscribe'] || '';
  assert.equal((email.headers || {})['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
  assert.match(email.html || '', /<li>faster reports<\/li>/);
  const unsubscribe = header.replace(/^<|>$/g, '');
  assert.match(unsubscribe, /\/unsubscribe\?token=/);

  await session.go(unsubscribe);
  await session.step('unsubscribe page');
  await session.submit(page.getByRole('button', { name: 'Unsubscribe', exact: true }));
  await session.step('unsubscribed');
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.newsletter, false);

  await session.go('/news');
  await expectText(page.locator('main'), subject, { what: 'the news page' });
  await session.step('news');
});
