from odoo import http
from odoo.http import request


class PartySignin(http.Controller):
    @http.route(
        "/party/signin/<int:meeting_id>/<string:token>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        csrf=False,
        sitemap=False,
    )
    def signin(self, meeting_id, token, **kwargs):
        """The page a member's phone opens from the meeting's QR code: it signs them in
        when they are expected and the window is open, or says why not."""
        user = request.env.user
        status, meeting = request.env["party.meeting.signin"]._sign_in(meeting_id, token, user)
        values = {"status": status, "meeting": meeting, "user": user}
        if meeting:
            opens, closes = meeting._signin_window()
            values.update(
                start=meeting._signin_local(meeting.start),
                opens=meeting._signin_local(opens),
                closes=meeting._signin_local(closes),
                line=meeting.signin_ids.filtered(
                    lambda line: line.member_id.user_id == user and line.method == "phone"
                )[-1:],
            )
        return request.render("party_quant.meeting_signin_page", values)
