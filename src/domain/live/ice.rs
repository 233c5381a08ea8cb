//! ICE servers for the call's WebRTC: STUN alone, or short-lived TURN
//! credentials from Cloudflare Realtime, whose answer is read here.

use serde::{Deserialize, Serialize};

/// Cloudflare's public STUN server, enough on open networks and locally.
pub const STUN_URL: &str = "stun:stun.cloudflare.com:3478";
/// How long TURN credentials are asked to last (a working day and more).
pub const TURN_TTL_SECONDS: u32 = 86_400;
/// The most ICE servers, and URLs of one, taken from an answer.
const MAX_SERVERS: usize = 8;
const MAX_URLS: usize = 16;

/// One entry of `RTCConfiguration.iceServers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IceServer {
    pub urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// STUN only: what the portal answers without a TURN key.
pub fn stun_only() -> Vec<IceServer> {
    vec![IceServer {
        urls: vec![STUN_URL.to_owned()],
        username: None,
        credential: None,
    }]
}

/// The request for TURN credentials: `POST {base}/turn/keys/{key_id}/
/// credentials/generate-ice-servers`, bearer the key's API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnRequest {
    pub url: String,
    pub token: String,
    pub body: String,
}

impl TurnRequest {
    pub fn new(base: &str, key_id: &str, token: &str) -> Self {
        Self {
            url: format!(
                "{}/turn/keys/{key_id}/credentials/generate-ice-servers",
                base.trim_end_matches('/')
            ),
            token: token.to_owned(),
            body: format!("{{\"ttl\":{TURN_TTL_SECONDS}}}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TurnAnswer {
    ice_servers: IceServers,
}

/// Realtime answers a list (newer) or one object (older).
#[derive(Deserialize)]
#[serde(untagged)]
enum IceServers {
    List(Vec<Entry>),
    One(Entry),
}

#[derive(Deserialize)]
struct Entry {
    urls: Urls,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    credential: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Urls {
    List(Vec<String>),
    One(String),
}

/// The ICE servers of Realtime's answer (2xx, `{"iceServers": …}`), or why
/// it is not usable.
pub fn parse_turn_answer(status: u16, body: &[u8]) -> Result<Vec<IceServer>, String> {
    if !(200..300).contains(&status) {
        return Err(format!("TURN credentials refused with status {status}"));
    }
    let answer: TurnAnswer =
        serde_json::from_slice(body).map_err(|_| "TURN credentials unreadable".to_owned())?;
    let entries = match answer.ice_servers {
        IceServers::List(entries) => entries,
        IceServers::One(entry) => vec![entry],
    };
    let servers: Vec<IceServer> = entries
        .into_iter()
        .take(MAX_SERVERS)
        .map(|entry| IceServer {
            urls: match entry.urls {
                Urls::List(urls) => urls.into_iter().take(MAX_URLS).collect(),
                Urls::One(url) => vec![url],
            },
            username: entry.username,
            credential: entry.credential,
        })
        .filter(|server| !server.urls.is_empty())
        .collect();
    if servers.is_empty() {
        Err("TURN credentials named no server".to_owned())
    } else {
        Ok(servers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_turn_request_names_the_key_and_asks_for_a_day() {
        let request = TurnRequest::new("https://rtc.live.cloudflare.com/v1/", "key1", "tok");
        assert_eq!(
            request.url,
            "https://rtc.live.cloudflare.com/v1/turn/keys/key1/credentials/generate-ice-servers"
        );
        assert_eq!(request.body, r#"{"ttl":86400}"#);
    }

    #[test]
    fn realtime_answers_are_read_as_a_list_or_one_server() {
        let list = br#"{"iceServers":[{"urls":["stun:stun.cloudflare.com:3478"]},
            {"urls":["turn:turn.cloudflare.com:3478?transport=udp"],"username":"u","credential":"c"}]}"#;
        let servers = parse_turn_answer(201, list).unwrap();
        assert_eq!(servers.len(), 2);
        assert_eq!(servers[1].username.as_deref(), Some("u"));
        let one = br#"{"iceServers":{"urls":"turn:t:3478","username":"u","credential":"c"}}"#;
        assert_eq!(
            parse_turn_answer(200, one).unwrap()[0].urls,
            ["turn:t:3478"]
        );
    }

    #[test]
    fn refused_or_empty_answers_are_not_used() {
        assert!(parse_turn_answer(401, b"{}").is_err());
        assert!(parse_turn_answer(201, b"not json").is_err());
        assert!(parse_turn_answer(201, br#"{"iceServers":[]}"#).is_err());
    }
}
