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
