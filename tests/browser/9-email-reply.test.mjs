// 9. A reply by email: after three failed calls the customer is emailed; they
// answer from their mail client, and the desk sees the incident back in the
// callback queue with the reply's new text as their message, without the
// quoted history.
import assert from 'node:assert/strict';
import {
  activeCustomer, api, apiSignIn, browserTest, deskSignIn, expectText, openIncident, STAFF_TOKEN, unique,
  waitForEmailBody,
} from './helpers.mjs';

/**
 * A reply as Gmail shapes it: the new text above "On … wrote:" and the
 * quoted email, each of its lines behind "> ".
 */
function gmailReply({ from, name, to, subject, quoted, text }) {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return [
    'MIME-Version: 1.0',
    `Date: ${date}`,
    `Message-ID: <${unique('reply')}@mail.gmail.example>`,
    `In-Reply-To: <${unique('prompt')}@timeandspace.test>`,
    `Subject: Re: ${subject}`,
    `From: ${name} <${from}>`,
    `To: Spica Customer Support <${to}>`,
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    text,
    '',
    `On ${date}, Spica Customer Support <${to}> wrote:`,
    '',
    ...quoted.trimEnd().split('\n').map((line) => (line ? `> ${line}` : '>')),
    '',
  ].join('\r\n');
}

browserTest('9-email-reply', 'a customer replies by email after three failed calls and the desk sees the incident reopened', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('reply');
  await apiSignIn(customer);
  const incidentId = await openIncident(customer, 'Licence server unreachable');
  for (const outcome of ['no_answer', 'busy', 'failed']) {
    await api('POST', `/api/staff/incidents/${incidentId}/callback-attempts`, {
      token: STAFF_TOKEN,
      expect: 201,
      body: { outcome, channel: 'voice' },
    });
  }

  const prompt = await waitForEmailBody(customer.email, (body) => (body.subject || '').startsWith('We could not reach you'));
  assert.match(prompt.reply_to || '', /@reply\.timeandspace\.test$/, `the email has no reply address: ${JSON.stringify(prompt)}`);
  assert.match(prompt.text, /we tried three times to call you back/);
  const text = 'Please call me tomorrow after 14:00 on +386 40 123 456.\n\nThanks, Ana';
  const raw = gmailReply({
    from: customer.email, name: customer.contactName, to: prompt.reply_to, subject: prompt.subject, quoted: prompt.text, text,
  });
  const query = new URLSearchParams({ from: customer.email, to: prompt.reply_to });
  await api('POST', `/cdn-cgi/handler/email?${query}`, { raw, expect: 200 }); // wrangler dev's Email Routing

  await deskSignIn(session);
  const href = `a[href$="/desk/incidents/${incidentId}"]`;
  const link = page.locator(`#incident-queue ${href}`);
  const row = page.locator('#incident-queue tr', { has: page.locator(href) });
  await expectText(row, /awaiting callback/, { what: 'the incident\'s row in the desk queue' });
  await session.submit(link);
  session.expectPath(`/desk/incidents/${incidentId}`);
  await expectText(page.locator('#incident-status'), /awaiting callback/, { what: '#incident-status' });
  await expectText(page.locator('main dl').filter({ hasText: 'failed in this window' }), /3 \(0 failed in this window\)/, { what: 'the attempts of the new window' });
  const messages = page.getByRole('table', { name: 'Messages' });
  const message = await expectText(messages.locator('tbody tr').last(), 'Please call me tomorrow after 14:00', { what: 'the reply in the messages' });
  assert.match(message, new RegExp(customer.contactName), 'the message is the contact\'s');
  const shown = (await messages.locator('tbody tr').last().locator('td').last().innerText()).trim();
  assert.equal(shown.replace(/\r\n/g, '\n'), text, 'the message is the reply\'s new text alone, without the quoted history');
  await session.step('incident reopened by the reply');

  const incident = await api('GET', `/api/staff/incidents/${encodeURIComponent(incidentId)}`, { token: STAFF_TOKEN, expect: 200 });
  assert.equal(incident.json.status, 'awaiting_callback');
  assert.equal(incident.json.failed_attempts, 0);
});
