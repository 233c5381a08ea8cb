## Portal za stranke in strani za partnerje

## Pregled

portal-overview-title = Pregled podpore
portal-balance-heading = Stanje kuponov
portal-balance = { $coupons }, { $minutes } neposredne podpore
portal-buy-coupons = Kupite kupone
portal-request-support = Zahtevajte podporo
portal-ledger-caption = Evidenca kuponov, najnovejši vnosi najprej
portal-col-when = Kdaj
portal-col-entry = Vnos
portal-col-coupons = Kuponi
portal-col-for = Nanaša se na
portal-orders-caption = Naročila
portal-col-order = Naročilo
portal-col-total-due = Za plačilo
portal-col-status = Stanje
portal-licenses-caption = Licence
portal-col-serial = Serijska številka
portal-col-product = Izdelek
portal-col-activated = Aktivirano
portal-col-sups = SUPS
portal-sups-none = brez
portal-sups-until = do { $date }
portal-of = { $used } od { $total }
portal-incidents-caption = Zahtevki za podporo
portal-col-subject = Zadeva
portal-col-call-by = Klic do

## Nakup kuponov

portal-coupons-title = Nakup kuponov za podporo
portal-coupon-unit-html = En kupon zagotavlja 15 minut neposredne podpore: danes za vas { $net } brez DDV ({ $vat_html }; { $gross_html } z DDV).
portal-payment-legend = Plačilo
portal-pay-card = Plačilna kartica
portal-pay-bank = Bančno nakazilo
portal-order-button = Naroči
portal-field-coupons = Število kuponov
portal-vat-line = DDV { $rate } %: { $amount }
portal-vat-line-reverse-charge = DDV { $rate } % (kategorija { $code }): { $amount }. Obrnjena davčna obveznost: DDV obračuna kupec (196. člen Direktive Sveta 2006/112/ES)
portal-vat-line-not-subject = DDV { $rate } % (kategorija { $code }): { $amount }. Ni predmet DDV v EU: kraj opravljanja storitve je zunaj EU (44. člen Direktive Sveta 2006/112/ES)
portal-vat-note-domestic-number = ID za DDV je iz prodajalčeve države, zato gre za domačo prodajo: obračuna se DDV po prodajalčevi stopnji.
portal-vat-note-number-of-another-country = ID za DDV ni iz države vašega podjetja (njegova predpona mora biti oznaka te države, za Grčijo EL): obračuna se DDV po prodajalčevi stopnji.
portal-vat-note-no-number = Brez ID za DDV, ki ga potrdi sistem EU VIES, se obračuna DDV po prodajalčevi stopnji.
portal-vat-note-number-being-checked = ID za DDV preverjamo v sistemu EU VIES: dokler ni potrjen, se obračuna DDV po prodajalčevi stopnji.
portal-vat-note-number-not-confirmed = Sistem EU VIES ID za DDV ni potrdil: obračuna se DDV po prodajalčevi stopnji.
portal-vat-note-name-differs = Sistem EU VIES je ID za DDV potrdil za podjetje z drugim imenom: DDV po prodajalčevi stopnji se obračunava, dokler ime podjetja ni enako imenu, za katero je številka registrirana.

## Plačilo z bančnim nakazilom

portal-transfer-heading = Plačilo z bančnim nakazilom
portal-transfer-quote = Sklic navedite natančno tako, kot je zapisan, da bomo vaše plačilo povezali z naročilom:
portal-copy-reference = Kopiraj sklic
portal-amount = Znesek
portal-beneficiary = Prejemnik
portal-scan = Lahko pa to kodo skenirate z aplikacijo svoje banke:
portal-qr-label = Koda QR za aplikacijo vaše banke: nakazilo z že izpolnjenimi podatki

## Naročilo

portal-order-title = Naročilo { $number }
portal-checkout-confirming = Hvala. Vaše plačilo se potrjuje: ko nam bo plačilo s kartico potrjeno, običajno v eni minuti, bo ta stran naročilo prikazala kot plačano, kupone pa vam bomo pripisali.
portal-checkout-confirmed = Hvala. Vaše plačilo je potrjeno.
portal-checkout-cancelled-html = Plačilo s kartico je bilo preklicano in ničesar vam nismo zaračunali. Spodaj lahko znova plačate s kartico ali pa { $order_html } in plačate z bančnim nakazilom.
portal-order-anew = oddate novo naročilo
portal-order-line = { $coupons } po { $unit } (brez DDV)
portal-vat = DDV
portal-total-due = Za plačilo
portal-status = Stanje
portal-pay-by-card = Plačajte s kartico
portal-cancel-confirm = Želite preklicati to naročilo? Vanj ne bo več mogoče plačati.
portal-cancel-order = Prekliči naročilo
portal-invoice = Račun
portal-credit-note = Dobropis
portal-order-paid-html = Plačano { $when_html }: { $count ->
    [one] { $count } kupon smo pripisali
    [two] { $count } kupona smo pripisali
    [few] { $count } kupone smo pripisali
   *[other] { $count } kuponov smo pripisali
} vašemu stanju.
portal-order-closed-html = Zaprto { $when_html }.
portal-order-review = Finančna služba družbe Spica preverja plačilo.
portal-order-expired-html = Poteklo { $when_html }; plačilo, ki bo še prispelo, ga bo poravnalo.
portal-order-open-until-html = Odprto do { $when_html }.

## Zahteva za podporo

portal-support-title = Zahtevajte neposredno podporo
portal-support-intro = Poklicali vas bomo nazaj v 24 urah, na večino zahtevkov že v 12 urah. Čas podpore obračunavamo v začetih 15-minutnih enotah, vsaka stane en kupon.
portal-field-subject = Zadeva
portal-field-description = Kaj se je zgodilo
portal-field-channel = Kako naj stopimo v stik z vami
portal-field-support-phone = Telefon s kodo države (obvezen za telefonski klic)
portal-field-preferred-times = Termini, ki vam ustrezajo
portal-coupons-needed-title = Potrebujete kupone
portal-coupons-needed-html = Za neposredno podporo potrebujete vsaj en kupon. { $buy_html } in nato znova zahtevajte podporo.

## Podpora v živo na strani zahtevka

portal-live-heading = Podpora v živo
portal-live-staff-no-script = Klici v brskalniku potrebujejo JavaScript: stranko pokličite po telefonu in trajanje klica vnesite spodaj.
portal-live-with-video = Z videom
portal-live-ring = Pokliči v brskalniku
portal-live-chat-start = Začni klepet
portal-live-chat-end = Končaj klepet
portal-live-hangup = Prekini klic
portal-live-staff-video = Zaslon ali kamera stranke
portal-live-unreachable = Stranka ni povezana; lahko jo pokličete po telefonu (spodaj začnite telefonski klic).
portal-live-contact-no-script = Klici v brskalniku potrebujejo JavaScript; podpora Spica vas bo zato poklicala po telefonu.
portal-live-calling = Kliče vas podpora Spica.
portal-live-accept = Sprejmi klic
portal-live-decline = Zavrni
portal-live-share = Deli moj zaslon
portal-live-share-stop = Ustavi deljenje zaslona
portal-live-contact-video = Kamera podpore Spica
portal-live-connecting = Povezovanje …
portal-live-meter-html = Pretečeni čas { $elapsed_html } · kuponov za ta zahtevek skupaj: { $coupons_html }
portal-live-chat = Klepet
portal-live-chat-message = Sporočilo v klepetu
portal-send = Pošlji

## Potek zahtevka (na strani stranke in v službi za podporo)

portal-internal-note = Interna opomba, ki je stranka ne vidi
portal-timeline-channel = Način stika
portal-timeline-attempts = Poskusi
portal-timeline-attempts-count = { $attempts } (neuspešnih v tem oknu: { $failed })
portal-timeline-deadline-missed = Rok zamujen
portal-timeline-resolution = Rešitev
portal-timeline-closed-html = Zaprto { $when_html }
portal-timeline-attempts-caption = Poskusi povratnega klica
portal-timeline-outcome = Izid
portal-timeline-sessions-caption = Seje podpore
portal-timeline-started = Začetek
portal-timeline-length = Trajanje
portal-timeline-agent = Svetovalec
portal-timeline-total = Skupni čas { $minutes } min { $seconds } s; zaračunani kuponi: { $coupons }.
portal-timeline-messages-caption = Sporočila
portal-timeline-from = Od
portal-timeline-message = Sporočilo
portal-timeline-opened-for-caller = Zahtevek je v imenu kontaktne osebe stranke, ki je poklicala, odprla služba za podporo Spica ({ $agent }).

## Stran zahtevka

portal-write-heading = Pišite podpori
portal-field-message = Vaše sporočilo (dobrodošli so novi termini ali druga telefonska številka)
portal-field-other-phone = Druga telefonska številka (neobvezno)

## Priponke zahtevka

portal-attachments-heading = Priponke
portal-attachments-none = Priponk še ni.
portal-attachment-by-staff = Podpora Spica
portal-attachment-by-email = { $name }, po e-pošti
portal-attachment-field = Posnetek zaslona, dnevnik ali izvoz (PNG, JPEG, PDF, TXT, LOG, CSV ali ZIP; največ 10 MiB)
portal-attach-button = Priloži datoteko
portal-size-bytes = { $count ->
    [one] { $count } bajt
    [two] { $count } bajta
    [few] { $count } bajti
   *[other] { $count } bajtov
}
portal-size-kb = { $whole },{ $tenth } KB
portal-size-mb = { $whole },{ $tenth } MB
portal-attachment-refused-title = Datoteka ni priložena
portal-attachment-refused = Datoteka ni bila priložena: { $reason }.
portal-attachment-too-large = datoteka je večja od { $mib } MiB
portal-back-to-incident = Nazaj na zahtevek

## Aktivacija, licence in namestitve

portal-activate-title = Aktivacija namestitve
portal-activate-intro = Aktivacijo običajno opravi tehnik vašega partnerja Spica, lahko pa jo opravite tudi sami.
portal-activate-button = Aktiviraj
portal-field-serial = Serijska številka licence
portal-field-installation = ID namestitve (prikaže ga izdelek)
portal-field-version = Različica izdelka
portal-field-technician = Tehnik
portal-activated-title = Aktivirano
portal-activation-code-intro = To aktivacijsko kodo vnesite v izdelek (lahko jo preberete tudi po telefonu):
portal-license-file-html = { $download_html } za namestitev brez internetne povezave.
portal-download-license-file = Prenesite licenčno datoteko
portal-licenses-title = Licence in namestitve
portal-licenses-intro-html = Vsaka licenca dovoljuje določeno število namestitev. Z deaktivacijo namestitve sprostite njeno mesto za drug računalnik: za vsako licenco največ { $limit }-krat na mesec. { $activate_html }
portal-licenses-none = Licence: še nobene.
portal-allowance-exhausted-html = Namestitve te licence so bile ta mesec deaktivirane že { $limit }-krat, kar je največ dovoljeno (tako enega mesta ni mogoče seliti med mnogimi računalniki). Deaktivacija bo znova mogoča od { $when_html }.
portal-allowance-left-html = Za to licenco imate ta mesec na voljo še { $left } od { $limit } deaktivacij; štetje se znova začne { $when_html }.
portal-possible-again-html = Znova mogoče od { $when_html }
portal-deactivate = Deaktiviraj
portal-deactivate-confirm = Želite deaktivirati namestitev { $installation }? Njeno mesto se sprosti, izdelek pa na njej preneha delovati.
portal-deactivate-label = Deaktiviraj namestitev { $installation }
portal-by-technician = tehnik { $name }
portal-by-partner-technician = tehnik partnerja
portal-by-organisation = vaše podjetje
portal-seats-in-use = Zasedenih mest: { $used } od { $total }.
portal-installations-caption = Namestitve licence { $serial }
portal-col-installation = Namestitev
portal-col-major-version = Glavna različica
portal-col-by = Kdo
portal-deactivation-limit-title = Dosežena omejitev deaktivacij
portal-deactivation-refused-html = Deaktivacija ni bila izvedena: namestitve te licence so bile ta mesec deaktivirane že { $limit }-krat, kar je največ dovoljeno. Deaktivacija bo znova mogoča od { $when_html }.
portal-back = Nazaj

## Kontaktne osebe podjetja

portal-contacts-title = Kontaktne osebe vašega podjetja
portal-contacts-intro = Vse tukaj navedene osebe se prijavljajo v portal podjetja { $company } in vidijo njegove kupone, zahtevke in licence.
portal-invitations-intro = Povabljena oseba postane kontaktna oseba, ko povabilo sprejme, in sicer v 7 dneh; do takrat povabilo ne daje nobenih pravic, oseba pa se lahko registrira tudi sama.
portal-contacts-caption = Kontaktne osebe
portal-invitations-caption = Povabila
portal-col-name = Ime
portal-col-email = E-pošta
portal-col-phone = Telefon
portal-col-language = Jezik
portal-col-link-valid = Povezava velja do
portal-contact-you = vi
portal-remove = Odstrani
portal-remove-confirm = Želite odstraniti osebo { $name }? Ne bo se mogla več prijaviti.
portal-remove-label = Odstrani osebo { $name }
portal-withdraw = Prekliči
portal-withdraw-confirm = Želite preklicati povabilo za osebo { $name }? Povezava v povabilu ne bo več delovala.
portal-withdraw-label = Prekliči povabilo za osebo { $name }
portal-invite-heading = Povabite sodelavca
portal-invite-button = Pošlji povabilo
portal-field-name = Ime in priimek
portal-field-email = E-poštni naslov
portal-field-phone = Telefon s kodo države

## Profil

portal-profile-title = Vaš profil
portal-email-pending = Na naslov { $email } smo poslali povezavo: vaš e-poštni naslov se bo spremenil, ko jo odprete.
portal-profile-you = Vaši podatki
portal-field-company = Ime podjetja
portal-field-street = Ulica in hišna številka
portal-field-postal-code = Poštna številka
portal-field-city = Kraj
portal-field-vat-id = ID za DDV (neobvezno)
portal-field-your-name = Vaše ime in priimek
portal-email-change-note = Nov naslov bo zamenjal starega, ko odprete povezavo, ki jo pošljemo nanj.
portal-field-language = Jezik naših e-poštnih sporočil in klicev
portal-newsletter = Pošiljajte mi novice in obvestila o programu Time & Space
portal-save = Shrani
portal-vat-confirmed = Vaš ID za DDV je potrdil sistem EU VIES.
portal-vat-not-confirmed = Sistem EU VIES vašega ID za DDV ni potrdil.
portal-vat-being-checked = Vaš ID za DDV preverjamo v sistemu EU VIES.
portal-link-withheld = nič ni bilo shranjeno: na isti naslov pošljemo v eni uri največ { $limit } povezav te vrste, zato nove nismo poslali; znova lahko poskusite od { $when }
portal-when-zone = { $when } { $zone }

## Strani za partnerje

partner-title = Partner
partner-intro = { $name }, { $kind }.
partner-kind-both = prodajni partner (prodajate naročnine SUPS) in tehnik (aktivirate namestitve)
partner-kind-reseller = prodajni partner: prodajate naročnine SUPS
partner-kind-technician = tehnik: aktivirate in deaktivirate namestitve
partner-installations-heading = Namestitve licenc vaših strank
partner-activation-heading = Aktivacija, ki jo opravi tehnik
partner-covered = od { $from } do { $until }
partner-active = aktivna
partner-ended = potekla
partner-subscriptions-caption = Naročnine SUPS
partner-col-license = Licenca
partner-col-covered = Obdobje
partner-col-state = Stanje
partner-col-monthly-fee = Mesečna naročnina
partner-statement-caption = Obračun
partner-col-days-covered = Pokriti dnevi
partner-col-fee = Znesek
partner-days-of = { $covered } od { $days }
partner-statement-total-html = Skupaj za { $month }: { $total_html }
partner-month-invalid = Mesec vnesite v obliki LLLL-MM.
partner-statement-heading = Mesečni obračun
partner-month-label = Mesec (LLLL-MM)
partner-show = Prikaži
partner-sups-heading = Prodaja ali podaljšanje naročnine SUPS
partner-sups-button = Prodaj naročnino SUPS
partner-sups-title = Prodaja naročnine SUPS
partner-field-customer-company = Podjetje stranke
partner-field-country = Država (koda ISO)
partner-field-contact-name = Ime in priimek kontaktne osebe
partner-field-contact-email = E-poštni naslov kontaktne osebe
partner-field-contact-phone = Telefon kontaktne osebe s kodo države
partner-field-starts-on = Naročnina velja od
partner-field-months = Število mesecev (od 1 do 36)
partner-sups-sold-title = Naročnina SUPS prodana
partner-sups-sold = Naročnina SUPS za { $serial } velja od { $from } do { $until }; mesečna naročnina znaša { $fee }.
partner-back = Nazaj na naročnine

## Števila

portal-decimal-separator = ,

## Grafikona službe za podporo

