# Slovenščina. Vsako sporočilo iz en.ftl, z istimi spremenljivkami; števila
# v štirih oblikah (one: 1, 101; two: 2, 102; few: 3, 4; other: 0, 5 …).

-brand = Spica

## Kuponi in čas

coupons = { $count ->
    [one] { $count } kupon
    [two] { $count } kupona
    [few] { $count } kuponi
   *[other] { $count } kuponov
}
minutes = { $count ->
    [one] { $count } minuta
    [two] { $count } minuti
    [few] { $count } minute
   *[other] { $count } minut
}
incidents-open = { $count ->
    [0] Ni odprtih zahtevkov
    [one] { $count } odprt zahtevek
    [two] { $count } odprta zahtevka
    [few] { $count } odprti zahtevki
   *[other] { $count } odprtih zahtevkov
}

## Obljuba povratnega klica

incident-opened = Zahtevek { $number } je odprt. Poklicali vas bomo do { $deadline }.

### Ogrodje strani

## Ogrodje strani: glava, navigacija, noga, izbira jezika

shell-brand = Spica · podpora za Time & Space
shell-title = { $title } · podpora za Time & Space
shell-main-navigation = Glavna navigacija
shell-privacy = Zasebnost
shell-sign-out = Odjava
shell-language-choose = Jezik

shell-public-register = Registracija
shell-public-sign-in = Prijava
shell-public-terms = Pogoji
shell-public-news = Novice

shell-customer-account = Pregled
shell-customer-coupons = Nakup kuponov
shell-customer-invoices = Računi
shell-customer-support = Prijava težave
shell-customer-licenses = Licence
shell-customer-contacts = Kontakti
shell-customer-profile = Profil

shell-partner-home = Partner

shell-desk-incidents = Zahtevki
shell-desk-tasks = Opravila
shell-desk-statements = Bančni izpiski
shell-desk-adjustments = Popravek stanja
shell-desk-invoices = Računi
shell-desk-outbox = Odhodna pošta
shell-desk-claims = Prevzemi licenc
shell-desk-partners = Partnerji
shell-desk-licenses = Uvoz licenc
shell-desk-releases = Različice
shell-desk-audit = Revizijska sled
shell-desk-bulletins = Obvestila
shell-desk-health = Stanje sistema
shell-desk-find = Poišči stranko
shell-desk-find-button = Išči
shell-desk-staff = Sodelavci

### Skupne oznake

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

### Javne strani

## Javne strani: domača stran, pogoji, registracija, prijava, strani
## povezav iz e-pošte, novice, zasebnost ter prijava partnerjev in službe za podporo

public-home-title = Podpora za uporabnike Time & Space
public-home-intro = Registrirani uporabniki programske opreme Time & Space prejemajo novice in obvestila, aktivirajo svojo programsko opremo in dobijo neposredno podporo podjetja Spica: povratni klic v 24 urah, obračunan po začetih 15-minutnih enotah, vsaka za en vnaprej plačan kupon. Prvi kupon je brezplačen.
public-home-register = Registracija
public-home-sign-in = Prijava
public-home-terms = Pogoji neposredne podpore

public-terms-title = Pogoji neposredne podpore
public-terms-version = Različica { $version }.
public-terms-registered-only = Podpora je na voljo le registriranim uporabnikom.
public-terms-register = Uporabniki se registrirajo prek spleta s serijsko številko licence programske opreme (prikazana je v vsakem oknu Pomoč/O programu in na računu za licenco; če je nimate, vnesite 0) ter s popolnimi podatki o podjetju in kontaktni osebi.
public-terms-raised = Zahtevek za podporo oddate na portalu za podporo strankam.
public-terms-delivered = Podporo nudimo prek portala za podporo strankam, po e-pošti in v živo (glasovni klic, klepet, deljenje zaslona). Pri podpori v živo pokliče Spica. Če klic po treh poskusih ne uspe, stranko po e-pošti pozovemo k nadaljnjim korakom.
public-terms-response = Odzivni čas na zahtevek za podporo je največ 24 ur. Na večino zahtevkov se odzovemo že v 12 urah.
public-terms-staff = Podporo izvajajo usposobljeni strokovnjaki za Time & Space s splošnim poznavanjem najrazličnejših vprašanj. Vsebina in tema nista omejeni.
public-terms-increments = Število sporočil in klicev v okviru istega zahtevka ni omejeno. Skupni čas merimo in obračunamo v 15-minutnih enotah, za vsako začeto enoto (skupaj 17 minut na primer obračunamo kot 2 enoti).
public-terms-best-effort = Podporo nudimo po najboljših močeh, za njen izid pa ne jamčimo.
public-terms-coupons = Podporo plačate z vnaprej kupljenimi kuponi. En kupon zadostuje za 15 minut podpore ({ $price }; z naročnino SUPS { $sups_price }).
public-terms-purchase = Kupone lahko kupite prek spleta na portalu za podporo strankam ali z običajnim naročilom, plačanim z bančnim nakazilom.
public-terms-first-free = Prvi kupon je brezplačen.
public-terms-sups = Naročnina SUPS (nadgradnje programske opreme in prednostna podpora) je na voljo le pri pooblaščenih prodajnih partnerjih; njene druge pogoje določi partner.

public-sign-in = Prijavite se
public-desk-sign-in-title = Prijava v službo za podporo
public-desk-sign-in-label = Zasilni žeton osebja (osebje se običajno prijavi prek storitve Cloudflare Access)
public-desk-sign-in-refused = To ni žeton osebja.
public-partner-sign-in-title = Prijava za partnerje
public-partner-sign-in-label = Ključ partnerja
public-partner-sign-in-refused = To ni veljaven ključ partnerja.

public-link-incomplete = Ta povezava je nepopolna. Odprite povezavo iz e-poštnega sporočila natanko tako, kot smo jo poslali.
public-link-unknown-newest = Ta povezava ni veljavna. Odprite najnovejšo povezavo, ki ste jo prejeli.
public-request-decided = O tej prošnji je že odločeno.

public-invitation-title = Vaše povabilo
public-invitation-used = To povabilo je že sprejeto: ste kontaktna oseba svojega podjetja in se prijavite s svojim e-poštnim naslovom.
public-invitation-expired = To povabilo je poteklo. Prosite sodelavca, naj vas povabi znova.
public-invitation-unknown = Ta povezava ni veljavna. Odprite najnovejše povabilo, ki ste ga prejeli.
public-invitation-withdrawn = Sodelavec je to povabilo preklical, zato povezava ne deluje več. Vprašajte ga, ali se še lahko pridružite.
public-invitation-replaced = Novejše povabilo je nadomestilo tega: odprite najnovejše povabilo, ki ste ga prejeli.
public-invitation-organisation-inactive = Podjetje, ki vas je povabilo, na portalu ni več dejavno, zato povabila ni mogoče sprejeti.
public-invitation-address-taken = Vaš naslov je na portalu že naslov kontaktne osebe drugega podjetja: prijavite se z njim. Če se želite namesto tega pridružiti temu podjetju, najprej prosite, da vas odstranijo iz drugega.
public-invitation-join-title = Pridružite se sodelavcem
public-invitation-text = { $inviter } vas vabi v račun za podporo Time & Space podjetja { $company }, do njegovih kuponov, zahtevkov in licenc. Pridružili se boste kot { $name } ({ $email }).
public-invitation-accept = Sprejmite povabilo in se prijavite

public-join-request-title = Sodelavčeva prošnja za pridružitev
public-join-request-used = Ta prošnja je že potrjena: vaš sodelavec je kontaktna oseba vašega podjetja in se lahko prijavi.
public-join-request-expired = Ta prošnja je potekla. Če gre za vašega sodelavca, prosite podporo Spica, naj ga doda.
public-join-request-contacts = Kontaktne osebe vašega podjetja
public-join-ask-title = Sodelavec prosi za pridružitev
public-join-ask-text = Nekdo se je registriral s serijsko številko vaše licence in navaja, da dela v vašem podjetju (njegovo ime je v e-poštnem sporočilu). Potrdite le, če gre res za vašega sodelavca: videl bo kupone, zahtevke in licence vašega podjetja.
public-join-ask-button = Da, to je naš sodelavec
public-join-confirmed-title = Sodelavec je dodan
public-join-confirmed-text = Hvala. Vaš sodelavec je zdaj kontaktna oseba vašega podjetja in se lahko prijavi.

public-email-change-title = Potrdite novi e-poštni naslov
public-email-change-text = Želite, da je to naslov, s katerim se prijavljate v podporo za Time & Space? O spremembi bomo obvestili vaš stari naslov.
public-email-change-button = Uporabite ta naslov
public-email-change-refused-title = Vaš novi e-poštni naslov
public-email-change-used = Ta naslov je že potrjen: zdaj se prijavljate z njim.
public-email-change-expired = Ta povezava je potekla, zato vaš naslov ostaja nespremenjen. Za novo povezavo ga znova spremenite v svojem profilu.
public-email-change-unknown = Ta povezava ni več veljavna: bila je že uporabljena ali pa smo poslali novejšo. Če ste ta naslov potrdili, se zdaj prijavljate z njim; če ga niste, ga znova spremenite v svojem profilu.
public-email-change-profile = Vaš profil
public-email-changed-title = E-poštni naslov je spremenjen
public-email-changed-text = Hvala. Zdaj se prijavljate s tem naslovom.
public-email-changed-onward = Na pregled
public-email-taken-title = E-poštni naslov ni spremenjen
public-email-taken-text = Ta naslov ima medtem že druga kontaktna oseba, zato vaš naslov ostaja nespremenjen.

public-news-title = Novice
public-news-none = Novic še ni.
public-news-all = Vse novice

public-unsubscribe-title = Odjava od novic
public-unsubscribe-incomplete = Ta povezava ni veljavna. Odprite povezavo iz najnovejšega e-poštnega sporočila natanko tako, kot smo jo poslali.
public-unsubscribe-text = Ne želite več prejemati novic podjetja Spica po e-pošti? V svojem profilu se lahko kadar koli znova naročite.
public-unsubscribe-button = Odjavite me
public-unsubscribed-title = Odjavljeni ste
public-unsubscribed-text = Novic podjetja Spica po e-pošti ne boste več prejemali.

public-field-serial = Serijska številka licence (Pomoč/O programu) ali 0
public-field-company-name = Podjetje
public-field-street = Ulica in hišna številka
public-field-postal-code = Poštna številka
public-field-city = Kraj
public-field-country = Država
public-field-vat-id = ID za DDV (neobvezno)
public-field-contact-name = Ime in priimek kontaktne osebe
public-field-email = E-poštni naslov
public-field-phone = Telefon
public-register-title = Registracija uporabnika Time & Space
public-register-language = Jezik naših e-poštnih sporočil in klicev
public-register-newsletter = Pošiljajte mi novice in obvestila o Time & Space
public-register-accept-terms = Sprejemam pogoje neposredne podpore
public-register-privacy = Kaj o vas hranimo, zakaj in koliko časa: { $privacy_html }.
public-register-privacy-link = zasebnost
public-register-button = Registrirajte se
public-registered-title = Hvala za registracijo
public-registered-text = Po e-pošti smo vam poslali povezavo za potrditev naslova. Odprite jo, da aktivirate račun in prejmete brezplačni kupon za podporo.

public-verify-title = Potrdite e-poštni naslov
public-verify-text = Potrdite e-poštni naslov, da aktivirate svoj račun za podporo Time & Space.
public-verify-button = Potrdite moj e-poštni naslov
public-verify-done-title = E-poštni naslov je potrjen
public-verify-done = Hvala. Vaš e-poštni naslov je potrjen in vaš račun je aktiven.
public-verify-coupon-granted = Pripisali smo vam prvi kupon za podporo: 15 minut neposredne podpore.
public-verify-coupon-given = Brezplačni kupon dobi vsaka licenca le enkrat in ta licenca ga je že dobila.
public-verify-coupon-awaiting = Brezplačni kupon vam bomo pripisali, ko bomo vašo registracijo povezali z licenco.
public-verify-refused-title = Vaš e-poštni naslov
public-verify-used = Ta povezava je že bila uporabljena: vaš naslov je potrjen. Lahko se prijavite.
public-verify-expired = Ta povezava je potekla. Zahtevajte povezavo za prijavo in poslali vam bomo novo povezavo za potrditev.

public-sign-in-refused-title = Niste prijavljeni
public-sign-in-used = Ta povezava za prijavo je že bila uporabljena: vsaka povezava vas prijavi le enkrat.
public-sign-in-expired = Ta povezava za prijavo je potekla.
public-sign-in-unknown = Ta povezava za prijavo ni več veljavna.
public-sign-in-ask-again = Zahtevajte novo povezavo za prijavo
public-sign-in-link-button = Prijavite se v podporo za Time & Space
public-sign-in-email-label = Vaš e-poštni naslov
public-sign-in-email-button = Pošljite mi povezavo za prijavo
public-sign-in-sent-title = Preverite e-pošto
public-sign-in-sent = Če je naslov registriran, smo nanj poslali povezavo za prijavo. Veljavna je 15 minut.
public-no-new-link-title = Nove povezave nismo poslali
public-sign-in-withheld = Nove povezave za prijavo nismo poslali: za ta naslov { $count ->
    [one] je bila v zadnji uri zahtevana { $count } povezava
    [two] sta bili v zadnji uri zahtevani { $count } povezavi
    [few] so bile v zadnji uri zahtevane { $count } povezave
   *[other] je bilo v zadnji uri zahtevanih { $count } povezav
}, zadnja { $last_html }, zato zaradi zaščite poštnega predala ne pošljemo nobene več.
public-sign-in-withheld-newest = Če je naslov registriran, je najnovejša povezava, ki smo jo poslali, v njegovem poštnem predalu (vsaka velja 15 minut in vas prijavi enkrat). Novo lahko zahtevate od { $retry_html } dalje.
public-back-to-sign-in = Nazaj na prijavo

public-support-requested-title = Zahtevek za podporo je prejet
public-support-requested-text = Hvala. Strokovnjak podpore Spica vas bo poklical nazaj v 24 urah, pri večini zahtevkov že v 12. Podrobnosti smo vam poslali po e-pošti.

public-privacy-title = Zasebnost: kaj hranimo in koliko časa
public-privacy-intro = Spica d.o.o. hrani spodaj navedene podatke, da lahko registriranim uporabnikom Time & Space nudi podporo in licence. Ko ste prijavljeni, lahko na strani svojega profila prenesete vse, kar portal hrani o vas in vašem podjetju.
public-privacy-what = Kaj
public-privacy-why = Zakaj
public-privacy-how-long = Koliko časa
public-privacy-company = Ime in naslov vašega podjetja sta podatka podjetja, ne osebe: hranimo ju, dokler ima podjetje licence, naročila ali račune.
public-privacy-erasure-heading = Izbris
public-privacy-erasure = Lahko nas prosite, da izbrišemo vaše osebne podatke, z gumbom na strani vašega profila (ali z { $api_html }): po e-pošti vam pošljemo povezavo, in ko izbris potrdite, izbrišemo, kar je vašega: vaše ime, e-poštni naslov in telefonska številka postanejo psevdonim, e-poštnim sporočilom, ki smo vam jih poslali, izbrišemo naslov, zadevo in besedilo, sporočilom, ki ste jih napisali, izbrišemo besedilo, zahtevkom, ki ste jih oddali, pa telefonsko številko in termine, ki ste jih navedli za klic. Odjavljeni ste povsod in se ne morete več prijaviti. Kar je vaše podjetje naročilo in plačalo, ostane kot njegova evidenca, njegova naročila, plačila, evidenca kuponov in računi pa ostanejo, kot zahteva davčna zakonodaja. Kar so napisali ali prejeli drugi, ostane njihovo: sporočila sodelavcev, lastna pošta naše službe za podporo (njeno besedilo izbrišemo po zgoraj navedenem roku hrambe) in revizijska sled službe za podporo, zapis o tem, kdo je kaj naredil, ki ga moramo hraniti in se nikoli ne spreminja: zahteva v njej, ki vas je imenovala, vas imenuje še naprej. Bančno nakazilo ohrani ime plačnika, kot ga je sporočila banka.
public-kept-account-what = Vaše podjetje ter vaše ime, e-poštni naslov in telefonska številka
public-kept-account-why = Da vam lahko nudimo podporo in licence ter vas v zvezi z njimi obveščamo
public-kept-account-how-long = Dokler je račun v uporabi
public-kept-unconfirmed-what = Registracija, katere e-poštni naslov ni bil nikoli potrjen
public-kept-unconfirmed-why = Da jo lahko potrdite
public-kept-unconfirmed-how-long = { $days ->
    [one] { $days } dan
    [two] { $days } dneva
    [few] { $days } dni
   *[other] { $days } dni
} po registraciji, nato jo izbrišemo
public-kept-email-what = Besedilo e-poštnih sporočil, ki smo vam jih poslali
public-kept-email-why = Da osebje podpore vidi, kaj smo vam sporočili
public-kept-email-how-long = { $days ->
    [one] { $days } dan
    [two] { $days } dneva
    [few] { $days } dni
   *[other] { $days } dni
} po pošiljanju; nato ostanejo le prejemnik, čas pošiljanja in zadeva
public-kept-links-what = Povezave za prijavo, povabila, žetoni za dostop in seje brskalnika
public-kept-links-why = Da se lahko prijavite
public-kept-links-how-long = Do izteka veljavnosti, nato še { $days ->
    [one] { $days } dan
    [two] { $days } dneva
    [few] { $days } dni
   *[other] { $days } dni
}
public-kept-counts-what = Število zahtev na omrežni naslov in licenco ter čas, ko so bile za e-poštni naslov zahtevane povezave za prijavo in druge povezave
public-kept-counts-why = Za preprečevanje zlorab
public-kept-counts-how-long = { $hours ->
    [one] { $hours } ura
    [two] { $hours } uri
    [few] { $hours } ure
   *[other] { $hours } ur
}
public-kept-unsubscribe-what = Povezava za odjavo z enim klikom v vsakem e-poštnem sporočilu z novicami
public-kept-unsubscribe-why = Da povezava v prejetem sporočilu še naprej deluje
public-kept-unsubscribe-how-long = { $days ->
    [one] { $days } dan
    [two] { $days } dneva
    [few] { $days } dni
   *[other] { $days } dni
} po pošiljanju sporočila, tako kot njegovo besedilo; v profilu se lahko odjavite kadar koli
public-kept-records-what = Naročila, plačila, evidenca kuponov in računi
public-kept-records-why = Davčna in računovodska zakonodaja
public-kept-records-how-long = { $years ->
    [one] { $years } leto
    [two] { $years } leti
    [few] { $years } leta
   *[other] { $years } let
}

public-your-data-heading = Vaši podatki
public-your-data-download = Prenesite vse, kar hranimo o vas in vašem podjetju
public-your-data-kept = Kaj hranimo, zakaj in koliko časa
public-your-data-confirm = Vam pošljemo povezavo za izbris vaših osebnih podatkov?
public-your-data-erasure = Svoje ime, e-poštni naslov in telefonsko številko lahko izbrišete. Najprej vam po e-pošti pošljemo povezavo: nič ni izbrisano, dokler izbrisa tam ne potrdite.
public-your-data-erase-button = Izbrišite moje osebne podatke
public-erasure-withheld = Nove povezave za izbris nismo poslali: v zadnji uri smo vam poslali { $count ->
    [one] { $count } povezavo
    [two] { $count } povezavi
    [few] { $count } povezave
   *[other] { $count } povezav
}, zadnjo { $last_html }, in za zdaj ne pošljemo nobene več. Povezava v najnovejšem sporočilu deluje (prejšnje ne); novo lahko zahtevate od { $retry_html } dalje.
public-back-to-profile = Nazaj na profil
public-erasure-sent-title = Preverite e-pošto
public-erasure-sent = Po e-pošti smo vam poslali povezavo za potrditev izbrisa vaših osebnih podatkov. Deluje enkrat, do { $until_html }. Nič ni izbrisano, dokler na strani povezave ne pritisnete gumba.
public-erasure-title = Izbris osebnih podatkov
public-erasure-text = Želite izbrisati svoje ime, e-poštni naslov in telefonsko številko iz podpore za Time & Space? Znova se ne boste mogli prijaviti. Naročila, računi in licence vašega podjetja ostanejo.
public-erasure-button = Izbrišite moje podatke
public-erasure-used = Vaši podatki so že izbrisani.
public-erasure-expired = Ta povezava je potekla, zato ni bilo nič izbrisano. Prijavite se in znova zahtevajte novo povezavo.
public-erasure-unknown = Ta povezava ni več veljavna: vaši podatki so že izbrisani ali pa smo poslali novejšo povezavo.
public-erasure-onward = Kaj hranimo in zakaj
public-erased-title = Vaši podatki so izbrisani
public-erased-text = Vaše ime, e-poštni naslov in telefonska številka so izbrisani, odjavljeni ste povsod. Kaj moramo po zakonu hraniti, je navedeno na { $privacy_html }.
public-erased-privacy-link = strani o zasebnosti

### Portal za stranke in strani partnerjev

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
partner-field-country = Država
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

### Zavrnitve: opisi težav in napake polj

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

### E-pošta

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

### Dokumenti za tiskanje

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

### Telefoni in države

## Telefonske številke, kot jih ljudje vnašajo, in države po imenih (zahtevek 23)

phone-invalid = vnesite telefonsko številko, npr. { $national } ali { $international }
phone-invalid-international = vnesite številko s klicno kodo države, npr. { $international }
phone-voice-required = za povratni klic po telefonu vnesite telefonsko številko, npr. { $example }

country-invalid = izberite državo s seznama (ali vnesite njeno kodo ISO, npr. SI ali DE)
country-choose = Izberite državo
country-group-eu = Evropska unija
country-group-other = Druge države

## Imena držav (ISO 3166-1) za izbiro države in povsod, kjer je država izpisana

country-ad = Andora
country-ae = Združeni arabski emirati
country-af = Afganistan
country-ag = Antigva in Barbuda
country-ai = Angvila
country-al = Albanija
country-am = Armenija
country-ao = Angola
country-aq = Antarktika
country-ar = Argentina
country-as = Ameriška Samoa
country-at = Avstrija
country-au = Avstralija
country-aw = Aruba
country-ax = Ålandski otoki
country-az = Azerbajdžan
country-ba = Bosna in Hercegovina
country-bb = Barbados
country-bd = Bangladeš
country-be = Belgija
country-bf = Burkina Faso
country-bg = Bolgarija
country-bh = Bahrajn
country-bi = Burundi
country-bj = Benin
country-bl = Saint-Barthélemy
country-bm = Bermuda
country-bn = Brunej
country-bo = Bolivija
country-bq = Nizozemski Karibi
country-br = Brazilija
country-bs = Bahami
country-bt = Butan
country-bv = Bouvetov otok
country-bw = Bocvana
country-by = Belorusija
country-bz = Belize
country-ca = Kanada
country-cc = Kokosovi otoki
country-cd = Demokratična republika Kongo
country-cf = Srednjeafriška republika
country-cg = Kongo
country-ch = Švica
country-ci = Slonokoščena obala
country-ck = Cookovi otoki
country-cl = Čile
country-cm = Kamerun
country-cn = Kitajska
country-co = Kolumbija
country-cr = Kostarika
country-cu = Kuba
country-cv = Zelenortski otoki
country-cw = Curaçao
country-cx = Božični otok
country-cy = Ciper
country-cz = Češka
country-de = Nemčija
country-dj = Džibuti
country-dk = Danska
country-dm = Dominika
country-do = Dominikanska republika
country-dz = Alžirija
country-ec = Ekvador
country-ee = Estonija
country-eg = Egipt
country-eh = Zahodna Sahara
country-er = Eritreja
country-es = Španija
country-et = Etiopija
country-fi = Finska
country-fj = Fidži
country-fk = Falklandski otoki
country-fm = Mikronezija
country-fo = Ferski otoki
country-fr = Francija
country-ga = Gabon
country-gb = Združeno kraljestvo
country-gd = Grenada
country-ge = Gruzija
country-gf = Francoska Gvajana
country-gg = Guernsey
country-gh = Gana
country-gi = Gibraltar
country-gl = Grenlandija
country-gm = Gambija
country-gn = Gvineja
country-gp = Gvadelup
country-gq = Ekvatorialna Gvineja
country-gr = Grčija
country-gs = Južna Georgia in Južni Sandwichevi otoki
country-gt = Gvatemala
country-gu = Guam
country-gw = Gvineja Bissau
country-gy = Gvajana
country-hk = Hongkong
country-hm = Otoki Heard in McDonald
country-hn = Honduras
country-hr = Hrvaška
country-ht = Haiti
country-hu = Madžarska
country-id = Indonezija
country-ie = Irska
country-il = Izrael
country-im = Otok Man
country-in = Indija
country-io = Britansko ozemlje v Indijskem oceanu
country-iq = Irak
country-ir = Iran
country-is = Islandija
country-it = Italija
country-je = Jersey
country-jm = Jamajka
country-jo = Jordanija
country-jp = Japonska
country-ke = Kenija
country-kg = Kirgizistan
country-kh = Kambodža
country-ki = Kiribati
country-km = Komori
country-kn = Saint Kitts in Nevis
country-kp = Severna Koreja
country-kr = Južna Koreja
country-kw = Kuvajt
country-ky = Kajmanski otoki
country-kz = Kazahstan
country-la = Laos
country-lb = Libanon
country-lc = Sveta Lucija
country-li = Lihtenštajn
country-lk = Šrilanka
country-lr = Liberija
country-ls = Lesoto
country-lt = Litva
country-lu = Luksemburg
country-lv = Latvija
country-ly = Libija
country-ma = Maroko
country-mc = Monako
country-md = Moldavija
country-me = Črna gora
country-mf = Saint-Martin (francoski del)
country-mg = Madagaskar
country-mh = Marshallovi otoki
country-mk = Severna Makedonija
country-ml = Mali
country-mm = Mjanmar
country-mn = Mongolija
country-mo = Macao
country-mp = Severni Marianski otoki
country-mq = Martinik
country-mr = Mavretanija
country-ms = Montserrat
country-mt = Malta
country-mu = Mavricij
country-mv = Maldivi
country-mw = Malavi
country-mx = Mehika
country-my = Malezija
country-mz = Mozambik
country-na = Namibija
country-nc = Nova Kaledonija
country-ne = Niger
country-nf = Norfolški otok
country-ng = Nigerija
country-ni = Nikaragva
country-nl = Nizozemska
country-no = Norveška
country-np = Nepal
country-nr = Nauru
country-nu = Niue
country-nz = Nova Zelandija
country-om = Oman
country-pa = Panama
country-pe = Peru
country-pf = Francoska Polinezija
country-pg = Papua Nova Gvineja
country-ph = Filipini
country-pk = Pakistan
country-pl = Poljska
country-pm = Saint Pierre in Miquelon
country-pn = Pitcairnovi otoki
country-pr = Portoriko
country-ps = Palestina
country-pt = Portugalska
country-pw = Palau
country-py = Paragvaj
country-qa = Katar
country-re = Réunion
country-ro = Romunija
country-rs = Srbija
country-ru = Rusija
country-rw = Ruanda
country-sa = Saudova Arabija
country-sb = Salomonovi otoki
country-sc = Sejšeli
country-sd = Sudan
country-se = Švedska
country-sg = Singapur
country-sh = Sveta Helena, Ascension in Tristan da Cunha
country-si = Slovenija
country-sj = Svalbard in Jan Mayen
country-sk = Slovaška
country-sl = Sierra Leone
country-sm = San Marino
country-sn = Senegal
country-so = Somalija
country-sr = Surinam
country-ss = Južni Sudan
country-st = Sao Tome in Principe
country-sv = Salvador
country-sx = Sint Maarten (nizozemski del)
country-sy = Sirija
country-sz = Esvatini
country-tc = Otoki Turks in Caicos
country-td = Čad
country-tf = Francoska južna ozemlja
country-tg = Togo
country-th = Tajska
country-tj = Tadžikistan
country-tk = Tokelau
country-tl = Vzhodni Timor
country-tm = Turkmenistan
country-tn = Tunizija
country-to = Tonga
country-tr = Turčija
country-tt = Trinidad in Tabago
country-tv = Tuvalu
country-tw = Tajvan
country-tz = Tanzanija
country-ua = Ukrajina
country-ug = Uganda
country-um = Stranski zunanji otoki Združenih držav
country-us = Združene države Amerike
country-uy = Urugvaj
country-uz = Uzbekistan
country-va = Vatikan
country-vc = Saint Vincent in Grenadine
country-ve = Venezuela
country-vg = Britanski Deviški otoki
country-vi = Ameriški Deviški otoki
country-vn = Vietnam
country-vu = Vanuatu
country-wf = Wallis in Futuna
country-ws = Samoa
country-ye = Jemen
country-yt = Mayotte
country-za = Južna Afrika
country-zm = Zambija
country-zw = Zimbabve

### Podpora v živo v brskalniku

## Podpora v živo v brskalniku (assets/live.js jih prebere s strani;
## `{ $… }` izpolni tam)

live-mic-failed = Mikrofona ni bilo mogoče vklopiti; klepet še vedno deluje.
live-no-screen-share = Ta brskalnik ne omogoča deljenja zaslona.
live-connected-staff = Povezano: stranko slišite.
live-connected-customer = Povezano: slišite podporo Spica.
live-audio-failed = Zvoka klica ni bilo mogoče povezati; klepet še vedno deluje.
live-cancel-call = Prekliči klic
live-hang-up = Končaj klic
live-support-name = { $name } (podpora Spica)
live-in-room = V sobi: { $names }.
live-nobody = Nikogar drugega ni tukaj.
live-chat-started = Klepet se je začel.
live-call-started = Klic se je začel.
live-chat-measured = Klepet se je začel: čas se meri.
live-call-measured = Klic je povezan: čas se meri.
live-peer-dropped = Povezava druge strani je prekinjena: čakamo, da se vrne.
live-missed = Klica ni nihče sprejel.
live-declined = Klic je bil zavrnjen.
live-unreachable-staff = Stranka ni na spletu; lahko jo pokličete po telefonu.
live-unreachable-customer = Nikogar ni bilo, da bi klic sprejel.
live-cancelled = Klic je bil preklican.
live-chat-over = Klepeta je konec.
live-call-over = Klica je konec.
live-ringing-customer = Kličemo stranko …
live-calling-you = Kliče vas podpora Spica.
live-calling-you-video = Kliče vas podpora Spica (z videom).
live-measured = Izmerjeno: { $minutes } min { $seconds } s. Skupaj porabljenih kuponov za ta zahtevek: { $coupons }.
live-nothing-measured = Izmerjenega ni bilo nič. Skupaj porabljenih kuponov za ta zahtevek: { $coupons }.
live-balance-warning = Naslednjih 15 minut se začne čez približno { $seconds } s. Stanje kuponov po njih: { $balance }.
live-balance-warning-short = Opozorilo o stanju kuponov.
live-busy = Klic ali klepet že poteka.
live-not-possible = Zdaj ni mogoče: { $detail }.
live-room-connected = Povezani ste s sobo.
live-room-lost = Povezava je prekinjena: ponovno se povezujemo …
live-sharing = Svoj zaslon delite s podporo Spica.
live-not-shared = Vaš zaslon ni bil deljen.
live-stopped-sharing = Deljenje zaslona ste končali.
live-not-sent = Niste povezani: sporočilo ni bilo poslano.
live-incoming-call = Dohodni klic
live-calling-about = Podpora Spica vas kliče glede vašega zahtevka.
live-accept = Sprejmi klic
live-decline = Zavrni
live-copied = Kopirano
live-copy-failed = Kopiranje ni uspelo: označite besedilo in ga kopirajte sami.
live-chat-resumed = Klepet se nadaljuje.
live-call-resumed = Klic se nadaljuje.
live-chat-ended = Klepet je končan.
live-call-ended = Klic je končan.

### Služba za podporo: vrsta, zahtevki, stranke, sodelavci

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

### Služba za podporo: finance in administracija

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
desk2-partners-country-label = Država
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
