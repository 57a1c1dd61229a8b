import { registry } from "@web/core/registry";

// A member taps the messenger card's button on a phone: the 免登 link signs them in
// (no password) and lands on the record.
registry.category("web_tour.tours").add("party_quant_messenger_login", {
    steps: () => [
        {
            content: "Signed in, the record is shown",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('M11b'), .o_form_view .o_field_widget[name='name'] input:value('M11b')",
        },
        {
            content: "On the member's own record, no sign-in page",
            trigger: "body:not(:has(.oe_login_form))",
        },
    ],
});
