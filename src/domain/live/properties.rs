//! Random rooms: people join and leave, send any frame, time passes with
//! alarms on time, late or lost. Whatever happens, the room's rules hold.
//!
//! The checks read only the events fed in and the effects that came out,
//! with their own record of who was present when: never the room's state.

use std::collections::HashMap;

use chrono::Duration;
use proptest::prelude::*;

use super::tests::{person, Host};
use super::*;

/// Who may join: two agents, two contacts.
fn who(index: usize) -> Participant {
    match index % 4 {
        0 => person(Kind::Staff, "stf_maja", "Maja"),
        1 => person(Kind::Staff, "stf_rok", "Rok"),
        2 => person(Kind::Contact, "con_ana", "Ana"),
        _ => person(Kind::Contact, "con_bo", "Bo"),
    }
}

/// Someone from the desk who watches and never leaves, so that every frame
/// meant for the whole room has someone to go to.
const WATCHER: &str = "watcher";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Chat,
    Ring { video: bool },
    Accept,
    Decline,
    Hangup,
    Signal,
    Media { screen: bool },
    StartChat,
    EndChat,
    Garbage,
    Binary,
}

impl Frame {
    fn text(self) -> &'static str {
        match self {
            Self::Chat => r#"{"type":"chat","text":"hello"}"#,
            Self::Ring { video: false } => r#"{"type":"ring","media":["audio"]}"#,
            Self::Ring { video: true } => r#"{"type":"ring","media":["audio","video"]}"#,
            Self::Accept => r#"{"type":"accept"}"#,
            Self::Decline => r#"{"type":"decline"}"#,
            Self::Hangup => r#"{"type":"hangup"}"#,
            Self::Signal => {
                r#"{"type":"signal","data":{"candidate":"candidate:1 1 udp 1 10.0.0.1 9 typ host"}}"#
            }
            Self::Media { screen: false } => r#"{"type":"media","media":["audio","video"]}"#,
            Self::Media { screen: true } => r#"{"type":"media","media":["audio","screen"]}"#,
            Self::StartChat => r#"{"type":"start_chat_session"}"#,
            Self::EndChat => r#"{"type":"end_chat_session"}"#,
            Self::Garbage => r#"{"type":"ring","media":"loud"}"#,
            Self::Binary => "",
        }
    }

    fn staff_only(self) -> bool {
        matches!(self, Self::Ring { .. } | Self::StartChat | Self::EndChat)
    }

    fn contacts_only(self) -> bool {
        matches!(self, Self::Accept | Self::Decline)
    }
}

#[derive(Debug, Clone)]
enum Op {
    Join(usize),
    /// Leave: the n-th socket present (modulo how many there are); with
    /// `flush`, the alarm fires first at the same instant.
    Leave {
        nth: usize,
        flush: bool,
    },
    /// Send from the n-th socket; `flush` first lets the alarm fire at the
    /// same instant, so that the frame's effects are its own.
    Send {
        from: usize,
        frame: Frame,
        flush: bool,
    },
    /// Time passes; the alarm fires on time.
    Wait(i64),
    /// Time passes; the alarm is lost (or late).
    Jump(i64),
    Alarm,
    Refresh(i64),
}

fn frame() -> impl Strategy<Value = Frame> {
    prop_oneof![
        2 => Just(Frame::Chat),
        5 => any::<bool>().prop_map(|video| Frame::Ring { video }),
        6 => Just(Frame::Accept),
        1 => Just(Frame::Decline),
        2 => Just(Frame::Hangup),
        4 => Just(Frame::Signal),
        1 => any::<bool>().prop_map(|screen| Frame::Media { screen }),
        2 => Just(Frame::StartChat),
        2 => Just(Frame::EndChat),
        1 => Just(Frame::Garbage),
        1 => Just(Frame::Binary),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..4).prop_map(Op::Join),
        2 => (0usize..8, any::<bool>()).prop_map(|(nth, flush)| Op::Leave { nth, flush }),
        12 => (0usize..8, frame(), any::<bool>())
            .prop_map(|(from, frame, flush)| Op::Send { from, frame, flush }),
        4 => (0i64..40_000).prop_map(Op::Wait),
        1 => (0i64..120_000).prop_map(Op::Jump),
        1 => Just(Op::Alarm),
        1 => (-3i64..4).prop_map(Op::Refresh),
    ]
}

/// When each person was present: closed intervals, the last perhaps open.
#[derive(Debug, Default)]
struct Presence(Vec<(Instant, Option<Instant>)>);

impl Presence {
    fn at(&self, t: Instant) -> bool {
        self.0
            .iter()
            .any(|(from, to)| *from <= t && to.is_none_or(|to| t <= to))
    }

    /// Their absences: from when they left to when they came back (never:
    /// `None`).
    fn absences(&self) -> Vec<(Instant, Option<Instant>)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(n, (_, left))| left.map(|left| (left, self.0.get(n + 1).map(|i| i.0))))
            .collect()
    }
}

#[derive(Debug)]
struct CallModel {
    kind: CallKind,
    agent: Participant,
    /// The contact who accepted; none for a chat session (any contact).
    contact: Option<Participant>,
    connected_at: Option<Instant>,
    outcomes: Vec<CallState>,
    attempts: Vec<Outcome>,
    sessions: usize,
    ended: bool,
}

/// The test's own record of the room, from events and effects only.
struct Model {
    host: Host,
    grace: Duration,
    joined: Vec<(ConnectionId, Participant)>,
    next: usize,
    presence: HashMap<String, Presence>,
    calls: HashMap<String, CallModel>,
}

const ANY_CONTACT: &str = "any contact";

impl Model {
    fn new(account: Account) -> Self {
        let settings = Settings::default();
        let mut model = Self {
            host: Host::new(settings, account),
            grace: Duration::seconds(i64::from(settings.reconnect_grace_seconds)),
            joined: Vec::new(),
            next: 0,
            presence: HashMap::new(),
            calls: HashMap::new(),
        };
        let watcher = person(Kind::Staff, "stf_watcher", "Watcher");
        model.join(ConnectionId::new(WATCHER), watcher);
        model
    }

    fn participant(&self, connection: &ConnectionId) -> Option<&Participant> {
        self.joined
            .iter()
            .find(|(c, _)| c == connection)
            .map(|(_, p)| p)
    }

    fn count(&self, principal: &str) -> usize {
        self.joined
            .iter()
            .filter(|(_, p)| {
                p.id == principal || (principal == ANY_CONTACT && p.kind == Kind::Contact)
            })
            .count()
    }

    /// Records a socket coming or going, and who is present since when.
    fn track(&mut self, participant: &Participant, change: impl FnOnce(&mut Self)) {
        let now = self.host.now;
        let keys = [participant.id.clone(), ANY_CONTACT.to_owned()];
        let keys = if participant.kind == Kind::Contact {
            &keys[..]
        } else {
            &keys[..1]
        };
        let before: Vec<usize> = keys.iter().map(|k| self.count(k)).collect();
        change(self);
        for (key, before) in keys.iter().zip(before) {
            let after = self.count(key);
            let intervals = &mut self.presence.entry(key.clone()).or_default().0;
            if before == 0 && after > 0 {
                intervals.push((now, None));
            } else if before > 0 && after == 0 {
                if let Some(last) = intervals.last_mut() {
                    last.1 = Some(now);
                }
            }
        }
    }

    fn join(&mut self, connection: ConnectionId, participant: Participant) {
        let effects = self.host.handle(Event::Joined {
            connection: connection.clone(),
            participant: participant.clone(),
        });
        self.track(&participant, |m| {
            m.joined.push((connection, participant.clone()))
        });
        self.check(&effects, None);
    }

    fn gone(&mut self, connection: &ConnectionId) {
        if let Some(participant) = self.participant(connection).cloned() {
            self.track(&participant, |m| m.joined.retain(|(c, _)| c != connection));
        }
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let leavable: Vec<ConnectionId> = self
            .joined
            .iter()
            .map(|(c, _)| c.clone())
            .filter(|c| c.as_str() != WATCHER)
            .collect();
        match op {
            Op::Join(index) => {
                self.next += 1;
                self.join(ConnectionId::new(format!("k{}", self.next)), who(*index));
            }
            Op::Leave { nth, flush } => {
                if let Some(connection) = leavable.get(nth % leavable.len().max(1)).cloned() {
                    if *flush {
                        let effects = self.host.handle(Event::Alarm);
                        self.check(&effects, None);
                    }
                    let effects = self.host.handle(Event::Left {
                        connection: connection.clone(),
                    });
                    if *flush {
                        // Nothing the leaving socket caused goes to it.
                        self.gone(&connection);
                        self.check(&effects, None);
                    } else {
                        // What was due before it left may still reach it.
                        self.check(&effects, None);
                        self.gone(&connection);
                    }
                }
            }
            Op::Send { from, frame, flush } => {
                let Some(connection) = leavable.get(from % leavable.len().max(1)).cloned() else {
                    return Ok(());
                };
                if *flush {
                    let effects = self.host.handle(Event::Alarm);
                    self.check(&effects, None);
                }
                let parsed = match frame {
                    Frame::Binary => Err(FrameError::NotText),
                    other => ClientFrame::parse(other.text()),
                };
                let effects = self.host.handle(Event::Frame {
                    connection: connection.clone(),
                    frame: parsed,
                });
                let sender = self.participant(&connection).cloned();
                self.check(&effects, Some((&connection, *frame)));
                if let (true, Some(sender)) = (*flush, sender) {
                    self.check_own_effects(&effects, &connection, &sender, *frame)?;
                }
            }
            Op::Wait(millis) => {
                let effects = self.host.wait(Duration::milliseconds(*millis));
                self.check(&effects, None);
            }
            Op::Jump(millis) => self.host.now += Duration::milliseconds(*millis),
            Op::Alarm => {
                let effects = self.host.handle(Event::Alarm);
                self.check(&effects, None);
            }
            Op::Refresh(balance) => {
                let account = Account {
                    balance: *balance,
                    ..self.host.room.account()
                };
                let effects = self.host.handle(Event::Refresh(account));
                self.check(&effects, None);
            }
        }
        // Whatever the room is, it survives hibernation as it is.
        let saved = serde_json::to_string(&self.host.room).unwrap();
        let restored: Room = serde_json::from_str(&saved).unwrap();
        prop_assert_eq!(&restored, &self.host.room);
        Ok(())
    }

    /// A frame sent with no deadline pending: what it alone caused.
    fn check_own_effects(
        &self,
        effects: &[Effect],
        connection: &ConnectionId,
        sender: &Participant,
        frame: Frame,
    ) -> Result<(), TestCaseError> {
        let errors: Vec<ErrorCode> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send {
                    to,
                    frame: Outbound::Error { code, .. },
                } if to == std::slice::from_ref(connection) => Some(*code),
                _ => None,
            })
            .collect();
        let refused = (frame.staff_only() && sender.kind == Kind::Contact)
            || (frame.contacts_only() && sender.kind == Kind::Staff);
        if refused {
            prop_assert!(
                errors == [ErrorCode::Forbidden] || errors == [ErrorCode::RateLimited],
                "{:?} from a {:?}: {:?}",
                frame,
                sender.kind,
                effects
            );
            for effect in effects {
                prop_assert!(
                    matches!(
                        effect,
                        Effect::Send {
                            frame: Outbound::Error { .. } | Outbound::Presence { .. },
                            ..
                        } | Effect::Close { .. }
                    ),
                    "a refused frame did {:?}",
                    effect
                );
            }
        }
        if matches!(frame, Frame::Ring { .. } | Frame::StartChat) && errors.is_empty() {
            // Every ring (or chat session) has its call, rung or unreachable.
            let new_call = effects.iter().any(|e| {
                matches!(
                    e,
                    Effect::Send {
                        frame: Outbound::Ringing { .. }
                            | Outbound::Call {
                                state: CallState::Unreachable | CallState::Connected,
                                ..
                            },
                        ..
                    }
                )
            });
            prop_assert!(new_call, "a ring without a call: {:?}", effects);
        }
        Ok(())
    }

    fn live_call(&self) -> Option<(&String, &CallModel)> {
        self.calls
            .iter()
            .find(|(_, c)| c.connected_at.is_some() && !c.ended)
    }

    /// What every effect must be, in order.
    fn check(&mut self, effects: &[Effect], sent: Option<(&ConnectionId, Frame)>) {
        let now = self.host.now;
        let sender = sent.and_then(|(c, _)| self.participant(c).cloned());
        for effect in effects {
            match effect {
                Effect::Send { to, frame } => {
                    assert!(!to.is_empty());
                    for connection in to {
                        assert!(
                            self.participant(connection).is_some(),
                            "{frame:?} to {connection:?}, who is not here"
                        );
                    }
                    self.check_frame(to, frame, sent, sender.as_ref());
                }
                Effect::RecordAttempt(attempt) => {
                    assert_eq!(attempt.at, attempt.at.min(now));
                    let call = self
                        .calls
                        .entry(attempt.call_id.clone())
                        .or_insert_with(|| CallModel {
                            kind: CallKind::ChatSession,
                            agent: attempt.agent.clone(),
                            contact: None,
                            connected_at: None,
                            outcomes: Vec::new(),
                            attempts: Vec::new(),
                            sessions: 0,
                            ended: false,
                        });
                    assert_eq!(attempt.agent, call.agent);
                    call.attempts.push(attempt.outcome);
                }
                Effect::RecordSession(live) => self.check_session(live, now),
                Effect::KeepMessage(line) => {
                    let (_, frame) = sent.expect("a chat line from a frame");
                    assert_eq!(frame, Frame::Chat);
                    assert_eq!(Some(&line.author), sender.as_ref());
                    assert_eq!(line.at, now);
                }
                Effect::Close { connection, .. } => {
                    assert_eq!(Some(connection), sent.map(|(c, _)| c));
                    self.gone(connection);
                }
                Effect::SetAlarm(_) | Effect::ClearAlarm => {}
            }
        }
    }

    fn check_frame(
        &mut self,
        to: &[ConnectionId],
        frame: &Outbound,
        sent: Option<(&ConnectionId, Frame)>,
        sender: Option<&Participant>,
    ) {
        let now = self.host.now;
        match frame {
            Outbound::Ringing { call_id, .. } => {
                if !self.calls.contains_key(call_id) {
                    // A ring rings only where a contact is.
                    assert!(self.count(ANY_CONTACT) > 0);
                    let agent = sender.cloned().expect("a ring from someone");
                    assert_eq!(agent.kind, Kind::Staff);
                    self.calls.insert(
                        call_id.clone(),
                        CallModel {
                            kind: CallKind::Call,
                            agent,
                            contact: None,
                            connected_at: None,
                            outcomes: Vec::new(),
                            attempts: Vec::new(),
                            sessions: 0,
                            ended: false,
                        },
                    );
                }
                for connection in to {
                    assert!(self.participant(connection).is_some());
                }
            }
            Outbound::Call {
                state,
                call_id,
                kind,
            } => {
                let contacts_here = self.count(ANY_CONTACT);
                let call = self
                    .calls
                    .entry(call_id.clone())
                    .or_insert_with(|| CallModel {
                        kind: *kind,
                        agent: sender.cloned().expect("a new call from someone"),
                        contact: None,
                        connected_at: None,
                        outcomes: Vec::new(),
                        attempts: Vec::new(),
                        sessions: 0,
                        ended: false,
                    });
                assert_eq!(call.kind, *kind);
                match state {
                    CallState::Connected => {
                        call.connected_at = Some(now);
                        if *kind == CallKind::Call {
                            let contact = sender.cloned().expect("accepted by someone");
                            assert_eq!(contact.kind, Kind::Contact);
                            assert_eq!(sent.map(|(_, f)| f), Some(Frame::Accept));
                            call.contact = Some(contact);
                        }
                        call.outcomes.push(*state);
                    }
                    CallState::Unreachable => {
                        // Nobody of the customer's is here to ring.
                        assert_eq!(contacts_here, 0);
                        assert!(call.connected_at.is_none());
                        call.outcomes.push(*state);
                    }
                    CallState::Missed | CallState::Declined | CallState::Cancelled => {
                        assert!(call.connected_at.is_none());
                        call.outcomes.push(*state);
                    }
                    CallState::Ended => {
                        assert!(call.connected_at.is_some() && !call.ended);
                        call.ended = true;
                    }
                    CallState::Interrupted | CallState::Resumed => {
                        assert!(call.connected_at.is_some() && !call.ended);
                    }
                }
            }
            Outbound::Signal(signal) => {
                // Only ever to the other party of the call that is on.
                let (connection, kind) = sent.expect("a signal from someone");
                assert_eq!(kind, Frame::Signal);
                assert_eq!(signal.as_json(), Frame::Signal.text());
                let sender = sender.expect("a signal from someone present");
                let (_, call) = self.live_call().expect("a signal outside a call");
                assert_eq!(call.kind, CallKind::Call);
                let agent = &call.agent.id;
                let contact = &call.contact.as_ref().expect("accepted").id;
                assert_eq!(to.len(), 1);
                let recipient = self.participant(&to[0]).expect("present");
                assert_ne!(&to[0], connection);
                let pair = [sender.id.as_str(), recipient.id.as_str()];
                assert!(
                    pair == [agent.as_str(), contact.as_str()]
                        || pair == [contact.as_str(), agent.as_str()],
                    "a signal from {} to {}",
                    sender.id,
                    recipient.id
                );
            }
            Outbound::Error { .. } => {
                let (connection, _) = sent.expect("an error answers a frame");
                assert_eq!(to, std::slice::from_ref(connection));
            }
            Outbound::Chat { author, .. } => {
                assert_eq!(Some(author), sender.map(Participant::person).as_ref());
                assert_eq!(to.len(), self.joined.len());
            }
            Outbound::Presence { participants, .. } => {
                assert!(participants.len() <= self.joined.len());
            }
            Outbound::Meter { seconds, .. } => assert!(*seconds >= 0),
            Outbound::Session { .. } | Outbound::BalanceWarning { .. } => {}
        }
    }

    fn check_session(&mut self, live: &LiveSession, now: Instant) {
        let grace = self.grace;
        let call = self
            .calls
            .get_mut(&live.call_id)
            .expect("a session of a call");
        call.sessions += 1;
        assert_eq!(call.sessions, 1, "a second session of one call");
        let session = &live.session;
        // It starts at the accept and is measured by the clock.
        assert_eq!(Some(session.started_at), call.connected_at);
        assert!(session.started_at < session.ended_at && session.ended_at <= now);
        assert_eq!(
            live.seconds(),
            (session.ended_at - session.started_at).num_seconds()
        );
        assert_eq!(billing::check_session(session, &[], now), Ok(()));
        assert_eq!(live.agent, call.agent);
        if call.kind == CallKind::ChatSession {
            assert_eq!(live.channel, Channel::Chat);
        } else {
            assert_ne!(live.channel, Channel::Chat);
        }
        // Both parties were present at its start and its end, and neither
        // was away as long as the grace in between: it never counts time
        // after the last moment both were there.
        let parties = [
            call.agent.id.clone(),
            call.contact
                .as_ref()
                .map_or(ANY_CONTACT.to_owned(), |c| c.id.clone()),
        ];
        for party in parties {
            let presence = &self.presence[&party];
            assert!(
                presence.at(session.started_at),
                "{party} absent at the start"
            );
            assert!(presence.at(session.ended_at), "{party} absent at the end");
            for (left, back) in presence.absences() {
                if session.started_at <= left && left < session.ended_at {
                    let back = back.expect("back before the end");
                    assert!(back <= session.ended_at);
                    assert!(back - left < grace, "{party} away {:?}", back - left);
                }
            }
        }
    }

    /// After everything, time passes until every call is over.
    fn settle(&mut self) {
        self.host.now += Duration::seconds(MAX_SESSION_SECONDS + 3600);
        let effects = self.host.handle(Event::Alarm);
        self.check(&effects, None);
        assert!(self.host.room.call().is_none());
        assert_eq!(self.host.room.alarm(), None);
        for (id, call) in &self.calls {
            // Exactly one outcome per ring: connected, missed, declined,
            // unreachable, or withdrawn by the agent.
            assert_eq!(call.outcomes.len(), 1, "{id}: {:?}", call.outcomes);
            let expected: &[Outcome] = match call.outcomes[0] {
                CallState::Connected => &[Outcome::Reached],
                CallState::Missed => &[Outcome::NoAnswer],
                CallState::Declined => &[Outcome::Busy],
                _ => &[],
            };
            assert_eq!(call.attempts, expected, "{id}");
            assert!(call.sessions <= 1);
            assert_eq!(call.ended, call.connected_at.is_some(), "{id}");
        }
    }
}

proptest! {
    #[test]
    fn any_sequence_of_events_keeps_the_rules(
        ops in proptest::collection::vec(op(), 1..120),
        incident_seconds in 0i64..3000,
        balance in -2i64..5,
    ) {
        let account = Account {
            balance,
            incident_seconds,
            coupons_charged: billing::coupons_owed(incident_seconds),
        };
        let mut model = Model::new(account);
        for op in &ops {
            model.apply(op)?;
        }
        model.settle();
    }
}
