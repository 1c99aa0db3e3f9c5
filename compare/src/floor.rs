//! The floor for any streaming parser built on quick-xml: read every event
//! with the default configuration, look at nothing.

/// Reads every quick-xml event of `body`; returns how many there were.
///
/// # Errors
///
/// quick-xml's error, when the body is not well-formed as far as quick-xml
/// checks by default.
pub fn quick_xml_events(body: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut n = 0;
    loop {
        match reader.read_event()? {
            quick_xml::events::Event::Eof => return Ok(n),
            _ => n += 1,
        }
    }
}
