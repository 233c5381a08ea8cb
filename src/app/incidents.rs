//! Direct support: intake, callback attempts and their timers, the
//! conversation, support sessions charged in 15-minute increments, closing.

use super::CustomerPrincipal;
use super::{App, AppError, Job};
use crate::domain::billing::{self, Session};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::incident::{Callback, Channel, Outcome, Scheduled, Status, Timer};
use crate::domain::ledger::Entry;
use crate::domain::notification::{self, IncidentFacts, StatementLine};
use crate::domain::phone::Phone;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::store::{self, Database, DbError, IncidentRecord, Statement};

/// An incident as the customer raises it.
pub struct NewIncident {
    pub subject: Text,
    pub description: Text,
    pub channel: Channel,
    pub phone: Option<Phone>,
    pub preferred_times: Option<Text>,
    pub serial: Option<String>,
}

/// The customer's message, perhaps with a new number or times for the call.
pub struct Reply {
    pub body: Text,
    pub phone: Option<Phone>,
    pub preferred_times: Option<Text>,
}

/// A callback attempt as staff record it.
pub struct AttemptInput {
    pub outcome: Outcome,
    pub channel: Channel,
    pub note: Option<Text>,
    /// Who records it: the verified staff identity, never a typed name.
    pub recorded_by: String,
}

/// A support session as staff log it.
pub struct SessionInput {
    pub started_at: Instant,
    pub ended_at: Instant,
    pub channel: Channel,
    /// The agent's name as the customer sees it, and who recorded it, both
    /// from the verified staff identity.
    pub agent: String,
    pub recorded_by: String,
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

fn timer_job(incident_id: &str, scheduled: &Scheduled) -> Job {
    Job::IncidentTimer {
        incident_id: incident_id.to_owned(),
        timer: scheduled.timer.as_str().to_owned(),
        window: scheduled.window,
        attempt: scheduled.attempt,
        due_at: format(scheduled.due_at),
    }
}

fn decode_email(text: &str) -> Result<Email, AppError> {
    Email::parse(text).map_err(|_| DbError::Decode(format!("stored email {text}")).into())
}

/// A conflicting concurrent change of the same incident lost the race.
fn concurrent(error: DbError) -> AppError {
    if error.is_unique_violation("incident_revisions")
        || error.is_unique_violation("callback_attempts")
    {
        AppError::Conflict
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

    fn facts<'a>(
        &'a self,
        incident: &'a IncidentRecord,
        customer: &'a CustomerPrincipal,
    ) -> IncidentFacts<'a> {
        IncidentFacts {
            id: &incident.id,
            subject: &incident.subject,
            company: &customer.customer.company_name,
            contact: &customer.contact.name,
            phone: incident.phone.as_deref().unwrap_or(&customer.contact.phone),
            channel: incident.channel.as_str(),
            preferred_times: incident.preferred_times.as_deref().unwrap_or("any"),
            due_by: incident.callback.due_by,
            base_url: &self.config.public_base_url,
        }
    }

    async fn incident_and_customer(
        &self,
        incident_id: &str,
    ) -> Result<(IncidentRecord, CustomerPrincipal), AppError> {
        let incident = self
            .store
            .incident(incident_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let acting = self
            .store
            .acting_contact(store::Acted::Incident, &incident.id)
            .await?;
        let customer = self
            .principal_for(&incident.customer_id, acting.as_deref())
            .await?;
        Ok((incident, customer))
    }

    /// An incident of the customer's own; another customer's is not found.
    pub async fn own_incident(
        &self,
        customer: &CustomerPrincipal,
        incident_id: &str,
    ) -> Result<IncidentRecord, AppError> {
        match self.store.incident(incident_id).await? {
            Some(incident) if incident.customer_id == customer.customer.id => Ok(incident),
            _ => Err(AppError::NotFound),
        }
    }

    /// Raises an incident: only with at least one coupon, and never while a
    /// balance is below zero. The incident, its timers and the emails to the
    /// desk and the customer are one batch.
    pub async fn open_incident(
        &self,
        customer: &CustomerPrincipal,
        input: NewIncident,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        if self.store.coupon_balance(&customer.customer.id).await? < 1 {
            return Err(AppError::PaymentRequired);
        }
        let callback = Callback::open(&self.config.sla, now);
        let incident = IncidentRecord {
            id: entropy.id("inc"),
            customer_id: customer.customer.id.clone(),
            subject: input.subject.into_string(),
            description: input.description.into_string(),
            channel: input.channel,
            phone: input.phone.map(|p| p.as_str().to_owned()),
            preferred_times: input.preferred_times.map(Text::into_string),
            serial: input.serial,
            callback,
            resolution: None,
            revision: 1,
            created_at: now,
            closed_at: None,
        };
        let timers = incident.callback.timers(&self.config.sla);
        let facts = self.facts(&incident, customer);
        let desk_id = entropy.id("msg");
        let ack_id = entropy.id("msg");
        let mut batch = store::insert_incident(&incident);
        batch.push(store::record_acting_contact(
            store::Acted::Incident,
            &incident.id,
            &customer.contact.id,
        ));
        batch.extend(store::insert_timers(&incident.id, &timers));
        batch.push(store::insert_message(
            &desk_id,
            &notification::desk_new_incident(
                &self.config.support_desk_email,
                &facts,
                &incident.description,
            ),
            now,
        ));
        batch.push(store::insert_message(
            &ack_id,
            &notification::incident_received(&decode_email(&customer.contact.email)?, &facts)
                .replying_to(self.reply_address(&incident.id)),
            now,
        ));
        self.store.write(batch).await?;
        let mut jobs = vec![
            Job::DeliverEmail { outbox_id: desk_id },
            Job::DeliverEmail { outbox_id: ack_id },
        ];
        jobs.extend(timers.iter().map(|t| timer_job(&incident.id, t)));
        Ok((incident, jobs))
    }

    /// Records a callback attempt; the third failure in a window asks the
    /// customer, by email, what to do next.
    pub async fn record_attempt(
        &self,
        incident_id: &str,
        input: AttemptInput,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(i64, IncidentRecord, Vec<Job>), AppError> {
        let (incident, customer) = self.incident_and_customer(incident_id).await?;
        let decision = incident
            .callback
            .attempt(input.outcome, &self.config.sla, now)
            .map_err(AppError::Incident)?;
        let mut batch = store::update_incident(&incident, &decision.callback);
        batch.push(store::insert_attempt(
            &store::Attempt {
                id: &entropy.id("att"),
                incident_id,
                number: decision.number,
                outcome: input.outcome.as_str(),
                channel: input.channel.as_str(),
                note: input.note.as_ref().map(Text::as_str),
                recorded_by: &input.recorded_by,
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
                &decode_email(&customer.contact.email)?,
                &self.facts(&incident, &customer),
                self.reply_address(incident_id),
            );
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        self.store.write(batch).await.map_err(concurrent)?;
        let updated = IncidentRecord {
            callback: decision.callback,
            revision: incident.revision + 1,
            ..incident
        };
        Ok((decision.number, updated, jobs))
    }

    /// The customer writes. Waiting for them after three failed calls, the
    /// message reopens the callback with a fresh 24-hour window; a new phone
    /// number or times are kept for the next call.
    pub async fn customer_message(
        &self,
        customer: &CustomerPrincipal,
        incident_id: &str,
        reply: Reply,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        self.customer_message_with(customer, incident_id, reply, now, entropy, |_| Vec::new())
            .await
    }

    /// [`App::customer_message`], with more statements in its batch, made
    /// from the new message's id (an inbound email's record).
    pub(super) async fn customer_message_with(
        &self,
        customer: &CustomerPrincipal,
        incident_id: &str,
        reply: Reply,
        now: Instant,
        entropy: &mut Entropy,
        also: impl FnOnce(&str) -> Vec<Statement>,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let mut incident = self.own_incident(customer, incident_id).await?;
        let reopened = incident
            .callback
            .customer_replied(&self.config.sla, now)
            .map_err(AppError::Incident)?;
        let Reply {
            body,
            phone,
            preferred_times,
        } = reply;
        if let Some(phone) = phone {
            incident.phone = Some(phone.as_str().to_owned());
        }
        if let Some(times) = preferred_times {
            incident.preferred_times = Some(times.into_string());
        }
        let callback = reopened
            .clone()
            .unwrap_or_else(|| incident.callback.clone());
        let mut batch = store::update_incident(&incident, &callback);
        let message_id = entropy.id("imsg");
        batch.push(store::insert_incident_message(
            &message_id,
            incident_id,
            "customer",
            &customer.contact.name,
            &customer.contact.email,
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
            &notification::incident_message(
                &self.config.support_desk_email,
                incident_id,
                &incident.subject,
                &customer.contact.name,
                body.as_str(),
            ),
            now,
        ));
        let mut jobs = vec![Job::DeliverEmail { outbox_id }];
        if let Some(window) = &reopened {
            let timers = window.timers(&self.config.sla);
            batch.extend(store::insert_timers(incident_id, &timers));
            jobs.extend(timers.iter().map(|t| timer_job(incident_id, t)));
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
        incident_id: &str,
        body: Text,
        author: &super::StaffIdentity,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let (incident, customer) = self.incident_and_customer(incident_id).await?;
        if incident.callback.status == Status::Closed {
            return Err(AppError::Incident(
                crate::domain::incident::IncidentError::Closed,
            ));
        }
        let outbox_id = entropy.id("msg");
        let message = notification::incident_message(
            &decode_email(&customer.contact.email)?,
            incident_id,
            &incident.subject,
            &format!("{} (Spica support)", author.name),
            body.as_str(),
        )
        .replying_to(self.reply_address(incident_id));
        self.store
            .write(vec![
                store::insert_incident_message(
                    &entropy.id("imsg"),
                    incident_id,
                    "staff",
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
        incident_id: &str,
        session_id: Option<&str>,
        input: Option<SessionInput>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Charged, AppError> {
        let (incident, customer) = self.incident_and_customer(incident_id).await?;
        if incident.callback.status == Status::Closed {
            return Err(AppError::Incident(
                crate::domain::incident::IncidentError::Closed,
            ));
        }
        let mut sessions: Vec<Session> = self
            .store
            .sessions(incident_id)
            .await?
            .into_iter()
            .map(|r| r.session)
            .collect();
        let (id, change, write) = match (session_id, &input) {
            (None, Some(input)) => {
                // A retry of a session already logged answers as the first time.
                if let Some(same) = sessions
                    .iter()
                    .find(|s| s.started_at == input.started_at && s.ended_at == input.ended_at)
                {
                    let id = same.id.clone();
                    return self.charged(&customer.customer.id, &sessions, id).await;
                }
                let session = Session {
                    id: entropy.id("ses"),
                    started_at: input.started_at,
                    ended_at: input.ended_at,
                };
                billing::check_session(&session, &sessions, now).map_err(AppError::Session)?;
                let write = store::insert_session(
                    &store::SessionRow {
                        session: &session,
                        incident_id,
                        channel: input.channel.as_str(),
                        agent: &input.agent,
                        recorded_by: &input.recorded_by,
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
                billing::check_session(&corrected, &sessions, now).map_err(AppError::Session)?;
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
        let charged_before = self.store.coupons_charged(incident_id).await?;
        let charge = billing::charge(&sessions, charged_before);
        let balance_before = self.store.coupon_balance(&customer.customer.id).await?;
        let mut batch = store::update_incident(&incident, &incident.callback);
        batch.push(write);
        if charge.due_now != 0 {
            let entry = Entry::consumption(
                entropy.id("led"),
                &customer.customer.id,
                incident_id,
                -charge.due_now,
                &change,
                now,
            );
            batch.push(store::append_entry(&entry));
        }
        let balance = balance_before - charge.due_now;
        let mut jobs = Vec::new();
        if balance < 0 && charge.due_now > 0 {
            let outbox_id = format!("msg_overdrawn_{incident_id}_{change}").replace(':', "_");
            let message = notification::balance_below_zero(
                &decode_email(&customer.contact.email)?,
                incident_id,
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

    async fn charged(
        &self,
        customer_id: &str,
        sessions: &[Session],
        session_id: String,
    ) -> Result<Charged, AppError> {
        Ok(Charged {
            session_id,
            total_seconds: sessions.iter().map(Session::seconds).sum(),
            coupons_charged: billing::coupons_owed(sessions.iter().map(Session::seconds).sum()),
            balance: self.store.coupon_balance(customer_id).await?,
            jobs: Vec::new(),
        })
    }

    /// Closes an incident and emails the customer its statement.
    pub async fn close_incident(
        &self,
        incident_id: &str,
        resolution: Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(IncidentRecord, Vec<Job>), AppError> {
        let (incident, customer) = self.incident_and_customer(incident_id).await?;
        incident.callback.close().map_err(AppError::Incident)?;
        let sessions = self.store.sessions(incident_id).await?;
        let total_seconds: i64 = sessions.iter().map(|s| s.session.seconds()).sum();
        let coupons = self.store.coupons_charged(incident_id).await?;
        let balance = self.store.coupon_balance(&customer.customer.id).await?;
        let lines: Vec<StatementLine> = sessions
            .iter()
            .map(|s| StatementLine {
                started_at: s.session.started_at,
                minutes: (s.session.seconds() + 59) / 60,
                agent: s.agent.clone(),
            })
            .collect();
        let message = notification::closing_statement(
            &decode_email(&customer.contact.email)?,
            &self.facts(&incident, &customer),
            resolution.as_str(),
            &lines,
            total_seconds,
            coupons,
            balance,
        );
        let outbox_id = entropy.id("msg");
        let mut batch = store::close_incident(&incident, resolution.as_str(), now);
        batch.push(store::insert_message(&outbox_id, &message, now));
        self.store.write(batch).await.map_err(concurrent)?;
        let closed = self
            .store
            .incident(incident_id)
            .await?
            .ok_or(AppError::NotFound)?;
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
        let Some(incident) = self.store.incident(incident_id).await? else {
            return Ok(Vec::new());
        };
        if scheduled.due_at > now {
            // Early (a queue's delay is coarse): left undone, for the next hop or the sweep.
            return Ok(Vec::new());
        }
        let mut batch: Vec<Statement> = vec![store::mark_timer_done(incident_id, scheduled, now)];
        let mut jobs = Vec::new();
        if incident.callback.timer_live(scheduled) {
            let (_, customer) = self.incident_and_customer(incident_id).await?;
            let what = match scheduled.timer {
                Timer::TargetReminder => "the 12-hour callback target has passed".to_owned(),
                Timer::Escalation => format!(
                    "the callback deadline is near: {} (UTC)",
                    format(incident.callback.due_by)
                ),
                Timer::RetryDue => format!("callback attempt {} is due", scheduled.attempt + 1),
                Timer::Deadline => {
                    batch.push(store::record_breach(incident_id, scheduled.window, now));
                    "the callback deadline was missed (SLA breached)".to_owned()
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
                &self.config.support_desk_email,
                &self.facts(&incident, &customer),
                &what,
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

#[cfg(test)]
mod tests {
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
        run(app.open_incident(&customer, input, now(), &mut entropy(5)))
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
            recorded_by: "maja@spica.test".into(),
        };
        run(app.record_attempt(&incident.id, attempt, now(), &mut entropy(9))).unwrap();
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
            recorded_by: "maja@spica.test".into(),
        };
        run(app.record_attempt(&incident.id, attempt(1), now(), &mut entropy(11))).unwrap();
        // A writer that read the incident before that attempt loses.
        let decision = stale
            .callback
            .attempt(Outcome::NoAnswer, &Sla::default(), now())
            .unwrap();
        let lost = run(app
            .store
            .write(store::update_incident(&stale, &decision.callback)));
        assert!(matches!(lost.map_err(concurrent), Err(AppError::Conflict)));
    }
}
