//! Retry guidance: why an error may (or may not) be retried, the SES
//! error-code page's retry schedule, and the `Retry-After` header.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::service::ErrorEntry;
use crate::{ErrorClass, Fault, ServiceError};

/// The longest wait a `Retry-After` header can ask for: one hour. A longer
/// delay (or a date further ahead) is cut to this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_hours(1);

/// The class an HTTP error status says, for an error built from it: `429`
/// throttling, 5xx transient, any other status a client error.
pub(crate) fn status_class(status: u16) -> ErrorClass {
    match status {
        429 => ErrorClass::Throttling,
        500..=599 => ErrorClass::Transient,
        _ => ErrorClass::Client,
    }
}

impl ErrorEntry<'_> {
    /// Why this error may be retried, or not: the code's class (see
    /// [`classify`](crate::classify)), except that SES's `Throttling` with the
    /// message "Daily message quota exceeded" is [`ErrorClass::Quota`] (not
    /// retryable until the quota resets; "Maximum sending rate exceeded" stays
    /// throttling), and that an error judged with an HTTP error status (see
    /// [`Options::parse_http`](crate::Options::parse_http)) whose code is of
    /// the client class (an unlisted code, the status's digits such as
    /// `"502"`) takes the status's class: 429 throttling, 5xx transient.
    ///
    /// # Examples
    ///
    /// ```
    /// use aws_query_xml::ErrorClass;
    ///
    /// let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
    ///   <Message>Daily message quota exceeded.</Message></Error></ErrorResponse>";
    /// let response = aws_query_xml::parse(body)?;
    /// let error = &response.service_error().unwrap().errors()[0];
    /// assert_eq!(error.class(), ErrorClass::Quota);
    /// assert!(!error.is_retryable());
    /// # Ok::<(), aws_query_xml::Error>(())
    /// ```
    pub fn class(&self) -> ErrorClass {
        let class = self.code.class();
        if class == ErrorClass::Throttling
            && self.code.as_str() == "Throttling"
            && self
                .message
                .as_deref()
                .is_some_and(|m| contains_ignore_case(m, "daily message quota exceeded"))
        {
            return ErrorClass::Quota;
        }
        match (class, self.status) {
            (ErrorClass::Client, Some(status)) => status_class(status),
            _ => class,
        }
    }

    /// Whether retrying can succeed: `self.class().is_retryable()`.
    pub fn is_retryable(&self) -> bool {
        self.class().is_retryable()
    }

    /// Whose fault the error is: the body's `<Type>` (`Sender`, `Receiver`)
    /// when it says, else the code's documented status
    /// ([`ErrorCode::fault`](crate::ErrorCode::fault)), else the HTTP status
    /// the error came with (4xx the sender's, 5xx the receiver's).
    pub fn fault(&self) -> Option<Fault> {
        match self.error_type.as_deref() {
            Some("Sender") => return Some(Fault::Sender),
            Some("Receiver") => return Some(Fault::Receiver),
            _ => {}
        }
        self.code.fault().or(match self.status {
            Some(400..=499) => Some(Fault::Sender),
            Some(500..=599) => Some(Fault::Receiver),
            _ => None,
        })
    }
}

impl ServiceError<'_> {
    /// The primary error's class: see [`ErrorEntry::class`].
    pub fn class(&self) -> ErrorClass {
        self.errors[0].class()
    }

    /// Whether retrying the request can succeed: see [`ErrorEntry::class`].
    pub fn is_retryable(&self) -> bool {
        self.class().is_retryable()
    }

    /// The primary error's fault: see [`ErrorEntry::fault`].
    pub fn fault(&self) -> Option<Fault> {
        self.errors[0].fault()
    }
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A `Retry-After` header's value: a delay in seconds, or an HTTP date.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use aws_query_xml::RetryAfter;
///
/// let now = UNIX_EPOCH + Duration::from_secs(784_111_770); // Sun, 06 Nov 1994 08:49:30 GMT
/// assert_eq!(RetryAfter::parse("120").unwrap().delay(now), Duration::from_secs(120));
/// let date = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
/// assert_eq!(date.delay(now), Duration::from_secs(7));
/// // a date in the past: retry now; a long delay is capped
/// assert_eq!(date.delay(now + Duration::from_secs(60)), Duration::ZERO);
/// assert_eq!(RetryAfter::parse("86400").unwrap().delay(now), aws_query_xml::MAX_RETRY_AFTER);
/// assert_eq!(RetryAfter::parse("soon"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryAfter {
    /// `Retry-After: 120`: delta-seconds.
    Delay(Duration),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`: an HTTP date.
    Date(SystemTime),
}

impl RetryAfter {
    /// Reads a header value (trimmed): ASCII digits, or an HTTP date
    /// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete
    /// RFC 850 and asctime forms); `None` for anything else.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            // more digits than a u64 holds: as long as can be (then capped)
            let secs = value.parse::<u64>().unwrap_or(u64::MAX);
            return Some(RetryAfter::Delay(Duration::from_secs(secs)));
        }
        http_date(value).map(|secs| RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(secs)))
    }

    /// The wait it asks for at `now` (passed in by the caller), at most
    /// [`MAX_RETRY_AFTER`]; a date in the past is [`Duration::ZERO`].
    pub fn delay(self, now: SystemTime) -> Duration {
        let wait = match self {
            RetryAfter::Delay(d) => d,
            RetryAfter::Date(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        };
        wait.min(MAX_RETRY_AFTER)
    }
}

/// Seconds since the epoch of an HTTP date in any of the three forms
/// RFC 9110 has recipients accept: IMF-fixdate `Sun, 06 Nov 1994 08:49:37
/// GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year below
/// 70 is 20xx) and asctime `Sun Nov  6 08:49:37 1994`.
fn http_date(s: &str) -> Option<u64> {
    if let Some((_, rest)) = s.split_once(", ") {
        let mut it = rest.split(' ');
        let date = it.next()?;
        let (day, month, year) = if let Some((day, rest)) = date.split_once('-') {
            // RFC 850
            let (month, yy) = rest.split_once('-')?;
            let yy = num(yy, 2)?;
            (
                num(day, 2)?,
                month,
                if yy < 70 { 2000 + yy } else { 1900 + yy },
            )
        } else {
            (num(date, 2)?, it.next()?, num(it.next()?, 4)?)
        };
        let time = it.next()?;
        if it.next()? != "GMT" || it.next().is_some() {
            return None;
        }
        return instant(day, month, year, time);
    }
    // asctime: the day is padded with a space, so split on runs of spaces
    let mut it = s.split_ascii_whitespace();
    let _weekday = it.next()?;
    let month = it.next()?;
    let day = it.next()?;
    let day = num(day, day.len().clamp(1, 2))?;
    let time = it.next()?;
    let year = num(it.next()?, 4)?;
    if it.next().is_some() {
        return None;
    }
    instant(day, month, year, time)
}

/// Seconds since the epoch of a day, a month's name, a year and `HH:MM:SS`.
fn instant(day: u64, month: &str, year: u64, time: &str) -> Option<u64> {
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == month)?;
    let mut hms = time.split(':');
    let (h, m, sec): (u64, u64, u64) = (
        num(hms.next()?, 2)?,
        num(hms.next()?, 2)?,
        num(hms.next()?, 2)?,
    );
    if hms.next().is_some()
        || !(1..=31).contains(&day)
        || h > 23
        || m > 59
        || sec > 60
        || year < 1970
    {
        return None;
    }
    let days = days_from_civil(year, month as u64 + 1, day);
    Some(days * 86_400 + h * 3600 + m * 60 + sec)
}

fn num(s: &str, len: usize) -> Option<u64> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm), for years from 1970.
fn days_from_civil(y: u64, m: u64, d: u64) -> u64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).saturating_sub(719_468)
}

/// The waits before successive retries that the Amazon SES error-code page
/// advises: 5, 10 and 30 seconds, then 20 minutes, then 5, 10 and 30
/// seconds again, and then none: stop. An iterator of [`Duration`]s that
/// never sleeps; the caller waits.
///
/// For retryable errors only (throttling, 429 included, transient, clock
/// skew): see [`HttpResponse::retry_schedule`](crate::HttpResponse::retry_schedule).
/// A `Retry-After` ([`RetrySchedule::retry_after`]) replaces the next wait
/// when it is longer. Jitter ([`RetrySchedule::jitter`]) takes its random
/// numbers from the caller, so tests are deterministic.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use aws_query_xml::RetrySchedule;
///
/// let waits: Vec<u64> = RetrySchedule::new().map(|d| d.as_secs()).collect();
/// assert_eq!(waits, [5, 10, 30, 1200, 5, 10, 30]);
///
/// // the server asked for 60 s: longer than 5, so it replaces the first wait
/// let mut schedule = RetrySchedule::new();
/// schedule.retry_after(Duration::from_secs(60));
/// assert_eq!(schedule.next(), Some(Duration::from_secs(60)));
/// assert_eq!(schedule.next(), Some(Duration::from_secs(10)));
///
/// // equal jitter from the caller's random source (here always 0.0: half of each wait)
/// let mut jittered = RetrySchedule::new().jitter(|| 0.0);
/// assert_eq!(jittered.next(), Some(Duration::from_millis(2500)));
/// ```
pub struct RetrySchedule {
    step: usize,
    retry_after: Option<Duration>,
    jitter: Option<Box<dyn FnMut() -> f64 + Send>>,
}

impl std::fmt::Debug for RetrySchedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RetrySchedule")
            .field("step", &self.step)
            .field("retry_after", &self.retry_after)
            .field("jitter", &self.jitter.is_some())
            .finish()
    }
}

impl Default for RetrySchedule {
    fn default() -> Self {
        Self::new()
    }
}

impl RetrySchedule {
    /// The SES page's waits, in seconds.
    pub const WAITS: [u64; 7] = [5, 10, 30, 1200, 5, 10, 30];

    /// The schedule from its first wait, without jitter.
    pub fn new() -> Self {
        RetrySchedule {
            step: 0,
            retry_after: None,
            jitter: None,
        }
    }

    /// Sets the wait a `Retry-After` asked for (see [`RetryAfter::delay`]):
    /// it replaces the next wait when longer, capped at [`MAX_RETRY_AFTER`],
    /// and is never jittered. It does not lengthen the schedule: after its
    /// last wait there is none.
    pub fn retry_after(&mut self, wait: Duration) {
        self.retry_after = Some(wait.min(MAX_RETRY_AFTER));
    }

    /// Equal jitter: each scheduled wait `w` becomes `w/2 + r * w/2`, where
    /// `r` is the next number of `random`, expected in `[0, 1)` (clamped to
    /// `[0, 1]`; NaN is 0).
    #[must_use]
    pub fn jitter<F: FnMut() -> f64 + Send + 'static>(mut self, random: F) -> Self {
        self.jitter = Some(Box::new(random));
        self
    }
}

impl Iterator for RetrySchedule {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let secs = *Self::WAITS.get(self.step)?;
        self.step += 1;
        let mut wait = Duration::from_secs(secs);
        if let Some(random) = &mut self.jitter {
            let r = random();
            let r = if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0) };
            wait = wait / 2 + (wait / 2).mul_f64(r);
        }
        match self.retry_after.take() {
            Some(asked) if asked > wait => Some(asked),
            _ => Some(wait),
        }
    }
}
