## Glavne strani službe za podporo: vrsta zahtevkov, zahtevek, odpiranje
## zahtevka za klicatelja, imenik strank, odhodna pošta, stanje sistema,
## seznam osebja

## Časovni razponi: „še 3 ure in 20 minut“, „pred 2 dnevoma“

desk-span-minutes = { $count ->
    [one] { $count } minuta
    [two] { $count } minuti
    [few] { $count } minute
   *[other] { $count } minut
}
desk-span-hours = { $count ->
    [one] { $count } ura
    [two] { $count } uri
    [few] { $count } ure
   *[other] { $count } ur
}
desk-span-days = { $count ->
    [one] { $count } dan
    [two] { $count } dneva
    [few] { $count } dnevi
   *[other] { $count } dni
}
desk-span-minutes-ago = { $count ->
    [one] { $count } minuto
    [two] { $count } minutama
    [few] { $count } minutami
   *[other] { $count } minutami
}
desk-span-hours-ago = { $count ->
    [one] { $count } uro
    [two] { $count } urama
    [few] { $count } urami
   *[other] { $count } urami
}
desk-span-days-ago = { $count ->
    [one] { $count } dnevom
    [two] { $count } dnevoma
    [few] { $count } dnevi
   *[other] { $count } dnevi
}
desk-span-and = { $hours } in { $minutes }
desk-left = še { $span }
desk-ago = pred { $span }
desk-passed-ago = potekel pred { $span }
desk-coupons = { $count ->
    [one] { $count } kupon
    [two] { $count } kupona
    [few] { $count } kuponi
   *[other] { $count } kuponov
}

## Vrsta zahtevkov

desk-queue-title = Služba za podporo
desk-queue-closed-at = zaprt { $at_html }
desk-queue-deadline-missed = rok zamujen
desk-queue-deadline-passed = rok je potekel
desk-queue-nobody = še nihče
desk-queue-order-closed = nazadnje zaprti najprej
desk-queue-order-deadline = najbližji rok najprej
desk-queue-caption = { $view }, { $order }
desk-queue-incident = Zahtevek
desk-queue-status = Stanje
desk-queue-call-by = Poklicati do
desk-queue-time-left = Preostali čas
desk-queue-taken-by = Dodeljen
desk-queue-charts = Zadnjih 30 dni
desk-queue-views = Pogledi na zahtevke
desk-queue-show = Prikaži
desk-queue-unknown-organisation = neznano podjetje ({ $id })
desk-queue-only-of = Samo zahtevki podjetja { $organisation_html }.
desk-queue-every-organisation = Počisti: zahtevki vseh podjetij
desk-queue-newer = Novejši
desk-queue-older = Starejši
desk-queue-pages = Strani
desk-queue-page = Stran { $page }.

desk-tab-open = Odprti
desk-tab-awaiting-customer = Čakajo na stranko
desk-tab-breached = Zamujeni
desk-tab-closed = Zaprti
desk-tab-mine = Moji
desk-tab-unassigned = Nedodeljeni

desk-filter-everyone = Vsi
desk-filter-me = Jaz
desk-filter-nobody = Še nihče

desk-view-mine = Vaši odprti zahtevki
desk-view-mine-empty = Nimate odprtih zahtevkov.
desk-view-unassigned = Odprti zahtevki, ki jih ni prevzel še nihče
desk-view-unassigned-empty = Noben odprt zahtevek ne čaka na prevzem.
desk-view-open = Odprti zahtevki
desk-view-open-empty = Ni odprtih zahtevkov.
desk-view-breached = Zamujeni zahtevki
desk-view-breached-empty = Ni zamujenih zahtevkov. Odlično.
desk-view-awaiting-callback = Zahtevki, ki čakajo na povratni klic
desk-view-awaiting-callback-empty = Noben zahtevek ne čaka na povratni klic.
desk-view-in-progress = Zahtevki v obdelavi
desk-view-in-progress-empty = Ni zahtevkov v obdelavi.
desk-view-awaiting-customer = Zahtevki, ki čakajo na stranko
desk-view-awaiting-customer-empty = Noben zahtevek ne čaka na stranko.
desk-view-closed = Zaprti zahtevki
desk-view-closed-empty = Ni zaprtih zahtevkov.
desk-view-taken-by = { $view }, dodeljeni { $email }
desk-view-empty-taken-by = { $view }, dodeljeni { $email }: ni jih.

## Zahtevek

desk-incident-number = Številka
desk-incident-customer = Stranka
desk-incident-email = E-pošta
desk-incident-phone = Telefon
desk-incident-preferred-times = Želeni časi klica
desk-incident-any-time = kadar koli
desk-incident-raised = Odprt
desk-incident-target = Ciljni rok
desk-incident-deadline = Skrajni rok
desk-incident-taken-by = Dodeljen
desk-incident-not-recorded = Nič ni bilo zabeleženo: popravite označeno polje spodaj.
desk-incident-take = Prevzemi zahtevek

desk-outcome-no-answer = Brez odgovora
desk-outcome-busy = Zasedeno
desk-outcome-failed = Klic ni uspel
desk-outcome-reached = Stranka dosežena

desk-attempt-heading = Zabeležite poskus povratnega klica
desk-attempt-outcome = Izid
desk-attempt-record = Zabeleži poskus
desk-channel = Kanal
desk-session-heading = Zabeležite sejo podpore
desk-session-hint = Klici v brskalniku in telefonski klici, merjeni z gumboma Začni in Ustavi, so izmerjeni samodejno; ročno zabeležite le to, kar ni bilo izmerjeno. Časi so po ljubljanskem času.
desk-session-started = Začetek (ljubljanski čas)
desk-session-ended = Konec (ljubljanski čas)
desk-session-reason = Razlog (ohrani se v revizijski sledi)
desk-session-log = Zabeleži sejo
desk-message-heading = Pišite stranki
desk-message-body = Sporočilo
desk-message-send = Pošlji
desk-close-heading = Zaprtje zahtevka
desk-close-confirm = Želite zapreti ta zahtevek in stranki po e-pošti poslati obračun?
desk-close-resolution = Rešitev
desk-close-button = Zapri zahtevek

desk-phone-heading = Telefonski klic
desk-phone-intro = Kličete stranko? Ko se oglasi, kliknite Začni, ko odložite slušalko, pa Ustavi: portal klic meri po svoji uri.
desk-phone-start = Začni telefonski klic
desk-phone-running = Telefonski klic poteka od { $since_html } (svetovalec: { $agent }).
desk-phone-stop = Ustavi telefonski klic
desk-phone-discard-confirm = Želite zavreči ta telefonski klic, ne da bi ga zabeležili?
desk-phone-discard = Zavrzi brez beleženja

desk-correct-heading = Popravite sejo
desk-correct-hint = Časi so po ljubljanskem času; vsak popravek potrebuje razlog in se zabeleži v revizijski sledi. Celoten zahtevek se znova obračuna v začetih 15-minutnih enotah.
desk-correct-button = Popravi

## Odpiranje zahtevka za klicatelja

desk-caller-title = Odprite zahtevek za klicatelja
desk-caller-intro = Za podjetje { $organisation_html }. Rok za povratni klic začne teči zdaj, kot da bi zahtevek odprla stranka; kontaktna oseba po e-pošti prejme njegovo številko in povezavo, zahtevek pa je dodeljen vam („moj“).
desk-caller-choose = Izberite, kdo je klical
desk-caller-no-coupons = Ni več kuponov (stanje: { $balance ->
    [one] { $balance } kupon
    [two] { $balance } kupona
    [few] { $balance } kuponi
   *[other] { $balance } kuponov
}): za podporo je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje na { $page_html }.
desk-caller-organisation-page = strani podjetja
desk-caller-available = { $count ->
    [one] Na voljo je { $count } kupon.
    [two] Na voljo sta { $count } kupona.
    [few] Na voljo so { $count } kuponi.
   *[other] Na voljo je { $count } kuponov.
}
desk-caller-who = Kdo je klical
desk-caller-subject = Zadeva
desk-caller-description = Kaj je povedal klicatelj
desk-caller-channel = Način stika
desk-caller-phone = Številka za povratni klic (če je prazno, številka kontaktne osebe)
desk-caller-times = Časi, ki stranki ustrezajo
desk-caller-open = Odpri zahtevek
desk-caller-open-organisation = Odprite stran podjetja
desk-caller-refused-no-coupons = Ni več kuponov: stanje podjetja je { $balance ->
    [one] { $balance } kupon
    [two] { $balance } kupona
    [few] { $balance } kuponi
   *[other] { $balance } kuponov
}, za neposredno podporo pa je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje.
desk-caller-refused-unconfirmed = Podjetje še ni potrdilo registracije: zanj ni mogoče odpreti zahtevka.
desk-caller-refused-merged-into = Podjetje je bilo združeno s podjetjem { $into }, ki ima zdaj njegovo licenco in kontaktne osebe: zahtevek odprite tam.
desk-caller-refused-merged = Podjetje je bilo združeno z drugim podjetjem: zahtevek odprite tam.
desk-caller-sent-before = Ta obrazec je bil že poslan z drugačnimi vrednostmi. Preverite polja in ga pošljite znova, da odprete nov zahtevek.

## Imenik strank

desk-customers-title = Stranke
desk-search-label = Iskanje strank
desk-search-field = Podjetje, oseba, e-pošta, telefon, serijska številka, ID za DDV, zahtevek ali naročilo
desk-search-button = Išči
desk-search-hint = Vnesite vsaj dva znaka: del imena podjetja (šumniki in naglasi niso pomembni), ime osebe, e-poštni naslov, telefonsko številko, kot jo slišite, serijsko številko licence, ID za DDV ali številko zahtevka ali naročila.
desk-search-nothing = Za „{ $q }“ ni zadetkov.
desk-search-previous = Prejšnja stran
desk-search-next = Naslednja stran
desk-search-page = Stran { $page }, najboljši zadetki najprej.
desk-search-caption = Najdene stranke
desk-search-company = Podjetje
desk-search-country = Država
desk-search-vat-id = ID za DDV
desk-search-contacts = Kontaktne osebe
desk-search-coupons = Kuponi
desk-search-open-incidents = Odprti zahtevki

desk-org-vat-id = ID za DDV { $vat_id }
desk-org-no-vat-id = brez ID za DDV
desk-org-registered = registrirano s serijsko številko { $serial } dne { $at_html }
desk-org-balance = Na voljo: { $coupons_html }.
desk-org-open-incident = Odprite zahtevek za to stranko
desk-org-adjust = Popravek stanja
desk-org-subscribed = prejema novice
desk-org-not-subscribed = ne
desk-org-activation = { $installation } (različica { $version }, { $how }) od { $since_html }
desk-org-path-self = namestila stranka
desk-org-path-technician = namestil tehnik
desk-org-path-technician-named = namestil tehnik { $technician }
desk-org-sups-none = brez
desk-org-sups-until = do { $at_html }
desk-org-sups-ended = potekla { $at_html }
desk-org-installations = { $used } od { $of }
desk-org-no-partner = brez
desk-org-card = plačilna kartica
desk-org-bank-transfer = bančno nakazilo
desk-org-invoice = račun
desk-org-credit-note = dobropis
desk-org-resolve-claim = Obravnavajte prevzem
desk-org-queue-link = Vsi zahtevki tega podjetja v vrsti zahtevkov:
desk-org-queue-open = odprti
desk-org-queue-closed = zaprti

desk-org-contacts = Kontaktne osebe
desk-org-name = Ime
desk-org-email = E-pošta
desk-org-phone = Telefon
desk-org-status = Stanje
desk-org-language = Jezik
desk-org-newsletter = Novice
desk-org-licenses = Licence
desk-org-serial = Serijska številka
desk-org-product = Izdelek
desk-org-installations-heading = Namestitve
desk-org-sups = SUPS
desk-org-partner = Partner
desk-org-incidents = Zahtevki, odprti in zaprti
desk-org-subject = Zadeva
desk-org-raised = Odprt
desk-org-closed = Zaprt
desk-org-orders = Naročila
desk-org-order = Naročilo
desk-org-placed = Oddano
desk-org-coupons = Kuponi
desk-org-total = Skupaj
desk-org-payment = Plačilo
desk-org-reference = Sklic
desk-org-invoices = Računi in dobropisi
desk-org-number = Številka
desk-org-kind = Vrsta
desk-org-issued = Izdan
desk-org-ledger = Evidenca kuponov
desk-org-when = Kdaj
desk-org-entry = Vnos
desk-org-reason = Razlog
desk-org-claims = Prevzemi licenc
desk-org-claimed = Zahtevano
desk-org-audit = Revizijska sled
desk-org-who = Kdo
desk-org-what = Kaj
desk-org-target = Cilj

## Odhodna pošta in stanje sistema

desk-outbox-title = Odhodna pošta
desk-outbox-caption = Zadnjih 100 e-poštnih sporočil
desk-email-written = Napisano
desk-email-to = Prejemnik
desk-email-subject = Zadeva
desk-email-status = Stanje
desk-email-last-error = Zadnja napaka
desk-email-action = Dejanje
desk-email-retry = v obdelavi: { $attempt }. poskus { $at_html }
desk-email-unknown = neznano: pošiljanje je bilo prekinjeno in sporočilo je morda prispelo; preverite pri prejemniku
desk-email-failed-after = { $count ->
    [one] neuspešno po { $count } poskusu
    [two] neuspešno po { $count } poskusih
    [few] neuspešno po { $count } poskusih
   *[other] neuspešno po { $count } poskusih
}

desk-health-title = Stanje sistema
desk-health-queue = Čaka na obdelavo
desk-health-what = Kaj
desk-health-how-many = Koliko
desk-health-emails-due = E-poštna sporočila za takojšnje pošiljanje
desk-health-emails-waiting = E-poštna sporočila, ki čakajo na ponovni poskus
desk-health-emails-sending = E-poštna sporočila v pošiljanju
desk-health-timers-due = Zapadli, a še nesproženi časovniki povratnih klicev
desk-health-bulletin-emails = Še nenapisana e-poštna sporočila z obvestili
desk-health-cron-stopped = ustavljen: { $error }
desk-health-cron-jobs = { $count ->
    [one] { $count } opravilo znova poslano
    [two] { $count } opravili znova poslani
    [few] { $count } opravila znova poslana
   *[other] { $count } opravil znova poslanih
}
desk-health-cron-ran = Periodični pregled se je nazadnje začel { $started_html } in končal { $finished_html }: { $outcome }.
desk-health-cron-never = Periodični pregled se še ni izvedel (izvede se vsakih 10 minut).
desk-health-resend-confirm = Želite to e-poštno sporočilo znova poslati na { $to }?
desk-health-resend = Pošlji znova
desk-health-link-email = Sporočilo s povezavo: oseba naj zahteva novo povezavo.
desk-health-close = Zapri
desk-health-troubled = Težave z e-pošto
desk-health-troubled-none = Nobeno sporočilo ni spodletelo in nobeno ni v neznanem stanju.
desk-health-troubled-caption = Težave z e-pošto: neuspešna sporočila ali sporočila z neznano dostavo
desk-health-missed = Zamujeni roki za povratni klic ta teden
desk-health-missed-none = Od { $since_html } nobenega.
desk-health-missed-at = Zamujeno
desk-health-incident = Zahtevek

## Seznam osebja (skrbniki)

desk-staff-title = Osebje
desk-staff-caption = Člani osebja
desk-staff-name = Ime
desk-staff-email = E-pošta
desk-staff-role = Vloga
desk-staff-active = Aktiven
desk-staff-language = Jezik
desk-staff-yes = da
desk-staff-no = ne
desk-staff-role-agent = svetovalec
desk-staff-role-finance = računovodstvo
desk-staff-role-admin = skrbnik
desk-staff-browser = Po brskalniku
desk-staff-save = Shrani
desk-staff-hint = Strani službe za podporo govorijo jezik posameznega člana; izbira jezika v glavi strani ga v tem brskalniku preglasi.

## Grafikona v vrsti zahtevkov

desk-chart-callbacks-title = Ure od prijave do prvega uspešnega povratnega klica
desk-chart-incident = Zahtevek
desk-chart-target = Cilj { $hours }
desk-chart-limit = Meja { $hours }
desk-chart-not-reached = še ni dosežen
desk-chart-no-data = Ni podatkov
desk-chart-hours = { $hours } h
desk-chart-more-than = > { $hours } h
desk-chart-callbacks-none = V tem obdobju ni zahtevkov.
desk-chart-callbacks-summary = { $count ->
    [one] { $count } zahtevek
    [two] { $count } zahtevka
    [few] { $count } zahtevki
   *[other] { $count } zahtevkov
}: v ciljnem času ({ $target }) doseženih { $ok }, v mejnem času ({ $limit }) { $soon }, po meji { $late }, še nedoseženih { $pending }.
desk-chart-coupons-title = Prodani kuponi na dan, zadnjih 30 dni
desk-chart-day = Dan
desk-chart-coupons-sold = Prodani kuponi
desk-chart-coupons-none = V tem obdobju ni bil prodan noben kupon.
desk-chart-coupons-summary = { $total ->
    [one] Od { $first } do { $last } je bil prodan { $total } kupon.
    [two] Od { $first } do { $last } sta bila prodana { $total } kupona.
    [few] Od { $first } do { $last } so bili prodani { $total } kuponi.
   *[other] Od { $first } do { $last } je bilo prodanih { $total } kuponov.
}
desk-chart-coupons-most = Največ { $day }: { $count }.
