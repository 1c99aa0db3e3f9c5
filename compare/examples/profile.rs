//! A loop to profile: `cargo run --release --example profile -- envelope|result|errors`.
fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "envelope".into());
    let body = if what == "errors" {
        aws_query_xml_compare::ec2_errors(100)
    } else {
        aws_query_xml_compare::sqs_receive(1 << 20)
    };
    let n = if what == "errors" { 20_000 } else { 200 };
    let mut total = 0usize;
    for _ in 0..n {
        let r = aws_query_xml::parse(&body).unwrap();
        if what == "result" {
            total += r
                .result()
                .unwrap()
                .map_or(0, |v| v.as_object().map_or(0, aws_query_xml::Map::len));
        } else {
            total += r.request_id().map_or(0, str::len);
        }
    }
    println!("{total}");
}
