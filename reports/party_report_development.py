from collections import defaultdict

from odoo import _, fields, models


class PartyReportCandidateRecord(models.AbstractModel):
    """发展党员工作记录: one person's development, every step with its date, who acted
    and the proof."""

    _name = "report.party_quant.report_candidate_record"
    _inherit = "report.party_quant.abstract"
    _description = "Member Development Record"

    def _report_values(self, docs, data):
        phases = dict(docs._fields["phase"]._description_selection(self.env))
        results = dict(
            self.env["party.candidate.step"]._fields["result"]._description_selection(self.env)
        )
        return {"phases": phases, "results": results}


class PartyReportDevelopmentXlsx(models.AbstractModel):
    """发展党员统计 (Excel): the selected candidates by branch and phase, with this year's
    acceptances and conversions and the overdue steps; then one row per candidate."""

    _name = "report.party_quant.report_development_xlsx"
    _inherit = "report.party_quant.abstract_xlsx"
    _description = "Member Development Statistics (Excel)"

    def generate_xlsx_report(self, workbook, data, candidates):
        formats = self._formats(workbook)
        year = fields.Date.context_today(self).year
        phases = dict(candidates._fields["phase"]._description_selection(self.env))
        by_branch = defaultdict(lambda: defaultdict(int))
        for candidate in candidates:
            counts = by_branch[candidate.organization_id]
            counts[candidate.phase] += 1
            counts["accepted"] += bool(
                candidate.approval_date and candidate.approval_date.year == year
            )
            counts["converted"] += bool(
                candidate.full_member_date and candidate.full_member_date.year == year
            )
            counts["overdue"] += candidate.overdue
        keys = [*phases, "accepted", "converted", "overdue"]
        columns = [(_("Branch"), 28, "text")] + [(phases[key], 10, "int") for key in phases]
        columns += [
            (_("Accepted This Year"), 11, "int"),
            (_("Converted This Year"), 11, "int"),
            (_("Overdue"), 9, "int"),
        ]
        rows = [
            [branch.display_name] + [counts[key] for key in keys]
            for branch, counts in sorted(by_branch.items(), key=lambda item: item[0].complete_name)
        ]
        rows.append([_("Total")] + [sum(row[i + 1] for row in rows) for i in range(len(keys))])
        title = " · ".join((self.env.company.name, _("Member Development Statistics"), str(year)))
        self._write_sheet(workbook, formats, _("By Branch"), title, columns, rows)
        people = [
            (_("Full Name"), 12, "text"),
            (_("Branch"), 24, "text"),
            (_("Phase"), 12, "text"),
            (_("Current Step"), 22, "text"),
            (_("Window Closes"), 12, "date"),
            (_("Application Date"), 12, "date"),
            (_("Activist Date"), 12, "date"),
            (_("Development Target Since"), 12, "date"),
            (_("Accepted by the Assembly"), 12, "date"),
            (_("Full Member Date"), 12, "date"),
        ]
        lines = [
            [
                c.name,
                c.organization_id.display_name,
                phases.get(c.phase, ""),
                c.current_step_id.display_name or "",
                c.next_due_date,
                c.application_date,
                c.activist_date,
                c.target_date,
                c.assembly_date,
                c.full_member_date,
            ]
            for c in candidates.sorted(lambda c: (c.organization_id.complete_name, c.name))
        ]
        self._write_sheet(workbook, formats, _("Candidates"), title, people, lines)
        self._write_plan_sheet(workbook, formats, title, year)

    def _write_plan_sheet(self, workbook, formats, title, year):
        """The year's approved plans against the actuals, one row per line the reader
        may read (their own organizations; the committee every line)."""
        rows = self.env["party.development.plan.report"]._search_fresh(
            [("year", "=", year), ("state", "=", "approved")]
        )
        columns = [
            (_("Plan"), 24, "text"),
            (_("Organization"), 28, "text"),
            (_("Planned Acceptances"), 11, "int"),
            (_("Accepted"), 11, "int"),
            (_("Remaining"), 11, "int"),
            (_("Planned Development Targets"), 11, "int"),
            (_("Development Targets"), 11, "int"),
            (_("Converted"), 11, "int"),
        ]
        lines = [
            [
                row.plan_id.sudo().name,  # the plan's name, read with its line
                row.organization_id.display_name,
                row.planned,
                row.accepted,
                row.remaining,
                row.planned_targets,
                row.targets,
                row.converted,
            ]
            for row in rows.sorted(lambda r: (r.plan_id.id, r.organization_id.complete_name))
        ]
        self._write_sheet(workbook, formats, _("Plan against Actual"), title, columns, lines)
