//! The emails the portal writes. Plain text, so that every mail client shows
//! them the same and no link hides behind markup.

use super::email::Email;
use super::time::{format, Instant};

/// Emails of any kind one address may have had in the last hour for the
/// sign-in form to send it another link, so that nobody can flood a mailbox
/// through the form.
pub const LINK_EMAILS_PER_HOUR: i64 = 5;

/// Whether a link may go to an address that had `sent_last_hour` emails.
pub fn may_send_link(sent_last_hour: i64) -> bool {
    sent_last_hour < LINK_EMAILS_PER_HOUR
}

/// An email to be delivered through the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: Email,
    pub subject: String,
    pub text: String,
}

fn link(base_url: &str, path: &str, token: &str) -> String {
    format!("{}/{path}?token={token}", base_url.trim_end_matches('/'))
}

/// Sent on registration: the link that confirms the address.
pub fn verification(
    to: &Email,
    contact_name: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        to: to.clone(),
        subject: "Confirm your Time & Space registration".into(),
        text: format!(
            "Hello {contact_name},\n\n\
             thank you for registering as a Time & Space user. Please confirm your email address by opening this link:\n\n\
             {}\n\n\
             The link is valid until {} (UTC) and can be used once. Once you confirm, your account is active and your first support coupon (15 minutes of direct support) is credited.\n\n\
             If you did not register, ignore this email and nothing will happen.\n\n\
             Spica Customer Support\n",
            link(base_url, "verify", token),
            format(expires_at),
        ),
    }
}

/// Sent when a customer asks to sign in: a one-time link instead of a password.
pub fn sign_in(to: &Email, base_url: &str, token: &str, expires_at: Instant) -> Message {
    Message {
        to: to.clone(),
        subject: "Your Time & Space sign-in link".into(),
        text: format!(
            "Hello,\n\n\
             open this link to sign in to the Spica Customer Support Portal:\n\n\
             {}\n\n\
             The link is valid until {} (UTC) and can be used once. If you did not ask to sign in, ignore this email.\n\n\
             Spica Customer Support\n",
            link(base_url, "sign-in", token),
            format(expires_at),
        ),
    }
}

/// Sent once the address is confirmed: what the customer now has.
pub fn welcome(
    to: &Email,
    contact_name: &str,
    base_url: &str,
    free_coupon_granted: bool,
) -> Message {
    let coupon = if free_coupon_granted {
        "Your first support coupon is credited: it buys 15 minutes of direct support."
    } else {
        "The free first coupon is given once per software license. We will credit it as soon as we have matched your license serial number, unless that license has had it already."
    };
    Message {
        to: to.clone(),
        subject: "Welcome to Time & Space support".into(),
        text: format!(
            "Hello {contact_name},\n\n\
             your registration is confirmed. You will receive Time & Space news and bulletins if you asked for them, and you can now request direct support, activate your software and buy support coupons at {}.\n\n\
             {coupon}\n\n\
             Spica Customer Support\n",
            base_url.trim_end_matches('/'),
        ),
    }
}

/// Sent with a bank-transfer order: the pro-forma with payment instructions.
pub struct ProForma<'a> {
    pub order_id: &'a str,
    pub quantity: u32,
    pub unit_price: &'a str,
    pub total: &'a str,
    pub beneficiary: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
    pub reference: &'a str,
    pub expires_at: Instant,
}

pub fn pro_forma(to: &Email, p: &ProForma<'_>) -> Message {
    Message {
        to: to.clone(),
        subject: format!("Pro-forma for {} support coupon(s), order {}", p.quantity, p.order_id),
        text: format!(
            "Hello,\n\n\
             thank you for your order of {quantity} direct-support coupon(s) at EUR {unit} each.\n\n\
             Please transfer EUR {total} to:\n\n\
             Beneficiary: {beneficiary}\n\
             IBAN:        {iban}\n\
             BIC:         {bic}\n\
             Reference:   {reference}\n\n\
             Quote the reference exactly: it is how we find your payment. The coupons are credited as soon as the \
             transfer arrives. The order is open until {expires} (UTC).\n\n\
             Spica Customer Support\n",
            quantity = p.quantity,
            unit = p.unit_price,
            total = p.total,
            beneficiary = p.beneficiary,
            iban = p.iban,
            bic = p.bic,
            reference = p.reference,
            expires = format(p.expires_at),
        ),
    }
}

/// Sent when an order's payment is complete and its coupons are credited.
pub fn payment_received(to: &Email, order_id: &str, quantity: u32, total: &str) -> Message {
    Message {
        to: to.clone(),
        subject: format!("Payment received: {quantity} support coupon(s) credited"),
        text: format!(
            "Hello,\n\n\
             we have received EUR {total} for order {order_id}. {quantity} coupon(s) are credited to your account: \
             each buys 15 minutes of direct support.\n\n\
             Spica Customer Support\n"
        ),
    }
}

/// The facts of an incident that its emails quote.
pub struct IncidentFacts<'a> {
    pub id: &'a str,
    pub subject: &'a str,
    pub company: &'a str,
    pub contact: &'a str,
    pub phone: &'a str,
    pub channel: &'a str,
    pub preferred_times: &'a str,
    pub due_by: Instant,
}

impl IncidentFacts<'_> {
    fn summary(&self) -> String {
        format!(
            "Incident:  {}\nSubject:   {}\nCustomer:  {} ({})\nChannel:   {}\nPhone:     {}\nTimes:     {}\nCall by:   {} (UTC)\n",
            self.id, self.subject, self.company, self.contact, self.channel, self.phone, self.preferred_times, format(self.due_by)
        )
    }
}

/// To the support desk: a new incident and its deadline.
pub fn desk_new_incident(desk: &Email, facts: &IncidentFacts<'_>, description: &str) -> Message {
    Message {
        to: desk.clone(),
        subject: format!(
            "New support incident {}: call back by {}",
            facts.id,
            format(facts.due_by)
        ),
        text: format!("{}\n{description}\n", facts.summary()),
    }
}

/// To the support desk: a timer of the callback promise.
pub fn desk_reminder(desk: &Email, facts: &IncidentFacts<'_>, what: &str) -> Message {
    Message {
        to: desk.clone(),
        subject: format!("Incident {}: {what}", facts.id),
        text: format!("{what}.\n\n{}", facts.summary()),
    }
}

/// To the customer: the request is in, and when to expect the call.
pub fn incident_received(to: &Email, facts: &IncidentFacts<'_>) -> Message {
    Message {
        to: to.clone(),
        subject: format!("We received your support request {}", facts.id),
        text: format!(
            "Hello {},\n\nwe received your request \"{}\". A Spica support specialist will call you back by {} (UTC) at the latest; most requests are answered well within 12 hours.\n\nSupport time is charged in started 15-minute increments, one coupon each.\n\nSpica Customer Support\n",
            facts.contact, facts.subject, format(facts.due_by)
        ),
    }
}

/// To the customer, after three failed callback attempts.
pub fn callback_failed(to: &Email, facts: &IncidentFacts<'_>, base_url: &str) -> Message {
    Message {
        to: to.clone(),
        subject: format!("We could not reach you about {}", facts.id),
        text: format!(
            "Hello {},\n\nwe tried three times to call you back about \"{}\" at {}, without success.\n\nPlease reply with times that suit you or another number, at {}/api/me/incidents/{}/messages (or in the portal), and we will call again within 24 hours.\n\nSpica Customer Support\n",
            facts.contact, facts.subject, facts.phone, base_url.trim_end_matches('/'), facts.id
        ),
    }
}

/// A message in an incident's conversation, to the other side.
pub fn incident_message(
    to: &Email,
    incident_id: &str,
    subject: &str,
    from: &str,
    body: &str,
) -> Message {
    Message {
        to: to.clone(),
        subject: format!("Re: {subject} [{incident_id}]"),
        text: format!("{from} wrote:\n\n{body}\n"),
    }
}

/// To the customer whose delivered support cost more than their coupons.
pub fn balance_below_zero(to: &Email, incident_id: &str, balance: i64) -> Message {
    Message {
        to: to.clone(),
        subject: "Your support coupon balance is below zero".into(),
        text: format!(
            "Hello,\n\nthe support time delivered for incident {incident_id} cost more than your remaining coupons: your balance is now {balance} coupon(s). Please buy coupons to settle it; new support requests wait until it is settled.\n\nSpica Customer Support\n"
        ),
    }
}

/// To the customer 30 days before SUPS coverage ends.
pub fn sups_ending(to: &Email, serial: &str, last_day: &str) -> Message {
    Message {
        to: to.clone(),
        subject: format!("Your SUPS coverage for {serial} ends on {last_day}"),
        text: format!(
            "Hello,\n\nyour Software Upgrade and Premium Support (SUPS) coverage for license {serial} ends on {last_day}. \
             To keep free upgrades, premium support and coupons at 40 % off, ask your Spica partner to extend it.\n\n\
             Spica Customer Support\n"
        ),
    }
}

/// One line of a closing statement: a support session.
pub struct StatementLine {
    pub started_at: Instant,
    pub minutes: i64,
    pub agent: String,
}

/// To the customer when an incident is closed: what was done and charged.
pub fn closing_statement(
    to: &Email,
    facts: &IncidentFacts<'_>,
    resolution: &str,
    sessions: &[StatementLine],
    total_seconds: i64,
    coupons: i64,
    balance: i64,
) -> Message {
    let lines: String = sessions
        .iter()
        .map(|s| {
            format!(
                "  {}  {:>4} min  {}\n",
                format(s.started_at),
                s.minutes,
                s.agent
            )
        })
        .collect();
    Message {
        to: to.clone(),
        subject: format!("Support incident {} closed", facts.id),
        text: format!(
            "Hello {},\n\nyour support request \"{}\" is closed.\n\nResolution: {resolution}\n\nSessions:\n{lines}\nTotal time: {} min {} s\nIncrements of 15 minutes (each started one counts): {coupons}\nCoupons charged: {coupons}\nBalance left: {balance} coupon(s)\n\nSupport is given on a best-effort basis.\n\nSpica Customer Support\n",
            facts.contact,
            facts.subject,
            total_seconds / 60,
            total_seconds % 60,
        ),
    }
}

/// Sent to a colleague a contact invites: the link lands on a page whose
/// button accepts, so that a mail scanner following links accepts nothing.
pub fn invitation(
    to: &Email,
    name: &str,
    company: &str,
    invited_by: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        to: to.clone(),
        subject: format!("{invited_by} invites you to {company} on the Spica Customer Support Portal"),
        text: format!(
            "Hello {name},\n\n\
             {invited_by} invites you to join {company} on the Spica Customer Support Portal, to buy support coupons, ask for support and manage licenses for your company. To accept, open this link and confirm:\n\n\
             {}\n\n\
             The link is valid until {} (UTC) and can be used once. If you do not know {company}, ignore this email and nothing will happen.\n\n\
             Spica Customer Support\n",
            link(base_url, "invitation", token),
            format(expires_at),
        ),
    }
}

/// Sent to the contacts of a license's holder when someone else registered
/// its serial and staff ask whether that person belongs to them.
/// Who registered a held license's serial, as the holder is told.
pub struct Claimant<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub company: &'a str,
}

pub fn join_request(
    to: &Email,
    claimant: &Claimant<'_>,
    serial: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        to: to.clone(),
        subject: format!(
            "Does {} belong to your company? (license {serial})",
            claimant.name
        ),
        text: format!(
            "Hello,\n\n\
             {} <{}> of {} registered with the serial number of your license {serial}. If they are your colleague, open this link and confirm: they will join your company on the portal and see its licenses, orders and incidents.\n\n\
             {}\n\n\
             The link is valid until {} (UTC). If you do not know them, ignore this email: they will see nothing of your license.\n\n\
             Spica Customer Support\n",
            claimant.name,
            claimant.email,
            claimant.company,
            link(base_url, "confirm-join", token),
            format(expires_at),
        ),
    }
}

/// Sent to a claimant whose license claim staff refused, with the reason.
pub fn claim_refused(to: &Email, serial: &str, reason: &str) -> Message {
    Message {
        to: to.clone(),
        subject: "Your license registration could not be confirmed".into(),
        text: format!(
            "Hello,\n\n\
             we could not confirm the license serial number {serial} you registered with:\n\n\
             {reason}\n\n\
             Reply to this email if you think this is wrong.\n\n\
             Spica Customer Support\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    #[test]
    fn the_verification_link_points_at_the_public_base_url() {
        let to = Email::parse("ana@kovinar.si").unwrap();
        let message = verification(
            &to,
            "Ana",
            "https://portal.example/",
            "TOKEN",
            from_unix_millis(0).unwrap(),
        );
        assert!(message
            .text
            .contains("https://portal.example/verify?token=TOKEN\n"));
        assert!(message.text.contains("1970-01-01T00:00:00.000Z"));
    }

    #[test]
    fn five_link_emails_an_hour_and_no_more() {
        assert!(may_send_link(0) && may_send_link(4));
        assert!(!may_send_link(5));
    }

    #[test]
    fn the_sign_in_link_points_at_the_sign_in_page() {
        let to = Email::parse("ana@kovinar.si").unwrap();
        let message = sign_in(
            &to,
            "http://127.0.0.1:8787",
            "T",
            from_unix_millis(0).unwrap(),
        );
        assert!(message
            .text
            .contains("http://127.0.0.1:8787/sign-in?token=T\n"));
    }
}
