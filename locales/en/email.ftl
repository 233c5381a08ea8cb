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
