## The customer portal and the partner pages

## The account overview

portal-overview-title = Your support account
portal-balance-heading = Support balance
portal-balance = { $coupons }, { $minutes } of direct support
portal-buy-coupons = Buy coupons
portal-request-support = Request support
portal-ledger-caption = Coupon ledger, newest first
portal-col-when = When
portal-col-entry = Entry
portal-col-coupons = Coupons
portal-col-for = For
portal-orders-caption = Orders
portal-col-order = Order
portal-col-total-due = Total due
portal-col-status = Status
portal-licenses-caption = Licenses
portal-col-serial = Serial
portal-col-product = Product
portal-col-activated = Activated
portal-col-sups = SUPS
portal-sups-none = none
portal-sups-until = until { $date }
portal-of = { $used } of { $total }
portal-incidents-caption = Support incidents
portal-col-subject = Subject
portal-col-call-by = Call by

## Buying coupons

portal-coupons-title = Buy support coupons
portal-coupon-unit-html = One coupon buys 15 minutes of direct support: { $net } net for you today ({ $vat_html }; { $gross_html } with VAT).
portal-payment-legend = Payment
portal-pay-card = Card
portal-pay-bank = Bank transfer
portal-order-button = Order
portal-field-coupons = Coupons
portal-vat-line = VAT { $rate } %: { $amount }
portal-vat-line-reverse-charge = VAT { $rate } % (category { $code }): { $amount }. Reverse charge: VAT to be accounted for by the customer (Article 196, Council Directive 2006/112/EC)
portal-vat-line-not-subject = VAT { $rate } % (category { $code }): { $amount }. Not subject to VAT in the EU: the place of supply is outside the EU (Article 44, Council Directive 2006/112/EC)
portal-vat-note-domestic-number = The VAT number is one of the seller's own country, so the sale is domestic: VAT at the seller's rate applies.
portal-vat-note-number-of-another-country = The VAT number is not one of the company's country (its prefix must be that country's, EL for Greece): VAT at the seller's rate applies.
portal-vat-note-no-number = Without a VAT number confirmed by the EU's VIES service, VAT at the seller's rate applies.
portal-vat-note-number-being-checked = The VAT number is being checked with the EU's VIES service: until it is confirmed, VAT at the seller's rate applies.
portal-vat-note-number-not-confirmed = The EU's VIES service did not confirm the VAT number: VAT at the seller's rate applies.
portal-vat-note-name-differs = The EU's VIES service confirmed the VAT number for a company of another name: VAT at the seller's rate applies until the company's name is the one the number is registered to.

## Paying by bank transfer

portal-transfer-heading = Pay by bank transfer
portal-transfer-quote = Quote this reference exactly, so that your payment finds your order:
portal-copy-reference = Copy reference
portal-amount = Amount
portal-beneficiary = Beneficiary
portal-scan = Or scan this code with your banking app:
portal-qr-label = QR code for your banking app: the transfer filled in

## An order

portal-order-title = Order { $number }
portal-checkout-confirming = Thank you. Your payment is being confirmed: this page shows it as paid, and your coupons are credited, as soon as the card payment is confirmed to us, usually within a minute.
portal-checkout-confirmed = Thank you. Your payment is confirmed.
portal-checkout-cancelled-html = The card payment was cancelled and nothing was charged. You can pay by card again below, or { $order_html } to pay by bank transfer.
portal-order-anew = order anew
portal-order-line = { $coupons } at { $unit } (net)
portal-vat = VAT
portal-total-due = Total due
portal-status = Status
portal-pay-by-card = Pay by card
portal-cancel-confirm = Cancel this order? Nothing more can be paid into it.
portal-cancel-order = Cancel the order
portal-invoice = Invoice
portal-credit-note = Credit note
portal-order-paid-html = Paid { $when_html }: { $count ->
    [one] { $count } coupon
   *[other] { $count } coupons
} credited to your balance.
portal-order-closed-html = Closed { $when_html }.
portal-order-review = Spica's finance team is checking the payment.
portal-order-expired-html = Expired { $when_html }; a payment still arriving pays it.
portal-order-open-until-html = Open until { $when_html }.

## Asking for support

portal-support-title = Request direct support
portal-support-intro = We call you back within 24 hours, most requests within 12. Support time is charged in started 15-minute increments, one coupon each.
portal-field-subject = Subject
portal-field-description = What happened
portal-field-channel = How we should reach you
portal-field-support-phone = Phone, with country code (required for a voice call)
portal-field-preferred-times = Times that suit you
portal-coupons-needed-title = Coupons needed
portal-coupons-needed-html = Direct support needs at least one coupon. { $buy_html }, then request support again.

## Live support on an incident's page

portal-live-heading = Live support
portal-live-staff-no-script = Calls in the browser need JavaScript: phone the customer and time the call below.
portal-live-with-video = With video
portal-live-ring = Call in the browser
portal-live-chat-start = Start chat session
portal-live-chat-end = End chat session
portal-live-hangup = Hang up
portal-live-staff-video = The customer's screen or camera
portal-live-unreachable = The customer is not online; you may phone instead (Start a phone call below).
portal-live-contact-no-script = Calls in the browser need JavaScript; Spica support will phone you instead.
portal-live-calling = Spica support is calling you.
portal-live-accept = Accept the call
portal-live-decline = Decline
portal-live-share = Share my screen
portal-live-share-stop = Stop sharing my screen
portal-live-contact-video = Spica support's camera
portal-live-connecting = Connecting…
portal-live-meter-html = Elapsed { $elapsed_html } · coupons for this incident in all: { $coupons_html }
portal-live-chat = Chat
portal-live-chat-message = Chat message
portal-send = Send

## An incident's timeline (the customer's page and the desk's)

portal-internal-note = Internal note, not shown to the customer
portal-timeline-channel = Channel
portal-timeline-attempts = Attempts
portal-timeline-attempts-count = { $attempts } ({ $failed } failed in this window)
portal-timeline-deadline-missed = Deadline missed
portal-timeline-resolution = Resolution
portal-timeline-closed-html = Closed { $when_html }
portal-timeline-attempts-caption = Callback attempts
portal-timeline-outcome = Outcome
portal-timeline-sessions-caption = Support sessions
portal-timeline-started = Started
portal-timeline-length = Length
portal-timeline-agent = Agent
portal-timeline-total = Total time { $minutes } min { $seconds } s; coupons charged: { $coupons }.
portal-timeline-messages-caption = Messages
portal-timeline-from = From
portal-timeline-message = Message
portal-timeline-opened-for-caller = Opened by { $agent } (Spica support desk) on behalf of the customer's contact, who phoned.

## An incident's page

portal-write-heading = Write to support
portal-field-message = Your message (new times or another number are welcome)
portal-field-other-phone = Another phone number (optional)

## An incident's files

portal-attachments-heading = Files
portal-attachments-none = No files yet.
portal-attachment-by-staff = Spica support
portal-attachment-by-email = { $name }, by email
portal-attachment-field = A screenshot, log or export (PNG, JPEG, PDF, TXT, LOG, CSV or ZIP; at most 10 MiB)
portal-attach-button = Attach file
portal-size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
portal-size-kb = { $whole }.{ $tenth } KB
portal-size-mb = { $whole }.{ $tenth } MB
portal-attachment-refused-title = File not attached
portal-attachment-refused = The file was not attached: { $reason }.
portal-attachment-too-large = the file is larger than { $mib } MiB
portal-back-to-incident = Back to the incident

## Activation, licenses and installations

portal-activate-title = Activate an installation
portal-activate-intro = Activation is normally done by your Spica partner's technician; you can also do it yourself.
portal-activate-button = Activate
portal-field-serial = License serial number
portal-field-installation = Installation ID (shown by the product)
portal-field-version = Product version
portal-field-technician = Technician
portal-activated-title = Activated
portal-activation-code-intro = Enter this activation code in the product (it can be read out over the phone):
portal-license-file-html = { $download_html } for an installation without internet.
portal-download-license-file = Download a license file
portal-licenses-title = Licenses and installations
portal-licenses-intro-html = Each license allows a number of installations. Deactivating one frees its seat for another computer: at most { $limit } times a month per license. { $activate_html }
portal-licenses-none = Licenses: none yet.
portal-allowance-exhausted-html = This license's installations have been deactivated { $limit } times this month, the most allowed (it keeps one seat from being moved among many computers). Deactivation is possible again from { $when_html }.
portal-allowance-left-html = { $left } of { $limit } deactivations left this month for this license; the count starts again on { $when_html }.
portal-possible-again-html = Possible again from { $when_html }
portal-deactivate = Deactivate
portal-deactivate-confirm = Deactivate installation { $installation }? Its seat is freed, and the product stops working there.
portal-deactivate-label = Deactivate installation { $installation }
portal-by-technician = technician { $name }
portal-by-partner-technician = partner's technician
portal-by-organisation = your organisation
portal-seats-in-use = { $used } of { $total } seats in use.
portal-installations-caption = Installations of { $serial }
portal-col-installation = Installation
portal-col-major-version = Major version
portal-col-by = By
portal-deactivation-limit-title = Deactivation limit reached
portal-deactivation-refused-html = Not deactivated: this license's installations have been deactivated { $limit } times this month, the most allowed. Deactivation is possible again from { $when_html }.
portal-back = Back

## The organisation's contacts

portal-contacts-title = Your organisation's contacts
portal-contacts-intro = Everyone listed here signs in to { $company }'s account: its coupons, incidents and licenses.
portal-invitations-intro = An invitation becomes a contact once it is accepted, within 7 days; until then it holds nothing, and the person may also register on their own.
portal-contacts-caption = Contacts
portal-invitations-caption = Invitations
portal-col-name = Name
portal-col-email = Email
portal-col-phone = Phone
portal-col-language = Language
portal-col-link-valid = Link valid until
portal-contact-you = you
portal-remove = Remove
portal-remove-confirm = Remove { $name }? They will no longer be able to sign in.
portal-remove-label = Remove { $name }
portal-withdraw = Withdraw
portal-withdraw-confirm = Withdraw the invitation of { $name }? Its link will no longer work.
portal-withdraw-label = Withdraw the invitation of { $name }
portal-invite-heading = Invite a colleague
portal-invite-button = Send the invitation
portal-field-name = Name
portal-field-email = Email
portal-field-phone = Phone, with country code

## The profile

portal-profile-title = Your profile
portal-email-pending = We have emailed a link to { $email }: your address changes once you open it.
portal-profile-you = You
portal-field-company = Company name
portal-field-street = Street
portal-field-postal-code = Postal code
portal-field-city = City
portal-field-vat-id = VAT number (optional)
portal-field-your-name = Your name
portal-email-change-note = A new address replaces the old one once you open the link we email to it.
portal-field-language = Language for our emails and calls
portal-newsletter = Send me Time & Space news and bulletins
portal-save = Save
portal-vat-confirmed = Your VAT number is confirmed by the EU's VIES service.
portal-vat-not-confirmed = Your VAT number is not confirmed by the EU's VIES service.
portal-vat-being-checked = Your VAT number is being checked with the EU's VIES service.
portal-link-withheld = nothing was saved: at most { $limit } links of this kind are emailed to an address in an hour, and no new one was sent; ask again from { $when }
portal-when-zone = { $when } { $zone }

## The partner pages

partner-title = Partner
partner-intro = { $name }, { $kind }.
partner-kind-both = a reseller (you sell SUPS) and a technician (you activate installations)
partner-kind-reseller = a reseller: you sell SUPS coverage
partner-kind-technician = a technician: you activate and deactivate installations
partner-installations-heading = Installations of your customers' licenses
partner-activation-heading = Technician activation
partner-covered = { $from } to { $until }
partner-active = active
partner-ended = ended
partner-subscriptions-caption = SUPS subscriptions
partner-col-license = License
partner-col-covered = Covered
partner-col-state = State
partner-col-monthly-fee = Monthly fee
partner-statement-caption = Statement
partner-col-days-covered = Days covered
partner-col-fee = Fee
partner-days-of = { $covered } of { $days }
partner-statement-total-html = Total for { $month }: { $total_html }
partner-month-invalid = Give the month as YYYY-MM.
partner-statement-heading = Monthly statement
partner-month-label = Month (YYYY-MM)
partner-show = Show
partner-sups-heading = Sell or extend SUPS
partner-sups-button = Sell SUPS
partner-sups-title = Sell SUPS
partner-field-customer-company = Customer company
partner-field-country = Country (ISO code)
partner-field-contact-name = Contact name
partner-field-contact-email = Contact email
partner-field-contact-phone = Contact phone, with country code
partner-field-starts-on = Coverage starts on
partner-field-months = Months (1 to 36)
partner-sups-sold-title = SUPS sold
partner-sups-sold = SUPS for { $serial } is covered from { $from } to { $until }; the monthly fee is { $fee }.
partner-back = Back to your subscriptions

## Numbers

portal-decimal-separator = .

## The desk's charts

