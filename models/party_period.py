from collections import defaultdict

from babel.dates import format_skeleton
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse, get_lang

from .party_escalation import STREAK_ADMONISHMENT
from .party_guard import SYSTEM
from .party_labels import selection_labels, system_env

# The transaction changed the closed months (see PartyPeriod._closed_month_starts).
CLOSED_CHANGED = "party.period.closed_changed"
# Branches named in an error message before "and N more".
LISTED = 20


class PartyPeriod(models.Model):
    """A month or a year of evaluations; created when first needed."""

    _name = "party.period"
    _description = "Evaluation Period"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "date_start desc, kind desc"
    # Closing and reopening are the system's moves: ``action_close`` (the committee)
    # and the cron close, ``_reopen`` (the committee's wizard, with a reason, the
    # latest period first) reopens; both check who asks before taking them.
    _transitions = {("open", "closed"): SYSTEM, ("closed", "open"): SYSTEM}
    _initial_state = "open"
    # What the close sets, and what follows from the dates.
    _system_fields = frozenset(
        {"seal", "closed_by_id", "closed_on", "date_end", "year_id", "evaluation_ids"}
    )

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    kind = fields.Selection(
        [("month", "Month"), ("year", "Year")], required=True, default="month", index=True
    )
    # The period as a reader says it, in the language of the context: 2026年10月.
    label = fields.Char(compute="_compute_label")
    date_start = fields.Date(string="Start", required=True, index=True)
    date_end = fields.Date(string="End", compute="_compute_date_end", store=True, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        help="Evaluations of a closed period can no longer be changed.",
    )
    year_id = fields.Many2one(
        "party.period",
        compute="_compute_year_id",
        store=True,
        index=True,
        help="The year period a month belongs to.",
    )
    evaluation_ids = fields.One2many("party.evaluation", "period_id", string="Evaluations")
    seal = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 over the final scores, ranks and pay factors of the period's "
        "evaluations, taken when it was closed.",
    )
    closed_by_id = fields.Many2one("res.users", string="Closed by", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)
    escalation_count = fields.Integer(compute="_compute_escalation_count")
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    _sql_constraints = [
        ("kind_start_uniq", "unique(kind, date_start)", "This period already exists."),
    ]

    @api.constrains("kind", "date_start")
    def _check_date_start(self):
        for period in self:
            if period.date_start.day != 1 or (
                period.kind == "year" and period.date_start.month != 1
            ):
                raise ValidationError(
                    _("A month starts on its first day and a year on the first of January.")
                )

    @api.depends("kind", "date_start")
    def _compute_name(self):
        for period in self:
            if not period.date_start:
                period.name = False
            elif period.kind == "year":
                period.name = f"{period.date_start.year}"
            else:
                period.name = f"{period.date_start.year}-{period.date_start.month:02d}"

    @api.depends("kind", "date_start")
    @api.depends_context("lang")
    def _compute_label(self):
        locale = babel_locale_parse(get_lang(self.env).code)
        for period in self:
            period.label = period.date_start and format_skeleton(
                "y" if period.kind == "year" else "yMMMM", period.date_start, locale=locale
            )

    @api.depends("kind", "date_start")
    def _compute_date_end(self):
        for period in self:
            if not period.date_start:
                period.date_end = False
                continue
            length = relativedelta(years=1) if period.kind == "year" else relativedelta(months=1)
            period.date_end = period.date_start + length - relativedelta(days=1)

    @api.depends("kind", "date_start")
    def _compute_year_id(self):
        months = self.filtered(lambda p: p.kind == "month" and p.date_start)
        (self - months).year_id = False
        if months:
            years = self._get_periods({m.date_start for m in months}, "year")
            for month in months:
                month.year_id = years[month.date_start.replace(month=1)]

    def _compute_evaluation_count(self):
        counts = dict(
            self.env["party.evaluation"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.evaluation_count = counts.get(period, 0)

    def _compute_escalation_count(self):
        if not self.env["party.escalation"].has_access("read"):
            # Members do not read escalations: the period's form shows them none
            # (it failed to open for them).
            self.escalation_count = 0
            return
        counts = dict(
            self.env["party.escalation"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.escalation_count = counts.get(period, 0)

    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        if any(vals.get("state", "open") != "open" for vals in vals_list):
            self._closed_months_changed()
        return periods

    def write(self, vals):
        if {"kind", "date_start"} & vals.keys() and self.evaluation_ids:
            raise UserError(_("The dates of a period that has evaluations cannot change."))
        res = super().write(vals)
        if {"state", "kind", "date_start"} & vals.keys():
            self._closed_months_changed()
        return res

    def unlink(self):
        closed = any(period.state == "closed" for period in self)
        res = super().unlink()
        if closed:
            self._closed_months_changed()
        return res

    @api.model
    def _closed_month_starts(self):
        """The first days of the closed months. Every write of a point entry or a
        meeting asks: cached by the registry (no query) until a period opens, closes or
        moves. The transaction that changes one reads them afresh until it ends; its
        commit clears the cache (and the workers are signalled after it): clearing it
        within the transaction would cost the close, and whatever follows it in the
        same transaction, the whole registry cache in queries."""
        if self.env.cr.postcommit.data.get(CLOSED_CHANGED):
            return self._closed_month_starts_read()
        return self._closed_month_starts_cached()

    @api.model
    @tools.ormcache()
    def _closed_month_starts_cached(self):
        return self._closed_month_starts_read()

    @api.model
    def _closed_month_starts_read(self):
        # The calendar of closed months is the company's, whoever asks.
        self.flush_model(["kind", "state", "date_start"])
        self.env.cr.execute(
            "SELECT date_start FROM party_period WHERE kind = 'month' AND state = 'closed'"
        )
        return frozenset(row[0] for row in self.env.cr.fetchall())

    def _closed_months_changed(self):
        """A period opened, closed or moved: the closed months are read afresh until
        the transaction ends; after its commit the registry's cache is cleared and the
        other workers are signalled (a rollback forgets it all). Signalled here, after
        the commit, whatever commits: a cron signals its changes before its commit, and
        a worker signalled then could cache the months as they were before it."""
        data = self.env.cr.postcommit.data
        if not data.get(CLOSED_CHANGED):
            data[CLOSED_CHANGED] = True
            registry = self.env.registry

            def signal():
                registry.clear_cache()
                registry.signal_changes()

            self.env.cr.postcommit.add(signal)

    def _check_transition(self, new_state, vals):
        if not self.env.su and self._transitions.get((self[:1].state, new_state)):
            raise UserError(_("Close or reopen a period with its buttons."))
        return super()._check_transition(new_state, vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_evaluation_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id, "search_default_group_state": 0}
        return action

    def action_create_evaluations(self):
        """Create the missing evaluations of these periods for every active branch."""
        self.env["party.evaluation"].check_access("create")
        created = self.env["party.evaluation"]._create_for_periods(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if created else "info",
                "message": _("%(count)s evaluations created.", count=len(created)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_close(self):
        """Close the periods: ranks, pay factors, escalations, seal. Refused while
        evaluations are not reviewed. Idempotent."""
        self._check_committee()
        self._close()
        return True

    def action_force_close(self):
        """Close even though some evaluations are not reviewed; each of them is
        recorded as such in its chatter."""
        self._check_committee()
        self._close(force=True)
        return True

    def action_reopen(self):
        self._check_committee()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reopen Period"),
            "res_model": "party.period.reopen",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_check_seal(self):
        self.ensure_one()
        changed = self._check_seal()
        if changed:
            message = _(
                "The period %(period)s was changed after it was closed: %(names)s.",
                period=self.name,
                names=", ".join(changed),
            )
            self.message_post(body=message)
        else:
            message = _("The seal of %(period)s is intact.", period=self.name)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "danger" if changed else "success",
                "message": message,
                "sticky": bool(changed),
            },
        }

    def action_view_escalations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_escalation_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Monthly and annual close
    # ------------------------------------------------------------------
    def _check_committee(self):
        if not (self.env.su or self.env.user.has_group("party_quant.group_party_committee")):
            raise AccessError(_("Only the party committee closes and reopens periods."))

    def _close(self, force=False):
        """Close each period once, in date order. A second close (or a concurrent
        one, which waits for the lock) finds the period closed and does nothing."""
        if not self:
            return
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM party_period WHERE id IN %s ORDER BY id FOR UPDATE", tuple(self.ids)
            )
        )
        self.invalidate_recordset(["state"])
        for period in self.sorted(lambda p: (p.date_start, p.kind != "month")):
            if period.state != "closed":
                period._close_one(force)

    def _previous(self):
        return self._shifted(-1)

    def _next(self):
        return self._shifted(1)

    def _shifted(self, count):
        """The period of the same kind ``count`` months (or years) away, if it exists."""
        self.ensure_one()
        step = relativedelta(years=count) if self.kind == "year" else relativedelta(months=count)
        return self.search([("kind", "=", self.kind), ("date_start", "=", self.date_start + step)])

    def _close_one(self, force):
        self.ensure_one()
        Evaluation = self.env["party.evaluation"]
        previous = self._previous()
        if previous.state == "open" and previous.evaluation_count:
            raise UserError(
                _("Close %(previous)s before %(period)s.", previous=previous.name, period=self.name)
            )
        if self.kind == "year":
            open_months = self.search(
                [("year_id", "=", self.id), ("state", "=", "open"), ("evaluation_ids", "!=", False)]
            )
            if open_months:
                raise UserError(
                    _(
                        "Close the months of %(year)s first: %(months)s.",
                        year=self.name,
                        months=", ".join(open_months.sorted("date_start").mapped("name")),
                    )
                )
        # Only the unreviewed are loaded: the close costs the same for any number of branches.
        unreviewed = Evaluation.search([("period_id", "=", self.id), ("state", "!=", "reviewed")])
        if unreviewed and not force:
            names = unreviewed.organization_id.sorted("complete_name").mapped("name")
            listed = ", ".join(names[:LISTED])
            if len(names) > LISTED:
                listed = _("%(names)s and %(more)s more", names=listed, more=len(names) - LISTED)
            raise UserError(
                _(
                    "%(period)s cannot be closed: %(count)s evaluations are not reviewed "
                    "(%(names)s). Finish them, or force the close.",
                    period=self.name,
                    count=len(names),
                    names=listed,
                )
            )
        # What the close writes in the records is in the company's language (the
        # cron has none); the errors above are in the user's.
        env = system_env(self).env
        if unreviewed:
            note = env._(
                "Not reviewed when %(period)s was closed by %(user)s.",
                period=self.with_env(env).label,
                user=self.env.user.name,
            )
            # The committee closes; the note belongs to each evaluation's history.
            unreviewed.sudo()._message_log_batch(bodies={e.id: note for e in unreviewed})
        # Ranks, pay linkage, last places, streaks and the seal's digests: one statement.
        Evaluation._close_evaluations(
            self, previous, STREAK_ADMONISHMENT if self.kind == "month" else 10**6
        )
        if self.kind == "year":
            Evaluation._mark_honors(self)
        self.env["party.escalation"]._sync_for_period(self)
        # The close's move and outputs are the system's (SYSTEM in the table); who may
        # close was checked by action_close (the committee) or is the cron.
        self.with_env(env).sudo().write(
            {
                "state": "closed",
                "closed_by_id": self.env.user.id,
                "closed_on": fields.Datetime.now(),
            }
        )
        self._seal()
        self.with_env(env).message_post(
            body=env._("Closed with %(count)s evaluations not reviewed.", count=len(unreviewed))
            if unreviewed
            else env._("Closed.")
        )

    def _seal(self):
        """The period's seal over its evaluations' digests (written by the close with
        the ranks: ``party.evaluation._close_evaluations``), one query."""
        self.env["party.evaluation"].flush_model(["seal_digest"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_period SET seal = (
                       SELECT encode(sha256(convert_to(
                                  COALESCE(string_agg(seal_digest, ',' ORDER BY id), ''),
                                  'UTF8')), 'hex')
                         FROM party_evaluation WHERE period_id = %s)
                    WHERE id = %s""",
                self.id,
                self.id,
            )
        )
        self.invalidate_recordset(["seal"])

    def _check_seal(self):
        """Names of the evaluations whose final score, rank, state or pay factor
        changed since the close (or of the period, if rows were added or removed)."""
        self.ensure_one()
        if self.state != "closed" or not self.seal:
            return []
        self.env["party.evaluation"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT name FROM party_evaluation
                    WHERE period_id = %s AND seal_digest IS DISTINCT FROM %s ORDER BY name""",
                self.id,
                self.env["party.evaluation"]._seal_digest_sql(),
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """SELECT encode(sha256(convert_to(
                              COALESCE(string_agg(seal_digest, ',' ORDER BY id), ''),
                              'UTF8')), 'hex')
                     FROM party_evaluation WHERE period_id = %s""",
                self.id,
            )
        )
        if self.env.cr.fetchone()[0] != self.seal and not changed:
            changed = [self.name]
        return changed

    def _reopen(self, reason):
        """Reopen closed periods (committee, with a reason); re-closing recomputes."""
        self._check_committee()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for reopening."))
        for period in self:
            if period.state != "closed":
                raise UserError(_("%(period)s is not closed.", period=period.name))
            if period._next().state == "closed":
                raise UserError(
                    _(
                        "Reopen %(next)s before %(period)s.",
                        next=period._next().name,
                        period=period.name,
                    )
                )
        # Reopening is the system's move (SYSTEM in the table), taken here once the
        # committee, the reason and the order of the periods are checked.
        self.sudo().write(
            {"state": "open", "seal": False, "closed_by_id": False, "closed_on": False}
        )
        for period in self:
            period.message_post(body=_("Reopened: %(reason)s", reason=reason))

    @api.model
    def _cron_close_months(self):
        """Daily: close the previous month once every evaluation is reviewed (when
        the setting is on)."""
        params = self.env["ir.config_parameter"].sudo()
        if not params.get_param("party_quant.auto_close"):
            return
        # A cron has no language: what it writes is in the company's.
        self = system_env(self)  # noqa: PLW0642
        today = fields.Date.context_today(self)
        month = self.search(
            [
                ("kind", "=", "month"),
                ("state", "=", "open"),
                ("date_start", "=", (today - relativedelta(months=1)).replace(day=1)),
            ]
        )
        if (
            month
            and month.evaluation_ids
            and not month.evaluation_ids.filtered(lambda e: e.state != "reviewed")
        ):
            month._close()  # its state's write signals the workers after the commit
        self.env["ir.cron"]._notify_progress(done=len(month), remaining=0)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _get_periods(self, dates, kind="month"):
        """Return {first day: period} for the periods of ``kind`` holding ``dates``,
        creating those that do not exist yet (two queries whatever the count)."""
        starts = {
            fields.Date.to_date(d).replace(day=1, **({"month": 1} if kind == "year" else {}))
            for d in dates
        }
        # Periods are shared reference data; whoever needs one may cause it to exist.
        Period = self.sudo().with_context(active_test=False)
        found = {
            p.date_start: p
            for p in Period.search([("kind", "=", kind), ("date_start", "in", list(starts))])
        }
        missing = sorted(starts - found.keys())
        if missing:
            for period in Period.create([{"kind": kind, "date_start": d} for d in missing]):
                found[period.date_start] = period
        return {start: found[start].with_env(self.env) for start in starts}

    @api.model
    def _get_period(self, date, kind="month"):
        return next(iter(self._get_periods([date], kind).values()))

    def _check_open(self):
        closed = self.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(
                _(
                    "The period %(period)s is closed: its evaluations can no longer change.",
                    period=", ".join(closed.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Report data (PDF and Excel)
    # ------------------------------------------------------------------
    def _ranking_tables(self):
        """The period's ranking as one table per branch type: reviewed branches by
        rank, then the others; for a month, the change against the previous month and
        the month's escalations. Three searches whatever the number of branches."""
        self.ensure_one()
        Evaluation = self.env["party.evaluation"]
        evaluations = Evaluation.search([("period_id", "=", self.id)]).sorted(
            lambda e: (
                e.branch_type_id.sequence,
                e.branch_type_id.id,
                e.state != "reviewed",
                e.rank_in_type or 0,
                e.organization_id.name or "",
            )
        )
        previous = {
            e.organization_id.id: e
            for e in Evaluation.search(
                [("period_id", "in", self._shifted(-1).ids), ("state", "=", "reviewed")]
            )
        }
        escalations = defaultdict(list)
        kinds = selection_labels(self.env, "party.escalation", "kind")
        for escalation in self.env["party.escalation"].search(
            [("period_id", "=", self.id), ("state", "!=", "cancelled")]
        ):
            escalations[escalation.organization_id.id].append(kinds[escalation.kind])
        tables = []
        for branch_type, group in evaluations.grouped("branch_type_id").items():
            rows = []
            for evaluation in group:
                before = previous.get(evaluation.organization_id.id)
                reviewed = evaluation.state == "reviewed"
                rows.append(
                    {
                        "evaluation": evaluation,
                        "reviewed": reviewed,
                        "rank": evaluation.rank_in_type if reviewed else False,
                        "previous_rank": before.rank_in_type if before else False,
                        "rank_change": before.rank_in_type - evaluation.rank_in_type
                        if before and reviewed and before.rank_in_type and evaluation.rank_in_type
                        else False,
                        "score_change": evaluation.final_score - before.final_score
                        if before and reviewed
                        else False,
                        "escalations": escalations.get(evaluation.organization_id.id, []),
                        "streak_note": _("last %(count)s in a row", count=evaluation.last_streak)
                        if evaluation.last_streak > 1
                        else "",
                    }
                )
            reviewed = [row["evaluation"].final_score for row in rows if row["reviewed"]]
            average = "%.2f" % (sum(reviewed) / len(reviewed) if reviewed else 0.0)
            tables.append(
                {
                    "branch_type": branch_type,
                    "rows": rows,
                    "summary": _(
                        "%(count)s reviewed, average %(average)s",
                        count=len(reviewed),
                        average=average,
                    ),
                }
            )
        return tables

    def _pay_linkage_rows(self):
        """The month's evaluations with what the close froze for HR, by general branch
        and branch."""
        self.ensure_one()
        return (
            self.env["party.evaluation"]
            .search([("period_id", "=", self.id)])
            .sorted(lambda e: (e.general_branch_id.name or "", e.organization_id.name or ""))
        )
