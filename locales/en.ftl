# English: the reference catalogue. Every message here must be in every
# other catalogue, with the same variables (the build checks).

-brand = Spica

## Coupons and time

coupons = { $count ->
    [one] { $count } coupon
   *[other] { $count } coupons
}
minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
incidents-open = { $count ->
    [0] No open incidents
    [one] { $count } open incident
   *[other] { $count } open incidents
}

## The callback promise

incident-opened = Incident { $number } is open. We will call you back by { $deadline }.

### The page shell

## The page shell: header, navigation, footer, the language switch

shell-brand = Spica · Time & Space support
shell-title = { $title } · Time & Space support
shell-main-navigation = Main
shell-privacy = Privacy
shell-sign-out = Sign out
shell-language-choose = Language

shell-public-register = Register
shell-public-sign-in = Sign in
shell-public-terms = Terms
shell-public-news = News

shell-customer-account = Account
shell-customer-coupons = Buy coupons
shell-customer-invoices = Invoices
shell-customer-support = Request support
shell-customer-licenses = Licenses
shell-customer-contacts = Contacts
shell-customer-profile = Profile

shell-partner-home = Partner

shell-desk-incidents = Incidents
shell-desk-tasks = Tasks
shell-desk-statements = Bank statements
shell-desk-adjustments = Adjust a balance
shell-desk-invoices = Invoices
shell-desk-outbox = Outbox
shell-desk-claims = License claims
shell-desk-partners = Partners
shell-desk-licenses = License import
shell-desk-releases = Releases
shell-desk-audit = Audit log
shell-desk-bulletins = Bulletins
shell-desk-health = Health
shell-desk-find = Find a customer
shell-desk-find-button = Find
shell-desk-staff = Staff

### Shared labels

## Labels shared by the portal's and the desk's pages: statuses, ledger
## entries, channels, tables

label-none-yet = { $caption }: none yet.

label-status-pending-verification = awaiting email confirmation
label-status-active = active
label-status-merged = merged
label-status-invited = invited
label-status-removed = removed
label-status-open = open
label-status-assigned = assigned
label-status-join-requested = asked to join
label-status-joined = joined
label-status-refused = refused
label-status-pending = pending
label-status-sending = sending
label-status-sent = sent
label-status-not-sent = not sent
label-status-failed = failed
label-status-unknown = unknown
label-status-queued = queued
label-status-skipped = skipped
label-status-awaiting-payment = awaiting payment
label-status-partially-paid = partly paid
label-status-paid = paid
label-status-cancelled = cancelled
label-status-expired = expired
label-status-review = under review
label-status-matched = matched
label-status-partial = partial payment
label-status-overpaid = overpaid
label-status-unmatched = unmatched
label-status-ignored = ignored
label-status-refund-excess = refund the excess
label-status-coupon-debt = coupon debt
label-status-payment-review = review the payment
label-status-awaiting-callback = awaiting callback
label-status-in-progress = in progress
label-status-awaiting-customer = awaiting customer
label-status-closed = closed
label-status-reached = reached
label-status-no-answer = no answer
label-status-busy = busy
label-status-confirmed = confirmed
label-status-invalid = invalid
label-status-unavailable = unavailable
label-status-accepted = accepted
label-status-withdrawn = withdrawn
label-status-replaced = replaced
label-status-duplicate = duplicate
label-status-breached = deadline missed

label-entry-free-grant = Free first coupon
label-entry-purchase = Coupons bought
label-entry-consumption = Support time
label-entry-reversal = Refund
label-entry-adjustment = Correction by Spica

label-channel-voice = Voice call
label-channel-chat = Chat
label-channel-video = Video
label-channel-remote-desktop = Remote desktop

label-problem-title = Not possible
label-problem-fallback = Something went wrong.

### Public pages

## The public pages: home, terms, registration, sign-in, the pages of
## emailed links, news, privacy, and the partner's and desk's sign-in

public-home-title = Time & Space customer support
public-home-intro = Registered Time & Space users receive news and bulletins, activate their software, and get direct support from Spica: a call back within 24 hours, charged in started 15-minute increments, one prepaid coupon each. Your first coupon is free.
public-home-register = Register
public-home-sign-in = Sign in
public-home-terms = Support terms and conditions

public-terms-title = Direct support terms and conditions
public-terms-version = Version { $version }.
public-terms-registered-only = The support is available to registered users only.
public-terms-register = Users register online with the software license serial number (shown in every Help/About dialog and on the license invoice, or 0 if not available) and full company and contact information.
public-terms-raised = The support incident is raised at the Customer Support Portal.
public-terms-delivered = The support is delivered through the Customer Support Portal, email and real-time communication (voice, chat, screen sharing). In the case of real-time delivery, the call is initiated from Spica. If it fails after 3 attempts, the customer is prompted for further action by email.
public-terms-response = Response time for the support request is maximum 24 hours. Most incidents are responded well within 12 hours.
public-terms-staff = The support is performed by qualified Time & Space professionals with general knowledge of various support issues. The content or topic is not limited.
public-terms-increments = The number of messages or calls within the same incident is not limited. The overall time is measured and charged for in 15-minute increments, for each started increment (for example, a total of 17 minutes is charged as 2 increments).
public-terms-best-effort = The support is offered as best effort and no guarantees are given for the outcome.
public-terms-coupons = The support is paid with pre-purchased coupons. One coupon buys 15 minutes of support ({ $price }; { $sups_price } with SUPS coverage).
public-terms-purchase = Coupons can be purchased online at the Customer Support Portal, or by a conventional order paid by bank transfer.
public-terms-first-free = The first coupon is free of charge.
public-terms-sups = SUPS (Software Upgrade and Premium Support) is available through authorised reseller partners only; its other terms are defined by the partner.

public-sign-in = Sign in
public-desk-sign-in-title = Support desk sign-in
public-desk-sign-in-label = Break-glass staff token (staff normally sign in through Cloudflare Access)
public-desk-sign-in-refused = is not the staff token
public-partner-sign-in-title = Partner sign-in
public-partner-sign-in-label = Partner key
public-partner-sign-in-refused = is not a valid partner key

public-link-incomplete = This link is incomplete. Open the link from the email exactly as it was sent.
public-link-unknown-newest = This link is not valid. Open the newest link you were sent.
public-request-decided = This request has been decided already.

public-invitation-title = Your invitation
public-invitation-used = This invitation has been accepted already: you are a contact of your organisation and sign in with your email address.
public-invitation-expired = This invitation has expired. Ask your colleague to invite you again.
public-invitation-unknown = This link is not valid. Open the newest invitation you were sent.
public-invitation-withdrawn = Your colleague withdrew this invitation: its link no longer works. Ask them if you should still join.
public-invitation-replaced = A newer invitation replaced this one: open the newest invitation you were sent.
public-invitation-organisation-inactive = The organisation that invited you is no longer active on the portal, so this invitation cannot be accepted.
public-invitation-address-taken = Your address is a contact of an organisation on the portal already: sign in with it. To join this organisation instead, ask to be removed from the other one first.
public-invitation-join-title = Join your colleagues
public-invitation-text = { $inviter } invites you to { $company }'s Time & Space support account: its coupons, incidents and licenses. You join as { $name } ({ $email }).
public-invitation-accept = Accept the invitation and sign in

public-join-request-title = A colleague's request to join
public-join-request-used = This request has been confirmed already: your colleague is a contact of your organisation and can sign in.
public-join-request-expired = This request has expired. If they are your colleague, ask Spica support to add them.
public-join-request-contacts = Your organisation's contacts
public-join-ask-title = A colleague asks to join
public-join-ask-text = Someone registered with your license's serial number and says they work for your organisation (the email names them). Confirm only if they are your colleague: they will see your organisation's coupons, incidents and licenses.
public-join-ask-button = Yes, they are our colleague
public-join-confirmed-title = Colleague added
public-join-confirmed-text = Thank you. Your colleague is now a contact of your organisation and can sign in.

public-email-change-title = Confirm your new email address
public-email-change-text = Make this the address you sign in with to Time & Space support? Your old address will be told.
public-email-change-button = Use this address
public-email-change-refused-title = Your new email address
public-email-change-used = This address has been confirmed already: you sign in with it now.
public-email-change-expired = This link has expired, and your address stays as it was. Change it in your profile again for a new link.
public-email-change-unknown = This link is not valid any more: it has been used already, or a newer one was sent. If you confirmed this address, you sign in with it now; if not, change it in your profile again.
public-email-change-profile = Your profile
public-email-changed-title = Email address changed
public-email-changed-text = Thank you. You now sign in with this address.
public-email-changed-onward = To your account
public-email-taken-title = Email address not changed
public-email-taken-text = This address belongs to another contact by now, so your address stays as it was.

public-news-title = News
public-news-none = No news yet.
public-news-all = All news

public-unsubscribe-title = Unsubscribe
public-unsubscribe-incomplete = This link is not valid. Open the link from the newest email exactly as it was sent.
public-unsubscribe-text = Stop receiving Spica's news by email? You can subscribe again in your profile.
public-unsubscribe-button = Unsubscribe
public-unsubscribed-title = Unsubscribed
public-unsubscribed-text = You will receive no more news from Spica by email.

public-field-serial = License serial number (Help/About), or 0
public-field-company-name = Company
public-field-street = Street
public-field-postal-code = Postal code
public-field-city = City
public-field-country = Country
public-field-vat-id = VAT number (optional)
public-field-contact-name = Contact name
public-field-email = Email
public-field-phone = Phone
public-register-title = Register as a Time & Space user
public-register-language = Language for our emails and calls
public-register-newsletter = Send me Time & Space news and bulletins
public-register-accept-terms = I accept the direct support terms and conditions
public-register-privacy = What we keep about you, why and for how long: { $privacy_html }.
public-register-privacy-link = privacy
public-register-button = Register
public-registered-title = Thank you for registering
public-registered-text = We have emailed you a link to confirm your address. Open it to activate your account and receive your free support coupon.

public-verify-title = Confirm your email address
public-verify-text = Confirm your email address to activate your Time & Space support account.
public-verify-button = Confirm my email address
public-verify-done-title = Email confirmed
public-verify-done = Thank you. Your email address is confirmed and your account is active.
public-verify-coupon-granted = Your first support coupon is credited: 15 minutes of direct support.
public-verify-coupon-given = The free coupon is given once per license, and this license has had it.
public-verify-coupon-awaiting = We will credit your free coupon once we have matched your license.
public-verify-refused-title = Your email address
public-verify-used = This link has been used already: your address is confirmed. You can sign in.
public-verify-expired = This link has expired. Ask for a sign-in link and we will send you a new confirmation link.

public-sign-in-refused-title = Not signed in
public-sign-in-used = This sign-in link has been used already: each link signs you in once.
public-sign-in-expired = This sign-in link has expired.
public-sign-in-unknown = This sign-in link is not valid any more.
public-sign-in-ask-again = Ask for a new sign-in link
public-sign-in-link-button = Sign in to Time & Space support
public-sign-in-email-label = Your email address
public-sign-in-email-button = Email me a sign-in link
public-sign-in-sent-title = Check your email
public-sign-in-sent = If the address is registered, a sign-in link is on its way. It is valid for 15 minutes.
public-no-new-link-title = No new link sent
public-sign-in-withheld = We sent no new sign-in link: this address has asked for { $count ->
    [one] { $count } link
   *[other] { $count } links
} in the last hour, the last at { $last_html }, and we send no more to protect the mailbox.
public-sign-in-withheld-newest = If the address is registered, the newest link we sent is in its inbox (each is valid for 15 minutes and signs in once). You can ask for a new one from { $retry_html }.
public-back-to-sign-in = Back to sign-in

public-support-requested-title = Support request received
public-support-requested-text = Thank you. A Spica support specialist will call you back within 24 hours, most requests well within 12. We have emailed you the details.

public-privacy-title = Privacy: what we keep and for how long
public-privacy-intro = Spica d.o.o. keeps the data below to give registered Time & Space users support and licenses. Signed in, you can download everything the portal holds about you and your organisation from your profile page.
public-privacy-what = What
public-privacy-why = Why
public-privacy-how-long = How long
public-privacy-company = Your organisation's name and address are the company's data, not a person's: they stay while the organisation has licenses, orders or invoices.
public-privacy-erasure-heading = Erasure
public-privacy-erasure = You may ask us to erase your personal data, with the button on your profile page (or { $api_html }): we email you a link, and once you confirm, we erase what is yours: your name, email address and phone number become a pseudonym, the emails we sent you lose their address, subject and text, the messages you wrote lose their text, and the incidents you raised lose the phone number and times you gave for the call. You are signed out everywhere and cannot sign in again. What your organisation asked for and was charged for stays as its record, and its orders, payments, coupon ledger and invoices stay, as tax law requires. What others wrote or were sent stays theirs: a colleague's messages, our support desk's own mail (its text goes after the retention period above), and the desk's audit log, the record of who did what that we must keep, which is never changed: a request in it that named you still does. A bank transfer keeps the payer's name the bank gave.
public-kept-account-what = Your organisation, your name, email address and phone number
public-kept-account-why = To give you support and licenses, and to reach you about them
public-kept-account-how-long = While the account is in use
public-kept-unconfirmed-what = A registration whose email address was never confirmed
public-kept-unconfirmed-why = To let you confirm it
public-kept-unconfirmed-how-long = { $days ->
    [one] { $days } day
   *[other] { $days } days
} after registration, then deleted
public-kept-email-what = The text of emails sent to you
public-kept-email-why = So that support staff can see what you were told
public-kept-email-how-long = { $days ->
    [one] { $days } day
   *[other] { $days } days
} after it was sent; then only who it went to, when and its subject stay
public-kept-links-what = Sign-in links, invitations, access tokens and browser sessions
public-kept-links-why = To let you sign in
public-kept-links-how-long = Until they expire, then { $days ->
    [one] { $days } day
   *[other] { $days } days
}
public-kept-counts-what = Counts of requests per network address and license, and when sign-in and other links were asked for an email address
public-kept-counts-why = To limit abuse
public-kept-counts-how-long = { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}
public-kept-unsubscribe-what = The one-click unsubscribe link of each newsletter email
public-kept-unsubscribe-why = So that the link in an email you received keeps working
public-kept-unsubscribe-how-long = { $days ->
    [one] { $days } day
   *[other] { $days } days
} after the email was sent, as its text; your profile unsubscribes at any time
public-kept-records-what = Orders, payments, the coupon ledger and invoices
public-kept-records-why = Tax and accounting law
public-kept-records-how-long = { $years ->
    [one] { $years } year
   *[other] { $years } years
}

public-your-data-heading = Your data
public-your-data-download = Download everything we hold about you and your organisation
public-your-data-kept = What we keep, why and for how long
public-your-data-confirm = Email me a link to erase my personal data?
public-your-data-erasure = You may have your name, email address and phone number erased. We email you a link first: nothing is erased until you confirm there.
public-your-data-erase-button = Erase my personal data
public-erasure-withheld = We sent no new erasure link: we emailed you { $count ->
    [one] { $count } link
   *[other] { $count } links
} in the last hour, the last at { $last_html }, and send no more for now. The link in that newest email works (the earlier ones do not); you can ask for a new one from { $retry_html }.
public-back-to-profile = Back to your profile
public-erasure-sent-title = Check your email
public-erasure-sent = We have emailed you a link to confirm the erasure of your personal data. It works once, until { $until_html }. Nothing is erased until you press its button.
public-erasure-title = Erase your personal data
public-erasure-text = Erase your name, email address and phone number from Time & Space support? You will not be able to sign in again. Your organisation's orders, invoices and licenses stay.
public-erasure-button = Erase my data
public-erasure-used = Your data have been erased already.
public-erasure-expired = This link has expired, and nothing was erased. Sign in and ask again for a new link.
public-erasure-unknown = This link is not valid any more: your data have been erased already, or a newer link was sent.
public-erasure-onward = What we keep, and why
public-erased-title = Your data are erased
public-erased-text = Your name, email address and phone number are erased, and you are signed out everywhere. What the law requires us to keep is listed on the { $privacy_html }.
public-erased-privacy-link = privacy page

### The customer portal and the partner pages

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
partner-field-country = Country
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

### Refusals: problem details and field errors

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

### Emails

## Every email the portal sends (src/domain/notification.rs, the bulletins'
## footer in src/domain/bulletin.rs). Plain text: a line break is a line
## break. Links, times and amounts arrive formatted; times are Ljubljana's,
## with the zone (CET/CEST) named where a deadline is stated.

email-greeting = Hello { $name },
email-greeting-plain = Hello,
email-signature = Spica Customer Support

## Registration and sign-in links

email-verification-subject = Confirm your Time & Space registration
email-verification-body =
    thank you for registering as a Time & Space user. Please confirm your email address by opening this link:

    { $link }

    The link is valid until { $expires } and can be used once. Once you confirm, your account is active and your first support coupon (15 minutes of direct support) is credited.

    If you did not register, ignore this email and nothing will happen.

email-sign-in-subject = Your Time & Space sign-in link
email-sign-in-body =
    open this link to sign in to the Spica Customer Support Portal:

    { $link }

    The link is valid until { $expires } and can be used once. If you did not ask to sign in, ignore this email.

email-confirm-address-subject = Confirm your new email address for Time & Space support
email-confirm-address-body =
    open this link to make this address the one you sign in with to the Spica Customer Support Portal:

    { $link }

    The link is valid until { $expires }. Until you confirm, your old address stays in use. If you did not ask for this, ignore this email.

email-confirm-erasure-subject = Confirm the erasure of your Time & Space support data
email-confirm-erasure-body =
    you asked us to erase your personal data from the Spica Customer Support Portal. Open this link and confirm to erase your name, email address and phone number; you will not be able to sign in again:

    { $link }

    The link is valid until { $expires }. If you did not ask for this, ignore this email: nothing changes.

email-address-changed-subject = Your Time & Space support email address was changed
email-address-changed-body =
    the email address you sign in with to the Spica Customer Support Portal is now { $address }. This address receives nothing from the portal any more.

    If you did not make this change, reply to this email or call us at once.

email-welcome-subject = Welcome to Time & Space support
email-welcome-body =
    your registration is confirmed. You will receive Time & Space news and bulletins if you asked for them, and you can now request direct support, activate your software and buy support coupons at { $link }.
email-welcome-coupon-granted = Your first support coupon is credited: it buys 15 minutes of direct support.
email-welcome-coupon-later = The free first coupon is given once per software license. We will credit it as soon as we have matched your license serial number, unless that license has had it already.

email-invitation-subject = { $inviter } invites you to { $company } on the Spica Customer Support Portal
email-invitation-body =
    { $inviter } invites you to join { $company } on the Spica Customer Support Portal, to buy support coupons, ask for support and manage licenses for your company. To accept, open this link and confirm:

    { $link }

    The link is valid until { $expires } and can be used once. If you do not know { $company }, ignore this email and nothing will happen.

## Orders and payments

email-pro-forma-subject = Pro-forma for { $count ->
    [one] { $count } support coupon
   *[other] { $count } support coupons
}, order { $order }
email-pro-forma-intro = thank you for your order of { $count ->
    [one] { $count } direct-support coupon
   *[other] { $count } direct-support coupons
} at { $unit } each (net).
email-pro-forma-net = Net:       { $amount }
email-pro-forma-vat = VAT { $rate } %: { $amount }
email-pro-forma-vat-exempt = VAT { $rate } % (category { $category }): { $amount }. { $mention }
email-pro-forma-reverse-charge = Reverse charge: VAT to be accounted for by the customer (Article 196, Council Directive 2006/112/EC)
email-pro-forma-not-subject = Not subject to VAT in the EU: the place of supply is outside the EU (Article 44, Council Directive 2006/112/EC)
email-pro-forma-total = Total due: { $amount }
email-pro-forma-transfer = Please transfer { $amount } to:
email-pro-forma-beneficiary = Beneficiary: { $value }
email-pro-forma-iban = IBAN:        { $value }
email-pro-forma-bic = BIC:         { $value }
email-pro-forma-reference = Reference:   { $value }
email-pro-forma-due = Quote the reference exactly: it is how we find your payment. The coupons are credited as soon as the transfer arrives. The order is open until { $expires }.
email-pro-forma-printable = Printable pro-forma: { $link }

email-payment-received-subject = Payment received: { $count ->
    [one] { $count } support coupon credited
   *[other] { $count } support coupons credited
}
email-payment-received-body =
    we have received { $total } for order { $order }. { $count ->
        [one] { $count } coupon is
       *[other] { $count } coupons are
    } credited to your account: each buys 15 minutes of direct support.

    Your invoice (to view and print): { $invoice }
    The same invoice as an e-invoice (UBL XML) for your accounting: { $invoice }/xml

## Incidents, to the customer

email-incident-received-subject = We received your support request { $number }
email-incident-received-body = we received your request "{ $subject }".
email-callback-promise =
    A Spica support specialist will call you back by { $due } at the latest; most requests are answered well within 12 hours.

    You can follow it and write to us at { $link }

    Support time is charged in started 15-minute increments, one coupon each.

email-opened-for-caller-subject = Your support incident { $number } after your call
email-opened-for-caller-body = thank you for your call. { $agent } of the Spica support desk opened incident { $number } "{ $subject }" for you.

email-callback-failed-subject = We could not reach you about { $number }
email-callback-failed-tried = we tried three times to call you back about "{ $subject }" at { $phone }, without success.
email-callback-failed-reply = Simply reply to this email with times that suit you or another number (or write at { $link }), and we will call again within 24 hours.
email-callback-failed-page = Please tell us times that suit you or another number at { $link }, and we will call again within 24 hours.

email-incident-message-subject = Re: { $subject } [{ $number }]
email-incident-message-from = { $author } wrote:
# A desk agent, as the customer's email names them.
email-staff-author = { $name } (Spica support)

email-balance-below-zero-subject = Your support coupon balance is below zero
email-balance-below-zero-body =
    the support time delivered for incident { $number } cost more than your remaining coupons: your balance is now { $balance ->
        [one] { $balance } coupon
       *[other] { $balance } coupons
    }. Please buy coupons to settle it; new support requests wait until it is settled.

email-closing-subject = Support incident { $number } closed
email-closing-body = your support request "{ $subject }" is closed.
email-closing-resolution = Resolution: { $resolution }
email-closing-sessions = Sessions:
email-closing-total = Total time: { $minutes } min { $seconds } s
email-closing-increments = Increments of 15 minutes (each started one counts): { $count }
email-closing-charged = Coupons charged: { $count }
email-closing-balance = Balance left: { $balance ->
    [one] { $balance } coupon
   *[other] { $balance } coupons
}
email-closing-best-effort = Support is given on a best-effort basis.

## Licenses

email-sups-ending-subject = Your SUPS coverage for { $serial } ends on { $day }
email-sups-ending-body = your Software Upgrade and Premium Support (SUPS) coverage for license { $serial } ends on { $day }. To keep free upgrades, premium support and coupons at 40 % off, ask your Spica partner to extend it.

email-join-request-subject = Does { $name } belong to your company? (license { $serial })
email-join-request-body =
    { $name } <{ $address }> of { $company } registered with the serial number of your license { $serial }. If they are your colleague, open this link and confirm: they will join your company on the portal and see its licenses, orders and incidents.

    { $link }

    The link is valid until { $expires }. If you do not know them, ignore this email: they will see nothing of your license.

email-claim-refused-subject = Your license registration could not be confirmed
email-claim-refused-body =
    we could not confirm the license serial number { $serial } you registered with:

    { $reason }

    Reply to this email if you think this is wrong.

## To the support desk's shared address (in DESK_LANGUAGE)

email-desk-new-incident-subject = New support incident { $number }: call back by { $due }
email-desk-reminder-subject = Incident { $number }: { $what }
email-desk-target-passed = the 12-hour callback target has passed
email-desk-deadline-near = the callback deadline is near: { $due }
email-desk-attempt-due = callback attempt { $attempt } is due
email-desk-deadline-missed = the callback deadline was missed (SLA breached)
email-desk-summary-incident = Incident:  { $value }
email-desk-summary-subject = Subject:   { $value }
email-desk-summary-customer = Customer:  { $company } ({ $contact })
email-desk-summary-channel = Channel:   { $value }
email-desk-summary-phone = Phone:     { $value }
email-desk-summary-times = Times:     { $value }
email-desk-summary-due = Call by:   { $value }
email-desk-summary-open = Open:      { $value }
email-desk-any-time = any
email-desk-channel-voice = voice
email-desk-channel-chat = chat
email-desk-channel-video = video
email-desk-channel-remote-desktop = remote desktop
email-desk-opened-for-caller = Opened by { $agent } (Spica support desk) on behalf of the customer's contact, who phoned.

## Bulletins: the footer under every one

email-bulletin-footer = You receive Spica's news because you subscribed to it. To unsubscribe, open { $link }
email-bulletin-footer-html = You receive Spica's news because you subscribed to it.
email-bulletin-unsubscribe = Unsubscribe

## The desk's bulletin form: the fields of the two versions

email-bulletin-field-subject = Subject (English)
email-bulletin-field-body = Text (English)
email-bulletin-field-subject-sl = Subject (Slovenian; empty: the English in both)
email-bulletin-field-body-sl = Text (Slovenian)

### Printable documents

## Printable documents: the invoice and credit note pages, the desk's
## invoices, the pro-forma page, and the notes of the UBL e-invoice

document-invoice = Invoice
document-credit-note = Credit note
document-invoice-title = Invoice { $number }
document-credit-note-title = Credit note { $number }
document-invoices-title = Invoices
document-invoices-caption = Invoices and credit notes, newest first
document-invoices-none = No invoices or credit notes yet.
document-col-number = Number
document-col-kind = Kind
document-col-date = Date
document-col-net = Net
document-col-vat = VAT
document-col-total = Total
document-col-e-invoice = E-invoice
document-col-buyer = Buyer
document-col-buyer-vat = Buyer VAT number
document-col-vat-category = VAT category
document-col-gross = Gross
document-ubl-xml = UBL XML

document-print = Print
document-print-hint-invoice = To print this invoice or save it as a PDF, use your browser's Print command.
document-print-hint-credit-note = To print this credit note or save it as a PDF, use your browser's Print command.
document-print-hint-pro-forma = To print this pro-forma or save it as a PDF, use your browser's Print command.
document-download-xml = Download the e-invoice (UBL XML)
document-all-invoices = All invoices
document-seller = Seller
document-buyer = Buyer
document-vat-number = VAT number: { $vat_id }
document-number = Number
document-issue-date = Issue date
document-credits-invoice = Credits invoice
document-credited = { $number } of { $date }
document-order = Order
document-lines = Lines
document-item = Item
document-quantity = Quantity
document-unit-price-net = Net unit price
document-net-amount = Net amount
document-item-name = Support coupon: 15 minutes of direct support
document-vat-breakdown = VAT breakdown
document-category = Category
document-rate = Rate
document-taxable = Taxable amount
document-category-standard = Standard rate
document-category-reverse-charge = Reverse charge
document-category-not-subject = Not subject to VAT
document-mention-reverse-charge = Reverse charge: VAT to be accounted for by the customer (Article 196, Council Directive 2006/112/EC)
document-mention-not-subject = Not subject to VAT in the EU: the place of supply is outside the EU (Article 44, Council Directive 2006/112/EC)
document-total-net = Total net
document-total-vat = Total VAT
document-total = Total
document-amount-due = Amount due
document-amount-due-paid = { $amount } (paid)
document-paid-by-card = Paid by card.
document-paid-by-transfer = Paid by SEPA credit transfer to IBAN { $iban } (BIC { $bic }), reference { $reference }.

document-vat-note-domestic-number = The VAT number is one of the seller's own country, so the sale is domestic: VAT at the seller's rate applies.
document-vat-note-number-of-another-country = The VAT number is not one of the company's country (its prefix must be that country's, EL for Greece): VAT at the seller's rate applies.
document-vat-note-no-number = Without a VAT number confirmed by the EU's VIES service, VAT at the seller's rate applies.
document-vat-note-number-being-checked = The VAT number is being checked with the EU's VIES service: until it is confirmed, VAT at the seller's rate applies.
document-vat-note-number-not-confirmed = The EU's VIES service did not confirm the VAT number: VAT at the seller's rate applies.
document-vat-note-name-differs = The EU's VIES service confirmed the VAT number for a company of another name: VAT at the seller's rate applies until the company's name is the one the number is registered to.

document-desk-download-csv = Download CSV
document-desk-csv-hint = (for the accountant: number, date, kind, buyer, VAT number, net, VAT, gross, VAT category)
document-desk-show = Show
document-desk-from = From (first day)
document-desk-to = To (last day, included)
document-desk-caption = Documents issued from { $from } to { $to }
document-desk-none = No documents were issued in this period.
document-desk-totals = Totals of the period
document-desk-documents = Documents
document-desk-invoices = Invoices
document-desk-credit-notes = Credit notes

## The pro-forma

document-pro-forma-title = Pro-forma { $number }
document-pro-forma-link = Print the pro-forma
document-pro-forma-not-invoice = This pro-forma is not an invoice: the invoice is issued when your payment arrives.
document-due-date = Due date
document-reference = Reference
document-vat-amount = VAT
document-total-due = Total due
document-received = Received so far
document-still-due = Still due
document-payment-heading = Payment
document-payment-instruction = Please pay { $amount } by { $date } to the account below, quoting the reference { $reference }.
document-beneficiary = Beneficiary
document-scan = Or scan a code with your banking app:
document-epc-title = EPC QR code: the transfer filled in, for banking apps across Europe
document-upn-title = UPN QR code: the payment filled in, for Slovenian banking apps
document-upn-purpose = Pro-forma { $number }
document-back-to-order = Back to the order
document-pro-forma-paid = This order is paid: nothing is due.
document-pro-forma-card = This order is paid by card, so it has no pro-forma.
document-pro-forma-closed = This order is closed and takes no payment. To buy coupons, place a new order.
document-pro-forma-review = A payment for this order is being reviewed by our staff: nothing more is due now.

## The UBL e-invoice's notes, in the buyer's language

document-ubl-terms-card = Paid in advance by card: nothing is due.
document-ubl-terms-transfer = Paid in advance by bank transfer, reference { $reference }: nothing is due.
document-ubl-terms-credit-note = The amount is refunded to the means of payment: nothing is due.

### Phones and countries

## Phones as people type them, and countries by name (issue 23)

# A phone number that could not be read, with the expected shape in the
# company's country: a national example and the same number written
# internationally.
phone-invalid = enter a phone number such as { $national } or { $international }
# No country to read a national number with: only the international form.
phone-invalid-international = enter the number with its country code, such as { $international }
phone-voice-required = a phone number is required for a voice callback, such as { $example }

country-invalid = choose a country from the list (or give its ISO code, such as SI or DE)
country-choose = Choose a country
country-group-eu = European Union
country-group-other = Other countries

## Country names (ISO 3166-1), for the country select and wherever a country is printed

country-ad = Andorra
country-ae = United Arab Emirates
country-af = Afghanistan
country-ag = Antigua and Barbuda
country-ai = Anguilla
country-al = Albania
country-am = Armenia
country-ao = Angola
country-aq = Antarctica
country-ar = Argentina
country-as = American Samoa
country-at = Austria
country-au = Australia
country-aw = Aruba
country-ax = Åland Islands
country-az = Azerbaijan
country-ba = Bosnia and Herzegovina
country-bb = Barbados
country-bd = Bangladesh
country-be = Belgium
country-bf = Burkina Faso
country-bg = Bulgaria
country-bh = Bahrain
country-bi = Burundi
country-bj = Benin
country-bl = Saint Barthélemy
country-bm = Bermuda
country-bn = Brunei
country-bo = Bolivia
country-bq = Bonaire, Sint Eustatius and Saba
country-br = Brazil
country-bs = Bahamas
country-bt = Bhutan
country-bv = Bouvet Island
country-bw = Botswana
country-by = Belarus
country-bz = Belize
country-ca = Canada
country-cc = Cocos (Keeling) Islands
country-cd = Democratic Republic of the Congo
country-cf = Central African Republic
country-cg = Republic of the Congo
country-ch = Switzerland
country-ci = Côte d’Ivoire
country-ck = Cook Islands
country-cl = Chile
country-cm = Cameroon
country-cn = China
country-co = Colombia
country-cr = Costa Rica
country-cu = Cuba
country-cv = Cape Verde
country-cw = Curaçao
country-cx = Christmas Island
country-cy = Cyprus
country-cz = Czechia
country-de = Germany
country-dj = Djibouti
country-dk = Denmark
country-dm = Dominica
country-do = Dominican Republic
country-dz = Algeria
country-ec = Ecuador
country-ee = Estonia
country-eg = Egypt
country-eh = Western Sahara
country-er = Eritrea
country-es = Spain
country-et = Ethiopia
country-fi = Finland
country-fj = Fiji
country-fk = Falkland Islands
country-fm = Micronesia
country-fo = Faroe Islands
country-fr = France
country-ga = Gabon
country-gb = United Kingdom
country-gd = Grenada
country-ge = Georgia
country-gf = French Guiana
country-gg = Guernsey
country-gh = Ghana
country-gi = Gibraltar
country-gl = Greenland
country-gm = Gambia
country-gn = Guinea
country-gp = Guadeloupe
country-gq = Equatorial Guinea
country-gr = Greece
country-gs = South Georgia and the South Sandwich Islands
country-gt = Guatemala
country-gu = Guam
country-gw = Guinea-Bissau
country-gy = Guyana
country-hk = Hong Kong
country-hm = Heard Island and McDonald Islands
country-hn = Honduras
country-hr = Croatia
country-ht = Haiti
country-hu = Hungary
country-id = Indonesia
country-ie = Ireland
country-il = Israel
country-im = Isle of Man
country-in = India
country-io = British Indian Ocean Territory
country-iq = Iraq
country-ir = Iran
country-is = Iceland
country-it = Italy
country-je = Jersey
country-jm = Jamaica
country-jo = Jordan
country-jp = Japan
country-ke = Kenya
country-kg = Kyrgyzstan
country-kh = Cambodia
country-ki = Kiribati
country-km = Comoros
country-kn = Saint Kitts and Nevis
country-kp = North Korea
country-kr = South Korea
country-kw = Kuwait
country-ky = Cayman Islands
country-kz = Kazakhstan
country-la = Laos
country-lb = Lebanon
country-lc = Saint Lucia
country-li = Liechtenstein
country-lk = Sri Lanka
country-lr = Liberia
country-ls = Lesotho
country-lt = Lithuania
country-lu = Luxembourg
country-lv = Latvia
country-ly = Libya
country-ma = Morocco
country-mc = Monaco
country-md = Moldova
country-me = Montenegro
country-mf = Saint Martin (French part)
country-mg = Madagascar
country-mh = Marshall Islands
country-mk = North Macedonia
country-ml = Mali
country-mm = Myanmar
country-mn = Mongolia
country-mo = Macao
country-mp = Northern Mariana Islands
country-mq = Martinique
country-mr = Mauritania
country-ms = Montserrat
country-mt = Malta
country-mu = Mauritius
country-mv = Maldives
country-mw = Malawi
country-mx = Mexico
country-my = Malaysia
country-mz = Mozambique
country-na = Namibia
country-nc = New Caledonia
country-ne = Niger
country-nf = Norfolk Island
country-ng = Nigeria
country-ni = Nicaragua
country-nl = Netherlands
country-no = Norway
country-np = Nepal
country-nr = Nauru
country-nu = Niue
country-nz = New Zealand
country-om = Oman
country-pa = Panama
country-pe = Peru
country-pf = French Polynesia
country-pg = Papua New Guinea
country-ph = Philippines
country-pk = Pakistan
country-pl = Poland
country-pm = Saint Pierre and Miquelon
country-pn = Pitcairn Islands
country-pr = Puerto Rico
country-ps = Palestine
country-pt = Portugal
country-pw = Palau
country-py = Paraguay
country-qa = Qatar
country-re = Réunion
country-ro = Romania
country-rs = Serbia
country-ru = Russia
country-rw = Rwanda
country-sa = Saudi Arabia
country-sb = Solomon Islands
country-sc = Seychelles
country-sd = Sudan
country-se = Sweden
country-sg = Singapore
country-sh = Saint Helena, Ascension and Tristan da Cunha
country-si = Slovenia
country-sj = Svalbard and Jan Mayen
country-sk = Slovakia
country-sl = Sierra Leone
country-sm = San Marino
country-sn = Senegal
country-so = Somalia
country-sr = Suriname
country-ss = South Sudan
country-st = Sao Tome and Principe
country-sv = El Salvador
country-sx = Sint Maarten (Dutch part)
country-sy = Syria
country-sz = Eswatini
country-tc = Turks and Caicos Islands
country-td = Chad
country-tf = French Southern Territories
country-tg = Togo
country-th = Thailand
country-tj = Tajikistan
country-tk = Tokelau
country-tl = Timor-Leste
country-tm = Turkmenistan
country-tn = Tunisia
country-to = Tonga
country-tr = Türkiye
country-tt = Trinidad and Tobago
country-tv = Tuvalu
country-tw = Taiwan
country-tz = Tanzania
country-ua = Ukraine
country-ug = Uganda
country-um = United States Minor Outlying Islands
country-us = United States
country-uy = Uruguay
country-uz = Uzbekistan
country-va = Vatican City
country-vc = Saint Vincent and the Grenadines
country-ve = Venezuela
country-vg = British Virgin Islands
country-vi = US Virgin Islands
country-vn = Vietnam
country-vu = Vanuatu
country-wf = Wallis and Futuna
country-ws = Samoa
country-ye = Yemen
country-yt = Mayotte
country-za = South Africa
country-zm = Zambia
country-zw = Zimbabwe

### Live support in the browser

## Live support in the browser (assets/live.js reads these from the page;
## `{ $… }` are filled in there)

live-mic-failed = The microphone could not be opened; the chat still works.
live-no-screen-share = This browser cannot share its screen.
live-connected-staff = Connected: you hear the customer.
live-connected-customer = Connected: you hear Spica support.
live-audio-failed = The call's audio could not connect; the chat still works.
live-cancel-call = Cancel the call
live-hang-up = Hang up
live-support-name = { $name } (Spica support)
live-in-room = In the room: { $names }.
live-nobody = Nobody else is here.
live-chat-started = The chat session has started.
live-call-started = The call has started.
live-chat-measured = Chat session started: the time is measured.
live-call-measured = Call connected: the time is measured.
live-peer-dropped = The other side's connection dropped: waiting for them to come back.
live-missed = Nobody answered the call.
live-declined = The call was declined.
live-unreachable-staff = The customer is not online; you may phone instead.
live-unreachable-customer = Nobody was here to answer.
live-cancelled = The call was cancelled.
live-chat-over = The chat session is over.
live-call-over = The call is over.
live-ringing-customer = Ringing the customer…
live-calling-you = Spica support is calling you.
live-calling-you-video = Spica support is calling you (with video).
live-measured = Measured: { $minutes } min { $seconds } s. Coupons charged for this incident in all: { $coupons }.
live-nothing-measured = Nothing was measured. Coupons charged for this incident in all: { $coupons }.
live-balance-warning = The next 15 minutes begin in about { $seconds } s. Coupon balance after them: { $balance }.
live-balance-warning-short = Balance warning.
live-busy = A call or chat session is already on.
live-not-possible = Not possible now: { $detail }.
live-room-connected = Connected to the room.
live-room-lost = Connection lost: reconnecting…
live-sharing = You are sharing your screen with Spica support.
live-not-shared = Your screen was not shared.
live-stopped-sharing = You stopped sharing your screen.
live-not-sent = Not connected: the message was not sent.
live-incoming-call = Incoming call
live-calling-about = Spica support is calling you about your incident.
live-accept = Accept the call
live-decline = Decline
live-copied = Copied
live-copy-failed = Copying failed: please select the text and copy it yourself.
live-chat-resumed = The chat session resumed.
live-call-resumed = The call resumed.
live-chat-ended = The chat session ended.
live-call-ended = The call ended.

### The desk: queue, incidents, customers, staff

## The desk's main pages: the incident queue, an incident, opening an
## incident for a caller, the customer directory, the outbox, health, the
## staff list

## Spans of time: "3 h 20 min left", "2 days ago"

desk-span-minutes = { $count ->
    [one] { $count } min
   *[other] { $count } min
}
desk-span-hours = { $count ->
    [one] { $count } h
   *[other] { $count } h
}
desk-span-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
desk-span-minutes-ago = { $count ->
    [one] { $count } min
   *[other] { $count } min
}
desk-span-hours-ago = { $count ->
    [one] { $count } h
   *[other] { $count } h
}
desk-span-days-ago = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
desk-span-and = { $hours } { $minutes }
desk-left = { $span } left
desk-ago = { $span } ago
desk-passed-ago = passed { $span } ago
desk-coupons = { $count ->
    [one] { $count } coupon
   *[other] { $count } coupons
}

## The queue

desk-queue-title = Support desk
desk-queue-closed-at = closed { $at_html }
desk-queue-deadline-missed = deadline missed
desk-queue-deadline-passed = deadline passed
desk-queue-nobody = nobody yet
desk-queue-order-closed = most recently closed first
desk-queue-order-deadline = nearest deadline first
desk-queue-caption = { $view }, { $order }
desk-queue-incident = Incident
desk-queue-status = Status
desk-queue-call-by = Call by
desk-queue-time-left = Time left
desk-queue-taken-by = Taken by
desk-queue-charts = The last 30 days
desk-queue-views = Incident views
desk-queue-show = Show
desk-queue-unknown-organisation = an unknown organisation ({ $id })
desk-queue-only-of = Only the incidents of { $organisation_html }.
desk-queue-every-organisation = Clear: every organisation's
desk-queue-newer = Newer
desk-queue-older = Older
desk-queue-pages = Pages
desk-queue-page = Page { $page }.

desk-tab-open = Open
desk-tab-awaiting-customer = Awaiting customer
desk-tab-breached = Breached
desk-tab-closed = Closed
desk-tab-mine = Mine
desk-tab-unassigned = Unassigned

desk-filter-everyone = Everyone
desk-filter-me = Me
desk-filter-nobody = Nobody yet

desk-view-mine = Your open incidents
desk-view-mine-empty = You have no open incidents.
desk-view-unassigned = Open incidents nobody has taken
desk-view-unassigned-empty = No open incident waits for someone to take it.
desk-view-open = Open incidents
desk-view-open-empty = No open incidents.
desk-view-breached = Breached incidents
desk-view-breached-empty = No breached incidents. Good.
desk-view-awaiting-callback = Incidents awaiting the callback
desk-view-awaiting-callback-empty = No incidents await a callback.
desk-view-in-progress = Incidents in progress
desk-view-in-progress-empty = No incidents in progress.
desk-view-awaiting-customer = Incidents awaiting the customer
desk-view-awaiting-customer-empty = No incidents await the customer.
desk-view-closed = Closed incidents
desk-view-closed-empty = No closed incidents.
desk-view-taken-by = { $view } taken by { $email }
desk-view-empty-taken-by = { $view } taken by { $email }: none.

## One incident

desk-incident-number = Number
desk-incident-customer = Customer
desk-incident-email = Email
desk-incident-phone = Phone
desk-incident-preferred-times = Preferred call times
desk-incident-any-time = any time
desk-incident-raised = Raised
desk-incident-target = Target
desk-incident-deadline = Deadline
desk-incident-taken-by = Taken by
desk-incident-not-recorded = Nothing was recorded: correct the marked field below.
desk-incident-take = Take it (mine)

desk-outcome-no-answer = No answer
desk-outcome-busy = Busy
desk-outcome-failed = Failed
desk-outcome-reached = Reached

desk-attempt-heading = Record a callback attempt
desk-attempt-outcome = Outcome
desk-attempt-record = Record attempt
desk-channel = Channel
desk-session-heading = Log a support session
desk-session-hint = Calls in the browser and phone calls timed with Start and Stop are measured; log by hand only what was not. Times are Ljubljana's.
desk-session-started = Started (Ljubljana time)
desk-session-ended = Ended (Ljubljana time)
desk-session-reason = Reason (kept in the audit log)
desk-session-log = Log session
desk-message-heading = Write to the customer
desk-message-body = Message
desk-message-send = Send
desk-close-heading = Close
desk-close-confirm = Close this incident and email the statement?
desk-close-resolution = Resolution
desk-close-button = Close incident

desk-phone-heading = Phone call
desk-phone-intro = Phoning the customer? Start when they answer and Stop when you hang up: the portal times the call by its own clock.
desk-phone-start = Start phone call
desk-phone-running = A phone call is running since { $since_html }, started by { $agent }.
desk-phone-stop = Stop phone call
desk-phone-discard-confirm = Discard this phone call without recording it?
desk-phone-discard = Discard without recording

desk-correct-heading = Correct a session
desk-correct-hint = Times are Ljubljana's; every correction needs a reason and is audited. The whole incident is charged again in started 15-minute increments.
desk-correct-button = Correct

## Opening an incident for a caller

desk-caller-title = Open an incident for a caller
desk-caller-intro = For { $organisation_html }. The callback clock starts now, as if the customer had raised it; the contact is emailed its number and link, and it is yours (“mine”).
desk-caller-choose = Choose who phoned
desk-caller-no-coupons = No coupons left ({ $balance ->
    [one] { $balance } coupon
   *[other] { $balance } coupons
}): support needs at least one. Sell coupons first or adjust the balance on { $page_html }.
desk-caller-organisation-page = the organisation's page
desk-caller-available = { $count ->
    [one] { $count } coupon available.
   *[other] { $count } coupons available.
}
desk-caller-who = Who phoned
desk-caller-subject = Subject
desk-caller-description = What the caller said
desk-caller-channel = How to reach them
desk-caller-phone = Number to call back (the contact's when empty)
desk-caller-times = Times that suit them
desk-caller-open = Open the incident
desk-caller-open-organisation = Open the organisation's page
desk-caller-refused-no-coupons = No coupons left: the organisation's balance is { $balance ->
    [one] { $balance } coupon
   *[other] { $balance } coupons
}, and direct support needs at least one. Sell coupons first or adjust the balance.
desk-caller-refused-unconfirmed = The organisation has not confirmed its registration yet: no incident can be opened for it.
desk-caller-refused-merged-into = The organisation was merged into { $into }, which holds its license and contacts now: open the incident there.
desk-caller-refused-merged = The organisation was merged into another: open the incident there.
desk-caller-sent-before = This form was sent before with other values. Check the fields and send it again to open a new incident.

## The directory

desk-customers-title = Customers
desk-search-label = Search customers
desk-search-field = Company, person, email, phone, serial, VAT id, incident or order
desk-search-button = Search
desk-search-hint = Type at least two characters: part of a company's name (accents do not matter), a person's name, an email address, a phone number as you hear it, a license serial, a VAT id, or an incident's or order's number.
desk-search-nothing = Nothing found for “{ $q }”.
desk-search-previous = Previous page
desk-search-next = Next page
desk-search-page = Page { $page }, best matches first.
desk-search-caption = Customers found
desk-search-company = Company
desk-search-country = Country
desk-search-vat-id = VAT id
desk-search-contacts = Contacts
desk-search-coupons = Coupons
desk-search-open-incidents = Open incidents

desk-org-vat-id = VAT id { $vat_id }
desk-org-no-vat-id = no VAT id
desk-org-registered = registered with serial { $serial } on { $at_html }
desk-org-balance = { $coupons_html } available.
desk-org-open-incident = Open an incident for them
desk-org-adjust = Adjust the balance
desk-org-subscribed = subscribed
desk-org-not-subscribed = no
desk-org-activation = { $installation } (version { $version }, { $how }) since { $since_html }
desk-org-path-self = by the customer
desk-org-path-technician = by a technician
desk-org-path-technician-named = by technician { $technician }
desk-org-sups-none = none
desk-org-sups-until = until { $at_html }
desk-org-sups-ended = ended { $at_html }
desk-org-installations = { $used } of { $of }
desk-org-no-partner = none
desk-org-card = card
desk-org-bank-transfer = bank transfer
desk-org-invoice = invoice
desk-org-credit-note = credit note
desk-org-resolve-claim = Resolve the claim
desk-org-queue-link = All incidents of this organisation in the queue:
desk-org-queue-open = open
desk-org-queue-closed = closed

desk-org-contacts = Contacts
desk-org-name = Name
desk-org-email = Email
desk-org-phone = Phone
desk-org-status = Status
desk-org-language = Language
desk-org-newsletter = Newsletter
desk-org-licenses = Licenses
desk-org-serial = Serial
desk-org-product = Product
desk-org-installations-heading = Installations
desk-org-sups = SUPS
desk-org-partner = Partner
desk-org-incidents = Incidents, open and closed
desk-org-subject = Subject
desk-org-raised = Raised
desk-org-closed = Closed
desk-org-orders = Orders
desk-org-order = Order
desk-org-placed = Placed
desk-org-coupons = Coupons
desk-org-total = Total
desk-org-payment = Payment
desk-org-reference = Reference
desk-org-invoices = Invoices and credit notes
desk-org-number = Number
desk-org-kind = Kind
desk-org-issued = Issued
desk-org-ledger = Coupon ledger
desk-org-when = When
desk-org-entry = Entry
desk-org-reason = Reason
desk-org-claims = License claims
desk-org-claimed = Claimed
desk-org-audit = Audit trail
desk-org-who = Who
desk-org-what = What
desk-org-target = Target

## The outbox and health

desk-outbox-title = Outbox
desk-outbox-caption = The last 100 emails
desk-email-written = Written
desk-email-to = To
desk-email-subject = Subject
desk-email-status = Status
desk-email-last-error = Last error
desk-email-action = Action
desk-email-retry = pending: attempt { $attempt } at { $at_html }
desk-email-unknown = unknown: the send was interrupted and may have arrived; check with the recipient
desk-email-failed-after = { $count ->
    [one] failed after { $count } attempt
   *[other] failed after { $count } attempts
}

desk-health-title = Health
desk-health-queue = Waiting for the queue
desk-health-what = What
desk-health-how-many = How many
desk-health-emails-due = Emails due now
desk-health-emails-waiting = Emails waiting out a retry
desk-health-emails-sending = Emails being sent
desk-health-timers-due = Callback timers due and not run
desk-health-bulletin-emails = Bulletin emails not yet written
desk-health-cron-stopped = stopped: { $error }
desk-health-cron-jobs = { $count ->
    [one] { $count } job sent again
   *[other] { $count } jobs sent again
}
desk-health-cron-ran = The cron sweep last ran at { $started_html } and finished at { $finished_html }: { $outcome }.
desk-health-cron-never = The cron sweep has not run yet (it runs every 10 minutes).
desk-health-resend-confirm = Send this email again to { $to }?
desk-health-resend = Resend
desk-health-link-email = A link email: the person asks for a new link.
desk-health-close = Close
desk-health-troubled = Emails in trouble
desk-health-troubled-none = No email failed or is in an unknown state.
desk-health-troubled-caption = Emails in trouble: failed, or delivery unknown
desk-health-missed = Missed callback deadlines this week
desk-health-missed-none = None since { $since_html }.
desk-health-missed-at = Missed at
desk-health-incident = Incident

## The staff list (admins)

desk-staff-title = Staff
desk-staff-caption = Staff members
desk-staff-name = Name
desk-staff-email = Email
desk-staff-role = Role
desk-staff-active = Active
desk-staff-language = Language
desk-staff-yes = yes
desk-staff-no = no
desk-staff-role-agent = agent
desk-staff-role-finance = finance
desk-staff-role-admin = administrator
desk-staff-browser = The browser's
desk-staff-save = Save
desk-staff-hint = The desk's pages speak each member's language; the language switch in the page's header overrides it on that browser.

## The queue's charts

desk-chart-callbacks-title = Hours from intake to first successful callback
desk-chart-incident = Incident
desk-chart-target = Target { $hours }
desk-chart-limit = Limit { $hours }
desk-chart-not-reached = not yet reached
desk-chart-no-data = No data
desk-chart-hours = { $hours } h
desk-chart-more-than = > { $hours } h
desk-chart-callbacks-none = No incidents in this period.
desk-chart-callbacks-summary = { $count ->
    [one] { $count } incident
   *[other] { $count } incidents
}: { $ok } reached within the target of { $target }, { $soon } within the limit of { $limit }, { $late } after the limit, { $pending } not yet reached.
desk-chart-coupons-title = Coupons sold per day, last 30 days
desk-chart-day = Day
desk-chart-coupons-sold = Coupons sold
desk-chart-coupons-none = No coupons sold in this period.
desk-chart-coupons-summary = { $total ->
    [one] { $total } coupon sold from { $first } to { $last }.
   *[other] { $total } coupons sold from { $first } to { $last }.
}
desk-chart-coupons-most = Most on { $day }: { $count }.

### The desk: finance and administration

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
desk2-partners-country-label = Country
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
