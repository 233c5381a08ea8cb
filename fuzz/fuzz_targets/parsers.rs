//! The value parsers, fed the same text (lossy UTF-8): no panic, and the
//! round trips that stored values rely on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spica_portal::domain::activation::ActivationCode;
use spica_portal::domain::email::Email;
use spica_portal::domain::money::Money;
use spica_portal::domain::phone::Phone;
use spica_portal::domain::rf::RfReference;
use spica_portal::domain::serial::{LicenseSerial, SerialNumber};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    let _ = LicenseSerial::parse(text);
    let _ = SerialNumber::parse(text);
    let _ = Email::parse(text);
    let _ = Phone::parse(text);
    let _ = ActivationCode::parse(text);

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
