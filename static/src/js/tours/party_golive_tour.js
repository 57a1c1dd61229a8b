import { registry } from "@web/core/registry";

// The committee walks the first-run checklist (设置向导) on an empty database at 1440 px
// (tests/test_golive.py): each step says done or not done and opens its screen; the
// organization sheet is imported from the step's screen and the checklist follows.
const ORGANIZATIONS = [
    "组织代码,组织名称,上级组织代码,组织类别,支部类型",
    "T,泉州公司党委,,党委,",
    "T01,营销党总支,T,党总支,",
    "T01001,第一党支部,T01,党支部,服务型",
    "T01002,第二党支部,T01,党支部,生产型",
].join("\n");

function step(name, state) {
    return `.o_party_setup_step[data-step='${name}'] .o_party_setup_${state}`;
}

registry.category("web_tour.tours").add("party_quant_golive_checklist", {
    url: "/odoo/action-party_quant.party_setup_checklist_action",
    steps: () => [
        {
            content: "The shipped criteria and handbook are there: those steps are done",
            trigger: `${step("criteria", "done")}, ${step("rules", "done")}`,
        },
        {
            content: "No organization yet: that step is not done",
            trigger: step("organizations", "todo"),
        },
        {
            content: "No member yet",
            trigger: step("members", "todo"),
        },
        {
            content: "Open the organizations step's screen: the import",
            trigger: ".o_party_setup_step[data-step='organizations'] button[name='action_step']",
            run: "click",
        },
        {
            content: "A new import of the organization sheet",
            trigger: ".o_form_view .o_field_widget[name='kind'] select",
            run() {
                const value = this.anchor.value;
                if (!value.includes("organizations")) {
                    throw new Error(`The import opened as ${value}, not organizations`);
                }
            },
        },
        {
            content: "Choose the company's sheet",
            trigger: ".o_form_view .o_field_widget[name='file'] input[type='file']:not(:visible)",
            async run() {
                const file = new File([ORGANIZATIONS], "organizations.csv", { type: "text/csv" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is chosen: the dry run",
            trigger: "button.o_party_import_check",
            run: "click",
        },
        {
            content: "Clean: import it",
            trigger: "button.o_party_import_run",
            run: "click",
        },
        {
            content: "Imported",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "Back to the checklist",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The organizations step is done now",
            trigger: step("organizations", "done"),
        },
        {
            content: "The committee exists and the company is named",
            trigger: step("company", "done"),
        },
        {
            content: "Confirm the key settings",
            trigger: ".o_party_setup_step[data-step='settings'] button[name='action_confirm_settings']",
            run: "click",
        },
        {
            content: "Settings confirmed",
            trigger: step("settings", "done"),
        },
        {
            content: "The first month is still to open",
            trigger: step("period", "todo"),
        },
    ],
});
