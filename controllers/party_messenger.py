"""免登: a card's button opens Odoo through the messenger's sign-in (OAuth), which comes
back here with a ``code``; the code gives the user's messenger id (WeCom
``auth/getuserinfo``, DingTalk's user token and ``users/me``), the id finds the
company's active user, who is signed in without a password and lands on the record.

Odoo signs a session in through ``res.users._check_credentials`` only: the route mints
a one-time token (its hash kept a minute on the user, committed in its own cursor so
that the sign-in's cursor sees it) and signs in with the credential type
``party_messenger``, which spends it (models/res_users.py). An unknown id, an id of
another company or no code: refused, no session. ``next`` is followed only when it is
a path of this server."""

import logging
from urllib.parse import quote

from odoo import SUPERUSER_ID, _, api, http
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..models.party_labels import company_lang
from ..models.party_messenger import MessengerClient, MessengerError

_logger = logging.getLogger(__name__)


def safe_next(url):
    """``url`` when it is a path of this server, else the home page."""
    url = url or ""
    if not url.startswith("/") or url.startswith("//") or "\\" in url or "\n" in url:
        return "/odoo"
    return url


class PartyMessengerLogin(http.Controller):
    @http.route(
        "/party/messenger/<string:channel>/login",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def messenger_login(self, channel, code="", cid="", **kwargs):
        next_url = safe_next(kwargs.get("next"))
        env = request.env(su=True)  # the route identifies the visitor: nobody is signed in
        request.update_context(lang=company_lang(env))
        company = env["res.company"].browse(int(cid)).exists() if cid.isdigit() else None
        if not company or not code or company.party_messenger_channel != channel:
            return self._refused()
        client = MessengerClient.of(env, company)
        try:
            userid = client.userid_by_code(code)
        except MessengerError as error:
            _logger.info("Messenger sign-in refused by %s: %s", channel, error)
            return self._refused()
        users = env["res.users"].search(
            [("party_messenger_userid", "=", userid or ""), ("company_id", "=", company.id)]
        )
        if not userid or len(users) != 1:
            _logger.info("Messenger sign-in: no user of company %s for this id", company.id)
            return self._refused()
        # The token is committed in its own transaction: the sign-in reads it with its
        # own cursor.
        with request.env.registry.cursor() as cr:
            token = (
                api.Environment(cr, SUPERUSER_ID, {})["res.users"]
                .browse(users.id)
                ._party_messenger_mint()
            )
        credential = {"type": "party_messenger", "login": users.login, "token": token}
        try:
            request.session.authenticate(request.db, credential)
        except AccessDenied:
            return self._refused()
        if not request.session.uid:
            # Two-factor authentication still asked: Odoo's page, then the record.
            return request.redirect(f"/web/login/totp?redirect={quote(next_url)}")
        return request.redirect(next_url)

    def _refused(self):
        return request.render(
            "party_quant.messenger_login_refused",
            {"message": _("This messenger account is not linked to a user here.")},
            status=403,
        )
