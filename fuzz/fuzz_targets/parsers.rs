//! The value parsers, fed the same text (lossy UTF-8): no panic, and the
//! round trips that stored and displayed values rely on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spica_portal::domain::activation::ActivationCode;
use spica_portal::domain::country::Country;
use spica_portal::domain::email::Email;
use spica_portal::domain::money::Money;
use spica_portal::domain::phone::Phone;
use spica_portal::domain::rf::RfReference;
use spica_portal::domain::serial::{LicenseSerial, SerialNumber};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    // Each parser keeps a canonical form, which the database stores and
    // later reads back: the canonical form must parse to the same value.
    if let Ok(serial) = LicenseSerial::parse(text) {
        assert_eq!(LicenseSerial::parse(serial.as_str()).as_ref(), Ok(&serial));
    }
    if let Ok(serial) = SerialNumber::parse(text) {
        assert_eq!(SerialNumber::parse(serial.as_str()).as_ref(), Ok(&serial));
    }
    if let Ok(email) = Email::parse(text) {
        assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email));
    }
    for country in [None, Some(Country::SLOVENIA)] {
        if let Ok(phone) = Phone::parse(text, country) {
            assert_eq!(Phone::parse(phone.as_str(), None).as_ref(), Ok(&phone));
            assert_eq!(Phone::parse(&phone.display(), Some(Country::SLOVENIA)).as_ref(), Ok(&phone));
        }
    }
    if let Ok(code) = ActivationCode::parse(text) {
        let _ = code.key_id();
        assert_eq!(ActivationCode::parse(code.as_str()).as_ref(), Ok(&code));
    }

    // An RF reference is stored and shown by `as_str`: it must read back.
    if let Ok(reference) = RfReference::parse(text) {
        let _ = reference.grouped();
        assert_eq!(
            RfReference::parse(reference.as_str()).as_ref(),
            Ok(&reference),
            "RfReference {reference:?} does not re-parse from as_str()"
        );
    }
    // Every candidate found in free text is itself a valid reference.
    for candidate in RfReference::candidates_in(text) {
        assert_eq!(
            RfReference::parse(candidate.as_str()).as_ref(),
            Ok(&candidate),
            "candidate {candidate:?} from {text:?} does not re-parse"
        );
    }

    // An amount is shown and sent in JSON by `to_string`: it must read back.
    if let Ok(money) = Money::parse(text) {
        let shown = money.to_string();
        assert_eq!(
            Money::parse(&shown),
            Ok(money),
            "Money::parse({text:?}) = {money:?} prints as {shown:?}, which does not re-parse to it"
        );
        let _ = money.cents();
    }
});
