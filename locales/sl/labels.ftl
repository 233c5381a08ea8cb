## Oznake, skupne stranem portala in službe za podporo: stanja, vnosi v
## evidenci kuponov, kanali, tabele

label-none-yet = { $caption }: še ni ničesar.

label-status-pending-verification = čaka na potrditev e-pošte
label-status-active = aktivno
label-status-merged = združeno
label-status-invited = povabljen
label-status-removed = odstranjen
label-status-open = odprto
label-status-assigned = dodeljeno
label-status-join-requested = prošnja za pridružitev
label-status-joined = pridružen
label-status-refused = zavrnjeno
label-status-pending = v obdelavi
label-status-sending = v pošiljanju
label-status-sent = poslano
label-status-not-sent = ni poslano
label-status-failed = neuspešno
label-status-unknown = neznano
label-status-queued = v čakalni vrsti
label-status-skipped = preskočeno
label-status-awaiting-payment = čaka na plačilo
label-status-partially-paid = delno plačano
label-status-paid = plačano
label-status-cancelled = preklicano
label-status-expired = poteklo
label-status-review = v pregledu
label-status-matched = povezano
label-status-partial = delno plačilo
label-status-overpaid = preplačilo
label-status-unmatched = nepovezano
label-status-ignored = prezrto
label-status-refund-excess = vračilo preplačila
label-status-coupon-debt = dolg kuponov
label-status-payment-review = pregled plačila
label-status-awaiting-callback = čaka na povratni klic
label-status-in-progress = v delu
label-status-awaiting-customer = čaka na stranko
label-status-closed = zaprto
label-status-reached = dosežen
label-status-no-answer = ni odgovora
label-status-busy = zasedeno
label-status-confirmed = potrjeno
label-status-invalid = neveljavno
label-status-unavailable = ni na voljo
label-status-accepted = sprejeto
label-status-withdrawn = umaknjeno
label-status-replaced = zamenjano
label-status-duplicate = podvojeno
label-status-breached = zamujen rok

label-entry-free-grant = Brezplačni prvi kupon
label-entry-purchase = Nakup kuponov
label-entry-consumption = Čas podpore
label-entry-reversal = Vračilo
label-entry-adjustment = Popravek družbe Spica

label-channel-voice = Telefonski klic
label-channel-chat = Klepet
label-channel-video = Video klic
label-channel-remote-desktop = Oddaljeno namizje

label-problem-title = Ni mogoče
label-problem-fallback = Nekaj je šlo narobe.
