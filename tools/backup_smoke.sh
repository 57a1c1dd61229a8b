#!/usr/bin/env bash
# make backup-smoke: a production database end to end, as a company would run it.
#   1. make start (no demo, zh_CN, the company's name, the admin's password, NO_SERVE);
#   2. a committee, a branch, a member with a login and an attachment (in the filestore);
#   3. make backup; 4. make restore under another name, after dropping the original
#      (what "another machine" has: the zip alone);
#   5. the restored database served by the prefork server: the member signs in and
#      downloads their points handbook (PDF, their name in it) and the attachment.
# Prints "backup-smoke: PASS in N s" or "backup-smoke: FAIL ..."; exits non-zero on failure.
source "$(dirname "$0")/common.sh"
require_odoo

PROD_DB="${PROD_DB:-pq_golive_smoke}"
RESTORED_DB="${RESTORED_DB:-pq_golive_restored}"
PORT="${BACKUP_SMOKE_PORT:-8189}"
GEVENT="${BACKUP_SMOKE_GEVENT_PORT:-8190}"
LOG="$BUILD_DIR/backup-smoke.log"
BACKUP_DIR="$BUILD_DIR/backups"
: >"$LOG"

fail() {
    echo "backup-smoke: FAIL $*" >&2
    exit 1
}
cleanup() {
    [ -z "${server:-}" ] || kill -TERM -- "-$server" 2>/dev/null || true
    for db in "$PROD_DB" "$RESTORED_DB"; do
        dropdb --if-exists --force "$db" 2>/dev/null || true
        rm -rf "${DATA_DIR:?}/filestore/$db"
    done
}
trap cleanup EXIT
start=$(date +%s)
cleanup

NO_SERVE=1 DB="$PROD_DB" COMPANY="泉州测试供电公司" ADMIN_PASSWORD="admin-pass-1" \
    bash "$REPO/tools/start.sh" >>"$LOG" 2>&1 || fail "make start (see $LOG)"
[ "$(psql -d "$PROD_DB" -tAc "SELECT count(*) FROM ir_module_module WHERE demo")" = 0 ] ||
    fail "make start loaded demo data"
[ "$(psql -d "$PROD_DB" -tAc "SELECT count(*) FROM party_member")" = 0 ] || fail "the new database has members"
[ "$(psql -d "$PROD_DB" -tAc "SELECT c.name || ' ' || p.lang || ' ' || p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id, res_company c WHERE u.login = 'admin' AND c.id = 1")" = "泉州测试供电公司 zh_CN Asia/Shanghai" ] ||
    fail "make start did not set the company's name or the administrator's language and time zone"
echo "ok   make start: $PROD_DB without demo data, the company named, admin in zh_CN and Asia/Shanghai"

odoo_sub shell -d "$PROD_DB" --no-http --log-level=warn >>"$LOG" 2>&1 <<'PY' || fail "seeding (see $LOG)"
import base64
Org = env["party.organization"]
committee = Org.create({"name": "泉州测试党委", "kind": "committee"})
branch = Org.create({"name": "营业厅党支部", "kind": "branch", "parent_id": committee.id,
                     "branch_type_id": env.ref("party_quant.branch_type_service").id})
member = env["party.member"].create({"name": "林晓梅", "organization_id": branch.id, "state": "full"})
user = env["res.users"].create({
    "name": "林晓梅", "login": "linxm", "password": "linxm-pass-1", "lang": "zh_CN",
    "tz": "Asia/Shanghai",
    "groups_id": [(6, 0, [env.ref("base.group_user").id, env.ref("party_quant.group_party_member").id])],
})
member.user_id = user
env["ir.attachment"].create({"name": "证书.txt", "raw": "优秀党员证书 2026".encode(),
                             "res_model": "party.member", "res_id": member.id})
env.cr.commit()
PY
echo "ok   seeded: a committee, a branch, a member with a login and an attachment"

export BACKUP_DIR
out="$(DB="$PROD_DB" bash "$REPO/tools/backup.sh" 2>>"$LOG")" || fail "make backup (see $LOG)"
file="$(printf '%s\n' "$out" | sed -n 's/^backup of [^:]*: \(.*\.zip\) (.*/\1/p')"
[ -f "$file" ] || fail "make backup wrote no file ($out)"
echo "ok   $out"

dropdb --force "$PROD_DB" && rm -rf "${DATA_DIR:?}/filestore/$PROD_DB"
FILE="$file" DB="$RESTORED_DB" bash "$REPO/tools/restore.sh" >>"$LOG" 2>&1 || fail "make restore (see $LOG)"
echo "ok   make restore into $RESTORED_DB, the original dropped"

psql -d "$RESTORED_DB" -qc "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
    VALUES ('report.url', 'http://localhost:$PORT', 1, 1, now(), now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
set +e
setsid env DB="$RESTORED_DB" HTTP_PORT="$PORT" GEVENT_PORT="$GEVENT" WORKERS=2 CRON_WORKERS=0 \
    bash "$REPO/tools/run.sh" --logfile="$LOG" >>"$LOG" 2>&1 &
server=$!
set -e
"$ODOO_PYTHON" - "http://localhost:$PORT" "$RESTORED_DB" <<'PY' || fail "the restored instance (see $LOG)"
import json, subprocess, sys, tempfile, time, urllib.request
from http.cookiejar import CookieJar

url, db = sys.argv[1], sys.argv[2]
deadline = time.time() + 120
while True:
    try:
        urllib.request.urlopen(url + "/web/health", timeout=5)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("the restored instance does not answer")
        time.sleep(1)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

def call(path, params):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}).encode()
    req = urllib.request.Request(url + path, body, {"Content-Type": "application/json"})
    answer = json.load(opener.open(req, timeout=120))
    if answer.get("error"):
        sys.exit(f"{path}: {answer['error']['data']['message']}")
    return answer["result"]

admin_uid = call("/jsonrpc", {"service": "common", "method": "login", "args": [db, "admin", "admin-pass-1"]})
if not admin_uid:
    sys.exit("the administrator's password of make start does not sign in")
print("ok   the administrator signs in with the password make start was given")
session = call("/web/session/authenticate", {"db": db, "login": "linxm", "password": "linxm-pass-1"})
member = call("/web/dataset/call_kw", {"model": "res.users", "method": "read",
              "args": [[session["uid"]], ["party_member_id"]], "kwargs": {}})[0]["party_member_id"]
print(f"ok   the member signs in to the restored instance (uid {session['uid']})")
with opener.open(f"{url}/report/pdf/party_quant.report_handbook/{member[0]}", timeout=180) as r:
    pdf = r.read()
with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
    fh.write(pdf)
    fh.flush()
    text = subprocess.run(["pdftotext", fh.name, "-"], capture_output=True, text=True).stdout
if not pdf.startswith(b"%PDF") or "林晓梅" not in text:
    sys.exit(f"the handbook is not a PDF with the member's name ({pdf[:40]!r})")
print(f"ok   the member's handbook from the restored instance ({len(pdf) // 1024} KiB, name in the text)")
att = call("/web/dataset/call_kw", {"model": "ir.attachment", "method": "search_read",
           "args": [[("res_model", "=", "party.member")], ["id"]], "kwargs": {}})
with opener.open(f"{url}/web/content/{att[0]['id']}?download=true", timeout=60) as r:
    content = r.read()
if content != "优秀党员证书 2026".encode():
    sys.exit(f"the attachment's file did not come back: {content[:40]!r}")
print("ok   the attachment's file came back with the filestore")
PY
echo "backup-smoke: PASS in $(($(date +%s) - start)) s"
