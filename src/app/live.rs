//! Live support: who may enter an incident's room, and what the room
//! decided, written as the desk's own records are. The room itself (the
//! call's state machine) is `domain::live`; its host, a Durable Object,
//! calls these with what the room returned. Chat lines are the incident's
//! messages, attempts go through [`App::record_attempt`]'s rules (the
//! three failures and their email), sessions through
//! [`App::change_session`]'s (the whole incident billed in started
//! 15-minute increments, in the same batch).

use super::incidents::{AttemptInput, SessionInput};
use super::{App, AppError, Caller, IncidentsError, Job, Principal, StaffIdentity};
use crate::domain::entropy::Entropy;
use crate::domain::incident::{IncidentError, Status};
use crate::domain::language::Language;
use crate::domain::live::ice::{self, IceServer, TurnRequest};
use crate::domain::live::{
    Account, ChatLine, Kind, LiveAttempt, LiveSession, Participant, Settings,
};
use crate::domain::staff::StaffRole;
use crate::domain::time::Instant;
use crate::store::{self, Database};

/// Where Cloudflare Realtime's API is, unless `REALTIME_API_BASE` says.
pub const REALTIME_API_BASE: &str = "https://rtc.live.cloudflare.com/v1";

/// Live support's settings.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    /// `RING_SECONDS`, `RECONNECT_GRACE_SECONDS`.
    pub room: Settings,
    /// A Cloudflare Realtime TURN key; without it, STUN only.
    pub turn: Option<TurnKey>,
    /// `REALTIME_API_BASE`.
    pub realtime_api_base: String,
}

impl Default for LiveConfig {
    fn default() -> Self {
        Self {
            room: Settings::default(),
            turn: None,
            realtime_api_base: REALTIME_API_BASE.to_owned(),
        }
    }
}

/// `TURN_KEY_ID` and `TURN_KEY_API_TOKEN`.
#[derive(Debug, Clone)]
pub struct TurnKey {
    pub key_id: String,
    pub api_token: String,
}

/// Someone admitted to an incident's room, and what the incident has cost
/// so far (the meter adds the call's time to it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoomEntry {
    pub incident_id: String,
    pub participant: Participant,
    pub account: Account,
}

/// The ICE servers a participant's browser is to use: ready, or to be asked
/// of Cloudflare Realtime (the Worker's fetch), STUN only if that fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IceServers {
    Ready(Vec<IceServer>),
    AskTurn(TurnRequest),
}

impl<D: Database> App<D> {
    /// Admits the caller to an incident's room: a contact of its
    /// organisation, or an agent or admin (the route's access level). Another
    /// organisation's incident is not found; a closed one is not entered.
    /// One round trip: the caller, the incident and its cost so far.
    pub async fn enter_live_room(
        &self,
        caller: &Caller,
        incident_id: &str,
    ) -> Result<RoomEntry, AppError> {
        let (principal, (incident, sessions, account)) = self
            .read_as(
                caller,
                (
                    store::incident_by_id(incident_id, None),
                    store::sessions_of(incident_id),
                    store::incident_account(incident_id),
                ),
            )
            .await?;
        let incident = incident.ok_or(AppError::NotFound)?;
        // English until the adapter sets the reader's (`api::live`).
        let participant = match principal {
            Principal::Customer(customer) if customer.customer.id == incident.customer_id => {
                Participant {
                    kind: Kind::Contact,
                    id: customer.contact.id.to_string(),
                    name: customer.contact.name.clone(),
                    email: customer.contact.email.as_str().to_owned(),
                    language: Language::En,
                }
            }
            Principal::Staff(staff) => Participant {
                kind: Kind::Staff,
                id: staff.id,
                name: staff.name,
                email: staff.email,
                language: Language::En,
            },
            _ => return Err(AppError::NotFound),
        };
        if incident.callback.status == Status::Closed {
            return Err(IncidentsError::State(IncidentError::Closed).into());
        }
        Ok(RoomEntry {
            incident_id: incident.id.to_string(),
            participant,
            account: Account {
                balance: account.balance,
                incident_seconds: sessions.iter().map(|s| s.session.seconds()).sum(),
                coupons_charged: account.coupons_charged,
            },
        })
    }

    /// The ICE servers for a participant (a contact or an agent): STUN
    /// alone without a TURN key.
    pub async fn ice_servers(&self, caller: &Caller) -> Result<IceServers, AppError> {
        self.identify(caller).await?;
        Ok(match &self.config.live.turn {
            Some(key) => IceServers::AskTurn(TurnRequest::new(
                &self.config.live.realtime_api_base,
                &key.key_id,
                &key.api_token,
            )),
            None => IceServers::Ready(ice::stun_only()),
        })
    }

    /// Keeps a chat line of the room as an incident message, in the same
    /// timeline as the others (pages, API, export, erasure). Kept again
    /// under its id, it fails whole and changes nothing.
    pub async fn keep_live_message(
        &self,
        incident_id: &str,
        line: &ChatLine,
    ) -> Result<(), AppError> {
        let author = &line.author;
        let mut batch = vec![store::insert_incident_message(
            &line.message_id,
            incident_id,
            author.kind.author(),
            &author.name,
            &author.email,
            line.text.as_str(),
            line.at,
        )];
        if author.kind == Kind::Contact {
            batch.push(store::record_acting_contact(
                store::Acted::IncidentMessage,
                &line.message_id,
                &author.id,
            ));
        }
        self.store.write(batch).await?;
        Ok(())
    }

    /// Records a callback attempt the room decided (reached on an accept,
    /// no answer, busy), by the agent who rang, under the room's id.
    pub async fn record_live_attempt(
        &self,
        incident_id: &str,
        attempt: &LiveAttempt,
    ) -> Result<Vec<Job>, AppError> {
        let caller = agent_caller(&attempt.agent, attempt.at);
        let input = AttemptInput {
            outcome: attempt.outcome,
            channel: attempt.channel,
            note: None,
        };
        let (_, _, jobs) = self
            .record_attempt_with_id(&caller, incident_id, input, &attempt.attempt_id, attempt.at)
            .await?;
        Ok(jobs)
    }

    /// Records a measured session, recorded by the agent, and charges the
    /// whole incident's started increments in the same batch; answers the
    /// incident's cost after it. The same session again charges nothing.
    pub async fn record_live_session(
        &self,
        incident_id: &str,
        live: &LiveSession,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Account, Vec<Job>), AppError> {
        let caller = agent_caller(&live.agent, now);
        let input = SessionInput {
            started_at: live.session.started_at,
            ended_at: live.session.ended_at,
            channel: live.channel,
        };
        let charged = self
            .change_session_with(
                &caller,
                incident_id,
                None,
                Some(input),
                Some(live.session.id.clone()),
                now,
                entropy,
            )
            .await?;
        let account = Account {
            balance: charged.balance,
            incident_seconds: charged.total_seconds,
            coupons_charged: charged.coupons_charged,
        };
        Ok((account, charged.jobs))
    }
}

/// The agent of a call, as the Worker verified them when they entered
/// (an agent or admin): the room's records are theirs.
fn agent_caller(agent: &Participant, now: Instant) -> Caller {
    Caller::known(
        Principal::Staff(StaffIdentity {
            id: agent.id.clone(),
            email: agent.email.clone(),
            name: agent.name.clone(),
            role: StaffRole::Agent,
        }),
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::incidents::callers::{agent, as_customer};
    use crate::app::testing::{app, customer, entropy, now, run};
    use crate::app::NewIncident;
    use crate::domain::billing::Session;
    use crate::domain::incident::{Author, Channel, Outcome};
    use crate::domain::text::Text;
    use crate::store::sqlite::Sqlite;
    use crate::store::IncidentRecord;
    use chrono::Duration;

    fn open(app: &App<Sqlite>) -> (crate::app::CustomerPrincipal, IncidentRecord) {
        let ana = customer(app, "ana@kovinar.si", 1);
        let input = NewIncident {
            subject: Text::parse("Terminal offline", 200).unwrap(),
            description: Text::parse("No time shown", 200).unwrap(),
            channel: Channel::Chat,
            phone: None,
            preferred_times: None,
            serial: None,
        };
        let incident = run(app.open_incident(&as_customer(&ana), input, now(), &mut entropy(5)))
            .unwrap()
            .0;
        (ana, incident)
    }

    fn maja() -> Participant {
        Participant {
            kind: Kind::Staff,
            id: "stf_maja".into(),
            name: "Maja".into(),
            email: "maja@spica.test".into(),
            language: Language::En,
        }
    }

    #[test]
    fn contacts_of_the_organisation_and_agents_enter_the_room_and_no_one_else() {
        let app = app();
        let (ana, incident) = open(&app);
        let entry = run(app.enter_live_room(&as_customer(&ana), &incident.id)).unwrap();
        assert_eq!(entry.participant.kind, Kind::Contact);
        assert_eq!(entry.participant.id, ana.contact.id.to_string());
        assert_eq!(
            entry.account,
            Account {
                balance: 1,
                incident_seconds: 0,
                coupons_charged: 0
            }
        );
        let desk = run(app.enter_live_room(&agent(), &incident.id)).unwrap();
        assert_eq!(
            (desk.participant.kind, desk.participant.name.as_str()),
            (Kind::Staff, "Maja")
        );
        let eva = customer(&app, "eva@drugi.si", 2);
        assert!(matches!(
            run(app.enter_live_room(&as_customer(&eva), &incident.id)),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            run(app.enter_live_room(&agent(), "inc_nothing")),
            Err(AppError::NotFound)
        ));
    }

    #[test]
    fn chat_lines_are_the_incidents_messages_with_their_authors_and_kept_once() {
        let app = app();
        let (ana, incident) = open(&app);
        let contact = run(app.enter_live_room(&as_customer(&ana), &incident.id))
            .unwrap()
            .participant;
        for (id, author, text) in [
            ("imsg_1", &contact, "Hello?"),
            ("imsg_2", &maja(), "Hi Ana"),
        ] {
            let line = ChatLine {
                message_id: id.into(),
                author: author.clone(),
                text: Text::parse(text, 100).unwrap(),
                at: now(),
            };
            run(app.keep_live_message(&incident.id, &line)).unwrap();
            assert!(run(app.keep_live_message(&incident.id, &line)).is_err());
        }
        let (_, timeline) = run(app.my_incident(&as_customer(&ana), &incident.id)).unwrap();
        let live: Vec<_> = timeline
            .messages
            .iter()
            .filter(|m| m.id.starts_with("imsg_"))
            .map(|m| (m.author, m.author_name.as_str(), m.body.as_str()))
            .collect();
        assert_eq!(
            live,
            [
                (Author::Customer, ana.contact.name.as_str(), "Hello?"),
                (Author::Staff, "Maja", "Hi Ana")
            ]
        );
    }

    #[test]
    fn a_third_unanswered_ring_prompts_the_customer_by_email() {
        let app = app();
        let (_, incident) = open(&app);
        let mut jobs = Vec::new();
        for (n, outcome) in [Outcome::NoAnswer, Outcome::Busy, Outcome::NoAnswer]
            .into_iter()
            .enumerate()
        {
            let attempt = LiveAttempt {
                attempt_id: format!("att_live{n}"),
                call_id: format!("cal_{n}"),
                outcome,
                channel: Channel::Voice,
                at: now() + Duration::minutes(n as i64),
                agent: maja(),
            };
            jobs = run(app.record_live_attempt(&incident.id, &attempt)).unwrap();
            // The same attempt again changes nothing.
            assert!(run(app.record_live_attempt(&incident.id, &attempt)).is_err());
        }
        assert!(jobs
            .iter()
            .any(|job| matches!(job, Job::DeliverEmail { outbox_id } if outbox_id.starts_with("msg_prompt_"))));
        let (_, timeline) = run(app.desk_incident(&agent(), &incident.id)).unwrap();
        assert_eq!(timeline.attempts.len(), 3);
        assert_eq!(timeline.incident.callback.status, Status::AwaitingCustomer);
        assert!(timeline
            .attempts
            .iter()
            .all(|a| a.recorded_by.as_deref() == Some("maja@spica.test")));
    }

    #[test]
    fn a_measured_call_is_a_session_by_the_agent_charged_in_started_increments_once() {
        let app = app();
        let (_, incident) = open(&app);
        let session = LiveSession {
            call_id: "cal_1".into(),
            session: Session {
                id: "ses_live1".into(),
                started_at: now() - Duration::seconds(125),
                ended_at: now(),
            },
            channel: Channel::RemoteDesktop,
            agent: maja(),
        };
        let (account, _) =
            run(app.record_live_session(&incident.id, &session, now(), &mut entropy(7))).unwrap();
        assert_eq!(
            account,
            Account {
                balance: 0,
                incident_seconds: 125,
                coupons_charged: 1
            }
        );
        let (again, jobs) =
            run(app.record_live_session(&incident.id, &session, now(), &mut entropy(8))).unwrap();
        assert_eq!((again, jobs.len()), (account, 0));
        let (_, timeline) = run(app.desk_incident(&agent(), &incident.id)).unwrap();
        assert_eq!(timeline.sessions.len(), 1);
        let recorded = &timeline.sessions[0];
        assert_eq!(recorded.session.id, "ses_live1");
        assert_eq!(recorded.channel, Channel::RemoteDesktop);
        assert_eq!(recorded.agent, "Maja");
        assert_eq!(recorded.recorded_by.as_deref(), Some("maja@spica.test"));
        assert_eq!((timeline.coupons_charged, timeline.balance), (1, 0));
    }

    #[test]
    fn ice_servers_are_stun_alone_without_a_turn_key_and_asked_of_realtime_with_one() {
        let app = app();
        assert_eq!(
            run(app.ice_servers(&agent())).unwrap(),
            IceServers::Ready(ice::stun_only())
        );
        let mut config = crate::app::testing::config();
        config.live.turn = Some(TurnKey {
            key_id: "key1".into(),
            api_token: "token1".into(),
        });
        let app = App::new(Sqlite::in_memory().unwrap(), config);
        let IceServers::AskTurn(turn) = run(app.ice_servers(&agent())).unwrap() else {
            panic!("TURN is configured");
        };
        assert_eq!(
            turn.url,
            "https://rtc.live.cloudflare.com/v1/turn/keys/key1/credentials/generate-ice-servers"
        );
        assert_eq!(turn.token, "token1");
    }
}
