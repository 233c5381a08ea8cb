## Problem details (RFC 9457): the `title` and `detail` of every refusal.
## A `-title` names the problem type; the detail says what to do.

problem-unsupported-media-type-title = Unsupported media type
problem-unsupported-media-type = Send the body as { $accepted }.
problem-payload-too-large-title = Body too large
problem-payload-too-large = Bodies are limited to { $bytes } bytes here (attached files to { $mebibytes } MiB).
problem-malformed-body-title = Malformed body
problem-malformed-json = The body is not valid JSON (line { $line }, column { $column }).
problem-not-json-object = The body must be a JSON object.
problem-form-encoding = The form body is not valid URL encoding.
problem-multipart-framing = The multipart/form-data body's framing is broken.
problem-body-unreadable = The body could not be read.
problem-upgrade-required-title = Upgrade required
problem-upgrade-required = This address is a WebSocket: ask with Upgrade: websocket.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed = This address accepts { $allow }.

problem-validation-title = Invalid fields
problem-validation = { $count ->
    [one] { $count } field is invalid; see errors.
   *[other] { $count } fields are invalid; see errors.
}
problem-not-found-title = Not found
problem-not-found = There is nothing at this address.
problem-internal-title = Internal error
problem-internal = Something went wrong on our side. Please try again.
problem-unavailable-title = Not available
problem-unavailable = Sorry: { $reason }.
problem-unavailable-activation = activation is not configured
problem-unavailable-license-files = license files are not configured
problem-unavailable-staff-sign-in = staff sign-in cannot be checked right now
problem-unavailable-card-payments = card payments are not configured
problem-unavailable-bank-transfers = bank transfers are not configured
problem-unavailable-randomness = no randomness is available
problem-unavailable-vat-rate = no VAT rate is known for the seller's country
problem-idempotency-key-reused-title = Idempotency key reused
problem-idempotency-key-reused = This Idempotency-Key was used before with another request. Send a new key for a new request; send the same request to get its first answer again.

## Access

problem-unauthenticated-title = Authentication required
problem-unauthenticated = Send a valid token in an Authorization: Bearer header.
problem-forbidden-title = Not allowed
problem-forbidden = { $reason }.
problem-forbidden-staff-role = your staff role may not do this
problem-forbidden-partner-kind = this partner kind may not do this
problem-forbidden-live-roles = only agents and admins take part in live support
problem-forbidden-not-staff = you are not (or no longer) a member of Spica's staff
problem-forbidden-not-here = this credential is not for this part of the portal
problem-forbidden-resellers-only = only reseller partners sell SUPS
problem-forbidden-live-origin = live support is entered from the portal's own pages only
problem-forbidden-form-origin = forms are accepted from the portal's own pages only
problem-account-not-active-title = Account not active
problem-account-not-active = Confirm your email address first, with the link in the registration email.
problem-invalid-token-title = Invalid token
problem-invalid-token = The token is not known. Use the newest link you were emailed.
problem-token-expired-title = Token expired
problem-token-expired = The link has expired. Ask for a new one.
problem-token-used-title = Token already used
problem-token-used = The link has been used already. Ask for a new one if you need to.
problem-email-taken-title = Email already registered
problem-email-taken = This email address is registered already. Sign in instead, or use another address.
problem-last-contact-title = The last contact
problem-last-contact = An organisation keeps at least one active contact: invite a colleague first.
problem-rate-limited-title = Too many requests
problem-rate-limited = { $seconds ->
    [one] Too many requests; try again in { $seconds } second.
   *[other] Too many requests; try again in { $seconds } seconds.
}
problem-link-withheld-title = Link withheld
problem-link-withheld = { $count ->
    [one] At most { $count } link of this kind is emailed to an address in an hour, and no new one was sent: the last was asked for at { $last }; ask again from { $retry }.
   *[other] At most { $count } links of this kind are emailed to an address in an hour, and no new one was sent: the last was asked for at { $last }; ask again from { $retry }.
}
problem-invitation-accepted-title = Invitation accepted already
problem-invitation-accepted = This invitation has been accepted already: sign in with the invited address.
problem-invited-address-taken-title = Address taken
problem-invited-address-taken = The invited address is a contact of an organisation already (it registered, or accepted another invitation, meanwhile): sign in with it instead.
problem-invitation-withdrawn-title = Invitation withdrawn
problem-invitation-withdrawn = Your colleague withdrew this invitation.
problem-invitation-replaced-title = Invitation replaced
problem-invitation-replaced = A newer invitation replaced this one: open the newest invitation you were sent.
problem-organisation-gone-title = Organisation no longer active
problem-organisation-gone = The organisation that invited you is no longer active on the portal.
problem-invitation-expired-title = Invitation expired
problem-invitation-expired = This invitation has expired: ask your colleague to invite you again.

## Billing

problem-payment-required-title = Coupons needed
problem-payment-required = Direct support needs at least one coupon, and a balance not below zero. Order coupons at /api/me/coupon-orders.
problem-insufficient-balance-title = Insufficient balance
problem-insufficient-balance = The balance would fall below zero coupons.
problem-order-not-cancellable-title = Order cannot be cancelled
problem-order-not-cancellable = Only an order with no payment yet can be cancelled.
problem-unknown-order-title = Unknown order
problem-unknown-order = No order has this id.
problem-order-not-in-review-title = Order not in review
problem-order-not-in-review = Only an order in review can be settled, once.
problem-payment-provider-title = Payment provider unavailable
problem-payment-provider = The card payment could not be started. Please try again, or pay by bank transfer.
problem-invalid-signature-title = Invalid signature
problem-signature-missing = The Stripe-Signature header is missing.
problem-signature-malformed = The Stripe-Signature header is malformed.
problem-signature-mismatch = No signature matches.
problem-signature-stale = The signature's timestamp is outside the tolerance.
problem-malformed-event-title = Malformed event
problem-malformed-event = The event is not a JSON object with an id, a type and data.object.
problem-payment-not-yet-known-title = Out of order
problem-payment-not-yet-known = The payment this event refers to has not arrived yet; it will be retried.
problem-invalid-statement-title = Statement not readable
problem-invalid-statement = Nothing was imported: { $reason }.
problem-already-matched-title = Already matched
problem-already-matched = This bank entry is matched to an order already.
problem-task-resolved-title = Task resolved
problem-task-resolved = This task is resolved already.

## A bank statement that cannot be read: where and what

problem-statement-entry = entry { $entry }
problem-statement-transaction = entry { $entry }, transaction { $transaction }
problem-statement-not-xml = the file is not well-formed XML (near byte { $position }): { $reason }
problem-statement-not-iso20022 = the XML root element is <{ $found }>, not an ISO 20022 <Document>
problem-statement-unsupported-message = unsupported message { $message }: only camt.053 (statement) and camt.054 (notification) are accepted
problem-statement-unexpected-element = the { $message } document holds <{ $found }> where <{ $expected }> was expected
problem-statement-no-statement = the { $message } document holds no <{ $element }> block
problem-statement-missing-element = { $at }: missing element { $element }
problem-statement-bad-amount = { $at }: { $element } is not a positive decimal amount: "{ $value }"
problem-statement-bad-currency = { $at }: { $element } is not a three-letter ISO 4217 currency code: "{ $value }"
problem-statement-bad-value = { $at }: { $element } has an invalid value "{ $value }"
problem-statement-empty-csv = the CSV file has no rows
problem-statement-csv-not-utf8 = CSV line { $line }: not valid UTF-8
problem-statement-csv-unclosed-quote = CSV line { $line }: a quoted field is not closed
problem-statement-csv-text-after-quote = CSV line { $line }: unexpected text after a closing quote
problem-statement-csv-columns = { $found ->
    [one] CSV line { $line }: expected 6 columns (booking date, amount, currency, reference, remitter name, bank reference), found { $found }
   *[other] CSV line { $line }: expected 6 columns (booking date, amount, currency, reference, remitter name, bank reference), found { $found }
}
problem-statement-csv-missing = CSV line { $line }: the { $column } is empty
problem-statement-csv-bad-date = CSV line { $line }: bad booking date "{ $value }" (expected YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY)
problem-statement-csv-bad-amount = CSV line { $line }: bad amount "{ $value }" ({ $reason })
problem-statement-csv-bad-currency = CSV line { $line }: bad currency "{ $value }" (expected a three-letter ISO 4217 code)
problem-statement-column-booking-date = booking date
problem-statement-column-amount = amount
problem-statement-column-currency = currency
problem-statement-amount-not-decimal = not a decimal number
problem-statement-amount-too-large = too large
problem-statement-amount-zero = zero is not a movement
problem-statement-amount-ambiguous = ambiguous: thousands separator or three decimals
problem-statement-amount-bad-decimals = bad decimal part
problem-statement-amount-bad-grouping = bad digit grouping

## Incidents

problem-incident-state-title = Not possible now
problem-incident-closed = The incident is closed.
problem-incident-awaiting-customer = The incident waits for the customer's reply; no callback is due.
problem-session-overlaps-title = Session overlaps
problem-session-overlaps = The session overlaps another session of this incident.
problem-invalid-session-title = Invalid session
problem-session-ends-before-start = A session must end after it starts.
problem-session-too-long = A session may last at most 12 hours.
problem-session-in-the-future = A session cannot end in the future.
problem-conflict-title = Changed meanwhile
problem-conflict = The incident was changed at the same time; try again.
problem-phone-call-running-title = Phone call running
problem-phone-call-running = A phone call is already running on this incident: stop it first.
problem-no-phone-call-title = No phone call
problem-no-phone-call = No phone call is running on this incident (stopped meanwhile?).
problem-no-coupons-title = No coupons left
problem-no-coupons = { $balance ->
    [one] No coupons left: the organisation's balance is { $balance } coupon, and direct support needs at least one. Sell coupons first or adjust the balance.
   *[other] No coupons left: the organisation's balance is { $balance } coupons, and direct support needs at least one. Sell coupons first or adjust the balance.
}
problem-organisation-not-active-title = Organisation not active
problem-organisation-unconfirmed = The organisation has not confirmed its registration yet: no incident can be opened for it.
problem-organisation-merged-into = The organisation was merged into { $into }, which holds its license and contacts now: open the incident there.
problem-organisation-merged = The organisation was merged into another: open the incident there.

## Licensing

problem-unknown-license-title = Unknown license
problem-unknown-license = No license has this serial.
problem-license-revoked-title = License revoked
problem-license-revoked = The license is revoked.
problem-version-not-covered-title = Version not covered
problem-version-not-covered = This product version is not covered by the license or its SUPS coverage.
problem-too-many-installations-title = Too many installations
problem-too-many-installations = Every installation of this license is activated: deactivate one to free its seat.
problem-deactivation-limit-title = Deactivation limit
problem-deactivation-limit = This license has used its deactivations for this month.
problem-held-by-another-title = Held by another organisation
problem-held-by-another = This license is held by another organisation.
problem-license-not-held-title = No holder
problem-license-not-held = No organisation holds this license; assign it instead.
problem-claim-decided-title = Claim decided
problem-claim-decided = This license claim is decided already.
problem-signing = Sorry: license files cannot be signed now. Please try again later.

## Operations

problem-link-email-not-resent-title = Link email not resent
problem-link-email-not-resent = An email with a link is not sent again: its link was taken out once it failed, and it has expired since; the person asks for a new one.
problem-email-settled-title = Email settled
problem-email-settled = This email is settled already (sent, resent or closed).

## Live support: why the room refused a frame (the page shows it)

problem-live-too-large = a frame may be at most 64 KiB
problem-live-not-text = frames are JSON text
problem-live-malformed = the frame is not a JSON object with a type and its fields
problem-live-unknown-type = no frame has this type
problem-live-invalid = a field of the frame is invalid
problem-live-rate-limited = too many frames: slow down
problem-live-forbidden = you may not send this frame
problem-live-busy = a call or chat session is already on
problem-live-not-ringing = nothing is ringing
problem-live-not-in-call = you are not a party of such a call
problem-live-peer-away = the other party is away; nothing was relayed

## Field errors: why one field of a form or body was refused, said next
## to the field (so they start in lower case).

field-required = is required
field-not-text = must be a string
field-not-number = must be a number
field-whole-number = must be a whole number
field-whole-number-up-to = must be a whole number from 1 to { $max }
field-true-or-false = must be true or false
field-not-object = must be an object
field-instant = must be an RFC 3339 instant such as 2026-11-26T09:30:00Z
field-local-time = must be a date and time in Ljubljana's time, such as 2026-11-26T09:30
field-skipped-hour = does not exist in Ljubljana: the clocks skip this hour when summer time begins
field-date = must be a date YYYY-MM-DD, such as 2026-12-06
field-month = must be a month as YYYY-MM, such as 2028-02
field-too-long = { $max ->
    [one] must be at most { $max } character
   *[other] must be at most { $max } characters
}
field-control-characters = must not contain control characters
field-control-characters-multiline = must not contain control characters other than line breaks and tabs
field-language = must be sl or en
field-id = must be an id starting with { $prefix }_
field-contact-id = must be a contact's id (con_…)
field-adjustment-range = must be a whole number from -{ $max } to { $max }, not 0
field-period-order = must not be before from
field-period-days = { $days ->
    [one] at most { $days } day from from
   *[other] at most { $days } days from from
}
field-registered-already = is registered already; sign in instead
field-contact-already = is a contact of an organisation already
field-read-only-here = cannot be changed here
field-read-only = cannot be changed
field-search-too-short = type at least two characters to search for
field-idempotency-incident = send an Idempotency-Key header, unique to this incident
field-idempotency-adjustment = send an Idempotency-Key header, unique to this adjustment
field-idempotency-request = send an Idempotency-Key header, unique to this request
field-idempotency-printable = must be printable ASCII characters only
field-invoice-format = must be json or csv
field-task-status = must be open or resolved
field-accept-terms = the support terms and conditions must be accepted
field-not-a-contact = is not a contact of this organisation
field-inactive-contact = is not an active contact (removed, or the address not yet confirmed): choose another
field-no-active-contact = the organisation has no active contact to open an incident for
field-choose-caller = is required when the organisation has several contacts: choose who phoned
field-document-number = must be a number such as { $prefix }-2026-00042
field-payment-method = must be "card" or "bank_transfer"
field-correction-kind = must be credit, refund or cancel
field-serial-or-zero = must be the serial number from Help/About (letters, digits and dashes), or 0 if you do not have it
field-serial = must be a serial number of 4 to 40 letters, digits and dashes
field-serial-zero = a license needs its serial number; 0 stands for an unknown serial and is not one
field-vat-id = must be a VAT number with its country prefix, such as SI12345678
field-queue-view = must be one of { $names }
field-assignee = must be me, none or a staff member's email
field-version = must be a version such as 7, 7.2 or 7.2.1, with a major version of 1 or more
field-price = must be more than 0.00
field-money = must be an amount in euros with at most two decimals, such as 25.00
field-partner-id = { $max ->
    [one] must be a partner id such as ptn_6F9Z… (at most { $max } character)
   *[other] must be a partner id such as ptn_6F9Z… (at most { $max } characters)
}
field-partner-kind = must be reseller, technician or both
field-months = must be a whole number of months from 1 to { $max }
field-sale-start = { $days ->
    [one] must be between { $earliest } and { $latest }: within { $days } day of the sale
   *[other] must be between { $earliest } and { $latest }: within { $days } days of the sale
}
field-email = must be an email address such as name@example.com
field-vendor-address = is an address of Spica's own, which no customer can have; use your own address
field-channel = must be voice, chat, video or remote_desktop
field-call-outcome = must be reached, no_answer, busy or failed
field-token = is not a token issued by this portal
field-installation-id = must be the installation id the product shows: up to { $max } letters, digits, -, _, . and :
field-activation-character = “{ $character }” is not a character of an activation code
field-activation-code = must be the 25 characters of the activation code, such as 1R57J-TX8EJ-HF1KM-762JE-TMDWA
field-rf-reference = must be an RF creditor reference such as RF18 5390 0754 7034
field-file-no-name = the file has no name
field-file-empty = the file is empty
field-file-type = only PNG, JPEG, PDF, TXT, LOG, CSV and ZIP files are taken
field-file-content = the file's content is not what its name says ({ $kind })
field-path = is not a path on this portal
field-staff-role = must be agent, finance or admin
field-unknown-customer = no customer has this id
field-unknown-partner = no partner has this id
field-below-zero = would take the balance below zero
field-nothing-saved = Nothing was saved. { $reason }
field-phone-for-voice = a phone number (such as 041 123 456 or +386 1 234 5678) is required for a voice callback
