//! Each envelope style written from a [`Draft`], and the result tree
//! written as elements; refusals for what a style cannot carry exactly.

use crate::render::tree::{Path, Tree};
use crate::render::writer::{TextKind, Writer};
use crate::render::{ActionForm, Draft, DraftEntry, RenderError, RenderOptions, SoapVersion};
use crate::tokens::is_ncname;
use crate::{Envelope, Limit, Outcome, Value};

const SOAP: &str = "soap";

/// The element prefix and the root's namespace attribute.
pub(crate) struct Names<'o> {
    pub(crate) prefix: Option<&'o str>,
    xmlns: Option<(String, &'o str)>,
}

impl<'o> Names<'o> {
    pub(crate) fn new(opts: &'o RenderOptions) -> Result<Self, RenderError> {
        let prefix = opts.prefix.as_deref();
        if prefix.is_some_and(|p| !is_ncname(p)) {
            return Err(RenderError::InvalidName {
                field: "prefix".to_owned(),
            });
        }
        let xmlns = opts.namespace.as_deref().map(|uri| {
            let name = prefix.map_or_else(|| "xmlns".to_owned(), |p| format!("xmlns:{p}"));
            (name, uri)
        });
        Ok(Names { prefix, xmlns })
    }

    /// The attributes of the element that declares the namespace.
    pub(crate) fn declare(&self) -> Vec<(&str, &str)> {
        self.xmlns
            .iter()
            .map(|(n, uri)| (n.as_str(), *uri))
            .collect()
    }
}

pub(crate) fn unsupported(style: Envelope, what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        style: style.as_str(),
        what: what.into(),
    }
}

fn named(field: &str) -> impl Fn() -> String + '_ {
    move || field.to_owned()
}

/// AWS's namespace for fault codes and a fault's request id (`aws:`).
const AWS_FAULT: &str = "http://webservices.amazon.com/AWSFault/2005-15-09";

/// Opens the SOAP `Envelope/Body`; for a fault, binding `aws:` too.
pub(crate) fn soap_start(
    w: &mut Writer,
    version: SoapVersion,
    fault: bool,
) -> Result<(), RenderError> {
    let uri = match version {
        SoapVersion::V1_1 => "http://schemas.xmlsoap.org/soap/envelope/",
        SoapVersion::V1_2 => "http://www.w3.org/2003/05/soap-envelope",
    };
    let mut attributes = vec![("xmlns:soap", uri)];
    if fault {
        attributes.push(("xmlns:aws", AWS_FAULT));
    }
    w.start(Some(SOAP), "Envelope", &attributes, &named("Envelope"))?;
    w.start(Some(SOAP), "Body", &[], &named("Body"))
}

/// Writes `draft` in `style`.
pub(crate) fn render(
    opts: &RenderOptions,
    w: &mut Writer,
    draft: &Draft,
    style: Envelope,
    soap: Option<SoapVersion>,
) -> Result<(), RenderError> {
    check(opts, draft, style)?;
    let names = Names::new(opts)?;
    if let Some(version) = soap {
        soap_start(w, version, style == Envelope::SoapFault)?;
    }
    match (style, soap) {
        (Envelope::SoapFault, Some(version)) => fault(w, draft, version, &names)?,
        (Envelope::ActionResponse, _) => action_response(opts, w, draft, &names)?,
        _ => error_envelope(w, draft, style, &names)?,
    }
    if soap.is_some() {
        w.end();
        w.end();
    }
    Ok(())
}

/// What any style must hold: a consistent outcome, an action where the
/// style has one, fields the envelope reads back as they are.
fn check(opts: &RenderOptions, draft: &Draft, style: Envelope) -> Result<(), RenderError> {
    match (draft.outcome(), draft.errors().is_empty(), draft.result()) {
        (Outcome::Success, true, Some(Value::Object(_))) | (Outcome::Error, false, None) => {}
        (Outcome::Success, false, _) => {
            return Err(RenderError::Inconsistent("a success with errors"));
        }
        (Outcome::Success, true, None) => {
            return Err(RenderError::Inconsistent("a success without a result"));
        }
        (Outcome::Success, true, Some(_)) => {
            return Err(RenderError::Inconsistent("a result that is not an object"));
        }
        (_, true, _) => return Err(RenderError::Inconsistent("an error outcome without errors")),
        (_, false, Some(_)) => return Err(RenderError::Inconsistent("an error with a result")),
    }
    if draft.errors().len() > opts.max_errors() {
        return Err(RenderError::OverLimit {
            field: "errors".to_owned(),
            limit: Limit::Errors,
            max: opts.max_errors(),
        });
    }
    match style {
        Envelope::None => return Err(RenderError::NoEnvelope),
        Envelope::ActionResponse => {}
        _ if draft.outcome() == Outcome::Success => return Err(unsupported(style, "a success")),
        _ => {}
    }
    let one = matches!(
        style,
        Envelope::SoapFault | Envelope::Error | Envelope::Exception
    );
    if one && draft.errors().len() > 1 {
        return Err(unsupported(style, "more than one error"));
    }
    match (style, draft.action()) {
        (Envelope::ActionResponse | Envelope::ActionErrorResponse, None) => {
            return Err(unsupported(style, "a response without an action"));
        }
        (Envelope::ActionResponse | Envelope::ActionErrorResponse, Some(action)) => {
            if !is_ncname(action) {
                return Err(RenderError::InvalidName {
                    field: "action".to_owned(),
                });
            }
            if style == Envelope::ActionResponse && action.ends_with("Error") {
                // `XErrorResponse` is another envelope
                return Err(unsupported(style, "an action whose name ends in `Error`"));
            }
        }
        (_, Some(_)) => return Err(unsupported(style, "an action")),
        (_, None) => {}
    }
    if draft
        .request_id()
        .is_some_and(|id| crate::text::trim_xml_ws(id).is_empty())
    {
        return Err(unsupported(style, "an empty request id (it reads as none)"));
    }
    for (i, e) in draft.errors().iter().enumerate() {
        let empty = |v: Option<&str>| v.is_some_and(|v| crate::text::trim_xml_ws(v).is_empty());
        if empty(e.error_type()) {
            return Err(unsupported(
                style,
                format!("errors[{i}]: an empty type (it reads as none)"),
            ));
        }
        if empty(e.detail()) {
            return Err(unsupported(
                style,
                format!("errors[{i}]: an empty detail (it reads as none)"),
            ));
        }
    }
    Ok(())
}

/// `<Error>` with its fields (`request_id`: inside it, the bare `<Error>` root).
fn error_element(
    w: &mut Writer,
    names: &Names<'_>,
    e: &DraftEntry,
    i: usize,
    root: bool,
    request_id: Option<&str>,
) -> Result<(), RenderError> {
    let p = names.prefix;
    let attrs = if root { names.declare() } else { Vec::new() };
    w.start(p, "Error", &attrs, &named("Error"))?;
    let field = |name: &'static str| move || format!("errors[{i}].{name}");
    if let Some(t) = e.error_type() {
        w.leaf(p, "Type", t, TextKind::Field, &field("type"))?;
    }
    w.leaf(p, "Code", e.code(), TextKind::Field, &field("code"))?;
    if let Some(m) = e.message() {
        w.leaf(p, "Message", m, TextKind::Field, &field("message"))?;
    }
    if let Some(d) = e.detail() {
        w.leaf(p, "Detail", d, TextKind::Field, &field("detail"))?;
    }
    if let Some(id) = request_id {
        w.leaf(p, "RequestId", id, TextKind::Field, &named("request_id"))?;
    }
    w.end();
    Ok(())
}

/// `error_response`, `response_errors`, `action_error_response`, `error`, `exception`.
fn error_envelope(
    w: &mut Writer,
    draft: &Draft,
    style: Envelope,
    names: &Names<'_>,
) -> Result<(), RenderError> {
    let p = names.prefix;
    let id = draft.request_id();
    let errors = draft.errors();
    let root = match style {
        Envelope::Error => {
            for (i, e) in errors.iter().enumerate() {
                error_element(w, names, e, i, true, id)?;
            }
            return Ok(());
        }
        Envelope::Exception => return exception(w, draft, names),
        Envelope::ErrorResponse => "ErrorResponse".to_owned(),
        Envelope::ResponseErrors => "Response".to_owned(),
        Envelope::ActionErrorResponse => format!("{}ErrorResponse", draft.action().unwrap_or("")),
        _ => return Err(unsupported(style, "this response")),
    };
    w.start(p, &root, &names.declare(), &named("root"))?;
    let wrapped = style == Envelope::ResponseErrors;
    if wrapped {
        w.start(p, "Errors", &[], &named("errors"))?;
    }
    for (i, e) in errors.iter().enumerate() {
        error_element(w, names, e, i, false, None)?;
    }
    if wrapped {
        w.end();
    }
    if let Some(id) = id {
        let name = if wrapped { "RequestID" } else { "RequestId" };
        w.leaf(p, name, id, TextKind::Field, &named("request_id"))?;
    }
    w.end();
    Ok(())
}

/// A root named after the code (`XException`), with `Message` and `RequestId`.
fn exception(w: &mut Writer, draft: &Draft, names: &Names<'_>) -> Result<(), RenderError> {
    let style = Envelope::Exception;
    let Some(e) = draft.errors().first() else {
        return Err(RenderError::Inconsistent("an error outcome without errors"));
    };
    if !e.code().ends_with("Exception") {
        return Err(unsupported(
            style,
            "a code that does not end in `Exception`",
        ));
    }
    if !is_ncname(e.code()) || e.code() != crate::text::trim_xml_ws(e.code()) {
        return Err(RenderError::InvalidName {
            field: "errors[0].code".to_owned(),
        });
    }
    if e.error_type().is_some() {
        return Err(unsupported(style, "an error type"));
    }
    if e.detail().is_some() {
        return Err(unsupported(style, "a detail"));
    }
    let p = names.prefix;
    w.start(p, e.code(), &names.declare(), &named("errors[0].code"))?;
    if let Some(m) = e.message() {
        w.leaf(
            p,
            "Message",
            m,
            TextKind::Field,
            &named("errors[0].message"),
        )?;
    }
    if let Some(id) = draft.request_id() {
        w.leaf(p, "RequestId", id, TextKind::Field, &named("request_id"))?;
    }
    w.end();
    Ok(())
}

/// A SOAP `Fault` (inside the open `Envelope/Body`).
fn fault(
    w: &mut Writer,
    draft: &Draft,
    version: SoapVersion,
    names: &Names<'_>,
) -> Result<(), RenderError> {
    let style = Envelope::SoapFault;
    let Some(e) = draft.errors().first() else {
        return Err(RenderError::Inconsistent("an error outcome without errors"));
    };
    let class = match e.error_type().map(crate::text::trim_xml_ws) {
        Some("Sender") => ["Client", "Sender"],
        Some("Receiver") => ["Server", "Receiver"],
        _ => {
            return Err(unsupported(
                style,
                "an error whose type is not `Sender` or `Receiver`",
            ));
        }
    };
    let detail = e.detail();
    let id = draft.request_id();
    if detail.is_some() && id.is_some() {
        return Err(unsupported(style, "a text detail beside a request id"));
    }
    let code = crate::text::trim_xml_ws(e.code());
    let s = Some(SOAP);
    w.start(s, "Fault", &[], &named("Fault"))?;
    let detail_name = match version {
        SoapVersion::V1_1 => {
            let faultcode = format!("aws:{}.{code}", class[0]);
            w.leaf(
                None,
                "faultcode",
                &faultcode,
                TextKind::Field,
                &named("errors[0].code"),
            )?;
            if let Some(m) = e.message() {
                w.leaf(
                    None,
                    "faultstring",
                    m,
                    TextKind::Field,
                    &named("errors[0].message"),
                )?;
            }
            (None, "detail")
        }
        SoapVersion::V1_2 => {
            w.start(s, "Code", &[], &named("Code"))?;
            let value = format!("soap:{}", class[1]);
            w.leaf(
                s,
                "Value",
                &value,
                TextKind::Field,
                &named("errors[0].type"),
            )?;
            w.start(s, "Subcode", &[], &named("Subcode"))?;
            let sub = format!("aws:{code}");
            w.leaf(s, "Value", &sub, TextKind::Field, &named("errors[0].code"))?;
            w.end();
            w.end();
            if let Some(m) = e.message() {
                w.start(s, "Reason", &[], &named("Reason"))?;
                w.start(s, "Text", &[("xml:lang", "en")], &named("Text"))?;
                w.text(m, TextKind::Field, &named("errors[0].message"))?;
                w.end();
                w.end();
            }
            (s, "Detail")
        }
    };
    if let Some(d) = detail {
        w.leaf(
            detail_name.0,
            detail_name.1,
            d,
            TextKind::Field,
            &named("errors[0].detail"),
        )?;
    } else if let Some(id) = id {
        w.start(
            detail_name.0,
            detail_name.1,
            &names.declare(),
            &named("detail"),
        )?;
        // `aws:RequestId`, as AWS writes it, unless the options name a prefix
        let prefix = names.prefix.or(Some("aws"));
        w.leaf(
            prefix,
            "RequestId",
            id,
            TextKind::Field,
            &named("request_id"),
        )?;
        w.end();
    }
    w.end();
    Ok(())
}

/// `<XResponse>`: a success in the options' form, or `Errors/Error`.
fn action_response(
    opts: &RenderOptions,
    w: &mut Writer,
    draft: &Draft,
    names: &Names<'_>,
) -> Result<(), RenderError> {
    let p = names.prefix;
    let action = draft.action().unwrap_or("");
    let root = format!("{action}Response");
    let id = draft.request_id();
    w.start(p, &root, &names.declare(), &named("action"))?;
    let form = opts.form;
    let success = draft.outcome() == Outcome::Success;
    leading_metadata(w, p, form, success, id)?;
    if draft.outcome() == Outcome::Error {
        w.start(p, "Errors", &[], &named("errors"))?;
        for (i, e) in draft.errors().iter().enumerate() {
            error_element(w, names, e, i, false, None)?;
        }
        w.end();
    } else if let Some(Value::Object(result)) = draft.result() {
        let result_name = format!("{action}Result");
        let mut tree = Tree::new(opts, names.prefix);
        if form == ActionForm::Modern {
            w.start(p, &result_name, &[], &named("result"))?;
            tree.children(w, result, &Path::root("result"), true)?;
            w.end();
        } else {
            for (k, _) in result.iter() {
                if crate::names::is_root_metadata(k) || k == "Errors" || k == result_name {
                    return Err(unsupported(
                        Envelope::ActionResponse,
                        format!(
                            "a result member named `{k}` beside the envelope's, in the {form:?} form"
                        ),
                    ));
                }
            }
            tree.children(w, result, &Path::root("result"), true)?;
        }
    }
    trailing_metadata(w, p, form, success, id)?;
    w.end();
    Ok(())
}

/// What an `<XResponse>` holds before its result: the 2007 form's
/// `ResponseStatus` (`StatusCode` for a success) or EC2's `requestId`.
fn leading_metadata(
    w: &mut Writer,
    p: Option<&str>,
    form: ActionForm,
    success: bool,
    id: Option<&str>,
) -> Result<(), RenderError> {
    match form {
        ActionForm::ResponseStatus => {
            w.start(p, "ResponseStatus", &[], &named("ResponseStatus"))?;
            if success {
                w.leaf(
                    p,
                    "StatusCode",
                    "Success",
                    TextKind::Field,
                    &named("StatusCode"),
                )?;
            }
            if let Some(id) = id {
                w.leaf(p, "RequestId", id, TextKind::Field, &named("request_id"))?;
            }
            w.end();
        }
        ActionForm::Ec2 => {
            if let Some(id) = id {
                w.leaf(p, "requestId", id, TextKind::Field, &named("request_id"))?;
            }
        }
        ActionForm::Modern => {}
    }
    Ok(())
}

/// What a modern `<XResponse>` holds after its result: `ResponseMetadata`,
/// or, for an error, the request id a child of the root (`SimpleDB`'s).
fn trailing_metadata(
    w: &mut Writer,
    p: Option<&str>,
    form: ActionForm,
    success: bool,
    id: Option<&str>,
) -> Result<(), RenderError> {
    match (form, id) {
        (ActionForm::Modern, Some(id)) if !success => {
            w.leaf(p, "RequestId", id, TextKind::Field, &named("request_id"))?;
        }
        (ActionForm::Modern, Some(id)) => {
            w.start(p, "ResponseMetadata", &[], &named("ResponseMetadata"))?;
            w.leaf(p, "RequestId", id, TextKind::Field, &named("request_id"))?;
            w.end();
        }
        _ => {}
    }
    Ok(())
}

/// `value` serialized as the result of a success of `action`.
pub(crate) fn serialize<T: serde::Serialize + ?Sized>(
    opts: &RenderOptions,
    w: &mut Writer,
    action: &str,
    request_id: Option<&str>,
    soap: Option<SoapVersion>,
    value: &T,
) -> Result<(), RenderError> {
    // the envelope's checks, on an empty result
    let mut draft = Draft::success(action);
    if let Some(id) = request_id {
        draft = draft.with_request_id(id);
    }
    check(opts, &draft, Envelope::ActionResponse)?;
    let names = Names::new(opts)?;
    if let Some(version) = soap {
        soap_start(w, version, false)?;
    }
    let p = names.prefix;
    let result_name = format!("{action}Result");
    w.start(
        p,
        &format!("{action}Response"),
        &names.declare(),
        &named("action"),
    )?;
    leading_metadata(w, p, opts.form, true, request_id)?;
    if opts.form == ActionForm::Modern {
        w.start(p, &result_name, &[], &named("result"))?;
        crate::render::ser::result(w, opts.arrays, p, None, value)?;
        w.end();
    } else {
        crate::render::ser::result(w, opts.arrays, p, Some(&result_name), value)?;
    }
    trailing_metadata(w, p, opts.form, true, request_id)?;
    w.end();
    if soap.is_some() {
        w.end();
        w.end();
    }
    Ok(())
}
