//! The emails the portal writes. Plain text, so that every mail client shows
//! them the same and no link hides behind markup.

use chrono::NaiveDate;

use super::email::Email;
use super::format::{date, date_time, money};
use super::incident::Channel;
use super::language::Language;
use super::messages as m;
use super::money::Money;
use super::time::{in_ljubljana, Instant};
use super::vat::{Amounts, VatCategory};

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

/// Whom an email is addressed to, decided where it is written, and the
/// language it is written in: a contact (the email is that person's data,
/// and its organisation's: it is exported with the organisation and erased
/// with the person) in their own language, the vendor's own mailbox in the
/// desk's, or an address that is no contact (yet) in the language of whoever
/// writes to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A contact of an organisation, at the address it has when the email
    /// is written (a new address waiting for its link, for that link).
    Contact {
        contact_id: String,
        address: Email,
        language: Language,
    },
    /// The vendor's own address (`SUPPORT_DESK_EMAIL`): never a customer's
    /// data, never changed by an erasure.
    Vendor { address: Email, language: Language },
    /// An address that belongs to no contact: a person invited, who is
    /// nobody's contact until they accept.
    Stranger { address: Email, language: Language },
}

impl Recipient {
    pub fn contact(contact_id: &str, address: &Email, language: Language) -> Self {
        Self::Contact {
            contact_id: contact_id.to_owned(),
            address: address.clone(),
            language,
        }
    }

    /// The address the email goes to.
    pub fn address(&self) -> &Email {
        match self {
            Self::Contact { address, .. }
            | Self::Vendor { address, .. }
            | Self::Stranger { address, .. } => address,
        }
    }

    /// The language the email is written in.
    pub fn language(&self) -> Language {
        match self {
            Self::Contact { language, .. }
            | Self::Vendor { language, .. }
            | Self::Stranger { language, .. } => *language,
        }
    }

    /// The contact it is addressed to, if any.
    pub fn contact_id(&self) -> Option<&str> {
        match self {
            Self::Contact { contact_id, .. } => Some(contact_id),
            Self::Vendor { .. } | Self::Stranger { .. } => None,
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

/// The vendor's support desk, as its emails address it: the shared address
/// (`SUPPORT_DESK_EMAIL`) and the language they are written in
/// (`DESK_LANGUAGE`): the desk is several people, none of them a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub address: Email,
    pub language: Language,
}

impl Desk {
    fn recipient(&self) -> Recipient {
        Recipient::Vendor {
            address: self.address.clone(),
            language: self.language,
        }
    }
}

/// A moment as an email states it: Ljubljana's wall clock in the reader's
/// conventions, with the zone when it is a deadline
/// (`7. 12. 2026 ob 19:05 CET`, `7 Dec 2026, 19:05 CET`).
pub fn deadline(language: Language, instant: Instant) -> String {
    let (local, zone) = in_ljubljana(instant);
    format!("{} {zone}", date_time(language, local))
}

/// A moment of the past, Ljubljana's wall clock without the zone.
fn moment(language: Language, instant: Instant) -> String {
    date_time(language, in_ljubljana(instant).0)
}

/// A letter: the greeting, the paragraphs, the signature.
fn letter(language: Language, name: Option<&str>, paragraphs: &[&str]) -> String {
    let greeting = match name {
        Some(name) => m::email_greeting(language, name),
        None => m::email_greeting_plain(language).to_owned(),
    };
    let mut text = greeting;
    for paragraph in paragraphs {
        text.push_str("\n\n");
        text.push_str(paragraph);
    }
    text.push_str("\n\n");
    text.push_str(m::email_signature(language));
    text.push('\n');
    text
}

/// Sent on registration: the link that confirms the address.
pub fn verification(
    to: Recipient,
    contact_name: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    let l = to.language();
    let body = m::email_verification_body(
        l,
        m::EmailVerificationBody {
            link: &link(base_url, "verify", token),
            expires: &deadline(l, expires_at),
        },
    );
    Message {
        reply_to: None,
        to,
        kind: Kind::Verification,
        subject: m::email_verification_subject(l).into(),
        text: letter(l, Some(contact_name), &[&body]),
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
    let l = to.language();
    let mut url = link(base_url, "sign-in", token);
    if let Some(next) = next {
        url.push_str("&next=");
        url.push_str(&serde_urlencoded::to_string([("", next.as_str())]).unwrap_or_default()[1..]);
    }
    let body = m::email_sign_in_body(
        l,
        m::EmailSignInBody {
            link: &url,
            expires: &deadline(l, expires_at),
        },
    );
    Message {
        reply_to: None,
        to,
        kind: Kind::SignIn,
        subject: m::email_sign_in_subject(l).into(),
        text: letter(l, None, &[&body]),
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
    let l = to.language();
    let body = m::email_confirm_address_body(
        l,
        m::EmailConfirmAddressBody {
            link: &link(base_url, "confirm-email", token),
            expires: &deadline(l, expires_at),
        },
    );
    Message {
        to,
        kind: Kind::AddressChange,
        subject: m::email_confirm_address_subject(l).into(),
        text: letter(l, Some(contact_name), &[&body]),
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
    let l = to.language();
    let body = m::email_confirm_erasure_body(
        l,
        m::EmailConfirmErasureBody {
            link: &link(base_url, "confirm-erasure", token),
            expires: &deadline(l, expires_at),
        },
    );
    Message {
        to,
        kind: Kind::Erasure,
        subject: m::email_confirm_erasure_subject(l).into(),
        text: letter(l, Some(contact_name), &[&body]),
        reply_to: None,
    }
}

/// Sent to the old address once a new one replaced it.
pub fn email_changed(to: Recipient, contact_name: &str, new: &str) -> Message {
    let l = to.language();
    Message {
        subject: m::email_address_changed_subject(l).into(),
        text: letter(
            l,
            Some(contact_name),
            &[&m::email_address_changed_body(l, new)],
        ),
        to,
        kind: Kind::Account,
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
    let l = to.language();
    let coupon = if free_coupon_granted {
        m::email_welcome_coupon_granted(l)
    } else {
        m::email_welcome_coupon_later(l)
    };
    let body = m::email_welcome_body(l, base_url.trim_end_matches('/'));
    Message {
        reply_to: None,
        subject: m::email_welcome_subject(l).into(),
        text: letter(l, Some(contact_name), &[&body, coupon]),
        to,
        kind: Kind::Account,
    }
}

/// Sent with a bank-transfer order: the pro-forma with payment instructions
/// and the link to its printable page.
pub struct ProForma<'a> {
    /// The order's id, for the printable pro-forma's link.
    pub order_id: &'a str,
    /// What people read (`ORD-2026-00017`; `OrderNumber::PENDING` in the
    /// batch that allocates it, which the store fills in).
    pub order_number: &'a str,
    pub quantity: u32,
    /// Net, per coupon.
    pub unit_price: Money,
    /// Net, VAT and what the transfer must bring.
    pub amounts: Amounts,
    pub beneficiary: &'a str,
    /// In groups of four (`SI56 1910 0000 0123 438`).
    pub iban: &'a str,
    pub bic: &'a str,
    /// In groups of four.
    pub reference: &'a str,
    pub expires_at: Instant,
    /// The portal's origin.
    pub base_url: &'a str,
}

/// The VAT line of a sale, as the reader writes it: the rate and the
/// amount, and for a sale without VAT its category and the legal mention.
pub fn vat_line(language: Language, amounts: &Amounts) -> String {
    let rate = match language {
        Language::Sl => amounts.rate.to_string().replace('.', ","),
        Language::En => amounts.rate.to_string(),
    };
    let amount = money(language, amounts.vat.cents());
    match amounts.category.exemption() {
        None => m::email_pro_forma_vat(
            language,
            m::EmailProFormaVat {
                rate: &rate,
                amount: &amount,
            },
        ),
        Some((_, _)) => {
            let mention = match amounts.category {
                VatCategory::ReverseCharge => m::email_pro_forma_reverse_charge(language),
                _ => m::email_pro_forma_not_subject(language),
            };
            m::email_pro_forma_vat_exempt(
                language,
                m::EmailProFormaVatExempt {
                    rate: &rate,
                    category: amounts.category.code(),
                    amount: &amount,
                    mention,
                },
            )
        }
    }
}

pub fn pro_forma(to: Recipient, p: &ProForma<'_>) -> Message {
    let l = to.language();
    let count = i64::from(p.quantity);
    let due = money(l, p.amounts.total_due.cents());
    let intro = m::email_pro_forma_intro(
        l,
        m::EmailProFormaIntro {
            count,
            unit: &money(l, p.unit_price.cents()),
        },
    );
    let amounts = [
        m::email_pro_forma_net(l, &money(l, p.amounts.net.cents())),
        vat_line(l, &p.amounts),
        m::email_pro_forma_total(l, &due),
    ]
    .join("\n");
    let account = [
        m::email_pro_forma_beneficiary(l, p.beneficiary),
        m::email_pro_forma_iban(l, p.iban),
        m::email_pro_forma_bic(l, p.bic),
        m::email_pro_forma_reference(l, p.reference),
    ]
    .join("\n");
    let printable = format!(
        "{}/portal/orders/{}/pro-forma",
        p.base_url.trim_end_matches('/'),
        p.order_id
    );
    Message {
        reply_to: None,
        subject: m::email_pro_forma_subject(
            l,
            m::EmailProFormaSubject {
                count,
                order: p.order_number,
            },
        ),
        text: letter(
            l,
            None,
            &[
                &intro,
                &amounts,
                &m::email_pro_forma_transfer(l, &due),
                &account,
                &m::email_pro_forma_due(l, &deadline(l, p.expires_at)),
                &m::email_pro_forma_printable(l, &printable),
            ],
        ),
        to,
        kind: Kind::Payment,
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
    total: Money,
    base_url: &str,
    invoice_id: &str,
) -> Message {
    let l = to.language();
    let count = i64::from(quantity);
    let invoice_page = format!(
        "{}/portal/invoices/{invoice_id}",
        base_url.trim_end_matches('/')
    );
    let body = m::email_payment_received_body(
        l,
        m::EmailPaymentReceivedBody {
            count,
            invoice: &invoice_page,
            order: order_number,
            total: &money(l, total.cents()),
        },
    );
    Message {
        reply_to: None,
        subject: m::email_payment_received_subject(l, count),
        text: letter(l, None, &[&body]),
        to,
        kind: Kind::Payment,
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
    pub channel: Channel,
    /// When the customer prefers to be called; `None`: any time.
    pub preferred_times: Option<&'a str>,
    pub due_by: Instant,
    /// The portal's origin, for the links to the incident's pages.
    pub base_url: &'a str,
}

impl IncidentFacts<'_> {
    /// The desk's summary, with the link to the incident on the desk.
    fn summary(&self, l: Language) -> String {
        let channel = match self.channel {
            Channel::Voice => m::email_desk_channel_voice(l),
            Channel::Chat => m::email_desk_channel_chat(l),
            Channel::Video => m::email_desk_channel_video(l),
            Channel::RemoteDesktop => m::email_desk_channel_remote_desktop(l),
        };
        let times = self
            .preferred_times
            .unwrap_or_else(|| m::email_desk_any_time(l));
        let mut summary = [
            m::email_desk_summary_incident(l, self.number),
            m::email_desk_summary_subject(l, self.subject),
            m::email_desk_summary_customer(
                l,
                m::EmailDeskSummaryCustomer {
                    company: self.company,
                    contact: self.contact,
                },
            ),
            m::email_desk_summary_channel(l, channel),
            m::email_desk_summary_phone(l, self.phone),
            m::email_desk_summary_times(l, times),
            m::email_desk_summary_due(l, &deadline(l, self.due_by)),
            m::email_desk_summary_open(l, &self.page("desk")),
        ]
        .join("\n");
        summary.push('\n');
        summary
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
pub fn desk_new_incident(desk: &Desk, facts: &IncidentFacts<'_>, description: &str) -> Message {
    let l = desk.language;
    Message {
        reply_to: None,
        to: desk.recipient(),
        kind: Kind::Desk,
        subject: m::email_desk_new_incident_subject(
            l,
            m::EmailDeskNewIncidentSubject {
                number: facts.number,
                due: &deadline(l, facts.due_by),
            },
        ),
        text: format!("{}\n{description}\n", facts.summary(l)),
    }
}

/// What a timer of the callback promise tells the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// The 12-hour target passed without a call that reached the customer.
    TargetPassed,
    /// The deadline (`IncidentFacts::due_by`) is near.
    DeadlineNear,
    /// The callback attempt of this number (2, 3) is due.
    AttemptDue(i64),
    /// The deadline was missed: the SLA is breached.
    DeadlineMissed,
}

impl Reminder {
    fn said(self, l: Language, facts: &IncidentFacts<'_>) -> String {
        match self {
            Self::TargetPassed => m::email_desk_target_passed(l).into(),
            Self::DeadlineNear => m::email_desk_deadline_near(l, &deadline(l, facts.due_by)),
            Self::AttemptDue(attempt) => m::email_desk_attempt_due(l, &attempt.to_string()),
            Self::DeadlineMissed => m::email_desk_deadline_missed(l).into(),
        }
    }
}

/// A sentence's first letter made a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// To the support desk: a timer of the callback promise.
pub fn desk_reminder(desk: &Desk, facts: &IncidentFacts<'_>, reminder: Reminder) -> Message {
    let l = desk.language;
    let what = reminder.said(l, facts);
    Message {
        reply_to: None,
        to: desk.recipient(),
        kind: Kind::Desk,
        subject: m::email_desk_reminder_subject(
            l,
            m::EmailDeskReminderSubject {
                number: facts.number,
                what: &what,
            },
        ),
        text: format!("{}.\n\n{}", capitalised(&what), facts.summary(l)),
    }
}

/// To the customer: the request is in, and when to expect the call.
pub fn incident_received(to: Recipient, facts: &IncidentFacts<'_>) -> Message {
    let l = to.language();
    let body = m::email_incident_received_body(l, facts.subject);
    Message {
        reply_to: None,
        subject: m::email_incident_received_subject(l, facts.number),
        text: letter(
            l,
            Some(facts.contact),
            &[&body, &callback_promise(l, facts)],
        ),
        to,
        kind: Kind::Incident,
    }
}

/// What every customer is told of a new incident, however it was opened:
/// when the call comes, where to follow it, and how time is charged.
fn callback_promise(l: Language, facts: &IncidentFacts<'_>) -> String {
    m::email_callback_promise(
        l,
        m::EmailCallbackPromise {
            due: &deadline(l, facts.due_by),
            link: &facts.page("portal"),
        },
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
    /// Stored once, in English, as the timeline's other records.
    pub fn note(&self) -> String {
        self.note_in(Language::En)
    }

    /// The same line in `language`, as the desk's email says it.
    pub fn note_in(&self, language: Language) -> String {
        m::email_desk_opened_for_caller(language, self.agent)
    }
}

/// To the desk: a new incident the desk opened for a caller. The same
/// notice as for one the customer raised, naming who opened it: the desk's
/// mailbox is where intake is announced and where the incident's reminders
/// and deadline warnings will follow, so colleagues covering the queue
/// hear of it even when the agent who took the call goes off shift.
pub fn desk_new_incident_for_caller(
    desk: &Desk,
    facts: &IncidentFacts<'_>,
    description: &str,
    opened: &OpenedForCaller<'_>,
) -> Message {
    let mut message = desk_new_incident(desk, facts, description);
    message.text = format!("{}\n\n{}", opened.note_in(desk.language), message.text);
    message
}

/// To the contact a desk agent opened an incident for, after their call:
/// its number, when to expect the callback, and the link to follow it.
pub fn incident_opened_for_caller(
    to: Recipient,
    facts: &IncidentFacts<'_>,
    opened: &OpenedForCaller<'_>,
) -> Message {
    let l = to.language();
    let body = m::email_opened_for_caller_body(
        l,
        m::EmailOpenedForCallerBody {
            agent: opened.agent,
            number: facts.number,
            subject: facts.subject,
        },
    );
    Message {
        reply_to: None,
        subject: m::email_opened_for_caller_subject(l, facts.number),
        text: letter(
            l,
            Some(facts.contact),
            &[&body, &callback_promise(l, facts)],
        ),
        to,
        kind: Kind::Incident,
    }
}

/// To the customer, after three failed callback attempts.
pub fn callback_failed(
    to: Recipient,
    facts: &IncidentFacts<'_>,
    reply_to: Option<String>,
) -> Message {
    let l = to.language();
    let page = facts.page("portal");
    let tried = m::email_callback_failed_tried(
        l,
        m::EmailCallbackFailedTried {
            phone: facts.phone,
            subject: facts.subject,
        },
    );
    // A reply is the easiest answer, when replies by email reach the incident.
    let how = if reply_to.is_some() {
        m::email_callback_failed_reply(l, &page)
    } else {
        m::email_callback_failed_page(l, &page)
    };
    Message {
        reply_to,
        subject: m::email_callback_failed_subject(l, facts.number),
        text: letter(l, Some(facts.contact), &[&tried, &how]),
        to,
        kind: Kind::Incident,
    }
}

/// How a desk agent signs a message to the customer: `Maja (Spica support)`.
pub fn staff_author(language: Language, name: &str) -> String {
    m::email_staff_author(language, name)
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
    let l = to.language();
    Message {
        reply_to: None,
        subject: m::email_incident_message_subject(
            l,
            m::EmailIncidentMessageSubject {
                number: incident_number,
                subject,
            },
        ),
        text: format!("{}\n\n{body}\n", m::email_incident_message_from(l, from)),
        to,
        kind: Kind::Incident,
    }
}

/// A customer's message in an incident's conversation, to the desk.
pub fn incident_message_to_desk(
    desk: &Desk,
    incident_number: &str,
    subject: &str,
    from: &str,
    body: &str,
) -> Message {
    Message {
        kind: Kind::Desk,
        ..incident_message(desk.recipient(), incident_number, subject, from, body)
    }
}

/// To the customer whose delivered support cost more than their coupons.
pub fn balance_below_zero(to: Recipient, incident_number: &str, balance: i64) -> Message {
    let l = to.language();
    let body = m::email_balance_below_zero_body(
        l,
        m::EmailBalanceBelowZeroBody {
            balance,
            number: incident_number,
        },
    );
    Message {
        reply_to: None,
        subject: m::email_balance_below_zero_subject(l).into(),
        text: letter(l, None, &[&body]),
        to,
        kind: Kind::Incident,
    }
}

/// To the customer 30 days before SUPS coverage ends on `last_day`.
pub fn sups_ending(to: Recipient, serial: &str, last_day: NaiveDate) -> Message {
    let l = to.language();
    let day = date(l, last_day);
    Message {
        reply_to: None,
        subject: m::email_sups_ending_subject(l, m::EmailSupsEndingSubject { day: &day, serial }),
        text: letter(
            l,
            None,
            &[&m::email_sups_ending_body(
                l,
                m::EmailSupsEndingBody { day: &day, serial },
            )],
        ),
        to,
        kind: Kind::License,
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
    let l = to.language();
    let mut lines = String::from(m::email_closing_sessions(l));
    lines.push('\n');
    for s in sessions {
        lines.push_str(&format!(
            "  {}  {:>4} min  {}\n",
            moment(l, s.started_at),
            s.minutes,
            s.agent
        ));
    }
    let totals = [
        m::email_closing_total(
            l,
            m::EmailClosingTotal {
                minutes: &(total_seconds / 60).to_string(),
                seconds: &(total_seconds % 60).to_string(),
            },
        ),
        m::email_closing_increments(l, &coupons.to_string()),
        m::email_closing_charged(l, &coupons.to_string()),
        m::email_closing_balance(l, balance),
    ]
    .join("\n");
    let sessions_and_totals = format!("{lines}\n{totals}");
    Message {
        reply_to: None,
        subject: m::email_closing_subject(l, facts.number),
        text: letter(
            l,
            Some(facts.contact),
            &[
                &m::email_closing_body(l, facts.subject),
                &m::email_closing_resolution(l, resolution),
                &sessions_and_totals,
                m::email_closing_best_effort(l),
            ],
        ),
        to,
        kind: Kind::Incident,
    }
}

/// Sent to a colleague a contact invites, in the inviter's language: the
/// link lands on a page whose button accepts, so that a mail scanner
/// following links accepts nothing.
#[allow(clippy::too_many_arguments)]
pub fn invitation(
    to: &Email,
    language: Language,
    name: &str,
    company: &str,
    invited_by: &str,
    base_url: &str,
    token: &str,
    expires_at: Instant,
) -> Message {
    let l = language;
    let body = m::email_invitation_body(
        l,
        m::EmailInvitationBody {
            company,
            expires: &deadline(l, expires_at),
            inviter: invited_by,
            link: &link(base_url, "invitation", token),
        },
    );
    Message {
        reply_to: None,
        to: Recipient::Stranger {
            address: to.clone(),
            language,
        },
        kind: Kind::Invitation,
        subject: m::email_invitation_subject(
            l,
            m::EmailInvitationSubject {
                company,
                inviter: invited_by,
            },
        ),
        text: letter(l, Some(name), &[&body]),
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
    let l = to.language();
    let body = m::email_join_request_body(
        l,
        m::EmailJoinRequestBody {
            address: claimant.email,
            company: claimant.company,
            expires: &deadline(l, expires_at),
            link: &link(base_url, "confirm-join", token),
            name: claimant.name,
            serial,
        },
    );
    Message {
        reply_to: None,
        subject: m::email_join_request_subject(
            l,
            m::EmailJoinRequestSubject {
                name: claimant.name,
                serial,
            },
        ),
        text: letter(l, None, &[&body]),
        to,
        kind: Kind::License,
    }
}

/// Sent to a claimant whose license claim staff refused, with the reason.
pub fn claim_refused(to: Recipient, serial: &str, reason: &str) -> Message {
    let l = to.language();
    let body = m::email_claim_refused_body(l, m::EmailClaimRefusedBody { reason, serial });
    Message {
        reply_to: None,
        subject: m::email_claim_refused_subject(l).into(),
        text: letter(l, None, &[&body]),
        to,
        kind: Kind::License,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    #[test]
    fn the_verification_link_points_at_the_public_base_url() {
        let to = Recipient::contact(
            "con_1",
            &Email::parse("ana@kovinar.si").unwrap(),
            Language::En,
        );
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
        assert!(
            message.text.contains("1 Jan 1970, 01:00 CET"),
            "{}",
            message.text
        );
    }

    fn instant(seconds: i64) -> Instant {
        from_unix_millis(1_795_000_000_000 + seconds * 1000).unwrap()
    }

    #[test]
    fn the_unreached_customer_is_told_a_reply_is_enough_when_replies_arrive() {
        let to = Recipient::contact(
            "con_1",
            &Email::parse("ana@kovinar.si").unwrap(),
            Language::En,
        );
        let facts = IncidentFacts {
            number: "INC-2026-00001",
            id: "inc_1",
            subject: "Clock 3 offline",
            company: "Kovinar",
            contact: "Ana",
            phone: "+386 1 234 5678",
            channel: Channel::Voice,
            preferred_times: None,
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
        let to = Recipient::contact(
            "con_1",
            &Email::parse("ana@kovinar.si").unwrap(),
            Language::En,
        );
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
        let desk = Desk {
            address: Email::parse("desk@spica.test").unwrap(),
            language: Language::En,
        };
        let message =
            incident_message_to_desk(&desk, "INC-2026-00042", "Offline", "Ana", "Call me");
        assert_eq!((message.kind, message.to.contact_id()), (Kind::Desk, None));
        assert_eq!(message.to.address(), &desk.address);
        let to_customer = incident_message(
            Recipient::contact(
                "con_1",
                &Email::parse("ana@kovinar.si").unwrap(),
                Language::En,
            ),
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
        let to = Recipient::contact(
            "con_1",
            &Email::parse("ana@kovinar.si").unwrap(),
            Language::En,
        );
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

/// Every email rendered in every language with sample data: no placeholder
/// left, no machine timestamp, no "(s)" plural, and no English in Slovenian.
#[cfg(test)]
mod every_template {
    use super::*;
    use crate::domain::money::Money;
    use crate::domain::time::from_unix_millis;
    use crate::domain::vat::{VatCategory, VatRate};

    /// 7 Dec 2026 18:17:11 UTC: 19:17 in Ljubljana (CET).
    fn winter() -> Instant {
        crate::domain::time::parse("2026-12-07T18:17:11.271Z").unwrap()
    }

    fn to(language: Language) -> Recipient {
        Recipient::contact("con_1", &Email::parse("ana@kovinar.si").unwrap(), language)
    }

    fn facts() -> IncidentFacts<'static> {
        IncidentFacts {
            id: "inc_1",
            number: "INC-2026-00042",
            subject: "Ura 3 ne deluje",
            company: "Kovinar d.o.o.",
            contact: "Ana Novak",
            phone: "+386 41 123 456",
            channel: Channel::RemoteDesktop,
            preferred_times: None,
            due_by: winter(),
            base_url: "https://portal.test/",
        }
    }

    fn amounts(category: VatCategory) -> Amounts {
        let rate = if category == VatCategory::Standard {
            VatRate::from_basis_points(2200).unwrap()
        } else {
            VatRate::ZERO
        };
        Amounts {
            category,
            rate,
            net: Money::from_cents(7500).unwrap(),
            vat: Money::from_cents(if rate == VatRate::ZERO { 0 } else { 1650 }).unwrap(),
            total_due: Money::from_cents(9150).unwrap(),
        }
    }

    /// Every email in `language`, with `count` coupons where a count is said.
    fn every_email(language: Language, count: i64) -> Vec<Message> {
        let l = language;
        let desk = Desk {
            address: Email::parse("desk@spica.test").unwrap(),
            language,
        };
        let expires = winter();
        let quantity = u32::try_from(count).unwrap();
        let opened = OpenedForCaller { agent: "Maja" };
        let pro_forma_of = |category| {
            pro_forma(
                to(l),
                &ProForma {
                    order_id: "ord_1",
                    order_number: "ORD-2026-00017",
                    quantity,
                    unit_price: Money::from_cents(2500).unwrap(),
                    amounts: amounts(category),
                    beneficiary: "Spica d.o.o.",
                    iban: "SI56 1910 0000 0123 438",
                    bic: "BAKOSI2X",
                    reference: "RF18 5390 0754 7034",
                    expires_at: expires,
                    base_url: "https://portal.test",
                },
            )
        };
        vec![
            verification(to(l), "Ana", "https://portal.test", "T", expires),
            sign_in(to(l), "https://portal.test", "T", None, expires),
            confirm_new_email(to(l), "Ana", "https://portal.test", "T", expires),
            confirm_erasure(to(l), "Ana", "https://portal.test", "T", expires),
            email_changed(to(l), "Ana", "ana@novi.si"),
            welcome(to(l), "Ana", "https://portal.test", true),
            welcome(to(l), "Ana", "https://portal.test", false),
            pro_forma_of(VatCategory::Standard),
            pro_forma_of(VatCategory::ReverseCharge),
            pro_forma_of(VatCategory::NotSubject),
            payment_received(
                to(l),
                "ORD-2026-00017",
                quantity,
                Money::from_cents(9150).unwrap(),
                "https://portal.test",
                "inv_1",
            ),
            desk_new_incident(&desk, &facts(), "Ura ne kaže časa."),
            desk_reminder(&desk, &facts(), Reminder::TargetPassed),
            desk_reminder(&desk, &facts(), Reminder::DeadlineNear),
            desk_reminder(&desk, &facts(), Reminder::AttemptDue(2)),
            desk_reminder(&desk, &facts(), Reminder::DeadlineMissed),
            incident_received(to(l), &facts()),
            desk_new_incident_for_caller(&desk, &facts(), "Ura ne kaže časa.", &opened),
            incident_opened_for_caller(to(l), &facts(), &opened),
            callback_failed(to(l), &facts(), Some("incident+inc_1@in.test".into())),
            callback_failed(to(l), &facts(), None),
            incident_message(
                to(l),
                "INC-2026-00042",
                "Ura 3",
                &staff_author(l, "Maja"),
                "Pokličemo.",
            ),
            incident_message_to_desk(&desk, "INC-2026-00042", "Ura 3", "Ana", "Hvala."),
            balance_below_zero(to(l), "INC-2026-00042", -count),
            sups_ending(
                to(l),
                "12345",
                chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            ),
            closing_statement(
                to(l),
                &facts(),
                "Ponovno zagnana.",
                &[StatementLine {
                    started_at: winter(),
                    minutes: 17,
                    agent: "Maja".into(),
                }],
                1020,
                count,
                count,
            ),
            invitation(
                &Email::parse("bojan@kovinar.si").unwrap(),
                l,
                "Bojan",
                "Kovinar d.o.o.",
                "Ana Novak",
                "https://portal.test",
                "T",
                expires,
            ),
            join_request(
                to(l),
                &Claimant {
                    name: "Bojan",
                    email: "bojan@drugi.si",
                    company: "Drugi d.o.o.",
                },
                "12345",
                "https://portal.test",
                "T",
                expires,
            ),
            claim_refused(
                to(l),
                "12345",
                "Serijska številka pripada drugemu podjetju.",
            ),
        ]
    }

    /// What no email may contain, in any language.
    fn assert_readable(message: &Message) {
        let all = format!("{}\n{}", message.subject, message.text);
        for bad in [
            "{",
            "}",
            "(s)",
            "(UTC)",
            "Z (UTC)",
            "«",
            "»",
            "2026-12-07",
            ":11.271",
        ] {
            assert!(!all.contains(bad), "{bad:?} in:\n{all}");
        }
        // No `T18:17:11`-like machine time.
        let bytes = all.as_bytes();
        for window in bytes.windows(9) {
            let digit = |i: usize| window[i].is_ascii_digit();
            let machine = window[0] == b'T'
                && digit(1)
                && digit(2)
                && window[3] == b':'
                && digit(4)
                && digit(5)
                && window[6] == b':'
                && digit(7)
                && digit(8);
            assert!(!machine, "a machine timestamp in:\n{all}");
        }
        assert!(message.text.ends_with('\n'), "{all}");
    }

    /// Words that give English away on a Slovenian email.
    const ENGLISH: [&str; 24] = [
        "Hello",
        "hello",
        "coupon",
        "Coupon",
        "incident",
        "Incident",
        "order ",
        "Order",
        "invoice",
        "Invoice",
        "Please",
        "please",
        "the ",
        "The ",
        " you",
        "You",
        "Support",
        "support ",
        "link",
        "Link",
        "valid",
        "Total",
        "Reference",
        "Beneficiary",
    ];

    #[test]
    fn every_email_reads_well_in_both_languages() {
        for count in [1, 2, 3, 5] {
            for language in Language::ALL {
                for message in every_email(language, count) {
                    assert_readable(&message);
                    if language == Language::Sl {
                        // Links and addresses stay as they are.
                        let all = format!("{}\n{}", message.subject, message.text)
                            .split(' ')
                            .map(|word| {
                                if word.contains("://") || word.contains('@') {
                                    "URL"
                                } else {
                                    word
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        for word in ENGLISH {
                            assert!(!all.contains(word), "{word:?} in Slovenian:\n{all}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn slovenian_emails_count_coupons_in_their_four_forms() {
        let sl = |count| every_email(Language::Sl, count);
        let find = |messages: &[Message], kind: Kind, starts: &str| -> Message {
            messages
                .iter()
                .find(|m| m.kind == kind && m.subject.starts_with(starts))
                .cloned()
                .unwrap()
        };
        for (count, pro_forma_subject, intro, credited, balance) in [
            (
                1,
                "Predračun za 1 kupon za podporo",
                "naročilo: 1 kupon za",
                "pripisali 1 kupon:",
                "stanje je zdaj −1 kupon.",
            ),
            (
                2,
                "Predračun za 2 kupona za podporo",
                "naročilo: 2 kupona za",
                "pripisali 2 kupona:",
                "stanje je zdaj −2 kupona.",
            ),
            (
                3,
                "Predračun za 3 kupone za podporo",
                "naročilo: 3 kuponi za",
                "pripisali 3 kupone:",
                "stanje je zdaj −3 kuponi.",
            ),
            (
                5,
                "Predračun za 5 kuponov za podporo",
                "naročilo: 5 kuponov za",
                "pripisali 5 kuponov:",
                "stanje je zdaj −5 kuponov.",
            ),
        ] {
            let messages = sl(count);
            let pro_forma = find(&messages, Kind::Payment, "Predračun");
            assert_eq!(
                pro_forma.subject,
                format!("{pro_forma_subject}, naročilo ORD-2026-00017")
            );
            assert!(pro_forma.text.contains(intro), "{}", pro_forma.text);
            let paid = find(&messages, Kind::Payment, "Plačilo prejeto");
            assert!(paid.text.contains(credited), "{}", paid.text);
            let overdrawn = find(&messages, Kind::Incident, "Stanje vaših kuponov");
            assert!(overdrawn.text.contains(balance), "{}", overdrawn.text);
        }
        let closing = find(&sl(3), Kind::Incident, "Zahtevek za podporo");
        assert!(
            closing.text.contains("Preostalo stanje: 3 kuponi\n"),
            "{}",
            closing.text
        );
        let english = find(&every_email(Language::En, 1), Kind::Payment, "Pro-forma");
        assert_eq!(
            english.subject,
            "Pro-forma for 1 support coupon, order ORD-2026-00017"
        );
        let english = find(&every_email(Language::En, 5), Kind::Payment, "Payment");
        assert_eq!(
            english.subject,
            "Payment received: 5 support coupons credited"
        );
    }

    #[test]
    fn the_pro_forma_says_amounts_times_and_account_as_the_reader_writes_them() {
        let messages = every_email(Language::Sl, 3);
        let sl = &messages[7];
        for expected in [
            "Pozdravljeni,\n\nhvala za vaše naročilo: 3 kuponi za neposredno podporo po 25,00\u{a0}€ za kupon (brez DDV).",
            "Neto:          75,00\u{a0}€\nDDV 22 %: 16,50\u{a0}€\nZa plačilo:    91,50\u{a0}€",
            "Znesek 91,50\u{a0}€ nakažite na:",
            "IBAN:          SI56 1910 0000 0123 438\n",
            "Sklic:         RF18 5390 0754 7034\n",
            "Naročilo je odprto do 7. 12. 2026 ob 19:17 CET.",
            "Predračun za tiskanje: https://portal.test/portal/orders/ord_1/pro-forma\n\nPodpora strankam Spica\n",
        ] {
            assert!(sl.text.contains(expected), "{expected:?} not in:\n{}", sl.text);
        }
        let reverse = &messages[8];
        assert!(
            reverse
                .text
                .contains("DDV 0 % (kategorija AE): 0,00\u{a0}€. Obrnjena davčna obveznost"),
            "{}",
            reverse.text
        );
        let en = &every_email(Language::En, 3)[7];
        for expected in [
            "at €25.00 each (net).",
            "Total due: €91.50",
            "The order is open until 7 Dec 2026, 19:17 CET.",
            "Printable pro-forma: https://portal.test/portal/orders/ord_1/pro-forma\n",
        ] {
            assert!(
                en.text.contains(expected),
                "{expected:?} not in:\n{}",
                en.text
            );
        }
    }

    #[test]
    fn deadlines_are_ljubljana_time_with_the_zone_in_summer_and_winter() {
        let summer = from_unix_millis(1_783_000_000_000).unwrap(); // July 2026
        assert!(deadline(Language::Sl, summer).ends_with(" CEST"));
        assert_eq!(deadline(Language::Sl, winter()), "7. 12. 2026 ob 19:17 CET");
        assert_eq!(deadline(Language::En, winter()), "7 Dec 2026, 19:17 CET");
        let received = incident_received(to(Language::Sl), &facts());
        assert!(
            received
                .text
                .contains("najpozneje do 7. 12. 2026 ob 19:17 CET;"),
            "{}",
            received.text
        );
        assert!(received.text.starts_with(
            "Pozdravljeni, Ana Novak,\n\nprejeli smo vaš zahtevek „Ura 3 ne deluje“."
        ));
    }

    #[test]
    fn the_desk_reads_its_emails_in_its_own_language() {
        let desk = Desk {
            address: Email::parse("desk@spica.test").unwrap(),
            language: Language::Sl,
        };
        let message = desk_reminder(&desk, &facts(), Reminder::DeadlineMissed);
        assert_eq!(
            message.subject,
            "Zahtevek INC-2026-00042: rok za povratni klic je zamujen (SLA ni izpolnjen)"
        );
        assert!(
            message.text.contains("Kanal:        oddaljeno namizje\n"),
            "{}",
            message.text
        );
        assert!(
            message.text.contains("Termini:      kadar koli\n"),
            "{}",
            message.text
        );
        assert_eq!(message.to.language(), Language::Sl);
    }
}
