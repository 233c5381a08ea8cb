// 10. The customer's own pages: the profile, changed and saved; the
// organisation's contacts, a colleague invited and the invitation withdrawn.
import assert from 'node:assert/strict';
import {
  api, browserTest, expectText, signedInCustomer, unique,
} from './helpers.mjs';

browserTest('10-profile-contacts', 'a customer changes the profile and invites a colleague and withdraws the invitation', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'profile');
  const token = customer.accessToken; // to read the changes back

  await session.visit('/portal/profile', 'Your profile');
  assert.equal(await page.locator('#email').inputValue(), customer.email, 'the profile shows the contact\'s address');
  assert.equal(await page.locator('#city').inputValue(), customer.city);
  await page.locator('#city').fill('Maribor');
  await page.locator('#phone').fill('+38640111222');
  await session.submit(page.getByRole('button', { name: 'Save', exact: true }));
  session.expectPath('/portal/profile');
  assert.equal(await page.locator('#city').inputValue(), 'Maribor', 'the saved city is shown');
  assert.equal(await page.locator('#phone').inputValue(), '+38640111222', 'the saved phone is shown');
  await session.step('profile saved');
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.company.city, 'Maribor');
  assert.equal(me.json.contact.phone, '+38640111222');

  await session.visit('/portal/contacts', 'Your organisation\'s contacts');
  const contacts = page.getByRole('table', { name: 'Contacts' });
  const own = contacts.locator('tr', { hasText: customer.email }).locator('td');
  await expectText(own.last(), 'you', { what: 'the last cell of the customer\'s own row' });
  const colleague = `browser-${unique('colleague').toLowerCase()}@example.test`;
  await page.locator('#name').fill('Marko Kovač');
  await page.locator('#email').fill(colleague);
  await page.locator('#phone').fill('+38641555666');
  await session.submit(page.getByRole('button', { name: 'Send the invitation', exact: true }));
  session.expectPath('/portal/contacts');
  // An invitation is no contact until it is accepted: it has its own table.
  assert.equal(await contacts.locator('tr', { hasText: colleague }).count(), 0, 'the invited colleague is no contact yet');
  const invitations = page.getByRole('table', { name: 'Invitations' });
  const invited = invitations.locator('tr', { hasText: colleague });
  await expectText(invited.locator('td').first(), 'Marko Kovač', { what: 'the invited colleague\'s name' });
  await expectText(invited.locator('td').nth(2), 'pending', { what: 'the invitation\'s status' });
  await session.step('colleague invited');

  // The Withdraw button asks first (the pages' script); the test confirms.
  page.once('dialog', (dialog) => dialog.accept());
  await session.submit(page.getByRole('button', { name: 'Withdraw the invitation of Marko Kovač', exact: true }));
  session.expectPath('/portal/contacts');
  assert.equal(await invited.count(), 0, 'the withdrawn invitation is no longer listed');
  await session.step('invitation withdrawn');
  const listed = await api('GET', '/api/me/contacts', { token, expect: 200 });
  assert.ok(!JSON.stringify(listed.json).includes(colleague), `the API still lists ${colleague}: ${listed.text}`);
});
