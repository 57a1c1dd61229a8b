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
