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
public-field-country = Država (koda ISO, npr. SI)
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
