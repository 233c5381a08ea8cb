//! Live support's two addresses: the incident's room (a WebSocket, which
//! the Worker opens into the room's Durable Object once the caller is
//! admitted here) and the ICE servers of the call.

use serde::Serialize;

use crate::app::live::IceServers;
use crate::app::{App, Caller};
use crate::domain::live::ice::IceServer;
use crate::http::{ApiError, Handled, Handoff, Request, Response, Result};
use crate::store::Database;

/// `GET /live/incidents/{incident_id}` with `Upgrade: websocket`: a
/// contact of the incident's organisation, or an agent or admin, enters
/// its room. Refused as any route is (401, 403: another site's page or
/// role; 404: another organisation's incident; 409: closed); admitted,
/// the Worker answers with the room's 101.
pub async fn enter_room<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    incident_id: &str,
) -> Result<Handled> {
    let websocket = request
        .header("upgrade")
        .is_some_and(|u| u.trim().eq_ignore_ascii_case("websocket"));
    if !websocket {
        return Err(ApiError::UpgradeRequired);
    }
    let mut entry = app.enter_live_room(caller, incident_id).await?;
    // The room tells its refusals in the language of the page that entered.
    entry.participant.language = request.language();
    let mut handled = Handled::from(
        Response::new(101, "text/plain; charset=utf-8", Vec::new())
            .with_header("upgrade", "websocket"),
    );
    handled.handoff = Some(Handoff::LiveRoom(entry));
    Ok(handled)
}

/// `GET /api/live/ice-servers`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IceServersAnswer {
    /// `RTCConfiguration.iceServers`: STUN, and TURN with short-lived
    /// credentials when a Cloudflare Realtime TURN key is configured.
    pub ice_servers: Vec<IceServerAnswer>,
}

/// One ICE server.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IceServerAnswer {
    /// `stun:` or `turn:`/`turns:` URLs.
    pub urls: Vec<String>,
    /// TURN's user name (absent for STUN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// TURN's password (absent for STUN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// The answer of these ICE servers.
pub fn ice_answer(servers: Vec<IceServer>) -> Response {
    let answer = IceServersAnswer {
        ice_servers: servers
            .into_iter()
            .map(|s| IceServerAnswer {
                urls: s.urls,
                username: s.username,
                credential: s.credential,
            })
            .collect(),
    };
    Response::json(200, &answer)
}

pub async fn ice_servers<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    Ok(match app.ice_servers(caller).await? {
        IceServers::Ready(servers) => ice_answer(servers).into(),
        IceServers::AskTurn(turn) => {
            let mut handled = Handled::from(ice_answer(crate::domain::live::ice::stun_only()));
            handled.handoff = Some(Handoff::TurnCredentials(turn));
            handled
        }
    })
}
