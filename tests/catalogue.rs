//! The catalogue generator (`codegen/messages.rs`, run by build.rs) refuses
//! what a translator can get wrong, naming the catalogue, the message and
//! what to fix.

#[allow(dead_code)]
#[path = "../codegen/messages.rs"]
mod messages;

const EN: &str =
    "coupons = { $count ->\n    [one] { $count } coupon\n   *[other] { $count } coupons\n}\n\
opened = Incident { $number } is open until { $deadline }.\n";

fn errors(sl: &str) -> Vec<String> {
    messages::generate("en", &[("en".into(), EN.into()), ("sl".into(), sl.into())])
        .err()
        .unwrap_or_default()
}

const SL: &str = "coupons = { $count ->\n    [one] { $count } kupon\n    [two] { $count } kupona\n    [few] { $count } kuponi\n   *[other] { $count } kuponov\n}\n\
opened = Zahtevek { $number } je odprt do { $deadline }.\n";

#[test]
fn a_complete_catalogue_compiles() {
    assert_eq!(errors(SL), Vec::<String>::new());
}

#[test]
fn a_missing_message_is_named() {
    let sl = SL
        .lines()
        .filter(|l| !l.starts_with("opened"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(errors(&sl), ["sl.ftl: `opened` is missing"]);
}

#[test]
fn a_plural_form_the_language_needs_is_named() {
    let sl = SL.replace("    [two] { $count } kupona\n", "");
    assert_eq!(
        errors(&sl),
        ["sl.ftl: `coupons`: $count needs the [two] form in `sl` (one, two, few, other)"]
    );
}

#[test]
fn an_invented_or_forgotten_variable_is_named() {
    let sl = SL.replace("{ $deadline }", "{ $rok }");
    assert_eq!(
        errors(&sl),
        [
            "sl.ftl: `opened` uses $rok, which `en` does not have",
            "sl.ftl: `opened` leaves out $deadline"
        ]
    );
}

#[test]
fn a_message_only_a_translation_has_is_named() {
    let errors = errors(&format!("{SL}extra = Dodatno\n"));
    assert_eq!(errors, ["sl.ftl: `extra` is not in `en`, the reference"]);
}

#[test]
fn a_language_without_a_plural_rule_is_refused() {
    let found = messages::generate("en", &[("en".into(), EN.into()), ("xx".into(), EN.into())])
        .err()
        .unwrap_or_default();
    assert!(
        found[0].starts_with("xx.ftl: no plural rule for `xx`"),
        "{found:?}"
    );
}

#[test]
fn two_variables_are_named_fields() {
    let code =
        messages::generate("en", &[("en".into(), EN.into()), ("sl".into(), SL.into())]).unwrap();
    assert!(code.contains("pub struct Opened<'a> {"), "{code}");
    assert!(
        code.contains("pub fn opened(language: Language, args: Opened<'_>) -> String"),
        "{code}"
    );
    assert!(
        code.contains("pub fn coupons(language: Language, count: i64) -> String"),
        "{code}"
    );
}

/// The forms the generator asks of each catalogue are the forms the
/// crate's plural rule gives: one list could not drift from the other.
#[test]
fn the_generators_plural_forms_are_the_languages_own() {
    use spica_portal::domain::language::{Language, Plural};
    for language in Language::ALL {
        let mut forms: Vec<&str> = (0..1000)
            .map(|n| match language.plural(n) {
                Plural::One => "one",
                Plural::Two => "two",
                Plural::Few => "few",
                Plural::Other => "other",
            })
            .collect();
        forms.sort_by_key(|f| ["one", "two", "few", "other"].iter().position(|x| x == f));
        forms.dedup();
        assert_eq!(
            Some(forms.as_slice()),
            messages::plural_categories(language.as_str()),
            "{language:?}"
        );
    }
}
