## The desk's finance and admin pages: adjustments, audit log, licence
## claims, licence import and releases, partners, bank statements, tasks,
## bulletins.

## Staff and partner roles (the audit log)

desk2-role-admin = admin
desk2-role-finance = finance
desk2-role-agent = agent
desk2-role-reseller = reseller
desk2-role-technician = technician
desk2-role-both = reseller and technician

## Balance adjustments

desk2-adjust-title = Adjust a balance
desk2-adjust-done-title = Balance adjusted
desk2-adjust-find-first = Find the customer first: the balance is adjusted from their page.
desk2-adjust-search-name = Find the customer to adjust
desk2-adjust-search-label = Company, person, email, phone, serial or VAT id
desk2-adjust-search-button = Find the customer
desk2-adjust-customer = Customer:
desk2-adjust-coupons = Coupons to add (negative to take)
desk2-adjust-reason = Reason
desk2-adjust-button = Adjust the balance
desk2-adjust-done = The balance of { $customer } is now { $count ->
    [one] { $count } coupon
   *[other] { $count } coupons
}.

## The audit log

desk2-audit-title = Audit log
desk2-audit-target = Target (an id)
desk2-audit-actor = Actor (an id or email)
desk2-audit-filter = Filter
desk2-audit-caption = Staff and partner actions
desk2-audit-when = When
desk2-audit-who = Who
desk2-audit-action = Action
desk2-audit-target-column = Target
desk2-audit-details = Details

## Licence claims

desk2-claims-title = License claims
desk2-claims-intro = A registration whose company is not the licensee of its serial (or typed 0) is a claim: assign the license if nobody holds it, ask the holder's contacts to take the claimant in, or refuse with a reason the claimant is emailed.
desk2-claims-caption = License claims, oldest first
desk2-claims-registered = Registered
desk2-claims-claimant = Claimant
desk2-claims-serial-typed = Serial typed
desk2-claims-status = Status
desk2-claims-decide = Decide
desk2-claims-serial = Serial (if not as typed)
desk2-claims-assign = Assign
desk2-claims-join = Ask the holder
desk2-claims-reason = Reason
desk2-claims-refuse = Refuse

## Licence import

desk2-licenses-title = License import
desk2-licenses-report-title = License import report
desk2-licenses-file = Licenses (CSV or a JSON array: serial, product, edition, version, list_price, installations, partner_id, licensee_name, licensee_country, licensee_vat_id)
desk2-licenses-import = Import
desk2-licenses-choose-file = Choose a CSV or JSON file of licenses.
desk2-licenses-counts = { $imported } imported, { $updated } updated, { $rejected } rejected.
desk2-licenses-rejected-caption = Rejected rows
desk2-licenses-row = Row
desk2-licenses-serial = Serial
desk2-licenses-errors = Errors

## Releases

desk2-releases-title = Releases
desk2-releases-caption = Releases, newest first
desk2-releases-product = Product
desk2-releases-version = Version
desk2-releases-released-on = Released on
desk2-releases-add-heading = Add a release
desk2-releases-version-label = Version (such as 9.1)
desk2-releases-add-button = Add the release

## Partners

desk2-partners-title = Partners
desk2-partners-added-title = Partner added
desk2-partners-kind-reseller = Reseller
desk2-partners-kind-technician = Technician
desk2-partners-kind-both = Reseller and technician
desk2-partners-revoked = revoked { $when_html }
desk2-partners-revoke-confirm = Revoke { $name }'s key? Their calls stop at once.
desk2-partners-revoke-name = Revoke { $name }
desk2-partners-revoke = Revoke
desk2-partners-caption = Partners
desk2-partners-id = Id
desk2-partners-name = Name
desk2-partners-kind = Kind
desk2-partners-country = Country
desk2-partners-email = Email
desk2-partners-key = Key
desk2-partners-add-heading = Add a partner
desk2-partners-country-label = Country (ISO code)
desk2-partners-add-button = Add the partner
desk2-partners-added = { $name } ({ $kind }) is added as { $id_html }.
desk2-partners-key-once = Their API key, shown this once: give it to them now.
desk2-partners-copy = Copy
desk2-partners-back = Back to the partners

## Bank statements

desk2-statements-title = Bank statements
desk2-statements-report-title = Reconciliation report
desk2-statements-file = Bank statement (camt.053, camt.054 or CSV)
desk2-statements-upload = Upload
desk2-statements-choose-file = Choose a bank statement file to upload.
desk2-statements-no-order = No open order matches “{ $typed }”.
desk2-statements-due-received = { $due } due, { $received } received
desk2-statements-match-name = Match to order { $number } of { $company }
desk2-statements-match = Match
desk2-statements-find-label = Find the order: number, amount, company or reference
desk2-statements-find = Find
desk2-statements-unmatched-caption = Unmatched transfers
desk2-statements-booked = Booked
desk2-statements-amount = Amount
desk2-statements-reference = Reference
desk2-statements-remitter = Remitter
desk2-statements-match-column = Match to an order
desk2-statements-counts = { $entries ->
    [one] { $entries } entry
   *[other] { $entries } entries
}: { $matched } matched, { $partial } partial, { $overpaid } overpaid, { $unmatched } unmatched, { $duplicates } duplicates, { $ignored } ignored.
desk2-statements-entries-caption = Entries
desk2-statements-index = #
desk2-statements-outcome = Outcome
desk2-statements-order = Order
desk2-statements-detail = Detail

## Tasks and orders in review

desk2-tasks-title = Tasks
desk2-tasks-resolve = Resolve
desk2-tasks-note = Note
desk2-tasks-order-total = { $count ->
    [one] { $count } coupon
   *[other] { $count } coupons
}, { $total }
desk2-tasks-settle = Settle
desk2-tasks-settle-by = Settle by
desk2-tasks-credit = Credit the coupons (accept the payment)
desk2-tasks-refund = Refund the payment
desk2-tasks-cancel = Cancel the order
desk2-tasks-in-review-heading = Orders in review
desk2-tasks-caption = Open tasks, oldest first
desk2-tasks-raised = Raised
desk2-tasks-kind = Kind
desk2-tasks-customer = Customer
desk2-tasks-order = Order
desk2-tasks-amount = Amount
desk2-tasks-detail = Detail
desk2-tasks-in-review-caption = Payments that did not fit their order
desk2-tasks-total-column = Order total
desk2-tasks-why = Why

## Bulletins

desk2-bulletins-title = Bulletins
desk2-bulletins-hint = Blank lines part paragraphs; lines starting with "- " or "1. " make a list. It goes to every subscribed contact at once.
desk2-bulletins-publish = Publish and send
desk2-bulletins-caption = Bulletins
desk2-bulletins-published = Published
desk2-bulletins-subject = Subject
desk2-bulletins-recipients = Recipients
desk2-bulletins-sent = Sent
desk2-bulletins-failed = Failed
desk2-bulletins-pending = Not yet written

## A reconciliation report's details, line by line

desk2-detail-imported-before = imported before
desk2-detail-no-order = no order has this reference
desk2-detail-debit = a debit
desk2-detail-reversal = a reversal
desk2-detail-not-booked = not booked
desk2-detail-not-eur = in { $currency }, not EUR
desk2-detail-not-cents = not an amount of whole cents the portal can hold
desk2-detail-paid = paid in full
desk2-detail-partial = { $received } of { $due } received
desk2-detail-overpaid = paid in full; { $excess } over the total due, to refund
desk2-detail-surplus = the order is { $status }; { $excess } to refund

## Why a task was raised or an order is in review (stored in English; said
## again in the reader's words)

desk2-reason-card-amount = paid { $paid }, the order's total due is { $due }
desk2-reason-card-currency = paid in { $currency }, the order is in EUR
desk2-reason-card-status = card payment for an order that is { $status }
desk2-reason-refund-excess = { $amount } paid beyond order { $order }'s total due, to refund
desk2-reason-coupon-debt = { $count ->
    [one] { $count } refunded coupon was already used
   *[other] { $count } refunded coupons were already used
}

## A license file that cannot be read

desk2-import-not-utf8 = line { $line }: the file is not UTF-8 text
desk2-import-empty = the file is empty: a header row naming the columns is required
desk2-import-unknown-column = line { $line }: unknown column “{ $name }”; the columns are { $columns }
desk2-import-repeated-column = line { $line }: column “{ $name }” appears twice
desk2-import-missing-columns = line { $line }: the header lacks { $count ->
    [one] the column
   *[other] the columns
} { $columns }
desk2-import-field-count = line { $line }: { $fields ->
    [one] { $fields } field
   *[other] { $fields } fields
} where the header has { $columns ->
    [one] { $columns } column
   *[other] { $columns } columns
}
desk2-import-unclosed-quote = line { $line }: a quoted field is never closed
desk2-import-text-after-quote = line { $line }: text after a closing quote
desk2-import-not-json = The file is not valid JSON: { $error }.
desk2-import-not-array = The file must hold a JSON array of licenses.
