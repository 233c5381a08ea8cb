// 5. The desk uploads a camt.053 bank statement that pays a bank-transfer
// order, and the report counts one match.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { activeCustomer, api, apiSignIn, browserTest, deskSignIn, expectText, unique } from './helpers.mjs';

/** A camt.053.001.02 statement with one booked credit entry. */
function camt053({ amount, reference, bankReference }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>${bankReference}-MSG</MsgId><CreDtTm>2026-11-26T08:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>${bankReference}-STMT</Id>
   <CreDtTm>2026-11-26T08:00:00</CreDtTm>
   <Acct><Id><IBAN>SI56191000000123438</IBAN></Id></Acct>
   <Ntry>
    <Amt Ccy="EUR">${amount}</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd>
    <Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-26</Dt></BookgDt>
    <AcctSvcrRef>${bankReference}</AcctSvcrRef>
    <NtryDtls><TxDtls><RmtInf><Ustrd>${reference} support coupons</Ustrd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
`;
}

browserTest('5-statement-upload', 'staff upload a bank statement and the payment matches its order', async (session) => {
  const { page } = session;
  const customer = await activeCustomer('statement');
  const token = await apiSignIn(customer);
  const created = await api('POST', '/api/me/coupon-orders', {
    token,
    expect: 201,
    body: { quantity: 2, payment_method: 'bank_transfer' },
  });
  const order = created.json;
  const { reference, amount } = order.bank_transfer;
  assert.match(reference, /^RF\d{2}/);

  const folder = mkdtempSync(path.join(tmpdir(), 'spica-statement-'));
  try {
    const file = path.join(folder, 'statement.camt053.xml');
    writeFileSync(file, camt053({ amount, reference, bankReference: unique('BROWSER').toUpperCase() }));

    await deskSignIn(session);
    await session.go('/desk/statements');
    await session.step('statements form');
    await page.getByLabel('Bank statement').setInputFiles(file);
    await session.submit(page.getByRole('button', { name: 'Upload', exact: true }));
    await expectText(page.locator('#report-counts'), /\b1 matched\b/, { what: '#report-counts' });
    await session.step('statement report');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const paid = await api('GET', `/api/me/coupon-orders/${encodeURIComponent(order.order_id)}`, { token, expect: 200 });
  assert.equal(paid.json.status, 'paid', 'the matched order is paid');
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.coupon_balance, customer.couponBalance + 2, 'the two coupons are credited');
});
