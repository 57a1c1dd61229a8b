"""The smoke test of the production mode, run by tools/smoke.sh against a prefork server.

usage: smoke.py URL DB SERVER_PID GEVENT_PORT

Each check prints "ok ..." or "FAIL ..."; the exit status is the number of failures.
"""

import base64
import json
import multiprocessing
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date
from http.cookiejar import CookieJar

import websocket

URL, DB, SERVER_PID, GEVENT_PORT = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
CLAIMS = 3
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def post(opener, path, params):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
    request = urllib.request.Request(
        URL + path, body.encode(), {"Content-Type": "application/json"}
    )
    with opener.open(request, timeout=120) as response:
        answer = json.load(response)
    if answer.get("error"):
        error = answer["error"]
        raise RuntimeError(error.get("data", {}).get("message") or error.get("message"))
    return answer["result"]


class Client:
    """A user over JSON-RPC (the /jsonrpc service, login and password on each call)."""

    def __init__(self, login):
        self.login = login
        self.opener = urllib.request.build_opener()
        self.uid = post(
            self.opener,
            "/jsonrpc",
            {"service": "common", "method": "login", "args": [DB, login, login]},
        )

    def __call__(self, model, method, *args, **kwargs):
        return post(
            self.opener,
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [DB, self.uid, self.login, model, method, list(args), kwargs],
            },
        )


def wait_for_server():
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(URL + "/web/health", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def member_claims(queue):
    """The member: claims with evidence, submitted one after the other."""
    member = Client("member")
    member_id = member("res.users", "read", [member.uid], ["party_member_id"])[0][
        "party_member_id"
    ][0]
    rule_id = member("ir.model.data", "check_object_reference", "party_quant", "point_rule_praise")[
        1
    ]
    for number in range(CLAIMS):
        attachment_id = member(
            "ir.attachment",
            "create",
            {
                "name": f"praise-{number}.png",
                "datas": base64.b64encode(b"smoke test evidence").decode(),
                "res_model": "party.point.line",
            },
        )
        line_id = member(
            "party.point.line",
            "create",
            {
                "rule_id": rule_id,
                "member_id": member_id,
                "date": date.today().isoformat(),
                "points": 2,
                "description": f"smoke test claim {number}",
                "attachment_ids": [(6, 0, [attachment_id])],
            },
        )
        member("party.point.line", "action_submit", [line_id])
        queue.put(line_id)
    queue.put(None)


def branch_approves(queue, results):
    """The branch officer: approves each claim as soon as it is submitted."""
    branch = Client("branch")
    while (line_id := queue.get(timeout=120)) is not None:
        branch("party.point.line", "action_approve", [line_id])
        results.put(line_id)


def run_concurrently():
    queue, results = multiprocessing.Queue(), multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=member_claims, args=(queue,)),
        multiprocessing.Process(target=branch_approves, args=(queue, results)),
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(300)
    approved = []
    while not results.empty():
        approved.append(results.get())
    return [process.exitcode for process in processes], approved


def render_pdf():
    """A PDF over HTTP, with a browser's session: the member's own handbook."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    session = post(
        opener,
        "/web/session/authenticate",
        {"db": DB, "login": "member", "password": "member"},
    )
    member_id = Client("member")("res.users", "read", [session["uid"]], ["party_member_id"])[0][
        "party_member_id"
    ][0]
    started = time.time()
    with opener.open(f"{URL}/report/pdf/party_quant.report_handbook/{member_id}", timeout=120) as r:
        content, kind = r.read(), r.headers.get("Content-Type", "")
    return content, kind, time.time() - started


def open_websocket():
    """The inbox's websocket, on the gevent worker (as the reverse proxy would route it)."""
    host = urllib.parse.urlsplit(URL).hostname
    deadline = time.time() + 60
    while True:
        try:
            connection = websocket.create_connection(
                f"ws://{host}:{GEVENT_PORT}/websocket", origin=URL, timeout=30
            )
        except ConnectionRefusedError:
            # The gevent worker starts a few seconds after the HTTP workers.
            if time.time() > deadline:
                raise
            time.sleep(1)
        else:
            connection.close()
            return True


def background_job():
    """A job run by the cron worker: the general branch officer refreshes the signals."""
    general = Client("general")
    action = general("party.record.signal", "action_refresh_signals")
    job_id = action["res_id"]
    deadline = time.time() + 180
    while time.time() < deadline:
        job = general("party.job", "read", [job_id], ["state", "error"])[0]
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(1)
    return job


def main():
    check(wait_for_server(), f"server answers at {URL}")
    if failures:
        return 1
    workers = subprocess.run(
        ["ps", "--ppid", str(SERVER_PID), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    # 2 HTTP workers, 1 cron worker and the gevent worker.
    check(len(workers) >= 4, f"prefork server: {len(workers)} worker processes (want 4)")
    for login in ("member", "branch"):
        try:
            check(bool(Client(login).uid), f"JSON-RPC login as {login}")
        except Exception as error:  # noqa: BLE001 - reported as a failed check
            check(False, f"JSON-RPC login as {login}: {error}")
    if failures:
        return len(failures)
    try:
        check(open_websocket(), f"websocket on the gevent worker (port {GEVENT_PORT})")
    except Exception as error:  # noqa: BLE001 - reported as a failed check
        check(False, f"websocket on the gevent worker (port {GEVENT_PORT}): {error}")

    started = time.time()
    exitcodes, approved = run_concurrently()
    check(
        exitcodes == [0, 0] and len(approved) == CLAIMS,
        f"{CLAIMS} claims by the member approved by the branch officer at the same time, "
        f"two processes ({time.time() - started:.1f} s; exit codes {exitcodes})",
    )
    if approved:
        states = Client("member")("party.point.line", "read", approved, ["state"])
        check(
            {line["state"] for line in states} == {"approved"},
            "the member reads the claims approved",
        )

    try:
        content, kind, seconds = render_pdf()
        check(
            content.startswith(b"%PDF") and "pdf" in kind,
            f"points handbook PDF over HTTP ({len(content) // 1024} KiB, {seconds:.1f} s)",
        )
    except Exception as error:  # noqa: BLE001 - reported as a failed check
        check(False, f"points handbook PDF over HTTP: {error}")

    try:
        started = time.time()
        job = background_job()
        check(
            job["state"] == "done",
            f"background job run by the cron worker: {job['state']} "
            f"({time.time() - started:.1f} s) {job['error'] or ''}",
        )
    except Exception as error:  # noqa: BLE001 - reported as a failed check
        check(False, f"background job: {error}")
    return len(failures)


if __name__ == "__main__":
    sys.exit(main())
