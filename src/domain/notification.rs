//! The emails the portal writes. Plain text, so that every mail client shows
//! them the same and no link hides behind markup.

use super::email::Email;
use super::time::{format, Instant};

/// Links of one kind that may be asked for one address in an hour
/// ([`LINK_WINDOW`]), so that nobody can flood a mailbox through the forms.
pub const LINKS_PER_HOUR: i64 = 5;

/// The window of [`LINKS_PER_HOUR`].
pub const LINK_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// The emailed links the hourly quota counts, each kind apart: a
/// customer who had any number of other emails (pro-formas, invoices,
/// incident emails) still gets the link they ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A sign-in link, or the fresh verification link that an unconfirmed
    /// registrant gets instead.
    SignIn,
    /// The link to a new address that confirms it.
    AddressChange,
    /// The link that confirms an erasure.
    Erasure,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::AddressChange => "address_change",
            Self::Erasure => "erasure",
        }
    }
}

/// A link the quota withholds: when the last one was asked for, and from
/// when a new one may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withheld {
    pub last_requested_at: Instant,
    pub retry_at: Instant,
}

impl Withheld {
    /// Whole seconds from `now` until a new link may be asked for (at
    /// least one), for `Retry-After`.
    pub fn retry_after(&self, now: Instant) -> u32 {
        let millis = (self.retry_at - now).num_milliseconds().max(1);
        u32::try_from((millis + 999) / 1000).unwrap_or(u32::MAX)
    }
}

/// Whether one more link may be asked for an address whose earlier
/// requests of the kind in the last hour (after `now - LINK_WINDOW`) were
/// at `recent`, in any order. Withheld, a new one may be asked for once
/// the oldest request that fills the quota is an hour old.
pub fn link_quota(recent: &[Instant], now: Instant) -> Result<(), Withheld> {
    let mut recent: Vec<Instant> = recent
        .iter()
        .copied()
        .filter(|at| *at > now - LINK_WINDOW)
        .collect();
    let quota = usize::try_from(LINKS_PER_HOUR).unwrap_or(usize::MAX);
    if recent.len() < quota {
        return Ok(());
    }
    recent.sort();
    Err(Withheld {
        last_requested_at: recent[recent.len() - 1],
        retry_at: recent[recent.len() - quota] + LINK_WINDOW,
    })
}

/// The answer when the write's own count found the quota full although the
/// read did not (requests raced this one): the quota is taken as filled by
/// requests made now.
pub fn raced_link_quota(recent: &[Instant], now: Instant) -> Withheld {
    let quota = usize::try_from(LINKS_PER_HOUR).unwrap_or(usize::MAX);
    let mut filled: Vec<Instant> = recent.to_vec();
    filled.resize(filled.len().max(quota), now);
    match link_quota(&filled, now) {
        Err(withheld) => withheld,
        Ok(()) => Withheld {
            last_requested_at: now,
            retry_at: now + LINK_WINDOW,
        },
    }
}

/// Whom an email is addressed to, decided where it is written: a contact
/// (the email is that person's data, and its organisation's: it is
/// exported with the organisation and erased with the person), the
/// vendor's own mailbox, or an address that is no contact (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A contact of an organisation, at the address it has when the email
    /// is written (a new address waiting for its link, for that link).
    Contact { contact_id: String, address: Email },
    /// The vendor's own address (`SUPPORT_DESK_EMAIL`): never a customer's
    /// data, never changed by an erasure.
    Vendor(Email),
    /// An address that belongs to no contact: a person invited, who is
    /// nobody's contact until they accept.
    Stranger(Email),
}

impl Recipient {
    pub fn contact(contact_id: &str, address: &Email) -> Self {
        Self::Contact {
            contact_id: contact_id.to_owned(),
            address: address.clone(),
        }
    }

    /// The address the email goes to.
    pub fn address(&self) -> &Email {
        match self {
            Self::Contact { address, .. } | Self::Vendor(address) | Self::Stranger(address) => {
                address
            }
        }
    }

    /// The contact it is addressed to, if any.
    pub fn contact_id(&self) -> Option<&str> {
        match self {
            Self::Contact { contact_id, .. } => Some(contact_id),
            Self::Vendor(_) | Self::Stranger(_) => None,
        }
    }
}

/// What an email is, as the outbox keeps it (`outbox.kind`; `legacy` marks
/// rows written before it was recorded whose kind could not be told).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The link that confirms a registrant's address.
    Verification,
    SignIn,
    /// The link that confirms a new address.
    AddressChange,
    /// The link that confirms an erasure.
    Erasure,
    /// About the account itself: the welcome, the notice that the address
    /// changed.
    Account,
    Invitation,
    /// About licenses: a claim's join request or refusal, SUPS ending.
    License,
    /// A pro-forma, a payment's confirmation.
    Payment,
    /// To the customer about an incident: received, unreached, messages,
    /// the balance it overdrew, its closing statement.
    Incident,
    /// To the vendor's support desk.
    Desk,
    Bulletin,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verification => "verification",
            Self::SignIn => "sign_in",
            Self::AddressChange => "address_change",
            Self::Erasure => "erasure",
            Self::Account => "account",
            Self::Invitation => "invitation",
            Self::License => "license",
            Self::Payment => "payment",
            Self::Incident => "incident",
            Self::Desk => "desk",
            Self::Bulletin => "bulletin",
        }
    }
}

/// An email to be delivered through the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: Recipient,
    pub kind: Kind,
    pub subject: String,
    pub text: String,
    /// Where a reply goes instead of the sender: an incident's signed reply
    /// address, so that the customer may answer by email.
    pub reply_to: Option<String>,
}

impl Message {
    /// The message with replies going to `address`.
    pub fn replying_to(self, address: Option<String>) -> Self {
        Self {
            reply_to: address,
            ..self
        }
    }
}

fn link(base_url: &str, path: &str, token: &str) -> String {
    format!(
        "{}/{path}?{TOKEN_PARAMETER}{token}",
        base_url.trim_end_matches('/')
    )
}

/// The query parameter that carries a link's secret: every link with a
/// secret that the portal emails (`/verify?token=`, `/sign-in?token=`) is
/// built by [`link`] with it.
const TOKEN_PARAMETER: &str = "token=";

/// What stands in a redacted link where its secret was.
pub const REDACTED: &str = "[redacted]";

/// The text of an email with the secret of every link taken out
/// (`/sign-in?token=[redacted]`), as staff may read it: a link that signs
/// someone in or confirms an address is shown to its recipient only. Text
/// redacted already stays as it is.
pub fn redact_links(text: &str) -> String {
    let mut redacted = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(TOKEN_PARAMETER) {
        let value_starts = found + TOKEN_PARAMETER.len();
        redacted.push_str(&rest[..value_starts]);
        rest = &rest[value_starts..];
        let value_length = rest
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%' | '.' | '~'))
            })
            .unwrap_or(rest.len());
        if value_length > 0 {
            redacted.push_str(REDACTED);
            rest = &rest[value_length..];
        }
    }
    redacted.push_str(rest);
    redacted
}

/// How the outbox retries an email that the email service did not take:
/// like Stripe's webhooks, with a growing wait for three days, then not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetrySchedule {
    /// The wait after the first failed attempt; it doubles after each.
    pub first_delay: chrono::Duration,
    /// The longest wait between two attempts (a queue holds a message for
    /// at most 12 hours, so this is below that).
    pub max_delay: chrono::Duration,
    /// How long after the message was written the attempts go on; the last
    /// one is at the end of it, and a failure then is final.
    pub window: chrono::Duration,
}

impl Default for RetrySchedule {
    /// 30 s, 1 min, 2, 4, 8, 16, 32 min, then every hour, for 3 days: 79
    /// attempts in all, so an outage of the email service delays a message
    /// by at most an hour after the service is back.
    fn default() -> Self {
        Self {
            first_delay: chrono::Duration::seconds(30),
            max_delay: chrono::Duration::hours(1),
            window: chrono::Duration::days(3),
        }
    }
}

impl RetrySchedule {
    /// The default schedule with another first wait (tests shorten it to a
    /// second), never longer than the longest wait.
    pub fn with_first_delay(first_delay: chrono::Duration) -> Self {
        let default = Self::default();
        Self {
            first_delay: first_delay.clamp(chrono::Duration::seconds(1), default.max_delay),
            ..default
        }
    }

    /// The wait after `attempts` failed attempts (1 or more): the first
    /// delay doubled `attempts - 1` times, at most the longest wait.
    pub fn backoff(&self, attempts: i64) -> chrono::Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.first_delay
            .checked_mul(1 << doublings)
            .map_or(self.max_delay, |delay| delay.min(self.max_delay))
    }

    /// When the attempt after `attempts` failed ones is due, for a message
    /// first attempted (written) at `first_attempt`, the last having failed
    /// at `now`; `None` when the window is over: the message has failed.
    ///
    /// The wait counts from the last attempt, not from the first, so that
    /// attempts that ran late (a queue backlog) do not follow each other
    /// without a pause; and the last attempt is at the window's end.
    pub fn next_attempt_at(
        &self,
        attempts: i64,
        first_attempt: Instant,
        now: Instant,
    ) -> Option<Instant> {
        if attempts <= 0 {
            return Some(first_attempt);
        }
        let give_up_at = first_attempt + self.window;
        if now >= give_up_at {
            return None;
        }
        Some((now + self.backoff(attempts)).min(give_up_at))
    }

    /// Whether a message written at `first_attempt` is past its window.
    pub fn is_over(&self, first_attempt: Instant, now: Instant) -> bool {
        now >= first_attempt + self.window
    }
}

/// Sent on registration: the link that confirms the address.
pub fn verification(
    to: Recipient,
    contact_name: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Verification,
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
pub fn sign_in(
    to: Recipient,
    base_url: &str,
    token: &str,
    next: Option<&super::link::ReturnPath>,
    expires_at: Instant,
) -> Message {
    let mut url = link(base_url, "sign-in", token);
    if let Some(next) = next {
        url.push_str("&next=");
        url.push_str(&serde_urlencoded::to_string([("", next.as_str())]).unwrap_or_default()[1..]);
    }
    Message {
        reply_to: None,
        to,
        kind: Kind::SignIn,
        subject: "Your Time & Space sign-in link".into(),
        text: format!(
            "Hello,\n\n\
             open this link to sign in to the Spica Customer Support Portal:\n\n\
             {}\n\n\
             The link is valid until {} (UTC) and can be used once. If you did not ask to sign in, ignore this email.\n\n\
             Spica Customer Support\n",
            url,
            format(expires_at),
        ),
    }
}

/// Sent to a new address a contact gave in their profile: it replaces the
/// old one only once this link is confirmed.
pub fn confirm_new_email(
    to: Recipient,
    contact_name: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        to,
        kind: Kind::AddressChange,
        subject: "Confirm your new email address for Time & Space support".into(),
        text: format!(
            "Hello {contact_name},\n\n\
             open this link to make this address the one you sign in with to the Spica Customer Support Portal:\n\n\
             {}\n\n\
             The link is valid until {} (UTC). Until you confirm, your old address stays in use. \
             If you did not ask for this, ignore this email.\n\n\
             Spica Customer Support\n",
            link(base_url, "confirm-email", token),
            format(expires_at),
        ),
        reply_to: None,
    }
}

/// Sent when a contact asks to be erased: the link's page confirms it, so
/// that nobody is erased by a click alone or by a mail scanner.
pub fn confirm_erasure(
    to: Recipient,
    contact_name: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        to,
        kind: Kind::Erasure,
        subject: "Confirm the erasure of your Time & Space support data".into(),
        text: format!(
            "Hello {contact_name},\n\n\
             you asked us to erase your personal data from the Spica Customer Support Portal. \
             Open this link and confirm to erase your name, email address and phone number; \
             you will not be able to sign in again:\n\n\
             {}\n\n\
             The link is valid until {} (UTC). If you did not ask for this, ignore this email: \
             nothing changes.\n\n\
             Spica Customer Support\n",
            link(base_url, "confirm-erasure", token),
            format(expires_at),
        ),
        reply_to: None,
    }
}

/// Sent to the old address once a new one replaced it.
pub fn email_changed(to: Recipient, contact_name: &str, new: &str) -> Message {
    Message {
        to,
        kind: Kind::Account,
        subject: "Your Time & Space support email address was changed".into(),
        text: format!(
            "Hello {contact_name},\n\n\
             the email address you sign in with to the Spica Customer Support Portal is now {new}. \
             This address receives nothing from the portal any more.\n\n\
             If you did not make this change, reply to this email or call us at once.\n\n\
             Spica Customer Support\n"
        ),
        reply_to: None,
    }
}

/// Sent once the address is confirmed: what the customer now has.
pub fn welcome(
    to: Recipient,
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
        reply_to: None,
        to,
        kind: Kind::Account,
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
    /// Net, per coupon and in all.
    pub unit_price: &'a str,
    pub total: &'a str,
    /// The VAT line (`Amounts::vat_line`).
    pub vat_line: &'a str,
    /// Net plus VAT: what the transfer must bring.
    pub total_due: &'a str,
    pub beneficiary: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
    pub reference: &'a str,
    pub expires_at: Instant,
}

pub fn pro_forma(to: Recipient, p: &ProForma<'_>) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Payment,
        subject: format!("Pro-forma for {} support coupon(s), order {}", p.quantity, p.order_id),
        text: format!(
            "Hello,\n\n\
             thank you for your order of {quantity} direct-support coupon(s) at EUR {unit} each (net).\n\n\
             Net:       EUR {total}\n\
             {vat_line}\n\
             Total due: EUR {total_due}\n\n\
             Please transfer EUR {total_due} to:\n\n\
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
            vat_line = p.vat_line,
            total_due = p.total_due,
            beneficiary = p.beneficiary,
            iban = p.iban,
            bic = p.bic,
            reference = p.reference,
            expires = format(p.expires_at),
        ),
    }
}

/// Sent when an order's payment is complete and its coupons are credited,
/// with the invoice issued in the same batch: its printable page
/// (`invoice_id` under the portal at `base_url`) and its UBL file for the buyer's accounting.
/// The order is named by its number (`ORD-2026-00017`).
pub fn payment_received(
    to: Recipient,
    order_number: &str,
    quantity: u32,
    total: &str,
    base_url: &str,
    invoice_id: &str,
) -> Message {
    let invoice_page = format!(
        "{}/portal/invoices/{invoice_id}",
        base_url.trim_end_matches('/')
    );
    Message {
        reply_to: None,
        to,
        kind: Kind::Payment,
        subject: format!("Payment received: {quantity} support coupon(s) credited"),
        text: format!(
            "Hello,\n\n\
             we have received EUR {total} for order {order_number}. {quantity} coupon(s) are credited to your account: \
             each buys 15 minutes of direct support.\n\n\
             Your invoice (to view and print): {invoice_page}\n\
             The same invoice as an e-invoice (UBL XML) for your accounting: {invoice_page}/xml\n\n\
             Spica Customer Support\n"
        ),
    }
}

/// The facts of an incident that its emails quote.
pub struct IncidentFacts<'a> {
    pub id: &'a str,
    /// What people read: `INC-2026-00042` (`IncidentNumber::PENDING` in a
    /// message written in the batch that allocates it; the store fills it in).
    pub number: &'a str,
    pub subject: &'a str,
    pub company: &'a str,
    pub contact: &'a str,
    pub phone: &'a str,
    pub channel: &'a str,
    pub preferred_times: &'a str,
    pub due_by: Instant,
    /// The portal's origin, for the links to the incident's pages.
    pub base_url: &'a str,
}

impl IncidentFacts<'_> {
    /// The desk's summary, with the link to the incident on the desk.
    fn summary(&self) -> String {
        format!(
            "Incident:  {}\nSubject:   {}\nCustomer:  {} ({})\nChannel:   {}\nPhone:     {}\nTimes:     {}\nCall by:   {} (UTC)\nOpen:      {}\n",
            self.number, self.subject, self.company, self.contact, self.channel, self.phone, self.preferred_times, format(self.due_by),
            self.page("desk")
        )
    }

    /// The incident's page in an area (`portal`, `desk`).
    fn page(&self, area: &str) -> String {
        format!(
            "{}/{area}/incidents/{}",
            self.base_url.trim_end_matches('/'),
            self.id
        )
    }
}

/// To the support desk: a new incident and its deadline.
pub fn desk_new_incident(desk: &Email, facts: &IncidentFacts<'_>, description: &str) -> Message {
    Message {
        reply_to: None,
        to: Recipient::Vendor(desk.clone()),
        kind: Kind::Desk,
        subject: format!(
            "New support incident {}: call back by {}",
            facts.number,
            format(facts.due_by)
        ),
        text: format!("{}\n{description}\n", facts.summary()),
    }
}

/// To the support desk: a timer of the callback promise.
pub fn desk_reminder(desk: &Email, facts: &IncidentFacts<'_>, what: &str) -> Message {
    Message {
        reply_to: None,
        to: Recipient::Vendor(desk.clone()),
        kind: Kind::Desk,
        subject: format!("Incident {}: {what}", facts.number),
        text: format!("{what}.\n\n{}", facts.summary()),
    }
}

/// To the customer: the request is in, and when to expect the call.
pub fn incident_received(to: Recipient, facts: &IncidentFacts<'_>) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Incident,
        subject: format!("We received your support request {}", facts.number),
        text: format!(
            "Hello {},\n\nwe received your request \"{}\". {}",
            facts.contact,
            facts.subject,
            callback_promise(facts)
        ),
    }
}

/// What every customer is told of a new incident, however it was opened:
/// when the call comes, where to follow it, and how time is charged.
fn callback_promise(facts: &IncidentFacts<'_>) -> String {
    format!(
        "A Spica support specialist will call you back by {} (UTC) at the latest; most requests are answered well within 12 hours.\n\nYou can follow it and write to us at {}\n\nSupport time is charged in started 15-minute increments, one coupon each.\n\nSpica Customer Support\n",
        format(facts.due_by),
        facts.page("portal")
    )
}

/// Who opened an incident for a caller, as its timeline and emails say it:
/// the agent's name.
pub struct OpenedForCaller<'a> {
    pub agent: &'a str,
}

impl OpenedForCaller<'_> {
    /// The line the incident's timeline keeps (a message of the desk's, on
    /// both sides), so everyone reads who opened it and for whom. It names
    /// the contact by role, not by name: the incident records which contact
    /// it is for (`incidents.contact_id`, which the pages show and erasure
    /// follows), and an erased contact's name must not stay in a message.
    pub fn note(&self) -> String {
        format!(
            "Opened by {} (Spica support desk) on behalf of the customer's contact, who phoned.",
            self.agent
        )
    }
}

/// To the desk: a new incident the desk opened for a caller. The same
/// notice as for one the customer raised, naming who opened it: the desk's
/// mailbox is where intake is announced and where the incident's reminders
/// and deadline warnings will follow, so colleagues covering the queue
/// hear of it even when the agent who took the call goes off shift.
pub fn desk_new_incident_for_caller(
    desk: &Email,
    facts: &IncidentFacts<'_>,
    description: &str,
    opened: &OpenedForCaller<'_>,
) -> Message {
    let mut message = desk_new_incident(desk, facts, description);
    message.text = format!("{}\n\n{}", opened.note(), message.text);
    message
}

/// To the contact a desk agent opened an incident for, after their call:
/// its number, when to expect the callback, and the link to follow it.
pub fn incident_opened_for_caller(
    to: Recipient,
    facts: &IncidentFacts<'_>,
    opened: &OpenedForCaller<'_>,
) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Incident,
        subject: format!("Your support incident {} after your call", facts.number),
        text: format!(
            "Hello {},\n\nthank you for your call. {} of the Spica support desk opened incident {} \"{}\" for you. {}",
            facts.contact,
            opened.agent,
            facts.number,
            facts.subject,
            callback_promise(facts)
        ),
    }
}

/// To the customer, after three failed callback attempts.
pub fn callback_failed(
    to: Recipient,
    facts: &IncidentFacts<'_>,
    reply_to: Option<String>,
) -> Message {
    let page = facts.page("portal");
    // A reply is the easiest answer, when replies by email reach the incident.
    let how = if reply_to.is_some() {
        format!("Simply reply to this email with times that suit you or another number (or write at {page})")
    } else {
        format!("Please tell us times that suit you or another number at {page}")
    };
    Message {
        reply_to,
        to,
        kind: Kind::Incident,
        subject: format!("We could not reach you about {}", facts.number),
        text: format!(
            "Hello {},\n\nwe tried three times to call you back about \"{}\" at {}, without success.\n\n{how}, and we will call again within 24 hours.\n\nSpica Customer Support\n",
            facts.contact, facts.subject, facts.phone
        ),
    }
}

/// A message in an incident's conversation, to the customer; the subject
/// names the incident by its number (`INC-2026-00042`).
pub fn incident_message(
    to: Recipient,
    incident_number: &str,
    subject: &str,
    from: &str,
    body: &str,
) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Incident,
        subject: format!("Re: {subject} [{incident_number}]"),
        text: format!("{from} wrote:\n\n{body}\n"),
    }
}

/// A customer's message in an incident's conversation, to the desk.
pub fn incident_message_to_desk(
    desk: &Email,
    incident_number: &str,
    subject: &str,
    from: &str,
    body: &str,
) -> Message {
    Message {
        to: Recipient::Vendor(desk.clone()),
        kind: Kind::Desk,
        ..incident_message(
            Recipient::Vendor(desk.clone()),
            incident_number,
            subject,
            from,
            body,
        )
    }
}

/// To the customer whose delivered support cost more than their coupons.
pub fn balance_below_zero(to: Recipient, incident_number: &str, balance: i64) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::Incident,
        subject: "Your support coupon balance is below zero".into(),
        text: format!(
            "Hello,\n\nthe support time delivered for incident {incident_number} cost more than your remaining coupons: your balance is now {balance} coupon(s). Please buy coupons to settle it; new support requests wait until it is settled.\n\nSpica Customer Support\n"
        ),
    }
}

/// To the customer 30 days before SUPS coverage ends.
pub fn sups_ending(to: Recipient, serial: &str, last_day: &str) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::License,
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
    to: Recipient,
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
        reply_to: None,
        to,
        kind: Kind::Incident,
        subject: format!("Support incident {} closed", facts.number),
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
        reply_to: None,
        to: Recipient::Stranger(to.clone()),
        kind: Kind::Invitation,
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
    to: Recipient,
    claimant: &Claimant<'_>,
    serial: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::License,
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
pub fn claim_refused(to: Recipient, serial: &str, reason: &str) -> Message {
    Message {
        reply_to: None,
        to,
        kind: Kind::License,
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
        let to = Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap());
        let message = verification(
            to,
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

    fn instant(seconds: i64) -> Instant {
        from_unix_millis(1_795_000_000_000 + seconds * 1000).unwrap()
    }

    #[test]
    fn the_unreached_customer_is_told_a_reply_is_enough_when_replies_arrive() {
        let to = Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap());
        let facts = IncidentFacts {
            number: "INC-2026-00001",
            id: "inc_1",
            subject: "Clock 3 offline",
            company: "Kovinar",
            contact: "Ana",
            phone: "+386 1 234 5678",
            channel: "voice",
            preferred_times: "",
            due_by: instant(0),
            base_url: "https://portal.example/",
        };
        let reply = "incident+inc_1.mac@in.example".to_owned();
        let with_reply = callback_failed(to.clone(), &facts, Some(reply.clone()));
        assert_eq!(with_reply.reply_to, Some(reply));
        assert!(with_reply.text.contains("Simply reply to this email"));
        assert!(with_reply
            .text
            .contains("https://portal.example/portal/incidents/inc_1"));
        let without = callback_failed(to.clone(), &facts, None);
        assert_eq!(without.reply_to, None);
        assert!(!without.text.contains("reply"), "{}", without.text);
        assert!(without
            .text
            .contains("at https://portal.example/portal/incidents/inc_1"));
    }

    #[test]
    fn retries_span_three_days_then_give_up() {
        let schedule = RetrySchedule::default();
        let written = instant(0);
        assert_eq!(schedule.next_attempt_at(0, written, written), Some(written));
        // Every attempt fails at once; each next one is when the schedule says.
        let mut attempts = Vec::new();
        let mut at = written;
        loop {
            attempts.push(at);
            let count = i64::try_from(attempts.len()).unwrap();
            match schedule.next_attempt_at(count, written, at) {
                Some(next) => {
                    assert!(next > at, "attempt {count} is not followed by a later one");
                    at = next;
                }
                None => break,
            }
        }
        let waits: Vec<i64> = attempts
            .windows(2)
            .map(|pair| (pair[1] - pair[0]).num_seconds())
            .collect();
        assert_eq!(
            waits[..9],
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            "doubling from 30 s, capped at an hour"
        );
        assert!(waits.iter().all(|&wait| (1..=3600).contains(&wait)));
        assert_eq!(
            *attempts.last().unwrap(),
            written + chrono::Duration::days(3),
            "the last attempt is at the end of the three days"
        );
        assert_eq!(attempts.len(), 79);
        assert!(schedule.is_over(written, *attempts.last().unwrap()));
        assert!(!schedule.is_over(written, attempts[attempts.len() - 2]));
    }

    #[test]
    fn the_backoff_is_capped_and_never_overflows() {
        let schedule = RetrySchedule::default();
        assert_eq!(schedule.backoff(1), chrono::Duration::seconds(30));
        assert_eq!(schedule.backoff(2), chrono::Duration::seconds(60));
        assert_eq!(schedule.backoff(8), chrono::Duration::seconds(3600));
        assert_eq!(schedule.backoff(9), chrono::Duration::hours(1));
        assert_eq!(schedule.backoff(1_000_000), chrono::Duration::hours(1));
        assert_eq!(schedule.backoff(i64::MAX), chrono::Duration::hours(1));
        assert!(
            schedule.max_delay < chrono::Duration::hours(12),
            "a queue delay is at most 12 h"
        );
        let short = RetrySchedule::with_first_delay(chrono::Duration::seconds(1));
        assert_eq!(short.backoff(3), chrono::Duration::seconds(4));
        assert_eq!(short.window, chrono::Duration::days(3));
        let long = RetrySchedule::with_first_delay(chrono::Duration::days(1));
        assert_eq!(long.first_delay, chrono::Duration::hours(1));
    }

    #[test]
    fn a_late_attempt_waits_its_backoff_and_none_goes_past_the_window() {
        let schedule = RetrySchedule::default();
        let written = instant(0);
        // The second attempt ran two hours late: the third still waits a minute.
        let late = instant(7200);
        assert_eq!(
            schedule.next_attempt_at(2, written, late),
            Some(late + chrono::Duration::seconds(60))
        );
        // Ten minutes before the end, an hour's wait is cut to the end.
        let near_end = written + chrono::Duration::days(3) - chrono::Duration::minutes(10);
        assert_eq!(
            schedule.next_attempt_at(40, written, near_end),
            Some(written + chrono::Duration::days(3))
        );
        // A first attempt only after the window (the queue was down) is the last.
        assert_eq!(
            schedule.next_attempt_at(1, written, written + chrono::Duration::days(4)),
            None
        );
    }

    #[test]
    fn redaction_takes_the_secret_out_of_every_emailed_link() {
        let to = Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap());
        let token = "Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODlBQkNERUY";
        let expires = from_unix_millis(0).unwrap();
        for message in [
            verification(to.clone(), "Ana", "https://portal.test", token, expires),
            sign_in(to.clone(), "https://portal.test", token, None, expires),
        ] {
            assert!(
                message.text.contains(token),
                "the email itself has the link"
            );
            let redacted = redact_links(&message.text);
            assert!(!redacted.contains(token), "{redacted}");
            assert!(redacted.contains("?token=[redacted]\n"), "{redacted}");
            assert_eq!(
                redact_links(&redacted),
                redacted,
                "redacting twice changes nothing"
            );
            // Everything else is kept, so staff can still read the email.
            assert_eq!(
                redacted.replace("[redacted]", token),
                message.text,
                "only the secret is taken out"
            );
        }
    }

    #[test]
    fn redaction_covers_every_link_and_parameter_position() {
        assert_eq!(
            redact_links(
                "a https://p.test/verify?token=abc-_9 b https://p.test/x?a=1&token=Q%2F.~z, c"
            ),
            "a https://p.test/verify?token=[redacted] b https://p.test/x?a=1&token=[redacted], c"
        );
        assert_eq!(redact_links("token="), "token=");
        assert_eq!(redact_links("no link here"), "no link here");
        assert_eq!(redact_links("token=x"), "token=[redacted]");
        assert_eq!(redact_links("ärger token=ß"), "ärger token=ß");
    }

    #[test]
    fn five_links_of_a_kind_an_hour_then_a_new_one_once_the_oldest_is_an_hour_old() {
        let minutes = |m: i64| instant(m * 60);
        let asked: Vec<Instant> = [0, 10, 20, 30].map(minutes).to_vec();
        assert_eq!(
            link_quota(&asked, minutes(40)),
            Ok(()),
            "four, a fifth may go"
        );
        let five: Vec<Instant> = [30, 0, 20, 40, 10].map(minutes).to_vec();
        let withheld = link_quota(&five, minutes(50)).unwrap_err();
        assert_eq!(withheld.last_requested_at, minutes(40));
        assert_eq!(
            withheld.retry_at,
            minutes(60),
            "when the first is an hour old"
        );
        assert_eq!(withheld.retry_after(minutes(50)), 600);
        assert_eq!(
            link_quota(&five, minutes(60)),
            Ok(()),
            "then one may go again"
        );
        // Requests older than the hour do not count, whatever their number.
        let old: Vec<Instant> = (0..20).map(|m| minutes(-70 - m)).collect();
        assert_eq!(link_quota(&old, minutes(0)), Ok(()));
        // Six in the hour (one raced in): a new one once the second is an hour old.
        let six: Vec<Instant> = [0, 1, 2, 3, 4, 5].map(minutes).to_vec();
        assert_eq!(
            link_quota(&six, minutes(6)).unwrap_err().retry_at,
            minutes(61)
        );
    }

    #[test]
    fn a_request_that_lost_the_race_is_told_the_quota_filled_just_now() {
        let minutes = |m: i64| instant(m * 60);
        let read = [minutes(0), minutes(5)];
        let withheld = raced_link_quota(&read, minutes(10));
        assert_eq!(withheld.last_requested_at, minutes(10));
        assert_eq!(withheld.retry_at, minutes(60));
        let none = raced_link_quota(&[], minutes(10));
        assert_eq!(none.retry_at, minutes(70));
    }

    #[test]
    fn a_desk_email_is_the_vendors_and_names_no_contact() {
        let desk = Email::parse("desk@spica.test").unwrap();
        let message =
            incident_message_to_desk(&desk, "INC-2026-00042", "Offline", "Ana", "Call me");
        assert_eq!((message.kind, message.to.contact_id()), (Kind::Desk, None));
        assert_eq!(message.to.address(), &desk);
        let to_customer = incident_message(
            Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap()),
            "INC-2026-00042",
            "Offline",
            "Maja (Spica support)",
            "We call",
        );
        assert_eq!(to_customer.kind, Kind::Incident);
        assert_eq!(to_customer.to.contact_id(), Some("con_1"));
        assert_eq!(message.subject, to_customer.subject);
        assert_eq!(message.subject, "Re: Offline [INC-2026-00042]");
    }

    #[test]
    fn the_sign_in_link_points_at_the_sign_in_page() {
        let to = Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap());
        let message = sign_in(
            to,
            "http://127.0.0.1:8787",
            "T",
            None,
            from_unix_millis(0).unwrap(),
        );
        assert!(message
            .text
            .contains("http://127.0.0.1:8787/sign-in?token=T\n"));
    }
}
