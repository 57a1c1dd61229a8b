"""The first sign-in of a member with a first-login code (models/party_login.py): a
public page with the login, the code and a new password; on success the member is
signed in. Every refusal is a page in the visitor's words, never a 500."""

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from ..models.party_labels import company_lang


class PartyFirstLogin(http.Controller):
    @http.route("/party/first-login", type="http", auth="public", methods=["GET"], sitemap=False)
    def first_login_form(self, **kwargs):
        self._speak_company_lang()
        return self._page(login=kwargs.get("login", ""))

    @http.route("/party/first-login", type="http", auth="public", methods=["POST"], sitemap=False)
    def first_login(self, login="", code="", password="", confirm="", **kwargs):
        self._speak_company_lang()
        if password != confirm:
            return self._page(login=login, error=_("The two passwords differ."))
        Code = request.env["party.login.code"]
        try:
            user = Code._spend(login, code, password)
        except UserError as error:
            return self._page(login=login, error=error.args[0])
        if not user:
            # The wrong try is counted (the request commits); the same words as above.
            return self._page(login=login, error=Code._refusal())
        credential = {"login": user.login, "password": password, "type": "password"}
        request.session.authenticate(request.db, credential)
        return request.redirect("/odoo")

    def _speak_company_lang(self):
        # A visitor who is not signed in yet reads the page in the company's language
        # (the public user's own is English); the company's partner needs sudo.
        if request.env.user._is_public():
            request.update_context(lang=company_lang(request.env(su=True)))

    def _page(self, login="", error=None):
        return request.render(
            "party_quant.first_login_page", {"login": login, "error": error}, status=200
        )
