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
