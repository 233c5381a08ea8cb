## Strani službe za podporo za finance in upravo: popravki stanja,
## revizijska sled, prevzemi licenc, uvoz licenc in različice, partnerji,
## bančni izpiski, opravila, obvestila.

## Vloge osebja in partnerjev (revizijska sled)

desk2-role-admin = skrbnik
desk2-role-finance = finance
desk2-role-agent = svetovalec
desk2-role-reseller = prodajni partner
desk2-role-technician = tehnik
desk2-role-both = prodajni partner in tehnik

## Popravki stanja

desk2-adjust-title = Popravek stanja
desk2-adjust-done-title = Stanje je popravljeno
desk2-adjust-find-first = Najprej poiščite stranko: stanje popravite na strani njenega podjetja.
desk2-adjust-search-name = Iskanje stranke za popravek stanja
desk2-adjust-search-label = Podjetje, oseba, e-poštni naslov, telefon, serijska številka ali ID za DDV
desk2-adjust-search-button = Poišči stranko
desk2-adjust-customer = Stranka:
desk2-adjust-coupons = Število kuponov, ki jih dodate (z minusom jih odvzamete)
desk2-adjust-reason = Razlog
desk2-adjust-button = Popravi stanje
desk2-adjust-done = Stanje stranke { $customer } je zdaj { $count ->
    [one] { $count } kupon
    [two] { $count } kupona
    [few] { $count } kuponi
   *[other] { $count } kuponov
}.

## Revizijska sled

desk2-audit-title = Revizijska sled
desk2-audit-target = Cilj (ID)
desk2-audit-actor = Izvajalec (ID ali e-poštni naslov)
desk2-audit-filter = Filtriraj
desk2-audit-caption = Dejanja osebja in partnerjev
desk2-audit-when = Kdaj
desk2-audit-who = Kdo
desk2-audit-action = Dejanje
desk2-audit-target-column = Cilj
desk2-audit-details = Podrobnosti

## Prevzemi licenc

desk2-claims-title = Prevzemi licenc
desk2-claims-intro = Registracija, pri kateri podjetje ni imetnik licence z vpisano serijsko številko (ali je vpisalo 0), je prevzem licence: dodelite licenco, če je nima nihče, prosite kontaktne osebe imetnika, naj prosilca sprejmejo, ali prevzem zavrnite z razlogom, ki ga prosilec prejme po e-pošti.
desk2-claims-caption = Prevzemi licenc, najstarejši najprej
desk2-claims-registered = Registrirano
desk2-claims-claimant = Prosilec
desk2-claims-serial-typed = Vpisana serijska številka
desk2-claims-status = Stanje
desk2-claims-decide = Odločitev
desk2-claims-serial = Serijska številka (če ni enaka vpisani)
desk2-claims-assign = Dodeli
desk2-claims-join = Vprašaj imetnika
desk2-claims-reason = Razlog
desk2-claims-refuse = Zavrni

## Uvoz licenc

desk2-licenses-title = Uvoz licenc
desk2-licenses-report-title = Poročilo o uvozu licenc
desk2-licenses-file = Licence (CSV ali polje JSON s stolpci serial, product, edition, version, list_price, installations, partner_id, licensee_name, licensee_country, licensee_vat_id)
desk2-licenses-import = Uvozi
desk2-licenses-choose-file = Izberite datoteko CSV ali JSON z licencami.
desk2-licenses-counts = Uvoženih: { $imported }, posodobljenih: { $updated }, zavrnjenih: { $rejected }.
desk2-licenses-rejected-caption = Zavrnjene vrstice
desk2-licenses-row = Vrstica
desk2-licenses-serial = Serijska številka
desk2-licenses-errors = Napake

## Različice

desk2-releases-title = Različice
desk2-releases-caption = Različice, najnovejše najprej
desk2-releases-product = Izdelek
desk2-releases-version = Različica
desk2-releases-released-on = Datum izida
desk2-releases-add-heading = Dodajte različico
desk2-releases-version-label = Različica (na primer 9.1)
desk2-releases-add-button = Dodaj različico

## Partnerji

desk2-partners-title = Partnerji
desk2-partners-added-title = Partner je dodan
desk2-partners-kind-reseller = Prodajni partner
desk2-partners-kind-technician = Tehnik
desk2-partners-kind-both = Prodajni partner in tehnik
desk2-partners-revoked = preklican { $when_html }
desk2-partners-revoke-confirm = Želite preklicati ključ partnerja { $name }? Njegovi klici bodo takoj zavrnjeni.
desk2-partners-revoke-name = Prekliči ključ partnerja { $name }
desk2-partners-revoke = Prekliči
desk2-partners-caption = Partnerji
desk2-partners-id = ID
desk2-partners-name = Ime
desk2-partners-kind = Vrsta
desk2-partners-country = Država
desk2-partners-email = E-pošta
desk2-partners-key = Ključ
desk2-partners-add-heading = Dodajte partnerja
desk2-partners-country-label = Država (koda ISO)
desk2-partners-add-button = Dodaj partnerja
desk2-partners-added = Partner { $name } ({ $kind }) je dodan z ID-jem { $id_html }.
desk2-partners-key-once = Partnerjev ključ API je prikazan samo tokrat: predajte mu ga zdaj.
desk2-partners-copy = Kopiraj
desk2-partners-back = Nazaj na partnerje

## Bančni izpiski

desk2-statements-title = Bančni izpiski
desk2-statements-report-title = Poročilo o usklajevanju
desk2-statements-file = Bančni izpisek (camt.053, camt.054 ali CSV)
desk2-statements-upload = Naloži
desk2-statements-choose-file = Izberite datoteko bančnega izpiska, ki jo želite naložiti.
desk2-statements-no-order = Iskanju „{ $typed }“ ne ustreza nobeno odprto naročilo.
desk2-statements-due-received = za plačilo { $due }, prejeto { $received }
desk2-statements-match-name = Poveži z naročilom { $number } podjetja { $company }
desk2-statements-match = Poveži
desk2-statements-find-label = Poiščite naročilo: številka, znesek, podjetje ali sklic
desk2-statements-find = Poišči
desk2-statements-unmatched-caption = Nepovezana nakazila
desk2-statements-booked = Knjiženo
desk2-statements-amount = Znesek
desk2-statements-reference = Sklic
desk2-statements-remitter = Plačnik
desk2-statements-match-column = Povezava z naročilom
desk2-statements-counts = Vnosi: { $entries } (povezani: { $matched }, delna plačila: { $partial }, preplačila: { $overpaid }, nepovezani: { $unmatched }, podvojeni: { $duplicates }, prezrti: { $ignored }).
desk2-statements-entries-caption = Vnosi
desk2-statements-index = #
desk2-statements-outcome = Izid
desk2-statements-order = Naročilo
desk2-statements-detail = Podrobnosti

## Opravila in naročila v pregledu

desk2-tasks-title = Opravila
desk2-tasks-resolve = Zaključi
desk2-tasks-note = Opomba
desk2-tasks-order-total = { $count ->
    [one] { $count } kupon
    [two] { $count } kupona
    [few] { $count } kuponi
   *[other] { $count } kuponov
}, { $total }
desk2-tasks-settle = Poravnaj
desk2-tasks-settle-by = Način poravnave
desk2-tasks-credit = Pripiši kupone (sprejmi plačilo)
desk2-tasks-refund = Vrni plačilo
desk2-tasks-cancel = Prekliči naročilo
desk2-tasks-in-review-heading = Naročila v pregledu
desk2-tasks-caption = Odprta opravila, najstarejša najprej
desk2-tasks-raised = Ustvarjeno
desk2-tasks-kind = Vrsta
desk2-tasks-customer = Stranka
desk2-tasks-order = Naročilo
desk2-tasks-amount = Znesek
desk2-tasks-detail = Podrobnosti
desk2-tasks-in-review-caption = Plačila, ki se ne ujemajo s svojim naročilom
desk2-tasks-total-column = Znesek naročila
desk2-tasks-why = Razlog

## Obvestila

desk2-bulletins-title = Obvestila
desk2-bulletins-hint = Prazna vrstica začne nov odstavek; vrstice, ki se začnejo z „- “ ali „1. “, sestavijo seznam. Obvestilo takoj prejmejo vse naročene kontaktne osebe.
desk2-bulletins-publish = Objavi in pošlji
desk2-bulletins-caption = Obvestila
desk2-bulletins-published = Objavljeno
desk2-bulletins-subject = Zadeva
desk2-bulletins-recipients = Prejemniki
desk2-bulletins-sent = Poslano
desk2-bulletins-failed = Neuspešno
desk2-bulletins-pending = Še ni pripravljeno

## Podrobnosti poročila o usklajevanju, vrstica za vrstico

desk2-detail-imported-before = uvoženo že prej
desk2-detail-no-order = nobeno naročilo nima tega sklica
desk2-detail-debit = breme (odliv)
desk2-detail-reversal = storno
desk2-detail-not-booked = ni knjiženo
desk2-detail-not-eur = v valuti { $currency }, ne v evrih
desk2-detail-not-cents = znesek ni v celih centih, kakršne portal hrani
desk2-detail-paid = plačano v celoti
desk2-detail-partial = prejeto { $received } od { $due }
desk2-detail-overpaid = plačano v celoti; preplačilo { $excess } je treba vrniti
desk2-detail-surplus = stanje naročila: { $status }; vrniti je treba { $excess }

## Zakaj je nastalo opravilo ali je naročilo v pregledu (shranjeno v
## angleščini; povedano v bralčevem jeziku)

desk2-reason-card-amount = plačano { $paid }, naročilo pa znaša { $due }
desk2-reason-card-currency = plačano v valuti { $currency }, naročilo pa je v evrih
desk2-reason-card-status = plačilo s kartico za naročilo v stanju „{ $status }“
desk2-reason-refund-excess = plačano { $amount } več, kot znaša naročilo { $order }; treba je vrniti
desk2-reason-coupon-debt = { $count ->
    [one] { $count } vrnjen kupon je bil že porabljen
    [two] { $count } vrnjena kupona sta bila že porabljena
    [few] { $count } vrnjeni kuponi so bili že porabljeni
   *[other] { $count } vrnjenih kuponov je bilo že porabljenih
}

## Datoteka licenc, ki je ni mogoče prebrati

desk2-import-not-utf8 = vrstica { $line }: datoteka ni besedilo v kodiranju UTF-8
desk2-import-empty = datoteka je prazna: potrebna je vrstica z glavo, ki poimenuje stolpce
desk2-import-unknown-column = vrstica { $line }: neznan stolpec „{ $name }“; stolpci so { $columns }
desk2-import-repeated-column = vrstica { $line }: stolpec „{ $name }“ se ponovi
desk2-import-missing-columns = vrstica { $line }: v glavi { $count ->
    [one] manjka stolpec
    [two] manjkata stolpca
    [few] manjkajo stolpci
   *[other] manjkajo stolpci
} { $columns }
desk2-import-field-count = vrstica { $line }: { $fields ->
    [one] { $fields } polje
    [two] { $fields } polji
    [few] { $fields } polja
   *[other] { $fields } polj
}, glava pa ima { $columns ->
    [one] { $columns } stolpec
    [two] { $columns } stolpca
    [few] { $columns } stolpce
   *[other] { $columns } stolpcev
}
desk2-import-unclosed-quote = vrstica { $line }: polje v narekovajih ni zaključeno
desk2-import-text-after-quote = vrstica { $line }: za zaključnim narekovajem je še besedilo
desk2-import-not-json = Datoteka ni veljaven JSON ({ $error }).
desk2-import-not-array = Datoteka mora vsebovati polje JSON z licencami.
