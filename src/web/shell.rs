//! The page shell of the server-rendered pages: plain HTML that works without
//! JavaScript, one stylesheet and one enhancement script from the static
//! assets, and a strict Content-Security-Policy without inline scripts.

use crate::http::Response;

use crate::domain::html::Html;
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::staff::StaffRole;
use crate::html;

/// The Content-Security-Policy of every page: scripts and styles from the
/// portal only, never inline; forms post to the portal (and a card order's
/// redirect goes on to Stripe Checkout); no framing.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self' https://checkout.stripe.com; \
     frame-ancestors 'none'; base-uri 'none'";

/// Which part of the portal a page belongs to, for its navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Public,
    Customer,
    /// The desk, for a role not known here: every link.
    Desk,
    /// The desk, with links to the pages this role may use.
    DeskAs(crate::domain::staff::StaffRole),
    Partner,
}

/// The desk's links and the roles that may follow each (admins follow all).
/// A message without variables.
type Say = fn(Language) -> &'static str;

pub(crate) const DESK_LINKS: [(&str, Say, &[StaffRole]); 14] = {
    use StaffRole::{Admin, Agent, Finance};
    [
        ("/desk", m::shell_desk_incidents as Say, &[Agent, Finance]),
        ("/desk/tasks", m::shell_desk_tasks as Say, &[Finance]),
        (
            "/desk/statements",
            m::shell_desk_statements as Say,
            &[Finance],
        ),
        (
            "/desk/adjustments",
            m::shell_desk_adjustments as Say,
            &[Finance],
        ),
        ("/desk/invoices", m::shell_desk_invoices as Say, &[Finance]),
        ("/desk/outbox", m::shell_desk_outbox as Say, &[Agent]),
        ("/desk/claims", m::shell_desk_claims as Say, &[Admin]),
        ("/desk/partners", m::shell_desk_partners as Say, &[Admin]),
        ("/desk/licenses", m::shell_desk_licenses as Say, &[Admin]),
        ("/desk/releases", m::shell_desk_releases as Say, &[Admin]),
        ("/desk/audit", m::shell_desk_audit as Say, &[Admin]),
        ("/desk/bulletins", m::shell_desk_bulletins as Say, &[Admin]),
        ("/desk/health", m::shell_desk_health as Say, &[Admin]),
        ("/desk/staff", m::shell_desk_staff as Say, &[Admin]),
    ]
};

fn sign_out(lang: Language) -> Html {
    html!(
        "<form method=\"post\" action=\"/sign-out\" class=\"inline\"><button type=\"submit\">{}</button></form>",
        m::shell_sign_out(lang)
    )
}

pub(crate) fn desk_navigation(lang: Language, role: Option<StaffRole>) -> Html {
    let mut nav: Html = DESK_LINKS
        .iter()
        .filter(|(_, _, roles)| role.is_none_or(|r| r.may(roles)))
        .map(|(href, label, _)| html!("<a href=\"{}\">{}</a> ", href, label(lang)))
        .collect();
    // Issue 22: find a customer from every desk page.
    let find = m::shell_desk_find(lang);
    nav.push(html!("<form method=\"get\" action=\"/desk/organisations\" role=\"search\" aria-label=\"{}\" class=\"inline\">\
         <label for=\"desk-search\" class=\"visually-hidden\">{}</label>\
         <input id=\"desk-search\" name=\"q\" type=\"search\" placeholder=\"{}\" minlength=\"2\" required> \
         <button type=\"submit\">{}</button></form> ", find, find, find, m::shell_desk_find_button(lang)));
    nav.push(sign_out(lang));
    nav
}

/// Where the brand in the header leads: the home of the page's area, so
/// that every page has a way back.
pub(crate) fn home(area: Area) -> &'static str {
    match area {
        Area::Public => "/",
        Area::Customer => "/portal",
        Area::Desk | Area::DeskAs(_) => "/desk",
        Area::Partner => "/partner",
    }
}

pub(crate) fn navigation(lang: Language, area: Area) -> Html {
    let links = |links: &[(&str, Say)]| -> Html {
        links
            .iter()
            .map(|(href, label)| html!("<a href=\"{}\">{}</a> ", href, label(lang)))
            .collect()
    };
    match area {
        Area::Desk => desk_navigation(lang, None),
        Area::DeskAs(role) => desk_navigation(lang, Some(role)),
        Area::Public => links(&[
            ("/register", m::shell_public_register),
            ("/sign-in", m::shell_public_sign_in),
            ("/terms", m::shell_public_terms),
            ("/news", m::shell_public_news),
        ]),
        Area::Customer => {
            let mut nav = links(&[
                ("/portal", m::shell_customer_account),
                ("/portal/coupons", m::shell_customer_coupons),
                ("/portal/invoices", m::shell_customer_invoices),
                ("/support", m::shell_customer_support),
                ("/portal/licenses", m::shell_customer_licenses),
                ("/portal/contacts", m::shell_customer_contacts),
                ("/portal/profile", m::shell_customer_profile),
            ]);
            nav.push(sign_out(lang));
            nav
        }
        Area::Partner => {
            let mut nav = links(&[("/partner", m::shell_partner_home)]);
            nav.push(sign_out(lang));
            nav
        }
    }
}

/// The switch on every page: one button a language, each in its own name
/// and marked as in that language; the one being read is pressed.
/// `POST /language` sets the `lang` cookie and goes back to the page.
pub(crate) fn language_switch(lang: Language) -> Html {
    let buttons: Html = Language::ALL
        .iter()
        .map(|&other| {
            html!(
                "<button type=\"submit\" name=\"lang\" value=\"{}\" lang=\"{}\" aria-pressed=\"{}\">{}</button> ",
                other.as_str(),
                other.as_str(),
                if other == lang { "true" } else { "false" },
                other.name()
            )
        })
        .collect();
    html!(
        "<form method=\"post\" action=\"/language\" class=\"inline language-switch\" aria-label=\"{}\">{}</form>",
        m::shell_language_choose(lang),
        buttons
    )
}

/// The sentences the pages' scripts say (`assets/app.js`, `assets/live.js`),
/// in the page's language: a hidden element's `data-words`, JSON of
/// `key → text` whose `{name}` the script fills in. Attribute text is
/// escaped like any other, and no script runs inline.
fn script_words(lang: Language) -> Html {
    let words: serde_json::Map<String, serde_json::Value> = [
        ("mic-failed", m::live_mic_failed(lang).to_owned()),
        ("no-screen-share", m::live_no_screen_share(lang).to_owned()),
        ("connected-staff", m::live_connected_staff(lang).to_owned()),
        (
            "connected-customer",
            m::live_connected_customer(lang).to_owned(),
        ),
        ("audio-failed", m::live_audio_failed(lang).to_owned()),
        ("cancel-call", m::live_cancel_call(lang).to_owned()),
        ("hang-up", m::live_hang_up(lang).to_owned()),
        ("support-name", m::live_support_name(lang, "{name}")),
        ("in-room", m::live_in_room(lang, "{names}")),
        ("nobody", m::live_nobody(lang).to_owned()),
        ("chat-started", m::live_chat_started(lang).to_owned()),
        ("call-started", m::live_call_started(lang).to_owned()),
        ("chat-measured", m::live_chat_measured(lang).to_owned()),
        ("call-measured", m::live_call_measured(lang).to_owned()),
        ("peer-dropped", m::live_peer_dropped(lang).to_owned()),
        ("missed", m::live_missed(lang).to_owned()),
        ("declined", m::live_declined(lang).to_owned()),
        (
            "unreachable-staff",
            m::live_unreachable_staff(lang).to_owned(),
        ),
        (
            "unreachable-customer",
            m::live_unreachable_customer(lang).to_owned(),
        ),
        ("cancelled", m::live_cancelled(lang).to_owned()),
        ("chat-over", m::live_chat_over(lang).to_owned()),
        ("call-over", m::live_call_over(lang).to_owned()),
        (
            "ringing-customer",
            m::live_ringing_customer(lang).to_owned(),
        ),
        ("calling-you", m::live_calling_you(lang).to_owned()),
        (
            "calling-you-video",
            m::live_calling_you_video(lang).to_owned(),
        ),
        (
            "measured",
            m::live_measured(
                lang,
                m::LiveMeasured {
                    minutes: "{minutes}",
                    seconds: "{seconds}",
                    coupons: "{coupons}",
                },
            ),
        ),
        (
            "nothing-measured",
            m::live_nothing_measured(lang, "{coupons}"),
        ),
        (
            "balance-warning",
            m::live_balance_warning(
                lang,
                m::LiveBalanceWarning {
                    seconds: "{seconds}",
                    balance: "{balance}",
                },
            ),
        ),
        (
            "balance-warning-short",
            m::live_balance_warning_short(lang).to_owned(),
        ),
        ("busy", m::live_busy(lang).to_owned()),
        ("not-possible", m::live_not_possible(lang, "{detail}")),
        ("room-connected", m::live_room_connected(lang).to_owned()),
        ("room-lost", m::live_room_lost(lang).to_owned()),
        ("sharing", m::live_sharing(lang).to_owned()),
        ("not-shared", m::live_not_shared(lang).to_owned()),
        ("stopped-sharing", m::live_stopped_sharing(lang).to_owned()),
        ("not-sent", m::live_not_sent(lang).to_owned()),
        ("incoming-call", m::live_incoming_call(lang).to_owned()),
        ("calling-about", m::live_calling_about(lang).to_owned()),
        ("accept", m::live_accept(lang).to_owned()),
        ("decline", m::live_decline(lang).to_owned()),
        ("copied", m::live_copied(lang).to_owned()),
        ("copy-failed", m::live_copy_failed(lang).to_owned()),
        ("chat-resumed", m::live_chat_resumed(lang).to_owned()),
        ("call-resumed", m::live_call_resumed(lang).to_owned()),
        ("chat-ended", m::live_chat_ended(lang).to_owned()),
        ("call-ended", m::live_call_ended(lang).to_owned()),
    ]
    .into_iter()
    .map(|(key, text)| (key.to_owned(), serde_json::Value::String(text)))
    .collect();
    html!(
        "<div id=\"script-words\" hidden data-words=\"{}\"></div>\n",
        serde_json::Value::Object(words).to_string()
    )
}

/// Live support's script (`assets/live.js`), on the customer's pages (a
/// ring reaches every one of them) and the desk's (the incident's room).
fn live_script(area: Area) -> Html {
    match area {
        Area::Customer | Area::Desk | Area::DeskAs(_) => {
            html!("<script src=\"/live.js\" defer></script>\n")
        }
        _ => Html::EMPTY,
    }
}

/// A complete page of an area, in the reader's language.
pub fn page_in(lang: Language, area: Area, status: u16, title: &str, body: Html) -> Response {
    let html = html!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n\
         <script src=\"/app.js\" defer></script>\n{}</head>\n<body>\n\
         <header><p class=\"brand\"><a href=\"{}\">{}</a></p><nav id=\"site-nav\" aria-label=\"{}\">{}</nav>{}</header>\n\
         <main id=\"main\">\n<h1>{}</h1>\n{}\n</main>\n\
         <footer><p><a href=\"/privacy\">{}</a></p></footer>\n\
         <div id=\"announcer\" class=\"visually-hidden\" aria-live=\"polite\"></div>\n{}</body>\n</html>\n",
        lang.as_str(),
        m::shell_title(lang, title),
        live_script(area),
        home(area),
        m::shell_brand(lang),
        m::shell_main_navigation(lang),
        navigation(lang, area),
        language_switch(lang),
        title,
        body,
        m::shell_privacy(lang),
        script_words(lang),
    );
    Response::new(
        status,
        "text/html; charset=utf-8",
        html.into_string().into_bytes(),
    )
    .with_header("content-security-policy", CONTENT_SECURITY_POLICY)
    .with_header("cache-control", "no-store")
    .with_header("content-language", lang.as_str())
}

/// A public page.
pub fn page(lang: Language, status: u16, title: &str, body: Html) -> Response {
    page_in(lang, Area::Public, status, title, body)
}

/// A paragraph of escaped text.
pub fn paragraph(text: &str) -> Html {
    html!("<p>{}</p>", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence the scripts ask for (`t("key"`) is on every page, in
    /// each language, and is not English on a Slovenian page.
    #[test]
    fn the_scripts_find_each_of_their_sentences_in_each_language() {
        let scripts = [
            include_str!("../../assets/app.js"),
            include_str!("../../assets/live.js"),
        ];
        // `t("key"` as a call of its own, not the end of another name.
        let keys: Vec<&str> = scripts
            .iter()
            .flat_map(|script| {
                script.match_indices("t(\"").filter_map(|(at, _)| {
                    let before = script[..at].chars().next_back()?;
                    (!before.is_alphanumeric() && before != '_' && before != '.')
                        .then(|| script[at + 3..].split('"').next())
                        .flatten()
                })
            })
            .collect();
        assert!(keys.len() > 30, "{keys:?}");
        let words = |lang| {
            let html = script_words(lang).into_string();
            let json = html
                .split("data-words=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let json = json
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&#39;", "'");
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json).unwrap()
        };
        let (sl, en) = (words(Language::Sl), words(Language::En));
        for key in keys {
            let (Some(sl), Some(en)) = (sl.get(key), en.get(key)) else {
                panic!("the scripts say {key:?}, which the page does not hand over");
            };
            assert_ne!(sl, en, "{key} is the same in both languages");
        }
    }

    #[test]
    fn pages_forbid_scripts_and_framing() {
        let response = page(Language::En, 200, "T & C", paragraph("<script>"));
        let csp = response.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
        let html = String::from_utf8(response.body).unwrap();
        assert!(html.contains("<h1>T &amp; C</h1>") && html.contains("&lt;script&gt;"));
    }
}
