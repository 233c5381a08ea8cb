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
public-field-country = Country (ISO code, such as SI)
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
