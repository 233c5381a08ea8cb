## Opisi težav (RFC 9457): `title` in `detail` vsake zavrnitve.
## `-title` poimenuje vrsto težave, podrobnost pove, kaj storiti.

problem-unsupported-media-type-title = Nepodprta vrsta vsebine
problem-unsupported-media-type = Vsebino pošljite kot { $accepted }.
problem-payload-too-large-title = Vsebina je prevelika
problem-payload-too-large = Vsebina zahteve je tu omejena na { $bytes } bajtov (priložene datoteke na { $mebibytes } MiB).
problem-malformed-body-title = Neberljiva vsebina
problem-malformed-json = Vsebina ni veljaven JSON (vrstica { $line }, stolpec { $column }).
problem-not-json-object = Vsebina mora biti objekt JSON.
problem-form-encoding = Vsebina obrazca ni veljavno kodirana za URL.
problem-multipart-framing = Razmejitev delov vsebine multipart/form-data je pokvarjena.
problem-body-unreadable = Vsebine zahteve ni bilo mogoče prebrati.
problem-upgrade-required-title = Potrebna je nadgradnja povezave
problem-upgrade-required = Ta naslov je WebSocket: pošljite zahtevo z glavo Upgrade: websocket.
problem-method-not-allowed-title = Metoda ni dovoljena
problem-method-not-allowed = Ta naslov sprejema { $allow }.

problem-validation-title = Neveljavni podatki
problem-validation = { $count ->
    [one] { $count } polje je neveljavno; podrobnosti so navedene pri polju.
    [two] { $count } polji sta neveljavni; podrobnosti so navedene pri poljih.
    [few] { $count } polja so neveljavna; podrobnosti so navedene pri poljih.
   *[other] { $count } polj je neveljavnih; podrobnosti so navedene pri poljih.
}
problem-not-found-title = Ni najdeno
problem-not-found = Na tem naslovu ni ničesar.
problem-internal-title = Notranja napaka
problem-internal = Pri nas je šlo nekaj narobe. Poskusite znova.
problem-unavailable-title = Ni na voljo
problem-unavailable = Žal { $reason }.
problem-unavailable-activation = aktivacija ni nastavljena
problem-unavailable-license-files = datoteke licenc niso nastavljene
problem-unavailable-staff-sign-in = prijave osebja trenutno ni mogoče preveriti
problem-unavailable-card-payments = plačila s plačilno kartico niso nastavljena
problem-unavailable-bank-transfers = bančna nakazila niso nastavljena
problem-unavailable-randomness = vir naključnosti ni na voljo
problem-unavailable-vat-rate = stopnja DDV za državo prodajalca ni znana
problem-idempotency-key-reused-title = Ključ Idempotency-Key je že uporabljen
problem-idempotency-key-reused = Ta Idempotency-Key je bil že uporabljen pri drugi zahtevi. Za novo zahtevo pošljite nov ključ; če pošljete isto zahtevo, boste znova prejeli njen prvi odgovor.

## Dostop

problem-unauthenticated-title = Potrebna je prijava
problem-unauthenticated = Pošljite veljaven žeton v glavi Authorization: Bearer.
problem-forbidden-title = Ni dovoljeno
problem-forbidden = { $reason }.
problem-forbidden-staff-role = vaša vloga v službi za podporo tega ne dovoljuje
problem-forbidden-partner-kind = ta vrsta partnerja tega ne sme storiti
problem-forbidden-live-roles = v podpori v živo sodelujejo le svetovalci in skrbniki
problem-forbidden-not-staff = niste (ali niste več) zaposleni v podjetju Spica
problem-forbidden-not-here = ta poverilnica ne velja za ta del portala
problem-forbidden-resellers-only = naročnine SUPS prodajajo le prodajni partnerji
problem-forbidden-live-origin = v podporo v živo lahko vstopite le prek strani tega portala
problem-forbidden-form-origin = sprejemamo le obrazce, poslane prek strani tega portala
problem-account-not-active-title = Uporabniški račun ni aktiven
problem-account-not-active = Najprej potrdite svoj e-poštni naslov s povezavo iz sporočila o registraciji.
problem-invalid-token-title = Neveljaven žeton
problem-invalid-token = Žeton ni znan. Uporabite najnovejšo povezavo, ki ste jo prejeli po e-pošti.
problem-token-expired-title = Žeton je potekel
problem-token-expired = Povezava je potekla. Zahtevajte novo.
problem-token-used-title = Žeton je že uporabljen
problem-token-used = Povezava je bila že uporabljena. Če jo potrebujete, zahtevajte novo.
problem-email-taken-title = E-poštni naslov je že registriran
problem-email-taken = Ta e-poštni naslov je že registriran. Raje se prijavite ali uporabite drug naslov.
problem-last-contact-title = Zadnja kontaktna oseba
problem-last-contact = Podjetje mora imeti vsaj eno aktivno kontaktno osebo: najprej povabite sodelavca.
problem-rate-limited-title = Preveč zahtev
problem-rate-limited = { $seconds ->
    [one] Preveč zahtev; poskusite znova čez { $seconds } sekundo.
    [two] Preveč zahtev; poskusite znova čez { $seconds } sekundi.
    [few] Preveč zahtev; poskusite znova čez { $seconds } sekunde.
   *[other] Preveč zahtev; poskusite znova čez { $seconds } sekund.
}
problem-link-withheld-title = Povezava ni bila poslana
problem-link-withheld = { $count ->
    [one] Na isti naslov pošljemo največ { $count } povezavo te vrste na uro, zato nove nismo poslali: zadnjo ste zahtevali { $last }; znova jo lahko zahtevate od { $retry } naprej.
    [two] Na isti naslov pošljemo največ { $count } povezavi te vrste na uro, zato nove nismo poslali: zadnjo ste zahtevali { $last }; znova jo lahko zahtevate od { $retry } naprej.
    [few] Na isti naslov pošljemo največ { $count } povezave te vrste na uro, zato nove nismo poslali: zadnjo ste zahtevali { $last }; znova jo lahko zahtevate od { $retry } naprej.
   *[other] Na isti naslov pošljemo največ { $count } povezav te vrste na uro, zato nove nismo poslali: zadnjo ste zahtevali { $last }; znova jo lahko zahtevate od { $retry } naprej.
}
problem-invitation-accepted-title = Povabilo je že sprejeto
problem-invitation-accepted = To povabilo je bilo že sprejeto: prijavite se z naslovom, na katerega ste bili povabljeni.
problem-invited-address-taken-title = Naslov je že v uporabi
problem-invited-address-taken = Povabljeni naslov je že kontaktna oseba nekega podjetja (medtem se je registriral ali sprejel drugo povabilo): raje se prijavite z njim.
problem-invitation-withdrawn-title = Povabilo je preklicano
problem-invitation-withdrawn = Vaš sodelavec je to povabilo preklical.
problem-invitation-replaced-title = Povabilo je nadomeščeno
problem-invitation-replaced = To povabilo je bilo nadomeščeno z novejšim: odprite najnovejše povabilo, ki ste ga prejeli.
problem-organisation-gone-title = Podjetje ni več aktivno
problem-organisation-gone = Podjetje, ki vas je povabilo, na portalu ni več aktivno.
problem-invitation-expired-title = Povabilo je poteklo
problem-invitation-expired = To povabilo je poteklo: prosite sodelavca, naj vas povabi znova.

## Plačila

problem-payment-required-title = Potrebujete kupone
problem-payment-required = Za neposredno podporo potrebujete vsaj en kupon, stanje pa ne sme biti pod nič. Kupone naročite na /api/me/coupon-orders.
problem-insufficient-balance-title = Premajhno stanje
problem-insufficient-balance = Stanje kuponov bi padlo pod nič.
problem-order-not-cancellable-title = Naročila ni mogoče preklicati
problem-order-not-cancellable = Preklicati je mogoče le naročilo, ki še ni plačano.
problem-unknown-order-title = Neznano naročilo
problem-unknown-order = Nobeno naročilo nima tega ID-ja.
problem-order-not-in-review-title = Naročilo ni v pregledu
problem-order-not-in-review = Zaključiti je mogoče le naročilo v pregledu, in to le enkrat.
problem-payment-provider-title = Ponudnik plačil ni dosegljiv
problem-payment-provider = Plačila s plačilno kartico ni bilo mogoče začeti. Poskusite znova ali plačajte z bančnim nakazilom.
problem-invalid-signature-title = Neveljaven podpis
problem-signature-missing = Glava Stripe-Signature manjka.
problem-signature-malformed = Glava Stripe-Signature je napačno oblikovana.
problem-signature-mismatch = Noben podpis se ne ujema.
problem-signature-stale = Časovni žig podpisa je zunaj dovoljenega odstopanja.
problem-malformed-event-title = Neberljiv dogodek
problem-malformed-event = Dogodek ni objekt JSON z id, type in data.object.
problem-payment-not-yet-known-title = Napačen vrstni red
problem-payment-not-yet-known = Plačilo, na katero se nanaša ta dogodek, še ni prispelo; dogodek bo poslan znova.
problem-invalid-statement-title = Izpiska ni mogoče prebrati
problem-invalid-statement = Nič ni bilo uvoženo: { $reason }.
problem-already-matched-title = Že povezano
problem-already-matched = Ta postavka bančnega izpiska je že povezana z naročilom.
problem-task-resolved-title = Opravilo je rešeno
problem-task-resolved = To opravilo je že rešeno.

## Bančni izpisek, ki ga ni mogoče prebrati: kje in kaj

problem-statement-entry = postavka { $entry }
problem-statement-transaction = postavka { $entry }, transakcija { $transaction }
problem-statement-not-xml = datoteka ni pravilno oblikovan XML (blizu bajta { $position }): { $reason }
problem-statement-not-iso20022 = korenski element XML je <{ $found }>, ne <Document> po ISO 20022
problem-statement-unsupported-message = nepodprto sporočilo { $message }: sprejemamo le camt.053 (izpisek) in camt.054 (obvestilo)
problem-statement-unexpected-element = dokument { $message } ima element <{ $found }>, pričakovan pa je <{ $expected }>
problem-statement-no-statement = dokument { $message } nima bloka <{ $element }>
problem-statement-missing-element = { $at }: manjka element { $element }
problem-statement-bad-amount = { $at }: { $element } ni pozitiven decimalni znesek: „{ $value }“
problem-statement-bad-currency = { $at }: { $element } ni tričrkovna koda valute po ISO 4217: „{ $value }“
problem-statement-bad-value = { $at }: { $element } ima neveljavno vrednost „{ $value }“
problem-statement-empty-csv = datoteka CSV nima vrstic
problem-statement-csv-not-utf8 = vrstica CSV { $line }: besedilo ni veljaven UTF-8
problem-statement-csv-unclosed-quote = vrstica CSV { $line }: polje v narekovajih ni zaključeno
problem-statement-csv-text-after-quote = vrstica CSV { $line }: za zaključnim narekovajem je nepričakovano besedilo
problem-statement-csv-columns = { $found ->
    [one] vrstica CSV { $line }: pričakovanih je 6 stolpcev (datum knjiženja, znesek, valuta, sklic, ime plačnika, bančni sklic), najden je { $found }
    [two] vrstica CSV { $line }: pričakovanih je 6 stolpcev (datum knjiženja, znesek, valuta, sklic, ime plačnika, bančni sklic), najdena sta { $found }
    [few] vrstica CSV { $line }: pričakovanih je 6 stolpcev (datum knjiženja, znesek, valuta, sklic, ime plačnika, bančni sklic), najdeni so { $found }
   *[other] vrstica CSV { $line }: pričakovanih je 6 stolpcev (datum knjiženja, znesek, valuta, sklic, ime plačnika, bančni sklic), najdenih je { $found }
}
problem-statement-csv-missing = vrstica CSV { $line }: stolpec „{ $column }“ je prazen
problem-statement-csv-bad-date = vrstica CSV { $line }: napačen datum knjiženja „{ $value }“ (pričakovan LLLL-MM-DD, DD.MM.LLLL ali DD/MM/LLLL)
problem-statement-csv-bad-amount = vrstica CSV { $line }: napačen znesek „{ $value }“ ({ $reason })
problem-statement-csv-bad-currency = vrstica CSV { $line }: napačna valuta „{ $value }“ (pričakovana je tričrkovna koda po ISO 4217)
problem-statement-column-booking-date = datum knjiženja
problem-statement-column-amount = znesek
problem-statement-column-currency = valuta
problem-statement-amount-not-decimal = ni decimalno število
problem-statement-amount-too-large = prevelik
problem-statement-amount-zero = ničla ni premik sredstev
problem-statement-amount-ambiguous = dvoumno: ločilo tisočic ali tri decimalke
problem-statement-amount-bad-decimals = napačen decimalni del
problem-statement-amount-bad-grouping = napačno združevanje števk

## Zahtevki

problem-incident-state-title = Zdaj ni mogoče
problem-incident-closed = Zahtevek je zaprt.
problem-incident-awaiting-customer = Zahtevek čaka na odgovor stranke; povratni klic ni predviden.
problem-session-overlaps-title = Seja se prekriva
problem-session-overlaps = Seja se prekriva z drugo sejo tega zahtevka.
problem-invalid-session-title = Neveljavna seja
problem-session-ends-before-start = Seja se mora končati po začetku.
problem-session-too-long = Seja lahko traja največ 12 ur.
problem-session-in-the-future = Seja se ne more končati v prihodnosti.
problem-conflict-title = Medtem spremenjeno
problem-conflict = Zahtevek je bil hkrati spremenjen; poskusite znova.
problem-phone-call-running-title = Klic poteka
problem-phone-call-running = Pri tem zahtevku že poteka telefonski klic: najprej ga končajte.
problem-no-phone-call-title = Ni klica
problem-no-phone-call = Pri tem zahtevku ne poteka noben telefonski klic (je bil medtem končan?).
problem-no-coupons-title = Ni več kuponov
problem-no-coupons = { $balance ->
    [one] Ni več kuponov: stanje podjetja je { $balance } kupon, za neposredno podporo pa je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje.
    [two] Ni več kuponov: stanje podjetja je { $balance } kupona, za neposredno podporo pa je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje.
    [few] Ni več kuponov: stanje podjetja je { $balance } kuponi, za neposredno podporo pa je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje.
   *[other] Ni več kuponov: stanje podjetja je { $balance } kuponov, za neposredno podporo pa je potreben vsaj en kupon. Najprej prodajte kupone ali popravite stanje.
}
problem-organisation-not-active-title = Podjetje ni aktivno
problem-organisation-unconfirmed = Podjetje še ni potrdilo registracije: zanj ni mogoče odpreti zahtevka.
problem-organisation-merged-into = Podjetje je bilo združeno s podjetjem { $into }, ki ima zdaj njegovo licenco in kontaktne osebe: zahtevek odprite tam.
problem-organisation-merged = Podjetje je bilo združeno z drugim: zahtevek odprite tam.

## Licence

problem-unknown-license-title = Neznana licenca
problem-unknown-license = Nobena licenca nima te serijske številke.
problem-license-revoked-title = Licenca je preklicana
problem-license-revoked = Licenca je preklicana.
problem-version-not-covered-title = Različica ni zajeta
problem-version-not-covered = Te različice programa ne zajemata niti licenca niti njena naročnina SUPS.
problem-too-many-installations-title = Preveč namestitev
problem-too-many-installations = Vse namestitve te licence so aktivirane: deaktivirajte eno, da sprostite njeno mesto.
problem-deactivation-limit-title = Omejitev deaktivacij
problem-deactivation-limit = Ta licenca je ta mesec porabila vse deaktivacije.
problem-held-by-another-title = Licenca pripada drugemu podjetju
problem-held-by-another = To licenco ima drugo podjetje.
problem-license-not-held-title = Brez imetnika
problem-license-not-held = Te licence nima nobeno podjetje; raje jo dodelite.
problem-claim-decided-title = O prevzemu je že odločeno
problem-claim-decided = O tem prevzemu licence je že odločeno.
problem-signing = Žal datotek licenc zdaj ni mogoče podpisati. Poskusite znova pozneje.

## Delovanje portala

problem-link-email-not-resent-title = Sporočilo s povezavo ni bilo poslano znova
problem-link-email-not-resent = Sporočila s povezavo ne pošljemo znova: ko pošiljanje ni uspelo, smo povezavo odstranili, medtem pa je tudi potekla; oseba naj zahteva novo.
problem-email-settled-title = Sporočilo je urejeno
problem-email-settled = To sporočilo je že urejeno (poslano, poslano znova ali zaprto).

## Podpora v živo: zakaj soba ni sprejela okvirja (stran to izpiše)

problem-live-too-large = okvir je lahko velik največ 64 KiB
problem-live-not-text = okvirji so besedilo JSON
problem-live-malformed = okvir ni objekt JSON z vrsto in njenimi polji
problem-live-unknown-type = okvirja te vrste ni
problem-live-invalid = polje okvirja ni veljavno
problem-live-rate-limited = preveč okvirjev: upočasnite
problem-live-forbidden = tega okvirja ne smete poslati
problem-live-busy = klic ali klepet že poteka
problem-live-not-ringing = nič ne zvoni
problem-live-not-in-call = niste udeleženi v takem klicu
problem-live-peer-away = druga stran ni dosegljiva; nič ni bilo posredovano

## Napake polj: zakaj je bilo posamezno polje obrazca ali vsebine zavrnjeno,
## izpisano ob polju (zato z malo začetnico).

field-required = izpolnite to polje
field-not-text = vnesite besedilo
field-not-number = vnesite število
field-whole-number = vnesite celo število
field-whole-number-up-to = vnesite celo število od 1 do { $max }
field-true-or-false = vrednost mora biti true ali false
field-not-object = vrednost mora biti objekt JSON
field-instant = vnesite čas v zapisu RFC 3339, npr. 2026-11-26T09:30:00Z
field-local-time = vnesite datum in uro po ljubljanskem času, npr. 2026-11-26T09:30
field-skipped-hour = ta ura v Ljubljani ne obstaja: ob prehodu na poletni čas se ura premakne naprej
field-date = vnesite datum v obliki LLLL-MM-DD, npr. 2026-12-06
field-month = vnesite mesec v obliki LLLL-MM, npr. 2028-02
field-too-long = { $max ->
    [one] vnesite največ { $max } znak
    [two] vnesite največ { $max } znaka
    [few] vnesite največ { $max } znake
   *[other] vnesite največ { $max } znakov
}
field-control-characters = besedilo ne sme vsebovati kontrolnih znakov
field-control-characters-multiline = besedilo ne sme vsebovati kontrolnih znakov razen prelomov vrstic in tabulatorjev
field-language = vrednost mora biti sl ali en
field-id = vnesite ID z začetkom { $prefix }_
field-contact-id = vnesite ID kontaktne osebe (con_…)
field-adjustment-range = vnesite celo število od -{ $max } do { $max }, ki ni 0
field-period-order = konec obdobja ne sme biti pred začetkom
field-period-days = { $days ->
    [one] obdobje je lahko dolgo največ { $days } dan
    [two] obdobje je lahko dolgo največ { $days } dneva
    [few] obdobje je lahko dolgo največ { $days } dni
   *[other] obdobje je lahko dolgo največ { $days } dni
}
field-registered-already = naslov je že registriran; raje se prijavite
field-contact-already = s tem naslovom je že registrirana kontaktna oseba nekega podjetja
field-read-only-here = tega tukaj ni mogoče spremeniti
field-read-only = tega ni mogoče spremeniti
field-search-too-short = za iskanje vnesite vsaj dva znaka
field-idempotency-incident = pošljite glavo Idempotency-Key, edinstveno za ta zahtevek
field-idempotency-adjustment = pošljite glavo Idempotency-Key, edinstveno za ta popravek stanja
field-idempotency-request = pošljite glavo Idempotency-Key, edinstveno za to zahtevo
field-idempotency-printable = vsebuje lahko le natisljive znake ASCII
field-invoice-format = vrednost mora biti json ali csv
field-task-status = vrednost mora biti open ali resolved
field-accept-terms = sprejeti morate pogoje podpore
field-not-a-contact = izbrana oseba ni kontaktna oseba tega podjetja
field-inactive-contact = izbrana oseba ni aktivna kontaktna oseba (odstranjena je ali pa njen naslov še ni potrjen): izberite drugo
field-no-active-contact = podjetje nima aktivne kontaktne osebe, za katero bi lahko odprli zahtevek
field-choose-caller = podjetje ima več kontaktnih oseb: izberite, kdo je klical
field-document-number = vnesite številko, npr. { $prefix }-2026-00042
field-payment-method = vrednost mora biti „card“ ali „bank_transfer“
field-correction-kind = vrednost mora biti credit, refund ali cancel
field-serial-or-zero = vnesite serijsko številko iz okna Pomoč/O programu (črke, števke in pomišljaji) ali 0, če je nimate
field-serial = vnesite serijsko številko iz 4 do 40 črk, števk in pomišljajev
field-serial-zero = licenca potrebuje serijsko številko; 0 pomeni neznano serijsko številko in ni veljavna
field-vat-id = vnesite ID za DDV s predpono države, npr. SI12345678
field-queue-view = vrednost mora biti ena od: { $names }
field-assignee = vrednost mora biti me, none ali e-poštni naslov sodelavca
field-version = vnesite različico, npr. 7, 7.2 ali 7.2.1 (glavna različica je vsaj 1)
field-price = znesek mora biti večji od 0.00
field-money = vnesite znesek v evrih z decimalno piko in največ dvema decimalkama, npr. 25.00
field-partner-id = { $max ->
    [one] vnesite ID partnerja, npr. ptn_6F9Z… (največ { $max } znak)
    [two] vnesite ID partnerja, npr. ptn_6F9Z… (največ { $max } znaka)
    [few] vnesite ID partnerja, npr. ptn_6F9Z… (največ { $max } znake)
   *[other] vnesite ID partnerja, npr. ptn_6F9Z… (največ { $max } znakov)
}
field-partner-kind = vrednost mora biti reseller, technician ali both
field-months = vnesite število mesecev od 1 do { $max }
field-sale-start = { $days ->
    [one] izberite datum med { $earliest } in { $latest }: največ { $days } dan od prodaje
    [two] izberite datum med { $earliest } in { $latest }: največ { $days } dneva od prodaje
    [few] izberite datum med { $earliest } in { $latest }: največ { $days } dni od prodaje
   *[other] izberite datum med { $earliest } in { $latest }: največ { $days } dni od prodaje
}
field-email = vnesite e-poštni naslov, npr. ana@podjetje.si
field-vendor-address = to je naslov podjetja Spica, ki ga stranka ne more imeti; vnesite svoj naslov
field-channel = vrednost mora biti voice, chat, video ali remote_desktop
field-call-outcome = vrednost mora biti reached, no_answer, busy ali failed
field-token = to ni žeton, ki bi ga izdal ta portal
field-installation-id = vnesite ID namestitve, ki ga prikaže program: največ { $max } črk, števk in znakov -, _, . in :
field-activation-character = „{ $character }“ ni znak aktivacijske kode
field-activation-code = vnesite 25 znakov aktivacijske kode, npr. 1R57J-TX8EJ-HF1KM-762JE-TMDWA
field-rf-reference = vnesite sklic RF, npr. RF18 5390 0754 7034
field-file-no-name = datoteka nima imena
field-file-empty = datoteka je prazna
field-file-type = sprejemamo le datoteke PNG, JPEG, PDF, TXT, LOG, CSV in ZIP
field-file-content = vsebina datoteke se ne ujema z njenim imenom ({ $kind })
field-path = to ni pot na tem portalu
field-staff-role = vrednost mora biti agent, finance ali admin
field-unknown-customer = nobena stranka nima tega ID-ja
field-unknown-partner = noben partner nima tega ID-ja
field-below-zero = stanje kuponov bi padlo pod nič
field-nothing-saved = Nič ni bilo shranjeno. { $reason }
field-phone-for-voice = za glasovni povratni klic vnesite telefonsko številko (npr. 041 123 456 ali +386 1 234 5678)
