import { registry } from "@web/core/registry";
import { formView } from "@web/views/form/form_view";
import { FormCompiler } from "@web/views/form/form_compiler";

/**
 * On a phone (env.isSmall) Odoo moves every button of a form's <header> into the
 * ⚙ menu, where members and officers do not find Submit, Approve or Publish. The
 * forms of the party app that people act on from a phone (js_class="party_phone_form")
 * keep their header buttons visible above the sheet, and the ⚙ menu does not repeat
 * them.
 */
export class PartyPhoneFormCompiler extends FormCompiler {
    compileHeader(el, params) {
        const compiled = super.compileHeader(el, params);
        if (params.asDropdownItems) {
            // The ⚙ menu's copy of the buttons: none, they are shown in the form.
            return document.createElement("StatusBarDropdownItems");
        }
        for (const node of compiled.querySelectorAll("StatusBarButtons")) {
            node.removeAttribute("t-if");
            node.setAttribute("t-if", "true");
        }
        return compiled;
    }
}

export const partyPhoneFormView = {
    ...formView,
    Compiler: PartyPhoneFormCompiler,
};

registry.category("views").add("party_phone_form", partyPhoneFormView);
