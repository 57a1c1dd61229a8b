"""The line of a step taken by a candidate (发展党员): see models/party_candidate.py for
the checks, which run before the line is written."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_development import interval_end, working_days_between

# Training before acceptance: at least 3 days or 24 hours (细则第十八条).
TRAINING_MIN_DAYS = 3
TRAINING_MIN_HOURS = 24.0
# An extension of the probation: once, 6 to 12 months (细则第三十四条).
EXTENSION_MONTHS = (6, 12)
# Leaving the unit within this many months of acceptance: normally not accepted.
LEAVING_MONTHS = 3
ADULT_YEARS = 18


class PartyCandidateStep(models.Model):
    _name = "party.candidate.step"
    _description = "Member Development Step Taken"
    _inherit = ["party.guard.mixin"]
    _order = "candidate_id, date, id"
    # Who acted, at which level, what the guards found: the system's.
    _system_fields = frozenset(
        {"acted_by_id", "acted_level", "warning", "working_days", "calendar_known"}
    )

    candidate_id = fields.Many2one("party.candidate", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="candidate_id.organization_id", store=True, string="Branch", index=True
    )
    step_id = fields.Many2one(
        "party.development.step",
        required=True,
        ondelete="restrict",
        domain="[('version_id', '=', version_id)]",
    )
    version_id = fields.Many2one(related="candidate_id.rule_version_id")
    phase = fields.Selection(related="step_id.phase", store=True)
    sequence = fields.Integer(related="step_id.sequence", store=True)
    article = fields.Char(related="step_id.article")
    proof = fields.Selection(related="step_id.proof")
    has_window = fields.Boolean(related="step_id.has_window")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    date_end = fields.Date(string="Window Ends")
    result = fields.Selection(
        [("passed", "Passed"), ("returned", "Returned")], required=True, default="passed"
    )
    return_reason = fields.Text()
    acted_by_id = fields.Many2one(
        "res.users", string="Acted by", required=True, default=lambda self: self.env.user
    )
    acted_level = fields.Selection(
        [
            ("branch", "Branch"),
            ("general_branch", "General Branch"),
            ("committee", "Party Committee"),
            ("system", "System"),
        ],
        readonly=True,
    )
    talk_id = fields.Many2one("party.talk", ondelete="restrict")
    resolution_id = fields.Many2one("party.meeting.resolution", ondelete="restrict", index=True)
    secret_ballot = fields.Boolean()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_candidate_step_attachment_rel",
        "step_line_id",
        "attachment_id",
        string="Attachments",
    )
    training_days = fields.Float(digits=(4, 1))
    training_hours = fields.Float(digits=(5, 1))
    review = fields.Text(string="Review and Opinion")
    extension_months = fields.Integer()
    reason = fields.Text(help="Why the probation is extended or the development ended.")
    late_reason = fields.Text(help="Why the step is taken outside its window.")
    warning = fields.Text(readonly=True)
    working_days = fields.Integer(readonly=True, help="Working days of the window.")
    calendar_known = fields.Boolean(readonly=True, default=True)

    @api.depends("step_id", "date", "candidate_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.candidate_id.name or ''}: {line.step_id.name or ''}"

    @api.onchange("talk_id", "resolution_id")
    def _onchange_proof_date(self):
        """The step is dated by the talk or the assembly that proves it."""
        day = self.talk_id.date or self.resolution_id.meeting_id.date
        if day:
            self.date = day

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.browse()
        # One at a time: each step is checked against the lines before it.
        for vals in vals_list:
            candidate = self.env["party.candidate"].browse(vals.get("candidate_id")).exists()
            step = self.env["party.development.step"].browse(vals.get("step_id")).exists()
            if not candidate or not step:
                raise ValidationError(_("Say which candidate and which step."))
            # The guard's value checks first, then the rules of development.
            self._check_values(vals)
            found = self._check_taking(candidate, step, vals)
            line = super().create([vals])
            # What the checks found and who acted at which level: the system's; the files
            # belong to the line (read by whoever reads it).
            line.sudo().write(found)
            line.sudo().attachment_ids.write({"res_model": self._name, "res_id": line.id})
            line._after_taking()
            lines |= line
        return lines

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("A step taken is kept as written: record a new line instead."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user.has_group("party_quant.group_party_admin"):
            raise UserError(_("A step taken is kept as written: record a new line instead."))
        candidates = self.candidate_id
        res = super().unlink()
        candidates._schedule_next()
        return res

    # ------------------------------------------------------------------
    # The checks of taking a step
    # ------------------------------------------------------------------
    @api.model
    def _check_taking(self, candidate, step, vals):
        """Refuse the step of ``vals`` unless the rules allow it; return what the
        system writes on the line (level, warnings, working days)."""
        date = fields.Date.to_date(vals.get("date")) or fields.Date.context_today(self)
        vals["date"] = date
        result = vals.get("result", "passed")
        today = fields.Date.context_today(self)
        article = step.article
        if step.version_id != candidate.rule_version_id:
            raise UserError(_("%(step)s is not a step of the candidate's rules.", step=step.name))
        if candidate.phase == "closed" or (candidate.phase == "full" and step.kind != "flow"):
            raise UserError(_("%(name)s is no longer in development.", name=candidate.name))
        level = self._check_level(candidate, step)
        if step.actor == "general_branch" and not candidate.sudo()._step_applies(step):
            raise UserError(
                _(
                    "%(step)s is taken only where a general branch stands between the "
                    "branch and the party committee: %(name)s's branch has none, or the "
                    "case is past it (%(article)s).",
                    step=step.name,
                    name=candidate.name,
                    article=article,
                )
            )
        if date > today:
            raise UserError(_("A step is recorded once it is taken (%(date)s).", date=date))
        candidate = candidate.sudo()  # the lines and people of the case, whoever asks
        last = candidate._passed_lines().sorted("date")[-1:]
        if last and date < last.date:
            raise UserError(
                _(
                    "%(step)s cannot be dated %(date)s, before the last step taken "
                    "(%(last)s on %(last_date)s).",
                    step=step.name,
                    date=date,
                    last=last.step_id.name,
                    last_date=last.date,
                )
            )
        if result == "returned":
            if not (vals.get("return_reason") or "").strip():
                raise UserError(_("Say why the step is returned."))
        elif (
            step.kind == "flow"
            and step != candidate.current_step_id
            and candidate.current_step_id.actor == "general_branch"
            and step.sequence >= candidate.current_step_id.sequence
        ):
            current = candidate.current_step_id
            raise UserError(
                _(
                    "%(step)s comes after the review of %(general_branch)s: %(current)s "
                    "is not passed yet (%(article)s).",
                    step=step.display_name,
                    general_branch=candidate.organization_id.general_branch_id.name,
                    current=current.name,
                    article=current.article,
                )
            )
        elif step.kind == "flow" and step != candidate.current_step_id:
            raise UserError(
                _(
                    "%(step)s is out of order: %(name)s is at %(current)s (%(article)s).",
                    step=step.display_name,
                    name=candidate.name,
                    current=candidate.current_step_id.display_name or "-",
                    article=candidate.current_step_id.article or article,
                )
            )
        elif step.kind != "flow":
            self._check_special(candidate, step, vals)
        found = {"acted_level": level}
        warnings = []
        if result == "passed":
            warnings += self._check_guards(candidate, step, vals, found)
            self._check_proof(candidate, step, vals)
            warnings += self._check_specific(candidate, step, vals)
        if warnings:
            found["warning"] = "\n".join(warnings)
        return found

    @api.model
    def _check_level(self, candidate, step):
        """The level that acts on the step: refused to the others and to the person
        whose case it is."""
        if self.env.su:
            return "system"
        branch = candidate.organization_id
        if candidate.sudo().member_id.user_id == self.env.user:
            raise UserError(
                _(
                    "You cannot decide your own entry: %(name)s concerns you, and another "
                    "officer of the branch or the level above decides it.",
                    name=candidate.name,
                )
            )
        if step.actor == "committee":
            if branch._user_acts_as("committee"):
                committee = branch.sudo().browse(int(branch.parent_path.split("/")[0]))
                if not committee.development_approval:
                    raise UserError(
                        _(
                            "%(committee)s has no power to approve new members (%(article)s).",
                            committee=committee.name,
                            article=step.article,
                        )
                    )
                return "committee"
            if branch._user_acts_as("general_branch"):
                raise UserError(
                    _(
                        "%(step)s is the party committee's: a general branch discusses it "
                        "and passes it up, it does not approve (%(article)s).",
                        step=step.name,
                        article=step.article,
                    )
                )
            raise UserError(
                _(
                    "%(step)s is taken by the party committee (%(article)s).",
                    step=step.name,
                    article=step.article,
                )
            )
        if step.actor == "general_branch":
            # The 党总支 over the branch discusses (审议), or the 党委; never the branch,
            # whose resolution it reviews.
            for level in ("general_branch", "committee"):
                if branch._user_acts_as(level):
                    return level
            raise UserError(
                _(
                    "%(step)s is taken by %(general_branch)s or the party committee, not "
                    "by the branch whose resolution it reviews (%(article)s).",
                    step=step.name,
                    general_branch=branch.sudo().general_branch_id.name or _("the general branch"),
                    article=step.article,
                )
            )
        levels = ("branch", "general_branch", "committee")
        for level in levels:
            if branch._user_acts_as(level):
                return level
        raise UserError(
            _(
                "%(step)s is taken by the officers of %(branch)s or the levels above "
                "(%(article)s).",
                step=step.name,
                branch=branch.name,
                article=step.article,
            )
        )

    @api.model
    def _check_guards(self, candidate, step, vals, found):
        """The time guards of the step: refused, needing a reason, or a warning."""
        date = vals["date"]
        dates = {line.step_id.code: line.date for line in candidate._passed_lines()}
        warnings = []
        if step.has_window:
            end = fields.Date.to_date(vals.get("date_end"))
            if not end or end < date:
                raise UserError(
                    _("%(step)s runs from its date to an end date: give the end.", step=step.name)
                )
            found["working_days"], found["calendar_known"] = working_days_between(
                date - timedelta(days=1), end
            )
        for guard in step.guard_ids.filtered("enabled"):
            if guard.from_step_id:
                since = dates.get(guard.from_step_id.code)
                if not since:
                    continue
                if guard.plus_extension:
                    since += relativedelta(months=candidate.extension_months)
                bound = interval_end(since, guard.value, guard.unit)
                breached = date < bound if guard.kind == "min" else date > bound
            else:
                if not step.has_window:
                    continue
                days = found["working_days"] if guard.unit == "working_days" else None
                if days is None:
                    end = fields.Date.to_date(vals["date_end"])
                    days = (end - date).days + 1
                breached = days < guard.value if guard.kind == "min" else days > guard.value
            if not breached:
                continue
            message = _(
                "%(step)s on %(date)s: %(rule)s (%(article)s).",
                step=step.name,
                date=date,
                rule=guard._describe(),
                article=step.article,
            )
            if guard.breach == "refuse":
                raise UserError(message)
            if guard.breach == "reason" and not (vals.get("late_reason") or "").strip():
                raise UserError(_("%(message)s Give the reason to record it.", message=message))
            warnings.append(message)
        if found.get("calendar_known") is False:
            warnings.append(
                _("Working days beyond the calendar's known years are counted Monday to Friday.")
            )
        return warnings

    @api.model
    def _check_proof(self, candidate, step, vals):
        """The record that proves the step."""
        proof = step.proof
        if proof == "talk":
            talk = self.env["party.talk"].sudo().browse(vals.get("talk_id")).exists()
            if not talk or talk.candidate_id != candidate:
                raise UserError(
                    _(
                        "%(step)s is proven by a talk with %(name)s: choose it.",
                        step=step.name,
                        name=candidate.name,
                    )
                )
            if talk.date != vals["date"]:
                raise UserError(_("The step's date is the talk's date (%(date)s).", date=talk.date))
        elif proof == "resolution":
            self._check_resolution(candidate, step, vals)
        elif proof == "attachment" and not vals.get("attachment_ids"):
            raise UserError(_("%(step)s is proven by an attachment: add it.", step=step.name))
        elif proof == "training":
            days = vals.get("training_days") or 0
            hours = vals.get("training_hours") or 0
            if days < TRAINING_MIN_DAYS and hours < TRAINING_MIN_HOURS:
                raise UserError(
                    _(
                        "The training lasts at least %(days)s days or %(hours)s hours "
                        "(%(article)s).",
                        days=TRAINING_MIN_DAYS,
                        hours=int(TRAINING_MIN_HOURS),
                        article=step.article,
                    )
                )
        elif proof == "review" and not (vals.get("review") or "").strip():
            raise UserError(_("%(step)s: write the review.", step=step.name))

    @api.model
    def _check_resolution(self, candidate, step, vals):
        """The branch's member assembly, held with its quorum, passed the resolution
        on this candidate alone (细则第二十二、二十三条)."""
        resolution = (
            self.env["party.meeting.resolution"].sudo().browse(vals.get("resolution_id")).exists()
        )
        if not resolution:
            raise UserError(
                _("%(step)s is proven by the member assembly's resolution.", step=step.name)
            )
        meeting = resolution.meeting_id
        if meeting.organization_id != candidate.organization_id:
            raise UserError(_("The resolution is of another branch's assembly."))
        if meeting.state != "done":
            raise UserError(_("%(meeting)s is not held yet.", meeting=meeting.name))
        if not meeting.quorum_ok:
            raise UserError(
                _(
                    "%(meeting)s had no quorum: more than half of the members with a vote "
                    "must be present (%(article)s).",
                    meeting=meeting.name,
                    article=step.article,
                )
            )
        if not resolution.passed:
            raise UserError(
                _(
                    "The resolution did not pass: more than half of the members with a vote "
                    "must agree (%(article)s).",
                    article=step.article,
                )
            )
        used = self.sudo().search(
            [("resolution_id", "=", resolution.id), ("candidate_id", "!=", candidate.id)],
            limit=1,
        )
        if used:
            raise UserError(
                _(
                    "One candidate per resolution: this resolution already accepted "
                    "%(other)s (细则第二十三条: discussed and voted one by one).",
                    other=used.candidate_id.name,
                )
            )
        if step.needs_secret_ballot and not vals.get("secret_ballot"):
            raise UserError(_("%(step)s is voted by secret ballot.", step=step.name))
        if meeting.date != vals["date"]:
            raise UserError(
                _("The step's date is the assembly's date (%(date)s).", date=meeting.date)
            )

    @api.model
    def _check_specific(self, candidate, step, vals):
        """What particular steps ask of the candidate."""
        warnings = []
        code = step.code
        if code == "application":
            born = candidate.birth_date_private
            if not born:
                raise UserError(_("Give the candidate's birth date or ID number first."))
            if born + relativedelta(years=ADULT_YEARS) > vals["date"]:
                raise UserError(_("An applicant is at least 18 years old (细则第五条)."))
        elif code == "contacts":
            contacts = candidate.contact_ids
            if not 1 <= len(contacts) <= 2:
                raise UserError(
                    _("Name one or two contacts first (%(article)s).", article=step.article)
                )
        elif code == "sponsors":
            if len(candidate.sponsor_ids) != 2:
                raise UserError(
                    _("Name the two sponsors first (%(article)s).", article=step.article)
                )
            candidate._check_people()
        elif code == "application_form" and not candidate.application_form_number:
            raise UserError(
                _("Write the application form's number first (%(article)s).", article=step.article)
            )
        elif code == "acceptance_assembly":
            leaving = candidate.leaving_date
            if leaving and leaving <= vals["date"] + relativedelta(months=LEAVING_MONTHS):
                message = _(
                    "%(name)s leaves the unit within three months: normally not accepted.",
                    name=candidate.name,
                )
                if not (vals.get("late_reason") or "").strip():
                    raise UserError(_("%(message)s Give the reason to record it.", message=message))
                warnings.append(message)
        return warnings

    @api.model
    def _check_special(self, candidate, step, vals):
        """An extension of the probation, or the end of a development."""
        if not (vals.get("reason") or "").strip():
            raise UserError(
                _("%(step)s: say why (%(article)s).", step=step.name, article=step.article)
            )
        if step.kind == "extension":
            months = vals.get("extension_months") or 0
            if candidate.phase != "probationary":
                raise UserError(
                    _("Only a probation is extended (%(article)s).", article=step.article)
                )
            if candidate.extension_months:
                raise UserError(
                    _("A probation is extended once (%(article)s).", article=step.article)
                )
            if not EXTENSION_MONTHS[0] <= months <= EXTENSION_MONTHS[1]:
                raise UserError(
                    _(
                        "A probation is extended by 6 to 12 months (%(article)s).",
                        article=step.article,
                    )
                )
        elif step.phase == "probationary" and candidate.phase != "probationary":
            raise UserError(_("%(step)s concerns probationary members.", step=step.name))
        elif step.phase != "probationary" and candidate.phase == "probationary":
            raise UserError(
                _("A probationary member's development ends by the committee's cancellation.")
            )

    # ------------------------------------------------------------------
    # After a step
    # ------------------------------------------------------------------
    def _after_taking(self):
        """The member record, the phase and the next person's to-do."""
        self.ensure_one()
        candidate = self.candidate_id.sudo()
        candidate.invalidate_recordset()
        step = self.step_id
        if self.result == "passed":
            if step.code == "approval":
                self._make_member(candidate)
            elif step.code == "conversion_approval" and candidate.member_id:
                candidate.member_id.write(
                    {"state": "full", "full_member_date": candidate.full_member_date}
                )
            elif step.kind == "cancellation" and candidate.member_id:
                # A cancelled probation: the member record leaves (the system's).
                candidate.member_id.write({"status": "left"})
        candidate.message_post(body=self._summary())
        self.candidate_id._schedule_next()

    def _make_member(self, candidate):
        """The 党委's approval: a probationary member of the branch, joined on the
        member assembly's date (the system's record)."""
        if candidate.member_id:
            return
        member = (
            self.env["party.member"]
            .sudo()
            .create(
                {
                    "name": candidate.name,
                    "organization_id": candidate.organization_id.id,
                    "state": "probationary",
                    "join_date": candidate.assembly_date,
                    "gender": candidate.gender,
                    "id_number_private": candidate.id_number_private,
                    "birth_date_private": candidate.birth_date_private,
                }
            )
        )
        candidate.write({"member_id": member.id})

    def _summary_proof(self):
        """The proof of the step in words: the talk, the meeting, the files, the hours,
        the review or the reason."""
        self.ensure_one()
        # The proof's names are part of the line: whoever reads the line reads them
        # (a talk, a meeting or a file of the candidate's branch; hence sudo).
        line = self.sudo()
        return (
            line.talk_id.display_name
            or line.resolution_id.meeting_id.name
            or "、".join(line.attachment_ids.mapped("name"))
            or (self.training_hours and _("%(hours)s hours", hours=self.training_hours))
            or (self.training_days and _("%(days)s days", days=self.training_days))
            or self.review
            or self.reason
            or ""
        )

    def _summary(self):
        """'approval: 2024-03-01 Passed by Zhang (proof)'."""
        self.ensure_one()
        results = dict(self._fields["result"]._description_selection(self.env))
        text = _(
            "%(step)s: %(date)s %(result)s by %(who)s",
            step=self.step_id.name,
            date=self.date,
            result=results[self.result],
            who=self.acted_by_id.name,
        )
        proof = self._summary_proof()
        if proof:
            text += f" ({proof})"
        if self.result == "returned":
            text += f" — {self.return_reason}"
        if self.warning:
            text += f" [{self.warning}]"
        return text


class PartyTalk(models.Model):
    _inherit = "party.talk"

    candidate_id = fields.Many2one(
        "party.candidate",
        index="btree_not_null",
        ondelete="restrict",
        help="A talk with a person in development (an applicant, a development target): "
        "they are not members yet.",
    )
    member_ids = fields.Many2many(required=False)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_development_proof(self):
        _keep_proofs(
            self, "talk_id", _("A talk that proves a step of a member's development is kept.")
        )

    @api.constrains("talker_id", "member_ids", "date", "organization_id")
    def _check_talk(self):
        res = super(PartyTalk, self.filtered(lambda talk: not talk.candidate_id))._check_talk()
        today = fields.Date.context_today(self)
        for talk in self.sudo().filtered("candidate_id"):
            if talk.member_ids:
                raise ValidationError(_("A talk with a candidate is with the candidate alone."))
            if talk.candidate_id.organization_id != talk.organization_id:
                raise ValidationError(_("The talk is recorded by the candidate's branch."))
            if talk.date > today:
                raise ValidationError(_("A talk is recorded once it took place."))
        return res


def _keep_proofs(records, field, message):
    """Refuse deleting ``records`` when a development step line points to them through
    ``field`` (its proof: a talk, a resolution or their meeting)."""
    # Whoever deletes may not read every branch's lines; the refusal is the system's.
    if (
        records.env["party.candidate.step"]
        .sudo()
        .search_count([(field, "in", records.ids)], limit=1)
    ):
        raise UserError(message)


class PartyMeetingResolution(models.Model):
    _inherit = "party.meeting.resolution"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_development_proof(self):
        _keep_proofs(
            self,
            "resolution_id",
            _("A resolution that accepted or converted a member is kept."),
        )


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_development_proof(self):
        _keep_proofs(
            self,
            "resolution_id.meeting_id",
            _("A meeting whose resolution accepted or converted a member is kept."),
        )
