"""Bounds on size (issue 20 item 7): files attached to party records, where a loose
upload may be pointed, and the size of a request's body. The lengths of text and
HTML fields are the guard's (models/party_guard.py, ``VALUE_CHECKS``)."""

import mimetypes
import os

from werkzeug.exceptions import RequestEntityTooLarge

from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.http import request

from .party_guard import HTML_LIMITS
from .party_settings import SETTINGS, setting

# The settings of this file and their defaults (ir.config_parameter keys).
SIZE_SETTINGS = {
    # A file attached to a party record (evidence, chatter), in MB.
    SETTINGS["attachment_max_mb"][0]: SETTINGS["attachment_max_mb"][1],
    # A request's body, in bytes: Odoo's own setting, which the web client also reads
    # to refuse a bigger upload before sending it; set by data/party_bounds_data.xml
    # (a 10 MB file is about 13.4 MB base64-encoded in JSON-RPC; the reverse proxy's
    # client_max_body_size says the same, see README).
    "web.max_file_upload_size": 32 * 1024 * 1024,
    # Characters of the long HTML fields, markup included.
    **dict(HTML_LIMITS.values()),
}
ATTACHMENT_MAX_MB = SETTINGS["attachment_max_mb"]

# Images, PDF and office documents: the types a party file may have (by its declared
# type, its name's extension and, where they can be recognized, its contents).
FILE_TYPES = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "image/bmp": (".bmp",),
    "image/heic": (".heic",),
    "application/pdf": (".pdf",),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.ms-excel": (".xls",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.ms-powerpoint": (".ppt",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
    "application/wps-office.wps": (".wps",),
    "application/wps-office.et": (".et",),
    "text/plain": (".txt",),
    "text/csv": (".csv",),
}
EXTENSIONS = frozenset(ext for exts in FILE_TYPES.values() for ext in exts)
# Programs, whatever their name says: Windows (MZ), Linux (ELF), scripts (#!).
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"#!")


def _is_party_model(model):
    return bool(model) and model.startswith("party.")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        if not self.env.su:
            attachments.filtered(lambda a: _is_party_model(a.res_model))._party_check_files()
        return attachments

    def write(self, vals):
        if not self.env.su and {"res_model", "res_id"} & vals.keys():
            self._party_check_targets(vals)
        res = super().write(vals)
        if not self.env.su and {"res_model", "res_id", "raw", "datas", "name"} & vals.keys():
            self.filtered(lambda a: _is_party_model(a.res_model))._party_check_files()
        return res

    def _post_add_create(self, **kwargs):
        """Both upload routes (the form's files, the chatter's) call this after
        creating the file, the chatter's as the system: a party file is checked."""
        res = super()._post_add_create(**kwargs)
        self.filtered(lambda a: _is_party_model(a.res_model))._party_check_files()
        return res

    def _party_check_targets(self, vals):
        """A file moved to a record (``res_model``/``res_id``, one or both) needs the
        right to change that record, as Odoo asks when both are given: a loose upload
        cannot be pointed at someone else's claim."""
        targets = {
            (vals.get("res_model", attachment.res_model), vals.get("res_id", attachment.res_id))
            for attachment in self.sudo()
        }
        for model, res_id in targets:
            if model and res_id:
                self.check("write", values={"res_model": model, "res_id": res_id})

    def _party_check_files(self):
        """Images, PDF and office documents up to the size setting, with a message
        that says what is allowed."""
        limit_mb = setting(self.env, *ATTACHMENT_MAX_MB)
        for attachment in self.sudo():
            if attachment.type != "binary" or attachment.res_field:
                continue
            if attachment.file_size > limit_mb * 1024 * 1024:
                raise ValidationError(
                    _(
                        "%(file)s is %(size).1f MB: a file may be at most %(limit)s MB.",
                        file=attachment.name,
                        size=attachment.file_size / 1024 / 1024,
                        limit=limit_mb,
                    )
                )
            extension = os.path.splitext(attachment.name or "")[1].lower()
            declared = attachment.mimetype or mimetypes.guess_type(attachment.name or "")[0]
            head = (attachment.raw or b"")[:4]
            if (
                extension not in EXTENSIONS
                or declared not in FILE_TYPES
                or head.startswith(PROGRAM_MAGIC)
            ):
                raise ValidationError(
                    _(
                        "%(file)s cannot be attached: attach images (PNG, JPEG), PDF or "
                        "office documents (Word, Excel, PowerPoint, WPS).",
                        file=attachment.name,
                    )
                )


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """Bodies above Odoo's upload limit (``web.max_file_upload_size``, set to 32 MB
        by this addon; a route's own limit, as the database restore's, wins) are
        refused (413) before they are read: werkzeug applies the limit to forms only,
        and a JSON-RPC body of any size was read and answered."""
        res = super()._pre_dispatch(rule, args)
        limit = request.httprequest.max_content_length
        length = request.httprequest.content_length
        if limit and length and length > limit:
            raise RequestEntityTooLarge(
                request.env._(
                    "The request is larger than %(limit)s MB: send smaller files.",
                    limit=round(limit / 1024 / 1024),
                )
            )
        return res
