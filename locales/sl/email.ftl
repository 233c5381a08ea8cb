## Vsa e-poštna sporočila portala (src/domain/notification.rs, noga obvestil
## v src/domain/bulletin.rs). Navadno besedilo: prelom vrstice je prelom.
## Povezave, časi in zneski pridejo že oblikovani; časi so ljubljanski, s
## časovnim pasom (CET/CEST), kjer je naveden rok.

email-greeting = Pozdravljeni, { $name },
email-greeting-plain = Pozdravljeni,
email-signature = Podpora strankam Spica

## Povezave za registracijo in prijavo

email-verification-subject = Potrdite registracijo za Time & Space
email-verification-body =
    hvala, ker ste se registrirali kot uporabnik programa Time & Space. Svoj e-poštni naslov potrdite tako, da odprete to povezavo:

    { $link }

    Povezava velja do { $expires } in jo lahko uporabite enkrat. Ko naslov potrdite, je vaš uporabniški račun aktiven, prejmete pa tudi prvi kupon za podporo (15 minut neposredne podpore).

    Če se niste registrirali, to sporočilo prezrite in nič se ne bo zgodilo.

email-sign-in-subject = Vaša povezava za prijavo v Time & Space
email-sign-in-body =
    za prijavo v portal za podporo strankam Spica odprite to povezavo:

    { $link }

    Povezava velja do { $expires } in jo lahko uporabite enkrat. Če prijave niste zahtevali, to sporočilo prezrite.

email-confirm-address-subject = Potrdite novi e-poštni naslov za podporo Time & Space
email-confirm-address-body =
    odprite to povezavo in s tem naslovom se boste odslej prijavljali v portal za podporo strankam Spica:

    { $link }

    Povezava velja do { $expires }. Dokler novega naslova ne potrdite, ostane v uporabi stari. Če tega niste zahtevali, to sporočilo prezrite.

email-confirm-erasure-subject = Potrdite izbris svojih podatkov iz podpore Time & Space
email-confirm-erasure-body =
    zahtevali ste izbris svojih osebnih podatkov iz portala za podporo strankam Spica. Odprite to povezavo in potrdite izbris svojega imena, e-poštnega naslova in telefonske številke; po izbrisu se ne boste mogli več prijaviti:

    { $link }

    Povezava velja do { $expires }. Če izbrisa niste zahtevali, to sporočilo prezrite: nič se ne spremeni.

email-address-changed-subject = Vaš e-poštni naslov za podporo Time & Space je spremenjen
email-address-changed-body =
    e-poštni naslov, s katerim se prijavljate v portal za podporo strankam Spica, je zdaj { $address }. Na ta naslov portal ne bo več pošiljal ničesar.

    Če te spremembe niste naredili vi, nemudoma odgovorite na to sporočilo ali nas pokličite.

email-welcome-subject = Dobrodošli v podpori Time & Space
email-welcome-body =
    vaša registracija je potrjena. Če ste se nanje naročili, boste prejemali novice in obvestila o programu Time & Space. Na naslovu { $link } lahko zdaj zahtevate neposredno podporo, aktivirate programsko opremo in kupite kupone za podporo.
email-welcome-coupon-granted = Pripisali smo vam prvi kupon za podporo: velja za 15 minut neposredne podpore.
email-welcome-coupon-later = Brezplačni prvi kupon pripada vsaki licenci programske opreme enkrat. Pripisali vam ga bomo, ko bomo preverili serijsko številko vaše licence, razen če ga je ta licenca že prejela.

email-invitation-subject = { $inviter } vas vabi v podjetje { $company } na portalu za podporo strankam Spica
email-invitation-body =
    { $inviter } vas vabi, da se na portalu za podporo strankam Spica pridružite podjetju { $company }, kjer boste lahko zanj kupovali kupone za podporo, zahtevali podporo in upravljali licence. Vabilo sprejmete tako, da odprete to povezavo in potrdite:

    { $link }

    Povezava velja do { $expires } in jo lahko uporabite enkrat. Če podjetja { $company } ne poznate, to sporočilo prezrite in nič se ne bo zgodilo.

## Naročila in plačila

email-pro-forma-subject = Predračun za { $count ->
    [one] { $count } kupon za podporo
    [two] { $count } kupona za podporo
    [few] { $count } kupone za podporo
   *[other] { $count } kuponov za podporo
}, naročilo { $order }
email-pro-forma-intro = hvala za vaše naročilo: { $count ->
    [one] { $count } kupon
    [two] { $count } kupona
    [few] { $count } kuponi
   *[other] { $count } kuponov
} za neposredno podporo po { $unit } za kupon (brez DDV).
email-pro-forma-net = Neto:          { $amount }
email-pro-forma-vat = DDV { $rate } %: { $amount }
email-pro-forma-vat-exempt = DDV { $rate } % (kategorija { $category }): { $amount }. { $mention }
email-pro-forma-reverse-charge = Obrnjena davčna obveznost: DDV obračuna prejemnik (196. člen Direktive Sveta 2006/112/ES)
email-pro-forma-not-subject = Ni predmet DDV v EU: kraj opravljanja storitve je zunaj EU (44. člen Direktive Sveta 2006/112/ES)
email-pro-forma-total = Za plačilo:    { $amount }
email-pro-forma-transfer = Znesek { $amount } nakažite na:
email-pro-forma-beneficiary = Prejemnik:     { $value }
email-pro-forma-iban = IBAN:          { $value }
email-pro-forma-bic = BIC:           { $value }
email-pro-forma-reference = Sklic:         { $value }
email-pro-forma-due = Sklic navedite natančno tako, kot je zapisan: po njem prepoznamo vaše plačilo. Kupone vam pripišemo takoj, ko nakazilo prispe. Naročilo je odprto do { $expires }.
email-pro-forma-printable = Predračun za tiskanje: { $link }

email-payment-received-subject = Plačilo prejeto: pripisali smo { $count ->
    [one] { $count } kupon za podporo
    [two] { $count } kupona za podporo
    [few] { $count } kupone za podporo
   *[other] { $count } kuponov za podporo
}
email-payment-received-body =
    za naročilo { $order } smo prejeli { $total }. Vašemu podjetju smo pripisali { $count ->
        [one] { $count } kupon
        [two] { $count } kupona
        [few] { $count } kupone
       *[other] { $count } kuponov
    }: vsak velja za 15 minut neposredne podpore.

    Vaš račun (za ogled in tiskanje): { $invoice }
    Isti račun kot e-račun (UBL XML) za vaše računovodstvo: { $invoice }/xml

## Zahtevki, stranki

email-incident-received-subject = Prejeli smo vaš zahtevek za podporo { $number }
email-incident-received-body = prejeli smo vaš zahtevek „{ $subject }“.
email-callback-promise =
    Strokovnjak podpore Spica vas bo poklical nazaj najpozneje do { $due }; na večino zahtevkov se odzovemo že precej prej kot v 12 urah.

    Zahtevek lahko spremljate in nam pišete na { $link }

    Čas podpore obračunavamo po vsakih začetih 15 minutah, vsakih 15 minut en kupon.

email-opened-for-caller-subject = Vaš zahtevek za podporo { $number } po vašem klicu
email-opened-for-caller-body = hvala za vaš klic. V službi za podporo Spica smo za vas odprli zahtevek { $number } „{ $subject }“ (svetovalec: { $agent }).

email-callback-failed-subject = Glede zahtevka { $number } vas nismo mogli doseči
email-callback-failed-tried = trikrat smo vas poskušali poklicati nazaj glede zahtevka „{ $subject }“ na številko { $phone }, a neuspešno.
email-callback-failed-reply = Preprosto odgovorite na to sporočilo in nam sporočite, kdaj vam ustreza, ali drugo številko (lahko pa pišete tudi na { $link }), poklicali vas bomo znova v 24 urah.
email-callback-failed-page = Na { $link } nam sporočite, kdaj vam ustreza, ali drugo številko, poklicali vas bomo znova v 24 urah.

email-incident-message-subject = Re: { $subject } [{ $number }]
email-incident-message-from = { $author } sporoča:
# Svetovalec službe za podporo, kot ga imenuje sporočilo stranki.
email-staff-author = { $name } (podpora Spica)

email-balance-below-zero-subject = Stanje vaših kuponov za podporo je negativno
email-balance-below-zero-body =
    čas podpore pri zahtevku { $number } je presegel vaše preostale kupone: stanje je zdaj { $balance ->
        [one] { $balance } kupon
        [two] { $balance } kupona
        [few] { $balance } kuponi
       *[other] { $balance } kuponov
    }. Kupite kupone, da primanjkljaj poravnate; novi zahtevki za podporo počakajo, dokler ni poravnan.

email-closing-subject = Zahtevek za podporo { $number } je zaprt
email-closing-body = vaš zahtevek za podporo „{ $subject }“ je zaprt.
email-closing-resolution = Rešitev: { $resolution }
email-closing-sessions = Seje podpore:
email-closing-total = Skupni čas: { $minutes } min { $seconds } s
email-closing-increments = Začete 15-minutne enote (šteje vsaka začeta): { $count }
email-closing-charged = Porabljeni kuponi: { $count }
email-closing-balance = Preostalo stanje: { $balance ->
    [one] { $balance } kupon
    [two] { $balance } kupona
    [few] { $balance } kuponi
   *[other] { $balance } kuponov
}
email-closing-best-effort = Podporo nudimo po najboljših močeh.

## Licence

email-sups-ending-subject = Vaša naročnina SUPS za { $serial } poteče { $day }
email-sups-ending-body = vaša naročnina SUPS (posodobitve programske opreme in prednostna podpora) za licenco { $serial } poteče { $day }. Če želite obdržati brezplačne posodobitve, prednostno podporo in 40-odstotni popust pri kuponih, prosite svojega partnerja Spica, naj jo podaljša.

email-join-request-subject = Ali { $name } spada v vaše podjetje? (licenca { $serial })
email-join-request-body =
    oseba { $name } <{ $address }> iz podjetja { $company } se je registrirala s serijsko številko vaše licence { $serial }. Če je to vaš sodelavec, odprite to povezavo in potrdite: oseba se bo na portalu pridružila vašemu podjetju in videla njegove licence, naročila in zahtevke.

    { $link }

    Povezava velja do { $expires }. Če te osebe ne poznate, to sporočilo prezrite: o vaši licenci ne bo videla ničesar.

email-claim-refused-subject = Registracije vaše licence nismo mogli potrditi
email-claim-refused-body =
    serijske številke licence { $serial }, s katero ste se registrirali, nismo mogli potrditi:

    { $reason }

    Če menite, da gre za napako, odgovorite na to sporočilo.

## Skupnemu naslovu službe za podporo (v jeziku DESK_LANGUAGE)

email-desk-new-incident-subject = Nov zahtevek za podporo { $number }: pokličite nazaj do { $due }
email-desk-reminder-subject = Zahtevek { $number }: { $what }
email-desk-target-passed = ciljni rok 12 ur za povratni klic je pretekel
email-desk-deadline-near = rok za povratni klic se izteka: { $due }
email-desk-attempt-due = na vrsti je { $attempt }. poskus povratnega klica
email-desk-deadline-missed = rok za povratni klic je zamujen (SLA ni izpolnjen)
email-desk-summary-incident = Zahtevek:     { $value }
email-desk-summary-subject = Zadeva:       { $value }
email-desk-summary-customer = Stranka:      { $company } ({ $contact })
email-desk-summary-channel = Kanal:        { $value }
email-desk-summary-phone = Telefon:      { $value }
email-desk-summary-times = Termini:      { $value }
email-desk-summary-due = Pokličite do: { $value }
email-desk-summary-open = Odpri:        { $value }
email-desk-any-time = kadar koli
email-desk-channel-voice = telefonski klic
email-desk-channel-chat = klepet
email-desk-channel-video = videoklic
email-desk-channel-remote-desktop = oddaljeno namizje
email-desk-opened-for-caller = Zahtevek je odprla služba za podporo Spica (svetovalec: { $agent }) v imenu kontaktne osebe stranke, ki je poklicala.

## Obvestila: noga pod vsakim

email-bulletin-footer = Novice družbe Spica prejemate, ker ste se nanje naročili. Za odjavo odprite { $link }
email-bulletin-footer-html = Novice družbe Spica prejemate, ker ste se nanje naročili.
email-bulletin-unsubscribe = Odjava

## Obrazec za obvestila v službi za podporo: polja obeh različic

email-bulletin-field-subject = Zadeva (angleško)
email-bulletin-field-body = Besedilo (angleško)
email-bulletin-field-subject-sl = Zadeva (slovensko; prazno: angleško besedilo v obeh jezikih)
email-bulletin-field-body-sl = Besedilo (slovensko)
