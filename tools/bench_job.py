"""Measure a background print against a running server (e.g. `WORKERS=2 make run`):
the committee prints the handbooks of every member of the company.

usage: bench_job.py URL DB [LOGIN]

Prints how long the request took, the job's progress every second and the total.
"""

import json
import sys
import time
import urllib.request

URL, DB = sys.argv[1], sys.argv[2]
LOGIN = sys.argv[3] if len(sys.argv) > 3 else "committee"


def call(model, method, *args, **kwargs):
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [DB, UID, LOGIN, model, method, list(args), kwargs],
        },
    }
    request = urllib.request.Request(
        URL + "/jsonrpc", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        answer = json.load(response)
    if answer.get("error"):
        raise RuntimeError(answer["error"]["data"]["message"])
    return answer["result"]


def login():
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {"service": "common", "method": "login", "args": [DB, LOGIN, LOGIN]},
    }
    request = urllib.request.Request(
        URL + "/jsonrpc", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["result"]


UID = login()
top = call("party.organization", "search", [("kind", "=", "committee"), ("parent_id", "=", False)])
members = call("party.member", "search_count", [("organization_id", "child_of", top)])
started = time.time()
action = call("party.organization", "action_print_handbooks", top)
answered = time.time() - started
print(
    f"BENCH request answered in {answered:.2f} s: "
    f"{action.get('res_model')} {action.get('res_id')}"
)
print(f"BENCH members: {members}")
job_id = action["res_id"]
last = None
while True:
    job = call(
        "party.job",
        "read",
        [job_id],
        ["state", "done", "total", "progress", "error", "attachment_id"],
    )[0]
    seen = (job["state"], job["done"], job["total"])
    if seen != last:
        print(
            f"BENCH t={time.time() - started:6.1f} s  {job['state']:8} "
            f"{job['done']}/{job['total']}  {job['progress']:.0f}%",
            flush=True,
        )
        last = seen
    if job["state"] in ("done", "failed"):
        break
    time.sleep(1)
total = time.time() - started
if job["state"] == "done":
    attachment = call("ir.attachment", "read", [job["attachment_id"][0]], ["file_size", "name"])[0]
    print(
        f"BENCH done in {total:.1f} s: {attachment['name']} "
        f"{attachment['file_size'] / 1024 / 1024:.1f} MiB"
    )
else:
    print(f"BENCH failed after {total:.1f} s: {job['error']}")
    sys.exit(1)
