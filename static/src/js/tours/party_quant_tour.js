import { registry } from "@web/core/registry";

// A general-branch officer transfers a member between two of their branches.
registry.category("web_tour.tours").add("party_quant_member_transfer", {
    steps: () => [
        {
            content: "Open the member",
            trigger: ".o_list_view .o_data_cell:contains('Tour Member')",
            run: "click",
        },
        {
            content: "Start the transfer",
            trigger: ".o_form_view button.o_party_member_transfer",
            run: "click",
        },
        {
            content: "Choose the new branch",
            trigger: ".modal .o_field_widget[name='organization_id'] input",
            run: "edit Tour Branch B",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Branch B')",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] input",
            run: "edit Job rotation",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The form shows the new branch and the history keeps the old one",
            trigger: ".o_form_view .o_field_widget[name='organization_id']:contains('Tour Branch B')",
        },
        {
            trigger: ".o_field_widget[name='membership_ids'] .o_data_row:contains('Tour Branch A')",
        },
    ],
});

// Triggers use field names and values, not labels: the tours run in the users' language.
// A branch officer opens the evaluation kanban, fills the self scores and submits.
const SELF_SCORES = [15, 9, 5, 10, 55];

registry.category("web_tour.tours").add("party_quant_evaluation_self", {
    steps: () => [
        {
            content: "The kanban shows the evaluation in the first column, self-assessment",
            trigger: ".o_kanban_group:first-child .o_kanban_record:contains('Tour Branch A')",
            run: "click",
        },
        ...SELF_SCORES.flatMap((score, index) => [
            {
                content: `Score criterion ${index + 1}`,
                trigger: `.o_field_widget[name='line_ids'] .o_data_row:nth-child(${index + 1}) td[name='self_score']`,
                run: "click",
            },
            {
                trigger: `.o_field_widget[name='line_ids'] .o_data_row:nth-child(${index + 1}).o_selected_row [name='self_score'] input`,
                run: `edit ${score}`,
            },
        ]),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Submit the self-assessment",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "It waits for the general branch now",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='self_assessed']",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_submit']))",
        },
    ],
});

// The general-branch officer finds it under My Activities and approves.
registry.category("web_tour.tours").add("party_quant_evaluation_approve", {
    steps: () => [
        {
            content: "Open My Activities (the clock in the systray)",
            trigger: ".o_menu_systray .fa-clock-o",
            run: "click",
        },
        {
            content: "Branch evaluations waiting for me",
            trigger: ".o-mail-ActivityGroup[data-model_name='party.evaluation']",
            run: "click",
        },
        {
            content: "Open the evaluation",
            trigger: ".o_data_row:contains('Tour Branch A') .o_data_cell",
            run: "click",
        },
        {
            content: "The preliminary scores start from the self scores",
            trigger: ".o_field_widget[name='preliminary_total']:contains('94.00')",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='preliminary']",
        },
    ],
});

// A member claims points from "My Points" with an evidence file and submits.
registry.category("web_tour.tours").add("party_quant_points_claim", {
    steps: () => [
        {
            content: "New claim",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the rule",
            trigger: ".o_field_widget[name='rule_id'] input",
            run: "edit Tour deed",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour deed')",
            run: "click",
        },
        {
            content: "The points come from the rule",
            trigger: ".o_field_widget[name='points'] input:value(3.0)",
        },
        {
            content: "Say what was done",
            trigger: ".o_field_widget[name='description'] textarea",
            run: "edit Helped an elderly customer at night",
        },
        {
            content: "Attach a photo as evidence (the file input itself is hidden)",
            trigger: ".o_field_widget[name='attachment_ids']",
            async run() {
                const input = document.querySelector(
                    ".o_field_widget[name='attachment_ids'] input[type='file']"
                );
                const file = new File(["evidence"], "evidence.png", { type: "image/png" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The photo shows in the evidence (party_evidence widget)",
            trigger: ".o_field_widget[name='attachment_ids'] .o_party_evidence_item:contains('evidence.png')",
        },
        {
            content: "Submit",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// The branch officer approves it from the entries waiting for approval.
registry.category("web_tour.tours").add("party_quant_points_approve", {
    steps: () => [
        {
            content: "The claim waits for approval",
            trigger: ".o_data_row:contains('Tour Member') .o_data_cell",
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='approved']",
        },
    ],
});

// The committee opens the cockpit, goes from its card to the month's evaluations, then
// finds the PDF and Excel rankings in the Print menu of a period.
registry.category("web_tour.tours").add("party_quant_cockpit", {
    steps: () => [
        {
            content: "The committee's card shows the month's progress",
            trigger: ".o_kanban_record:has(.progress-bar):contains('Tour Cockpit Committee')",
        },
        {
            content: "Open the month's evaluations from the card",
            trigger:
                ".o_kanban_record:contains('Tour Cockpit Committee') button[name='action_open_evaluations']",
            run: "click",
        },
        {
            content: "The list shows the branch's evaluation",
            trigger: ".o_list_view .o_data_row:contains('Tour Cockpit Branch')",
        },
        {
            content: "Open the periods",
            trigger: ".o_menu_sections button[data-menu-xmlid='party_quant.party_quant_menu_evaluation']",
            run: "click",
        },
        {
            trigger: ".dropdown-menu a[data-menu-xmlid='party_quant.party_period_menu']",
            run: "click",
        },
        {
            // The periods' list (with its start dates), not the evaluations' list still
            // shown while the menu's action loads.
            content: "Select a period",
            trigger:
                ".o_list_view .o_data_row:first:has(td[name='date_start']) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the Print menu",
            trigger: ".o_control_panel button.dropdown-toggle:has(.fa-print)",
            run: "click",
        },
        {
            content: "The PDF and Excel rankings are offered",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Excel')",
        },
    ],
});
