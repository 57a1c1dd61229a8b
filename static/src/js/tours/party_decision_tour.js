import { registry } from "@web/core/registry";

// The meeting form's header on a phone: Odoo moves the buttons into the ⚙ menu of the
// control panel unless the form keeps them visible; open the menu only when the
// button is not already shown.
function showHeaderButton(name) {
    return {
        content: "The meeting's buttons are at hand",
        trigger: ".o_form_view .o_form_sheet_bg",
        run() {
            const button = document.querySelector(`.o_form_view button[name='${name}']`);
            if (!button || !button.offsetParent) {
                document.querySelector(".o_control_panel .o_cp_action_menus button:has(.fa-cog)")?.click();
            }
        },
    };
}

// 1. A member on a phone asks for leave from a planned meeting (请假).
registry.category("web_tour.tours").add("party_quant_member_leave", {
    steps: () => [
        showHeaderButton("action_request_leave"),
        {
            content: "Ask for leave",
            trigger: "button[name='action_request_leave']",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Business trip to the provincial company",
        },
        {
            content: "Send the request",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog closes: the request is sent",
            trigger: "body:not(:has(.modal .o_field_widget[name='reason']))",
        },
    ],
});

// 2. The officer decided (server side): the member finds the decision in the inbox.
registry.category("web_tour.tours").add("party_quant_member_leave_decision", {
    steps: () => [
        {
            content: "The workbench counts the notices addressed to the member",
            trigger: ".o_party_member_workbench a[name='action_open_inbox'] .badge:not(:contains('0'))",
            run: "click",
        },
        {
            content: "Open the inbox (收件箱) of Discuss on the phone",
            trigger: ".o-mail-Discuss button:contains('收件箱')",
            run: "click",
        },
        {
            content: "The decision on the leave is in the inbox, from the secretary",
            trigger: ".o-mail-Message:contains('Tour leave meeting'):contains('Leave Secretary')",
        },
    ],
});

// 3. A member prints their own points handbook from the Print menu of their record.
registry.category("web_tour.tours").add("party_quant_member_handbook", {
    steps: () => [
        {
            content: "The member's own record is open",
            trigger: ".o_form_view:contains('Handbook Member')",
        },
        {
            content: "Open the Action menu (⚙)",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "The Print entries (a submenu when there are several)",
            trigger: ".o-dropdown--menu .fa-print",
            run() {
                const items = [...document.querySelectorAll(".o-dropdown--menu .o_menu_item")];
                if (!items.some((item) => item.textContent.includes("积分手册"))) {
                    document.querySelector(".o-dropdown--menu button:has(.fa-print)")?.click();
                }
            },
        },
        {
            content: "Print the points handbook",
            trigger: ".o-dropdown--menu .o_menu_item:contains('积分手册')",
            run: "click",
        },
        {
            content: "The print is made without an error",
            trigger: "body:not(:has(.o_blockUI)):not(:has(.o_error_dialog))",
        },
    ],
});
