// 6. The pages the other flows do not reach: the home page, self-activation,
// the desk's outbox and staff list, and the partner pages, each checked by axe.
import { activeCustomer, api, browserSignIn, browserTest, deskSignIn, STAFF_TOKEN } from './helpers.mjs';

browserTest('6-other-pages', 'the home, activation, outbox, staff and partner pages are accessible', async (session) => {
  const { page } = session;
  await session.go('/');
  await session.step('home');

  const customer = await activeCustomer('pages');
  await browserSignIn(session, customer);
  await session.go('/portal/activate');
  await session.step('self-activation form');
  await session.visit('/portal/licenses', 'Licenses and installations');

  await deskSignIn(session);
  await session.go('/desk/outbox');
  await session.expectHeading('Outbox');
  await session.step('desk outbox');
  await session.go('/desk/staff');
  await session.expectHeading('Staff');
  await session.step('desk staff and their languages');

  const partner = await api('POST', '/api/staff/partners', {
    token: STAFF_TOKEN,
    body: { name: 'Pages partner', kind: 'both', country: 'SI', email: `partner.${Date.now()}@example.com` },
    expect: 201,
  });
  await session.go('/partner/sign-in');
  await session.step('partner sign-in form');
  await page.getByLabel('Partner key').fill(partner.json.api_key);
  await session.submit(page.getByRole('button', { name: /^Sign in\b/ }));
  session.expectPath(/^\/partner\/?$/);
  await session.expectHeading('Partner');
  await session.step('partner');
});
