//! Raising a support incident, whoever raises it: the customer's own
//! request ([`App::open_incident`]) and the desk's incident for a person
//! who phoned ([`App::open_incident_for_caller`], issue 22). One rule
//! decides whether support may be given (`domain::intake`), and one write
//! ([`App::raise`]) opens the incident: its callback clock (the same
//! timers and queue messages), the desk's notice and the contact's email
//! with the incident's number and its link on the portal.

use serde_json::{Map, Value};

use super::idempotency::{Answer, Idempotency};
use super::incidents::{timer_job, NewIncident};
use super::input::Fields;
use super::{App, AppError, Caller, CustomerPrincipal, Job, StaffIdentity};
use crate::app::{BillingError, IncidentsError};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::id::{ContactId, IncidentId};
use crate::domain::incident::{Author, Callback};
use crate::domain::intake;
use crate::domain::messages as m;
use crate::domain::notification::{self, OpenedForCaller};
use crate::domain::number::IncidentNumber;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{
    self, ContactRecord, CustomerScope, Database, IncidentRecord, KeyOwner, Statement,
};

/// An incident the desk opens for a caller: what the customer's request
/// holds (the phone optional even for a voice call: the contact's is
/// called then), and which of the organisation's contacts it is for.
pub struct CallerIncident {
    pub incident: NewIncident,
    /// None: the organisation's only active contact.
    pub contact_id: Option<ContactId>,
}

impl CallerIncident {
    /// `subject`, `description`, `channel`, perhaps `phone` (E.164, parsed
    /// as the customer's form parses it), `preferred_times`, `serial` and
    /// `contact_id`, every invalid one named.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let incident = NewIncident::read(&mut fields, false);
        let contact_id = fields.parse_optional("contact_id", |t| {
            ContactId::parse(t.trim()).map_err(|_| Invalid::said("invalid", m::field_contact_id))
        });
        match (incident, contact_id) {
            (Some(incident), Some(contact_id)) if fields.errors.is_empty() => Ok(Self {
                incident,
                contact_id,
            }),
            _ => Err(fields.errors),
        }
    }
}

/// What raising an incident decided: the record, the batch that writes
/// it, and the jobs to run once it is written.
pub(super) struct Raised {
    pub incident: IncidentRecord,
    pub batch: Vec<Statement>,
    pub jobs: Vec<Job>,
}

/// The incident id of an answer [`App::open_incident_for_caller`] gave
/// (or gave again for a repeated key).
pub fn incident_of(answer: &Answer) -> Option<String> {
    serde_json::from_str::<Value>(&answer.body)
        .ok()?
        .get("incident_id")?
        .as_str()
        .map(str::to_owned)
}

/// What the desk's form for a caller's incident shows: the organisation,
/// its contacts (not removed), its balance, and who is asking.
pub struct CallerForm {
    pub staff: StaffIdentity,
    pub organisation: store::CustomerRecord,
    pub contacts: Vec<ContactRecord>,
    pub balance: i64,
}

impl<D: Database> App<D> {
    /// The desk's form for a caller's incident, read in one round trip; an
    /// unknown organisation is not found.
    pub async fn caller_incident_form(
        &self,
        caller: &Caller,
        organisation_id: &str,
    ) -> Result<CallerForm, AppError> {
        let scope = CustomerScope::Id(organisation_id.to_owned());
        let (principal, (organisation, contacts, balance)) = self
            .read_as(
                caller,
                (
                    store::customer_by_id(organisation_id),
                    store::contacts_in(&scope),
                    store::balance_of(&scope),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        Ok(CallerForm {
            staff,
            organisation: organisation.ok_or(AppError::NotFound)?,
            contacts,
            balance,
        })
    }

    /// Decides an incident for `customer` (the organisation and the contact
    /// it is for) with its organisation's `balance`, and the one batch that
    /// opens it: the incident and its contact, its timers (target,
    /// escalation, deadline: the callback clock starts now, whoever raised
    /// it), the desk's notice and the contact's email, each naming the
    /// number the INSERT allocates. `opened_by`: the agent who opened it
    /// for a caller, who has it ("mine") and whom its timeline names.
    pub(super) fn raise(
        &self,
        customer: &CustomerPrincipal,
        balance: i64,
        input: NewIncident,
        opened_by: Option<&StaffIdentity>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Raised, AppError> {
        if !intake::support_allowed(balance) {
            return Err(AppError::Billing(BillingError::PaymentRequired));
        }
        let incident = IncidentRecord {
            id: IncidentId::generate(entropy),
            customer_id: customer.customer.id.clone(),
            subject: input.subject.into_string(),
            description: input.description.into_string(),
            channel: input.channel,
            phone: input.phone,
            preferred_times: input.preferred_times.map(Text::into_string),
            serial: input.serial,
            callback: Callback::open(&self.config.sla, now),
            resolution: None,
            revision: 1,
            created_at: now,
            closed_at: None,
            number: None,
            assignee: opened_by.map(|staff| staff.email.clone()),
        };
        let timers = incident.callback.timers(&self.config.sla);
        let facts = self.facts(&incident, customer);
        let opened = opened_by.map(|staff| OpenedForCaller { agent: &staff.name });
        let desk_id = entropy.id("msg");
        let ack_id = entropy.id("msg");
        let (desk_notice, acknowledgement) = match &opened {
            None => (
                notification::desk_new_incident(&self.config.desk(), &facts, &incident.description),
                notification::incident_received(customer.contact.recipient(), &facts),
            ),
            Some(opened) => (
                notification::desk_new_incident_for_caller(
                    &self.config.desk(),
                    &facts,
                    &incident.description,
                    opened,
                ),
                notification::incident_opened_for_caller(
                    customer.contact.recipient(),
                    &facts,
                    opened,
                ),
            ),
        };
        let mut batch = store::insert_incident(&incident);
        batch.push(store::record_acting_contact(
            store::Acted::Incident,
            &incident.id,
            &customer.contact.id,
        ));
        batch.extend(store::insert_timers(&incident.id, &timers));
        if let (Some(staff), Some(opened)) = (opened_by, &opened) {
            batch.push(store::insert_incident_message(
                &entropy.id("imsg"),
                &incident.id,
                Author::Staff,
                &staff.name,
                &staff.email,
                &opened.note(),
                now,
            ));
        }
        batch.push(store::insert_numbered_message(
            &desk_id,
            &desk_notice,
            now,
            store::Numbered::Incident(&incident.id),
        ));
        batch.push(store::insert_numbered_message(
            &ack_id,
            &acknowledgement.replying_to(self.reply_address(&incident.id)),
            now,
            store::Numbered::Incident(&incident.id),
        ));
        let mut jobs = vec![
            Job::DeliverEmail { outbox_id: desk_id },
            Job::DeliverEmail { outbox_id: ack_id },
        ];
        jobs.extend(timers.iter().map(|t| timer_job(&incident.id, t)));
        Ok(Raised {
            incident,
            batch,
            jobs,
        })
    }

    /// The desk opens an incident for a person who phoned, as if they had
    /// raised it themselves at this moment (the same rules, the same write:
    /// [`App::raise`]): for an active contact of that organisation (the
    /// one chosen, or its only active one), with the number the caller gave
    /// or else the contact's. It is the agent's ("mine"), and its timeline
    /// says who opened it for whom; the router audits the request in the
    /// same batch. Keyed: the same `Idempotency-Key` and request again
    /// answer the first answer and open nothing; `render` makes the answer
    /// from the incident, with its number as given (`IncidentNumber::PENDING`
    /// while the batch has not allocated it).
    #[allow(clippy::too_many_arguments)]
    pub async fn open_incident_for_caller(
        &self,
        caller: &Caller,
        organisation_id: &str,
        input: CallerIncident,
        keyed: &Idempotency<'_>,
        render: &dyn Fn(&IncidentRecord, &str) -> String,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, Answer), AppError> {
        let (staff, planned) = self
            .plan_caller_incident(caller, organisation_id, input, keyed, render, now, entropy)
            .await?;
        let answer = match planned {
            Planned::Earlier(answer) => answer,
            Planned::Write(write) => self.commit_caller_incident(keyed, *write, render).await?,
        };
        Ok((staff, answer))
    }

    /// Reads what the desk's incident for a caller needs (the key's earlier
    /// answer, the organisation, its contacts and balance) and decides it.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn plan_caller_incident(
        &self,
        caller: &Caller,
        organisation_id: &str,
        input: CallerIncident,
        keyed: &Idempotency<'_>,
        render: &dyn Fn(&IncidentRecord, &str) -> String,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, Planned), AppError> {
        let owner = KeyOwner::Staff(caller.staff_scope());
        let scope = CustomerScope::Id(organisation_id.to_owned());
        let chosen = input.contact_id.as_ref().map(|id| id.as_str().to_owned());
        let (principal, (remembered, organisation, contacts, balance, chosen_record)) = self
            .read_as(
                caller,
                (
                    keyed.read(&owner),
                    store::customer_by_id(organisation_id),
                    store::contacts_in(&scope),
                    store::balance_of(&scope),
                    chosen.as_deref().map(store::contact_by_id),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        if let Some(earlier) = keyed.earlier(remembered.as_ref())? {
            return Ok((staff, Planned::Earlier(earlier)));
        }
        let organisation = organisation.ok_or(AppError::NotFound)?;
        intake::organisation_raisable(organisation.status, organisation.merged_into.as_deref())
            .map_err(IncidentsError::OrganisationNotActive)?;
        let contact = choose_contact(
            &organisation.id,
            contacts,
            chosen_record.flatten(),
            chosen.as_deref(),
        )?;
        let customer = CustomerPrincipal {
            customer: organisation,
            contact,
        };
        let raised = match self.raise(
            &customer,
            balance,
            input.incident,
            Some(&staff),
            now,
            entropy,
        ) {
            Err(AppError::Billing(BillingError::PaymentRequired)) => {
                return Err(IncidentsError::NoCoupons { balance }.into())
            }
            other => other?,
        };
        let owner = KeyOwner::staff(&staff.id);
        let mut batch = raised.batch;
        batch.push(store::remember_new_incident(
            &owner,
            keyed.key,
            keyed.request,
            (201, &render(&raised.incident, IncidentNumber::PENDING)),
            raised.incident.id.as_str(),
            now,
        ));
        let write = Write {
            owner,
            batch,
            incident: raised.incident,
            jobs: raised.jobs,
        };
        Ok((staff, Planned::Write(Box::new(write))))
    }

    /// Writes a planned incident for a caller, answering with it; or, when a
    /// twin under the same key committed first (their batches raced: this
    /// one failed whole, opening nothing), with the twin's answer, read.
    pub(super) async fn commit_caller_incident(
        &self,
        keyed: &Idempotency<'_>,
        write: Write,
        render: &dyn Fn(&IncidentRecord, &str) -> String,
    ) -> Result<Answer, AppError> {
        match self.store.write_returning(write.batch).await {
            Ok(written) => {
                let mut incident = write.incident;
                incident.number = store::allocated_number(&written, IncidentNumber::parse);
                let number = incident
                    .number
                    .as_ref()
                    .map_or(IncidentNumber::PENDING, IncidentNumber::as_str);
                Ok(Answer {
                    status: 201,
                    body: render(&incident, number),
                    replayed: false,
                    jobs: write.jobs,
                })
            }
            Err(error) if error.is_unique_violation("idempotency_keys") => {
                let remembered = self.store.remembered(&write.owner, keyed.key).await?;
                keyed
                    .earlier(remembered.as_ref())?
                    .ok_or(AppError::Incidents(IncidentsError::Conflict))
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// The desk's incident for a caller decided from its read.
pub(super) enum Planned {
    /// The answer its key gave before.
    Earlier(Answer),
    Write(Box<Write>),
}

/// Its batch (the key remembered last), and what it answers once written.
pub(super) struct Write {
    owner: KeyOwner,
    batch: Vec<Statement>,
    incident: IncidentRecord,
    jobs: Vec<Job>,
}

/// The contact the incident is for (`domain::intake::caller_contact`),
/// among the organisation's contacts that are not removed and the chosen
/// one if it is this organisation's (so that a removed one is named as
/// such); an error names `contact_id`.
fn choose_contact(
    organisation: &crate::domain::id::CustomerId,
    mut contacts: Vec<ContactRecord>,
    chosen_record: Option<ContactRecord>,
    chosen: Option<&str>,
) -> Result<ContactRecord, AppError> {
    if let Some(record) = chosen_record {
        if record.customer_id == *organisation && !contacts.iter().any(|c| c.id == record.id) {
            contacts.push(record);
        }
    }
    let options: Vec<(&str, _)> = contacts.iter().map(|c| (c.id.as_str(), c.status)).collect();
    match intake::caller_contact(&options, chosen) {
        Ok(at) => Ok(contacts.swap_remove(at)),
        Err(invalid) => {
            let mut errors = FieldErrors::default();
            errors.push("contact_id", invalid);
            Err(AppError::Invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run, staff_member};
    use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};

    fn input() -> CallerIncident {
        let object = serde_json::json!({"subject": "Gate terminal", "description": "No time shown.",
            "channel": "voice"});
        CallerIncident::parse(object.as_object().unwrap()).unwrap()
    }

    fn render(incident: &IncidentRecord, number: &str) -> String {
        serde_json::json!({"incident_id": incident.id.as_str(), "number": number}).to_string()
    }

    #[test]
    fn two_submits_with_one_key_planned_from_one_read_open_one_incident_and_answer_alike() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let organisation = ana.customer.id.as_str();
        let key = IdempotencyKey::parse("call-1").unwrap();
        let request = RequestFingerprint::of("POST", "/incidents", b"gate");
        let keyed = Idempotency {
            key: &key,
            request: &request,
        };
        let staff = staff_member();
        let plan = |seed| {
            let (_, planned) = run(app.plan_caller_incident(
                &staff,
                organisation,
                input(),
                &keyed,
                &render,
                now(),
                &mut entropy(seed),
            ))
            .unwrap();
            match planned {
                Planned::Write(write) => *write,
                Planned::Earlier(answer) => panic!("planned as a replay: {answer:?}"),
            }
        };
        let (one, two) = (plan(10), plan(11));
        let first = run(app.commit_caller_incident(&keyed, one, &render)).unwrap();
        let second = run(app.commit_caller_incident(&keyed, two, &render)).unwrap();
        assert!(!first.replayed);
        assert!(second.replayed, "the second opened nothing");
        assert_eq!(first.body, second.body, "the number and all");
        assert!(first.body.contains("INC-"), "{}", first.body);
        let (_, incidents) =
            run(app.my_incidents(&crate::app::incidents::callers::as_customer(&ana))).unwrap();
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].assignee.as_deref(), Some("maja@spica.test"));
        let desk = run(app.store.outbox_messages(Some("desk@spica.test"), 10)).unwrap();
        assert_eq!(desk.len(), 1, "one notice to the desk");
    }

    #[test]
    fn an_organisation_merged_away_is_refused_naming_where_it_went() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let organisation = ana.customer.id.as_str();
        let holder = customer(&app, "bor@holder.si", 2).customer.id;
        run(app.store.write(vec![Statement::new(
            "UPDATE customers SET status = 'merged', merged_into = ?2 WHERE id = ?1",
            vec![organisation.into(), holder.as_str().into()],
        )]))
        .unwrap();
        let key = IdempotencyKey::parse("call-2").unwrap();
        let request = RequestFingerprint::of("POST", "/incidents", b"merged");
        let keyed = Idempotency {
            key: &key,
            request: &request,
        };
        let refused = run(app.open_incident_for_caller(
            &staff_member(),
            organisation,
            input(),
            &keyed,
            &render,
            now(),
            &mut entropy(12),
        ))
        .unwrap_err();
        let problem = refused.problem();
        assert_eq!(
            (problem.status, problem.slug),
            (409, "organisation-not-active")
        );
        assert!(
            problem
                .detail
                .contains(&format!("merged into {}", holder.as_str())),
            "{}",
            problem.detail
        );
        let (_, incidents) =
            run(app.my_incidents(&crate::app::incidents::callers::as_customer(&ana))).unwrap();
        assert!(incidents.is_empty());
    }
}
