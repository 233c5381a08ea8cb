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
