## Dokumenti za tisk: račun in dobropis, računi v službi za podporo,
## predračun in opombe e-računa UBL

document-invoice = Račun
document-credit-note = Dobropis
document-invoice-title = Račun { $number }
document-credit-note-title = Dobropis { $number }
document-invoices-title = Računi
document-invoices-caption = Računi in dobropisi, najnovejši najprej
document-invoices-none = Računov in dobropisov še ni.
document-col-number = Številka
document-col-kind = Vrsta
document-col-date = Datum
document-col-net = Brez DDV
document-col-vat = DDV
document-col-total = Skupaj
document-col-e-invoice = E-račun
document-col-buyer = Kupec
document-col-buyer-vat = ID za DDV kupca
document-col-vat-category = Kategorija DDV
document-col-gross = Z DDV
document-ubl-xml = UBL XML

document-print = Natisni
document-print-hint-invoice = Račun natisnete ali shranite kot PDF z ukazom za tiskanje v brskalniku.
document-print-hint-credit-note = Dobropis natisnete ali shranite kot PDF z ukazom za tiskanje v brskalniku.
document-print-hint-pro-forma = Predračun natisnete ali shranite kot PDF z ukazom za tiskanje v brskalniku.
document-download-xml = Prenesite e-račun (UBL XML)
document-all-invoices = Vsi računi
document-seller = Prodajalec
document-buyer = Kupec
document-vat-number = ID za DDV: { $vat_id }
document-number = Številka
document-issue-date = Datum izdaje
document-credits-invoice = Dobropis k računu
document-credited = { $number } z dne { $date }
document-order = Naročilo
document-lines = Postavke
document-item = Postavka
document-quantity = Količina
document-unit-price-net = Cena na enoto brez DDV
document-net-amount = Znesek brez DDV
document-item-name = Kupon za podporo: 15 minut neposredne podpore
document-vat-breakdown = Razčlenitev DDV
document-category = Kategorija
document-rate = Stopnja
document-taxable = Davčna osnova
document-category-standard = Splošna stopnja
document-category-reverse-charge = Obrnjena davčna obveznost
document-category-not-subject = Ni predmet DDV
document-mention-reverse-charge = Obrnjena davčna obveznost: DDV obračuna prejemnik (196. člen Direktive Sveta 2006/112/ES)
document-mention-not-subject = Ni predmet DDV v EU: kraj opravljanja storitve je zunaj EU (44. člen Direktive Sveta 2006/112/ES)
document-total-net = Skupaj brez DDV
document-total-vat = Skupaj DDV
document-total = Skupaj z DDV
document-amount-due = Za plačilo
document-amount-due-paid = { $amount } (plačano)
document-paid-by-card = Plačano s plačilno kartico.
document-paid-by-transfer = Plačano z nakazilom SEPA na IBAN { $iban } (BIC { $bic }), sklic { $reference }.

document-vat-note-domestic-number = ID za DDV je iz države prodajalca, zato je prodaja domača: velja stopnja DDV prodajalca.
document-vat-note-number-of-another-country = ID za DDV ni iz države podjetja (njegova predpona mora biti oznaka te države, za Grčijo EL): velja stopnja DDV prodajalca.
document-vat-note-no-number = Brez ID za DDV, ki ga potrdi sistem VIES Evropske unije, velja stopnja DDV prodajalca.
document-vat-note-number-being-checked = ID za DDV preverjamo v sistemu VIES Evropske unije: dokler ni potrjen, velja stopnja DDV prodajalca.
document-vat-note-number-not-confirmed = Sistem VIES Evropske unije ID za DDV ni potrdil: velja stopnja DDV prodajalca.
document-vat-note-name-differs = Sistem VIES Evropske unije je ID za DDV potrdil za podjetje z drugim imenom: stopnja DDV prodajalca velja, dokler ime podjetja ni tisto, na katero se ID za DDV glasi.

document-desk-download-csv = Prenesite CSV
document-desk-csv-hint = (za računovodstvo: številka, datum, vrsta, kupec, ID za DDV, znesek brez DDV, DDV, znesek z DDV, kategorija DDV)
document-desk-show = Prikaži
document-desk-from = Od (prvi dan)
document-desk-to = Do (zadnji dan, vključno)
document-desk-caption = Dokumenti, izdani od { $from } do { $to }
document-desk-none = V tem obdobju ni bil izdan noben dokument.
document-desk-totals = Seštevki obdobja
document-desk-documents = Dokumenti
document-desk-invoices = Računi
document-desk-credit-notes = Dobropisi

## Predračun

document-pro-forma-title = Predračun { $number }
document-pro-forma-link = Predračun za tisk
document-pro-forma-not-invoice = Predračun ni račun: račun izdamo, ko prejmemo vaše plačilo.
document-due-date = Rok plačila
document-reference = Sklic
document-vat-amount = DDV
document-total-due = Za plačilo
document-received = Doslej prejeto
document-still-due = Še za plačilo
document-payment-heading = Plačilo
document-payment-instruction = Prosimo, da { $amount } nakažete do { $date } na spodnji račun in navedete sklic { $reference }.
document-beneficiary = Prejemnik
document-scan = Lahko pa kodo skenirate z aplikacijo svoje banke:
document-epc-title = Koda QR EPC: izpolnjeno nakazilo za bančne aplikacije po vsej Evropi
document-upn-title = Koda UPN QR: izpolnjen plačilni nalog za slovenske bančne aplikacije
document-upn-purpose = Predračun { $number }
document-back-to-order = Nazaj na naročilo
document-pro-forma-paid = Naročilo je plačano: ničesar ni treba plačati.
document-pro-forma-card = Naročilo se plača s plačilno kartico, zato nima predračuna.
document-pro-forma-closed = Naročilo je zaključeno in ne sprejema plačil. Za nakup kuponov oddajte novo naročilo.
document-pro-forma-review = Plačilo tega naročila preverjajo naši sodelavci: zdaj vam ni treba plačati ničesar več.

## Opombe e-računa UBL, v jeziku kupca

document-ubl-terms-card = Plačano vnaprej s plačilno kartico: ničesar ni treba plačati.
document-ubl-terms-transfer = Plačano vnaprej z bančnim nakazilom, sklic { $reference }: ničesar ni treba plačati.
document-ubl-terms-credit-note = Znesek je vrnjen na plačilno sredstvo: ničesar ni treba plačati.
