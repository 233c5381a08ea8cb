//! Direct support: intake, callback attempts and their timers, the
//! conversation, support sessions charged in 15-minute increments, closing.
//!
//! Every use case reads as its caller: the caller's statement and the
//! incident's records in one batch, then the decision in one guarded write
//! (the incident's revision, the ledger's idempotency keys), answered from
//! what was decided.

use serde_json::{Map, Value};

use super::input::{self, Fields};
use super::{App, AppError, Caller, CustomerPrincipal, Job, Principal, StaffIdentity};
use crate::app::IncidentsError;
use crate::domain::billing::{self, Session};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::incident::{
    Author, Callback, Channel, IncidentError, Outcome, Reader, Scheduled, Status, Timer,
};
use crate::domain::ledger::Entry;
use crate::domain::messages as m;
use crate::domain::notification::{self, IncidentFacts, Reminder, StatementLine};
use crate::domain::number::IncidentNumber;
use crate::domain::phone::Phone;
use crate::domain::queue::QueueFilter;
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::store::{
    self, AttemptRecord, ChargeRecord, CustomerScope, Database, DbError, Holder, IncidentAccount,
    IncidentRecord, MessageRecord, PhoneCallRecord, Reads, SessionRecord, Statement,
};

/// How far back the desk's charts look.
const CHART_DAYS: i64 = 30;

/// The longest texts of direct support, in characters, whichever transport
/// (the API's JSON, a page's form) brings them.
pub const SUBJECT_CHARS: usize = 200;
pub const DESCRIPTION_CHARS: usize = 10_000;
pub const PREFERRED_TIMES_CHARS: usize = 500;
/// A message, the customer's or the desk's.
pub const MESSAGE_CHARS: usize = 10_000;
/// A callback attempt's internal note.
pub const NOTE_CHARS: usize = 2000;
pub const RESOLUTION_CHARS: usize = 5000;

/// An incident as the customer raises it.
pub struct NewIncident {
    pub subject: Text,
    pub description: Text,
    pub channel: Channel,
    pub phone: Option<Phone>,
    pub preferred_times: Option<Text>,
    pub serial: Option<SerialNumber>,
}

/// The customer's message, perhaps with a new number or times for the call.
pub struct Reply {
    pub body: Text,
    pub phone: Option<Phone>,
    pub preferred_times: Option<Text>,
}

/// A callback attempt as staff record it; who recorded it is the verified
/// staff identity, never a typed name.
pub struct AttemptInput {
    pub outcome: Outcome,
    pub channel: Channel,
    pub note: Option<Text>,
}

/// A support session as staff log it; the agent's name the customer sees
/// and who recorded it come from the verified staff identity.
pub struct SessionInput {
    pub started_at: Instant,
    pub ended_at: Instant,
    pub channel: Channel,
}

/// The longest reason for a session logged or corrected by hand.
pub const REASON_CHARS: usize = 500;

/// A session logged or corrected on the desk's page: wall-clock times in
/// Ljubljana (`datetime-local` fields), and why the measured record is
/// changed by hand. The reason is kept in the audit log with the change.
pub struct DeskSessionInput {
    pub session: SessionInput,
    pub reason: Text,
}

impl DeskSessionInput {
    /// `started_at` and `ended_at` (Ljubljana's wall clock), `channel` and
    /// `reason`, every invalid one named.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let started_at = fields.parse("started_at", input::local_time);
        let ended_at = fields.parse("ended_at", input::local_time);
        let channel = fields.parse("channel", Channel::parse);
        let reason = fields.parse("reason", |t| Text::parse_multiline(t, REASON_CHARS));
        match (started_at, ended_at, channel, reason) {
            (Some(started_at), Some(ended_at), Some(channel), Some(reason)) => Ok(Self {
                session: SessionInput {
                    started_at,
                    ended_at,
                    channel,
                },
                reason,
            }),
            _ => Err(fields.errors),
        }
    }
}

impl NewIncident {
    /// The fields of a support request, every invalid one named; a voice
    /// callback needs a phone number.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        match Self::read(&mut fields, true) {
            Some(incident) if fields.errors.is_empty() => Ok(incident),
            _ => Err(fields.errors),
        }
    }

    /// Reads the request's fields, whoever sends them. `voice_needs_phone`:
    /// the customer's own request must give the number for a voice call;
    /// the desk's for a caller may leave it to the contact's.
    pub(super) fn read(fields: &mut Fields<'_>, voice_needs_phone: bool) -> Option<Self> {
        let subject = fields.parse("subject", |t| Text::parse(t, SUBJECT_CHARS));
        let description = fields.parse("description", |t| {
            Text::parse_multiline(t, DESCRIPTION_CHARS)
        });
        let channel = fields.parse("channel", Channel::parse);
        let phone = fields.parse_optional("phone", Phone::parse);
        let preferred_times =
            fields.parse_optional("preferred_times", |t| Text::parse(t, PREFERRED_TIMES_CHARS));
        let serial = fields.parse_optional("serial", SerialNumber::parse);
        if voice_needs_phone && channel == Some(Channel::Voice) && matches!(phone, Some(None)) {
            fields
                .errors
                .push("phone", Invalid::said("required", m::field_phone_for_voice));
        }
        Some(Self {
            subject: subject?,
            description: description?,
            channel: channel?,
            phone: phone?,
            preferred_times: preferred_times?,
            serial: serial?,
        })
    }
}

impl Reply {
    /// The message's `body`, and perhaps a new `phone` or `preferred_times`.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let body = fields.parse("body", |t| Text::parse_multiline(t, MESSAGE_CHARS));
        let phone = fields.parse_optional("phone", Phone::parse);
        let preferred_times =
            fields.parse_optional("preferred_times", |t| Text::parse(t, PREFERRED_TIMES_CHARS));
        match (body, phone, preferred_times) {
            (Some(body), Some(phone), Some(preferred_times)) => Ok(Self {
                body,
                phone,
                preferred_times,
            }),
            _ => Err(fields.errors),
        }
    }
}

impl AttemptInput {
    /// `outcome`, `channel` and perhaps an internal `note`.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let outcome = fields.parse("outcome", Outcome::parse);
        let channel = fields.parse("channel", Channel::parse);
        let note = fields.parse_optional("note", |t| Text::parse_multiline(t, NOTE_CHARS));
        match (outcome, channel, note) {
            (Some(outcome), Some(channel), Some(note)) => Ok(Self {
                outcome,
                channel,
                note,
            }),
            _ => Err(fields.errors),
        }
    }
}

impl SessionInput {
    /// `started_at` and `ended_at` (RFC 3339 instants) and `channel`.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let started_at = fields.parse("started_at", input::instant);
        let ended_at = fields.parse("ended_at", input::instant);
        let channel = fields.parse("channel", Channel::parse);
        match (started_at, ended_at, channel) {
            (Some(started_at), Some(ended_at), Some(channel)) => Ok(Self {
                started_at,
                ended_at,
                channel,
            }),
            _ => Err(fields.errors),
        }
    }
}

/// The desk's message to the customer: its `body`.
pub fn message_body(object: &Map<String, Value>) -> Result<Text, FieldErrors> {
    required_text(object, "body", MESSAGE_CHARS)
}

/// What closing an incident says was done: its `resolution`.
pub fn resolution(object: &Map<String, Value>) -> Result<Text, FieldErrors> {
    required_text(object, "resolution", RESOLUTION_CHARS)
}

/// A required multi-line text field of at most `max` characters.
fn required_text(object: &Map<String, Value>, name: &str, max: usize) -> Result<Text, FieldErrors> {
    let mut fields = Fields::new(object);
    fields
        .parse(name, |t| Text::parse_multiline(t, max))
        .ok_or(fields.errors)
}

/// What logging (or correcting) a session comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charged {
    pub session_id: String,
    pub total_seconds: i64,
    pub coupons_charged: i64,
    pub balance: i64,
    /// The email telling the customer their balance went below zero, if it did.
    pub jobs: Vec<Job>,
}

/// What people read of an incident: its number (`INC-2026-00042`); only an
/// incident not yet written has none (its emails then carry the placeholder
/// the write replaces).
fn number_of(incident: &IncidentRecord) -> &str {
    incident
        .number
        .as_ref()
        .map_or(IncidentNumber::PENDING, IncidentNumber::as_str)
}

/// An incident with everything that happened on it, read in one batch:
/// what the customer's and the desk's pages and JSON show, and what a desk
/// action decides on.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub incident: IncidentRecord,
    /// Who its emails go to: the contact who raised it while still active,
    /// else its organisation's longest-standing active contact; none when
    /// the organisation has no active contact left.
    pub customer: Option<CustomerPrincipal>,
    pub attempts: Vec<AttemptRecord>,
    pub sessions: Vec<SessionRecord>,
    pub messages: Vec<MessageRecord>,
    /// Ledger entries for its support time, newest first.
    pub charges: Vec<ChargeRecord>,
    /// Who it was read for: the customer's read holds no call notes.
    pub reader: Reader,
    /// Net of credits back.
    pub coupons_charged: i64,
    /// The organisation's balance in coupons.
    pub balance: i64,
    /// The phone call the desk started and has not stopped.
    pub phone_call: Option<PhoneCallRecord>,
    /// Files attached to it, oldest first.
    pub attachments: Vec<store::AttachmentRecord>,
}

impl Timeline {
    /// What it is read from; with an owner (the customer's read), the
    /// incident is found only when it is that organisation's, and the
    /// desk's call notes are not read.
    fn reads(
        incident_id: &str,
        owner: Option<&CustomerScope>,
    ) -> impl Reads<Output = TimelineRead> {
        (
            store::incident_by_id(incident_id, owner),
            store::incident_contact(incident_id),
            store::attempts_of(incident_id, Self::reader(owner)),
            store::sessions_of(incident_id),
            store::messages_of(incident_id),
            store::charges_of(incident_id),
            store::incident_account(incident_id),
            (
                store::phone_call_of(incident_id),
                store::attachments_of_incident(incident_id),
            ),
        )
    }

    /// The customer reads through their organisation; the desk reads any.
    fn reader(owner: Option<&CustomerScope>) -> Reader {
        if owner.is_some() {
            Reader::Customer
        } else {
            Reader::Desk
        }
    }

    /// Not found when the incident is not there (or not the owner's): what
    /// was read for its id alone then says nothing.
    fn of(read: TimelineRead, reader: Reader) -> Result<Self, AppError> {
        let (
            incident,
            customer,
            attempts,
            sessions,
            messages,
            charges,
            account,
            (phone_call, attachments),
        ) = read;
        let IncidentAccount {
            coupons_charged,
            balance,
        } = account;
        Ok(Self {
            incident: incident.ok_or(AppError::NotFound)?,
            customer: customer.map(principal_of),
            attempts,
            sessions,
            messages,
            charges,
            coupons_charged,
            balance,
            reader,
            phone_call,
            attachments,
        })
    }

    /// The support time logged, in seconds.
    pub fn total_seconds(&self) -> i64 {
        self.sessions.iter().map(|s| s.session.seconds()).sum()
    }

    /// The contact its emails go to, which a change that emails needs.
    fn contact(&self) -> Result<&CustomerPrincipal, AppError> {
        self.customer.as_ref().ok_or(AppError::NotFound)
    }

    /// Refuses a change of a closed incident.
    pub(crate) fn refuse_if_closed(&self) -> Result<(), AppError> {
        if self.incident.callback.status == Status::Closed {
            Err(AppError::Incidents(IncidentsError::State(
                IncidentError::Closed,
            )))
        } else {
            Ok(())
        }
    }
}

/// One page of one view of the desk's queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub incidents: Vec<IncidentRecord>,
    pub page: i64,
    /// The next page's number, when there are more.
    pub next_page: Option<i64>,
}

impl QueuePage {
    /// A page from what the store read: a page and one more when another
    /// follows.
    fn of(filter: &QueueFilter, mut incidents: Vec<IncidentRecord>) -> Self {
        let more = incidents.len() as i64 > filter.page_size();
        incidents.truncate(filter.page_size() as usize);
        Self {
            incidents,
            page: filter.page,
            next_page: more.then_some(filter.page + 1),
        }
    }
}

/// The desk's queue and charts, read in one batch.
#[derive(Debug, Clone)]
pub struct DeskQueue {
    /// The view's incidents: open ones nearest deadline first, closed ones
    /// most recently closed first.
    pub page: QueuePage,
    /// Who has incidents taken, for the filter by agent.
    pub assignees: Vec<String>,
    /// The name of the organisation filtered by (none when unknown).
    pub organisation: Option<String>,
    /// Whether the charts were read (the default view only).
    pub charted: bool,
    /// Each incident received in the last 30 days, with the time until a
    /// call reached the customer (none while no call has).
    pub callback_after: Vec<(String, Option<chrono::Duration>)>,
    /// Coupons bought per day in the last 30 days.
    pub coupons_per_day: Vec<(String, i64)>,
    /// The callback target and deadline, drawn on the chart.
    pub target: chrono::Duration,
    pub deadline: chrono::Duration,
}

/// What [`Timeline::reads`] read, in its order.
type TimelineRead = (
    Option<IncidentRecord>,
    Option<Holder>,
    Vec<AttemptRecord>,
    Vec<SessionRecord>,
    Vec<MessageRecord>,
    Vec<ChargeRecord>,
    IncidentAccount,
    (Option<PhoneCallRecord>, Vec<store::AttachmentRecord>),
);

/// The contact [`store::incident_contact`] found, as a principal.
fn principal_of(holder: Holder) -> CustomerPrincipal {
    CustomerPrincipal {
        customer: holder.customer,
        contact: holder.contact,
    }
}

pub(super) fn timer_job(incident_id: &str, scheduled: &Scheduled) -> Job {
    Job::IncidentTimer {
        incident_id: incident_id.to_owned(),
        timer: scheduled.timer.as_str().to_owned(),
        window: scheduled.window,
        attempt: scheduled.attempt,
        due_at: format(scheduled.due_at),
    }
}

/// A conflicting concurrent change of the same incident lost the race.
fn concurrent(error: DbError) -> AppError {
    if error.is_unique_violation("incident_revisions")
        || error.is_unique_violation("callback_attempts")
    {
        AppError::Incidents(IncidentsError::Conflict)
    } else {
        error.into()
    }
}

impl<D: Database> App<D> {
    /// The incident's signed reply address, when replies by email are on.
    pub fn reply_address(&self, incident_id: &str) -> Option<String> {
        self.config
            .reply_by_email
            .as_ref()
            .map(|reply| reply.address(incident_id))
    }

    pub(super) fn facts<'a>(
        &'a self,
        incident: &'a IncidentRecord,
        customer: &'a CustomerPrincipal,
    ) -> IncidentFacts<'a> {
        IncidentFacts {
            id: &incident.id,
            number: number_of(incident),
            subject: &incident.subject,
            company: &customer.customer.company_name,
            contact: &customer.contact.name,
            phone: incident
                .phone
                .as_ref()
                .map_or(customer.contact.phone.as_str(), Phone::as_str),
            channel: incident.channel,
            preferred_times: incident.preferred_times.as_deref(),
            due_by: incident.callback.due_by,
            base_url: &self.config.public_base_url,
        }
    }

    async fn timeline_as(
        &self,
        caller: &Caller,
        incident_id: &str,
        owner: Option<&CustomerScope>,
    ) -> Result<(Principal, Timeline), AppError> {
        let (principal, read) = self
            .read_as(caller, Timeline::reads(incident_id, owner))
            .await?;
        Ok((principal, Timeline::of(read, Timeline::reader(owner))?))
    }

    /// One of the calling customer's incidents with its timeline; another
    /// organisation's is not found.
    pub async fn my_incident(
        &self,
        caller: &Caller,
        incident_id: &str,
    ) -> Result<(CustomerPrincipal, Timeline), AppError> {
        let (principal, timeline) = self
            .timeline_as(caller, incident_id, Some(&caller.customer_scope()))
            .await?;
        Ok((principal.customer()?, timeline))
    }

    /// Any incident with its timeline, for the desk.
    pub async fn desk_incident(
        &self,
        caller: &Caller,
        incident_id: &str,
    ) -> Result<(StaffIdentity, Timeline), AppError> {
        let (principal, timeline) = self.timeline_as(caller, incident_id, None).await?;
        Ok((principal.staff()?, timeline))
    }

    /// The calling customer's incidents, newest first.
    pub async fn my_incidents(
        &self,
        caller: &Caller,
    ) -> Result<(CustomerPrincipal, Vec<IncidentRecord>), AppError> {
        let (principal, incidents) = self
            .read_as(caller, store::incidents_of(&caller.customer_scope()))
            .await?;
        Ok((principal.customer()?, incidents))
    }

    /// One view of the desk's queue (issue 22): `filter` chose the
    /// incidents, the order and the page; one round trip with the caller.
    pub async fn incident_queue(
        &self,
        caller: &Caller,
        filter: &QueueFilter,
        now: Instant,
    ) -> Result<QueuePage, AppError> {
        let (principal, incidents) = self
            .read_as(
                caller,
                store::incident_queue(filter, &caller.staff_scope(), now),
            )
            .await?;
        principal.staff()?;
        Ok(QueuePage::of(filter, incidents))
    }

    /// The desk's queue page: one view of the queue, who has incidents
    /// taken (the filter by agent), the organisation filtered by, and on
    /// the default view the charts of the last 30 days; one round trip.
    pub async fn desk_queue(
        &self,
        caller: &Caller,
        filter: &QueueFilter,
        now: Instant,
    ) -> Result<(StaffIdentity, DeskQueue), AppError> {
        let since = now - chrono::Duration::days(CHART_DAYS);
        let charted = *filter == QueueFilter::default();
        let (principal, (incidents, assignees, organisation, charts)) = self
            .read_as(
                caller,
                (
                    store::incident_queue(filter, &caller.staff_scope(), now),
                    store::assignees(),
                    filter
                        .organisation
                        .as_ref()
                        .map(|id| store::customer_by_id(id.as_str())),
                    charted.then(|| {
                        (
                            store::callback_times(since),
                            store::coupons_sold_per_day(since),
                        )
                    }),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        let (callback_times, coupons_per_day) = charts.unwrap_or_default();
        let callback_after = callback_times
            .into_iter()
            .map(|(id, received, reached)| (id, reached.map(|at| at - received)))
            .collect();
        let queue = DeskQueue {
            page: QueuePage::of(filter, incidents),
            assignees,
            organisation: organisation.flatten().map(|c| c.company_name),
            charted,
            callback_after,
            coupons_per_day,
            target: self.config.sla.target,
            deadline: self.config.sla.deadline,
        };
        Ok((staff, queue))
    }

    /// Raises an incident: only with at least one coupon, and never while a
    /// balance is below zero. The incident, its timers and the emails to the
    /// desk and the customer are one batch ([`App::raise`], which the desk's
    /// incident for a caller writes too).
    pub async fn open_incident(
        &self,
        caller: &Caller,
        input: NewIncident,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let (principal, balance) = self
            .read_as(caller, store::balance_of(&caller.customer_scope()))
            .await?;
        let customer = principal.customer()?;
        let raised = self.raise(&customer, balance, input, None, now, entropy)?;
        let written = self.store.write_returning(raised.batch).await?;
        let mut incident = raised.incident;
        incident.number = store::allocated_number(&written, IncidentNumber::parse);
        Ok((incident, raised.jobs))
    }

    /// Records a callback attempt; the third failure in a window asks the
    /// customer, by email, what to do next.
    pub async fn record_attempt(
        &self,
        caller: &Caller,
        incident_id: &str,
        input: AttemptInput,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(i64, IncidentRecord, Vec<Job>), AppError> {
        let attempt_id = entropy.id("att");
        self.record_attempt_with_id(caller, incident_id, input, &attempt_id, now)
            .await
    }

    /// [`App::record_attempt`] under an id already decided (the live room's):
    /// recording it again fails whole and changes nothing.
    pub(super) async fn record_attempt_with_id(
        &self,
        caller: &Caller,
        incident_id: &str,
        input: AttemptInput,
        attempt_id: &str,
        now: Instant,
    ) -> Result<(i64, IncidentRecord, Vec<Job>), AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        let customer = timeline.contact()?;
        let incident = &timeline.incident;
        let decision = incident
            .callback
            .attempt(input.outcome, &self.config.sla, now)
            .map_err(IncidentsError::State)?;
        let mut batch = store::update_incident(incident, &decision.callback);
        batch.push(store::insert_attempt(
            &store::Attempt {
                id: attempt_id,
                incident_id,
                number: decision.number,
                outcome: input.outcome,
                channel: input.channel,
                note: input.note.as_ref().map(Text::as_str),
                recorded_by: &staff.email,
            },
            now,
        ));
        let mut jobs = Vec::new();
        if let Some(next) = &decision.next {
            batch.extend(store::insert_timers(
                incident_id,
                std::slice::from_ref(next),
            ));
            jobs.push(timer_job(incident_id, next));
        }
        if decision.prompt_customer {
            let outbox_id = format!("msg_prompt_{incident_id}_{}", incident.callback.window);
            let message = notification::callback_failed(
                customer.contact.recipient(),
                &self.facts(incident, customer),
                self.reply_address(incident_id),
            );
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        self.store.write(batch).await.map_err(concurrent)?;
        let updated = IncidentRecord {
            callback: decision.callback,
            revision: incident.revision + 1,
            ..timeline.incident
        };
        Ok((decision.number, updated, jobs))
    }

    /// The calling customer writes about one of their incidents.
    pub async fn customer_message(
        &self,
        caller: &Caller,
        incident_id: &str,
        reply: Reply,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let owner = caller.customer_scope();
        let (principal, incident) = self
            .read_as(caller, store::incident_by_id(incident_id, Some(&owner)))
            .await?;
        let customer = principal.customer()?;
        let incident = incident.ok_or(AppError::NotFound)?;
        self.customer_message_with(&customer, incident, reply, now, entropy, |_| Vec::new())
            .await
    }

    /// The customer's message on their organisation's `incident`, with more
    /// statements in its batch, made from the new message's id (an inbound
    /// email's record). Waiting for them after three failed calls, the
    /// message reopens the callback with a fresh 24-hour window; a new phone
    /// number or times are kept for the next call.
    pub(super) async fn customer_message_with(
        &self,
        customer: &CustomerPrincipal,
        mut incident: IncidentRecord,
        reply: Reply,
        now: Instant,
        entropy: &mut Entropy,
        also: impl FnOnce(&str) -> Vec<Statement>,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let reopened = incident
            .callback
            .customer_replied(&self.config.sla, now)
            .map_err(IncidentsError::State)?;
        let Reply {
            body,
            phone,
            preferred_times,
        } = reply;
        if let Some(phone) = phone {
            incident.phone = Some(phone.clone());
        }
        if let Some(times) = preferred_times {
            incident.preferred_times = Some(times.into_string());
        }
        let incident_id = incident.id.clone();
        let callback = reopened
            .clone()
            .unwrap_or_else(|| incident.callback.clone());
        let mut batch = store::update_incident(&incident, &callback);
        let message_id = entropy.id("imsg");
        batch.push(store::insert_incident_message(
            &message_id,
            &incident_id,
            Author::Customer,
            &customer.contact.name,
            customer.contact.email.as_str(),
            body.as_str(),
            now,
        ));
        batch.push(store::record_acting_contact(
            store::Acted::IncidentMessage,
            &message_id,
            &customer.contact.id,
        ));
        batch.extend(also(&message_id));
        let outbox_id = entropy.id("msg");
        batch.push(store::insert_message(
            &outbox_id,
            &notification::incident_message_to_desk(
                &self.config.desk(),
                number_of(&incident),
                &incident.subject,
                &customer.contact.name,
                body.as_str(),
            ),
            now,
        ));
        let mut jobs = vec![Job::DeliverEmail { outbox_id }];
        if let Some(window) = &reopened {
            let timers = window.timers(&self.config.sla);
            batch.extend(store::insert_timers(&incident_id, &timers));
            jobs.extend(timers.iter().map(|t| timer_job(&incident_id, t)));
        }
        self.store.write(batch).await.map_err(concurrent)?;
        let updated = IncidentRecord {
            callback,
            revision: incident.revision + 1,
            ..incident
        };
        Ok((updated, jobs))
    }

    /// Staff write to the customer.
    pub async fn staff_message(
        &self,
        caller: &Caller,
        incident_id: &str,
        body: Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let (author, timeline) = self.desk_incident(caller, incident_id).await?;
        let customer = timeline.contact()?;
        timeline.refuse_if_closed()?;
        let outbox_id = entropy.id("msg");
        let to = customer.contact.recipient();
        let from = notification::staff_author(to.language(), &author.name);
        let message = notification::incident_message(
            to,
            number_of(&timeline.incident),
            &timeline.incident.subject,
            &from,
            body.as_str(),
        )
        .replying_to(self.reply_address(incident_id));
        self.store
            .write(vec![
                store::insert_incident_message(
                    &entropy.id("imsg"),
                    incident_id,
                    Author::Staff,
                    &author.name,
                    &author.email,
                    body.as_str(),
                    now,
                ),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await?;
        Ok(vec![Job::DeliverEmail { outbox_id }])
    }

    /// Logs, corrects (`session_id` given, `input` some) or deletes
    /// (`input` none) a session, then charges the difference between what the
    /// incident's total time now costs and what was charged before, in the
    /// same batch. The same change sent again charges nothing more.
    pub async fn change_session(
        &self,
        caller: &Caller,
        incident_id: &str,
        session_id: Option<&str>,
        input: Option<SessionInput>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Charged, AppError> {
        self.change_session_with(caller, incident_id, session_id, input, None, now, entropy)
            .await
    }

    /// [`App::change_session`]; a new session takes `new_id` when given (the
    /// live room's, which both parties were told).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn change_session_with(
        &self,
        caller: &Caller,
        incident_id: &str,
        session_id: Option<&str>,
        input: Option<SessionInput>,
        new_id: Option<String>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Charged, AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        timeline.contact()?;
        timeline.refuse_if_closed()?;
        let incident = &timeline.incident;
        let mut sessions: Vec<Session> = timeline
            .sessions
            .iter()
            .map(|r| r.session.clone())
            .collect();
        let (id, change, write) = match (session_id, &input) {
            (None, Some(input)) => {
                // A retry of a session already logged answers as the first time.
                if let Some(same) = sessions
                    .iter()
                    .find(|s| s.started_at == input.started_at && s.ended_at == input.ended_at)
                {
                    let total_seconds = timeline.total_seconds();
                    return Ok(Charged {
                        session_id: same.id.clone(),
                        total_seconds,
                        coupons_charged: billing::coupons_owed(total_seconds),
                        balance: timeline.balance,
                        jobs: Vec::new(),
                    });
                }
                let session = Session {
                    id: new_id.unwrap_or_else(|| entropy.id("ses")),
                    started_at: input.started_at,
                    ended_at: input.ended_at,
                };
                billing::check_session(&session, &sessions, now)
                    .map_err(IncidentsError::Session)?;
                let write = store::insert_session(
                    &store::SessionRow {
                        session: &session,
                        incident_id,
                        channel: input.channel,
                        agent: &staff.name,
                        recorded_by: &staff.email,
                    },
                    now,
                );
                sessions.push(session.clone());
                (session.id.clone(), session.id, write)
            }
            (Some(id), Some(input)) => {
                let index = sessions
                    .iter()
                    .position(|s| s.id == id)
                    .ok_or(AppError::NotFound)?;
                let corrected = Session {
                    id: id.to_owned(),
                    started_at: input.started_at,
                    ended_at: input.ended_at,
                };
                billing::check_session(&corrected, &sessions, now)
                    .map_err(IncidentsError::Session)?;
                sessions[index] = corrected.clone();
                let change = format!("{id}:r{}", incident.revision + 1);
                (id.to_owned(), change, store::correct_session(&corrected))
            }
            (Some(id), None) => {
                let index = sessions
                    .iter()
                    .position(|s| s.id == id)
                    .ok_or(AppError::NotFound)?;
                sessions.remove(index);
                (
                    id.to_owned(),
                    format!("{id}:deleted"),
                    store::delete_session(id, now),
                )
            }
            (None, None) => return Err(AppError::NotFound),
        };
        self.charge_sessions(&timeline, &sessions, id, &change, vec![write], now, entropy)
            .await
    }

    /// Writes a change of an incident's sessions (`writes`, with `sessions`
    /// as they are after it) and charges the difference between what the
    /// whole incident's time now costs and what was charged before, in one
    /// batch guarded by the incident's revision; `change` keys the charge.
    #[allow(clippy::too_many_arguments)]
    async fn charge_sessions(
        &self,
        timeline: &Timeline,
        sessions: &[Session],
        id: String,
        change: &str,
        writes: Vec<Statement>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Charged, AppError> {
        let customer = timeline.contact()?;
        let incident = &timeline.incident;
        let incident_id = incident.id.as_str();
        let charge = billing::charge(sessions, timeline.coupons_charged);
        let mut batch = store::update_incident(incident, &incident.callback);
        batch.extend(writes);
        if charge.due_now != 0 {
            let entry = Entry::consumption(
                entropy.id("led"),
                &customer.customer.id,
                incident_id,
                -charge.due_now,
                change,
                now,
            );
            batch.push(store::append_entry(&entry));
        }
        let balance = timeline.balance - charge.due_now;
        let mut jobs = Vec::new();
        if balance < 0 && charge.due_now > 0 {
            let outbox_id = format!("msg_overdrawn_{incident_id}_{change}").replace(':', "_");
            let message = notification::balance_below_zero(
                customer.contact.recipient(),
                number_of(incident),
                balance,
            );
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        self.store.write(batch).await.map_err(concurrent)?;
        Ok(Charged {
            session_id: id,
            total_seconds: charge.total_seconds,
            coupons_charged: charge.coupons_owed,
            balance,
            jobs,
        })
    }

    /// Starts a phone call on an incident by the server's clock: the desk
    /// phones the customer (nobody was online, or they prefer the phone).
    /// One runs at a time; it survives a reload until it is stopped.
    pub async fn start_phone_call(
        &self,
        caller: &Caller,
        incident_id: &str,
        now: Instant,
    ) -> Result<PhoneCallRecord, AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        timeline.refuse_if_closed()?;
        if timeline.phone_call.is_some() {
            return Err(IncidentsError::PhoneCallRunning.into());
        }
        let call = PhoneCallRecord {
            started_at: now,
            agent: staff.name.clone(),
            started_by: staff.email.clone(),
        };
        self.store
            .write(vec![store::start_phone_call(incident_id, &call)])
            .await
            .map_err(|error| {
                if error.is_unique_violation("phone_calls") {
                    IncidentsError::PhoneCallRunning.into()
                } else {
                    AppError::from(error)
                }
            })?;
        Ok(call)
    }

    /// Stops the incident's phone call by the server's clock: its session
    /// (a voice session from the start to now, by the agent who started it)
    /// is recorded and the whole incident charged, in one batch. A call
    /// stopped the moment it started records nothing.
    pub async fn stop_phone_call(
        &self,
        caller: &Caller,
        incident_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Charged, AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        timeline.refuse_if_closed()?;
        let call = timeline
            .phone_call
            .clone()
            .ok_or(IncidentsError::NoPhoneCall)?;
        let end = store::end_phone_call(incident_id, call.started_at);
        let mut sessions: Vec<Session> = timeline
            .sessions
            .iter()
            .map(|r| r.session.clone())
            .collect();
        let session = Session {
            id: entropy.id("ses"),
            started_at: call.started_at,
            ended_at: now,
        };
        if session.seconds() <= 0 {
            let mut batch = store::update_incident(&timeline.incident, &timeline.incident.callback);
            batch.push(end);
            self.store.write(batch).await.map_err(concurrent)?;
            let total_seconds = timeline.total_seconds();
            return Ok(Charged {
                session_id: String::new(),
                total_seconds,
                coupons_charged: billing::coupons_owed(total_seconds),
                balance: timeline.balance,
                jobs: Vec::new(),
            });
        }
        billing::check_session(&session, &sessions, now).map_err(IncidentsError::Session)?;
        let write = store::insert_session(
            &store::SessionRow {
                session: &session,
                incident_id,
                channel: Channel::Voice,
                agent: &call.agent,
                recorded_by: &staff.email,
            },
            now,
        );
        sessions.push(session.clone());
        let id = session.id.clone();
        self.charge_sessions(
            &timeline,
            &sessions,
            id.clone(),
            &id,
            vec![end, write],
            now,
            entropy,
        )
        .await
    }

    /// Discards the incident's phone call without recording it (started by
    /// mistake, or left running past the longest session).
    pub async fn discard_phone_call(
        &self,
        caller: &Caller,
        incident_id: &str,
    ) -> Result<(), AppError> {
        let (_, timeline) = self.desk_incident(caller, incident_id).await?;
        let call = timeline.phone_call.ok_or(IncidentsError::NoPhoneCall)?;
        self.store
            .write(vec![store::end_phone_call(incident_id, call.started_at)])
            .await?;
        Ok(())
    }

    /// The calling agent takes an incident ("mine"): the queue shows who
    /// has it. A closed incident is not taken (409); taking one again, or
    /// one a colleague has, makes it the caller's.
    pub async fn take_incident(
        &self,
        caller: &Caller,
        incident_id: &str,
    ) -> Result<IncidentRecord, AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        let incident = timeline.incident;
        if incident.callback.status == Status::Closed {
            return Err(IncidentsError::State(IncidentError::Closed).into());
        }
        self.store
            .write(store::assign_incident(&incident, &staff.email))
            .await
            .map_err(concurrent)?;
        Ok(IncidentRecord {
            assignee: Some(staff.email),
            revision: incident.revision + 1,
            ..incident
        })
    }

    /// Closes an incident and emails the customer its statement.
    pub async fn close_incident(
        &self,
        caller: &Caller,
        incident_id: &str,
        resolution: Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let (_, timeline) = self.desk_incident(caller, incident_id).await?;
        let customer = timeline.contact()?;
        let incident = &timeline.incident;
        let status = incident.callback.close().map_err(IncidentsError::State)?;
        let lines: Vec<StatementLine> = timeline
            .sessions
            .iter()
            .map(|s| StatementLine {
                started_at: s.session.started_at,
                minutes: (s.session.seconds() + 59) / 60,
                agent: s.agent.clone(),
            })
            .collect();
        let message = notification::closing_statement(
            customer.contact.recipient(),
            &self.facts(incident, customer),
            resolution.as_str(),
            &lines,
            timeline.total_seconds(),
            timeline.coupons_charged,
            timeline.balance,
        );
        let outbox_id = entropy.id("msg");
        let mut batch = store::close_incident(incident, resolution.as_str(), now);
        batch.push(store::insert_message(&outbox_id, &message, now));
        self.store.write(batch).await.map_err(concurrent)?;
        let closed = IncidentRecord {
            callback: Callback {
                status,
                ..incident.callback.clone()
            },
            resolution: Some(resolution.into_string()),
            revision: incident.revision + 1,
            closed_at: Some(now),
            ..timeline.incident
        };
        Ok((closed, vec![Job::DeliverEmail { outbox_id }]))
    }

    /// Runs a due timer: reminds the desk, warns of the deadline, or records
    /// the missed deadline and tells the desk. A timer of an old window, or of
    /// an incident whose customer was reached, only marks itself done.
    pub async fn fire_timer(
        &self,
        incident_id: &str,
        scheduled: &Scheduled,
        now: Instant,
    ) -> Result<Vec<Job>, AppError> {
        let (incident, contact) = self
            .store
            .read((
                store::incident_by_id(incident_id, None),
                store::incident_contact(incident_id),
            ))
            .await?;
        let Some(incident) = incident else {
            return Ok(Vec::new());
        };
        if scheduled.due_at > now {
            // Early (a queue's delay is coarse): left undone, for the next hop or the sweep.
            return Ok(Vec::new());
        }
        let mut batch: Vec<Statement> = vec![store::mark_timer_done(incident_id, scheduled, now)];
        let mut jobs = Vec::new();
        if incident.callback.timer_live(scheduled) {
            let customer = contact.map(principal_of).ok_or(AppError::NotFound)?;
            let what = match scheduled.timer {
                Timer::TargetReminder => Reminder::TargetPassed,
                Timer::Escalation => Reminder::DeadlineNear,
                Timer::RetryDue => Reminder::AttemptDue(scheduled.attempt + 1),
                Timer::Deadline => {
                    batch.push(store::record_breach(incident_id, scheduled.window, now));
                    Reminder::DeadlineMissed
                }
            };
            // Keyed by the timer, so a repeated timer writes one email.
            let outbox_id = format!(
                "msg_{incident_id}_{}_{}_{}",
                scheduled.timer.as_str(),
                scheduled.window,
                scheduled.attempt
            );
            let message = notification::desk_reminder(
                &self.config.desk(),
                &self.facts(&incident, &customer),
                what,
            );
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        self.store.write(batch).await?;
        Ok(jobs)
    }

    /// Timers due whose queue message was lost (or not yet delivered), run now.
    pub(super) async fn fire_due_timers(&self, now: Instant) -> Result<Vec<Job>, AppError> {
        let mut jobs = Vec::new();
        for (incident_id, scheduled) in self.store.due_timers(now, 100).await? {
            jobs.extend(self.fire_timer(&incident_id, &scheduled, now).await?);
        }
        Ok(jobs)
    }
}

/// Callers for the use cases' tests: a customer, and an agent of the desk.
#[cfg(test)]
pub(crate) mod callers {
    use crate::app::testing::now;
    use crate::app::{Caller, CustomerPrincipal, Principal, StaffIdentity};
    use crate::domain::staff::StaffRole;

    pub fn as_customer(customer: &CustomerPrincipal) -> Caller {
        Caller::known(Principal::Customer(Box::new(customer.clone())), now())
    }

    pub fn agent() -> Caller {
        Caller::known(
            Principal::Staff(StaffIdentity {
                id: "stf_maja".into(),
                email: "maja@spica.test".into(),
                name: "Maja".into(),
                role: StaffRole::Agent,
            }),
            now(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::callers::{agent, as_customer};
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run};

    fn open(app: &App<crate::store::sqlite::Sqlite>) -> IncidentRecord {
        let customer = customer(app, "ana@kovinar.si", 1);
        let input = NewIncident {
            subject: Text::parse("Terminal offline", 200).unwrap(),
            description: Text::parse("No time shown", 200).unwrap(),
            channel: Channel::Chat,
            phone: None,
            preferred_times: None,
            serial: None,
        };
        run(app.open_incident(&as_customer(&customer), input, now(), &mut entropy(5)))
            .unwrap()
            .0
    }

    fn deadline(incident: &IncidentRecord) -> Scheduled {
        incident
            .callback
            .timers(&Sla::default())
            .into_iter()
            .find(|t| t.timer == Timer::Deadline)
            .unwrap()
    }

    use crate::domain::incident::Sla;

    #[test]
    fn a_timeline_is_its_organisations_alone_and_answers_as_the_charge_did() {
        let app = app();
        let incident = open(&app);
        let eva = customer(&app, "eva@drugi.si", 2);
        assert!(matches!(
            run(app.my_incident(&as_customer(&eva), &incident.id)),
            Err(AppError::NotFound)
        ));
        let session = SessionInput {
            started_at: now() - chrono::Duration::minutes(20),
            ended_at: now() - chrono::Duration::minutes(1),
            channel: Channel::Voice,
        };
        let charged = run(app.change_session(
            &agent(),
            &incident.id,
            None,
            Some(session),
            now(),
            &mut entropy(12),
        ))
        .unwrap();
        let (_, desk) = run(app.desk_incident(&agent(), &incident.id)).unwrap();
        let ana = desk.customer.clone().unwrap();
        assert_eq!(ana.contact.email.as_str(), "ana@kovinar.si");
        let (_, own) = run(app.my_incident(&as_customer(&ana), &incident.id)).unwrap();
        for timeline in [&desk, &own] {
            assert_eq!(timeline.total_seconds(), charged.total_seconds);
            assert_eq!(timeline.coupons_charged, charged.coupons_charged);
            assert_eq!(timeline.balance, charged.balance);
            assert_eq!(timeline.charges.len(), 1);
            assert_eq!(timeline.charges[0].coupons, -2);
            assert_eq!(timeline.sessions[0].agent, "Maja");
        }
        assert_eq!((charged.coupons_charged, charged.balance), (2, -1));
    }

    #[test]
    fn a_deadline_timer_never_fires_early_and_fires_once() {
        let app = app();
        let incident = open(&app);
        let timer = deadline(&incident);
        let early = timer.due_at - chrono::Duration::milliseconds(1);
        assert!(run(app.fire_timer(&incident.id, &timer, early))
            .unwrap()
            .is_empty());
        assert_eq!(
            run(app.store.incident(&incident.id))
                .unwrap()
                .unwrap()
                .callback
                .sla_breached_at,
            None
        );

        let jobs = run(app.fire_timer(&incident.id, &timer, timer.due_at)).unwrap();
        assert_eq!(jobs.len(), 1);
        let breached = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert_eq!(breached.callback.sla_breached_at, Some(timer.due_at));
        run(app.fire_timer(
            &incident.id,
            &timer,
            timer.due_at + chrono::Duration::seconds(5),
        ))
        .unwrap();
        let again = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert_eq!(again.callback.sla_breached_at, Some(timer.due_at));
        let desk = run(app.store.outbox_messages(Some("desk@spica.test"), 10)).unwrap();
        assert_eq!(
            desk.iter()
                .filter(|m| m.subject.contains("SLA breached"))
                .count(),
            1
        );
    }

    #[test]
    fn the_sweep_finds_a_deadline_whose_queue_message_was_lost() {
        let app = app();
        let incident = open(&app);
        let due = deadline(&incident).due_at;
        run(app.sweep(due - chrono::Duration::minutes(1), [0; 32])).unwrap();
        assert_eq!(
            run(app.store.incident(&incident.id))
                .unwrap()
                .unwrap()
                .callback
                .sla_breached_at,
            None
        );
        run(app.sweep(due + chrono::Duration::minutes(3), [0; 32])).unwrap();
        let swept = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert!(swept.callback.sla_breached_at.is_some());
    }

    #[test]
    fn a_reached_customer_means_no_breach() {
        let app = app();
        let incident = open(&app);
        let attempt = AttemptInput {
            outcome: Outcome::Reached,
            channel: Channel::Voice,
            note: None,
        };
        run(app.record_attempt(&agent(), &incident.id, attempt, now(), &mut entropy(9))).unwrap();
        let due = deadline(&incident).due_at;
        run(app.sweep(due + chrono::Duration::hours(1), [0; 32])).unwrap();
        let later = run(app.store.incident(&incident.id)).unwrap().unwrap();
        assert_eq!(
            (later.callback.status, later.callback.sla_breached_at),
            (Status::InProgress, None)
        );
    }

    #[test]
    fn concurrent_changes_of_one_incident_conflict_instead_of_overwriting() {
        let app = app();
        let incident = open(&app);
        let stale = incident.clone();
        let attempt = |seed| AttemptInput {
            outcome: Outcome::NoAnswer,
            channel: Channel::Voice,
            note: Some(Text::parse(&format!("try {seed}"), 50).unwrap()),
        };
        run(app.record_attempt(&agent(), &incident.id, attempt(1), now(), &mut entropy(11)))
            .unwrap();
        // A writer that read the incident before that attempt loses.
        let decision = stale
            .callback
            .attempt(Outcome::NoAnswer, &Sla::default(), now())
            .unwrap();
        let lost = run(app
            .store
            .write(store::update_incident(&stale, &decision.callback)));
        assert!(matches!(
            lost.map_err(concurrent),
            Err(AppError::Incidents(IncidentsError::Conflict))
        ));
    }
}
