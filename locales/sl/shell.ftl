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
