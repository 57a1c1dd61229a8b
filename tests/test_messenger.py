"""WeCom and DingTalk against a local server that speaks their documented endpoints
(started by the test on a free port): the cards a decision queues are sent after the
commit and never on a rollback, failures are retried and logged, quiet hours hold a
card until the morning, the digest groups a day's cards, and the 免登 route signs in
the right user and refuses the others. The requests the server received are asserted
(token, recipient, content)."""

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import freezegun

from odoo import api
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.party_quant.models import party_messenger

from .test_import import ImportCase
from .test_points import PointsCase

WECOM_SECRET = "wecom-secret-123"
DINGTALK_SECRET = "dingtalk-secret-456"
BAD_TOKEN = {"errcode": 40014, "errmsg": "invalid access_token"}


class MessengerServer(ThreadingHTTPServer):
    """WeCom's and DingTalk's endpoints, as documented, on 127.0.0.1."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), MessengerHandler)
        self.requests = []
        self.fail_sends = 0
        self.codes = {}  # OAuth code → user id (WeCom) or unionId (DingTalk)
        self.unions = {}  # DingTalk unionId → userid
        self.mobiles = {}  # mobile → user id

    def sent(self, path):
        return [request for request in self.requests if request["path"] == path]


class MessengerHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def _answer(self):
        server = self.server
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        server.requests.append(
            {
                "method": self.command,
                "path": url.path,
                "query": query,
                "body": body,
                "headers": dict(self.headers),
            }
        )
        answer = self._route(url.path, query, body)
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, path, query, body):
        if path.startswith("/cgi-bin/"):
            return self._wecom(path, query, body)
        return self._dingtalk(path, query, body)

    def _wecom(self, path, query, body):
        server = self.server
        if path == "/cgi-bin/gettoken":
            if query.get("corpid") == "ww-corp" and query.get("corpsecret") == WECOM_SECRET:
                return {"errcode": 0, "access_token": "WTOKEN", "expires_in": 7200}
            return {"errcode": 40001, "errmsg": "invalid credential"}
        if path.startswith("/cgi-bin/"):
            if query.get("access_token") != "WTOKEN":
                return BAD_TOKEN
            if path == "/cgi-bin/message/send":
                if server.fail_sends:
                    server.fail_sends -= 1
                    return {"errcode": 60020, "errmsg": "not allow to access from your ip"}
                return {"errcode": 0, "errmsg": "ok", "invaliduser": ""}
            if path == "/cgi-bin/auth/getuserinfo":
                if query.get("code") in server.codes:
                    return {"errcode": 0, "userid": server.codes[query["code"]]}
                return {"errcode": 40029, "errmsg": "invalid code"}
            if path == "/cgi-bin/user/getuserid":
                if body.get("mobile") in server.mobiles:
                    return {"errcode": 0, "userid": server.mobiles[body["mobile"]]}
                return {"errcode": 46004, "errmsg": "user no exist"}
        return {"errcode": 404, "errmsg": "unknown endpoint"}

    def _dingtalk(self, path, query, body):
        if path == "/gettoken":
            if query.get("appkey") == "ding-key" and query.get("appsecret") == DINGTALK_SECRET:
                return {"errcode": 0, "access_token": "DTOKEN", "expires_in": 7200}
            return {"errcode": 40089, "errmsg": "invalid appkey or appsecret"}
        if path.startswith("/topapi/"):
            if query.get("access_token") != "DTOKEN":
                return BAD_TOKEN
            return self._topapi(path, body)
        server = self.server
        if path == "/v1.0/oauth2/userAccessToken":
            if body.get("clientSecret") == DINGTALK_SECRET and body.get("code") in server.codes:
                return {"accessToken": "U-" + body["code"], "expireIn": 7200}
            return {"code": "Forbidden", "message": "invalid code"}
        if path == "/v1.0/contact/users/me":
            token = self.headers.get("x-acs-dingtalk-access-token") or ""
            return {"unionId": server.codes.get(token[2:]), "nick": "x"}
        return {"errcode": 404, "errmsg": "unknown endpoint"}

    def _topapi(self, path, body):
        server = self.server
        if path == "/topapi/message/corpconversation/asyncsend_v2":
            if server.fail_sends:
                server.fail_sends -= 1
                return {"errcode": 88, "errmsg": "system busy"}
            return {"errcode": 0, "task_id": 1}
        if path == "/topapi/user/getbyunionid":
            userid = server.unions.get(body.get("unionid"))
            if userid:
                return {"errcode": 0, "result": {"userid": userid}}
            return {"errcode": 60121, "errmsg": "no such user"}
        if path == "/topapi/v2/user/getbymobile":
            if body.get("mobile") in server.mobiles:
                return {"errcode": 0, "result": {"userid": server.mobiles[body["mobile"]]}}
            return {"errcode": 60121, "errmsg": "no such user"}
        return {"errcode": 404, "errmsg": "unknown endpoint"}


class MessengerCase(HttpCase, PointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = MessengerServer()
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        params = cls.env["ir.config_parameter"]
        for name in (
            "wecom_api",
            "wecom_oauth",
            "dingtalk_oapi",
            "dingtalk_api",
            "dingtalk_login",
        ):
            params.set_param(f"party_quant.messenger_{name}", base)
        cls.company = cls.env.company
        cls.Log = cls.env["party.notify.log"]
        cls.user_member.party_messenger_userid = "zhangwei"
        cls.user_branch.party_messenger_userid = "lisi-secretary"
        cls.m11b.mobile = "13900000001"

    def setUp(self):
        super().setUp()
        party_messenger.TOKENS.clear()
        self.server.requests.clear()
        self.server.fail_sends = 0

    def set_channel(self, channel, secret, **values):
        self.company.write({"party_messenger_channel": channel, **values})
        key = party_messenger.secret_key(self.company)
        self.env["ir.config_parameter"].set_param(key, secret)

    def wecom(self):
        self.set_channel(
            "wecom",
            WECOM_SECRET,
            party_messenger_corp_id="ww-corp",
            party_messenger_agent_id="1000002",
        )

    def dingtalk(self):
        self.set_channel(
            "dingtalk",
            DINGTALK_SECRET,
            party_messenger_app_key="ding-key",
            party_messenger_agent_id="2000003",
        )

    def submitted(self):
        line = self.claim(self.user_member, self.attendance)
        line.action_submit()
        return line

    def run_cron(self):
        """What the cron worker does after the commit: a new cursor, batches until
        nothing is due."""
        self.env.flush_all()
        for _step in range(10):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["party.notify.log"]._cron_send()
                if not env["party.notify.log"].search_count(env["party.notify.log"]._due_domain()):
                    break
        self.env.invalidate_all()

    def session_uid(self):
        """The user of the test's browser session, None when nobody is signed in."""
        try:
            return self.make_jsonrpc_request("/web/session/get_session_info").get("uid")
        except JsonRpcException:
            return None

    def logs(self, user):
        return self.Log.search([("user_id", "=", user.id)])

    def sends_to(self, userid, path="/cgi-bin/message/send"):
        return [
            request
            for request in self.server.sent(path)
            if userid in (request["body"].get("touser") or request["body"].get("userid_list", ""))
        ]


@tagged("post_install", "-at_install")
class TestMessenger(MessengerCase):
    def test_approval_sends_one_card_after_commit(self):
        self.wecom()
        line = self.submitted()
        self.env.flush_all()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.user_branch.id, {"lang": "en_US"})
            env["party.point.line"].browse(line.id).action_approve()
            env.flush_all()
            queued = env["party.notify.log"].sudo().search([("user_id", "=", self.user_member.id)])
            self.assertEqual(len(queued), 1)
            self.assertEqual((queued.state, queued.source), ("queued", "notice"))
            self.assertFalse(self.server.requests, "nothing is sent inside the transaction")
        self.run_cron()
        sends = self.sends_to("zhangwei")
        self.assertEqual(len(sends), 1, "one card to the member")
        request = sends[0]
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["query"]["access_token"], "WTOKEN")
        body = request["body"]
        self.assertEqual(
            (body["touser"], body["msgtype"], body["agentid"]), ("zhangwei", "textcard", 1000002)
        )
        # In the member's language, as their inbox notice.
        self.assertIn("已批准", body["textcard"]["description"])
        self.assertIn(line.display_name, body["textcard"]["title"])
        url = body["textcard"]["url"]
        self.assertTrue(
            url.startswith(
                f"http://127.0.0.1:{self.server.server_address[1]}/connect/oauth2/authorize?appid=ww-corp"
            ),
            url,
        )
        redirect = urlsplit(parse_qs(urlsplit(url).query)["redirect_uri"][0])
        self.assertEqual(redirect.path, "/party/messenger/wecom/login")
        self.assertEqual(
            parse_qs(redirect.query),
            {"cid": [str(self.company.id)], "next": [f"/odoo/party.point.line/{line.id}"]},
        )
        token_calls = self.server.sent("/cgi-bin/gettoken")
        self.assertEqual(token_calls[0]["query"]["corpsecret"], WECOM_SECRET)
        log = self.logs(self.user_member)
        self.assertEqual((log.state, log.attempts, log.messenger_userid), ("sent", 1, "zhangwei"))
        # Sent once: the cron again sends nothing more.
        self.server.requests.clear()
        self.run_cron()
        self.assertFalse(self.server.sent("/cgi-bin/message/send"))

    def test_rollback_queues_nothing(self):
        self.wecom()
        line = self.submitted()
        self.env.flush_all()
        cr = self.registry.cursor()
        try:
            env = api.Environment(cr, self.user_branch.id, {"lang": "en_US"})
            env["party.point.line"].browse(line.id).action_approve()
            env.flush_all()
            self.assertTrue(
                env["party.notify.log"].sudo().search([("user_id", "=", self.user_member.id)])
            )
        finally:
            cr.rollback()
            cr.close()
        self.env.invalidate_all()
        self.assertFalse(self.logs(self.user_member))
        self.run_cron()
        self.assertFalse(self.sends_to("zhangwei"))

    def test_officer_todo_and_not_what_i_did(self):
        """The secretary gets a card for the claim to approve; nobody gets one for a
        to-do they gave themselves, or for a notice they wrote."""
        self.wecom()
        line = self.submitted()
        todo = self.logs(self.user_branch)
        self.assertEqual(len(todo), 1)
        self.assertEqual(
            (todo.source, todo.res_model, todo.res_id), ("activity", "party.point.line", line.id)
        )
        self.assertIn("待办：", todo.name)
        # The secretary's own to-do, by the secretary.
        self.env["mail.activity"].with_user(self.user_branch).sudo().create(
            {
                "res_model_id": self.env["ir.model"]._get_id("party.point.line"),
                "res_id": line.id,
                "user_id": self.user_branch.id,
                "summary": "mine",
            }
        )
        self.assertEqual(self.logs(self.user_branch), todo)
        # Users without a messenger id, companies without a messenger: nothing queued.
        self.user_branch.party_messenger_userid = False
        self.submitted()
        self.assertEqual(self.logs(self.user_branch), todo)

    def test_failed_send_is_retried_and_logged(self):
        self.wecom()
        self.submitted()
        log = self.logs(self.user_branch)
        self.server.fail_sends = 1
        with freezegun.freeze_time("2030-06-20 02:00:00"):
            self.run_cron()
            log.invalidate_recordset()
            self.assertEqual((log.state, log.attempts), ("queued", 1))
            self.assertIn("60020", log.error)
            self.assertNotIn(WECOM_SECRET, log.error)
            self.assertNotIn("WTOKEN", log.error)
            self.assertEqual(log.next_try, datetime(2030, 6, 20, 2, 1))
            self.run_cron()  # not due yet
            self.assertEqual(len(self.server.sent("/cgi-bin/message/send")), 1)
        with freezegun.freeze_time("2030-06-20 02:02:00"):
            self.run_cron()
        log.invalidate_recordset()
        self.assertEqual((log.state, log.attempts, log.error), ("sent", 2, False))
        self.assertEqual(len(self.server.sent("/cgi-bin/message/send")), 2)
        # A card that keeps failing ends failed, for the administrator to send again.
        self.submitted()
        log = self.logs(self.user_branch) - log
        self.server.fail_sends = 99
        for moment in ("02:03", "02:05", "02:11", "02:42", "04:43"):
            with freezegun.freeze_time(f"2030-06-20 {moment}:00"):
                self.run_cron()
        log.invalidate_recordset()
        self.assertEqual((log.state, log.attempts), ("failed", 5))
        failed = self.Log.with_user(self.user_admin).search([("state", "=", "failed")])
        self.assertEqual(failed, log, "the administrator sees the failure")
        with self.assertRaises(AccessError):
            log.with_user(self.user_committee).read(["error"])
        with self.assertRaises(UserError):
            log.with_user(self.user_admin).write({"attempts": 0})
        self.server.fail_sends = 0
        with freezegun.freeze_time("2030-06-20 05:00:00"):
            log.with_user(self.user_admin).action_retry()
            self.run_cron()
        log.invalidate_recordset()
        self.assertEqual(log.state, "sent")

    def test_quiet_hours_hold_until_morning(self):
        self.wecom()
        # 22:00 in Shanghai.
        with freezegun.freeze_time("2030-06-20 14:00:00"):
            self.submitted()
            log = self.logs(self.user_branch)
            self.assertEqual(log.state, "held")
            self.assertEqual(log.next_try, datetime(2030, 6, 21, 0, 0), "08:00 in Shanghai")
            self.run_cron()
            self.assertFalse(self.server.sent("/cgi-bin/message/send"))
        with freezegun.freeze_time("2030-06-20 23:30:00"):
            self.run_cron()
            self.assertFalse(self.server.sent("/cgi-bin/message/send"))
        with freezegun.freeze_time("2030-06-21 00:01:00"):
            self.run_cron()
        log.invalidate_recordset()
        self.assertEqual(log.state, "sent")
        self.assertEqual(len(self.sends_to("lisi-secretary")), 1)

    def test_digest_groups_the_day(self):
        self.wecom()
        self.user_branch.party_messenger_mode = "digest"
        with freezegun.freeze_time("2030-06-20 02:00:00"):  # 10:00 in Shanghai
            first, second = self.submitted(), self.submitted()
            logs = self.logs(self.user_branch)
            self.assertEqual(len(logs), 2)
            self.assertEqual(set(logs.mapped("state")), {"held"})
            self.assertEqual(set(logs.mapped("next_try")), {datetime(2030, 6, 20, 9, 0)}, "17:00")
            self.run_cron()
            self.assertFalse(self.server.sent("/cgi-bin/message/send"))
        with freezegun.freeze_time("2030-06-20 09:01:00"):
            self.run_cron()
        sends = self.sends_to("lisi-secretary")
        self.assertEqual(len(sends), 1, "one message for the day")
        card = sends[0]["body"]["textcard"]
        self.assertIn("：2 条", card["title"])
        self.assertIn(first.display_name, card["description"])
        self.assertIn("2. ", card["description"])
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        self.assertNotEqual(first, second)

    def test_dingtalk_card(self):
        self.dingtalk()
        self.submitted()
        self.run_cron()
        sends = self.sends_to("lisi-secretary", "/topapi/message/corpconversation/asyncsend_v2")
        self.assertEqual(len(sends), 1)
        request = sends[0]
        self.assertEqual(request["query"]["access_token"], "DTOKEN")
        body = request["body"]
        self.assertEqual((body["agent_id"], body["userid_list"]), (2000003, "lisi-secretary"))
        card = body["msg"]["action_card"]
        self.assertEqual(body["msg"]["msgtype"], "action_card")
        self.assertIn("待办：", card["title"])
        self.assertIn("/oauth2/auth?redirect_uri=", card["single_url"])
        self.assertIn("client_id=ding-key", card["single_url"])
        self.assertEqual(self.server.sent("/gettoken")[0]["query"]["appsecret"], DINGTALK_SECRET)

    def test_lookup_by_mobile_and_test_message(self):
        self.wecom()
        self.user_member.party_messenger_userid = False
        self.server.mobiles["13900000001"] = "zhangwei2"
        (self.user_member | self.user_general).with_user(
            self.env.ref("base.user_admin")
        ).action_party_messenger_lookup()
        self.assertEqual(self.user_member.party_messenger_userid, "zhangwei2")
        self.assertFalse(self.user_general.party_messenger_userid)
        # The settings' test message, to the administrator's own id.
        with self.assertRaisesRegex(UserError, "no messenger user id"):
            self.company._party_messenger_test(self.user_general)
        self.company._party_messenger_test(self.user_member)
        self.assertEqual(len(self.sends_to("zhangwei2")), 1)
        self.env["ir.config_parameter"].set_param(party_messenger.secret_key(self.company), "wrong")
        party_messenger.TOKENS.clear()
        with self.assertRaisesRegex(UserError, "40001"):
            self.company._party_messenger_test(self.user_member)

    def test_secret_is_the_administrators(self):
        admin = self.env.ref("base.user_admin")
        settings = (
            self.env["res.config.settings"]
            .with_user(admin)
            .create({"party_messenger_channel": "wecom", "party_messenger_secret": " s3cret "})
        )
        settings.execute()
        key = party_messenger.secret_key(self.company)
        self.assertEqual(self.env["ir.config_parameter"].get_param(key), "s3cret")
        self.assertFalse(settings.party_messenger_secret, "not kept in the settings")
        self.assertTrue(
            self.env["res.config.settings"].with_user(admin).create({}).party_messenger_secret_set
        )
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.user_admin).search(
                [("key", "=", key)]
            ).read(["value"])
        self.assertEqual(self.company.party_messenger_channel, "wecom")

    def test_messenger_login(self):
        self.wecom()
        line = self.submitted()
        self.server.codes["CODE1"] = "zhangwei"
        self.server.codes["CODE2"] = "stranger"
        path = (
            f"/party/messenger/wecom/login?cid={self.company.id}"
            f"&next=/odoo/party.point.line/{line.id}"
        )
        response = self.url_open(f"{path}&code=CODE1", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"/odoo/party.point.line/{line.id}"))
        self.assertEqual(self.session_uid(), self.user_member.id)
        getuserinfo = self.server.sent("/cgi-bin/auth/getuserinfo")[0]
        self.assertEqual(getuserinfo["query"], {"access_token": "WTOKEN", "code": "CODE1"})
        # The token was spent.
        self.assertFalse(self.user_member.sudo().party_messenger_token)

    def test_messenger_login_refused(self):
        self.wecom()
        other = self.env["res.company"].create({"name": "Other Company"})
        foreign = self.user_general
        foreign.write(
            {
                "company_ids": [(4, other.id)],
                "company_id": other.id,
                "party_messenger_userid": "wangwu",
            }
        )
        self.server.codes.update(
            {"STRANGER": "stranger", "FOREIGN": "wangwu", "MEMBER": "zhangwei"}
        )
        base = f"/party/messenger/wecom/login?cid={self.company.id}&next=/odoo"
        for code in ("STRANGER", "FOREIGN", "BADCODE", ""):
            self.opener.cookies.clear()
            response = self.url_open(f"{base}&code={code}", allow_redirects=False)
            self.assertEqual(response.status_code, 403, code)
            self.assertIn("该消息账号未绑定本系统的用户", response.text)
            self.assertFalse(self.session_uid(), code)
        # Another channel than the company's, another company: refused.
        for path in (
            f"/party/messenger/dingtalk/login?cid={self.company.id}&code=MEMBER",
            f"/party/messenger/wecom/login?cid={other.id}&code=MEMBER",
        ):
            self.opener.cookies.clear()
            self.assertEqual(self.url_open(path, allow_redirects=False).status_code, 403, path)
        # A next address outside this server: the home page.
        self.opener.cookies.clear()
        response = self.url_open(
            f"/party/messenger/wecom/login?cid={self.company.id}&code=MEMBER"
            "&next=https://evil.example/",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/odoo")
        self.assertNotIn("evil", response.headers["Location"])
        # A token is spent once: a forged credential signs nobody in.
        with self.assertRaises(AccessDenied):
            self.env["res.users"].authenticate(
                self.env.cr.dbname,
                {"type": "party_messenger", "login": self.user_member.login, "token": "forged"},
                {"interactive": True},
            )

    def test_dingtalk_login(self):
        self.dingtalk()
        self.server.codes["DCODE"] = "union-1"
        self.server.unions["union-1"] = "zhangwei"
        response = self.url_open(
            f"/party/messenger/dingtalk/login?cid={self.company.id}&code=DCODE&next=/odoo",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.session_uid(), self.user_member.id)
        me = self.server.sent("/v1.0/contact/users/me")[0]
        self.assertEqual(me["headers"].get("x-acs-dingtalk-access-token"), "U-DCODE")


@tagged("post_install", "-at_install")
class TestMessengerTour(MessengerCase):
    """A member on a 412 px phone taps the card's button: the 免登 link signs them in
    and shows their record, without a password."""

    freeze_time = None
    browser_size = "412x915"
    touch_enabled = True

    def test_tap_to_the_record(self):
        self.wecom()
        self.server.codes["TOUR"] = "zhangwei"
        self.start_tour(
            f"/party/messenger/wecom/login?cid={self.company.id}&code=TOUR"
            f"&next=/odoo/party.member/{self.m11b.id}",
            "party_quant_messenger_login",
        )


@tagged("post_install", "-at_install")
class TestMessengerImport(ImportCase):
    """The directory's sheet (employee number or mobile → user id), matched to the
    members' logins; bad rows named, nothing half-written; a second import changes
    nothing. The ids are credentials (免登): imported by an administrator of the users,
    never by the committee alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["party.import"].with_user(cls.env.ref("base.user_admin"))

    def test_import_ids(self):
        self.m11b.write({"employee_number": "E001", "mobile": "13900000001"})
        self.m11a.write({"employee_number": "E002"})
        self.m12a.write({"mobile": "13900000003"})  # no login
        header = ["工号", "手机号", "账号"]
        rows = [
            {"工号": "E001", "手机号": "", "账号": "zhangwei"},
            {"工号": "", "手机号": "13900000009", "账号": "nobody"},
            {"工号": "", "手机号": "13900000003", "账号": "m12a"},
            {"工号": "E002", "手机号": "", "账号": "zhangwei"},
        ]
        record = self.run_import("messenger", header, rows)
        self.assertEqual(record.state, "invalid")
        problems = self.problems(record)
        self.assertEqual({row for row, _message in problems}, {3, 4, 5})
        self.assertFalse(self.user_member.party_messenger_userid, "nothing half-written")
        rows = [
            {"工号": "E001", "手机号": "", "账号": "zhangwei"},
            {"工号": "", "手机号": "13900000001", "账号": "zhangwei"},
            {"工号": "E002", "手机号": "", "账号": "lisi"},
        ]
        record = self.run_import("messenger", header, rows)
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(self.user_member.party_messenger_userid, "zhangwei")
        self.assertEqual(self.user_branch.party_messenger_userid, "lisi")
        again = self.run_import("messenger", header, rows[2:])
        self.assertEqual((again.state, again.unchanged_count, again.updated_count), ("done", 1, 0))
        with self.assertRaises(AccessError):
            self.Import.with_user(self.user_branch).create({"kind": "messenger"})
