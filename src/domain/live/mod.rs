//! Live support: an incident's room, where the desk calls the customer back
//! in the browser and the portal measures the time it bills.
//!
//! The support terms: "In the case of realtime delivery, the call is
//! initiated from Spica. If it fails after 3 attempts, the customer is
//! prompted for further action by email… The overall time is measured and
//! charged for in 15-minute increments, for each started increment."
//!
//! A [`Room`] is the whole state of one incident's room: who is present (a
//! verified [`Participant`] per connection), the call if any, and the socket
//! budgets. Its host (a Durable Object) feeds it [`Event`]s with the time
//! and random bytes, saves it, and carries out the [`Effect`]s it returns,
//! in order: frames to send, the alarm to set, attempts, chat lines and
//! sessions to record, sockets to close. The room never reads a clock, so
//! every deadline (the ring's, the reconnection grace, the meter) is met at
//! its own instant whichever event comes first after it: an alarm that
//! fires late changes nothing but when the frames go out.
//!
//! ```text
//! webSocketMessage(ws, text):
//!     let mut room: Room = storage.get("room")?;
//!     let frame = ClientFrame::parse(&text);            // or Err(FrameError::NotText)
//!     let effects = room.handle(Event::Frame { connection, frame }, now, &mut entropy);
//!     storage.put("room", &room);
//!     for effect in effects { carry out (see Effect) }
//! ```

mod frame;
pub mod ice;
mod rate;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

pub use frame::{
    CallKind, CallPhase, CallState, CallView, ClientFrame, ErrorCode, FrameError, Media, Outbound,
    Person, Signal, MAX_CHAT_CHARS, MAX_FRAME_BYTES,
};
pub use rate::TokenBucket;

use super::billing::{self, Session, MAX_SESSION_SECONDS};
use super::entropy::Entropy;
use super::incident::{Author, Channel, Outcome};
use super::text::Text;
use super::time::Instant;

/// How long a call rings before it is missed (`RING_SECONDS`).
pub const DEFAULT_RING_SECONDS: u32 = 45;
/// How long a party's connection may be gone before the call ends
/// (`RECONNECT_GRACE_SECONDS`).
pub const DEFAULT_RECONNECT_GRACE_SECONDS: u32 = 30;
/// How often the meter ticks during a call.
pub const METER_SECONDS: i64 = 5;
/// How long before an increment the balance cannot pay both sides are warned.
pub const WARNING_SECONDS: i64 = 60;

/// A socket may send this many frames at once (an ICE burst)…
pub const FRAME_BURST: u32 = 60;
/// …and this many a minute after that (10 a second).
pub const FRAMES_PER_MINUTE: u32 = 600;
/// A socket may have this many frames refused as abuse at once…
pub const ABUSE_BURST: u32 = 10;
/// …and this many a minute after that; one more closes it.
pub const ABUSE_PER_MINUTE: u32 = 10;
/// The close code for abuse: policy violation (RFC 6455).
pub const CLOSE_POLICY_VIOLATION: u16 = 1008;

/// The room's settings, from the portal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub ring_seconds: u32,
    pub reconnect_grace_seconds: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ring_seconds: DEFAULT_RING_SECONDS,
            reconnect_grace_seconds: DEFAULT_RECONNECT_GRACE_SECONDS,
        }
    }
}

impl Settings {
    fn ring(&self) -> Duration {
        Duration::seconds(i64::from(self.ring_seconds))
    }

    fn grace(&self) -> Duration {
        Duration::seconds(i64::from(self.reconnect_grace_seconds))
    }
}

/// What the incident has cost so far, as the host read it from D1: the
/// meter and the warning add the call's time to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The organisation's coupon balance (after this incident's charges).
    pub balance: i64,
    /// The seconds of the incident's sessions recorded so far.
    pub incident_seconds: i64,
    /// The coupons charged for them (net of credits back).
    pub coupons_charged: i64,
}

impl Account {
    /// The account once a session of `seconds` is charged, as the host's
    /// write charges it: the whole incident's started increments, less what
    /// was charged before.
    fn after(self, seconds: i64) -> Self {
        let charge = billing::charge_seconds(self.incident_seconds + seconds, self.coupons_charged);
        Self {
            balance: self.balance - charge.due_now,
            incident_seconds: charge.total_seconds,
            coupons_charged: charge.coupons_owed,
        }
    }
}

/// A verified participant's kind: the Worker lets in contacts of the
/// incident's organisation and staff with the agent or admin role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Contact,
    Staff,
}

impl Kind {
    /// Who wrote a chat line, as incident messages record it.
    pub fn author(self) -> Author {
        match self {
            Self::Contact => Author::Customer,
            Self::Staff => Author::Staff,
        }
    }
}

/// Who a connection belongs to, as the Worker verified them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub kind: Kind,
    /// `con_…` or `stf_…` (or the break-glass subject): the same person
    /// joining again is known by it.
    pub id: String,
    /// Shown to the others in the room.
    pub name: String,
    /// Recorded with what they do (`recorded_by`); never shown in the room.
    pub email: String,
    /// The language the room's refusals are told in (the reader's when
    /// they entered; English for one entered before it was kept).
    #[serde(default = "language_code::english", with = "language_code")]
    pub language: Language,
}

/// A participant's language as its code (`sl`, `en`).
mod language_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::language::Language;

    pub fn english() -> Language {
        Language::En
    }

    pub fn serialize<S: Serializer>(language: &Language, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(language.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Language, D::Error> {
        let code = String::deserialize(input)?;
        Ok(Language::parse(&code).unwrap_or(Language::En))
    }
}

impl Participant {
    fn person(&self) -> Person {
        Person {
            kind: self.kind,
            name: self.name.clone(),
        }
    }
}

/// A socket, as the host names it (a hibernatable WebSocket's tag).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConnectionId(String);

impl ConnectionId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What happens to a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A socket was accepted for a verified participant.
    Joined {
        connection: ConnectionId,
        participant: Participant,
    },
    /// A socket closed or failed.
    Left { connection: ConnectionId },
    /// A socket sent a frame, read by [`ClientFrame::parse`] (binary frames:
    /// `Err(FrameError::NotText)`).
    Frame {
        connection: ConnectionId,
        frame: Result<ClientFrame, FrameError>,
    },
    /// The room's alarm fired (late or early: the room goes by `now`).
    Alarm,
    /// The host read the incident's cost again (after a session was
    /// recorded, or a desk change).
    Refresh(Account),
}

/// What the host does for the room, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// One frame to each of these sockets (never an empty list).
    Send {
        to: Vec<ConnectionId>,
        frame: Outbound,
    },
    /// Set the room's one alarm, replacing any other.
    SetAlarm(Instant),
    ClearAlarm,
    /// Keep a chat line as an incident message.
    KeepMessage(ChatLine),
    /// Record a callback attempt, as the desk records one: it counts toward
    /// the three failures and their email.
    RecordAttempt(LiveAttempt),
    /// Record a measured session and charge the incident for it, in one
    /// batch.
    RecordSession(LiveSession),
    /// Close a socket (abuse). The room already counts it as gone.
    Close {
        connection: ConnectionId,
        code: u16,
        reason: &'static str,
    },
}

/// A chat line to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLine {
    pub message_id: String,
    pub author: Participant,
    pub text: Text,
    pub at: Instant,
}

/// A callback attempt the room decided: its id makes recording it again
/// (a host retrying) harmless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveAttempt {
    pub attempt_id: String,
    pub call_id: String,
    pub outcome: Outcome,
    pub channel: Channel,
    pub at: Instant,
    /// The agent who rang (or started the chat session).
    pub agent: Participant,
}

/// A measured session: the incident's `Session` with how and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    pub call_id: String,
    /// Its id is the `session_id` both parties were sent.
    pub session: Session,
    pub channel: Channel,
    /// The agent: `agent` is their name, `recorded_by` their email.
    pub agent: Participant,
}

impl LiveSession {
    pub fn seconds(&self) -> i64 {
        self.session.seconds()
    }
}

/// An incident's room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    settings: Settings,
    account: Account,
    /// In the order they joined.
    connections: Vec<Connection>,
    call: Option<Call>,
    /// The alarm last asked of the host.
    alarm: Option<Instant>,
    /// The latest instant seen: time never runs backwards in the room.
    clock: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Connection {
    id: ConnectionId,
    participant: Participant,
    frames: TokenBucket,
    abuse: TokenBucket,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Call {
    id: String,
    kind: CallKind,
    agent: Participant,
    /// What the ring asked for, and what the parties said they sent.
    media: Media,
    phase: Phase,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Phase {
    Ringing {
        since: Instant,
        /// The agent's socket that rang.
        by: ConnectionId,
    },
    Live(Live),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Live {
    /// The accept (a chat session: its start): the session starts here.
    started_at: Instant,
    agent: Side,
    /// The contact who accepted; for a chat session, any contact.
    contact: Side,
    /// When both parties stopped being present, while they are apart: the
    /// session ends there if the grace runs out.
    apart_since: Option<Instant>,
    next_meter_at: Instant,
    /// The last increment both sides were warned of.
    warned_increment: i64,
}

/// One side of a live call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Side {
    /// The participant, or none: any contact (a chat session's customer
    /// side).
    principal: Option<String>,
    /// Their socket in the call, while present (a bound side).
    connection: Option<ConnectionId>,
    /// Since when they are gone.
    gone_since: Option<Instant>,
}

impl Side {
    fn bound(principal: &str, connection: &ConnectionId) -> Self {
        Self {
            principal: Some(principal.to_owned()),
            connection: Some(connection.clone()),
            gone_since: None,
        }
    }

    fn any_contact() -> Self {
        Self {
            principal: None,
            connection: None,
            gone_since: None,
        }
    }

    fn present(&self) -> bool {
        self.gone_since.is_none()
    }
}

/// A deadline of the call, met at its own instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Deadline {
    RingTimeout,
    Grace,
    LongestSession,
}

/// The effects of one event, as they are decided.
#[derive(Default)]
struct Out(Vec<Effect>);

impl Out {
    fn send(&mut self, to: Vec<ConnectionId>, frame: Outbound) {
        if !to.is_empty() {
            self.0.push(Effect::Send { to, frame });
        }
    }

    fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }
}

impl Room {
    pub fn new(settings: Settings, account: Account) -> Self {
        Self {
            settings,
            account,
            connections: Vec::new(),
            call: None,
            alarm: None,
            clock: None,
        }
    }

    /// Applies the portal's current settings (the host does on waking): a
    /// ring or a grace under way keeps its start and takes the new length.
    pub fn configure(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// The sockets the room counts as present: on waking, the host ends
    /// (`Event::Left`) those it no longer has.
    pub fn connections(&self) -> impl Iterator<Item = &ConnectionId> {
        self.connections.iter().map(|c| &c.id)
    }

    /// The alarm the room last asked for.
    pub fn alarm(&self) -> Option<Instant> {
        self.alarm
    }

    pub fn account(&self) -> Account {
        self.account
    }

    /// The call's id, and where it is, if there is a call.
    pub fn call(&self) -> Option<CallView> {
        self.call.as_ref().map(|call| CallView {
            call_id: call.id.clone(),
            kind: call.kind,
            state: match &call.phase {
                Phase::Ringing { .. } => CallPhase::Ringing,
                Phase::Live(live) if live.apart_since.is_some() => CallPhase::Interrupted,
                Phase::Live(_) => CallPhase::Connected,
            },
        })
    }

    /// Handles one event at `now`; ids come from `entropy`.
    pub fn handle(&mut self, event: Event, now: Instant, entropy: &mut Entropy) -> Vec<Effect> {
        let now = self.clock.map_or(now, |clock| clock.max(now));
        self.clock = Some(now);
        let mut out = Out::default();
        self.advance(now, entropy, &mut out);
        match event {
            Event::Joined {
                connection,
                participant,
            } => self.joined(connection, participant, now, &mut out),
            Event::Left { connection } => self.left(&connection, now, &mut out),
            Event::Frame { connection, frame } => {
                self.frame(&connection, frame, now, entropy, &mut out);
            }
            Event::Alarm => {}
            Event::Refresh(account) => self.account = account,
        }
        self.advance(now, entropy, &mut out);
        self.schedule(now, &mut out);
        out.0
    }

    // --- Who is here --------------------------------------------------

    fn participant(&self, connection: &ConnectionId) -> Option<&Participant> {
        self.connections
            .iter()
            .find(|c| &c.id == connection)
            .map(|c| &c.participant)
    }

    fn everyone(&self) -> Vec<ConnectionId> {
        self.connections.iter().map(|c| c.id.clone()).collect()
    }

    fn contacts(&self) -> Vec<ConnectionId> {
        self.connections
            .iter()
            .filter(|c| c.participant.kind == Kind::Contact)
            .map(|c| c.id.clone())
            .collect()
    }

    /// The newest socket of a participant, other than `except`.
    fn newest_of(&self, principal: &str, except: &ConnectionId) -> Option<ConnectionId> {
        self.connections
            .iter()
            .rev()
            .find(|c| c.participant.id == principal && &c.id != except)
            .map(|c| c.id.clone())
    }

    /// The sockets of a live call's parties that are present: the agent's
    /// and the contact's (a chat session: every contact's).
    fn parties(&self, live: &Live) -> Vec<ConnectionId> {
        let mut to: Vec<ConnectionId> = live.agent.connection.iter().cloned().collect();
        match &live.contact.principal {
            Some(_) => to.extend(live.contact.connection.iter().cloned()),
            None => to.extend(self.contacts()),
        }
        to
    }

    fn presence(&self, out: &mut Out) {
        let mut seen: Vec<&str> = Vec::new();
        let mut participants = Vec::new();
        for connection in &self.connections {
            if !seen.contains(&connection.participant.id.as_str()) {
                seen.push(&connection.participant.id);
                participants.push(connection.participant.person());
            }
        }
        out.send(
            self.everyone(),
            Outbound::Presence {
                participants,
                call: self.call(),
            },
        );
    }

    fn joined(
        &mut self,
        connection: ConnectionId,
        participant: Participant,
        now: Instant,
        out: &mut Out,
    ) {
        if self.participant(&connection).is_some() {
            return;
        }
        let is_contact = participant.kind == Kind::Contact;
        let principal = participant.id.clone();
        self.connections.push(Connection {
            id: connection.clone(),
            participant,
            frames: TokenBucket::full(FRAME_BURST, FRAMES_PER_MINUTE, now),
            abuse: TokenBucket::full(ABUSE_BURST, ABUSE_PER_MINUTE, now),
        });
        self.presence(out);
        let Some(call) = &mut self.call else {
            return;
        };
        match &mut call.phase {
            Phase::Ringing { .. } => {
                if is_contact {
                    let frame = Outbound::Ringing {
                        call_id: call.id.clone(),
                        media: call.media,
                    };
                    out.send(vec![connection], frame);
                }
            }
            Phase::Live(live) => {
                let was_together = live.apart_since.is_none();
                let mut rebound = false;
                for side in [&mut live.agent, &mut live.contact] {
                    let returns = match &side.principal {
                        Some(p) => side.gone_since.is_some() && *p == principal,
                        None => is_contact,
                    };
                    if returns {
                        if side.principal.is_some() {
                            side.connection = Some(connection.clone());
                            rebound = true;
                        }
                        side.gone_since = None;
                    }
                }
                let together = live.agent.present() && live.contact.present();
                if together {
                    live.apart_since = None;
                }
                if together && (rebound || !was_together) {
                    let (id, kind) = (call.id.clone(), call.kind);
                    let live = live.clone();
                    self.call_frame(&live, CallState::Resumed, &id, kind, out);
                }
            }
        }
    }

    fn left(&mut self, connection: &ConnectionId, now: Instant, out: &mut Out) {
        let Some(index) = self.connections.iter().position(|c| &c.id == connection) else {
            return;
        };
        let gone = self.connections.remove(index);
        let still_contacts = !self.contacts().is_empty();
        if let Some(mut call) = self.call.take() {
            match &mut call.phase {
                Phase::Ringing { by, .. } if by == connection => {
                    match self.newest_of(&call.agent.id, connection) {
                        Some(other) => *by = other,
                        None => {
                            let frame = Outbound::Call {
                                state: CallState::Cancelled,
                                call_id: call.id.clone(),
                                kind: call.kind,
                            };
                            out.send(self.everyone(), frame);
                            self.presence(out);
                            return;
                        }
                    }
                }
                Phase::Ringing { .. } => {}
                Phase::Live(live) => {
                    let was_together = live.apart_since.is_none();
                    let mut rebound = false;
                    for side in [&mut live.agent, &mut live.contact] {
                        match &side.principal {
                            Some(principal) if side.connection.as_ref() == Some(connection) => {
                                side.connection = self.newest_of(principal, connection);
                                if side.connection.is_some() {
                                    rebound = true;
                                } else {
                                    side.gone_since = Some(now);
                                }
                            }
                            None if gone.participant.kind == Kind::Contact && !still_contacts => {
                                side.gone_since = Some(now);
                            }
                            _ => {}
                        }
                    }
                    let together = live.agent.present() && live.contact.present();
                    let live = live.clone();
                    if was_together && !together {
                        if let Phase::Live(l) = &mut call.phase {
                            l.apart_since = Some(now);
                        }
                        self.call_frame(&live, CallState::Interrupted, &call.id, call.kind, out);
                    } else if rebound && together {
                        self.call_frame(&live, CallState::Resumed, &call.id, call.kind, out);
                    }
                }
            }
            self.call = Some(call);
        }
        self.presence(out);
    }

    fn call_frame(
        &self,
        live: &Live,
        state: CallState,
        call_id: &str,
        kind: CallKind,
        out: &mut Out,
    ) {
        let frame = Outbound::Call {
            state,
            call_id: call_id.to_owned(),
            kind,
        };
        out.send(self.parties(live), frame);
    }

    // --- Frames ---------------------------------------------------------

    fn frame(
        &mut self,
        connection: &ConnectionId,
        frame: Result<ClientFrame, FrameError>,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) {
        let Some(sender) = self.connections.iter_mut().find(|c| &c.id == connection) else {
            return;
        };
        if !sender.frames.take(now) {
            self.refuse(connection, ErrorCode::RateLimited, now, out);
            return;
        }
        let who = sender.participant.clone();
        let result = match frame {
            Err(error) => Err(error.code()),
            Ok(frame) => self.act(connection, &who, frame, now, entropy, out),
        };
        if let Err(code) = result {
            self.refuse(connection, code, now, out);
        }
    }

    /// Answers a refused frame; abuse beyond the socket's budget closes it.
    fn refuse(&mut self, connection: &ConnectionId, code: ErrorCode, now: Instant, out: &mut Out) {
        let lang = self
            .connections
            .iter()
            .find(|c| &c.id == connection)
            .map_or(Language::En, |c| c.participant.language);
        out.send(vec![connection.clone()], Outbound::error(code, lang));
        if !code.is_abuse() {
            return;
        }
        let Some(sender) = self.connections.iter_mut().find(|c| &c.id == connection) else {
            return;
        };
        if !sender.abuse.take(now) {
            out.push(Effect::Close {
                connection: connection.clone(),
                code: CLOSE_POLICY_VIOLATION,
                reason: "too many refused frames",
            });
            self.left(connection, now, out);
        }
    }

    fn act(
        &mut self,
        connection: &ConnectionId,
        who: &Participant,
        frame: ClientFrame,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        let staff = who.kind == Kind::Staff;
        match frame {
            ClientFrame::Chat { text } => {
                self.chat(who, text, now, entropy, out);
                Ok(())
            }
            ClientFrame::Ring { .. }
            | ClientFrame::StartChatSession
            | ClientFrame::EndChatSession
                if !staff =>
            {
                Err(ErrorCode::Forbidden)
            }
            ClientFrame::Accept | ClientFrame::Decline if staff => Err(ErrorCode::Forbidden),
            ClientFrame::Ring { media } => self.ring(connection, who, media, now, entropy, out),
            ClientFrame::StartChatSession => self.start_chat(connection, who, now, entropy, out),
            ClientFrame::Accept => self.accept(connection, who, now, entropy, out),
            ClientFrame::Decline => self.decline(now, entropy, out),
            ClientFrame::Hangup => self.hangup(connection, who, CallKind::Call, now, entropy, out),
            ClientFrame::EndChatSession => {
                self.hangup(connection, who, CallKind::ChatSession, now, entropy, out)
            }
            ClientFrame::Signal(signal) => self.relay(connection, signal, out),
            ClientFrame::Media { media } => {
                let call = self.call.as_mut().ok_or(ErrorCode::NotInCall)?;
                match &call.phase {
                    Phase::Live(live)
                        if call.kind == CallKind::Call && is_bound(live, connection) =>
                    {
                        call.media = call.media.union(media);
                        Ok(())
                    }
                    _ => Err(ErrorCode::NotInCall),
                }
            }
        }
    }

    fn chat(
        &mut self,
        who: &Participant,
        text: Text,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) {
        let message_id = entropy.id("imsg");
        let frame = Outbound::Chat {
            message_id: message_id.clone(),
            author: who.person(),
            text: text.as_str().to_owned(),
            at: now,
        };
        out.push(Effect::KeepMessage(ChatLine {
            message_id,
            author: who.clone(),
            text,
            at: now,
        }));
        out.send(self.everyone(), frame);
    }

    fn ring(
        &mut self,
        connection: &ConnectionId,
        agent: &Participant,
        media: Media,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        if self.call.is_some() {
            return Err(ErrorCode::Busy);
        }
        let call_id = entropy.id("cal");
        let contacts = self.contacts();
        if contacts.is_empty() {
            let frame = Outbound::Call {
                state: CallState::Unreachable,
                call_id,
                kind: CallKind::Call,
            };
            out.send(vec![connection.clone()], frame);
            return Ok(());
        }
        let frame = Outbound::Ringing {
            call_id: call_id.clone(),
            media,
        };
        let mut to = contacts;
        to.push(connection.clone());
        out.send(to, frame);
        self.call = Some(Call {
            id: call_id,
            kind: CallKind::Call,
            agent: agent.clone(),
            media,
            phase: Phase::Ringing {
                since: now,
                by: connection.clone(),
            },
        });
        Ok(())
    }

    fn start_chat(
        &mut self,
        connection: &ConnectionId,
        agent: &Participant,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        if self.call.is_some() {
            return Err(ErrorCode::Busy);
        }
        let call_id = entropy.id("cal");
        if self.contacts().is_empty() {
            let frame = Outbound::Call {
                state: CallState::Unreachable,
                call_id,
                kind: CallKind::ChatSession,
            };
            out.send(vec![connection.clone()], frame);
            return Ok(());
        }
        let call = Call {
            id: call_id,
            kind: CallKind::ChatSession,
            agent: agent.clone(),
            media: Media::VOICE,
            phase: Phase::Live(Live::new(
                now,
                Side::bound(&agent.id, connection),
                Side::any_contact(),
            )),
        };
        self.connect(call, now, entropy, out);
        Ok(())
    }

    fn accept(
        &mut self,
        connection: &ConnectionId,
        contact: &Participant,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        let Some(Call {
            phase: Phase::Ringing { by, .. },
            agent,
            ..
        }) = &self.call
        else {
            return Err(ErrorCode::NotRinging);
        };
        let live = Live::new(
            now,
            Side::bound(&agent.id, by),
            Side::bound(&contact.id, connection),
        );
        let mut call = self.call.take().ok_or(ErrorCode::NotRinging)?;
        call.phase = Phase::Live(live);
        self.connect(call, now, entropy, out);
        Ok(())
    }

    /// A call is answered (a chat session started): the customer was
    /// reached, and the session starts now.
    fn connect(&mut self, call: Call, now: Instant, entropy: &mut Entropy, out: &mut Out) {
        out.push(Effect::RecordAttempt(LiveAttempt {
            attempt_id: entropy.id("att"),
            call_id: call.id.clone(),
            outcome: Outcome::Reached,
            channel: channel(&call),
            at: now,
            agent: call.agent.clone(),
        }));
        let frame = Outbound::Call {
            state: CallState::Connected,
            call_id: call.id.clone(),
            kind: call.kind,
        };
        self.call = Some(call);
        out.send(self.everyone(), frame);
    }

    fn decline(
        &mut self,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        match &self.call {
            Some(Call {
                phase: Phase::Ringing { .. },
                ..
            }) => {
                self.unanswered(Outcome::Busy, CallState::Declined, now, entropy, out);
                Ok(())
            }
            _ => Err(ErrorCode::NotRinging),
        }
    }

    /// A ring that was not answered: a failed attempt, told to everyone.
    fn unanswered(
        &mut self,
        outcome: Outcome,
        state: CallState,
        at: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) {
        let Some(call) = self.call.take() else {
            return;
        };
        out.push(Effect::RecordAttempt(LiveAttempt {
            attempt_id: entropy.id("att"),
            call_id: call.id.clone(),
            outcome,
            channel: channel(&call),
            at,
            agent: call.agent.clone(),
        }));
        let frame = Outbound::Call {
            state,
            call_id: call.id,
            kind: call.kind,
        };
        out.send(self.everyone(), frame);
    }

    /// `hangup` (a call) or `end_chat_session`: by a socket of either party,
    /// or the agent withdrawing a ring. A chat session is ended by its agent.
    fn hangup(
        &mut self,
        connection: &ConnectionId,
        who: &Participant,
        kind: CallKind,
        now: Instant,
        entropy: &mut Entropy,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        let call = self.call.as_ref().ok_or(ErrorCode::NotInCall)?;
        if call.kind != kind {
            return Err(ErrorCode::NotInCall);
        }
        match &call.phase {
            Phase::Ringing { by, .. } if by == connection || who.id == call.agent.id => {
                let frame = Outbound::Call {
                    state: CallState::Cancelled,
                    call_id: call.id.clone(),
                    kind: call.kind,
                };
                self.call = None;
                out.send(self.everyone(), frame);
                Ok(())
            }
            Phase::Live(live) => {
                let party = who.id == call.agent.id
                    || (kind == CallKind::Call
                        && live.contact.principal.as_deref() == Some(who.id.as_str()));
                if !party {
                    return Err(ErrorCode::NotInCall);
                }
                let ended_at = live.apart_since.unwrap_or(now);
                self.finish(ended_at, entropy, out);
                Ok(())
            }
            Phase::Ringing { .. } => Err(ErrorCode::NotInCall),
        }
    }

    fn relay(
        &mut self,
        connection: &ConnectionId,
        signal: Signal,
        out: &mut Out,
    ) -> Result<(), ErrorCode> {
        let Some(Call {
            kind: CallKind::Call,
            phase: Phase::Live(live),
            ..
        }) = &self.call
        else {
            return Err(ErrorCode::NotInCall);
        };
        let other = if live.agent.connection.as_ref() == Some(connection) {
            &live.contact
        } else if live.contact.connection.as_ref() == Some(connection) {
            &live.agent
        } else {
            return Err(ErrorCode::NotInCall);
        };
        let to = other.connection.clone().ok_or(ErrorCode::PeerAway)?;
        out.send(vec![to], Outbound::Signal(signal));
        Ok(())
    }

    // --- Time -------------------------------------------------------------

    /// The call's next deadline.
    fn deadline(&self) -> Option<(Instant, Deadline)> {
        let call = self.call.as_ref()?;
        match &call.phase {
            Phase::Ringing { since, .. } => {
                Some((*since + self.settings.ring(), Deadline::RingTimeout))
            }
            Phase::Live(live) => {
                let longest = (
                    live.started_at + Duration::seconds(MAX_SESSION_SECONDS),
                    Deadline::LongestSession,
                );
                let grace = [live.agent.gone_since, live.contact.gone_since]
                    .into_iter()
                    .flatten()
                    .min()
                    .map(|gone| (gone + self.settings.grace(), Deadline::Grace));
                Some(grace.map_or(longest, |g| g.min(longest)))
            }
        }
    }

    /// Meets every deadline up to `now` at its own instant, then the meter
    /// and the warning.
    fn advance(&mut self, now: Instant, entropy: &mut Entropy, out: &mut Out) {
        while let Some((due, deadline)) = self.deadline().filter(|(due, _)| *due <= now) {
            match deadline {
                Deadline::RingTimeout => {
                    self.unanswered(Outcome::NoAnswer, CallState::Missed, due, entropy, out);
                }
                Deadline::Grace | Deadline::LongestSession => {
                    let apart = match &self.call {
                        Some(Call {
                            phase: Phase::Live(live),
                            ..
                        }) => live.apart_since,
                        _ => None,
                    };
                    self.finish(apart.unwrap_or(due).min(due), entropy, out);
                }
            }
        }
        let Some(Call {
            id,
            phase: Phase::Live(live),
            ..
        }) = &self.call
        else {
            return;
        };
        let (id, mut live) = (id.clone(), live.clone());
        let parties = self.parties(&live);
        if live.next_meter_at <= now {
            let seconds = whole_seconds(now - live.started_at);
            let frame = Outbound::Meter {
                call_id: id.clone(),
                seconds,
                coupons: billing::coupons_owed(self.account.incident_seconds + seconds),
            };
            out.send(parties.clone(), frame);
            let ticks = seconds / METER_SECONDS + 1;
            live.next_meter_at = live.started_at + Duration::seconds(ticks * METER_SECONDS);
        }
        if let Some((at, increment, balance_after)) = self.warning(&live) {
            if at <= now {
                let frame = Outbound::BalanceWarning {
                    call_id: id,
                    seconds: whole_seconds(at + Duration::seconds(WARNING_SECONDS) - now).max(0),
                    balance_after,
                };
                out.send(parties, frame);
                live.warned_increment = increment;
            }
        }
        if let Some(Call {
            phase: Phase::Live(current),
            ..
        }) = &mut self.call
        {
            *current = live;
        }
    }

    /// When to warn of the next increment, if the balance cannot pay it and
    /// it has not been warned of: (when, which increment, the balance then).
    fn warning(&self, live: &Live) -> Option<(Instant, i64, i64)> {
        let account = self.account;
        let elapsed = whole_seconds(self.clock? - live.started_at);
        let starts_at_total = billing::next_increment_at(account.incident_seconds + elapsed);
        let next = billing::charge_seconds(starts_at_total, account.coupons_charged);
        let balance_after = account.balance - next.due_now;
        if balance_after >= 0 || next.coupons_owed <= live.warned_increment {
            return None;
        }
        let starts =
            live.started_at + Duration::seconds(starts_at_total - account.incident_seconds);
        Some((
            starts - Duration::seconds(WARNING_SECONDS),
            next.coupons_owed,
            balance_after,
        ))
    }

    /// Ends the live call at `ended_at`: its session recorded (if it lasted
    /// at all), told to everyone, its figures to both parties.
    fn finish(&mut self, ended_at: Instant, entropy: &mut Entropy, out: &mut Out) {
        let Some(call) = self
            .call
            .take_if(|call| matches!(call.phase, Phase::Live(_)))
        else {
            return;
        };
        let Phase::Live(live) = &call.phase else {
            return;
        };
        let ended_at = ended_at.max(live.started_at);
        let session = Session {
            id: entropy.id("ses"),
            started_at: live.started_at,
            ended_at,
        };
        let seconds = session.seconds();
        let recorded = ended_at > live.started_at;
        let session_id = recorded.then(|| session.id.clone());
        if recorded {
            out.push(Effect::RecordSession(LiveSession {
                call_id: call.id.clone(),
                session,
                channel: channel(&call),
                agent: call.agent.clone(),
            }));
            self.account = self.account.after(seconds);
        }
        let frame = Outbound::Call {
            state: CallState::Ended,
            call_id: call.id.clone(),
            kind: call.kind,
        };
        out.send(self.everyone(), frame);
        let frame = Outbound::Session {
            call_id: call.id.clone(),
            session_id,
            seconds,
            coupons_charged: billing::coupons_owed(self.account.incident_seconds),
        };
        out.send(self.parties(live), frame);
    }

    /// Asks the host for the next alarm the room needs, if it changed.
    fn schedule(&mut self, now: Instant, out: &mut Out) {
        let mut next = self.deadline().map(|(due, _)| due);
        if let Some(Call {
            phase: Phase::Live(live),
            ..
        }) = &self.call
        {
            let warn = self.warning(live).map(|(at, ..)| at.max(now));
            next = [next, Some(live.next_meter_at), warn]
                .into_iter()
                .flatten()
                .min();
        }
        if next != self.alarm {
            self.alarm = next;
            out.push(next.map_or(Effect::ClearAlarm, Effect::SetAlarm));
        }
    }
}

impl Live {
    fn new(now: Instant, agent: Side, contact: Side) -> Self {
        Self {
            started_at: now,
            agent,
            contact,
            apart_since: None,
            next_meter_at: now + Duration::seconds(METER_SECONDS),
            warned_increment: 0,
        }
    }
}

/// Whether a socket is a bound party of a live call.
fn is_bound(live: &Live, connection: &ConnectionId) -> bool {
    live.agent.connection.as_ref() == Some(connection)
        || live.contact.connection.as_ref() == Some(connection)
}

/// The channel a call is recorded with: chat for a chat session; a call in
/// which the customer shared their screen is `remote_desktop` (the agent saw
/// their desktop), one with video `video`, else `voice`.
fn channel(call: &Call) -> Channel {
    match call.kind {
        CallKind::ChatSession => Channel::Chat,
        CallKind::Call if call.media.screen => Channel::RemoteDesktop,
        CallKind::Call if call.media.video => Channel::Video,
        CallKind::Call => Channel::Voice,
    }
}

/// Whole seconds, as sessions count them.
fn whole_seconds(duration: Duration) -> i64 {
    duration.num_seconds()
}
