"""WeCom (企业微信) and DingTalk (钉钉): the company's messenger, its settings and the two
clients that speak their documented HTTPS endpoints.

One channel per company (``res.company.party_messenger_channel``): none, WeCom or
DingTalk, with its ids on the company and its secret in a system parameter
(``party_quant.messenger_secret.<company id>``): parameters are readable by the
settings administrators only (``base.group_system``), never exported with the company,
never shown back in the settings form, never written to a log or to a send log's error
(``MessengerError`` names the endpoint without its query). The base URLs are settings
(the tests point them at a local server).

Plain HTTPS with ``requests`` (a dependency of Odoo itself): wechatpy's work client has
had no release since 2021, and the official ``alibabacloud-dingtalk`` SDK covers only
the new api.dingtalk.com endpoints, not the work notifications of oapi.dingtalk.com;
the four calls each side needs are simpler to read than a wrapper (README, "Messenger").
"""

import hashlib
import logging
import time
from datetime import timedelta
from urllib.parse import quote, urlencode

import pytz
import requests

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from .party_settings import named_setting

_logger = logging.getLogger(__name__)

CHANNELS = [("none", "None"), ("wecom", "WeCom"), ("dingtalk", "DingTalk")]
TIMEOUT = 10
# {(channel, base URL, key): (token, monotonic expiry)}: the app's access token, kept
# by each worker until shortly before it expires (both last 7200 s).
TOKENS = {}


class MessengerError(Exception):
    """A call that failed, in words without the secret or the token; ``code`` is the
    messenger's error code (0 for a transport failure)."""

    def __init__(self, message, code=0):
        super().__init__(message)
        self.code = code


# Error codes of a refused access token (expired or revoked): fetched once again.
TOKEN_CODES = {40001, 40014, 42001}


def secret_key(company):
    return f"party_quant.messenger_secret.{company.id}"


def local_now(env):
    tz = pytz.timezone(named_setting(env, "messenger_tz") or "Asia/Shanghai")
    return tz, pytz.utc.localize(fields.Datetime.now()).astimezone(tz)


def _next_local(tz, now, hour):
    """The next moment (UTC, naive) at ``hour`` (a float) local time, after ``now``."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    moment = start + timedelta(hours=hour)
    if moment <= now.replace(tzinfo=None):
        moment += timedelta(days=1)
    return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)


def quiet_until(env, now=None):
    """When the quiet hours around ``now`` end (UTC, naive), or None outside them."""
    tz, local = local_now(env)
    if now is not None:
        local = pytz.utc.localize(now).astimezone(tz)
    start = named_setting(env, "messenger_quiet_start")
    end = named_setting(env, "messenger_quiet_end")
    hour = local.hour + local.minute / 60.0
    if start == end:
        return None
    quiet = (hour >= start or hour < end) if start > end else (start <= hour < end)
    return _next_local(tz, local, end) if quiet else None


def next_digest(env):
    """When the next daily digest leaves (UTC, naive): the digest hour, or the end of
    the quiet hours when it falls within them."""
    tz, local = local_now(env)
    moment = _next_local(tz, local, named_setting(env, "messenger_digest_hour"))
    return quiet_until(env, moment) or moment


class MessengerClient:
    """The calls both messengers answer, over their documented endpoints."""

    channel = None

    def __init__(self, env, company):
        self.env = env
        self.company = company
        # The secret is the system's parameter: read as the system, kept in memory.
        self.secret = env["ir.config_parameter"].sudo().get_param(secret_key(company)) or ""
        self.agent_id = (company.party_messenger_agent_id or "").strip()

    @classmethod
    def of(cls, env, company):
        """The client of the company's channel, or None when it has none."""
        channel = company.party_messenger_channel
        if channel == "wecom":
            return WeComClient(env, company)
        if channel == "dingtalk":
            return DingTalkClient(env, company)
        return None

    def _call(self, method, url, path, **kwargs):
        """The JSON answer of one call; a transport failure or an error code raises a
        MessengerError naming ``path`` (the URL's query holds the token or the secret)."""
        try:
            response = requests.request(method, url, timeout=TIMEOUT, **kwargs)
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise MessengerError(f"{path}: {type(error).__name__}") from None
        code = answer.get("errcode", 0)
        if code:
            raise MessengerError(f"{path}: {code} {answer.get('errmsg', '')}".strip(), code)
        return answer

    def _token(self):
        key = (self.channel, self._token_base(), self._key())
        token, expiry = TOKENS.get(key, (None, 0))
        if token and expiry > time.monotonic():
            return token
        if not self._key() or not self.secret:
            raise MessengerError(_("The messenger's ids or secret are not set."))
        answer = self._fetch_token()
        token = answer["access_token"]
        TOKENS[key] = (token, time.monotonic() + int(answer.get("expires_in") or 7200) - 300)
        return token

    def _with_token(self, call):
        """``call(token)``; a refused token (expired, revoked) is fetched once again."""
        try:
            return call(self._token())
        except MessengerError as error:
            if error.code not in TOKEN_CODES:
                raise
            TOKENS.pop((self.channel, self._token_base(), self._key()), None)
            return call(self._token())

    def login_url(self, next_url):
        """The address of a card's button: the messenger's sign-in (OAuth) that comes
        back to /party/messenger/<channel>/login with a code, then to ``next_url``."""
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        query = urlencode({"cid": self.company.id, "next": next_url})
        return self._authorize(f"{base}/party/messenger/{self.channel}/login?{query}")


class WeComClient(MessengerClient):
    """WeCom: gettoken, message/send (a text card), auth/getuserinfo, user/getuserid."""

    channel = "wecom"

    def _token_base(self):
        return named_setting(self.env, "messenger_wecom_api").rstrip("/")

    def _key(self):
        return (self.company.party_messenger_corp_id or "").strip()

    def _fetch_token(self):
        return self._call(
            "GET",
            f"{self._token_base()}/cgi-bin/gettoken",
            "gettoken",
            params={"corpid": self._key(), "corpsecret": self.secret},
        )

    def send(self, userids, title, line, url, key):
        body = {
            "touser": "|".join(userids),
            "msgtype": "textcard",
            "agentid": int(self.agent_id or 0),
            "textcard": {"title": title, "description": line, "url": url, "btntxt": _("View")},
            # WeCom drops the same message sent again within the interval.
            "enable_duplicate_check": 1,
            "duplicate_check_interval": 1800,
        }
        return self._with_token(
            lambda token: self._call(
                "POST",
                f"{self._token_base()}/cgi-bin/message/send",
                "message/send",
                params={"access_token": token},
                json=body,
            )
        )

    def userid_by_code(self, code):
        answer = self._with_token(
            lambda token: self._call(
                "GET",
                f"{self._token_base()}/cgi-bin/auth/getuserinfo",
                "auth/getuserinfo",
                params={"access_token": token, "code": code},
            )
        )
        # Someone outside the company has an openid, no userid.
        return answer.get("userid") or answer.get("UserId")

    def userid_by_mobile(self, mobile):
        answer = self._with_token(
            lambda token: self._call(
                "POST",
                f"{self._token_base()}/cgi-bin/user/getuserid",
                "user/getuserid",
                params={"access_token": token},
                json={"mobile": mobile},
            )
        )
        return answer.get("userid")

    def _authorize(self, redirect):
        base = named_setting(self.env, "messenger_wecom_oauth").rstrip("/")
        query = urlencode(
            {
                "appid": self._key(),
                "redirect_uri": redirect,
                "response_type": "code",
                "scope": "snsapi_base",
                "state": "party",
                "agentid": self.agent_id,
            },
            quote_via=quote,
        )
        return f"{base}/connect/oauth2/authorize?{query}#wechat_redirect"


class DingTalkClient(MessengerClient):
    """DingTalk: gettoken, the work notification (asyncsend_v2, an action card), the
    OAuth 2 user token and users/me, getbyunionid and getbymobile."""

    channel = "dingtalk"

    def _token_base(self):
        return named_setting(self.env, "messenger_dingtalk_oapi").rstrip("/")

    def _key(self):
        return (self.company.party_messenger_app_key or "").strip()

    def _fetch_token(self):
        return self._call(
            "GET",
            f"{self._token_base()}/gettoken",
            "gettoken",
            params={"appkey": self._key(), "appsecret": self.secret},
        )

    def _topapi(self, path, body):
        return self._with_token(
            lambda token: self._call(
                "POST",
                f"{self._token_base()}/{path}",
                path,
                params={"access_token": token},
                json=body,
            )
        )

    def send(self, userids, title, line, url, key):
        return self._topapi(
            "topapi/message/corpconversation/asyncsend_v2",
            {
                "agent_id": int(self.agent_id or 0),
                "userid_list": ",".join(userids),
                "msg": {
                    "msgtype": "action_card",
                    "action_card": {
                        "title": title,
                        "markdown": f"### {title}\n\n{line}",
                        "single_title": _("View"),
                        "single_url": url,
                    },
                },
            },
        )

    def userid_by_code(self, code):
        api = named_setting(self.env, "messenger_dingtalk_api").rstrip("/")
        # The user's token for the code, then who they are (unionId), then their
        # userid in this company's directory.
        user_token = self._call(
            "POST",
            f"{api}/v1.0/oauth2/userAccessToken",
            "oauth2/userAccessToken",
            json={
                "clientId": self._key(),
                "clientSecret": self.secret,
                "code": code,
                "grantType": "authorization_code",
            },
        ).get("accessToken")
        if not user_token:
            raise MessengerError("oauth2/userAccessToken: no accessToken")
        me = self._call(
            "GET",
            f"{api}/v1.0/contact/users/me",
            "contact/users/me",
            headers={"x-acs-dingtalk-access-token": user_token},
        )
        if not me.get("unionId"):
            return None
        answer = self._topapi("topapi/user/getbyunionid", {"unionid": me["unionId"]})
        return (answer.get("result") or {}).get("userid")

    def userid_by_mobile(self, mobile):
        answer = self._topapi("topapi/v2/user/getbymobile", {"mobile": mobile})
        return (answer.get("result") or {}).get("userid")

    def _authorize(self, redirect):
        base = named_setting(self.env, "messenger_dingtalk_login").rstrip("/")
        query = urlencode(
            {
                "redirect_uri": redirect,
                "response_type": "code",
                "client_id": self._key(),
                "scope": "openid",
                "state": "party",
                "prompt": "consent",
            },
            quote_via=quote,
        )
        return f"{base}/oauth2/auth?{query}"


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ResCompany(models.Model):
    _inherit = "res.company"

    party_messenger_channel = fields.Selection(
        CHANNELS,
        string="Messenger",
        default="none",
        required=True,
        help="Where the to-dos and notices of this company's users are pushed.",
    )
    party_messenger_corp_id = fields.Char(string="WeCom Corp ID")
    party_messenger_app_key = fields.Char(string="DingTalk AppKey")
    party_messenger_agent_id = fields.Char(
        string="Agent ID", help="The id of the app that sends the messages (AgentId)."
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        if any(vals.get("party_messenger_channel", "none") != "none" for vals in vals_list):
            self.env.registry.clear_cache()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "party_messenger_channel" in vals:
            self.env.registry.clear_cache()  # _party_messenger_on
        return res

    @api.model
    @tools.ormcache()
    def _party_messenger_on(self):
        """Whether any company pushes to a messenger: the decisions of a database without
        one queue nothing, at no query (cached until a channel changes)."""
        # Every decision asks, whoever decides: the companies' channels are read as the
        # system.
        return bool(self.sudo().search_count([("party_messenger_channel", "!=", "none")]))

    def _party_messenger_client(self):
        self.ensure_one()
        return MessengerClient.of(self.env, self)

    def _party_messenger_test(self, user):
        """Send a test card to ``user`` now (the settings' button); a UserError says
        what went wrong."""
        client = self._party_messenger_client()
        if client is None:
            raise UserError(_("Choose WeCom or DingTalk first."))
        userid = user.party_messenger_userid
        if not userid:
            raise UserError(
                _("You have no messenger user id: set yours on your user first (Messenger ID).")
            )
        try:
            client.send(
                [userid],
                _("Test message from Party Building"),
                _("If you read this, the messenger is set up."),
                client.login_url("/odoo"),
                "test",
            )
        except MessengerError as error:
            raise UserError(
                _("The messenger refused the test message: %(error)s", error=error)
            ) from None
        return True
