//! Live support's Durable Object: one per incident (named by its id), the
//! host of its room ([`crate::domain::live::Room`]). The front Worker
//! admits a participant (`api::live::enter_room`) and opens the WebSocket
//! here with the verified participant in a header of its own: the object
//! has no route, so nothing reaches it but that binding.
//!
//! Sockets are hibernatable (the WebSocket Hibernation API): an idle room
//! holds no memory, so the room is read from the object's storage at each
//! event and written back before any of its effects is carried out. Each
//! socket is tagged with its connection id, which the room knows it by.
//! Effects are carried out in order: frames sent, the alarm set or cleared,
//! chat lines, attempts and sessions written to D1 through the app's use
//! cases (their jobs onto the queue), abusive sockets closed. A session
//! recorded refreshes the room with the incident's cost as D1 has it.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use worker::worker_sys::web_sys;
use worker::{
    console_error, durable_object, DurableObject, Env, Request, Response, ScheduledTime, State,
    WebSocket, WebSocketIncomingMessage, WebSocketPair,
};

use super::{config, d1::D1, now, queue, seed};
use crate::app::live::RoomEntry;
use crate::app::App;
use crate::domain::entropy::Entropy;
use crate::domain::live::{
    Account, ClientFrame, ConnectionId, Effect, Event, FrameError, Participant, Room,
};
use crate::domain::time::Instant;

/// The room's Durable Object binding in `wrangler.toml`.
pub const BINDING: &str = "LIVE_ROOMS";
/// The header in which the Worker hands the object the admitted participant.
const ENTRY_HEADER: &str = "x-spica-live-entry";
const ROOM_KEY: &str = "room";
const INCIDENT_KEY: &str = "incident";

/// Opens the admitted participant's WebSocket into the incident's room: the
/// object's answer (101 with the socket) is the caller's.
pub async fn enter(env: &Env, entry: &RoomEntry) -> worker::Result<Response> {
    let entry_json = serde_json::to_string(entry)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new()?;
    headers.set("upgrade", "websocket")?;
    headers.set(ENTRY_HEADER, &entry_json)?;
    init.set_headers(&headers);
    let request: Request =
        web_sys::Request::new_with_str_and_init("https://live-room.internal/", &init)?.into();
    let stub = env
        .durable_object(BINDING)?
        .id_from_name(&entry.incident_id)?
        .get_stub()?;
    stub.fetch_with_request(request).await
}

/// What a socket carries through hibernation: who it is, as admitted.
#[derive(Serialize, Deserialize)]
struct Attachment {
    connection: String,
    participant: Participant,
}

#[durable_object]
pub struct LiveRoom {
    state: State,
    env: Env,
}

impl DurableObject for LiveRoom {
    fn new(state: State, env: Env) -> Self {
        Self { state, env }
    }

    async fn fetch(&self, request: Request) -> worker::Result<Response> {
        let entry = request
            .headers()
            .get(ENTRY_HEADER)?
            .and_then(|text| serde_json::from_str::<RoomEntry>(&text).ok());
        let Some(entry) = entry else {
            return Response::error("Not found", 404);
        };
        let pair = WebSocketPair::new()?;
        let connection = ConnectionId::new(Entropy::new(seed()?).id("con"));
        self.state
            .accept_websocket_with_tags(&pair.server, &[connection.as_str()]);
        pair.server.serialize_attachment(Attachment {
            connection: connection.as_str().to_owned(),
            participant: entry.participant.clone(),
        })?;
        self.state
            .storage()
            .put_raw(INCIDENT_KEY, JsValue::from_str(&entry.incident_id))
            .await?;
        self.run(vec![
            Event::Refresh(entry.account),
            Event::Joined {
                connection,
                participant: entry.participant,
            },
        ])
        .await?;
        Response::from_websocket(pair.client)
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        message: WebSocketIncomingMessage,
    ) -> worker::Result<()> {
        let Some(connection) = self.connection_of(&ws) else {
            return Ok(());
        };
        let frame = match message {
            WebSocketIncomingMessage::String(text) => ClientFrame::parse(&text),
            WebSocketIncomingMessage::Binary(_) => Err(FrameError::NotText),
        };
        self.run(vec![Event::Frame { connection, frame }]).await
    }

    async fn websocket_close(
        &self,
        ws: WebSocket,
        _code: usize,
        _reason: String,
        _was_clean: bool,
    ) -> worker::Result<()> {
        // Completes the closing handshake (a runtime that replies by itself
        // refuses this: nothing is lost).
        let _ = ws.close(Some(1000), Some("closed"));
        self.left(&ws).await
    }

    async fn websocket_error(&self, ws: WebSocket, _error: worker::Error) -> worker::Result<()> {
        self.left(&ws).await
    }

    async fn alarm(&self) -> worker::Result<Response> {
        self.run(vec![Event::Alarm]).await?;
        Response::empty()
    }
}

impl LiveRoom {
    fn connection_of(&self, ws: &WebSocket) -> Option<ConnectionId> {
        self.state
            .get_tags(ws)
            .into_iter()
            .next()
            .map(ConnectionId::new)
    }

    async fn left(&self, ws: &WebSocket) -> worker::Result<()> {
        match self.connection_of(ws) {
            Some(connection) => self.run(vec![Event::Left { connection }]).await,
            None => Ok(()),
        }
    }

    /// Feeds the room these events (after the sockets it counts but the
    /// object no longer has, gone while it hibernated), saves it, and
    /// carries out its effects; a session recorded feeds it the incident's
    /// new cost in turn.
    async fn run(&self, mut events: Vec<Event>) -> worker::Result<()> {
        let storage = self.state.storage();
        let incident_id = storage
            .get::<String>(INCIDENT_KEY)
            .await?
            .unwrap_or_default();
        let settings = config::live(&self.env).room;
        loop {
            let mut room = match storage.get::<String>(ROOM_KEY).await? {
                Some(text) => serde_json::from_str::<Room>(&text)
                    .unwrap_or_else(|_| Room::new(settings, Account::default())),
                None => Room::new(settings, Account::default()),
            };
            room.configure(settings);
            let present: Vec<String> = self
                .state
                .get_websockets()
                .iter()
                .flat_map(|ws| self.state.get_tags(ws))
                .collect();
            let gone: Vec<ConnectionId> = room
                .connections()
                .filter(|c| !present.iter().any(|p| p == c.as_str()))
                .cloned()
                .collect();
            let now = now();
            let mut entropy = Entropy::new(seed()?);
            let mut effects = Vec::new();
            for connection in gone {
                effects.extend(room.handle(Event::Left { connection }, now, &mut entropy));
            }
            for event in events {
                effects.extend(room.handle(event, now, &mut entropy));
            }
            storage
                .put_raw(ROOM_KEY, JsValue::from_str(&serde_json::to_string(&room)?))
                .await?;
            match self
                .carry_out(&incident_id, effects, now, &mut entropy)
                .await?
            {
                Some(account) => events = vec![Event::Refresh(account)],
                None => return Ok(()),
            }
        }
    }

    /// Carries out the room's effects in order; the incident's cost after a
    /// session recorded, if one was. A write that fails is logged: the room
    /// has moved on, and a replay of it would change nothing.
    async fn carry_out(
        &self,
        incident_id: &str,
        effects: Vec<Effect>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> worker::Result<Option<Account>> {
        let storage = self.state.storage();
        let mut refreshed = None;
        let mut app: Option<App<D1>> = None;
        for effect in effects {
            match effect {
                Effect::Send { to, frame } => {
                    let text = frame.to_json();
                    for connection in &to {
                        for ws in self.state.get_websockets_with_tag(connection.as_str()) {
                            // A socket closing meanwhile: its close event follows.
                            let _ = ws.send_with_str(&text);
                        }
                    }
                }
                Effect::SetAlarm(at) => {
                    let millis = at.timestamp_millis() as f64;
                    let date = js_sys::Date::new(&JsValue::from_f64(millis));
                    storage.set_alarm(ScheduledTime::new(date)).await?;
                }
                Effect::ClearAlarm => storage.delete_alarm().await?,
                Effect::Close {
                    connection,
                    code,
                    reason,
                } => {
                    for ws in self.state.get_websockets_with_tag(connection.as_str()) {
                        let _ = ws.close(Some(code), Some(reason));
                    }
                }
                Effect::KeepMessage(line) => {
                    let app = self.app(&mut app)?;
                    if let Err(error) = app.keep_live_message(incident_id, &line).await {
                        console_error!("live room: chat line not kept: {error}");
                    }
                }
                Effect::RecordAttempt(attempt) => {
                    let app = self.app(&mut app)?;
                    match app.record_live_attempt(incident_id, &attempt).await {
                        Ok(jobs) => queue::enqueue(&self.env, &jobs).await,
                        Err(error) => console_error!("live room: attempt not recorded: {error}"),
                    }
                }
                Effect::RecordSession(session) => {
                    let app = self.app(&mut app)?;
                    match app
                        .record_live_session(incident_id, &session, now, entropy)
                        .await
                    {
                        Ok((account, jobs)) => {
                            queue::enqueue(&self.env, &jobs).await;
                            refreshed = Some(account);
                        }
                        Err(error) => console_error!("live room: session not recorded: {error}"),
                    }
                }
            }
        }
        Ok(refreshed)
    }

    fn app<'a>(&self, app: &'a mut Option<App<D1>>) -> worker::Result<&'a App<D1>> {
        if app.is_none() {
            *app = Some(config::app(&self.env)?);
        }
        app.as_ref()
            .ok_or_else(|| worker::Error::RustError("no app".into()))
    }
}
