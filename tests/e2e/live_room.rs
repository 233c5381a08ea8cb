//! Live support against the running Worker: WebSocket clients as the desk
//! (the break-glass token) and as the customer (their access token) in an
//! incident's room, its Durable Object under `wrangler dev`. scripts/e2e.sh
//! shortens the ring to 3 s and points Realtime's TURN at the stand-in.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::client::IntoClientRequest;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::helpers::{TestApp, Transport};
use crate::http::{setting, spawn_app, Http};

/// One side of the room: a WebSocket client that reads JSON frames.
struct Peer {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
}

fn ws_url(path: &str) -> String {
    let base = setting("PORTAL_BASE_URL");
    format!("ws{}{path}", base.trim_start_matches("http"))
}

/// Opens the room of `incident_id` with these headers, or answers the
/// status the handshake was refused with.
fn enter(incident_id: &str, headers: &[(&str, &str)]) -> Result<Peer, u16> {
    let mut request = ws_url(&format!("/live/incidents/{incident_id}"))
        .into_client_request()
        .unwrap();
    for (name, value) in headers {
        let name = tungstenite::http::HeaderName::from_bytes(name.as_bytes()).unwrap();
        request.headers_mut().insert(name, value.parse().unwrap());
    }
    match tungstenite::connect(request) {
        Ok((ws, response)) => {
            assert_eq!(response.status(), 101);
            if let MaybeTlsStream::Plain(stream) = ws.get_ref() {
                stream
                    .set_read_timeout(Some(Duration::from_millis(500)))
                    .unwrap();
            }
            Ok(Peer { ws })
        }
        Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
        Err(error) => panic!("the room could not be reached: {error}"),
    }
}

fn desk(incident_id: &str) -> Peer {
    let bearer = format!("Bearer {}", setting("STAFF_TOKEN"));
    enter(incident_id, &[("authorization", &bearer)]).expect("the desk enters")
}

fn customer(incident_id: &str, token: &str) -> Peer {
    let bearer = format!("Bearer {token}");
    enter(incident_id, &[("authorization", &bearer)]).expect("the customer enters")
}

impl Peer {
    fn send(&mut self, frame: Value) {
        self.ws.send(Message::text(frame.to_string())).unwrap();
    }

    /// The next frame of this type that `wanted` accepts, skipping others,
    /// within `seconds`.
    fn wait_for(&mut self, kind: &str, seconds: u64, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match self.ws.read() {
                Ok(Message::Text(text)) => {
                    let frame: Value = serde_json::from_str(text.as_str()).unwrap();
                    if frame["type"] == kind && wanted(&frame) {
                        return frame;
                    }
                    seen.push(frame);
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(error) => panic!("the room closed while waiting for {kind}: {error}"),
            }
        }
        panic!("no {kind} frame within {seconds} s; seen: {seen:?}");
    }

    fn frame(&mut self, kind: &str) -> Value {
        self.wait_for(kind, 10, |_| true)
    }
}

/// What the desk's API shows of the incident once `done` holds (the room
/// writes to D1 after it sends its frames), within 10 s.
fn desk_incident(app: &TestApp<Http>, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let incident = app.staff_get(&format!("/api/staff/incidents/{id}")).json();
        if done(&incident) || Instant::now() > deadline {
            return incident;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn new_incident(app: &TestApp<Http>) -> (String, String) {
    let (_, token) = app.customer();
    let incident = app.incident(&token);
    (incident["incident_id"].as_str().unwrap().to_owned(), token)
}

#[test]
fn live_room_handshakes_are_refused_without_credentials_from_other_sites_and_for_other_organisations(
) {
    let app = spawn_app();
    let (id, token) = new_incident(&app);
    assert_eq!(enter(&id, &[]).err(), Some(401));
    let bearer = format!("Bearer {token}");
    assert_eq!(
        enter(
            &id,
            &[("authorization", &bearer), ("origin", "https://evil.test")]
        )
        .err(),
        Some(403)
    );
    let (_, other) = app.customer();
    let other = format!("Bearer {other}");
    assert_eq!(enter(&id, &[("authorization", &other)]).err(), Some(404));
    let own = app.0.origin();
    assert!(enter(&id, &[("authorization", &bearer), ("origin", &own)]).is_ok());
}

#[test]
fn live_chat_goes_both_ways_and_is_kept_in_the_incidents_timeline() {
    let app = spawn_app();
    let (id, token) = new_incident(&app);
    let mut agent = desk(&id);
    agent.frame("presence");
    let mut contact = customer(&id, &token);
    let presence = agent.wait_for("presence", 10, |p| {
        p["participants"].as_array().unwrap().len() == 2
    });
    assert!(presence["participants"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "contact"));

    contact.send(json!({"type": "chat", "text": "The terminal is still dark."}));
    for peer in [&mut agent, &mut contact] {
        let line = peer.wait_for("chat", 10, |c| c["author"]["kind"] == "contact");
        assert_eq!(line["text"], "The terminal is still dark.");
        assert!(line["message_id"].as_str().unwrap().starts_with("imsg_"));
    }
    agent.send(json!({"type": "chat", "text": "Let us look at it together."}));
    for peer in [&mut agent, &mut contact] {
        let line = peer.wait_for("chat", 10, |c| c["author"]["kind"] == "staff");
        assert_eq!(line["text"], "Let us look at it together.");
    }
    // A frame that is no frame is answered, not obeyed.
    contact.send(json!({"type": "ring", "media": ["audio"]}));
    assert_eq!(contact.frame("error")["code"], "forbidden");

    let kept = |incident: &Value| {
        incident["timeline"]["messages"]
            .as_array()
            .is_some_and(|m| m.len() >= 2)
    };
    desk_incident(&app, &id, kept);
    let own = app
        .get_as(&format!("/api/me/incidents/{id}"), &token)
        .json();
    let lines: Vec<(String, String)> = own["timeline"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["author"].as_str().unwrap().to_owned(),
                m["body"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(lines.contains(&("customer".into(), "The terminal is still dark.".into())));
    assert!(lines.contains(&("staff".into(), "Let us look at it together.".into())));
}

#[test]
fn live_call_rung_accepted_and_hung_up_is_a_session_of_its_seconds_and_one_coupon() {
    let app = spawn_app();
    let (id, token) = new_incident(&app);
    assert_eq!(app.balance(&token), 1);
    let mut agent = desk(&id);
    let mut contact = customer(&id, &token);
    agent.wait_for("presence", 10, |p| {
        p["participants"].as_array().unwrap().len() == 2
    });

    agent.send(json!({"type": "ring", "media": ["audio", "video"]}));
    let ringing = contact.frame("ringing");
    assert_eq!(ringing["media"], json!(["audio", "video"]));
    let call_id = ringing["call_id"].as_str().unwrap().to_owned();
    contact.send(json!({"type": "accept"}));
    for peer in [&mut agent, &mut contact] {
        let call = peer.wait_for("call", 10, |c| c["state"] == "connected");
        assert_eq!(call["call_id"], call_id.as_str());
    }
    // Signalling is relayed as it came, to the other party only.
    let offer = json!({"type": "signal", "data": {"sdp": {"type": "offer", "sdp": "v=0"}}});
    agent.send(offer.clone());
    assert_eq!(contact.frame("signal"), offer);

    std::thread::sleep(Duration::from_secs(3));
    agent.send(json!({"type": "hangup"}));
    let mut sessions = Vec::new();
    for peer in [&mut agent, &mut contact] {
        peer.wait_for("call", 10, |c| c["state"] == "ended");
        sessions.push(peer.frame("session"));
    }
    let session = &sessions[0];
    assert_eq!(sessions[0], sessions[1]);
    let seconds = session["seconds"].as_i64().unwrap();
    assert!((3..=8).contains(&seconds), "{session}");
    assert_eq!(session["coupons_charged"], 1);

    let incident = desk_incident(&app, &id, |i| {
        i["timeline"]["sessions"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    });
    let recorded = &incident["timeline"]["sessions"][0];
    assert_eq!(recorded["session_id"], session["session_id"]);
    assert_eq!(recorded["seconds"], seconds);
    assert_eq!(recorded["channel"], "video");
    assert_eq!(recorded["recorded_by"], "break-glass");
    assert_eq!(incident["coupons_charged"], 1);
    assert!(incident["timeline"]["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["outcome"] == "reached"));
    assert_eq!(incident["status"], "in_progress");
    assert_eq!(app.balance(&token), 0);
}

#[test]
fn live_ring_nobody_answers_is_a_no_answer_attempt_and_a_decline_a_busy_one() {
    let app = spawn_app();
    let (id, token) = new_incident(&app);
    let mut agent = desk(&id);
    let mut contact = customer(&id, &token);
    agent.wait_for("presence", 10, |p| {
        p["participants"].as_array().unwrap().len() == 2
    });

    agent.send(json!({"type": "ring", "media": ["audio"]}));
    contact.frame("ringing");
    // RING_SECONDS is 3 in the e2e settings: the room's alarm ends the ring.
    for peer in [&mut agent, &mut contact] {
        peer.wait_for("call", 15, |c| c["state"] == "missed");
    }
    let outcomes = |incident: &Value| -> Vec<String> {
        incident["timeline"]["attempts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|a| a["outcome"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let incident = desk_incident(&app, &id, |i| outcomes(i).len() == 1);
    assert_eq!(outcomes(&incident), ["no_answer"]);

    agent.send(json!({"type": "ring", "media": ["audio"]}));
    contact.frame("ringing");
    contact.send(json!({"type": "decline"}));
    agent.wait_for("call", 10, |c| c["state"] == "declined");
    let incident = desk_incident(&app, &id, |i| outcomes(i).len() == 2);
    let mut seen = outcomes(&incident);
    seen.sort();
    assert_eq!(seen, ["busy", "no_answer"]);
    assert_eq!(
        incident["timeline"]["attempts"][0]["recorded_by"],
        "break-glass"
    );
}

#[test]
fn live_ice_servers_come_from_realtime_turn_when_a_key_is_set() {
    let app = spawn_app();
    let (_, token) = app.customer();
    let answer = app.get_as("/api/live/ice-servers", &token);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let servers = answer.json()["ice_servers"].as_array().unwrap().clone();
    let turn = servers
        .iter()
        .find(|s| {
            s["urls"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u.as_str().unwrap().starts_with("turn:"))
        })
        .expect("a TURN server");
    assert!(turn["username"].as_str().unwrap().starts_with("e2e-user-"));
    assert_eq!(turn["credential"], "e2e-credential");
    let asked: Value = ureq::get(&format!("{}/turn-requests", setting("STANDIN_URL")))
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    assert!(asked
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["key_id"] == "e2e-turn-key" && r["ttl"] == 86400));
}
