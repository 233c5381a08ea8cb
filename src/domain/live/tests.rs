//! The room's rules, one test each.

use chrono::Duration;

use super::*;
use crate::domain::time::from_unix_millis;

pub(super) fn start() -> Instant {
    from_unix_millis(1_795_000_000_000).unwrap()
}

pub(super) fn person(kind: Kind, id: &str, name: &str) -> Participant {
    Participant {
        kind,
        id: id.into(),
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        language: crate::domain::language::Language::En,
    }
}

fn maja() -> Participant {
    person(Kind::Staff, "stf_maja", "Maja")
}

fn rok() -> Participant {
    person(Kind::Staff, "stf_rok", "Rok")
}

fn ana() -> Participant {
    person(Kind::Contact, "con_ana", "Ana")
}

fn bo() -> Participant {
    person(Kind::Contact, "con_bo", "Bo")
}

fn id(text: &str) -> ConnectionId {
    ConnectionId::new(text)
}

/// A room and its host: the clock, the entropy, and a punctual alarm.
pub(super) struct Host {
    pub room: Room,
    pub now: Instant,
    pub entropy: Entropy,
}

impl Host {
    pub fn new(settings: Settings, account: Account) -> Self {
        Self {
            room: Room::new(settings, account),
            now: start(),
            entropy: Entropy::new([3; 32]),
        }
    }

    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let effects = self.room.handle(event, self.now, &mut self.entropy);
        // The alarm asked for is the room's, and never in its past.
        let last = effects.iter().rev().find_map(|e| match e {
            Effect::SetAlarm(at) => Some(Some(*at)),
            Effect::ClearAlarm => Some(None),
            _ => None,
        });
        if let Some(alarm) = last {
            assert_eq!(alarm, self.room.alarm());
        }
        if let Some(alarm) = self.room.alarm() {
            assert!(alarm > self.now, "an alarm in the past");
        }
        effects
    }

    pub fn join(&mut self, connection: &str, participant: &Participant) -> Vec<Effect> {
        self.handle(Event::Joined {
            connection: id(connection),
            participant: participant.clone(),
        })
    }

    pub fn leave(&mut self, connection: &str) -> Vec<Effect> {
        self.handle(Event::Left {
            connection: id(connection),
        })
    }

    pub fn send(&mut self, connection: &str, text: &str) -> Vec<Effect> {
        self.handle(Event::Frame {
            connection: id(connection),
            frame: ClientFrame::parse(text),
        })
    }

    /// Lets time pass, the alarm firing when it is due.
    pub fn wait(&mut self, duration: Duration) -> Vec<Effect> {
        let until = self.now + duration;
        let mut effects = Vec::new();
        while let Some(alarm) = self.room.alarm().filter(|at| *at <= until) {
            self.now = alarm;
            effects.extend(self.handle(Event::Alarm));
        }
        self.now = until;
        effects
    }

    fn wait_seconds(&mut self, seconds: i64) -> Vec<Effect> {
        self.wait(Duration::seconds(seconds))
    }

    /// Time passes with no alarm (one lost, or late).
    fn jump(&mut self, seconds: i64) {
        self.now += Duration::seconds(seconds);
    }
}

fn host() -> Host {
    Host::new(Settings::default(), Account::default())
}

fn frames_to(effects: &[Effect], connection: &str) -> Vec<Outbound> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { to, frame } if to.contains(&id(connection)) => Some(frame.clone()),
            _ => None,
        })
        .collect()
}

fn calls_to(effects: &[Effect], connection: &str) -> Vec<CallState> {
    frames_to(effects, connection)
        .into_iter()
        .filter_map(|f| match f {
            Outbound::Call { state, .. } => Some(state),
            _ => None,
        })
        .collect()
}

fn errors_to(effects: &[Effect], connection: &str) -> Vec<ErrorCode> {
    frames_to(effects, connection)
        .into_iter()
        .filter_map(|f| match f {
            Outbound::Error { code, .. } => Some(code),
            _ => None,
        })
        .collect()
}

fn attempts(effects: &[Effect]) -> Vec<LiveAttempt> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RecordAttempt(a) => Some(a.clone()),
            _ => None,
        })
        .collect()
}

fn sessions(effects: &[Effect]) -> Vec<LiveSession> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RecordSession(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

fn recipients(effects: &[Effect], matches: impl Fn(&Outbound) -> bool) -> Vec<Vec<ConnectionId>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { to, frame } if matches(frame) => Some(to.clone()),
            _ => None,
        })
        .collect()
}

fn ids(connections: &[&str]) -> Vec<ConnectionId> {
    connections.iter().map(|c| id(c)).collect()
}

const RING: &str = r#"{"type":"ring","media":["audio"]}"#;
const VIDEO_RING: &str = r#"{"type":"ring","media":["audio","video"]}"#;
const ACCEPT: &str = r#"{"type":"accept"}"#;
const DECLINE: &str = r#"{"type":"decline"}"#;
const HANGUP: &str = r#"{"type":"hangup"}"#;
const START_CHAT: &str = r#"{"type":"start_chat_session"}"#;
const END_CHAT: &str = r#"{"type":"end_chat_session"}"#;
const OFFER: &str = r#"{"type":"signal","data":{"type":"offer","sdp":"v=0\r\n"}}"#;

/// Maja (a1) rings Ana (c1), who accepts `after` seconds later.
fn connected(after: i64, account: Account) -> Host {
    let mut host = Host::new(Settings::default(), account);
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    host.wait_seconds(after);
    let effects = host.send("c1", ACCEPT);
    assert_eq!(calls_to(&effects, "a1"), [CallState::Connected]);
    host
}

fn call_id(effects: &[Effect]) -> String {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Send {
                frame: Outbound::Ringing { call_id, .. } | Outbound::Call { call_id, .. },
                ..
            } => Some(call_id.clone()),
            _ => None,
        })
        .expect("a call frame")
}

#[test]
fn a_ring_with_no_contact_present_is_unreachable_and_records_no_attempt() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("s1", &rok());
    let effects = host.send("a1", RING);
    assert_eq!(calls_to(&effects, "a1"), [CallState::Unreachable]);
    assert!(frames_to(&effects, "s1").is_empty());
    assert!(attempts(&effects).is_empty());
    assert_eq!(host.room.call(), None);
    assert_eq!(host.room.alarm(), None);
    // The desk may ring again once someone is there.
    host.join("c1", &ana());
    let effects = host.send("a1", RING);
    assert!(
        matches!(frames_to(&effects, "c1")[..], [Outbound::Ringing { .. }]),
        "{effects:?}"
    );
}

#[test]
fn a_ring_nobody_answers_within_45_seconds_is_a_no_answer_attempt() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.join("c2", &bo());
    let effects = host.send("a1", RING);
    let call = call_id(&effects);
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Ringing { .. })),
        [ids(&["c1", "c2", "a1"])]
    );
    assert_eq!(host.room.alarm(), Some(start() + Duration::seconds(45)));
    assert!(attempts(&host.wait_seconds(44)).is_empty());
    let effects = host.wait_seconds(1);
    assert_eq!(
        attempts(&effects),
        [LiveAttempt {
            attempt_id: attempts(&effects)[0].attempt_id.clone(),
            call_id: call.clone(),
            outcome: Outcome::NoAnswer,
            channel: Channel::Voice,
            at: start() + Duration::seconds(45),
            agent: maja(),
        }]
    );
    for connection in ["a1", "c1", "c2"] {
        assert_eq!(calls_to(&effects, connection), [CallState::Missed]);
    }
    assert_eq!(host.room.call(), None);
    assert_eq!(host.room.alarm(), None);
    assert_eq!(
        errors_to(&host.send("c1", ACCEPT), "c1"),
        [ErrorCode::NotRinging]
    );
}

#[test]
fn the_ring_time_is_a_setting() {
    let settings = Settings {
        ring_seconds: 5,
        ..Settings::default()
    };
    let mut host = Host::new(settings, Account::default());
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    let effects = host.wait_seconds(5);
    assert_eq!(attempts(&effects)[0].outcome, Outcome::NoAnswer);
    assert_eq!(attempts(&effects)[0].at, start() + Duration::seconds(5));
}

#[test]
fn new_settings_apply_to_a_ring_under_way() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    host.wait_seconds(10);
    host.room.configure(Settings {
        ring_seconds: 20,
        ..Settings::default()
    });
    let effects = host.handle(Event::Alarm);
    assert!(effects.contains(&Effect::SetAlarm(start() + Duration::seconds(20))));
    assert_eq!(
        attempts(&host.wait_seconds(10))[0].outcome,
        Outcome::NoAnswer
    );
}

#[test]
fn a_declined_ring_is_a_busy_attempt() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.join("c2", &bo());
    host.send("a1", VIDEO_RING);
    host.wait_seconds(8);
    let effects = host.send("c2", DECLINE);
    let attempt = &attempts(&effects)[0];
    assert_eq!(
        (attempt.outcome, attempt.channel, attempt.at),
        (
            Outcome::Busy,
            Channel::Video,
            start() + Duration::seconds(8)
        )
    );
    for connection in ["a1", "c1", "c2"] {
        assert_eq!(calls_to(&effects, connection), [CallState::Declined]);
    }
    assert_eq!(host.room.call(), None);
    assert!(attempts(&host.wait_seconds(60)).is_empty());
}

#[test]
fn an_accepted_ring_is_connected_and_the_session_starts_at_the_accept() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.join("c2", &bo());
    host.send("a1", RING);
    host.wait_seconds(10);
    let effects = host.send("c1", ACCEPT);
    let attempt = &attempts(&effects)[0];
    assert_eq!(
        (attempt.outcome, attempt.at),
        (Outcome::Reached, start() + Duration::seconds(10))
    );
    for connection in ["a1", "c1", "c2"] {
        assert_eq!(calls_to(&effects, connection), [CallState::Connected]);
    }
    // Bo's banner went; his late accept finds nothing ringing.
    assert_eq!(
        errors_to(&host.send("c2", ACCEPT), "c2"),
        [ErrorCode::NotRinging]
    );
    host.wait_seconds(125);
    let effects = host.send("a1", HANGUP);
    let recorded = sessions(&effects);
    assert_eq!(recorded.len(), 1);
    let session = &recorded[0];
    assert_eq!(session.session.started_at, start() + Duration::seconds(10));
    assert_eq!(session.session.ended_at, start() + Duration::seconds(135));
    assert_eq!(
        (session.seconds(), session.channel, &session.agent),
        (125, Channel::Voice, &maja())
    );
    assert_eq!(session.call_id, attempt.call_id);
    let figures = Outbound::Session {
        call_id: session.call_id.clone(),
        session_id: Some(session.session.id.clone()),
        seconds: 125,
        coupons_charged: 1,
    };
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Session { .. })),
        [ids(&["a1", "c1"])]
    );
    assert!(frames_to(&effects, "c1").contains(&figures));
    for connection in ["a1", "c1", "c2"] {
        assert_eq!(calls_to(&effects, connection), [CallState::Ended]);
    }
    assert_eq!(host.room.call(), None);
    assert_eq!(host.room.alarm(), None);
}

#[test]
fn a_hangup_by_the_customer_records_the_session_ending_then() {
    let mut host = connected(3, Account::default());
    host.wait_seconds(42);
    let effects = host.send("c1", HANGUP);
    let session = &sessions(&effects)[0];
    assert_eq!(session.session.ended_at, start() + Duration::seconds(45));
    assert_eq!(session.seconds(), 42);
}

#[test]
fn a_hangup_from_someone_outside_the_call_is_refused() {
    let mut host = connected(3, Account::default());
    host.join("c2", &bo());
    host.join("s1", &rok());
    for connection in ["c2", "s1"] {
        let effects = host.send(connection, HANGUP);
        assert_eq!(errors_to(&effects, connection), [ErrorCode::NotInCall]);
        assert!(sessions(&effects).is_empty());
    }
    assert_eq!(
        errors_to(&host.send("a1", END_CHAT), "a1"),
        [ErrorCode::NotInCall]
    );
    // Maja's other tab may hang up her call.
    host.join("a2", &maja());
    host.wait_seconds(10);
    assert_eq!(sessions(&host.send("a2", HANGUP)).len(), 1);
}

#[test]
fn a_reload_within_the_grace_resumes_the_same_call() {
    let mut host = connected(0, Account::default());
    let call = host.room.call().unwrap().call_id;
    host.wait_seconds(60);
    let effects = host.leave("c1");
    assert_eq!(calls_to(&effects, "a1"), [CallState::Interrupted]);
    assert_eq!(host.room.call().unwrap().state, CallPhase::Interrupted);
    assert_eq!(
        errors_to(&host.send("a1", OFFER), "a1"),
        [ErrorCode::PeerAway]
    );
    host.wait_seconds(29);
    let effects = host.join("c2", &ana());
    assert_eq!(
        recipients(
            &effects,
            |f| matches!(f, Outbound::Call { state: CallState::Resumed, call_id, .. } if *call_id == call)
        ),
        [ids(&["a1", "c2"])]
    );
    // The new socket is the call's now.
    assert_eq!(
        recipients(&host.send("a1", OFFER), |f| matches!(
            f,
            Outbound::Signal(_)
        )),
        [ids(&["c2"])]
    );
    assert!(sessions(&host.wait_seconds(60)).is_empty());
    let effects = host.send("c2", HANGUP);
    let recorded = sessions(&effects);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].call_id, call);
    // One call, one session: the reload's seconds are part of it.
    assert_eq!(recorded[0].seconds(), 60 + 29 + 60);
}

#[test]
fn a_colleague_joining_does_not_take_over_the_customers_call() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(30);
    host.leave("c1");
    let effects = host.join("c2", &bo());
    assert!(calls_to(&effects, "c2").is_empty());
    assert_eq!(host.room.call().unwrap().state, CallPhase::Interrupted);
    assert_eq!(
        errors_to(&host.send("c2", OFFER), "c2"),
        [ErrorCode::NotInCall]
    );
    assert_eq!(sessions(&host.wait_seconds(30))[0].seconds(), 30);
}

#[test]
fn a_party_gone_longer_than_the_grace_ends_the_call_at_the_last_moment_both_were_present() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(100);
    host.leave("c1");
    assert!(sessions(&host.wait_seconds(29)).is_empty());
    let effects = host.wait_seconds(1);
    let session = &sessions(&effects)[0];
    assert_eq!(session.session.ended_at, start() + Duration::seconds(100));
    assert_eq!(session.seconds(), 100);
    assert_eq!(calls_to(&effects, "a1"), [CallState::Ended]);
    assert!(matches!(
        frames_to(&effects, "a1")[..],
        [
            Outbound::Call { .. },
            Outbound::Session { seconds: 100, .. }
        ]
    ));
    // Too late: the call is over.
    let effects = host.join("c2", &ana());
    assert!(calls_to(&effects, "c2").is_empty());
    assert_eq!(host.room.call(), None);
}

#[test]
fn the_agent_gone_longer_than_the_grace_ends_the_call_the_same_way() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(50);
    let effects = host.leave("a1");
    assert_eq!(calls_to(&effects, "c1"), [CallState::Interrupted]);
    let effects = host.wait_seconds(30);
    assert_eq!(sessions(&effects)[0].seconds(), 50);
    assert_eq!(calls_to(&effects, "c1"), [CallState::Ended]);
}

#[test]
fn a_hangup_while_the_other_party_is_away_ends_the_session_when_they_left() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(70);
    host.leave("c1");
    host.wait_seconds(20);
    let effects = host.send("a1", HANGUP);
    assert_eq!(sessions(&effects)[0].seconds(), 70);
}

#[test]
fn a_reload_whose_new_socket_opens_before_the_old_one_closes_keeps_the_call() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(10);
    host.join("c2", &ana());
    let effects = host.leave("c1");
    assert_eq!(calls_to(&effects, "a1"), [CallState::Resumed]);
    assert_eq!(calls_to(&effects, "c2"), [CallState::Resumed]);
    assert_eq!(host.room.call().unwrap().state, CallPhase::Connected);
    assert_eq!(
        recipients(&host.send("a1", OFFER), |f| matches!(
            f,
            Outbound::Signal(_)
        )),
        [ids(&["c2"])]
    );
    // Nothing waits for a grace: the call goes on past it.
    assert!(sessions(&host.wait_seconds(300)).is_empty());
}

#[test]
fn a_late_alarm_still_ends_the_call_at_the_instant_the_grace_ran_out() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(100);
    host.leave("c1");
    // The alarm is lost; the next event, much later, is Ana coming back.
    host.jump(500);
    let effects = host.join("c2", &ana());
    let session = &sessions(&effects)[0];
    assert_eq!(session.seconds(), 100);
    assert!(calls_to(&effects, "c2").is_empty());
    assert_eq!(host.room.call(), None);
}

#[test]
fn a_late_alarm_still_misses_the_ring_at_its_own_instant() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    host.jump(50);
    let effects = host.send("c1", ACCEPT);
    assert_eq!(attempts(&effects)[0].outcome, Outcome::NoAnswer);
    assert_eq!(attempts(&effects)[0].at, start() + Duration::seconds(45));
    assert_eq!(errors_to(&effects, "c1"), [ErrorCode::NotRinging]);
}

#[test]
fn signal_frames_reach_only_the_other_party_of_the_call() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("a2", &maja());
    host.join("s1", &rok());
    host.join("c1", &ana());
    host.join("c2", &bo());
    host.send("a1", RING);
    assert_eq!(
        errors_to(&host.send("a1", OFFER), "a1"),
        [ErrorCode::NotInCall]
    );
    host.send("c1", ACCEPT);
    let effects = host.send("a1", OFFER);
    assert_eq!(
        effects,
        [Effect::Send {
            to: ids(&["c1"]),
            frame: Outbound::Signal(match ClientFrame::parse(OFFER) {
                Ok(ClientFrame::Signal(signal)) => signal,
                _ => unreachable!(),
            }),
        }]
    );
    let answer = r#"{"type":"signal","data":{"type":"answer","sdp":"v=0"}}"#;
    let effects = host.send("c1", answer);
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Signal(_))),
        [ids(&["a1"])]
    );
    assert_eq!(frames_to(&effects, "a1")[0].to_json(), answer);
    for outsider in ["a2", "s1", "c2"] {
        let effects = host.send(outsider, OFFER);
        assert_eq!(errors_to(&effects, outsider), [ErrorCode::NotInCall]);
        assert_eq!(effects.len(), 1);
    }
    host.send("a1", HANGUP);
    assert_eq!(
        errors_to(&host.send("c1", OFFER), "c1"),
        [ErrorCode::NotInCall]
    );
}

#[test]
fn staff_only_frames_from_a_contact_are_refused() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    for frame in [RING, START_CHAT, END_CHAT] {
        let effects = host.send("c1", frame);
        assert_eq!(errors_to(&effects, "c1"), [ErrorCode::Forbidden], "{frame}");
        assert_eq!(effects.len(), 1, "{frame}");
    }
    host.send("a1", RING);
    for frame in [ACCEPT, DECLINE] {
        let effects = host.send("a1", frame);
        assert_eq!(errors_to(&effects, "a1"), [ErrorCode::Forbidden], "{frame}");
        assert!(attempts(&effects).is_empty());
    }
    assert_eq!(host.room.call().unwrap().state, CallPhase::Ringing);
}

#[test]
fn a_contact_joining_while_it_rings_sees_the_ring() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    let call = call_id(&host.send("a1", VIDEO_RING));
    host.wait_seconds(20);
    let effects = host.join("c2", &bo());
    assert!(frames_to(&effects, "c2").contains(&Outbound::Ringing {
        call_id: call,
        media: Media {
            video: true,
            screen: false
        },
    }));
    assert_eq!(
        attempts(&host.send("c2", ACCEPT))[0].outcome,
        Outcome::Reached
    );
    // A staff member joining is not rung.
    host.join("s1", &rok());
}

#[test]
fn a_second_ring_while_a_call_is_on_is_refused_as_busy() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("s1", &rok());
    host.join("c1", &ana());
    host.send("a1", RING);
    assert_eq!(errors_to(&host.send("s1", RING), "s1"), [ErrorCode::Busy]);
    host.send("c1", ACCEPT);
    assert_eq!(errors_to(&host.send("s1", RING), "s1"), [ErrorCode::Busy]);
    assert_eq!(
        errors_to(&host.send("a1", START_CHAT), "a1"),
        [ErrorCode::Busy]
    );
}

#[test]
fn the_agent_withdrawing_a_ring_records_no_attempt() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    host.wait_seconds(5);
    let effects = host.send("a1", HANGUP);
    assert!(attempts(&effects).is_empty());
    assert_eq!(calls_to(&effects, "c1"), [CallState::Cancelled]);
    assert_eq!(host.room.alarm(), None);
    // Nor does the agent's page going away while it rings.
    host.send("a1", RING);
    let effects = host.leave("a1");
    assert_eq!(calls_to(&effects, "c1"), [CallState::Cancelled]);
    assert!(attempts(&host.wait_seconds(60)).is_empty());
}

#[test]
fn a_ring_survives_the_agents_reload_in_another_tab() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    host.join("a2", &maja());
    assert!(calls_to(&host.leave("a1"), "c1").is_empty());
    host.send("c1", ACCEPT);
    assert_eq!(
        recipients(&host.send("c1", OFFER), |f| matches!(
            f,
            Outbound::Signal(_)
        )),
        [ids(&["a2"])]
    );
}

#[test]
fn the_meter_ticks_every_5_seconds_with_the_coupons_the_whole_incident_will_cost() {
    let account = Account {
        balance: 5,
        incident_seconds: 14 * 60,
        coupons_charged: 1,
    };
    let mut host = connected(0, account);
    assert_eq!(host.room.alarm(), Some(start() + Duration::seconds(5)));
    host.join("c2", &bo());
    let effects = host.wait_seconds(65);
    let meters: Vec<(i64, i64)> = frames_to(&effects, "a1")
        .into_iter()
        .filter_map(|f| match f {
            Outbound::Meter {
                seconds, coupons, ..
            } => Some((seconds, coupons)),
            _ => None,
        })
        .collect();
    let expected: Vec<(i64, i64)> = (1..=13)
        .map(|n| (n * 5, if n * 5 <= 60 { 1 } else { 2 }))
        .collect();
    assert_eq!(meters, expected);
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Meter { .. }))[0],
        ids(&["a1", "c1"])
    );
}

#[test]
fn the_session_is_billed_over_the_whole_incident_in_started_increments() {
    let account = Account {
        balance: 4,
        incident_seconds: 14 * 60,
        coupons_charged: 1,
    };
    let mut host = connected(0, account);
    host.wait_seconds(120);
    let effects = host.send("a1", HANGUP);
    assert!(frames_to(&effects, "c1").iter().any(|f| matches!(
        f,
        Outbound::Session {
            seconds: 120,
            coupons_charged: 2,
            ..
        }
    )));
    assert_eq!(
        host.room.account(),
        Account {
            balance: 3,
            incident_seconds: 16 * 60,
            coupons_charged: 2,
        }
    );
}

fn warnings(effects: &[Effect], connection: &str) -> Vec<(i64, i64)> {
    frames_to(effects, connection)
        .into_iter()
        .filter_map(|f| match f {
            Outbound::BalanceWarning {
                seconds,
                balance_after,
                ..
            } => Some((seconds, balance_after)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_warning_comes_one_minute_before_an_increment_the_balance_cannot_pay() {
    // Ten minutes used, one coupon charged, none left: the second increment
    // starts at 901 s of the incident, 301 s into the call.
    let account = Account {
        balance: 0,
        incident_seconds: 600,
        coupons_charged: 1,
    };
    let mut host = connected(0, account);
    assert!(warnings(&host.wait_seconds(240), "a1").is_empty());
    assert_eq!(host.room.alarm(), Some(start() + Duration::seconds(241)));
    let effects = host.wait_seconds(1);
    assert_eq!(warnings(&effects, "a1"), [(60, -1)]);
    assert_eq!(warnings(&effects, "c1"), [(60, -1)]);
    // Once per increment: the next comes a minute before the third.
    assert!(warnings(&host.wait_seconds(899), "a1").is_empty());
    assert_eq!(warnings(&host.wait_seconds(1), "c1"), [(60, -2)]);
}

#[test]
fn no_warning_while_the_balance_covers_the_next_increment() {
    let account = Account {
        balance: 1,
        incident_seconds: 600,
        coupons_charged: 1,
    };
    let mut host = connected(0, account);
    assert!(warnings(&host.wait_seconds(1140), "a1").is_empty());
    assert_eq!(warnings(&host.wait_seconds(1), "a1"), [(60, -1)]);
}

#[test]
fn a_call_started_without_the_coupon_for_its_first_increment_warns_at_once() {
    let account = Account {
        balance: 0,
        incident_seconds: 0,
        coupons_charged: 0,
    };
    let mut host = host_with(account);
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", RING);
    let effects = host.send("c1", ACCEPT);
    assert_eq!(warnings(&effects, "c1"), [(1, -1)]);
}

fn host_with(account: Account) -> Host {
    Host::new(Settings::default(), account)
}

#[test]
fn a_refreshed_account_moves_the_warning() {
    let account = Account {
        balance: 5,
        incident_seconds: 600,
        coupons_charged: 1,
    };
    let mut host = connected(0, account);
    host.wait_seconds(100);
    host.handle(Event::Refresh(Account {
        balance: 0,
        ..account
    }));
    assert_eq!(warnings(&host.wait_seconds(141), "a1"), [(60, -1)]);
}

#[test]
fn a_chat_session_is_started_and_ended_by_the_agent_and_measured_the_same_way() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    let effects = host.send("a1", START_CHAT);
    assert!(frames_to(&effects, "c1").iter().any(|f| matches!(
        f,
        Outbound::Call {
            state: CallState::Connected,
            kind: CallKind::ChatSession,
            ..
        }
    )));
    let attempt = &attempts(&effects)[0];
    assert_eq!(
        (attempt.outcome, attempt.channel),
        (Outcome::Reached, Channel::Chat)
    );
    // Colleagues come and go; the customer stays present throughout.
    host.wait_seconds(100);
    host.join("c2", &bo());
    host.leave("c1");
    host.wait_seconds(100);
    // Only the agent ends it.
    assert_eq!(
        errors_to(&host.send("c2", END_CHAT), "c2"),
        [ErrorCode::Forbidden]
    );
    assert_eq!(
        errors_to(&host.send("c2", HANGUP), "c2"),
        [ErrorCode::NotInCall]
    );
    assert_eq!(
        errors_to(&host.send("c2", OFFER), "c2"),
        [ErrorCode::NotInCall]
    );
    let effects = host.send("a1", END_CHAT);
    let session = &sessions(&effects)[0];
    assert_eq!((session.seconds(), session.channel), (200, Channel::Chat));
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Session { .. })),
        [ids(&["a1", "c2"])]
    );
}

#[test]
fn a_chat_session_needs_a_contact_present() {
    let mut host = host();
    host.join("a1", &maja());
    let effects = host.send("a1", START_CHAT);
    assert!(frames_to(&effects, "a1").iter().any(|f| matches!(
        f,
        Outbound::Call {
            state: CallState::Unreachable,
            kind: CallKind::ChatSession,
            ..
        }
    )));
    assert!(attempts(&effects).is_empty());
    assert_eq!(host.room.call(), None);
}

#[test]
fn a_chat_session_whose_customer_is_gone_longer_than_the_grace_ends_when_they_left() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.send("a1", START_CHAT);
    host.wait_seconds(40);
    host.leave("c1");
    host.wait_seconds(10);
    let effects = host.join("c2", &bo());
    assert_eq!(calls_to(&effects, "c2"), [CallState::Resumed]);
    host.wait_seconds(20);
    host.leave("c2");
    let effects = host.wait_seconds(30);
    assert_eq!(sessions(&effects)[0].seconds(), 70);
}

#[test]
fn chat_lines_go_to_everyone_and_are_kept_as_incident_messages() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    host.join("c2", &bo());
    host.wait_seconds(2);
    let effects = host.send("c1", r#"{"type":"chat","text":"It crashes\non start."}"#);
    let Some(Effect::KeepMessage(line)) = effects.first() else {
        panic!("not kept first: {effects:?}");
    };
    assert_eq!(line.author, ana());
    assert_eq!(line.author.kind.author(), Author::Customer);
    assert_eq!(line.text.as_str(), "It crashes\non start.");
    assert_eq!(line.at, start() + Duration::seconds(2));
    assert!(line.message_id.starts_with("imsg_"));
    let frame = Outbound::Chat {
        message_id: line.message_id.clone(),
        author: Person {
            kind: Kind::Contact,
            name: "Ana".into(),
        },
        text: "It crashes\non start.".into(),
        at: start() + Duration::seconds(2),
    };
    assert_eq!(
        effects[1],
        Effect::Send {
            to: ids(&["a1", "c1", "c2"]),
            frame
        }
    );
    let Effect::KeepMessage(reply) = &host.send("a1", r#"{"type":"chat","text":"Looking"}"#)[0]
    else {
        panic!("not kept");
    };
    assert_eq!(reply.author.kind.author(), Author::Staff);
    assert_ne!(reply.message_id, line.message_id);
}

#[test]
fn the_channel_follows_the_media_used() {
    let channel_of = |ring: &str, media: &[&str]| {
        let mut host = host();
        host.join("a1", &maja());
        host.join("c1", &ana());
        host.send("a1", ring);
        host.send("c1", ACCEPT);
        for (connection, frame) in media.iter().enumerate() {
            let connection = if connection % 2 == 0 { "c1" } else { "a1" };
            let effects = host.send(connection, frame);
            assert!(effects.is_empty(), "{effects:?}");
        }
        host.wait_seconds(10);
        sessions(&host.send("a1", HANGUP))[0].channel
    };
    let screen = r#"{"type":"media","media":["audio","screen"]}"#;
    let video = r#"{"type":"media","media":["audio","video"]}"#;
    let audio = r#"{"type":"media","media":["audio"]}"#;
    assert_eq!(channel_of(RING, &[]), Channel::Voice);
    assert_eq!(channel_of(RING, &[audio, audio]), Channel::Voice);
    assert_eq!(channel_of(VIDEO_RING, &[]), Channel::Video);
    assert_eq!(channel_of(RING, &[audio, video]), Channel::Video);
    assert_eq!(channel_of(RING, &[screen, audio]), Channel::RemoteDesktop);
    assert_eq!(channel_of(VIDEO_RING, &[screen]), Channel::RemoteDesktop);
}

#[test]
fn media_frames_from_outside_the_call_are_refused() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    let media = r#"{"type":"media","media":["screen"]}"#;
    assert_eq!(
        errors_to(&host.send("c1", media), "c1"),
        [ErrorCode::NotInCall]
    );
}

#[test]
fn a_frame_over_64_kib_or_malformed_or_unknown_is_an_error_frame() {
    let mut host = host();
    host.join("c1", &ana());
    let big = format!(
        r#"{{"type":"chat","text":"{}"}}"#,
        "a".repeat(MAX_FRAME_BYTES)
    );
    for (text, code) in [
        (big.as_str(), ErrorCode::TooLarge),
        ("{", ErrorCode::Malformed),
        (r#"{"type":"dance"}"#, ErrorCode::UnknownType),
        (r#"{"type":"chat","text":""}"#, ErrorCode::Invalid),
    ] {
        let effects = host.send("c1", text);
        assert_eq!(
            effects,
            [Effect::Send {
                to: ids(&["c1"]),
                frame: Outbound::error(code, crate::domain::language::Language::En)
            }]
        );
    }
    let binary = host.handle(Event::Frame {
        connection: id("c1"),
        frame: Err(FrameError::NotText),
    });
    assert_eq!(errors_to(&binary, "c1"), [ErrorCode::NotText]);
}

fn closed(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::Close { code, .. } if *code == CLOSE_POLICY_VIOLATION))
}

#[test]
fn a_flood_is_refused_and_repeated_abuse_closes_the_socket() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    let chat = r#"{"type":"chat","text":"spam"}"#;
    for n in 0..FRAME_BURST {
        assert!(errors_to(&host.send("c1", chat), "c1").is_empty(), "{n}");
    }
    for n in 0..ABUSE_BURST {
        let effects = host.send("c1", chat);
        assert_eq!(errors_to(&effects, "c1"), [ErrorCode::RateLimited], "{n}");
        assert!(!closed(&effects));
    }
    let effects = host.send("c1", chat);
    assert!(closed(&effects));
    assert!(!host.room.connections().any(|c| c == &id("c1")));
    assert!(frames_to(&effects, "a1")
        .iter()
        .any(|f| matches!(f, Outbound::Presence { participants, .. } if participants.len() == 1)));
    // What the closed socket still sends is ignored.
    assert!(host.send("c1", chat).is_empty());
}

#[test]
fn malformed_frames_are_abuse_but_a_lost_race_is_not() {
    let mut host = host();
    host.join("c1", &ana());
    host.join("c2", &bo());
    for _ in 0..40 {
        let effects = host.send("c1", ACCEPT);
        assert_eq!(errors_to(&effects, "c1"), [ErrorCode::NotRinging]);
        assert!(!closed(&effects));
    }
    let mut refused = 0;
    while !closed(&host.send("c2", "not json")) {
        refused += 1;
        assert!(refused <= ABUSE_BURST);
    }
    assert_eq!(refused, ABUSE_BURST);
}

#[test]
fn the_abuse_budget_refills_with_time() {
    let mut host = host();
    host.join("c1", &ana());
    for _ in 0..ABUSE_BURST {
        host.send("c1", "not json");
    }
    host.wait_seconds(6);
    assert!(!closed(&host.send("c1", "not json")));
    assert!(closed(&host.send("c1", "not json")));
}

#[test]
fn a_call_ends_after_the_longest_session_the_portal_records() {
    let mut host = connected(0, Account::default());
    let effects = host.wait(Duration::seconds(MAX_SESSION_SECONDS));
    let session = &sessions(&effects)[0];
    assert_eq!(session.seconds(), MAX_SESSION_SECONDS);
    assert_eq!(
        billing::check_session(&session.session, &[], host.now),
        Ok(())
    );
    assert_eq!(host.room.call(), None);
}

#[test]
fn a_call_that_lasted_no_time_records_no_session() {
    let mut host = connected(0, Account::default());
    let effects = host.send("c1", HANGUP);
    assert!(sessions(&effects).is_empty());
    assert!(frames_to(&effects, "a1").iter().any(|f| matches!(
        f,
        Outbound::Session {
            session_id: None,
            seconds: 0,
            coupons_charged: 0,
            ..
        }
    )));
}

#[test]
fn a_room_survives_hibernation() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(30);
    host.leave("c1");
    let saved = serde_json::to_string(&host.room).unwrap();
    host.room = serde_json::from_str(&saved).unwrap();
    host.wait_seconds(10);
    host.join("c2", &ana());
    let saved = serde_json::to_string(&host.room).unwrap();
    let restored: Room = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored, host.room);
    host.room = restored;
    host.wait_seconds(20);
    assert_eq!(sessions(&host.send("a1", HANGUP))[0].seconds(), 60);
}

#[test]
fn presence_names_who_is_in_the_room_without_personal_data() {
    let mut host = host();
    host.join("a1", &maja());
    host.join("c1", &ana());
    let effects = host.join("c2", &ana());
    let presence = frames_to(&effects, "a1")
        .into_iter()
        .find(|f| matches!(f, Outbound::Presence { .. }))
        .unwrap();
    assert_eq!(
        presence.to_json(),
        r#"{"type":"presence","participants":[{"kind":"staff","name":"Maja"},{"kind":"contact","name":"Ana"}],"call":null}"#
    );
    assert_eq!(
        recipients(&effects, |f| matches!(f, Outbound::Presence { .. })),
        [ids(&["a1", "c1", "c2"])]
    );
    let effects = host.leave("a1");
    assert!(frames_to(&effects, "c1").iter().any(|f| matches!(
        f,
        Outbound::Presence { participants, .. } if participants.len() == 1
    )));
}

#[test]
fn the_clock_never_runs_backwards_in_the_room() {
    let mut host = connected(0, Account::default());
    host.wait_seconds(20);
    host.now = start();
    let effects = host.send("a1", HANGUP);
    assert_eq!(sessions(&effects)[0].seconds(), 20);
}

#[test]
fn events_about_unknown_sockets_change_nothing() {
    let mut host = connected(0, Account::default());
    let before = host.room.clone();
    assert!(host.leave("zz").is_empty());
    assert!(host.send("zz", HANGUP).is_empty());
    assert!(host.join("c1", &bo()).is_empty());
    assert_eq!(host.room, before);
}
