//! The country select: names in the page's language, the European Union's
//! member states first (Slovenia at the top), then every other country,
//! each group in the order of a dictionary of that language. The form still
//! posts the ISO code, so what reads it is unchanged.

use super::prelude::*;
use crate::domain::country::{collation_key, Country};

/// The countries in the select's order: `(European Union, others)`.
fn grouped(lang: Language) -> (Vec<Country>, Vec<Country>) {
    let (mut eu, mut others): (Vec<Country>, Vec<Country>) =
        Country::all().partition(|c| c.in_eu());
    let by_name = |c: &Country| {
        (
            *c != Country::SLOVENIA,
            collation_key(lang, c.name(lang)),
            c.name(lang),
        )
    };
    eu.sort_by_cached_key(by_name);
    others.sort_by_cached_key(by_name);
    (eu, others)
}

/// `<option>`s of `countries`, `chosen` (an ISO code) selected.
fn options(lang: Language, countries: &[Country], chosen: &str) -> Html {
    countries
        .iter()
        .map(|c| {
            let selected = c.code().eq_ignore_ascii_case(chosen.trim());
            html!(
                "<option value=\"{}\"{}>{}</option>",
                c.code(),
                selected.then_some(html!(" selected")),
                c.name(lang)
            )
        })
        .collect()
}

/// A labelled select of every country posting its ISO code as `name`,
/// `chosen` (an ISO code, any case) selected; with none chosen, an empty
/// first option asks for one.
pub fn country_select(lang: Language, name: &str, label: &str, chosen: &str) -> Html {
    country_select_with(lang, name, label, chosen, Html::default())
}

/// [`country_select`] with more attributes on the `<select>`, such as
/// ` aria-invalid="true" aria-describedby="country-error"`.
pub fn country_select_with(
    lang: Language,
    name: &str,
    label: &str,
    chosen: &str,
    attributes: Html,
) -> Html {
    let (eu, others) = grouped(lang);
    let known = Country::parse(chosen).is_ok();
    let prompt = (!known).then(|| {
        html!(
            "<option value=\"\" selected>{}</option>",
            m::country_choose(lang)
        )
    });
    html!(
        "<p><label for=\"{}\">{}</label>\n\
         <select id=\"{}\" name=\"{}\" required autocomplete=\"country\"{}>{}\
         <optgroup label=\"{}\">{}</optgroup>\
         <optgroup label=\"{}\">{}</optgroup></select></p>\n",
        name,
        label,
        name,
        name,
        attributes,
        prompt,
        m::country_group_eu(lang),
        options(lang, &eu, chosen),
        m::country_group_other(lang),
        options(lang, &others, chosen)
    )
}

/// A form's country field, as [`super::forms::input`] makes the others:
/// [`country_select`] with the field's error, if any, right after it.
pub fn country_field(
    lang: Language,
    name: &str,
    label: &str,
    chosen: &str,
    errors: &FieldErrors,
) -> Html {
    match error_for(errors, name) {
        Some(error) => html!(
            "{}<p id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</p>\n",
            country_select_with(
                lang,
                name,
                label,
                chosen,
                html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", name),
            ),
            name,
            error
        ),
        None => country_select(lang, name, label, chosen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lang: Language, countries: &[Country]) -> Vec<&'static str> {
        countries.iter().map(|c| c.name(lang)).collect()
    }

    #[test]
    fn the_european_union_comes_first_with_slovenia_at_the_top() {
        let (eu, others) = grouped(Language::Sl);
        assert_eq!(eu.len(), 27);
        assert_eq!(others.len(), 249 - 27);
        let eu = names(Language::Sl, &eu);
        assert_eq!(&eu[..4], ["Slovenija", "Avstrija", "Belgija", "Bolgarija"]);
        let ciper = eu.iter().position(|n| *n == "Ciper").unwrap();
        assert_eq!(eu[ciper + 1], "Češka");
        assert_eq!(eu[ciper + 2], "Danska");
        let others = names(Language::Sl, &others);
        let at = |name: &str| others.iter().position(|n| *n == name).unwrap();
        assert!(at("Srbija") < at("Švica") && at("Švica") < at("Tajska"));
        assert!(at("Zambija") < at("Zimbabve"));
        assert!(at("Črna gora") > at("Čile") && at("Črna gora") < at("Džibuti"));

        let (eu, _) = grouped(Language::En);
        assert_eq!(
            &names(Language::En, &eu)[..4],
            ["Slovenia", "Austria", "Belgium", "Bulgaria"]
        );
    }

    #[test]
    fn the_select_posts_iso_codes_with_names_in_the_pages_language() {
        let html = country_select(Language::Sl, "country", "Država", "at");
        let html = html.as_str();
        assert!(html.contains("<label for=\"country\">Država</label>"));
        assert!(html.contains(
            "<optgroup label=\"Evropska unija\"><option value=\"SI\">Slovenija</option>"
        ));
        assert!(html.contains("<option value=\"AT\" selected>Avstrija</option>"));
        assert!(html.contains("<optgroup label=\"Druge države\">"));
        assert!(html.contains("<option value=\"RS\">Srbija</option>"));
        assert!(!html.contains("value=\"\""));
        assert_eq!(html.matches("<option").count(), 249);

        let html = country_select(Language::En, "country", "Country", "");
        let html = html.as_str();
        assert!(html.contains("<option value=\"\" selected>Choose a country</option>"));
        assert!(html.contains("<option value=\"HR\">Croatia</option>"));
        assert!(!html.contains(" selected>Croatia"));
    }

    #[test]
    fn a_refused_country_is_described_by_its_error() {
        let mut errors = FieldErrors::default();
        errors.push("country", Invalid::said("invalid", m::country_invalid));
        let errors = errors.in_language(Language::Sl);
        let html = country_field(Language::Sl, "country", "Država", "XX", &errors);
        let html = html.as_str();
        assert!(html.contains(
            "<select id=\"country\" name=\"country\" required autocomplete=\"country\" aria-invalid=\"true\" aria-describedby=\"country-error\">"
        ));
        assert!(html.contains("<p id=\"country-error\" class=\"field-error\" role=\"alert\">izberite državo s seznama"));
        assert!(html.contains("<option value=\"\" selected>Izberite državo</option>"));
    }
}
