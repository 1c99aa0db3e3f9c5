//! The six benchmark inputs, in one place for `benches/` and `compare/`.
//!
//! Every body is deterministic: the generated ones come from their index
//! through a fixed arithmetic sequence, never from a random source, so two
//! runs (and the two crates) time the same bytes.

use std::fmt::Write;

/// What a body answers, which decides the typed result a caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An error envelope, sent with a 4xx or 5xx status: what an SDK looks
    /// at to pick its error parser. The caller's result type is never
    /// reached.
    Error,
    /// SES `SendEmail` success.
    SendEmail,
    /// SQS `ReceiveMessage` success.
    ReceiveMessage,
    /// IAM `ListUsers` success.
    ListUsers,
}

/// One benchmark input.
#[derive(Debug, Clone)]
pub struct Input {
    /// The benchmark's parameter name (`criterion`'s value string).
    pub name: &'static str,
    /// What the body answers.
    pub kind: Kind,
    /// The body.
    pub body: Vec<u8>,
}

impl Input {
    /// Whether the body is a 1 MiB one, where chunked input is worth timing.
    pub fn is_large(&self) -> bool {
        self.body.len() >= 1 << 20
    }
}

/// The six inputs, small error bodies first.
pub fn all() -> Vec<Input> {
    vec![
        Input {
            name: "ses-error-entities",
            kind: Kind::Error,
            body: ses_error_entities(),
        },
        Input {
            name: "sqs-2007-errors",
            kind: Kind::Error,
            body: sqs_2007_errors(),
        },
        Input {
            name: "ses-send-email",
            kind: Kind::SendEmail,
            body: SES_SEND_EMAIL.to_vec(),
        },
        Input {
            name: "sqs-receive-1MiB",
            kind: Kind::ReceiveMessage,
            body: sqs_receive(1 << 20),
        },
        Input {
            name: "iam-list-users-1MiB",
            kind: Kind::ListUsers,
            body: iam_list_users(1 << 20),
        },
        Input {
            name: "ec2-errors-100",
            kind: Kind::Error,
            body: ec2_errors(100),
        },
    ]
}

/// The SES `SendEmail` success of the seed documents (328 bytes).
pub const SES_SEND_EMAIL: &[u8] = include_bytes!("../../fixtures/seeds/ses-send-email-success.xml");

/// A SES `ErrorResponse` of about 500 bytes, every value padded with line
/// breaks as in `fixtures/seeds/ses-error-response-padded.xml`, and a message
/// holding `&quot;`, `&amp;`, `&lt;` and `&gt;` (the seed itself has none).
pub fn ses_error_entities() -> Vec<u8> {
    br#"<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
   <Error>
      <Type>
         Sender
      </Type>
      <Code>
         MessageRejected
      </Code>
      <Message>
         Email address is not verified. The following identities failed the check in region EU-WEST-1: &quot;Sales &amp; Marketing&quot; &lt;sales@example.com&gt;
      </Message>
   </Error>
   <RequestId>
      42d59b56-7407-4c4a-be0f-4c88daeea257
   </RequestId>
</ErrorResponse>
"#
    .to_vec()
}

/// A SQS 2007-style `Response/Errors` body of about 390 bytes, padded like
/// `fixtures/seeds/sqs-2007-response-errors-padded.xml`, with the `Type` and
/// empty `Detail` the 2007 API sends.
pub fn sqs_2007_errors() -> Vec<u8> {
    br"<Response>
  <Errors>
    <Error>
      <Type>
        Sender
      </Type>
      <Code>
        AWS.SimpleQueueService.NonExistentQueue
      </Code>
      <Message>
        The specified queue does not exist for this wsdl version.
      </Message>
      <Detail/>
    </Error>
  </Errors>
  <RequestID>
    42d59b56-7407-4c4a-be0f-4c88daeea257
  </RequestID>
</Response>
"
    .to_vec()
}

/// An EC2 `Response/Errors` body with `n` errors.
pub fn ec2_errors(n: usize) -> Vec<u8> {
    let mut s = String::from("<Response><Errors>");
    for i in 0..n {
        write!(
            s,
            "<Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-{i:08x}' does not exist</Message></Error>"
        )
        .unwrap();
    }
    s.push_str("</Errors><RequestID>ea966190-f9aa-478e-9ede-cb5432daacc0</RequestID></Response>");
    s.into_bytes()
}

/// A 64-bit linear congruential step (Knuth's MMIX constants): the only
/// source of variety in the generated bodies.
fn step(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

/// A UUID-shaped id drawn from `state`.
fn uuid(state: &mut u64) -> String {
    let v: [u64; 5] = std::array::from_fn(|_| step(state));
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:04x}{:08x}",
        v[0] & 0xffff_ffff,
        v[1] & 0xffff,
        v[2] & 0xfff,
        v[3] & 0xfff,
        v[4] & 0xffff,
        (v[0] ^ v[4]) & 0xffff_ffff
    )
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `n` base64 characters drawn from `state`.
fn base64ish(state: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| char::from(BASE64[usize::try_from(step(state) % 64).unwrap()]))
        .collect()
}

const WORDS: &[&str] = &[
    "order",
    "shipped",
    "customer",
    "invoice",
    "warehouse",
    "payment",
    "received",
    "the",
    "for",
    "with",
    "pending",
    "delivery",
    "address",
    "updated",
    "item",
    "quantity",
    "returned",
    "refund",
    "approved",
    "account",
    "region",
    "priority",
    "express",
    "standard",
    "note",
    "from",
    "and",
    "tracking",
    "number",
    "carrier",
    "scheduled",
    "window",
    "confirmed",
    "by",
    "support",
    "team",
];

/// Escaped text of about `len` bytes: words, with one of `&amp;`, `&lt;`,
/// `&quot;` every 150 to 250 bytes, no whitespace at either edge.
fn message_body(state: &mut u64, len: usize) -> String {
    const ENTITIES: [&str; 3] = [" &amp; ", " &lt; ", " &quot;"];
    let mut s = String::with_capacity(len + 16);
    let mut next_entity = 150 + usize::try_from(step(state) % 101).unwrap();
    let mut entity = 0;
    while s.len() < len {
        if s.len() >= next_entity {
            s.push_str(ENTITIES[entity % ENTITIES.len()]);
            entity += 1;
            next_entity = s.len() + 150 + usize::try_from(step(state) % 101).unwrap();
        } else if !s.is_empty() && !s.ends_with(' ') {
            s.push(' ');
        }
        s.push_str(WORDS[usize::try_from(step(state)).unwrap() % WORDS.len()]);
    }
    s
}

/// A SQS `ReceiveMessage` success of at least `bytes` bytes, text-heavy as
/// large SQS answers are: about 200 messages (for 1 MiB) whose `Body` is
/// about 4 KB of text with an entity every 150 to 250 bytes, each with
/// `MessageId`, `ReceiptHandle`, `MD5OfBody` and four `Attribute` pairs,
/// pretty-printed.
pub fn sqs_receive(bytes: usize) -> Vec<u8> {
    let tail = "  </ReceiveMessageResult>\n  <ResponseMetadata>\n    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>\n  </ResponseMetadata>\n</ReceiveMessageResponse>\n";
    let mut s = String::from(
        "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">\n  <ReceiveMessageResult>\n",
    );
    let mut state = 0x5eed_0000_0000_0001_u64;
    let mut i = 0u64;
    while s.len() + tail.len() < bytes {
        let id = uuid(&mut state);
        let handle = base64ish(&mut state, 176);
        let md5 = format!(
            "{:08x}{:08x}{:08x}{:08x}",
            step(&mut state),
            step(&mut state),
            step(&mut state),
            step(&mut state)
        );
        let len = 3900 + usize::try_from(step(&mut state) % 400).unwrap();
        let body = message_body(&mut state, len);
        let sent = 1_238_099_229_000 + i * 1_217;
        write!(
            s,
            "    <Message>\n      <MessageId>{id}</MessageId>\n      <ReceiptHandle>{handle}</ReceiptHandle>\n      \
<MD5OfBody>{md5}</MD5OfBody>\n      <Body>{body}</Body>\n      \
<Attribute>\n        <Name>SenderId</Name>\n        <Value>AIDAIENQZJOLO23YVJ4VO</Value>\n      </Attribute>\n      \
<Attribute>\n        <Name>SentTimestamp</Name>\n        <Value>{sent}</Value>\n      </Attribute>\n      \
<Attribute>\n        <Name>ApproximateReceiveCount</Name>\n        <Value>{count}</Value>\n      </Attribute>\n      \
<Attribute>\n        <Name>ApproximateFirstReceiveTimestamp</Name>\n        <Value>{first}</Value>\n      </Attribute>\n    </Message>\n",
            count = 1 + i % 3,
            first = sent + 250,
        )
        .unwrap();
        i += 1;
    }
    s.push_str(tail);
    s.into_bytes()
}

/// An IAM `ListUsers` success of at least `bytes` bytes, element-heavy:
/// thousands of `Users/member` with `Path`, `UserName`, `UserId`, `Arn`,
/// `CreateDate`, `PasswordLastUsed` (two users in three) and a `Tags` member
/// list of one or two `Key`/`Value` pairs, then `IsTruncated`, `Marker` and
/// `ResponseMetadata`, pretty-printed as IAM does.
pub fn iam_list_users(bytes: usize) -> Vec<u8> {
    const PATHS: [&str; 4] = [
        "/",
        "/engineering/",
        "/division_abc/subdivision_xyz/",
        "/ops/on-call/",
    ];
    const NAMES: [&str; 8] = [
        "Andrew", "Jackie", "Maria", "Wei", "Olu", "Priya", "Sven", "Carmen",
    ];
    const DEPARTMENTS: [&str; 4] = [
        "Accounting",
        "R&amp;D",
        "Sales &amp; Marketing",
        "Operations",
    ];
    let tail = "    </Users>\n    <IsTruncated>true</IsTruncated>\n    \
<Marker>AAE/OVhRpJdjgYsBWXg0vOa3ueF/CDdqzUsYzQYb+wzSJA==</Marker>\n  </ListUsersResult>\n  \
<ResponseMetadata>\n    <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n  </ResponseMetadata>\n\
</ListUsersResponse>\n";
    let mut s = String::from(
        "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n  <ListUsersResult>\n    <Users>\n",
    );
    let mut state = 0x1a11_0000_0000_0001_u64;
    let mut i = 0usize;
    while s.len() + tail.len() < bytes {
        let path = PATHS[i % PATHS.len()];
        let name = format!("{}{i}", NAMES[i % NAMES.len()]);
        let id = format!(
            "AIDA{}",
            base64ish(&mut state, 17)
                .to_uppercase()
                .replace(['+', '/'], "X")
        );
        let (day, second) = (step(&mut state) % 28 + 1, step(&mut state) % 86_400);
        let (hour, minute, second) = (second / 3600, second / 60 % 60, second % 60);
        s.push_str("      <member>\n");
        writeln!(s, "        <Path>{path}</Path>").unwrap();
        writeln!(s, "        <UserName>{name}</UserName>").unwrap();
        writeln!(s, "        <UserId>{id}</UserId>").unwrap();
        writeln!(
            s,
            "        <Arn>arn:aws:iam::123456789012:user{path}{name}</Arn>"
        )
        .unwrap();
        writeln!(
            s,
            "        <CreateDate>2012-09-{day:02}T{hour:02}:{minute:02}:{second:02}Z</CreateDate>"
        )
        .unwrap();
        if i % 3 != 2 {
            writeln!(
                s,
                "        <PasswordLastUsed>2014-09-{day:02}T21:47:{second:02}Z</PasswordLastUsed>"
            )
            .unwrap();
        }
        s.push_str("        <Tags>\n");
        for t in 0..=(i % 2) {
            let (key, value) = if t == 0 {
                ("Department", DEPARTMENTS[i % DEPARTMENTS.len()])
            } else {
                ("CostCenter", "cc-4711")
            };
            writeln!(
                s,
                "          <member>\n            <Key>{key}</Key>\n            <Value>{value}</Value>\n          </member>"
            )
            .unwrap();
        }
        s.push_str("        </Tags>\n      </member>\n");
        i += 1;
    }
    s.push_str(tail);
    s.into_bytes()
}
