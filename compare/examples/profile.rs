//! A loop to profile, on one input of the benchmarks:
//! `cargo run --release --example profile -- envelope|typed|result [INPUT]`
//! (INPUT a name from `benches/common/inputs.rs`, default `sqs-receive-1MiB`).

use aws_query_xml_compare::{inputs, ours};

fn main() {
    let mut args = std::env::args().skip(1);
    let work = args.next().unwrap_or_else(|| "envelope".into());
    let name = args.next().unwrap_or_else(|| "sqs-receive-1MiB".into());
    let input = inputs::all()
        .into_iter()
        .find(|input| input.name == name)
        .unwrap_or_else(|| panic!("no input named {name}"));
    // about 200 MiB of input whatever the body's size
    let n = (200 << 20) / input.body.len();
    let mut total = 0usize;
    for _ in 0..n {
        match work.as_str() {
            "envelope" => {
                let mut sink = ours::Lengths::default();
                ours::envelope(&input.body, &mut sink);
                total += sink.0;
            }
            "typed" => {
                std::hint::black_box(ours::typed(input.kind, &input.body));
                total += 1;
            }
            "result" => ours::result_texts(&input.body, &mut |text| total += text.len()),
            other => panic!("unknown work {other}: envelope, typed or result"),
        }
    }
    println!("{total}");
}
