#!/usr/bin/env python3
"""Peak memory of `aws-query-xml parse --no-result -` on a generated success
body of at least 200 MB, built on the fly and never stored.

Usage: rss_no_result.py PATH/TO/aws-query-xml [MEGABYTES]

Fails (exit 1) when the CLI's peak resident set size reaches 16 MiB or its
output is not the expected envelope. The peak is what GNU time (`/usr/bin/time
-f %M`) reports for the CLI alone. The elapsed time is printed for
information only; nothing is asserted about it.
"""
import json
import os
import subprocess
import sys
import threading
import time

LIMIT_KIB = 16 * 1024


def body(megabytes):
    """Yields the body in blocks of about 1 MiB."""
    yield b'<?xml version="1.0"?>\n<ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">\n  <ReceiveMessageResult>\n'
    message = (
        b"    <Message>\n      <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>\n"
        b"      <ReceiptHandle>MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw</ReceiptHandle>\n"
        b"      <Body>This is a test message &amp; more</Body>\n"
        b"      <Attribute><Name>SenderId</Name><Value>195004372649</Value></Attribute>\n"
        b"    </Message>\n"
    )
    block = message * ((1 << 20) // len(message))
    for _ in range(megabytes):
        yield block
    yield b"  </ReceiveMessageResult>\n  <ResponseMetadata>\n    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>\n  </ResponseMetadata>\n</ReceiveMessageResponse>\n"


def main():
    cli = sys.argv[1]
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("FAIL: /usr/bin/time (GNU time) is needed to measure the peak RSS")
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", cli, "parse", "--no-result", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    sent = 0

    def feed():
        nonlocal sent
        try:
            for block in body(megabytes):
                proc.stdin.write(block)
                sent += len(block)
        finally:
            proc.stdin.close()

    start = time.monotonic()
    writer = threading.Thread(target=feed)
    writer.start()
    out = proc.stdout.read()
    err = proc.stderr.read()
    code = proc.wait()
    writer.join()
    elapsed = time.monotonic() - start
    lines = err.decode(errors="replace").strip().splitlines()
    peak_kib = int(lines[-1]) if lines and lines[-1].isdigit() else LIMIT_KIB
    print(f"body: {sent / 1e6:.1f} MB; peak RSS: {peak_kib / 1024:.1f} MiB (limit 16 MiB); "
          f"{elapsed:.2f} s, {sent / 1e6 / elapsed:.0f} MB/s (not asserted)")
    ok = True
    if code != 0:
        print(f"FAIL: exit status {code}: {' '.join(lines)}")
        ok = False
    else:
        got = json.loads(out)
        want = {"outcome": "success", "request_id": "b6633655-283d-45b4-aee4-4e84e0ae6afa",
                "action": "ReceiveMessage", "result": None, "errors": []}
        for key, value in want.items():
            if got.get(key) != value:
                print(f"FAIL: {key} is {got.get(key)!r}, expected {value!r}")
                ok = False
    if sent < megabytes * 10**6:
        print("FAIL: the body was not sent whole")
        ok = False
    if peak_kib >= LIMIT_KIB:
        print(f"FAIL: peak RSS {peak_kib} KiB is not under {LIMIT_KIB} KiB")
        ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
