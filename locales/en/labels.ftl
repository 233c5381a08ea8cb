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
