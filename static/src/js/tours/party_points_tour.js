import { registry } from "@web/core/registry";

// Triggers use field names and values, not labels: the tours run in the users' language.

// 1. A member on a 412 px phone finds their rejected claim with its reason, fixes it
//    with the visible button and submits it again.
registry.category("web_tour.tours").add("party_quant_points_resubmit", {
    steps: () => [
        {
            content: "The workbench counts the rejected claim",
            trigger: ".o_party_member_workbench a[name='action_open_claims']:has(.text-bg-danger)",
            run: "click",
        },
        {
            content: "Open the rejected claim",
            trigger: ".o_kanban_record:contains('Tour praise rule')",
            run: "click",
        },
        {
            content: "The reason of the rejection is on the form",
            trigger: ".o_form_view .alert-danger:contains('The photo is of another day')",
        },
        {
            content: "Fix and resubmit is a visible button",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_revise']:visible",
            run: "click",
        },
        {
            content: "Back to a draft; the reason stays in sight",
            trigger: ".o_form_view .o_party_rejected_before:contains('The photo is of another day')",
        },
        {
            content: "Fix what was wrong",
            trigger: ".o_form_view .o_field_widget[name='description'] textarea",
            run: "edit Praised by the client on 10 June, letter attached",
        },
        {
            content: "Submit again",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit']:visible",
            run: "click",
        },
        {
            content: "The claim is submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// 2. A branch officer (1440 px) records a deduction in one form from the entries list.
registry.category("web_tour.tours").add("party_quant_points_deduction", {
    steps: () => [
        {
            content: "Record a deduction from the entries list",
            trigger: "button.o_party_record_deduction",
            run: "click",
        },
        {
            content: "Choose the member among the branch's members",
            trigger: ".modal .o_field_widget[name='member_id'] input",
            run: "edit Tour Deducted",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Deducted Member')",
            run: "click",
        },
        {
            content: "Deduction rules are offered",
            trigger: ".modal .o_field_widget[name='rule_id'] input",
            run: "edit Tour absence",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour absence rule')",
            run: "click",
        },
        {
            content: "The points come from the rule",
            trigger: ".modal .o_field_widget[name='points'] input:value(-2.0)",
        },
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name='description'] textarea",
            run: "edit Absent from three meetings without leave",
        },
        {
            content: "Record it: one step",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The deduction is recorded and submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='member_id']:contains('Tour Deducted Member')",
        },
    ],
});

// 3. A general-branch officer (1440 px) finds the appeal on the workbench and adds the
//    missing credit (漏记) with its own rule, in the decision dialog.
registry.category("web_tour.tours").add("party_quant_points_appeal_missing", {
    steps: () => [
        {
            content: "The workbench counts the appeal to decide",
            trigger: ".o_party_workbench a[name='action_open_appeals']:has(.text-bg-warning)",
            run: "click",
        },
        {
            content: "Open the appeal",
            trigger: ".o_list_view .o_data_row:contains('Tour Appealing Member') .o_data_cell",
            run: "click",
        },
        {
            content: "Decide",
            trigger: ".o_form_view button[name='action_decide']",
            run: "click",
        },
        {
            content: "A missing credit",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='missing']",
            run: "click",
        },
        {
            content: "Its rule",
            trigger: ".modal .o_field_widget[name='rule_id'] input",
            run: "edit Tour example",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour example rule')",
            run: "click",
        },
        {
            content: "4 points, within that rule's range",
            trigger: ".modal .o_field_widget[name='points'] input",
            run: "edit 4",
        },
        {
            trigger: ".modal .o_field_widget[name='decision'] textarea",
            run: "edit The volunteer day of 12 June was not recorded",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The appeal is corrected with the new entry",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='corrected']",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='correction_line_id']:contains('Tour example rule')",
        },
    ],
});
