//! The room's wire: JSON text frames with a `"type"`, read into typed frames
//! by one fallible parse, and the frames the room sends back.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize, Serializer};
use thiserror::Error;

use super::Kind;
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::text::Text;
use crate::domain::time::{self, Instant};

/// The largest frame read: as large as the API's largest JSON body.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;
/// The longest chat line, as long as a message in the portal's form.
pub const MAX_CHAT_CHARS: usize = 10_000;

/// What a browser may send into the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientFrame {
    /// A chat line, kept as an incident message.
    Chat { text: Text },
    /// Staff: ring the contacts present, by voice (and video).
    Ring { media: Media },
    /// Contacts: answer the ringing call.
    Accept,
    /// Contacts: refuse the ringing call.
    Decline,
    /// Either call party ends the call; the agent withdraws a ring.
    Hangup,
    /// SDP or ICE for the other call party, relayed as it came.
    Signal(Signal),
    /// A call party says what it sends now (audio, video, its screen): the
    /// session's channel follows the richest media used.
    Media { media: Media },
    /// Staff: start a measured chat-only session.
    StartChatSession,
    /// Staff: end it.
    EndChatSession,
}

/// A `signal` frame exactly as the browser sent it: `{"type":"signal",
/// "data":…}` and nothing else, so it is relayed byte for byte, never read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal(String);

impl Signal {
    /// The frame's text, which is also the frame the other party receives.
    pub fn as_json(&self) -> &str {
        &self.0
    }
}

/// The media of a call. Voice is always on; a call with video, or one in
/// which the customer shared their screen, is recorded as such.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub video: bool,
    pub screen: bool,
}

impl Media {
    /// Voice only.
    pub const VOICE: Self = Self {
        video: false,
        screen: false,
    };

    /// Everything either of two media has.
    pub fn union(self, other: Self) -> Self {
        Self {
            video: self.video || other.video,
            screen: self.screen || other.screen,
        }
    }

    fn names(self) -> Vec<&'static str> {
        let mut names = vec!["audio"];
        if self.video {
            names.push("video");
        }
        if self.screen {
            names.push("screen");
        }
        names
    }
}

/// Why a frame was not read. Each is answered with an error frame and
/// counts as abuse of the socket.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrameError {
    #[error("a frame may be at most 64 KiB")]
    TooLarge,
    #[error("frames are JSON text")]
    NotText,
    #[error("the frame is not a JSON object with a type and its fields")]
    Malformed,
    #[error("no frame has this type")]
    UnknownType,
    #[error("{field} {detail}")]
    Invalid { field: &'static str, detail: String },
}

impl FrameError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::TooLarge => ErrorCode::TooLarge,
            Self::NotText => ErrorCode::NotText,
            Self::Malformed => ErrorCode::Malformed,
            Self::UnknownType => ErrorCode::UnknownType,
            Self::Invalid { .. } => ErrorCode::Invalid,
        }
    }
}

#[derive(Deserialize)]
struct Head {
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct ChatBody {
    text: String,
}

#[derive(Deserialize)]
struct MediaBody {
    media: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignalBody {
    #[serde(rename = "type")]
    _kind: IgnoredAny,
    #[serde(rename = "data")]
    _data: IgnoredAny,
}

impl ClientFrame {
    /// Reads one text frame. Fields a frame does not use are ignored (a page
    /// a deploy ahead or behind still works), except in `signal`, which is
    /// relayed whole.
    pub fn parse(text: &str) -> Result<Self, FrameError> {
        if text.len() > MAX_FRAME_BYTES {
            return Err(FrameError::TooLarge);
        }
        let head: Head = body(text)?;
        Ok(match head.kind.as_str() {
            "chat" => {
                let chat: ChatBody = body(text)?;
                let text = Text::parse_multiline(&chat.text, MAX_CHAT_CHARS).map_err(|e| {
                    FrameError::Invalid {
                        field: "text",
                        detail: e.detail().to_owned(),
                    }
                })?;
                Self::Chat { text }
            }
            "ring" => {
                let ring: MediaBody = body(text)?;
                let media = media(&ring.media, false)?;
                Self::Ring { media }
            }
            "media" => {
                let sent: MediaBody = body(text)?;
                Self::Media {
                    media: media(&sent.media, true)?,
                }
            }
            "signal" => {
                let _: SignalBody = body(text)?;
                Self::Signal(Signal(text.to_owned()))
            }
            "accept" => Self::Accept,
            "decline" => Self::Decline,
            "hangup" => Self::Hangup,
            "start_chat_session" => Self::StartChatSession,
            "end_chat_session" => Self::EndChatSession,
            _ => return Err(FrameError::UnknownType),
        })
    }
}

fn body<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, FrameError> {
    serde_json::from_str(text).map_err(|_| FrameError::Malformed)
}

/// A ring's media are `"audio"` and perhaps `"video"` (voice always); what a
/// party sends may also be `"screen"`.
fn media(names: &[String], screen_allowed: bool) -> Result<Media, FrameError> {
    let invalid = |detail: &str| FrameError::Invalid {
        field: "media",
        detail: detail.to_owned(),
    };
    let mut media = Media::VOICE;
    let mut audio = false;
    for name in names {
        match name.as_str() {
            "audio" => audio = true,
            "video" => media.video = true,
            "screen" if screen_allowed => media.screen = true,
            _ if screen_allowed => return Err(invalid("must list audio, video or screen")),
            _ => return Err(invalid("must list audio and perhaps video")),
        }
    }
    if !audio && !screen_allowed {
        return Err(invalid("must include audio: a call is always a voice call"));
    }
    Ok(media)
}

/// The code of an error frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    TooLarge,
    NotText,
    Malformed,
    UnknownType,
    Invalid,
    /// Too many frames: the socket's rate limit.
    RateLimited,
    /// A frame this kind of participant may not send (a contact ringing).
    Forbidden,
    /// A call or chat session is already on.
    Busy,
    /// Nothing rings to accept or decline.
    NotRinging,
    /// The sender is no party of a call this frame is for.
    NotInCall,
    /// The other party's connection is gone (for the grace): nothing relayed.
    PeerAway,
}

impl ErrorCode {
    /// Whether the frame was abuse (counted toward closing the socket)
    /// rather than a race a well-behaved page can lose.
    pub fn is_abuse(self) -> bool {
        matches!(
            self,
            Self::TooLarge
                | Self::NotText
                | Self::Malformed
                | Self::UnknownType
                | Self::Invalid
                | Self::RateLimited
                | Self::Forbidden
        )
    }

    /// What the page tells its reader, in `lang`.
    pub fn detail(self, lang: Language) -> &'static str {
        let say: fn(Language) -> &'static str = match self {
            Self::TooLarge => m::problem_live_too_large,
            Self::NotText => m::problem_live_not_text,
            Self::Malformed => m::problem_live_malformed,
            Self::UnknownType => m::problem_live_unknown_type,
            Self::Invalid => m::problem_live_invalid,
            Self::RateLimited => m::problem_live_rate_limited,
            Self::Forbidden => m::problem_live_forbidden,
            Self::Busy => m::problem_live_busy,
            Self::NotRinging => m::problem_live_not_ringing,
            Self::NotInCall => m::problem_live_not_in_call,
            Self::PeerAway => m::problem_live_peer_away,
        };
        say(lang)
    }
}

/// What a call frame says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// Accepted (a chat session: started). The measured session starts.
    Connected,
    /// The other party's connection is gone; the call waits for the grace.
    Interrupted,
    /// Both parties are back (or a party's other tab took over): negotiate
    /// the media again.
    Resumed,
    /// Hung up, or ended by the grace or the longest session.
    Ended,
    /// Nobody answered within the ring time.
    Missed,
    Declined,
    /// Nobody of the customer's was in the room: phone instead.
    Unreachable,
    /// The agent withdrew the ring before an answer.
    Cancelled,
}

/// A call with media, or a chat-only session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    Call,
    ChatSession,
}

/// Where a call is, as presence shows it to someone who joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallPhase {
    Ringing,
    Connected,
    Interrupted,
}

/// Someone as others in the room see them: their kind and display name,
/// nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub kind: Kind,
    pub name: String,
}

/// The call, as presence shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallView {
    pub call_id: String,
    pub kind: CallKind,
    pub state: CallPhase,
}

/// What the room sends to browsers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outbound {
    /// A chat line, to everyone in the room.
    Chat {
        message_id: String,
        author: Person,
        text: String,
        #[serde(serialize_with = "instant")]
        at: Instant,
    },
    /// A call rings: to the contacts present (and the agent who rang).
    Ringing {
        call_id: String,
        #[serde(serialize_with = "media_names")]
        media: Media,
    },
    Call {
        state: CallState,
        call_id: String,
        kind: CallKind,
    },
    /// About every 5 s during a call: its elapsed seconds and what the whole
    /// incident will cost with them.
    Meter {
        call_id: String,
        seconds: i64,
        coupons: i64,
    },
    /// A call ended: its measured session (none recorded for a call that
    /// lasted no time) and the coupons the whole incident costs.
    Session {
        call_id: String,
        session_id: Option<String>,
        seconds: i64,
        coupons_charged: i64,
    },
    /// Relayed as it came (see [`Outbound::to_json`]).
    #[serde(skip_serializing)]
    Signal(Signal),
    /// Who is in the room, to everyone, whenever someone joins or leaves;
    /// the call as it is then (later changes come as `call` frames).
    Presence {
        participants: Vec<Person>,
        call: Option<CallView>,
    },
    /// The next increment, starting in `seconds`, takes the balance to
    /// `balance_after` (below zero).
    BalanceWarning {
        call_id: String,
        seconds: i64,
        balance_after: i64,
    },
    Error {
        code: ErrorCode,
        detail: &'static str,
    },
}

impl Outbound {
    /// An error frame, its `detail` in the reader's language.
    pub fn error(code: ErrorCode, lang: Language) -> Self {
        Self::Error {
            code,
            detail: code.detail(lang),
        }
    }

    /// The frame's text.
    pub fn to_json(&self) -> String {
        match self {
            Self::Signal(signal) => signal.as_json().to_owned(),
            // Serialising these plain structs cannot fail.
            other => serde_json::to_string(other).unwrap_or_default(),
        }
    }
}

fn instant<S: Serializer>(at: &Instant, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&time::format(*at))
}

fn media_names<S: Serializer>(media: &Media, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(media.names())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn client_frames_are_read_into_their_types() {
        assert_eq!(
            ClientFrame::parse(r#"{"type":"chat","text":"  Hello,\r\nagain "}"#),
            Ok(ClientFrame::Chat {
                text: Text::parse_multiline("Hello,\nagain", 100).unwrap()
            })
        );
        assert_eq!(
            ClientFrame::parse(r#"{"type":"ring","media":["audio","video"]}"#),
            Ok(ClientFrame::Ring {
                media: Media {
                    video: true,
                    screen: false
                }
            })
        );
        assert_eq!(
            ClientFrame::parse(r#"{"type":"ring","media":["audio"]}"#),
            Ok(ClientFrame::Ring {
                media: Media::VOICE
            })
        );
        assert_eq!(
            ClientFrame::parse(r#"{"type":"media","media":["audio","screen"]}"#),
            Ok(ClientFrame::Media {
                media: Media {
                    video: false,
                    screen: true
                }
            })
        );
        for (text, frame) in [
            (r#"{"type":"accept"}"#, ClientFrame::Accept),
            (r#"{"type":"decline","why":1}"#, ClientFrame::Decline),
            (r#"{"type":"hangup"}"#, ClientFrame::Hangup),
            (
                r#"{"type":"start_chat_session"}"#,
                ClientFrame::StartChatSession,
            ),
            (
                r#"{"type":"end_chat_session"}"#,
                ClientFrame::EndChatSession,
            ),
        ] {
            assert_eq!(ClientFrame::parse(text), Ok(frame), "{text}");
        }
    }

    #[test]
    fn a_signal_is_relayed_byte_for_byte() {
        let text = r#"{ "type" : "signal", "data": {"sdp":"v=0\r\n","type":"offer", "n": 1.50} }"#;
        let Ok(ClientFrame::Signal(signal)) = ClientFrame::parse(text) else {
            panic!("not a signal");
        };
        assert_eq!(Outbound::Signal(signal).to_json(), text);
        assert!(ClientFrame::parse(r#"{"type":"signal","data":null}"#).is_ok());
        for bad in [
            r#"{"type":"signal"}"#,
            r#"{"type":"signal","data":{},"to":"con_1"}"#,
            r#"{"type":"signal","data":{},"data":{}}"#,
        ] {
            assert_eq!(ClientFrame::parse(bad), Err(FrameError::Malformed), "{bad}");
        }
    }

    #[test]
    fn a_frame_over_64_kib_or_malformed_or_unknown_is_refused_by_name() {
        let big = format!(
            r#"{{"type":"chat","text":"{}"}}"#,
            "a".repeat(MAX_FRAME_BYTES)
        );
        assert_eq!(ClientFrame::parse(&big), Err(FrameError::TooLarge));
        for malformed in [
            "",
            "chat",
            "[]",
            "{}",
            r#"{"type":7}"#,
            r#"{"type":"chat"}"#,
            r#"{"type":"chat","text":5}"#,
            r#"{"type":"ring"}"#,
            r#"{"type":"chat","text":"a"} x"#,
        ] {
            assert_eq!(
                ClientFrame::parse(malformed),
                Err(FrameError::Malformed),
                "{malformed}"
            );
        }
        assert_eq!(
            ClientFrame::parse(r#"{"type":"transfer"}"#),
            Err(FrameError::UnknownType)
        );
        for invalid in [
            r#"{"type":"chat","text":"  "}"#,
            r#"{"type":"chat","text":"bell\u0007"}"#,
            r#"{"type":"ring","media":[]}"#,
            r#"{"type":"ring","media":["video"]}"#,
            r#"{"type":"ring","media":["audio","screen"]}"#,
            r#"{"type":"media","media":["smell"]}"#,
        ] {
            assert_eq!(
                ClientFrame::parse(invalid).map_err(|e| e.code()),
                Err(ErrorCode::Invalid),
                "{invalid}"
            );
        }
        let long = format!(
            r#"{{"type":"chat","text":"{}"}}"#,
            "a".repeat(MAX_CHAT_CHARS + 1)
        );
        assert_eq!(
            ClientFrame::parse(&long).map_err(|e| e.code()),
            Err(ErrorCode::Invalid)
        );
    }

    #[test]
    fn room_frames_are_json_with_their_type() {
        let at = time::from_unix_millis(1_795_000_000_000).unwrap();
        let chat = Outbound::Chat {
            message_id: "imsg_1".into(),
            author: Person {
                kind: Kind::Staff,
                name: "Maja".into(),
            },
            text: "Hello".into(),
            at,
        };
        assert_eq!(
            chat.to_json(),
            r#"{"type":"chat","message_id":"imsg_1","author":{"kind":"staff","name":"Maja"},"text":"Hello","at":"2026-11-18T11:06:40.000Z"}"#
        );
        let ringing = Outbound::Ringing {
            call_id: "cal_1".into(),
            media: Media {
                video: true,
                screen: false,
            },
        };
        assert_eq!(
            ringing.to_json(),
            r#"{"type":"ringing","call_id":"cal_1","media":["audio","video"]}"#
        );
        let call = Outbound::Call {
            state: CallState::Unreachable,
            call_id: "cal_1".into(),
            kind: CallKind::Call,
        };
        assert_eq!(
            call.to_json(),
            r#"{"type":"call","state":"unreachable","call_id":"cal_1","kind":"call"}"#
        );
        assert_eq!(
            Outbound::error(ErrorCode::RateLimited, Language::En).to_json(),
            r#"{"type":"error","code":"rate_limited","detail":"too many frames: slow down"}"#
        );
        assert_eq!(
            Outbound::error(ErrorCode::NotRinging, Language::Sl).to_json(),
            r#"{"type":"error","code":"not_ringing","detail":"nič ne zvoni"}"#
        );
        let session = Outbound::Session {
            call_id: "cal_1".into(),
            session_id: Some("ses_1".into()),
            seconds: 7,
            coupons_charged: 1,
        };
        assert_eq!(
            session.to_json(),
            r#"{"type":"session","call_id":"cal_1","session_id":"ses_1","seconds":7,"coupons_charged":1}"#
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics_on_any_text(input in "\\PC{0,200}") {
            let _ = ClientFrame::parse(&input);
        }

        #[test]
        fn parsing_never_panics_on_frame_like_text(
            kind in "(chat|ring|accept|decline|hangup|signal|media|start_chat_session|end_chat_session|x)",
            body in "\\PC{0,60}",
        ) {
            let _ = ClientFrame::parse(&format!(r#"{{"type":"{kind}",{body}}}"#));
            let _ = ClientFrame::parse(&format!(r#"{{"type":"{kind}","text":{body}}}"#));
            let _ = ClientFrame::parse(&format!(r#"{{"type":"{kind}","media":[{body}]}}"#));
        }
    }
}
